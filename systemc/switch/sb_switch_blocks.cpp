#include "sb_switch_blocks.h"

#include <algorithm>

namespace sb {

// --- ingress -------------------------------------------------------------------

ingress_core::ingress_core(int ports, int classes, const xbar_cfg_t& xcfg, const switch_cfg_t& scfg)
    : n_(ports), c_(classes), fifo_(xcfg.fifo), depth_(xcfg.depth), cap_(scfg.ingress_cap) {
  reset();
}

void ingress_core::reset() {
  q_.init(size_t(n_) * c_);
  cr_.assign(size_t(fifo_ ? c_ : n_ * c_), int(depth_));
  w_ = (n_ + 63) / 64;
  ne_.assign(size_t(c_ * w_), 0);
  ok_.assign(size_t(c_ * w_), 0);
  for (int c = 0; c < c_; ++c)
    for (int d = 0; d < n_; ++d) set_bit(ok_, c, d, depth_ > 0);
  rr_.assign(size_t(c_), 0);
  lock_ = -1;
  arr_ = out_o_ = flit_t{};
  deq_o_ = fc_sel_t{};
  stat_ = ingress_stat_t{};
  violations_.clear();
}

uint32_t ingress_core::occupancy() const {
  uint32_t t = arr_.valid ? 1 : 0;
  for (int c = 0; c < c_; ++c) t += stat_.occ[size_t(c)];
  return t;
}

int ingress_core::first_ready(int c, int start) const {
  const uint64_t* ne = &ne_[size_t(c * w_)];
  const uint64_t* ok = &ok_[size_t(c * w_)];
  for (int i = 0; i <= w_; ++i) {  // from start's word on, wrapping back to it
    const int w = (start >> 6) + i;
    const int wi = w % w_;
    uint64_t m = ne[wi] & ok[wi];
    if (i == 0) m &= ~0ull << (start & 63);            // bits >= start in its word
    if (i == w_) m &= (1ull << (start & 63)) - 1;      // bits < start, wrapped
    if (m) return wi * 64 + __builtin_ctzll(m);
  }
  return -1;
}

// A credit counter moved: the destinations it covers are eligible while it is positive.
void ingress_core::credit_changed(int d, int c) {
  const bool pos = cr_[size_t(cidx(d, c))] > 0;
  if (!fifo_) return set_bit(ok_, c, d, pos);
  for (int x = 0; x < n_; ++x) set_bit(ok_, c, x, pos);
}

void ingress_core::step() {
  // 1. Pick from the queues and credits before the edge.
  int pick = -1;
  if (lock_ >= 0) {
    if (!q_.empty(lock_) && cr_[size_t(cidx(lock_ % n_, lock_ / n_))] > 0) pick = lock_;
  } else {
    // (the first destination from the pointer whose queue holds a flit and has a credit)
    for (int c = c_ - 1; c >= 0 && pick < 0; --c) {
      if (stat_.occ[size_t(c)] == 0) continue;
      const int d = first_ready(c, rr_[size_t(c)]);
      if (d < 0) continue;
      pick = c * n_ + d;
      rr_[size_t(c)] = d + 1 == n_ ? 0 : d + 1;
    }
  }
  // 2. Take.
  if (pick >= 0) {
    const int c = pick / n_, d = pick % n_;
    out_o_ = q_.front(pick);
    q_.pop(pick);
    if (q_.empty(pick)) set_bit(ne_, c, d, false);
    --cr_[size_t(cidx(d, c))];
    credit_changed(d, c);
    --stat_.occ[size_t(c)];
    ++stat_.flits_out;
    deq_o_ = fc_sel_t{true, uint8_t(c)};
    lock_ = out_o_.eop ? -1 : pick;
  } else {
    out_o_ = flit_t{};
    deq_o_ = fc_sel_t{};
  }
  // 3. Credit return (counts from the next edge).
  if (credit_i.valid) {
    const int d = credit_i.dst, c = credit_i.cls;
    if (c >= c_ || (!fifo_ && d >= n_)) {
      violations_.push_back("ingress: credit for dst " + std::to_string(d) + " class " + std::to_string(c) + " out of range");
    } else {
      int& k = cr_[size_t(cidx(d, c))];
      if (uint32_t(++k) > depth_) violations_.push_back("ingress: crossbar credit above the queue depth");
      credit_changed(fifo_ ? 0 : d, c);
    }
  }
  // 4. Arrival.
  if (arr_.valid && !drop_i.valid) {
    if (arr_.dst >= n_ || arr_.cls >= c_) {
      ++stat_.misrouted;
    } else if (stat_.occ[arr_.cls] >= cap_) {
      ++stat_.overflows;
      violations_.push_back("ingress: class " + std::to_string(arr_.cls) + " storage full, flit discarded");
    } else {
      q_.push(arr_.cls * n_ + arr_.dst, arr_);
      set_bit(ne_, arr_.cls, arr_.dst, true);
      ++stat_.occ[arr_.cls];
      ++stat_.flits_in;
    }
  }
  // 5. The arrival register.
  arr_ = in_i;
}

// --- egress --------------------------------------------------------------------

egress_core::egress_core(int classes, const xbar_cfg_t& xcfg, const switch_cfg_t& scfg)
    : c_(classes), xpipe_(xcfg.pipe), p_(std::max<uint32_t>(scfg.pipe, 1)), cap_(scfg.egress_cap), wrr_(scfg.sched) {
  weight_.assign(scfg.weight.begin(), scfg.weight.end());
  reset();
}

void egress_core::reset() {
  pipe_.assign(p_, flit_t{});
  wp_ = pcnt_ = 0;
  eq_.assign(size_t(c_), std::deque<flit_t>{});
  tails_.assign(size_t(c_), 0);
  skid_[0] = skid_[1] = flit_t{};
  nskid_ = 0;
  quota_.assign(size_t(c_), 0);
  for (int c = 0; c < c_; ++c) quota_[size_t(c)] = weight_[size_t(c)];
  inpkt_.assign(size_t(c_), 0);
  offer_ = sop_ = eop_ = 0;
  ready_o_ = false;
  stat_ = egress_stat_t{};
  cycle_ = 0;
  dropping_ = 0;
  violations_.clear();
}

uint32_t egress_core::occupancy() const {
  uint32_t t = pcnt_ + uint32_t(nskid_);
  for (int c = 0; c < c_; ++c) t += uint32_t(eq_[size_t(c)].size());
  return t;
}

void egress_core::step() {
  // 1. To the LLR.
  const bool consumed = skid_[0].valid && up_ready_i;
  // 2. Grant of the last edge.
  flit_t h{};
  if (grant_i.valid) {
    const int g = grant_i.cls;
    if (g >= c_ || eq_[size_t(g)].empty()) {
      ++stat_.bad_grants;
      violations_.push_back("egress: grant of empty class " + std::to_string(g));
    } else {
      h = eq_[size_t(g)].front();
      eq_[size_t(g)].pop_front();
      --stat_.occ[size_t(g)];
      if (h.eop) --tails_[size_t(g)];
      if (h.sop && !h.eop) inpkt_[size_t(g)] = 1;
      if (h.eop) inpkt_[size_t(g)] = 0;
      if (wrr_ && h.sop && quota_[size_t(g)] > 0) --quota_[size_t(g)];
    }
  }
  // 3. Skid.
  if (consumed) {
    skid_[0] = skid_[1];
    skid_[1] = flit_t{};
    --nskid_;
  }
  if (h.valid) {
    if (nskid_ >= 2) {
      violations_.push_back("egress: skid overflow");
    } else {
      skid_[nskid_++] = h;
    }
  }
  if (consumed) ++stat_.flits_out;
  // 4. Pipeline.
  flit_t o = pipe_[wp_];
  pipe_[wp_] = in_i;
  wp_ = wp_ + 1 == p_ ? 0 : wp_ + 1;
  pcnt_ = pcnt_ + (in_i.valid ? 1 : 0) - (o.valid ? 1 : 0);
  if (in_i.valid) ++stat_.flits_in;
  if (o.valid && drop_cls_ >= 0 && cycle_ >= drop_at_ && dropping_ < 2 && o.cls == drop_cls_) {
    if (dropping_ == 1 || o.sop) {  // TEST ONLY: a packet vanishes inside the switch
      dropping_ = o.eop ? 2 : 1;
      o = flit_t{};
    }
  }
  if (o.valid) {
    if (o.cls >= c_ || eq_[o.cls].size() >= cap_) {
      ++stat_.overflows;
      violations_.push_back("egress: class queue full, flit discarded");
    } else {
      eq_[o.cls].push_back(o);
      ++stat_.occ[o.cls];
      if (o.eop) ++tails_[o.cls];
    }
  }
  // 5. WRR reload.
  if (wrr_) {
    bool any = false, served = false;
    for (int c = 0; c < c_; ++c) {
      if (tails_[size_t(c)] == 0) continue;  // only classes holding a whole packet count
      any = true;
      served |= quota_[size_t(c)] > 0 || inpkt_[size_t(c)];
    }
    if (any && !served)
      for (int c = 0; c < c_; ++c) quota_[size_t(c)] = weight_[size_t(c)];
  }
  // 6. Offers from the next state.
  offer_ = sop_ = eop_ = 0;
  if (nskid_ <= 1) {
    for (int c = 0; c < c_; ++c) {
      const auto& q = eq_[size_t(c)];
      if (tails_[size_t(c)] == 0) continue;  // only whole packets are offered
      if (wrr_ && !inpkt_[size_t(c)] && quota_[size_t(c)] == 0) continue;
      offer_ |= uint8_t(1u << c);
      if (q.front().sop) sop_ |= uint8_t(1u << c);
      if (q.front().eop) eop_ |= uint8_t(1u << c);
    }
  }
  // 7. Registered outputs.
  uint32_t held = pcnt_;
  for (int c = 0; c < c_; ++c) held += uint32_t(eq_[size_t(c)].size());
  ready_o_ = held + xpipe_ + 2 <= cap_;
  stat_.pipe = uint16_t(pcnt_);
  ++cycle_;
}

}  // namespace sb
