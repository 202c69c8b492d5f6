// Unit tests of the flow-control engines (docs/flow-control.md): PFC
// thresholds, refresh and resume, reaction and timers, the storm watchdog,
// the headroom rule; CBFC credit gating, lost-update repair and the
// credits-consumed sync.
#include <catch2/catch.hpp>

#include <deque>

#include "sb_cbfc.h"
#include "sb_fc_blocks.h"
#include "sb_pfc.h"

using namespace sb;

namespace {

pfc_rx_cfg_t rx_cfg() {
  pfc_rx_cfg_t c{};
  c.classes = 2;
  c.lossless = 0x2;  // class 1 lossless, class 0 best effort
  c.xoff = 8;
  c.xon = 4;
  c.limit = 12;
  c.pause_time = 100;
  c.refresh = 10;
  return c;
}

flit_t of_class(int c) {
  flit_t f{};
  f.valid = true;
  f.cls = uint8_t(c);
  return f;
}

}  // namespace

TEST_CASE("PFC rx: XOFF sends one pause, refreshes it while above XON, resumes at XON") {
  pfc_rx_core rx(rx_cfg());
  int pauses = 0, resumes = 0;
  for (int i = 0; i < 8; ++i) {  // fill class 1 to XOFF
    rx.in_i = of_class(1);
    rx.step();
    CHECK_FALSE(rx.pause_o().valid);
  }
  rx.in_i = flit_t{};
  for (int i = 0; i < 25; ++i) {  // hold at 8: one pause, then a refresh every 10 cycles
    rx.step();
    if (rx.pause_o().valid) {
      CHECK(rx.pause_o().class_en == 0x2);
      CHECK(rx.pause_o().time_q[1] == 100);
      ++pauses;
    }
  }
  CHECK(pauses == 3);  // pause + 2 refreshes
  for (int i = 0; i < 6; ++i) {  // drain to XON
    rx.deq_i = {true, 1};
    rx.step();
    rx.deq_i = fc_sel_t{};
    if (rx.pause_o().valid && rx.pause_o().time_q[1] == 0) ++resumes;
  }
  rx.step();
  if (rx.pause_o().valid && rx.pause_o().time_q[1] == 0) ++resumes;
  CHECK(resumes == 1);
  CHECK(rx.stat_o().paused == 0);
  CHECK(rx.violations().empty());
}

TEST_CASE("PFC rx: a full best-effort class drops and counts, a full lossless class is a headroom violation") {
  pfc_rx_core rx(rx_cfg());
  for (int i = 0; i < 14; ++i) {
    rx.in_i = of_class(0);
    rx.step();
  }
  CHECK(rx.stat_o().drops[0] == 2);
  CHECK(rx.drop_o().valid);
  CHECK_FALSE(rx.drop_o().lossless);
  for (int i = 0; i < 13; ++i) {
    rx.in_i = of_class(1);
    rx.step();
  }
  CHECK(rx.stat_o().violations[1] == 1);
  CHECK(rx.drop_o().lossless);
  CHECK(rx.stat_o().occ[1] == 12);
}

TEST_CASE("PFC tx: a pause blocks packet starts after the reaction time, never a packet in progress") {
  pfc_tx_cfg_t c{};
  c.classes = 2;
  c.flit_bytes = 64;  // one quantum per cycle
  c.reaction = 3;
  c.watchdog = 1000;
  pfc_tx_core tx(c);
  tx.offer_i = 0x2;
  tx.sop_i = 0x2;
  tx.eop_i = 0x2;  // one-flit packets of class 1
  pause_t p{};
  p.valid = true;
  p.class_en = 0x2;
  p.time_q[1] = 20;
  tx.pause_i = p;
  tx.step();  // pause received
  tx.pause_i = pause_t{};
  int granted = tx.grant_o().valid ? 1 : 0;
  for (int i = 0; i < 3; ++i) {
    tx.step();
    granted += tx.grant_o().valid;
  }
  CHECK(granted == 3);  // received at the first edge, honoured `reaction` edges later
  int blocked = 0;
  for (int i = 0; i < 16; ++i) {
    tx.step();
    blocked += !tx.grant_o().valid;
  }
  CHECK(blocked == 16);  // paused
  int resumed = 0;
  for (int i = 0; i < 4; ++i) {  // 20 quanta = 20 cycles, then free
    tx.step();
    resumed += tx.grant_o().valid;
  }
  CHECK(resumed >= 3);
  CHECK(tx.stat_o().frames == 1);
  CHECK(tx.violations().empty());
}

TEST_CASE("PFC tx: a class paused past the watchdog counts one storm per continuous pause") {
  pfc_tx_cfg_t c{};
  c.classes = 1;
  c.flit_bytes = 64;
  c.reaction = 0;
  c.watchdog = 50;
  pfc_tx_core tx(c);
  pause_t p{};
  p.valid = true;
  p.class_en = 0x1;
  p.time_q[0] = 65535;
  for (int i = 0; i < 300; ++i) {
    tx.pause_i = (i % 40 == 0) ? p : pause_t{};  // refreshed
    tx.step();
  }
  CHECK(tx.stat_o().storms[0] == 1);
  CHECK(tx.stat_o().paused_cycles[0] >= 299);
}

TEST_CASE("PFC headroom rule: the overshoot past XOFF, nothing drained, stays within 2D + reaction + P + 1") {
  for (uint32_t d : {0u, 3u, 17u}) {
    for (uint32_t reaction : {0u, 5u}) {
      for (int len : {1, 4, 7}) {
        for (int phase = 0; phase < len; ++phase) {
          pfc_rx_cfg_t rc{};
          rc.classes = 1;
          rc.lossless = 1;
          rc.xoff = uint16_t(20 + phase);  // moves where the crossing falls in a packet
          rc.xon = 1;
          rc.limit = 4000;
          rc.pause_time = 65535;
          rc.refresh = 1000;
          pfc_tx_cfg_t tc{};
          tc.classes = 1;
          tc.flit_bytes = 64;
          tc.reaction = uint16_t(reaction);
          tc.watchdog = 1u << 20;
          pfc_rx_core rx(rc);
          pfc_tx_core tx(tc);
          // A slot emitted at edge g is seen at edge g + 1 + d (as in the bench).
          std::deque<flit_t> fwd(d);
          std::deque<pause_t> rev(d);
          int head = 0;
          for (int k = 0; k < 600; ++k) {
            tx.offer_i = 1;
            tx.sop_i = head == 0;
            tx.eop_i = head == len - 1;
            tx.step();
            rx.step();
            flit_t f{};
            if (tx.grant_o().valid) {
              f = of_class(0);
              head = (head + 1) % len;
            }
            fwd.push_back(f);
            rx.in_i = fwd.front();
            fwd.pop_front();
            rev.push_back(rx.pause_o());
            tx.pause_i = rev.front();
            rev.pop_front();
          }
          const uint32_t over = rx.stat_o().occ[0] - rc.xoff;
          const uint32_t bound = pfc_headroom_flits(d, reaction, uint32_t(len));
          INFO("D " << d << " reaction " << reaction << " P " << len << " phase " << phase);
          CHECK(over <= bound);
          CHECK(over + uint32_t(len) >= bound);  // within one packet of the bound: it is tight
        }
      }
    }
  }
}

TEST_CASE("CBFC: a VC sends only with credit, and a lost update is repaired by the next one") {
  cbfc_cfg_t c{};
  c.classes = 1;
  c.limit = 4;
  c.cost = 1;
  c.min_spacing = 1;
  c.max_spacing = 8;
  c.cc_period = 100000;
  cbfc_tx_core tx(c);
  cbfc_rx_core rx(c);
  tx.offer_i = tx.sop_i = tx.eop_i = 1;
  int sent = 0;
  for (int i = 0; i < 10; ++i) {
    tx.step();
    sent += tx.grant_o().valid;
  }
  CHECK(sent == 4);  // the limit
  CHECK(tx.stat_o().stalls > 0);
  // The receiver frees two flits; its update is lost; the repeat (max
  // spacing) carries the same cumulative count and frees the credits.
  for (int i = 0; i < 4; ++i) {
    rx.in_i = of_class(0);
    rx.step();
  }
  rx.in_i = flit_t{};
  for (int i = 0; i < 2; ++i) {
    rx.deq_i = {true, 0};
    rx.step();
  }
  rx.deq_i = fc_sel_t{};
  bool lost_one = false;
  int got = 0;
  tx.offer_i = 0;
  for (int i = 0; i < 30; ++i) {
    rx.step();
    if (rx.credit_o().valid) {
      if (!lost_one) {
        lost_one = true;  // drop the first update
      } else {
        tx.credit_i = rx.credit_o();
        ++got;
      }
    }
    tx.step();
    tx.credit_i = credit_t{};
  }
  CHECK(lost_one);
  CHECK(got >= 1);
  CHECK(tx.stat_o().in_use[0] == 2);
  CHECK(rx.stat_o().overflows == 0);
}

TEST_CASE("CBFC: the credits-consumed sync frees credits of flits lost on the way") {
  cbfc_cfg_t c{};
  c.classes = 1;
  c.limit = 8;
  c.cost = 1;
  c.min_spacing = 1;
  c.max_spacing = 4;
  c.cc_period = 20;
  cbfc_tx_core tx(c);
  cbfc_rx_core rx(c);
  tx.offer_i = tx.sop_i = tx.eop_i = 1;
  int sent = 0;
  for (int k = 0; k < 200; ++k) {
    tx.step();
    rx.in_i = flit_t{};
    if (tx.grant_o().valid) {
      ++sent;
      if (sent % 3 != 0) rx.in_i = of_class(0);  // every third flit is lost
    }
    rx.cc_i = tx.cc_o();
    rx.deq_i = rx.stat_o().occ[0] > 0 ? fc_sel_t{true, 0} : fc_sel_t{};
    rx.step();
    tx.credit_i = rx.credit_o();
  }
  CHECK(rx.stat_o().recovered > 0);
  CHECK(sent > 100);  // without the sync, 8 lost flits would have stopped the VC for good
  CHECK(rx.stat_o().overflows == 0);
  CHECK(rx.violations().empty());
}

TEST_CASE("FC parameters: the PFC and CBFC engines refuse bad configurations when built, naming the field") {
  pfc_rx_cfg_t r = rx_cfg();
  CHECK(validate(r).empty());
  CHECK_NOTHROW(pfc_rx_core(r));
  r.xon = r.xoff;
  CHECK_THROWS_WITH(pfc_rx_core(r), Catch::Contains("pfc_rx: xon"));
  r = rx_cfg();
  r.limit = uint16_t(r.xoff - 1);
  CHECK_THROWS_WITH(pfc_rx_core(r), Catch::Contains("limit"));
  r = rx_cfg();
  r.classes = 9;
  CHECK_THROWS_WITH(pfc_rx_core(r), Catch::Contains("classes"));
  r = rx_cfg();
  r.lossless = 0x4;  // class 2 of 2
  CHECK_THROWS_WITH(pfc_rx_core(r), Catch::Contains("lossless"));
  pfc_tx_cfg_t t{};
  t.classes = 2;
  t.flit_bytes = 64;
  t.watchdog = 10;
  CHECK_NOTHROW(pfc_tx_core(t));
  t.watchdog = 0;
  CHECK_THROWS_WITH(pfc_tx_core(t), Catch::Contains("pfc_tx: watchdog"));
  cbfc_cfg_t c{};
  c.classes = 1;
  c.limit = 4;
  c.cost = 1;
  c.min_spacing = 1;
  c.max_spacing = 8;
  c.cc_period = 100;
  CHECK_NOTHROW(cbfc_tx_core(c));
  c.cost = 5;
  CHECK_THROWS_WITH(cbfc_tx_core(c), Catch::Contains("cbfc_tx: limit"));
  c.cost = 1;
  c.max_spacing = 1;
  CHECK_THROWS_WITH(cbfc_rx_core(c), Catch::Contains("cbfc_rx: max_spacing"));
}
