// Framing on the link (systemc/link/sb_framing.h, docs/framing.md): the wire
// rate of each framing against its arithmetic, the latency of a lone flit, a
// fault taking the whole unit (frame or DL flit), and order kept.
#include <catch2/catch.hpp>

#include "sb_link.h"

using namespace sb;
using Catch::Matchers::WithinRel;

namespace {
link_params params(link_framing f) {
  link_params p;
  p.framing = f;
  p.serdes_ns = 10;
  p.fec_ns = 0;
  p.cable_m = 0;  // 10 ns = 16 cycles of 0.64 ns
  return p;
}

// A slot of data (sequence seq) of a packet of `len` flits, flit i of it.
void slot(uint32_t seq, int i, int len, llr_wire_t& h, flit_t& d) {
  h = llr_wire_t{};
  d = flit_t{};
  h.valid = true;
  h.seq = seq;
  d.valid = true;
  d.sop = i == 0;
  d.eop = i == len - 1;
  d.len = uint8_t(len);
  d.sig = seq;
}

struct run_result {
  uint64_t out = 0, in = 0, first_out = UINT64_MAX;
  bool ordered = true;
};

// Offers a packet stream of `len`-flit packets, one flit per cycle while the
// framer holds fewer than `cap` slots (as the LLR's replay buffer bounds it), for n cycles.
run_result stream(link_direction& l, int len, uint64_t n, uint64_t cap = 64) {
  run_result r;
  uint32_t seq = 0, next = 0;
  for (uint64_t k = 0; k < n; ++k) {
    llr_wire_t h{};
    flit_t d{};
    if (seq - r.out < cap) {
      slot(seq, int(seq % uint32_t(len)), len, h, d);
      ++seq;
    }
    l.push(k, h, d);
    if (l.out_hdr().valid) {
      if (l.out_hdr().seq != next) r.ordered = false;
      next = l.out_hdr().seq + 1;
      if (r.first_out == UINT64_MAX) r.first_out = k;
      ++r.out;
    }
  }
  r.in = seq;
  return r;
}
}  // namespace

TEST_CASE("framing: the saturated wire carries flits at the framing's arithmetic rate", "[framing]") {
  struct row {
    link_framing f;
    int len;
    double rate;  // flits per cycle
  };
  for (const row& w : {row{link_framing::ethernet, 1, 64.0 / (64 + 66)}, row{link_framing::ethernet, 5, 320.0 / (320 + 66)},
                       row{link_framing::afh, 1, 64.0 / (64 + 30)}, row{link_framing::afh, 2, 128.0 / (128 + 30)},
                       row{link_framing::ualink, 1, 628.0 / 640}, row{link_framing::ualink, 5, 628.0 / 640}}) {
    link_direction l(params(w.f), 1, 0);
    const run_result r = stream(l, w.len, 200000);
    INFO(framing_name(w.f) << " packets of " << w.len);
    CHECK(r.ordered);
    CHECK_THAT(double(r.out) / 200000.0, WithinRel(w.rate, 0.01));
    CHECK_THAT(framing_packet_wire_bytes(w.f, w.len, 64), WithinRel(64.0 * w.len / w.rate, 1e-9));
  }
}

TEST_CASE("framing: a lone flit arrives after its unit's last byte and the line's delay", "[framing]") {
  const uint32_t d = params(link_framing::ideal).delay_cycles();
  REQUIRE(d == 16);
  struct row {
    link_framing f;
    uint64_t at;  // the push after which the far end sees it
  };
  // ethernet: 50 + 64 + 4 = 118 B end in cycle 1; afh: 18 + 64 = 82 B in cycle 1;
  // ualink: a DL flit of 640 B ends in cycle 9; ideal: its own cycle 0.
  for (const row& w : {row{link_framing::ideal, d}, row{link_framing::ethernet, 1 + d}, row{link_framing::afh, 1 + d},
                       row{link_framing::ualink, 9 + d}}) {
    link_direction l(params(w.f), 1, 0);
    const run_result r = stream(l, 1, 200, 1);
    INFO(framing_name(w.f));
    CHECK(r.first_out == w.at);
  }
}

TEST_CASE("framing: ualink waits for the next DL flit boundary", "[framing]") {
  // A flit entering at cycle 3 misses the DL flit that started at byte 0 (a
  // NOP flit): it goes in the one from byte 640 (cycle 10), which ends in cycle 19.
  link_direction l(params(link_framing::ualink), 1, 0);
  uint64_t seen = 0;
  for (uint64_t k = 0; k < 60; ++k) {
    llr_wire_t h{};
    flit_t d{};
    if (k == 3) slot(0, 0, 1, h, d);
    l.push(k, h, d);
    if (l.out_hdr().valid) seen = k;
  }
  CHECK(seen == 19 + 16);
}

TEST_CASE("framing: a fault on one wire cycle takes the whole unit", "[framing]") {
  // The link is down for one cycle (cycle 200): ideal loses that slot; a
  // frame of a 5-flit packet loses its 5 flits; a DL flit loses every TL
  // flit in it (9 or 10, with the one split across it).
  for (link_framing f : {link_framing::ideal, link_framing::ethernet, link_framing::ualink}) {
    link_params p = params(f);
    p.down_at_ns = 200 * p.cycle_ns();
    p.down_for_ns = p.cycle_ns();
    link_direction l(p, 1, 0);
    stream(l, 5, 2000, 1 << 20);
    const uint64_t lost = l.counters().down_dropped;
    INFO(framing_name(f));
    if (f == link_framing::ideal) CHECK(lost == 1);
    if (f == link_framing::ethernet) CHECK(lost == 5);
    if (f == link_framing::ualink) CHECK((lost == 9 || lost == 10 || lost == 11));
  }
}

TEST_CASE("framing: corruption strikes units in proportion to their wire time", "[framing]") {
  // Per wire cycle p: a frame of 130 B spans 3 cycles or 2; each flit of it is corrupted with its frame.
  link_params p = params(link_framing::ethernet);
  p.flit_error_rate = 1e-3;
  link_direction l(p, 5, 0);
  const run_result r = stream(l, 1, 400000, 1 << 20);
  const double frac = double(l.counters().corrupted) / double(r.out);  // of the flits that went on the wire
  // a 130-B frame starting at byte offset o covers ceil((o + 130) / 64) cycles: 3 on average here (2.03 + ~1)
  CHECK(frac > 2.0 * p.flit_error_rate);
  CHECK(frac < 3.5 * p.flit_error_rate);
  CHECK(l.counters().framing.units > 0);
}
