#include "sb_pfc.h"

#include <algorithm>

#include "sb_validated.h"

namespace sb {

std::string validate(const pfc_rx_cfg_t& c) {
  if (c.classes < 1 || c.classes > 8) return "classes must be in [1, 8], got " + std::to_string(c.classes);
  if (c.lossless >> c.classes) return "lossless names a class at or above classes";
  if (c.xon >= c.xoff) return "xon (" + std::to_string(c.xon) + ") must be below xoff (" + std::to_string(c.xoff) + ")";
  if (c.limit < c.xoff) return "limit (" + std::to_string(c.limit) + ") must be at least xoff (" + std::to_string(c.xoff) + ")";
  if (c.refresh < 1) return "refresh must be >= 1 cycle";
  return "";
}

std::string validate(const pfc_tx_cfg_t& c) {
  if (c.classes < 1 || c.classes > 8) return "classes must be in [1, 8], got " + std::to_string(c.classes);
  if (c.flit_bytes < 1) return "flit_bytes must be >= 1";
  if (c.watchdog < 1) return "watchdog must be >= 1 cycle";
  return "";
}

pfc_rx_core::pfc_rx_core(const pfc_rx_cfg_t& cfg) : cfg_(validated(cfg, "pfc_rx")) { reset(); }
pfc_tx_core::pfc_tx_core(const pfc_tx_cfg_t& cfg) : cfg_(validated(cfg, "pfc_tx")) { reset(); }

void pfc_rx_core::reset() {
  occ_.fill(0);
  rcnt_.fill(0);
  paused_ = 0;
  pause_o_ = pause_t{};
  drop_o_ = fc_drop_t{};
  stat_ = pfc_rx_stat_t{};
  cycle_ = 0;
}

void pfc_rx_core::step() {
  const int classes = cfg_.classes;
  // 1. Arrival.
  fc_drop_t drop{};
  std::array<uint32_t, 8> a{};
  if (in_i.valid) {
    const int c = in_i.cls;
    if (occ_[c] < cfg_.limit) {
      a[c] = 1;
    } else {
      drop = {true, uint8_t(c), bool((cfg_.lossless >> c) & 1)};
      if (drop.lossless)
        ++stat_.violations[c];
      else
        ++stat_.drops[c];
    }
  }
  // 3. Pause frame, from the pre-edge occupancy.
  pause_t p{};
  uint8_t paused_n = paused_;
  for (int c = 0; c < classes; ++c) {
    if (!((cfg_.lossless >> c) & 1)) continue;
    const bool on = (paused_ >> c) & 1;
    if (!on && occ_[c] >= cfg_.xoff) {
      p.class_en |= uint8_t(1u << c);
      p.time_q[c] = cfg_.pause_time;
      paused_n |= uint8_t(1u << c);
      rcnt_[c] = 0;
    } else if (on && occ_[c] <= cfg_.xon) {
      p.class_en |= uint8_t(1u << c);
      p.time_q[c] = 0;
      paused_n &= uint8_t(~(1u << c));
    } else if (on) {
      if (rcnt_[c] + 1 >= cfg_.refresh) {
        p.class_en |= uint8_t(1u << c);
        p.time_q[c] = cfg_.pause_time;
        rcnt_[c] = 0;
      } else {
        ++rcnt_[c];
      }
    }
  }
  if (p.class_en) {
    p.valid = true;
    ++stat_.frames;
  }
  // 2. Occupancy.
  for (int c = 0; c < 8; ++c) {
    const uint32_t d = (deq_i.valid && deq_i.cls == c) ? 1 : 0;
    if (d && occ_[c] + a[c] == 0) {
      if (violations_.size() < 16)
        violations_.push_back("cycle " + std::to_string(cycle_) + ": dequeue from empty class " + std::to_string(c));
      continue;
    }
    occ_[c] = occ_[c] + a[c] - d;
    stat_.occ[c] = uint16_t(occ_[c]);
  }
  paused_ = paused_n;
  stat_.paused = paused_;
  pause_o_ = p;
  drop_o_ = drop;
  ++cycle_;
}

void pfc_tx_core::reset() {
  timer_.fill(0);
  age_.fill(0);
  wd_.fill(0);
  cur_valid_ = false;
  cur_cls_ = 0;
  grant_o_ = fc_sel_t{};
  stat_ = pfc_tx_stat_t{};
  cycle_ = 0;
}

void pfc_tx_core::step() {
  const int classes = cfg_.classes;
  const bool ignore = fault_ == fc_fault::ignore_pause;
  // 1. Timers; 2. reaction (from the pre-edge values).
  std::array<uint32_t, 8> timer1{};
  uint8_t blocked = 0;
  for (int c = 0; c < 8; ++c) {
    if (pause_i.valid && ((pause_i.class_en >> c) & 1))
      timer1[c] = 64u * pause_i.time_q[c];
    else
      timer1[c] = timer_[c] > cfg_.flit_bytes ? timer_[c] - cfg_.flit_bytes : 0;
    const bool paused = timer_[c] > 0;
    if (paused && age_[c] >= cfg_.reaction && !ignore) blocked |= uint8_t(1u << c);
  }
  // 3. Selection.
  int sel = -1;
  if (cur_valid_) {
    if ((offer_i >> cur_cls_) & 1) sel = cur_cls_;
  } else {
    for (int c = classes - 1; c >= 0; --c) {
      if (((offer_i & sop_i) >> c) & 1 && !((blocked >> c) & 1)) {
        sel = c;
        break;
      }
    }
  }
  fc_sel_t g{};
  if (sel >= 0) {
    g = {true, uint8_t(sel)};
    // (Silenced under the test fault, which emulates exactly this bug: the
    // test proves the end-to-end checks catch its consequence.)
    if (!ignore && !cur_valid_ && timer_[sel] > 0 && age_[sel] >= cfg_.reaction && violations_.size() < 16)
      violations_.push_back("cycle " + std::to_string(cycle_) + ": packet started on class " + std::to_string(sel) +
                            " paused for at least the reaction time");
    cur_valid_ = !((eop_i >> sel) & 1);
    cur_cls_ = uint8_t(sel);
  }
  // 4. Statistics and watchdog.
  if (pause_i.valid) ++stat_.frames;
  uint8_t paused_n = 0;
  for (int c = 0; c < 8; ++c) {
    const bool paused = timer_[c] > 0;
    if (paused) ++stat_.paused_cycles[c];
    if (paused && wd_[c] + 1 == cfg_.watchdog) ++stat_.storms[c];
    wd_[c] = paused ? wd_[c] + 1 : 0;
    age_[c] = timer1[c] > 0 ? std::min<uint32_t>(age_[c] + 1, cfg_.reaction) : 0;
    timer_[c] = timer1[c];
    if (timer1[c] > 0) paused_n |= uint8_t(1u << c);
  }
  stat_.paused = paused_n;
  grant_o_ = g;
  ++cycle_;
}

}  // namespace sb
