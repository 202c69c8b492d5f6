#include "sb_scoreboard.h"

#include "sb_rng.h"

namespace sb {

scoreboard::scoreboard(int ports, int classes, int max_in_flight) : ports_(ports), classes_(classes) {
  const size_t flows = size_t(ports) * ports * classes;
  uint64_t ring = 1;
  while (ring < uint64_t(max_in_flight)) ring <<= 1;
  ring_mask_ = ring - 1;
  ring_shift_ = __builtin_ctzll(ring);
  expect_.assign(flows, 0);
  stamps_.assign(flows * ring, stamp{});
  out_.resize(ports);
}

void scoreboard::error(const std::string& e, uint64_t cycle) {
  if (first_error_.empty()) first_error_ = "cycle " + std::to_string(cycle) + ": " + e;
}

void scoreboard::on_inject_head(int src, int dst, int cls, uint64_t no, uint64_t gen_cycle, uint64_t cycle) {
  stamp& s = stamps_[(size_t(flow(src, dst, cls)) << ring_shift_) + (no & ring_mask_)];
  if (s.no != ~uint64_t(0)) ++stamp_overwrites_;  // more in flight than the bound: latency not sampled
  s = stamp{no, gen_cycle, cycle};
}

// A packet's head at output `port`: its number in the flow from the tag
// (in order, ahead of packets still missing, or behind: late or a copy).
void scoreboard::on_head(out_state& o, int port, const flit_t& f, uint64_t cycle) {
  auto where = [port] { return "output " + std::to_string(port) + ": "; };
  if (o.active) {  // the previous packet lost its tail
    error(where() + "packet interrupted by a new head " + f.to_string(), cycle);
    ++corrupted_;
  }
  o = out_state{};
  o.active = true;
  o.src = f.src;
  o.cls = f.cls;
  o.len = f.len;
  o.flow = flow(f.src, f.dst, f.cls);
  const uint64_t exp = expect_[o.flow];
  const uint32_t dist = (uint32_t(f.tag) - uint32_t(exp)) & 0xfffu;
  if (dist == 0) {
    o.no = exp;
    expect_[o.flow] = exp + 1;
  } else if (dist < 2048) {  // ahead: packets in between are missing (so far)
    o.no = exp + dist;
    for (uint64_t k = exp; k < o.no; ++k) missing_.insert((uint64_t(o.flow) << 40) | k);
    expect_[o.flow] = o.no + 1;
    o.kind = 1;
    error(where() + "packet " + std::to_string(o.no) + " of flow src " + std::to_string(f.src) + " cls " +
              std::to_string(f.cls) + " arrived before " + std::to_string(exp),
          cycle);
  } else {  // behind: late (reordered) or a second copy
    o.no = exp - (4096 - dist);
    o.kind = missing_.erase((uint64_t(o.flow) << 40) | o.no) ? 1 : 2;
    error(where() + (o.kind == 1 ? "late packet " : "duplicate packet ") + std::to_string(o.no) +
              " of flow src " + std::to_string(f.src) + " cls " + std::to_string(f.cls),
          cycle);
  }
}

scoreboard::delivery scoreboard::on_output(int port, const flit_t& f, uint64_t cycle) {
  delivery d;
  out_state& o = out_[port];
  // Fast path: a well-formed 1-flit packet, the next of its flow, intact;
  // the general path below gives the same result for it (and leaves the
  // output idle, as here). Anything else takes the general path from scratch.
  if (f.sop && f.eop && f.len == 1 && !o.active && f.dst == port && f.src < ports_ && f.cls < classes_) {
    const int fl = flow(f.src, f.dst, f.cls);
    const uint64_t exp = expect_[fl];
    if (((uint32_t(f.tag) ^ uint32_t(exp)) & 0xfffu) == 0 && f.sig == payload_sig(f.src, f.dst, f.cls, exp, 0)) {
      expect_[fl] = exp + 1;
      ++delivered_;
      d.complete = true;
      stamp& st = stamps_[(size_t(fl) << ring_shift_) + (exp & ring_mask_)];
      if (st.no == exp) {
        d.gen_cycle = st.gen;
        d.inject_cycle = st.inj;
        st.no = ~uint64_t(0);
        d.in_order = true;
      }
      return d;
    }
  }
  // Built only on the error paths: this function runs for every flit.
  auto where = [port] { return "output " + std::to_string(port) + ": "; };
  if (f.dst != port || f.src >= ports_ || f.cls >= classes_) {
    error(where() + "misrouted or malformed flit " + f.to_string(), cycle);
    if (f.eop) {
      ++corrupted_;
      o.active = false;
    } else {
      o.ok = false;
    }
    return d;
  }
  if (f.sop) {
    on_head(o, port, f, cycle);
  } else if (!o.active) {
    error(where() + "body flit without a head " + f.to_string(), cycle);
    if (f.eop) ++corrupted_;
    return d;
  }
  if (f.src != o.src || f.cls != o.cls || f.len != o.len ||
      f.sig != payload_sig(f.src, f.dst, f.cls, o.no, uint32_t(o.idx))) {
    if (o.ok) error(where() + "corrupted flit " + std::to_string(o.idx) + " " + f.to_string(), cycle);
    o.ok = false;
  }
  ++o.idx;
  if (!f.eop) return d;
  if (o.idx != o.len) {
    if (o.ok) error(where() + "packet of " + std::to_string(o.idx) + " flits, header says " + std::to_string(o.len), cycle);
    o.ok = false;
  }
  o.active = false;
  d.complete = true;
  if (!o.ok) {
    ++corrupted_;
    return d;
  }
  if (o.kind == 2) {
    ++duplicated_;
    return d;
  }
  ++delivered_;
  stamp& st = stamps_[(size_t(o.flow) << ring_shift_) + (o.no & ring_mask_)];
  if (st.no == o.no) {
    d.gen_cycle = st.gen;
    d.inject_cycle = st.inj;
    st.no = ~uint64_t(0);
    d.in_order = o.kind == 0;
  }
  if (o.kind == 1) ++reordered_;
  return d;
}

bool scoreboard::pass() const {
  return injected_ == delivered_ && duplicated_ == 0 && reordered_ == 0 && corrupted_ == 0;
}

nlohmann::json scoreboard::to_json() const {
  const uint64_t accounted = delivered_ + corrupted_;
  return {{"pass", pass()},
          {"unit", "packets"},
          {"injected", injected_},
          {"delivered", delivered_},
          {"lost", injected_ > accounted ? injected_ - accounted : 0},
          {"duplicated", duplicated_},
          {"reordered", reordered_},
          {"corrupted", corrupted_}};
}

}  // namespace sb
