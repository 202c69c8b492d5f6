// Crossbar engine; the normative behaviour is docs/xbar.md "Cycle-level behaviour".
#include "sb_xbar_core.h"

#include <algorithm>

#include "sb_validated.h"

namespace sb {

std::string xbar_params::validate() const {
  if (ports < 2 || ports > 256) return "ports must be in [2, 256]";
  if (classes < 1 || classes > 8) return "classes must be in [1, 8]";
  if (depth < 1 || depth > 4096) return "depth must be in [1, 4096]";
  if (iterations < 1 || iterations > ports) return "iterations must be in [1, ports]";
  if (pipeline < 1 || pipeline > 31) return "pipeline must be in [1, 31]";
  return "";
}

xbar_core::xbar_core(const xbar_params& p) : p_(validated(p, "xbar_params")) {
  n_ = p_.ports;
  nq_ = p_.fifo ? p_.classes : p_.ports * p_.classes;
  w_ = n_ <= 64 ? 1 : n_ <= 128 ? 2 : 4;  // a power of two: step_w<W> is compiled for 1, 2, 4
  in_flit_i.assign(n_, flit_t{});
  out_ready_i.assign(n_, 1);
  cap_ = nq_ * p_.depth;
  buf_.assign(size_t(n_) * cap_, flit_t{});
  next_.assign(size_t(n_) * cap_, 0);
  free_.assign(size_t(n_) * cap_, 0);
  free_top_.assign(n_, 0);
  head_.assign(size_t(n_) * nq_, 0);
  tail_.assign(size_t(n_) * nq_, 0);
  cnt_.assign(size_t(n_) * nq_, 0);
  colm_.assign(size_t(p_.classes) * n_ * w_, 0);
  out_req_cnt_.assign(n_, 0);
  out_any_.assign(w_, 0);
  olock_in_.assign(n_, -1);
  olock_cls_.assign(n_, 0);
  ilock_out_.assign(n_, -1);
  gptr_.assign(n_, 0);
  aptr_.assign(n_, 0);
  pipe_.assign(size_t(p_.pipeline) * n_, flit_t{});
  row_ports_.assign(p_.pipeline, {});
  for (auto& r : row_ports_) r.reserve(n_);
  credit_q_.assign(n_, xbar_credit_t{});
  credit_ports_.reserve(n_);
  gnt_.assign(size_t(p_.classes) * n_ * w_, 0);
  in_touched_flag_.assign(n_, 0);
  touched_in_.reserve(n_);
  matches_.reserve(n_);
  reset();
}

void xbar_core::reset() {
  for (int i = 0; i < n_; ++i) {
    uint32_t* fr = &free_[size_t(i) * cap_];
    for (int k = 0; k < cap_; ++k) fr[k] = uint32_t(cap_ - 1 - k);  // slot 0 on top
    free_top_[i] = cap_;
  }
  std::fill(head_.begin(), head_.end(), 0);
  std::fill(tail_.begin(), tail_.end(), 0);
  std::fill(cnt_.begin(), cnt_.end(), 0);
  std::fill(colm_.begin(), colm_.end(), 0);
  std::fill(out_req_cnt_.begin(), out_req_cnt_.end(), 0);
  std::fill(out_any_.begin(), out_any_.end(), 0);
  std::fill(olock_in_.begin(), olock_in_.end(), -1);
  std::fill(ilock_out_.begin(), ilock_out_.end(), -1);
  std::fill(gptr_.begin(), gptr_.end(), 0);
  std::fill(aptr_.begin(), aptr_.end(), 0);
  std::fill(pipe_.begin(), pipe_.end(), flit_t{});
  for (auto& r : row_ports_) r.clear();
  std::fill(credit_q_.begin(), credit_q_.end(), xbar_credit_t{});
  credit_ports_.clear();
  in_slot_ = 0;
  out_slot_ = p_.pipeline > 1 ? 1 : 0;
  queued_ = 0;
  locked_ = 0;
  cycle_ = 0;
  matches_.clear();
}

uint64_t xbar_core::occupancy() const {
  uint64_t n = queued_;
  for (int r = 0; r < p_.pipeline; ++r)
    if (r != out_slot_) n += row_ports_[r].size();
  return n;
}

void xbar_core::violation(const std::string& what) {
  if (violations_.size() < 100) violations_.push_back("cycle " + std::to_string(cycle_) + ": " + what);
}

void xbar_core::set_req(int i, int cls, int dst, bool on) {
  word& wd = colm_[(size_t(cls) * n_ + dst) * w_ + (i >> 6)];
  const word m = word(1) << (i & 63);
  if (on) {
    wd |= m;
    if (out_req_cnt_[dst]++ == 0) out_any_[dst >> 6] |= word(1) << (dst & 63);
  } else {
    wd &= ~m;
    if (--out_req_cnt_[dst] == 0) out_any_[dst >> 6] &= ~(word(1) << (dst & 63));
  }
}

// First set bit at index >= from, wrapping around; -1 when the mask is empty.
int xbar_core::pick_rr(const word* mask, int words, int n, int from) {  // NOLINT
  const int wi = from >> 6;
  const word first = mask[wi] & (~word(0) << (from & 63));
  if (first) return (wi << 6) + __builtin_ctzll(first);
  for (int k = 1; k <= words; ++k) {
    const int w = (wi + k) % words;
    if (mask[w]) {
      const int j = (w << 6) + __builtin_ctzll(mask[w]);
      if (j < n) return j;
    }
  }
  return -1;
}

void xbar_core::dequeue_to(int i, int q, int j) {
  const int b = i * nq_ + q;
  if (cnt_[b] == 0) {
    violation("grant to empty queue: input " + std::to_string(i) + " queue " + std::to_string(q));
    return;
  }
  const uint32_t sl = head_[b];
  const size_t base = size_t(i) * cap_;
  flit_t f = buf_[base + sl];
  head_[b] = next_[base + sl];
  free_[base + size_t(free_top_[i]++)] = sl;
  if (p_.fifo) {  // the class head changes: its request moves to the new head's dst
    set_req(i, q, f.dst, false);
    if (--cnt_[b] != 0) set_req(i, q, buf_[base + head_[b]].dst, true);
  } else if (--cnt_[b] == 0) {
    set_req(i, f.cls, f.dst, false);
  }
  --queued_;
  credit_q_[i] = xbar_credit_t{true, f.dst, f.cls};
  credit_ports_.push_back(i);
  if (fault_armed_ && cycle_ >= fault_cycle_) {
    if (fault_ == xbar_fault::corrupt_sig) {
      f.sig ^= 1u;
      fault_armed_ = false;
    } else if (fault_ == xbar_fault::drop_flit) {
      fault_armed_ = false;
      return;
    }
  }
  pipe_[size_t(in_slot_) * n_ + j] = f;
  row_ports_[in_slot_].push_back(j);
}

void xbar_core::step() {
  switch (w_) {
    case 1: step_w<1>(); break;
    case 2: step_w<2>(); break;
    default: step_w<4>(); break;
  }
}

// The port masks are W 64-bit words; W is a compile-time constant so that the
// mask loops unroll (this is the hottest code of a crossbar simulation).
template <int W>
void xbar_core::step_w() {
  const int n = n_, C = p_.classes;
  constexpr int w = W;
  matches_.clear();

  // Pipeline advance: the row that was visible is reused for this edge's crossings.
  in_slot_ = in_slot_ + 1 == p_.pipeline ? 0 : in_slot_ + 1;
  out_slot_ = in_slot_ + 1 == p_.pipeline ? 0 : in_slot_ + 1;
  {
    flit_t* row = &pipe_[size_t(in_slot_) * n];
    for (int j : row_ports_[in_slot_]) row[j] = flit_t{};
    row_ports_[in_slot_].clear();
    for (int i : credit_ports_) credit_q_[i] = xbar_credit_t{};
    credit_ports_.clear();
  }

  // Free outputs and busy (locked) inputs, from the state before the edge.
  word free_out[4] = {0, 0, 0, 0}, busy_in[4] = {0, 0, 0, 0};
  {
    const int* ol = olock_in_.data();
    const uint8_t* rdy = out_ready_i.data();
    for (int j = 0; j < n; ++j) {
      if (ol[j] < 0) {
        if (rdy[j]) free_out[j >> 6] |= word(1) << (j & 63);
      } else {
        busy_in[ol[j] >> 6] |= word(1) << (ol[j] & 63);
      }
    }
  }

  // 1. Locked transfers (disjoint from the free inputs and outputs).
  if (locked_ > 0) {
    for (int j = 0; j < n; ++j) {
      const int i = olock_in_[j];
      if (i < 0 || !out_ready_i[j]) continue;
      const int q = qidx(j, olock_cls_[j]);
      if (cnt_[i * nq_ + q] == 0) continue;  // cut-through: the next flit has not arrived
      const bool eop = head(i, q).eop;
      dequeue_to(i, q, j);
      if (eop) {
        olock_in_[j] = -1;
        ilock_out_[i] = -1;
        --locked_;
      }
    }
  }

  // 2+3. Requests and allocation. colm_ holds, per (class, output), the
  // inputs with a request; an output's request class is the highest level
  // with a free, unmatched requester (its members have no higher request for
  // that output, so this is each pair's highest class, as specified).
  word m_in[W] = {}, m_out[W] = {};  // matched at this edge
  const bool do_ptr = !(fault_armed_ && fault_ == xbar_fault::skip_pointer_update && cycle_ >= fault_cycle_);
  const word* colm = colm_.data();
  word* gnt = gnt_.data();
  for (int it = 0; it < p_.iterations; ++it) {
    touched_in_.clear();
    for (int x = 0; x < w; ++x) {
      word cand = out_any_[x] & free_out[x] & ~m_out[x];
      while (cand) {
        const int j = (x << 6) + __builtin_ctzll(cand);
        cand &= cand - 1;
        // Grant: highest requested class, then round robin from grant_ptr.
        int gi = -1, gc = 0;
        for (int c = C - 1; c >= 0; --c) {
          const word* cm = &colm[(size_t(c) * n + j) * w];
          word req[W];
          word any = 0;
          for (int y = 0; y < w; ++y) {
            req[y] = cm[y] & ~busy_in[y] & ~m_in[y];
            any |= req[y];
          }
          if (!any) continue;
          gi = pick_rr(req, w, n, gptr_[j]);
          gc = c;
          break;
        }
        if (gi < 0) continue;
        gnt[(size_t(gc) * n + gi) * w + (j >> 6)] |= word(1) << (j & 63);
        if (!in_touched_flag_[gi]) {
          in_touched_flag_[gi] = 1;
          touched_in_.push_back(gi);
        }
        // Pointer registers change at the edge: later iterations of this edge
        // still arbitrate with the old value, so the move is deferred.
        if (it == 0 && p_.rr && do_ptr) ptr_moves_.push_back({&gptr_[j], gi + 1 == n ? 0 : gi + 1});
      }
    }
    if (touched_in_.empty()) break;
    // Accept: highest granted class, then round robin from accept_ptr.
    for (int i : touched_in_) {
      in_touched_flag_[i] = 0;
      int aj = -1, ac = -1;
      for (int c = C - 1; c >= 0; --c) {
        word* g = &gnt[(size_t(c) * n + i) * w];
        word any = 0;
        for (int y = 0; y < w; ++y) any |= g[y];
        if (!any) continue;
        if (aj < 0) {
          aj = pick_rr(g, w, n, aptr_[i]);
          ac = c;
        }
        for (int y = 0; y < w; ++y) g[y] = 0;
      }
      m_in[i >> 6] |= word(1) << (i & 63);
      m_out[aj >> 6] |= word(1) << (aj & 63);
      matches_.push_back(match{i, aj, ac, it});
      if (it == 0 && do_ptr) {
        ptr_moves_.push_back({&aptr_[i], aj + 1 == n ? 0 : aj + 1});
        if (!p_.rr) ptr_moves_.push_back({&gptr_[aj], i + 1 == n ? 0 : i + 1});
      }
    }
  }
  for (const auto& mv : ptr_moves_) *mv.first = mv.second;
  ptr_moves_.clear();

  // 4. Matched transfers.
  for (const match& m : matches_) {
    const int q = qidx(m.out, m.cls);
    const bool eop = cnt_[m.in * nq_ + q] ? head(m.in, q).eop : true;
    dequeue_to(m.in, q, m.out);
    if (!eop) {
      olock_in_[m.out] = m.in;
      olock_cls_[m.out] = m.cls;
      ilock_out_[m.in] = m.out;
      ++locked_;
    }
  }

  // 7. Enqueue after the dequeues.
  const flit_t* in = in_flit_i.data();
  for (int i = 0; i < n; ++i) {
    const flit_t& f = in[i];
    if (!f.valid) continue;
    if (f.dst >= n || f.cls >= C) {
      violation("input " + std::to_string(i) + ": flit with dst " + std::to_string(f.dst) + " cls " +
                std::to_string(f.cls) + " out of range");
      continue;
    }
    const int q = qidx(f.dst, f.cls);
    const int b = i * nq_ + q;
    if (cnt_[b] >= p_.depth) {
      violation("queue overflow: input " + std::to_string(i) + " queue " + std::to_string(q));
      continue;
    }
    const size_t base = size_t(i) * cap_;
    const uint32_t sl = free_[base + size_t(--free_top_[i])];
    buf_[base + sl] = f;
    if (cnt_[b]++ == 0) {
      head_[b] = sl;
      set_req(i, f.cls, f.dst, true);  // a new head: VOQ non-empty, or FIFO head
    } else {
      next_[base + tail_[b]] = sl;
    }
    tail_[b] = sl;
    ++queued_;
  }
  ++cycle_;
}

}  // namespace sb
