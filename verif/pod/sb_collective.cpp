// The collective engine (sb_collective.h): issue, fences and flags,
// consumption, iterations, the data check and the report.
#include "sb_collective.h"

#include <algorithm>
#include <cmath>

#include "sb_endpoint_link.h"

namespace sb {

namespace {
constexpr uint64_t kElemBytes = 64 * kCollElemLines;
uint64_t key(int dst, uint32_t addr) { return (uint64_t(uint32_t(dst)) << 32) | addr; }
}  // namespace

const char* to_string(coll_op o) {
  switch (o) {
    case coll_op::all_reduce: return "all_reduce";
    case coll_op::all_gather: return "all_gather";
    case coll_op::reduce_scatter: return "reduce_scatter";
    case coll_op::all_to_all: return "all_to_all";
    case coll_op::broadcast: return "broadcast";
  }
  return "?";
}

const char* to_string(coll_algo a) {
  switch (a) {
    case coll_algo::ring: return "ring";
    case coll_algo::direct: return "direct";
    case coll_algo::in_switch: return "in_switch";
  }
  return "?";
}

collective_engine::collective_engine(const collective_config& c, std::vector<int> ranks, std::vector<int> units,
                                     double cycle_ns, std::vector<double> link_bytes_per_ns, uint64_t seed)
    : c_(c), ranks_(std::move(ranks)), units_(std::move(units)), cycle_ns_(cycle_ns), bw_(std::move(link_bytes_per_ns)),
      seed_(seed) {
  for (int e : ranks_) ep_of_.push_back(e);
  for (int e : units_) ep_of_.push_back(e);
  int top = 0;
  for (int e : ep_of_) top = std::max(top, e + 1);
  peer_.assign(size_t(top), -1);
  for (size_t i = 0; i < ep_of_.size(); ++i) peer_[size_t(ep_of_[i])] = int(i);
  ps_.resize(ep_of_.size());
  for (auto& p : ps_) {
    p.recv.resize(ps_.size());
    p.flags_seen.assign(ps_.size(), 0);
    p.dst_q.resize(ps_.size());
  }
  const uint64_t cap = std::min(c_.sample_max_bytes, kCollMaxSimBytes);
  if (c_.message_bytes <= cap) {
    sizes_ = {c_.message_bytes};
  } else {
    sizes_ = {cap / 2, cap};
  }
  times_ns_.resize(sizes_.size());
}

void collective_engine::attach(int ep, ep_memory* m) {
  const int p = peer_of(ep);
  if (p < 0) return;
  ps_[size_t(p)].mem = m;
  m->coll = this;
}

uint32_t collective_engine::input(int rank, uint64_t elem) const {
  uint64_t x = seed_ * 0x9E3779B97F4A7C15ull ^ (uint64_t(global_iter_) << 56) ^ (uint64_t(rank) << 40) ^ elem;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return uint32_t(x ^ (x >> 31));
}

void collective_engine::start(uint64_t cycle) {
  if (iter_ == 0 && on_window) on_window(size_idx_, true);
  plan(sizes_[size_idx_]);
  active_ = true;
  start_ = cycle;
  if (global_iter_ == 0) first_start_ = cycle;
  faulted_ = false;
  for (int p = 0; p < peers(); ++p) update_done(p, cycle);
}

// A flag whose slice's writes have all completed goes first (per destination in order), then data.
bool collective_engine::try_flag(int p, ls_gen_req& out, uint64_t cycle) {
  peer_state& s = ps_[size_t(p)];
  if (s.flag_ready.empty()) return false;
  const int d = s.flag_ready.front();
  s.flag_ready.pop_front();
  auto& q = s.dst_q[size_t(d)];
  s.units[q.front()].flag_sent = true;
  q.pop_front();
  --s.unflagged;
  if (!q.empty()) {
    const unit& n = s.units[q.front()];
    if (n.issued == n.r.hi - n.r.lo && n.done == n.issued) s.flag_ready.push_back(d);
  }
  out = ls_gen_req{};
  out.req.valid = 1;
  out.req.op = 2;
  out.req.dst = uint16_t(ep_of_[size_t(d)]);
  out.req.size = 1;
  out.req.addr = (uint32_t(ep_of_[size_t(p)]) << 20) | kCollFlagLine;
  out.req.wdata = 1;
  out.gen_cycle = cycle;
  ++s.flags_out;
  return true;
}

bool collective_engine::next(int ep, uint64_t cycle, ls_gen_req& out) {
  const int p = peer_of(ep);
  if (!active_ || p < 0) return false;
  if (try_flag(p, out, cycle)) return true;
  peer_state& s = ps_[size_t(p)];
  if (s.cursor >= s.units.size()) return false;
  unit& u = s.units[s.cursor];
  if (u.ctr >= 0 && s.ctr[size_t(u.ctr)] < u.need) return false;
  const uint64_t j = u.r.lo + u.issued;
  uint64_t slot = j;
  if (c_.fault == coll_fault::wrong_offset && p == 0 && s.cursor == 0) slot = j + 1;
  out = ls_gen_req{};
  out.req.valid = 1;
  out.req.op = 1;
  out.req.dst = uint16_t(ep_of_[size_t(u.dst)]);
  out.req.size = kCollElemLines;
  out.req.addr = (uint32_t(ep) << 20) | (u.area + uint32_t(slot) * kCollElemLines);
  out.req.wdata = u.vsrc < 0 ? s.buf[size_t(j)] : input(u.vsrc, j) + u.vadd;
  out.gen_cycle = cycle;
  s.inflight.emplace(key(out.req.dst, out.req.addr), s.cursor);
  if (++u.issued == u.r.hi - u.r.lo) ++s.cursor;
  return true;
}

void collective_engine::completed(int ep, int dst, uint32_t addr) {
  const int p = peer_of(ep);
  if (p < 0) return;
  peer_state& s = ps_[size_t(p)];
  if ((addr & ((1u << 20) - 1)) == kCollFlagLine) {
    if (s.flags_out) --s.flags_out;
    return;
  }
  auto it = s.inflight.find(key(dst, addr));
  if (it == s.inflight.end()) return;
  unit& u = s.units[it->second];
  s.inflight.erase(it);
  ++u.done;
  if (u.done == u.r.hi - u.r.lo && !s.dst_q[size_t(u.dst)].empty() && &s.units[s.dst_q[size_t(u.dst)].front()] == &u)
    s.flag_ready.push_back(u.dst);
}

// Consume a slice a source announced: read it from this peer's memory (its
// lines must carry v, v+1, ...), then reduce, copy or verify it.
void collective_engine::consume(int p, int src, const action& x) {
  peer_state& s = ps_[size_t(p)];
  auto& lines = s.mem->lines;
  const uint32_t region = uint32_t(ep_of_[size_t(src)]) << 20;
  const bool skip = c_.fault == coll_fault::skip_contribution && p == 0 && x.a == act::reduce && !faulted_;
  if (skip) faulted_ = true;
  for (uint64_t j = x.r.lo; j < x.r.hi; ++j) {
    const uint32_t base = region | (x.area + uint32_t(j) * kCollElemLines);
    uint32_t v = 0;
    for (int i = 0; i < kCollElemLines; ++i) {
      auto it = lines.find(base + uint32_t(i));
      const uint32_t got = it == lines.end() ? ls_initial_line(ep_of_[size_t(p)], base + uint32_t(i)) : it->second;
      if (it != lines.end()) lines.erase(it);
      if (i == 0) v = got;
      else if (got != v + uint32_t(i) && ++corrupt_lines_ == 1 && first_mismatch_.empty())
        first_mismatch_ = "endpoint " + std::to_string(ep_of_[size_t(p)]) + ": element " + std::to_string(j) +
                          " from endpoint " + std::to_string(ep_of_[size_t(src)]) + " has a line that does not belong to it";
    }
    uint32_t& b = s.buf[size_t(j)];
    if (x.a == act::reduce && !skip) b += v;
    else if (x.a == act::copy) b = v;
    else if (x.a == act::verify) {
      ++checked_;
      if (v != input(x.owner, j) + x.add && ++mismatches_ == 1 && first_mismatch_.empty())
        first_mismatch_ = "endpoint " + std::to_string(ep_of_[size_t(p)]) + ": token element " + std::to_string(j) +
                          " of rank " + std::to_string(x.owner) + " from endpoint " + std::to_string(ep_of_[size_t(src)]) +
                          " is wrong";
    }
  }
  ++s.ctr[size_t(x.ctr)];
  --s.pending_recv;
}

void collective_engine::flag(int ep, uint32_t addr, uint32_t value) {
  const int p = peer_of(ep);
  if (p < 0 || (addr & ((1u << 20) - 1)) != kCollFlagLine) return;
  const int src = peer_of(int(addr >> 20));
  if (src < 0) return;
  peer_state& s = ps_[size_t(p)];
  const uint32_t count = value - ls_initial_line(ep, addr);  // (the flag line starts at memory's initial value)
  while (s.flags_seen[size_t(src)] < count && !s.recv[size_t(src)].empty()) {
    const action a = s.recv[size_t(src)].front();
    s.recv[size_t(src)].pop_front();
    ++s.flags_seen[size_t(src)];
    consume(p, src, a);
  }
}

void collective_engine::update_done(int p, uint64_t cycle) {
  peer_state& s = ps_[size_t(p)];
  if (s.finished) return;
  if (s.cursor >= s.units.size() && s.flags_out == 0 && s.unflagged == 0 && s.pending_recv == 0) {
    s.finished = true;
    s.end = cycle;
  }
}

void collective_engine::tick(uint64_t cycle) {
  if (done_) return;
  if (!active_) return start(cycle);
  bool all = true;
  for (int p = 0; p < peers(); ++p) {
    update_done(p, cycle);
    all = all && ps_[size_t(p)].finished;
  }
  if (all) finish_iteration(cycle);
}

}  // namespace sb
