// Small, fast, reproducible random numbers for stimulus (xoshiro256**,
// seeded through splitmix64 so that (seed, stream) pairs are independent).
#pragma once

#include <cmath>
#include <cstdint>

namespace sb {

inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class rng {
 public:
  explicit rng(uint64_t seed = 1, uint64_t stream = 0) {
    uint64_t x = seed ^ (stream * 0xd1342543de82ef95ull);
    for (auto& v : s_) v = splitmix64(x);
  }
  uint64_t next() {
    const uint64_t r = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  uint32_t below(uint32_t n) { return uint32_t((uint64_t(uint32_t(next() >> 32)) * n) >> 32); }
  bool bernoulli(double p) { return uniform() < p; }
  // Trials until the first success of a Bernoulli(p) process: 1, 2, ...
  uint64_t geometric(double p) { return geometric_inv(p >= 1.0 ? 0.0 : 1.0 / std::log1p(-p)); }
  // The same with inv_log_q = 1 / ln(1 - p) precomputed (0 for p = 1).
  uint64_t geometric_inv(double inv_log_q) {
    if (inv_log_q == 0.0) return 1;
    const double u = 1.0 - uniform();  // (0, 1]
    return 1 + uint64_t(std::log(u) * inv_log_q);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Payload signature of flit `idx` of packet `no` of a flow: any corruption of
// the identity, order or payload of a flit shows as a signature mismatch.
inline uint32_t payload_sig(uint32_t src, uint32_t dst, uint32_t cls, uint64_t no, uint32_t idx) {
  uint64_t x = (uint64_t(src) << 48) ^ (uint64_t(dst) << 32) ^ (uint64_t(cls) << 24) ^ (no << 8) ^ idx ^
               (no >> 56 << 40);
  return uint32_t(splitmix64(x));
}

}  // namespace sb
