#include "sb_flr_baseline.h"

#include <algorithm>

#include "sb_telemetry_core.h"

namespace sb {

flr_baseline::flr_baseline(int fec_t, uint32_t window, uint32_t warmup, double threshold)
    : t_(fec_t), window_(std::max<uint32_t>(1, window)), warmup_(std::min(warmup, window_)), threshold_(threshold),
      sum_(size_t(fec_t) + 2, 0) {}

bool flr_baseline::add(const std::vector<uint64_t>& hist, uint64_t uncorr) {
  bool errored = uncorr > 0;
  for (size_t i = 1; i < hist.size() && i <= size_t(t_); ++i) errored = errored || hist[i] > 0;
  if (!errored) return add_clean(1, hist.empty() ? 0 : hist[0]);
  slot s;
  s.h.assign(size_t(t_) + 2, 0);
  for (size_t i = 0; i < hist.size() && i <= size_t(t_); ++i) s.h[i] = hist[i];
  s.h[size_t(t_) + 1] = uncorr;
  s.clean = false;
  for (size_t i = 0; i < sum_.size(); ++i) sum_[i] += s.h[i];
  held_ += 1;
  q_.push_back(std::move(s));
  return settle();
}

bool flr_baseline::add_clean(uint64_t n, uint64_t codewords) {
  if (n == 0) return on_;
  if (n > window_) {  // only the last window_ of them stay
    codewords = codewords / n * window_;
    n = window_;
  }
  if (q_.empty() || !q_.back().clean) {  // clean intervals in a row are one run
    slot s;
    s.h.assign(size_t(t_) + 2, 0);
    s.intervals = 0;
    q_.push_back(std::move(s));
  }
  q_.back().h[0] += codewords;
  q_.back().intervals += n;
  sum_[0] += codewords;
  held_ += uint32_t(n);
  return settle();
}

bool flr_baseline::clean() const {
  for (size_t i = 1; i < sum_.size(); ++i)
    if (sum_[i]) return false;
  return true;
}

bool flr_baseline::settle() {
  while (held_ > window_) {  // the oldest intervals leave (a clean run may leave in part)
    slot& o = q_.front();
    const uint64_t over = held_ - window_;
    if (o.intervals <= over) {
      for (size_t i = 0; i < sum_.size(); ++i) sum_[i] -= o.h[i];
      held_ -= uint32_t(o.intervals);
      q_.pop_front();
    } else {  // a clean run: drop `over` intervals' share of its codewords
      const uint64_t gone = o.h[0] / o.intervals * over;
      o.h[0] -= gone;
      sum_[0] -= gone;
      o.intervals -= over;
      held_ -= uint32_t(over);
    }
  }
  uint64_t total = 0;
  for (uint64_t v : sum_) total += v;
  predicted_ = predicted_flr(sum_, t_);
  observed_ = total ? double(sum_[size_t(t_) + 1]) / double(total) : 0.0;
  on_ = held_ >= warmup_ && std::max(predicted_, observed_) >= threshold_;
  return on_;
}

}  // namespace sb
