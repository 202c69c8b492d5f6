#include "sb_telemetry_core.h"

#include <algorithm>
#include <cmath>

#include "sb_validated.h"

namespace sb {

namespace {
constexpr uint64_t kMask40 = (uint64_t(1) << 40) - 1;
uint64_t ewma_units(double per_interval, int shift) {
  const double v = std::ceil(per_interval * double(uint64_t(1) << (8 + shift)) - 1e-9);
  return v >= double(kMask40) ? kMask40 : uint64_t(std::max(0.0, v));
}
}  // namespace

std::string telemetry_params::validate() const {
  if (interval < 16 || interval > 0xFFFFFF) return "interval=" + std::to_string(interval) + " cycles outside 16..16777215";
  if (flit_bytes < 16 || flit_bytes > 4096) return "flit_bytes=" + std::to_string(flit_bytes) + " outside 16..4096";
  if (fec_t < 1 || fec_t > 15) return "fec_t=" + std::to_string(fec_t) + " outside 1..15";
  if (fec_bins < 2 || fec_bins > fec_t + 2)
    return "fec_bins=" + std::to_string(fec_bins) + " outside 2..t+2 = " + std::to_string(fec_t + 2) +
           " (bins 0..t and one for uncorrectable codewords)";
  if (tail_bin < 1 || tail_bin > 31) return "tail_bin=" + std::to_string(tail_bin) + " outside 1..31";
  if (ewma_shift < 0 || ewma_shift > 12) return "ewma_shift=" + std::to_string(ewma_shift) + " outside 0..12";
  if (!(deg_on > 0)) return "deg_on must be > 0";
  if (deg_off < 0 || deg_off > deg_on) return "deg_off must be in 0..deg_on";
  if (deg_replays > 0xFFFF || fail_uncorr > 0xFFFF || fail_replays > 0xFFFF) return "replay and codeword thresholds must be <= 65535";
  if (hold > 255) return "hold must be <= 255 intervals";
  return "";
}

tel_cfg_t telemetry_params::cfg() const {
  tel_cfg_t c;
  c.interval = interval;
  c.flit_bytes = uint16_t(flit_bytes);
  c.fec_bins = uint8_t(fec_bins);
  c.tail_bin = uint8_t(tail_bin);
  c.ewma_shift = uint8_t(ewma_shift);
  c.deg_on = std::max<uint64_t>(1, ewma_units(deg_on, ewma_shift));
  c.deg_off = std::min(c.deg_on, ewma_units(deg_off, ewma_shift));
  c.deg_replays = uint16_t(deg_replays);
  c.fail_uncorr = uint16_t(fail_uncorr);
  c.fail_replays = uint16_t(fail_replays);
  c.hold = uint8_t(hold);
  return c;
}

void health_update(tel_health_t& h, uint32_t& hold_left, const tel_cfg_t& c, const tel_interval_counts& n, uint32_t seq) {
  const uint64_t t = std::min<uint32_t>(n.tail, 0xFFFF);
  uint64_t e = h.ewma - (h.ewma >> c.ewma_shift) + (t << 8);
  if (e > kMask40) e = kMask40;
  h.ewma = e;
  h.tail = uint16_t(t);
  const bool rep_fail = c.fail_replays != 0 && n.replays >= c.fail_replays;
  const bool rep_deg = c.deg_replays != 0 && n.replays >= c.deg_replays;
  const bool unc = c.fail_uncorr != 0 && n.uncorr >= c.fail_uncorr;
  const bool lerr = n.link_errors > 0;
  const bool tail = e >= c.deg_on || (h.level >= 1 && e >= c.deg_off);
  const bool fail = unc || lerr || rep_fail;
  uint8_t next;
  if (fail) {
    next = 2;
    hold_left = c.hold;
  } else if (h.level == 2 && hold_left > 0) {
    next = 2;
    --hold_left;
  } else {
    next = (tail || rep_deg) ? 1 : 0;
  }
  if (next != h.level) {
    h.level = next;
    h.since = seq;
    h.reason = uint8_t((tail ? 1 : 0) | ((rep_fail || rep_deg) ? 2 : 0) | (unc ? 4 : 0) | (lerr ? 8 : 0));
  }
}

double predicted_flr(const std::vector<uint64_t>& hist, int t, double* r2) {
  uint64_t total = 0;
  for (uint64_t v : hist) total += v;
  double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  int m = 0;
  for (int i = 1; i <= t && i < int(hist.size()); ++i) {
    if (!hist[size_t(i)]) continue;
    const double x = i, y = std::log10(double(hist[size_t(i)]) / double(total));
    sx += x, sy += y, sxx += x * x, sxy += x * y, syy += y * y;
    ++m;
  }
  if (r2) *r2 = 0;
  if (m < 2) return 0;
  const double den = m * sxx - sx * sx;
  const double b = (m * sxy - sx * sy) / den, a = (sy - b * sx) / m;
  if (r2) {
    const double vy = m * syy - sy * sy;
    *r2 = vy > 0 ? (m * sxy - sx * sy) * (m * sxy - sx * sy) / (den * vy) : 1.0;
  }
  return std::pow(10.0, a + b * (t + 1));
}

telemetry_core::telemetry_core(const telemetry_params& p) : c_(validated(p, "telemetry_params").cfg()) {}

void telemetry_core::reset() {
  w_ = tel_snap_t{};
  snap_ = tel_snap_t{};
  health_ = tel_health_t{};
  prev_ = prev_t{};
  cnt_ = tail_ = hold_left_ = 0;
  cycle_ = 0;
}

void telemetry_core::step() {
  tel_snap_t& w = w_;
  // 1. Counter deltas (mod 2^32).
  auto delta = [](uint32_t cur, uint32_t& prev) {
    const uint32_t d = cur - prev;
    prev = cur;
    return d;
  };
  w.crc_errors += delta(llr_i.crc_errors, prev_.crc);
  w.naks += delta(llr_i.naks_sent, prev_.naks);
  w.replays += delta(llr_i.replays, prev_.replays);
  w.replayed += delta(llr_i.replayed_flits, prev_.replayed);
  w.link_errors = uint16_t(w.link_errors + delta(llr_i.link_errors, prev_.link_errors));
  w.pause_rx += delta(pfc_tx_i.frames, prev_.pause_rx);
  w.pause_tx += delta(pfc_rx_i.frames, prev_.pause_tx);
  w.credit_stall += delta(cbfc_tx_i.stalls, prev_.stall);
  // 2. This edge's events.
  if (rx_i.valid) w.in_octets = (w.in_octets + c_.flit_bytes) & kMask40;
  if (tx_i.valid) w.out_octets = (w.out_octets + c_.flit_bytes) & kMask40;
  if (rx_i.valid && !rx_i.ctrl) {
    ++w.in_flits[rx_data_i.cls & 7];
    if (cycle_ >= miscount_at_) ++w.in_flits[0];
  }
  if (tx_i.valid && !tx_i.ctrl) ++w.out_flits[tx_data_i.cls & 7];
  uint32_t ing = 0;
  for (int c = 0; c < 8; ++c) {
    if ((pfc_tx_i.paused >> c) & 1) ++w.pause_cycles[size_t(c)];
    w.q_max[size_t(c)] = std::max(w.q_max[size_t(c)], eg_i.occ[size_t(c)]);
    ing += ing_i.occ[size_t(c)];
  }
  w.ing_max = std::max<uint16_t>(w.ing_max, uint16_t(std::min<uint32_t>(ing, 0xFFFF)));
  if (fec_i.valid) {
    ++w.fec_cw;
    const uint32_t last = c_.fec_bins - 1u;
    ++w.fec_hist[fec_i.uncorr ? last : std::min<uint32_t>(fec_i.errs, last)];
    if (fec_i.uncorr) {
      ++w.fec_uncorr;
    } else {
      w.fec_sym += fec_i.errs;
      if (fec_i.errs) ++w.fec_corr;
    }
    if ((fec_i.uncorr || fec_i.errs >= c_.tail_bin) && tail_ < 0xFFFF) ++tail_;
  }
  ++cycle_;
  // 3. The interval's last edge.
  if (cnt_ + 1 < c_.interval) {
    ++cnt_;
    return;
  }
  cnt_ = 0;
  w.q_cur = eg_i.occ;
  w.seq = snap_.seq + 1;
  snap_ = w;
  const tel_interval_counts n{tail_, w.fec_uncorr, w.replays, w.link_errors};
  health_update(health_, hold_left_, c_, n, snap_.seq);
  w_ = tel_snap_t{};
  tail_ = 0;
}

}  // namespace sb
