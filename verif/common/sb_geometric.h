// Geometric inter-arrival gaps without a log() per draw, bit-identical to
// rng::geometric_inv (the same single draw, the same result for every draw):
// the gap for u = 1 - uniform() is 1 + floor(ln(u) * inv). u's exponent and
// top mantissa bits pick a bucket of a table; a bucket whose whole range of u
// gives one gap, with a margin no rounding of log() can cross, holds that gap;
// the others (a gap boundary inside) take the exact expression.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "sb_rng.h"

namespace sb {

class geometric_sampler {
 public:
  // inv_log_q = 1 / ln(1 - p), as rng::geometric_inv takes it (0: p = 1).
  explicit geometric_sampler(double inv_log_q = 0.0) : inv_(inv_log_q) {
    if (inv_ == 0.0) return;
    table_ = gaps(inv_);
    gap_ = table_->data();
  }

  // Trials until the first success: 1, 2, ... (one rng draw, none for p = 1).
  uint64_t draw(rng& r) {
    if (inv_ == 0.0) return 1;
    const double u = 1.0 - r.uniform();  // (0, 1], as rng::geometric_inv
    const int32_t g = gap_[bucket(u)];
    return g > 0 ? uint64_t(g) : 1 + uint64_t(std::log(u) * inv_);
  }

 private:
  static constexpr int kBits = 7;      // mantissa bits per bucket
  static constexpr int kMinExp = -54;  // u >= 2^-53
  static constexpr int kBuckets = (1 - kMinExp) << kBits;

  static int bucket(double u) {
    uint64_t b;
    std::memcpy(&b, &u, sizeof b);
    const int e = int(b >> 52) - 1023;  // u > 0: no sign bit
    return ((e - kMinExp) << kBits) | int((b >> (52 - kBits)) & ((1u << kBits) - 1));
  }

  // Per bucket the gap, or 0 where the bucket straddles a gap boundary;
  // shared by every source with the same rate.
  static std::shared_ptr<const std::vector<int32_t>> gaps(double inv) {
    static std::mutex mu;
    static std::map<double, std::shared_ptr<const std::vector<int32_t>>> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto& t = cache[inv];
    if (t) return t;
    auto v = std::make_shared<std::vector<int32_t>>(size_t(kBuckets), 0);
    const long double margin = 1e-6L;  // in gaps; log() and the product err by < 1e-12 here
    for (int e = kMinExp; e <= 0; ++e) {
      for (int m = 0; m < (1 << kBits); ++m) {
        const long double lo = std::ldexp(1.0L + (long double)m / (1 << kBits), e);
        const long double hi = std::ldexp(1.0L + (long double)(m + 1) / (1 << kBits), e);
        if (lo > 1.0L) continue;  // u <= 1
        // ln(u) * inv falls as u rises (inv < 0): its range over [lo, min(hi, 1)].
        const long double top = std::log(lo) * (long double)inv;
        const long double bot = hi > 1.0L ? 0.0L : std::log(hi) * (long double)inv;
        const long double k = std::floor(top + margin);
        if (k == std::floor(bot - margin) && k >= 0 && k < 1e8L) (*v)[size_t(((e - kMinExp) << kBits) | m)] = int32_t(k) + 1;
      }
    }
    t = v;
    return t;
  }

  double inv_;
  std::shared_ptr<const std::vector<int32_t>> table_;
  const int32_t* gap_ = nullptr;
};

}  // namespace sb
