// The baseline operators run today (docs/link-health.md "The baseline"):
// SONiC's FEC frame-loss ratio over the codeword-error histogram of the last
// `window` telemetry intervals, predicted (predicted_flr: a log-linear fit
// over bins 1..t extrapolated to t + 1) and observed (uncorrectable / all).
// It alarms while the larger of the two reaches `threshold`, and only once
// it holds `warmup` intervals: a fit over the first few intervals' handful
// of codewords is no measurement. Shared by the pod's telemetry and the
// link_health study, so both report the same baseline.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace sb {

class flr_baseline {
 public:
  // fec_t: correctable symbols; window, warmup: intervals (warmup is capped at window).
  flr_baseline(int fec_t, uint32_t window, uint32_t warmup, double threshold);
  // One interval's histogram: hist[0..t] (codewords with i symbol errors; a
  // shorter vector leaves the higher bins 0) and its uncorrectable codewords.
  // Returns whether the alarm is on after it.
  bool add(const std::vector<uint64_t>& hist, uint64_t uncorr);
  // `n` clean intervals holding `codewords` codewords in all (every one in bin 0).
  bool add_clean(uint64_t n, uint64_t codewords);
  bool on() const { return on_; }
  double predicted() const { return predicted_; }
  double observed() const { return observed_; }
  uint32_t held() const { return held_; }  // intervals in the window
  bool clean() const;                      // no codeword in the window had an error

 private:
  struct slot {
    std::vector<uint64_t> h;  // bins 0..t, then the uncorrectable codewords
    uint64_t intervals = 1;   // a run of clean intervals is one slot
    bool clean = true;        // every bin above 0 is 0
  };
  bool settle();  // the oldest intervals leave the window; the FLRs and the alarm again
  int t_;
  uint32_t window_, warmup_;
  double threshold_;
  std::deque<slot> q_;  // oldest first, window_ intervals at most
  uint32_t held_ = 0;
  std::vector<uint64_t> sum_;
  double predicted_ = 0, observed_ = 0;
  bool on_ = false;
};

}  // namespace sb
