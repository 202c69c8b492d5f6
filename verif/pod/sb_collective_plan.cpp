// The collectives' algorithms as transfers (sb_collective.h): which peer
// writes which elements to which, after what, and what the receiver does
// with them. Chunk c of a buffer of E elements is [c*E/R, (c+1)*E/R).
#include <algorithm>
#include <cmath>

#include "sb_collective.h"
#include "sb_rng.h"

namespace sb {

namespace {
constexpr uint64_t kElemBytes = 64 * kCollElemLines;
uint64_t mod(int64_t a, int64_t n) { return uint64_t(((a % n) + n) % n); }
}  // namespace

collective_engine::range collective_engine::chunk(int c) const {
  const uint64_t n = uint64_t(nr());
  return {uint64_t(c) * elems_ / n, uint64_t(c + 1) * elems_ / n};
}

std::vector<collective_engine::range> collective_engine::slices(range r) const {
  std::vector<range> v;
  for (uint64_t lo = r.lo; lo < r.hi; lo += slice_elems_) v.push_back({lo, std::min(r.hi, lo + slice_elems_)});
  return v;
}

// Transfers join the sender's current group; flush() lays a group's slices
// out interleaved (slice 0 of every transfer, then slice 1, ...), so that a
// rank writing to many peers spreads over them and each receiver's first
// slices arrive early.
void collective_engine::transfer(const xfer& x) { group_.push_back(x); }

void collective_engine::flush() {
  std::vector<std::vector<range>> sl;
  size_t most = 0;
  for (const xfer& x : group_) {
    sl.push_back(slices(x.r));
    most = std::max(most, sl.back().size());
  }
  for (size_t j = 0; j < most; ++j)
    for (size_t i = 0; i < group_.size(); ++i)
      if (j < sl[i].size()) add_slice(group_[i], j, sl[i][j]);
  group_.clear();
}

void collective_engine::add_slice(const xfer& x, size_t j, range r) {
  peer_state& s = ps_[size_t(x.from)];
  peer_state& d = ps_[size_t(x.to)];
  unit u;
  u.dst = x.to;
  u.r = r;
  u.area = x.area;
  u.ctr = x.wait_ctr < 0 ? -1 : x.wait_ctr + (x.ctr_per_slice ? int(j) : 0);
  u.need = x.wait_ctr < 0 ? 0 : x.need + (x.need_same ? 0 : j);
  u.vsrc = x.vsrc;
  u.vadd = x.vadd;
  s.dst_q[size_t(x.to)].push_back(s.units.size());
  s.units.push_back(u);
  ++s.unflagged;
  action a;
  a.r = r;
  a.area = x.area;
  a.a = x.a;
  a.ctr = x.recv_ctr >= 0 ? x.recv_ctr : 1 + int(j);
  a.owner = x.owner;
  a.add = x.add;
  d.recv[size_t(x.from)].push_back(a);
  ++d.pending_recv;
  if (d.ctr.size() <= size_t(a.ctr)) d.ctr.resize(size_t(a.ctr) + 1, 0);
  if (u.ctr >= 0 && s.ctr.size() <= size_t(u.ctr)) s.ctr.resize(size_t(u.ctr) + 1, 0);
  const uint64_t elems = r.hi - r.lo;
  s.sent_bytes += elems * kElemBytes;
  d.recv_bytes += elems * kElemBytes;
  // On the wire: a write is a header + 4 data flits one way and a 1-flit response back; a flag 2 + 2.
  s.flits_up += elems * (1 + kCollElemLines) + 2;
  d.flits_down += elems * (1 + kCollElemLines) + 2;
  s.flits_down += elems + 2;
  d.flits_up += elems + 2;
}

// Ring steps 0..steps-1: rank r sends chunk r-s-shift to r+1, which reduces
// (steps below reduce_steps: area A) or copies (area B) it. Each slice goes
// on when the same slice of the step before has arrived.
void collective_engine::plan_ring(int steps, int shift, bool all_reduce) {
  const int n = nr();
  const int reduce_steps = all_reduce || c_.op == coll_op::reduce_scatter ? n - 1 : 0;
  for (int r = 0; r < n; ++r) {
    const int succ = int(mod(r + 1, n));
    uint64_t before_prev = 0, before_cur = 0;  // slices rank r has received before step s-1, before step s
    for (int s = 0; s < steps; ++s) {
      xfer x;
      x.from = r;
      x.to = succ;
      x.r = chunk(int(mod(r - s - shift, n)));
      x.area = s < n - 1 ? 0 : kCollAreaB;
      x.a = s < reduce_steps ? act::reduce : act::copy;
      x.recv_ctr = 0;
      if (s > 0) {  // slice j: the first j + 1 slices of step s-1 are in
        x.wait_ctr = 0;
        x.need = before_prev + 1;
      }
      transfer(x);
      flush();  // (steps in order)
      // what arrives at r in step s: the chunk its predecessor sends (the one r sends next)
      before_prev = before_cur;
      before_cur += slices(chunk(int(mod(r - 1 - s - shift, n)))).size();
    }
  }
}

// Reduce-scatter to owners: every rank writes chunk c to peer base + c (one
// slice of each in turn, starting with its successor's, from `first` on:
// 1 skips its own chunk), which adds them up, counting per slice.
void collective_engine::plan_scatter(int first, int base) {
  const int n = nr();
  for (int r = 0; r < n; ++r, flush())
    for (int i = first; i < n; ++i) {
      xfer x;
      x.from = r;
      x.to = base + int(mod(r + i, n));
      x.r = chunk(x.to - base);
      x.a = act::reduce;
      x.recv_ctr = -1;
      transfer(x);
    }
}

// Direct all-gather: every rank writes its chunk to every other; after a
// reduce-scatter, slice j goes when all n-1 contributions to it are in.
void collective_engine::plan_direct_ag(bool after_rs) {
  const int n = nr();
  for (int r = 0; r < n; ++r, flush())
    for (int i = 1; i < n; ++i) {
      xfer x;
      x.from = r;
      x.to = int(mod(r + i, n));
      x.r = chunk(r);
      x.area = kCollAreaB;
      x.a = act::copy;
      x.recv_ctr = 0;
      if (after_rs) {  // slice j: its n-1 contributions are in (counter 1 + j)
        x.wait_ctr = 1;
        x.ctr_per_slice = true;
        x.need = uint64_t(n - 1);
        x.need_same = true;
      }
      transfer(x);
    }
}

// In-switch reduction: unit o (peer n + o) owns chunk o; every rank writes
// each chunk once to its unit; the unit, once all n contributions to a slice
// are in, writes the sum to every rank.
void collective_engine::plan_in_switch() {
  const int n = nr();
  plan_scatter(0, n);
  for (int o = 0; o < n; ++o, flush())
    for (int i = 0; i < n; ++i) {
      xfer x;
      x.from = n + o;
      x.to = int(mod(o + i, n));
      x.r = chunk(o);
      x.area = kCollAreaB;
      x.a = act::copy;
      x.recv_ctr = 0;
      x.wait_ctr = 1;  // slice j: all n contributions are in (counter 1 + j)
      x.ctr_per_slice = true;
      x.need = uint64_t(n);
      x.need_same = true;
      transfer(x);
    }
}

void collective_engine::plan_all_reduce() {
  const int n = nr();
  if (c_.algo == coll_algo::ring) return plan_ring(2 * n - 2, 1, true);
  if (c_.algo == coll_algo::in_switch) return plan_in_switch();
  plan_scatter(1, 0);
  plan_direct_ag(true);
}

// Broadcast: ring = a pipeline root -> root+1 -> ... (each slice forwarded
// as it arrives); direct = the root writes to every rank.
void collective_engine::plan_broadcast() {
  const int n = nr();
  for (int i = 0; i + 1 < n; ++i) {
    if (c_.algo == coll_algo::direct && i > 0) break;
    const int from = int(mod(c_.root + i, n));
    for (int t = 1; t < (c_.algo == coll_algo::direct ? n : 2); ++t) {
      xfer x;
      x.from = from;
      x.to = int(mod(from + t, n));
      x.r = {0, elems_};
      x.a = act::copy;
      x.recv_ctr = 0;
      if (i > 0) {
        x.wait_ctr = 0;
        x.need = 1;
      }
      transfer(x);
    }
    flush();
  }
}

// All-to-all (MoE): rank r's T tokens each go to an expert (rank) drawn
// from a Zipf popularity with exponent skew over a seeded order of the
// experts; dispatch writes each block to its expert, combine returns it
// (the expert's output: the token + 1) once the whole block has arrived.
void collective_engine::plan_all_to_all() {
  const int n = nr();
  const uint64_t tok_elems = std::max<uint64_t>(1, (c_.token_bytes + kElemBytes - 1) / kElemBytes);
  const uint64_t tokens = std::max<uint64_t>(1, elems_ / tok_elems);
  elems_ = tokens * tok_elems;
  rng order(seed_, 0xC011EC7);
  std::vector<int> pop(static_cast<size_t>(n));
  for (int d = 0; d < n; ++d) pop[size_t(d)] = d;
  for (int d = n - 1; d > 0; --d) std::swap(pop[size_t(d)], pop[order.below(uint32_t(d + 1))]);
  std::vector<double> cdf(static_cast<size_t>(n));
  double sum = 0;
  for (int d = 0; d < n; ++d) cdf[size_t(d)] = (sum += std::pow(1.0 + pop[size_t(d)], -c_.skew));
  a2a_cnt_.assign(size_t(n), std::vector<uint64_t>(size_t(n), 0));
  a2a_off_ = a2a_cnt_;
  for (int r = 0; r < n; ++r) {
    rng g(seed_ ^ uint64_t(global_iter_), 0xA2A0000 + uint64_t(r));
    for (uint64_t t = 0; t < tokens; ++t) {
      const double u = g.uniform() * sum;
      const int d = int(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
      a2a_cnt_[size_t(r)][size_t(std::min(d, n - 1))] += tok_elems;
    }
    uint64_t off = 0;
    for (int d = 0; d < n; ++d) a2a_off_[size_t(r)][size_t(d)] = off, off += a2a_cnt_[size_t(r)][size_t(d)];
  }
  for (int pass = 0; pass < (c_.combine ? 2 : 1); ++pass)
    for (int r = 0; r < n; ++r, flush())
      for (int i = 1; i < n; ++i) {
        const int d = int(mod(r + i, n));
        const int src = pass == 0 ? r : d, dst = pass == 0 ? d : r;  // combine: the expert d returns r's block
        const uint64_t cnt = a2a_cnt_[size_t(r)][size_t(d)];
        if (cnt == 0) continue;
        xfer x;
        x.from = src;
        x.to = dst;
        x.r = {a2a_off_[size_t(r)][size_t(d)], a2a_off_[size_t(r)][size_t(d)] + cnt};
        x.area = pass == 0 ? 0 : kCollAreaB;
        x.a = act::verify;
        x.owner = r;
        x.vsrc = r;
        x.vadd = x.add = uint32_t(pass);
        x.recv_ctr = pass == 0 ? 1 + r : 0;  // dispatch: counted per source, for the combine's wait
        if (pass == 1) {
          x.wait_ctr = 1 + r;
          x.need = slices(x.r).size();
          x.need_same = true;
        }
        transfer(x);
      }
}

// The plan of one iteration at `bytes` per rank.
void collective_engine::plan(uint64_t bytes) {
  elems_ = std::max<uint64_t>(1, (bytes + kElemBytes - 1) / kElemBytes);
  slice_elems_ = std::max<uint64_t>(1, c_.slice_bytes / kElemBytes);
  const int n = nr();
  for (auto& p : ps_) {
    p.units.clear();
    p.cursor = 0;
    for (auto& q : p.recv) q.clear();
    for (auto& q : p.dst_q) q.clear();
    p.flag_ready.clear();
    p.ctr.assign(1, 0);
    p.pending_recv = p.flags_out = p.sent_bytes = p.recv_bytes = p.flits_up = p.flits_down = p.unflagged = 0;
    p.finished = false;
  }
  switch (c_.op) {
    case coll_op::all_reduce: plan_all_reduce(); break;
    case coll_op::reduce_scatter:
      if (c_.algo == coll_algo::ring) plan_ring(n - 1, 1, false);
      else plan_scatter(1, 0);
      break;
    case coll_op::all_gather:
      if (c_.algo == coll_algo::ring) plan_ring(n - 1, 0, false);
      else plan_direct_ag(false);
      break;
    case coll_op::broadcast: plan_broadcast(); break;
    case coll_op::all_to_all: plan_all_to_all(); break;
  }
  // The buffers: what each rank holds before the collective.
  for (int p = 0; p < peers(); ++p) {
    auto& b = ps_[size_t(p)].buf;
    b.assign(size_t(elems_), 0);
    if (p >= n) continue;  // reduction units start from zero
    for (uint64_t j = 0; j < elems_; ++j) {
      const bool own = c_.op == coll_op::all_reduce || c_.op == coll_op::reduce_scatter || c_.op == coll_op::all_to_all ||
                       (c_.op == coll_op::all_gather && j >= chunk(p).lo && j < chunk(p).hi) ||
                       (c_.op == coll_op::broadcast && p == c_.root);
      if (own) b[size_t(j)] = input(p, j);
    }
  }
}

}  // namespace sb
