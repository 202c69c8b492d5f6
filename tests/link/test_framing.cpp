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

namespace {
// The push after which the far end sees the one flit offered at cycle `at`
// (flit 0 of a packet of `len`).
uint64_t lone(link_framing f, uint64_t at, int len) {
  link_direction l(params(f), 1, 0);
  uint64_t seen = 0;
  for (uint64_t k = 0; k < 60; ++k) {
    llr_wire_t h{};
    flit_t d{};
    if (k == at) slot(0, 0, len, h, d);
    l.push(k, h, d);
    if (l.out_hdr().valid) seen = k;
  }
  return seen;
}
}  // namespace

TEST_CASE("framing: ualink waits for the next DL flit boundary", "[framing]") {
  // A flit entering at cycle 3 misses the DL flit that started at byte 0 (a
  // NOP flit): it goes in the one from byte 640 (cycle 10), which ends in cycle 19.
  CHECK(lone(link_framing::ualink, 3, 1) == 19 + 16);
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

TEST_CASE("framing: a frame closes at a break in the LLR's sequence, or after a stall", "[framing]") {
  const uint64_t d = 16;
  // Flits 0 and 1 of a 5-flit packet, then a replay from 0 (a one-flit packet):
  // the frame [0, 1] goes at once (ends at byte 128 + 50 + 128 + 4 = 310, cycle 4),
  // the next [0] after the gap (322 + 118 = 440, cycle 6).
  {
    link_direction l(params(link_framing::ethernet), 1, 0);
    std::vector<std::pair<uint64_t, uint32_t>> got;
    for (uint64_t k = 0; k < 60; ++k) {
      llr_wire_t h{};
      flit_t f{};
      if (k == 0) slot(0, 0, 5, h, f);
      if (k == 1) slot(1, 1, 5, h, f);
      if (k == 2) slot(0, 0, 1, h, f);
      l.push(k, h, f);
      if (l.out_hdr().valid) got.emplace_back(k, l.out_hdr().seq);
    }
    REQUIRE(got.size() == 3);
    CHECK(got[0] == std::make_pair(4 + d, 0u));
    CHECK(got[1] == std::make_pair(5 + d, 1u));
    CHECK(got[2] == std::make_pair(6 + d, 0u));
  }
  // The first flit of a packet whose next flit never comes goes alone 8 cycles later (ends at 512 + 118, cycle 9).
  CHECK(lone(link_framing::ethernet, 0, 5) == 9 + d);
}

TEST_CASE("framing: an ACK goes between frames, ahead of the data waiting", "[framing]") {
  // A saturated link (Ethernet: a long queue); an ACK offered at cycle 400
  // arrives within one frame or DL flit (+ the line) while the data offered with it waits.
  for (link_framing fr : {link_framing::ethernet, link_framing::ualink}) {
    link_direction l(params(fr), 1, 0);
    uint64_t ack_at = 0, last_data_seq_by_ack = 0;
    uint32_t seq = 0;
    for (uint64_t k = 0; k < 2000; ++k) {
      llr_wire_t h{};
      flit_t f{};
      if (k == 400) {
        h.valid = true;
        h.ctrl = true;
        h.kind = llr_ctrl_e::ACK;
        h.seq = 77;
      } else {
        slot(seq++, 0, 1, h, f);
      }
      l.push(k, h, f);
      if (l.out_hdr().valid && l.out_hdr().ctrl) ack_at = k;
      if (l.out_hdr().valid && !l.out_hdr().ctrl && ack_at == 0) last_data_seq_by_ack = l.out_hdr().seq;
    }
    INFO(framing_name(fr));
    CHECK(ack_at >= 400 + 16);
    CHECK(ack_at <= 400 + 16 + 22);  // a frame (3 cycles) or a DL flit (at most 20), and the line
    // Ethernet carries half the offered flits: data entered at 300 has not come out yet.
    if (fr == link_framing::ethernet) CHECK(last_data_seq_by_ack < 400 - 100);
  }
}
