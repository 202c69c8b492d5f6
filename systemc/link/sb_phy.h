// The PHY/FEC error model of one link direction (docs/link-health.md "The
// PHY model"): a Reed-Solomon code over 10-bit symbols (RS(544,514) "KP4"
// by default: n = 544 symbols, corrects t = 15), bit-error bursts from a
// pre-FEC BER that may change over time, and per codeword the symbol errors
// the decoder sees. A codeword with more than t symbol errors is
// uncorrectable: the decoder marks every slot it covers bad (IEEE 802.3
// clause 91 error marking), and LLR replays the flits.
//
// Errors arrive as bursts (DFE error propagation in PAM4 receivers): burst
// starts form a Poisson process in bit time with rate ber(t) / burst_mean_bits;
// a burst covers L consecutive bits, L geometric with mean burst_mean_bits
// (1 = independent bit errors), and counts once per 10-bit symbol it touches.
// The process is drawn codeword by codeword from the remaining exponential
// hazard, so a BER that changes between codewords is exact, and clean
// stretches cost one subtraction per codeword.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_rng.h"

namespace sb {

enum class phy_profile { off, stable, drift, step, flap };

struct phy_params {
  phy_profile profile = phy_profile::off;  // off: no PHY model (the flit-level fault keys alone)
  double ber = 1e-8;            // pre-FEC bit error rate (stable; drift/step: at the start)
  double ber_end = 1e-4;        // drift: reached at drift_start_ns + drift_ns; step: from step_at_ns
  double drift_start_ns = 0;    // drift: log-linear from ber to ber_end over [start, start + drift_ns]
  double drift_ns = 100000;
  double step_at_ns = 50000;
  double flap_start_ns = 10000; // flap: down for flap_down_ns every flap_period_ns, flap_count times (0 = forever)
  double flap_period_ns = 20000;
  double flap_down_ns = 2000;
  int flap_count = 3;
  double burst_mean_bits = 1.0; // mean bits per error burst, >= 1
  int fec_symbols = 544;        // codeword length n in 10-bit symbols
  int fec_t = 15;               // symbol errors corrected per codeword, 1..15
  bool on() const { return profile != phy_profile::off; }
  // The pre-FEC BER at time t (ns).
  double ber_at(double t_ns) const;
  int codeword_bits() const { return 10 * fec_symbols; }
  // flap: is the link down at time t (ns)? (the other profiles: never)
  bool flap_down(double t_ns) const;
  std::string validate() const;  // "" when valid, else the reason naming the field
};

const char* phy_profile_name(phy_profile p);

struct fec_codeword {
  uint32_t errs = 0;  // symbol errors, saturating at 31
  bool uncorr = false;
};

// The symbol errors of one direction's codewords, in order.
class fec_channel {
 public:
  fec_channel(const phy_params& p, uint64_t seed, uint64_t stream);
  // The next codeword, which starts at time t_ns (the BER of that time holds for it).
  fec_codeword next(double t_ns);
  // A stable BER: clean codewords before the next one with an error burst
  // (the hazard carried over), consuming them; next() then draws that one.
  uint64_t skip_clean();
  // The same at the BER of time t_ns, at most `max` codewords (for a BER
  // that changes, keep `max` short: the rate of t_ns holds for all of them).
  uint64_t skip_clean(double t_ns, uint64_t max);
  uint64_t codewords() const { return cw_; }

 private:
  phy_params p_;
  rng r_;
  double hazard_left_;  // exponential hazard still to run before the next burst starts
  double inv_log_q_;    // burst length: geometric with mean burst_mean_bits
  uint64_t cw_ = 0;
  double cached_t_ = -1, cached_rate_ = 0;
  double rate_at(double t_ns);
};

}  // namespace sb
