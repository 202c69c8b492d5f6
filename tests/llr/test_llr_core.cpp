// Unit tests of the LLR engine (docs/llr.md): CRC, sequence arithmetic and
// wrap-around, one NACK per error episode, go-back-N and timer replay,
// backpressure, the link-error state, and the sizing rule.
#include <catch2/catch.hpp>

#include <functional>
#include <vector>

#include "sb_link.h"
#include "sb_llr_core.h"
#include "sb_llr_crc.h"
#include "sb_rng.h"

using namespace sb;

namespace {

flit_t numbered(uint32_t n) {
  flit_t f{};
  f.valid = true;
  f.sop = f.eop = true;
  f.len = 1;
  f.sig = n;
  f.tag = uint16_t(n & 0xFFF);
  return f;
}

// Two LLR ends joined by a fault-free link of `delay` cycles; `tamper_*`
// may alter or drop the slots entering each direction.
struct pair_sim {
  llr_core a, b;
  link_direction ab, ba;
  std::function<void(uint64_t, llr_wire_t&, flit_t&)> tamper_ab, tamper_ba;
  uint64_t k = 0;
  uint32_t next_a = 0;         // flits accepted at a
  double load_a = 1.0;         // offered per cycle at a (a to b only)
  rng r{7};
  std::vector<uint32_t> got_b; // sig of flits delivered at b
  uint64_t not_ready_cycles = 0;
  bool offering = false;
  uint32_t offer_limit = UINT32_MAX;

  static link_params link(uint32_t delay) {
    link_params l;
    l.gbps = 512.0;  // 64 B -> 1 ns per cycle
    l.flit_bytes = 64;
    l.serdes_ns = double(delay);
    l.fec_ns = 0;
    l.cable_m = 0;
    return l;
  }
  pair_sim(const llr_params& p, uint32_t delay) : a(p), b(p), ab(link(delay), 1, 0), ba(link(delay), 1, 1) {}

  void step() {
    if (!offering && next_a < offer_limit && r.bernoulli(load_a)) offering = true;
    a.up_i = offering ? numbered(next_a) : flit_t{};
    const bool taken = offering && a.up_ready_o();
    if (offering && !a.up_ready_o()) ++not_ready_cycles;
    a.step();
    b.step();
    if (taken) {
      ++next_a;
      offering = false;
    }
    if (b.down_o().valid) got_b.push_back(b.down_o().sig);
    llr_wire_t h = a.link_o();
    flit_t d = a.link_data_o();
    if (tamper_ab) tamper_ab(k, h, d);
    ab.push(k, h, d);
    b.link_i = ab.out_hdr();
    b.link_data_i = ab.out_data();
    h = b.link_o();
    d = b.link_data_o();
    if (tamper_ba) tamper_ba(k, h, d);
    ba.push(k, h, d);
    a.link_i = ba.out_hdr();
    a.link_data_i = ba.out_data();
    ++k;
  }
  void run(uint64_t n) {
    for (uint64_t i = 0; i < n; ++i) step();
  }
  // Stops offering and runs until every accepted flit has arrived.
  bool drain(uint64_t max_cycles) {
    offer_limit = next_a;
    for (uint64_t i = 0; i < max_cycles; ++i) {
      if (!offering && got_b.size() == next_a && a.stat_o().occ == 0) return true;
      step();
    }
    return false;
  }
  bool in_order() const {
    for (size_t i = 0; i < got_b.size(); ++i)
      if (got_b[i] != uint32_t(i)) return false;
    return true;
  }
};

llr_params small(int seq_bits = 6, int depth = 16) {
  llr_params p;
  p.seq_bits = seq_bits;
  p.depth = depth;
  p.timer = 60;
  p.max_replays = 3;
  p.ack_spacing = 4;
  p.retrain = 50;
  p.max_depth = 1024;
  return p;
}

void flip_crc(llr_wire_t& h, flit_t&) { h.crc ^= 1u; }
void drop(llr_wire_t& h, flit_t& d) {
  h = llr_wire_t{};
  d = flit_t{};
}

}  // namespace

TEST_CASE("CRC: the table-driven CRC equals the bit-serial reference, and detects every single-bit error") {
  rng r(3);
  for (int round = 0; round < 2000; ++round) {
    uint32_t w[4] = {uint32_t(r.next()), uint32_t(r.next()), uint32_t(r.next()), uint32_t(r.next()) & 0x7FFFFFu};
    const uint32_t c = llr_crc(w);
    REQUIRE(c == llr_crc_bitwise(w));
    if (round < 20) {
      for (int b = 0; b < kLlrCrcBits; ++b) {
        uint32_t v[4] = {w[0], w[1], w[2], w[3]};
        v[b >> 5] ^= 1u << (b & 31);
        REQUIRE(llr_crc(v) != c);
      }
    }
  }
  // A fixed vector pins the function (polynomial, init, bit order) against
  // accidental change: all-zero input of 119 bits.
  uint32_t z[4] = {0, 0, 0, 0};
  CHECK(llr_crc(z) == llr_crc_bitwise(z));
  CHECK(llr_crc(z) != 0xFFFFFFFFu);
}

TEST_CASE("LLR: clean link delivers every flit once, in order, across many sequence wraps") {
  pair_sim s(small(4, 8), 3);  // M = 16: wraps every 16 flits
  s.load_a = 0.9;
  s.run(5000);
  REQUIRE(s.drain(5000));
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.next_a > 1000);  // more than 60 wraps
  CHECK(s.in_order());
  CHECK(s.a.stat_o().replays == 0);
  CHECK(s.b.stat_o().naks_sent == 0);
  CHECK(s.b.stat_o().acks_sent > 0);
  CHECK(s.a.violations().empty());
  CHECK(s.b.violations().empty());
}

TEST_CASE("LLR: a bad CRC starts one error episode: exactly one NACK, then go-back-N delivers the rest") {
  pair_sim s(small(), 5);
  s.load_a = 1.0;
  // Corrupt five consecutive data slots: still one episode, so one NACK.
  s.tamper_ab = [](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k >= 100 && k < 105 && h.valid && !h.ctrl) flip_crc(h, d);
  };
  s.run(400);
  REQUIRE(s.drain(2000));
  CHECK(s.b.stat_o().crc_errors >= 1);
  CHECK(s.b.stat_o().naks_sent == 1);
  CHECK(s.a.stat_o().replays == 1);
  CHECK(s.a.stat_o().timer_replays == 0);
  CHECK(s.a.stat_o().replayed_flits > 0);
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR: a dropped flit is a sequence gap: NACK, replay, nothing lost") {
  pair_sim s(small(), 4);
  s.load_a = 0.8;
  bool dropped = false;
  s.tamper_ab = [&](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k >= 200 && !dropped && h.valid && !h.ctrl) {
      dropped = true;
      drop(h, d);
    }
  };
  s.run(600);
  REQUIRE(s.drain(2000));
  CHECK(s.b.stat_o().seq_gaps >= 1);
  CHECK(s.b.stat_o().naks_sent == 1);
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR: a lost NACK is recovered by the replay timer, duplicates are discarded and re-acknowledged") {
  pair_sim s(small(), 4);
  s.load_a = 0.5;
  bool nack_dropped = false, corrupted = false;
  s.tamper_ab = [&](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k >= 300 && !corrupted && h.valid && !h.ctrl) {
      corrupted = true;
      flip_crc(h, d);
    }
  };
  s.tamper_ba = [&](uint64_t, llr_wire_t& h, flit_t& d) {
    if (h.valid && h.ctrl && h.kind == llr_ctrl_e::NACK && !nack_dropped) {
      nack_dropped = true;
      drop(h, d);
    }
  };
  s.run(1000);
  REQUIRE(s.drain(4000));
  CHECK(nack_dropped);
  CHECK(s.a.stat_o().timer_replays >= 1);
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR: lost ACKs make the timer replay flits already delivered, the receiver drops the duplicates") {
  pair_sim s(small(), 4);
  s.load_a = 0.3;
  // Every ACK lost for a while.
  s.tamper_ba = [](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k >= 200 && k < 600 && h.valid && h.ctrl) drop(h, d);
  };
  s.run(1200);
  REQUIRE(s.drain(4000));
  CHECK(s.a.stat_o().timer_replays >= 1);
  CHECK(s.b.stat_o().dup_flits > 0);
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR: a full replay buffer backpressures the source and never drops") {
  pair_sim s(small(6, 8), 4);
  s.load_a = 1.0;
  // No ACK gets through for 500 cycles: the buffer fills and stays full.
  s.tamper_ba = [](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k < 500 && h.valid) drop(h, d);
  };
  s.run(300);
  CHECK(s.a.stat_o().occ == 8);
  CHECK_FALSE(s.a.up_ready_o());
  s.run(1000);
  REQUIRE(s.drain(4000));
  CHECK(s.not_ready_cycles > 100);
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR: replays without progress past max_replays enter the link-error state, then resume losslessly") {
  llr_params p = small();
  pair_sim s(p, 4);
  s.load_a = 0.5;
  // Link dead both ways for 2000 cycles: timer replays, then retrain, repeatedly.
  s.tamper_ab = [](uint64_t k, llr_wire_t& h, flit_t& d) {
    if (k >= 100 && k < 2100) drop(h, d);
  };
  s.tamper_ba = s.tamper_ab;
  bool saw_retrain = false;
  for (int i = 0; i < 2500; ++i) {
    s.step();
    if (s.a.stat_o().tx_state == 1) {
      saw_retrain = true;
      CHECK_FALSE(s.a.up_ready_o());
    }
  }
  REQUIRE(s.drain(5000));
  CHECK(saw_retrain);
  CHECK(s.a.stat_o().link_errors >= 1);
  CHECK(s.a.stat_o().timer_replays >= uint32_t(p.max_replays));
  CHECK(s.got_b.size() == s.next_a);
  CHECK(s.in_order());
}

TEST_CASE("LLR sizing: depth_needed sustains full rate on a clean link, one flit less does not") {
  for (uint32_t delay : {3u, 10u, 37u}) {
    for (int spacing : {1, 4, 16}) {
      llr_params p = small(12, 64);
      p.ack_spacing = spacing;
      p.timer = 5000;
      const llr_sizing z = llr_size(pair_sim::link(delay), spacing);
      REQUIRE(z.one_way_cycles == delay);
      for (int slack : {0, -1}) {
        p.depth = int(z.depth_needed) + slack;
        pair_sim s(p, delay);
        s.load_a = 1.0;
        s.run(3000);
        INFO("delay " << delay << " spacing " << spacing << " depth " << p.depth);
        if (slack == 0)
          CHECK(s.not_ready_cycles == 0);
        else
          CHECK(s.not_ready_cycles > 0);
      }
    }
  }
}

TEST_CASE("LLR parameters: out-of-range values are refused, naming the field") {
  llr_params p = small(6, 16);
  p.depth = 33;  // above 2^(6-1)
  CHECK(p.validate().find("depth") != std::string::npos);
  p = small();
  p.seq_bits = 21;
  CHECK(p.validate().find("seq_bits") != std::string::npos);
  p = small();
  p.timer = 0;
  CHECK(p.validate().find("timer") != std::string::npos);
  CHECK_THROWS_AS(llr_core(p), std::invalid_argument);
  CHECK(small().validate().empty());
}

TEST_CASE("Link parameters: the link refuses bad parameters when it is built, naming the field") {
  link_params l;
  REQUIRE(l.validate().empty());
  CHECK_NOTHROW(link_direction(l, 1, 0));
  l.flit_error_rate = 1.5;
  CHECK_THROWS_WITH(link_direction(l, 1, 0), Catch::Contains("link_params: flit_error_rate"));
  l = link_params{};
  l.flit_bytes = 8;
  CHECK_THROWS_WITH(link_direction(l, 1, 0), Catch::Contains("flit_bytes"));
  l = link_params{};
  l.burst_length = 0;
  CHECK_THROWS_AS(link_direction(l, 1, 0), std::invalid_argument);
}

TEST_CASE("Link: faults are drawn from the seed and slot index only, never from the content") {
  link_params l = pair_sim::link(5);
  l.flit_error_rate = 0.05;
  l.drop_rate = 0.02;
  l.burst_rate = 0.01;
  l.burst_length = 3;
  link_direction x(l, 42, 0), y(l, 42, 0);
  rng r(9);
  int differ_in = 0, differ_out = 0;
  for (uint64_t k = 0; k < 20000; ++k) {
    llr_wire_t hx{}, hy{};
    flit_t dx = numbered(uint32_t(k)), dy = numbered(uint32_t(k));
    hx.valid = hy.valid = true;
    hx.seq = hy.seq = uint32_t(k & 0xFFFFF);
    if (k % 7 == 0) {  // the two carry different payloads at times
      dy.sig ^= 0xABCD;
      ++differ_in;
    }
    x.push(k, hx, dx);
    y.push(k, hy, dy);
    const bool fx = x.out_hdr().valid && x.out_hdr().crc == 0 && x.out_hdr().seq == hx.seq;
    (void)fx;
    // Same slots dropped and the same header bits flipped in both.
    if (x.out_hdr().valid != y.out_hdr().valid || x.out_hdr().seq != y.out_hdr().seq ||
        x.out_hdr().crc != y.out_hdr().crc)
      ++differ_out;
  }
  CHECK(differ_in > 0);
  CHECK(differ_out == 0);
  CHECK(x.counters().corrupted == y.counters().corrupted);
  CHECK(x.counters().dropped == y.counters().dropped);
  // The rates are what was asked (within 15 %).
  CHECK(double(x.counters().dropped) / 20000.0 == Approx(0.02).epsilon(0.15));
  CHECK(x.counters().burst_corrupted > 0);
}

TEST_CASE("LLR regression: duplicates are acknowledged in NACK_SENT too, or a full buffer of delivered flits deadlocks") {
  // Found by the RTL author's smoke test: the ACKs covering a full buffer
  // are lost, the timer replays it, a replayed duplicate is corrupted (NACK,
  // NACK_SENT) and that NACK is lost. If NACK_SENT discards duplicates
  // silently, the transmitter can only resend flits the receiver drops, and
  // the link never moves again.
  for (uint64_t seed : {1u, 2u, 3u, 4u}) {
    llr_params p = small(6, 4);
    p.timer = 40;
    pair_sim s(p, 3);
    s.load_a = 1.0;
    rng fr(seed, 99);
    auto faults = [&fr](uint64_t, llr_wire_t& h, flit_t& d) {
      if (!h.valid) return;
      const double u = fr.uniform();
      if (u < 0.02)
        flip_crc(h, d);
      else if (u < 0.03)
        drop(h, d);
    };
    s.tamper_ab = faults;
    s.tamper_ba = faults;
    s.run(300000);
    INFO("seed " << seed);
    REQUIRE(s.drain(200000));
    CHECK(s.in_order());
    CHECK(s.got_b.size() > 50000);
  }
}
