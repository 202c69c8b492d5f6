#include "sb_cbfc.h"

#include <algorithm>

#include "sb_validated.h"

namespace sb {

cbfc_tx_core::cbfc_tx_core(const cbfc_cfg_t& cfg) : cfg_(validated(cfg, "cbfc_tx")) { reset(); }
cbfc_rx_core::cbfc_rx_core(const cbfc_cfg_t& cfg) : cfg_(validated(cfg, "cbfc_rx")) { reset(); }

std::string validate(const cbfc_cfg_t& c) {
  if (c.classes < 1 || c.classes > 8) return "classes must be in [1, 8], got " + std::to_string(c.classes);
  if (c.cost < 1) return "cost must be >= 1 credit per flit";
  if (c.limit < c.cost) return "limit (" + std::to_string(c.limit) + ") must be at least cost (" + std::to_string(c.cost) + ")";
  if (c.min_spacing < 1) return "min_spacing must be >= 1 cycle";
  if (c.max_spacing <= c.min_spacing) return "max_spacing must be above min_spacing";
  if (c.cc_period < 1) return "cc_period must be >= 1 cycle";
  return "";
}

void cbfc_tx_core::reset() {
  cc_.fill(0);
  cf_.fill(0);
  cur_valid_ = false;
  cur_cls_ = 0;
  cct_ = 0;
  grant_o_ = fc_sel_t{};
  cc_o_ = cc_update_t{};
  stat_ = cbfc_tx_stat_t{};
  cycle_ = 0;
}

void cbfc_tx_core::step() {
  const int classes = cfg_.classes;
  // 1. Credit update (cumulative credits freed).
  std::array<uint16_t, 8> cf1 = cf_;
  if (credit_i.valid) {
    cf1[credit_i.vc] = credit_i.credits;
    ++stat_.updates;
  }
  std::array<uint16_t, 8> in_use1{};
  for (int c = 0; c < 8; ++c) in_use1[c] = uint16_t(cc_[c] - cf1[c]);
  // 2. Sync due.
  const bool cc_now = cct_ + 1 >= cfg_.cc_period;
  cc_update_t cco{};
  if (cc_now) {
    cco.valid = true;
    for (int c = 0; c < 8; ++c) cco.cc[c] = cc_[c];
    ++stat_.cc_sent;
    cct_ = 0;
  } else {
    ++cct_;
  }
  // 3. Selection.
  const bool ignore = fault_ == fc_fault::ignore_credits;
  auto ok = [&](int c) { return ignore || uint32_t(in_use1[c]) + cfg_.cost <= cfg_.limit; };
  fc_sel_t g{};
  if (!cc_now) {
    int sel = -1;
    bool starved = false;
    if (cur_valid_) {
      if ((offer_i >> cur_cls_) & 1) {
        if (ok(cur_cls_))
          sel = cur_cls_;
        else
          starved = true;
      }
    } else {
      for (int c = classes - 1; c >= 0; --c) {
        if (!((offer_i >> c) & 1)) continue;
        if (((sop_i >> c) & 1) && ok(c)) {
          sel = c;
          break;
        }
      }
    }
    if (sel < 0) {
      for (int c = 0; c < classes; ++c)
        if (((offer_i >> c) & 1) && !ok(c)) starved = true;
      if (starved) ++stat_.stalls;
    } else {
      g = {true, uint8_t(sel)};
      cc_[sel] = uint16_t(cc_[sel] + cfg_.cost);
      cur_valid_ = !((eop_i >> sel) & 1);
      cur_cls_ = uint8_t(sel);
    }
  }
  cf_ = cf1;
  for (int c = 0; c < 8; ++c) {
    stat_.in_use[c] = uint16_t(cc_[c] - cf_[c]);
    if (!ignore && stat_.in_use[c] > cfg_.limit && violations_.size() < 16)
      violations_.push_back("cycle " + std::to_string(cycle_) + ": VC " + std::to_string(c) + " uses " +
                            std::to_string(stat_.in_use[c]) + " credits, above the limit");
  }
  grant_o_ = g;
  cc_o_ = cco;
  ++cycle_;
}

void cbfc_rx_core::reset() {
  occ_.fill(0);
  since_.fill(0);
  rcf_.fill(0);
  rcc_.fill(0);
  sent_.fill(0);
  rr_ = 0;
  credit_o_ = credit_t{};
  drop_o_ = fc_drop_t{};
  stat_ = cbfc_rx_stat_t{};
  cycle_ = 0;
}

void cbfc_rx_core::step() {
  const int classes = cfg_.classes;
  const uint32_t cap = cfg_.limit / cfg_.cost;
  // 1. Arrival.
  fc_drop_t drop{};
  std::array<uint32_t, 8> a{};
  std::array<uint16_t, 8> rcc1 = rcc_, rcf1 = rcf_;
  if (in_i.valid) {
    const int c = in_i.cls;
    if (occ_[c] + 1 <= cap) {
      a[c] = 1;
      rcc1[c] = uint16_t(rcc_[c] + cfg_.cost);
    } else {
      drop = {true, uint8_t(c), true};
      ++stat_.overflows;
    }
  }
  // 2. Dequeue.
  for (int c = 0; c < 8; ++c) {
    const bool d = deq_i.valid && deq_i.cls == c;
    if (d && occ_[c] + a[c] == 0) {
      if (violations_.size() < 16)
        violations_.push_back("cycle " + std::to_string(cycle_) + ": dequeue from empty VC " + std::to_string(c));
      continue;
    }
    occ_[c] = occ_[c] + a[c] - (d ? 1 : 0);
    if (d) rcf1[c] = uint16_t(rcf_[c] + cfg_.cost);
    stat_.occ[c] = uint16_t(occ_[c]);
  }
  // 3. Sync.
  if (cc_i.valid) {
    for (int c = 0; c < classes; ++c) {
      const uint16_t d = uint16_t(cc_i.cc[c] - rcc1[c]);
      rcf1[c] = uint16_t(rcf1[c] + d);
      rcc1[c] = cc_i.cc[c];
      stat_.recovered += d;
    }
  }
  // 4. Update.
  credit_t cr{};
  int pick = -1;
  for (int i = 0; i < classes && pick < 0; ++i) {
    const int c = int((rr_ + uint32_t(i)) % uint32_t(classes));
    const uint32_t s1 = since_[c] + 1;
    if (s1 >= cfg_.max_spacing || (rcf1[c] != sent_[c] && s1 >= cfg_.min_spacing)) pick = c;
  }
  for (int c = 0; c < 8; ++c) {
    if (c == pick) {
      cr = {true, uint8_t(c), rcf1[c]};
      sent_[c] = rcf1[c];
      since_[c] = 0;
      rr_ = uint32_t(c + 1) % uint32_t(classes);
      ++stat_.updates;
    } else {
      since_[c] = std::min<uint32_t>(since_[c] + 1, cfg_.max_spacing);
    }
  }
  rcf_ = rcf1;
  rcc_ = rcc1;
  credit_o_ = cr;
  drop_o_ = drop;
  ++cycle_;
}

}  // namespace sb
