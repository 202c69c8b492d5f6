#include "sb_flr_baseline.h"

#include <algorithm>

#include "sb_telemetry_core.h"

namespace sb {

flr_baseline::flr_baseline(int fec_t, uint32_t window, uint32_t warmup, double threshold)
    : t_(fec_t), window_(std::max<uint32_t>(1, window)), warmup_(std::min(warmup, window_)), threshold_(threshold),
      sum_(size_t(fec_t) + 2, 0) {}

bool flr_baseline::add(const std::vector<uint64_t>& hist, uint64_t uncorr) {
  slot s;
  s.h.assign(size_t(t_) + 2, 0);
  for (size_t i = 0; i < hist.size() && i <= size_t(t_); ++i) s.h[i] = hist[i];
  s.h[size_t(t_) + 1] = uncorr;
  return push(std::move(s));
}

bool flr_baseline::add_clean(uint64_t n, uint64_t codewords) {
  if (n == 0) return on_;
  if (n > window_) {  // only the last window_ of them stay
    codewords = codewords / n * window_;
    n = window_;
  }
  slot s;
  s.h.assign(size_t(t_) + 2, 0);
  s.h[0] = codewords;
  s.intervals = n;
  return push(std::move(s));
}

bool flr_baseline::clean() const {
  for (size_t i = 1; i < sum_.size(); ++i)
    if (sum_[i]) return false;
  return true;
}

bool flr_baseline::push(slot s) {
  for (size_t i = 0; i < sum_.size(); ++i) sum_[i] += s.h[i];
  held_ += uint32_t(s.intervals);
  auto is_clean = [](const slot& x) {
    for (size_t i = 1; i < x.h.size(); ++i)
      if (x.h[i]) return false;
    return true;
  };
  if (!q_.empty() && is_clean(s) && is_clean(q_.back())) {  // clean intervals in a row: one run
    q_.back().h[0] += s.h[0];
    q_.back().intervals += s.intervals;
  } else {
    q_.push_back(std::move(s));
  }
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
