// Crossbar engine; the normative behaviour is docs/xbar.md "Cycle-level behaviour".
#include "sb_xbar_core.h"

#include <algorithm>
#include <cstring>

#include "sb_validated.h"

namespace sb {

std::string xbar_params::validate() const {
  if (ports < 2 || ports > 1024) return "ports must be in [2, 1024]";
  if (classes < 1 || classes > 8) return "classes must be in [1, 8]";
  if (depth < 1 || depth > 4096) return "depth must be in [1, 4096]";
  if (iterations < 1 || iterations > ports) return "iterations must be in [1, ports]";
  if (pipeline < 1 || pipeline > 31) return "pipeline must be in [1, 31]";
  return "";
}

xbar_core::xbar_core(const xbar_params& p) : p_(validated(p, "xbar_params")) {
  n_ = p_.ports;
  nq_ = p_.fifo ? p_.classes : p_.ports * p_.classes;
  w_ = n_ <= 64 ? 1 : n_ <= 128 ? 2 : n_ <= 256 ? 4 : 16;  // a power of two: step_w<W> is compiled for 1, 2, 4, 16
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
  row_ports_.assign(size_t(p_.pipeline) * n_, 0);
  row_n_.assign(p_.pipeline, 0);
  credit_q_.assign(n_, xbar_credit_t{});
  credit_ports_.assign(n_, 0);
  gnt_.assign(size_t(p_.classes) * n_ * w_, 0);
  touched_in_.assign(n_, 0);
  matches_.assign(n_, match{});
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
  std::fill(std::begin(lock_in_m_), std::end(lock_in_m_), 0);
  std::fill(std::begin(lock_out_m_), std::end(lock_out_m_), 0);
  std::fill(gptr_.begin(), gptr_.end(), 0);
  std::fill(aptr_.begin(), aptr_.end(), 0);
  std::fill(pipe_.begin(), pipe_.end(), flit_t{});
  std::fill(row_n_.begin(), row_n_.end(), 0);
  std::fill(credit_q_.begin(), credit_q_.end(), xbar_credit_t{});
  credit_n_ = 0;
  in_slot_ = 0;
  out_slot_ = p_.pipeline > 1 ? 1 : 0;
  queued_ = 0;
  locked_ = 0;
  cycle_ = 0;
  match_n_ = 0;
}

uint64_t xbar_core::occupancy() const {
  uint64_t n = queued_;
  for (int r = 0; r < p_.pipeline; ++r)
    if (r != out_slot_) n += uint64_t(row_n_[r]);
  return n;
}

void xbar_core::violation(const std::string& what) {
  if (violations_.size() < 100) violations_.push_back("cycle " + std::to_string(cycle_) + ": " + what);
}

// Request bookkeeping, on every enqueue and dequeue that changes a queue's
// head (inline: it runs twice per flit).
inline void xbar_core::req_on(int i, int cls, int dst) {
  colm_[(size_t(cls) * n_ + dst) * w_ + (i >> 6)] |= word(1) << (i & 63);
  if (out_req_cnt_[dst]++ == 0) out_any_[dst >> 6] |= word(1) << (dst & 63);
}

inline void xbar_core::req_off(int i, int cls, int dst) {
  colm_[(size_t(cls) * n_ + dst) * w_ + (i >> 6)] &= ~(word(1) << (i & 63));
  if (--out_req_cnt_[dst] == 0) out_any_[dst >> 6] &= ~(word(1) << (dst & 63));
}

// First set bit at index >= from, wrapping around; -1 when the mask is empty.
template <int W>
int xbar_core::pick_rr(const word* mask, int n, int from) {  // NOLINT
  if (W == 1) {  // one word: the bits at or after `from`, else the lowest
    const word m = mask[0];
    const word first = m & (~word(0) << from);
    return first ? __builtin_ctzll(first) : m ? __builtin_ctzll(m) : -1;
  }
  const int wi = from >> 6;
  const word first = mask[wi] & (~word(0) << (from & 63));
  if (first) return (wi << 6) + __builtin_ctzll(first);
  for (int k = 1; k <= W; ++k) {
    const int w = (wi + k) & (W - 1);
    if (mask[w]) {
      const int j = (w << 6) + __builtin_ctzll(mask[w]);
      if (j < n) return j;
    }
  }
  return -1;
}

// Every array through a local pointer, as in enqueue().
inline void xbar_core::dequeue_to(int i, int q, int j) {
  const int b = i * nq_ + q;
  uint16_t* cnt = cnt_.data();
  if (cnt[b] == 0) {
    violation("grant to empty queue: input " + std::to_string(i) + " queue " + std::to_string(q));
    return;
  }
  uint32_t* head = head_.data();
  const flit_t* buf = buf_.data();
  const uint32_t sl = head[b];
  const size_t base = size_t(i) * cap_;
  flit_t f = buf[base + sl];
  head[b] = next_[base + sl];
  free_[base + size_t(free_top_[i]++)] = sl;
  const int left = --cnt[b];
  if (p_.fifo) {  // the class head changes: its request moves to the new head's dst
    req_off(i, q, f.dst);
    if (left != 0) req_on(i, q, buf[base + head[b]].dst);
  } else if (left == 0) {
    req_off(i, f.cls, f.dst);
  }
  --queued_;
  int* cports = credit_ports_.data();
  int* rports = row_ports_.data();
  flit_t* pipe = pipe_.data();
  int& cn = credit_n_;
  const size_t row = size_t(in_slot_) * n_;
  int& rn = row_n_[size_t(in_slot_)];
  cports[cn++] = i;
  credit_q_[i] = xbar_credit_t{true, f.dst, f.cls};
  if (fault_armed_ && cycle_ >= fault_cycle_) {
    if (fault_ == xbar_fault::corrupt_sig) {
      f.sig ^= 1u;
      fault_armed_ = false;
    } else if (fault_ == xbar_fault::drop_flit) {
      fault_armed_ = false;
      return;
    }
  }
  pipe[row + j] = f;
  rports[row + size_t(rn++)] = j;
}

void xbar_core::set_lock(int i, int j, int cls) {
  olock_in_[j] = i;
  olock_cls_[j] = cls;
  ilock_out_[i] = j;
  lock_out_m_[j >> 6] |= word(1) << (j & 63);
  lock_in_m_[i >> 6] |= word(1) << (i & 63);
  ++locked_;
}

void xbar_core::release_lock(int i, int j) {
  olock_in_[j] = -1;
  ilock_out_[i] = -1;
  lock_out_m_[j >> 6] &= ~(word(1) << (j & 63));
  lock_in_m_[i >> 6] &= ~(word(1) << (i & 63));
  --locked_;
}

void xbar_core::step() {
  switch (w_) {
    case 1: step_w<1>(); break;
    case 2: step_w<2>(); break;
    case 4: step_w<4>(); break;
    default: step_w<16>(); break;
  }
}

// Free outputs (not locked, ready) and busy (locked) inputs, from the state
// before the edge. out_ready_i is packed eight ports at a time.
template <int W>
void xbar_core::port_masks(word* free_out, word* busy_in) const {
  const uint8_t* rdy = out_ready_i.data();
  const int n = n_;
  for (int x = 0; x < W; ++x) {
    word r = 0;
    const int lo = x << 6, hi = std::min(n, lo + 64);
    int j = lo;
    for (; j + 8 <= hi; j += 8) {
      uint64_t b;
      std::memcpy(&b, rdy + j, sizeof b);
      b |= b >> 4;  // bit 0 of each byte becomes the OR of its byte
      b |= b >> 2;
      b |= b >> 1;
      b &= 0x0101010101010101ull;
      r |= word((b * 0x0102040810204080ull) >> 56) << (j & 63);
    }
    for (; j < hi; ++j)
      if (rdy[j]) r |= word(1) << (j & 63);
    free_out[x] = r & ~lock_out_m_[x];
    busy_in[x] = lock_in_m_[x];
  }
}

// 1. Locked transfers (disjoint from the free inputs and outputs).
void xbar_core::locked_transfers() {
  for (int x = 0; x < w_; ++x) {
    word m = lock_out_m_[x];
    while (m) {
      const int j = (x << 6) + __builtin_ctzll(m);
      m &= m - 1;
      const int i = olock_in_[j];
      if (!out_ready_i[j]) continue;
      const int q = qidx(j, olock_cls_[j]);
      if (cnt_[i * nq_ + q] == 0) continue;  // cut-through: the next flit has not arrived
      const bool eop = head(i, q).eop;
      dequeue_to(i, q, j);
      if (eop) release_lock(i, j);
    }
  }
}

// The port masks are W 64-bit words; W is a compile-time constant so that the
// mask loops unroll (this is the hottest code of a crossbar simulation).
template <int W>
void xbar_core::step_w() {
  match_n_ = 0;

  // Pipeline advance: the row that was visible is reused for this edge's crossings.
  in_slot_ = in_slot_ + 1 == p_.pipeline ? 0 : in_slot_ + 1;
  out_slot_ = in_slot_ + 1 == p_.pipeline ? 0 : in_slot_ + 1;
  {
    flit_t* row = &pipe_[size_t(in_slot_) * n_];
    const int* rp = &row_ports_[size_t(in_slot_) * n_];
    for (int k = 0, e = row_n_[in_slot_]; k < e; ++k) row[rp[k]] = flit_t{};
    row_n_[in_slot_] = 0;
    for (int k = 0; k < credit_n_; ++k) credit_q_[size_t(credit_ports_[k])] = xbar_credit_t{};
    credit_n_ = 0;
  }

  word free_out[W], busy_in[W];
  port_masks<W>(free_out, busy_in);
  if (locked_ > 0) locked_transfers();

  do_ptr_ = !(fault_armed_ && fault_ == xbar_fault::skip_pointer_update && cycle_ >= fault_cycle_);
  if (p_.classes == 1)
    allocate<W, true>(free_out, busy_in);
  else
    allocate<W, false>(free_out, busy_in);
  matched_transfers();
  enqueue();
  ++cycle_;
}

// 2+3. Requests and allocation. colm_ holds, per (class, output), the
// inputs with a request; an output's request class is the highest level
// with a free, unmatched requester (its members have no higher request for
// that output, so this is each pair's highest class, as specified).
// With one iteration the pointer registers are written in place (each is
// read once per edge, before its write); with more, later iterations of this
// edge still arbitrate with the old values, so the moves are deferred.
template <int W, bool OneClass>
void xbar_core::allocate(const word* free_out, const word* busy_in) {
  const int n = n_, C = OneClass ? 1 : p_.classes;
  const bool defer = p_.iterations > 1;
  word m_in[W] = {}, m_out[W] = {};  // matched at this edge
  const word* colm = colm_.data();
  word* gnt = gnt_.data();
  int* gptr = gptr_.data();
  int* aptr = aptr_.data();
  int* touched = touched_in_.data();
  match* matches = matches_.data();
  int nm = 0;
  auto move = [&](int* ptr, int v) { defer ? ptr_moves_.push_back({ptr, v}) : void(*ptr = v); };
  for (int it = 0; it < p_.iterations; ++it) {
    int nt = 0;
    word touched_m[W] = {};
    word avail[W];
    for (int y = 0; y < W; ++y) avail[y] = ~busy_in[y] & ~m_in[y];
    for (int x = 0; x < W; ++x) {
      word cand = out_any_[x] & free_out[x] & ~m_out[x];
      while (cand) {
        const int j = (x << 6) + __builtin_ctzll(cand);
        cand &= cand - 1;
        // Grant: highest requested class, then round robin from grant_ptr.
        int gi = -1, gc = 0;
        for (int c = C - 1; c >= 0; --c) {
          const word* cm = &colm[(size_t(c) * n + j) * W];
          word req[W];
          word any = 0;
          for (int y = 0; y < W; ++y) {
            req[y] = cm[y] & avail[y];
            any |= req[y];
          }
          if (!any) continue;
          gi = pick_rr<W>(req, n, gptr[j]);
          gc = c;
          break;
        }
        if (gi < 0) continue;
        gnt[(size_t(gc) * n + gi) * W + (j >> 6)] |= word(1) << (j & 63);
        const word tb = word(1) << (gi & 63);
        if (!(touched_m[gi >> 6] & tb)) {
          touched_m[gi >> 6] |= tb;
          touched[nt++] = gi;
        }
        if (it == 0 && p_.rr && do_ptr_) move(&gptr[j], gi + 1 == n ? 0 : gi + 1);
      }
    }
    if (nt == 0) break;
    // Accept: highest granted class, then round robin from accept_ptr.
    for (int t = 0; t < nt; ++t) {
      const int i = touched[t];
      int aj = -1, ac = -1;
      for (int c = C - 1; c >= 0; --c) {
        word* g = &gnt[(size_t(c) * n + i) * W];
        word any = 0;
        for (int y = 0; y < W; ++y) any |= g[y];
        if (!any) continue;
        if (aj < 0) {
          aj = pick_rr<W>(g, n, aptr[i]);
          ac = c;
        }
        for (int y = 0; y < W; ++y) g[y] = 0;
      }
      m_in[i >> 6] |= word(1) << (i & 63);
      m_out[aj >> 6] |= word(1) << (aj & 63);
      matches[nm++] = match{i, aj, ac, it};
      if (it == 0 && do_ptr_) {
        move(&aptr[i], aj + 1 == n ? 0 : aj + 1);
        if (!p_.rr) move(&gptr[aj], i + 1 == n ? 0 : i + 1);
      }
    }
  }
  match_n_ = nm;
  for (const auto& mv : ptr_moves_) *mv.first = mv.second;
  ptr_moves_.clear();
}

// 4. Matched transfers.
void xbar_core::matched_transfers() {
  for (const match& m : last_matches()) {
    const int q = qidx(m.out, m.cls);
    const bool eop = cnt_[m.in * nq_ + q] ? head(m.in, q).eop : true;
    dequeue_to(m.in, q, m.out);
    if (!eop) set_lock(m.in, m.out, m.cls);
  }
}

// 7. Enqueue after the dequeues. Every array through a local pointer: the
// flit's byte-sized fields alias everything, and members would be reloaded.
void xbar_core::enqueue() {
  const int n = n_, C = p_.classes, depth = p_.depth, nq = nq_, cap = cap_, w = w_;
  const bool fifo = p_.fifo;
  const flit_t* in = in_flit_i.data();
  uint16_t* cnt = cnt_.data();
  uint32_t *head = head_.data(), *tail = tail_.data(), *next = next_.data(), *fr = free_.data();
  int* top = free_top_.data();
  int* req_cnt = out_req_cnt_.data();
  word *colm = colm_.data(), *any = out_any_.data();
  flit_t* buf = buf_.data();
  uint64_t added = 0;
  for (int i = 0; i < n; ++i) {
    const flit_t& f = in[i];
    if (!f.valid) continue;
    const int dst = f.dst, cls = f.cls;
    if (dst >= n || cls >= C) {
      violation("input " + std::to_string(i) + ": flit with dst " + std::to_string(dst) + " cls " +
                std::to_string(cls) + " out of range");
      continue;
    }
    const int q = fifo ? cls : dst * C + cls;
    const int b = i * nq + q;
    if (cnt[b] >= depth) {
      violation("queue overflow: input " + std::to_string(i) + " queue " + std::to_string(q));
      continue;
    }
    const size_t base = size_t(i) * cap;
    const uint32_t sl = fr[base + size_t(--top[i])];
    buf[base + sl] = f;
    if (cnt[b]++ == 0) {
      head[b] = sl;
      // A new head (VOQ non-empty, or FIFO head): the request, as req_on.
      colm[(size_t(cls) * n + dst) * w + (i >> 6)] |= word(1) << (i & 63);
      if (req_cnt[dst]++ == 0) any[dst >> 6] |= word(1) << (dst & 63);
    } else {
      next[base + tail[b]] = sl;
    }
    tail[b] = sl;
    ++added;
  }
  queued_ += added;
}

}  // namespace sb
