#include "sb_phy.h"

#include <algorithm>
#include <cmath>

#include "sb_validated.h"

namespace sb {

const char* phy_profile_name(phy_profile p) {
  switch (p) {
    case phy_profile::off: return "off";
    case phy_profile::stable: return "stable";
    case phy_profile::drift: return "drift";
    case phy_profile::step: return "step";
    case phy_profile::flap: return "flap";
  }
  return "?";
}

double phy_params::ber_at(double t) const {
  switch (profile) {
    case phy_profile::drift: {
      if (t <= drift_start_ns || drift_ns <= 0) return t <= drift_start_ns ? ber : ber_end;
      const double f = (t - drift_start_ns) / drift_ns;
      if (f >= 1.0) return ber_end;
      return std::exp(std::log(ber) + f * (std::log(ber_end) - std::log(ber)));
    }
    case phy_profile::step: return t >= step_at_ns ? ber_end : ber;
    default: return ber;
  }
}

bool phy_params::flap_down(double t) const {
  if (profile != phy_profile::flap || t < flap_start_ns) return false;
  const double k = std::floor((t - flap_start_ns) / flap_period_ns);
  if (flap_count > 0 && k >= flap_count) return false;
  return t - flap_start_ns - k * flap_period_ns < flap_down_ns;
}

std::string phy_params::validate() const {
  auto ber_ok = [](double b) { return b > 0 && b < 0.5; };
  if (!ber_ok(ber)) return "ber=" + std::to_string(ber) + " outside (0, 0.5)";
  if ((profile == phy_profile::drift || profile == phy_profile::step) && !ber_ok(ber_end))
    return "ber_end=" + std::to_string(ber_end) + " outside (0, 0.5)";
  if (drift_start_ns < 0 || drift_ns < 0 || step_at_ns < 0 || flap_start_ns < 0) return "times must be >= 0";
  if (profile == phy_profile::flap) {
    if (!(flap_period_ns > 0)) return "flap_period_ns must be > 0";
    if (!(flap_down_ns > 0) || flap_down_ns >= flap_period_ns) return "flap_down_ns must be in (0, flap_period_ns)";
    if (flap_count < 0) return "flap_count must be >= 0";
  }
  if (!(burst_mean_bits >= 1.0)) return "burst_mean_bits must be >= 1";
  if (fec_symbols < 32 || fec_symbols > 1023) return "fec_symbols=" + std::to_string(fec_symbols) + " outside 32..1023";
  if (fec_t < 1 || fec_t > 15) return "fec_t=" + std::to_string(fec_t) + " outside 1..15";
  if (2 * fec_t >= fec_symbols) return "fec_t must be below fec_symbols / 2";
  return "";
}

fec_channel::fec_channel(const phy_params& p, uint64_t seed, uint64_t stream)
    : p_(validated(p, "phy_params")), r_(seed, stream) {
  hazard_left_ = -std::log(1.0 - r_.uniform());
  const double q = 1.0 - 1.0 / p.burst_mean_bits;  // P(burst goes on one more bit)
  inv_log_q_ = q <= 0 ? 0.0 : 1.0 / std::log1p(-(1.0 - q));
}

// Burst starts per bit at time t.
double fec_channel::rate_at(double t) {
  if (t != cached_t_) {
    cached_t_ = t;
    cached_rate_ = p_.ber_at(t) / p_.burst_mean_bits;
  }
  return cached_rate_;
}

uint64_t fec_channel::skip_clean() { return skip_clean(0, UINT64_MAX); }

uint64_t fec_channel::skip_clean(double t_ns, uint64_t max) {
  const double per_cw = rate_at(t_ns) * p_.codeword_bits();
  const double n = std::min(std::floor(hazard_left_ / per_cw), double(max));
  if (n <= 0) return 0;
  hazard_left_ -= n * per_cw;
  cw_ += uint64_t(n);
  return uint64_t(n);
}

fec_codeword fec_channel::next(double t_ns) {
  ++cw_;
  const double rate = rate_at(t_ns);
  const int bits = p_.codeword_bits();
  const double per_cw = rate * bits;
  fec_codeword c;
  if (hazard_left_ >= per_cw) {  // clean codeword
    hazard_left_ -= per_cw;
    return c;
  }
  double pos = hazard_left_ / rate;  // bit position of the next burst start
  int64_t last_sym = -1;
  uint32_t n = 0;
  while (pos < bits) {
    const int64_t b = int64_t(pos);
    const int64_t len = int64_t(r_.geometric_inv(inv_log_q_));
    const int64_t first = std::max(b / 10, last_sym + 1), end = std::min<int64_t>(bits - 1, b + len - 1) / 10;
    if (end >= first) {
      n += uint32_t(end - first + 1);
      last_sym = end;
    }
    pos += -std::log(1.0 - r_.uniform()) / rate;
  }
  hazard_left_ = (pos - bits) * rate;
  c.errs = n > 31 ? 31 : n;
  c.uncorr = n > uint32_t(p_.fec_t);
  return c;
}

}  // namespace sb
