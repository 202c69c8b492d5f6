// A switch port's telemetry unit and link-health detector (docs/link-health.md):
// the plain-C++ model of rtl/telemetry/sb_telemetry.sv. It taps the port's
// link pins, its stat registers (as counter deltas, cycle by cycle) and the
// FEC decoder of its receive direction, counts per interval of cfg.interval
// cycles, and at the interval's last edge registers the counts as a snapshot
// (snap_o) and updates the detector (health_o).
//
// Cycle semantics, per rising edge (inputs sampled, outputs registered):
//  1. Counter deltas: for each tapped counter (llr_i crc_errors, naks_sent,
//     replays, replayed_flits, link_errors; pfc_tx_i.frames; pfc_rx_i.frames;
//     cbfc_tx_i.stalls) delta = input - the input of the previous edge (mod
//     2^32; the previous value is 0 after reset).
//  2. The interval's working counts add this edge's events: rx_i.valid adds
//     flit_bytes to in_octets, tx_i.valid to out_octets; a data slot
//     (valid && !ctrl) adds 1 to in_flits / out_flits of its flit's cls;
//     pfc_tx_i.paused bit c adds 1 to pause_cycles[c]; q_max[c] and ing_max
//     keep the largest eg_i.occ[c] and sum of ing_i.occ (saturating at
//     0xFFFF); fec_i.valid adds one codeword to fec_cw and to bin
//     (uncorr ? fec_bins-1 : min(errs, fec_bins-1)) of fec_hist; a corrected
//     one (not uncorr) adds errs to fec_sym and, with errs > 0, one to
//     fec_corr; an uncorrectable one adds one to fec_uncorr; a codeword with
//     uncorr or errs >= tail_bin adds one to tail (saturating at 0xFFFF).
//     Counters wrap at their width.
//  3. At the interval's last edge (the cycle counter reaches interval-1):
//     snap_o takes the working counts (this edge included) with q_cur = this
//     edge's eg_i.occ, seq + 1; the working counts clear; the detector runs
//     on the completed interval (health_update below). Otherwise the cycle
//     counter advances.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

// The detector, at the end of one interval (shared by the block and by the
// PHY-only study, scripts/link_health_study.py):
//   E' = E - (E >> ewma_shift) + (min(tail, 0xFFFF) << 8), saturating at 2^40-1
//   fail = (fail_uncorr && uncorr >= fail_uncorr) || link_errors > 0 ||
//          (fail_replays && replays >= fail_replays)
//   deg  = E' >= deg_on || (level >= 1 && E' >= deg_off) || (deg_replays && replays >= deg_replays)
//   level' = fail ? 2 (hold_left = hold) : level == 2 && hold_left > 0 ? 2 (hold_left - 1) : deg ? 1 : 0
// When level' != level: since = seq, reason = the causes that held
// (bit 0 tail EWMA, 1 replays at either threshold, 2 uncorrectable, 3 link error).
struct tel_interval_counts {
  uint32_t tail = 0, uncorr = 0, replays = 0, link_errors = 0;
};
void health_update(tel_health_t& h, uint32_t& hold_left, const tel_cfg_t& c, const tel_interval_counts& n, uint32_t seq);

// SONiC-style predicted FLR from a codeword histogram (bins 0..t, then the
// uncorrectable codewords): log10(count_i / total) against i over the
// non-zero bins 1..t, least squares, extrapolated to bin t + 1. 0 with
// fewer than two non-zero bins. r2: the fit's coefficient of determination.
double predicted_flr(const std::vector<uint64_t>& hist, int t, double* r2 = nullptr);


// The detector's thresholds in the units a user writes (telemetry.* and
// link_health.* keys; docs/link-health.md), and their register form.
struct telemetry_params {
  uint32_t interval = 1563;   // cycles (1 us at 800G, 64-B slots)
  int flit_bytes = 64;
  int fec_t = 15;             // correctable symbols per codeword (the link's FEC)
  int fec_bins = 17;          // 2..fec_t+2
  int tail_bin = 6;           // 1..31
  int ewma_shift = 4;         // 0..12
  double deg_on = 0.5;        // tail codewords per interval (EWMA) that raise degraded
  double deg_off = 0.25;      // ... below which it clears
  uint32_t deg_replays = 0;   // replays per interval that raise degraded (0 = off)
  uint32_t fail_uncorr = 1;   // uncorrectable codewords per interval that raise failing (0 = off)
  uint32_t fail_replays = 0;  // replays per interval that raise failing (0 = off)
  uint32_t hold = 4;          // intervals
  std::string validate() const;  // "" when valid, else the reason naming the field
  tel_cfg_t cfg() const;
};

class telemetry_core {
 public:
  explicit telemetry_core(const telemetry_params& p);

  // Inputs, written before an edge.
  llr_wire_t rx_i{}, tx_i{};
  flit_t rx_data_i{}, tx_data_i{};
  llr_stat_t llr_i{};
  pfc_rx_stat_t pfc_rx_i{};
  pfc_tx_stat_t pfc_tx_i{};
  cbfc_tx_stat_t cbfc_tx_i{};
  ingress_stat_t ing_i{};
  egress_stat_t eg_i{};
  fec_ev_t fec_i{};

  const tel_snap_t& snap_o() const { return snap_; }
  const tel_health_t& health_o() const { return health_; }

  void reset();
  void step();
  const std::vector<std::string>& violations() const { return violations_; }
  const tel_cfg_t& cfg() const { return c_; }
  // TEST ONLY: from cycle `at` on, in_flits of class 0 counts one flit too many per data slot.
  void inject_miscount(uint64_t at) { miscount_at_ = at; }

 private:
  struct prev_t {
    uint32_t crc = 0, naks = 0, replays = 0, replayed = 0, link_errors = 0, pause_rx = 0, pause_tx = 0, stall = 0;
  };
  tel_cfg_t c_;
  tel_snap_t w_{}, snap_{};
  tel_health_t health_{};
  prev_t prev_;
  uint32_t cnt_ = 0, tail_ = 0, hold_left_ = 0;
  uint64_t cycle_ = 0, miscount_at_ = UINT64_MAX;
  std::vector<std::string> violations_;
};

}  // namespace sb
