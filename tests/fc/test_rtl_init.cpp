// run.rtl_init: the Verilated builds take what the RTL leaves unknown from
// Verilator's runtime (--x-assign/--x-initial unique), zeros or random. Proof
// that the random mode sees a missing reset where zeros do not: a build of
// the PFC receiver with the reset of its pause-frame counter removed on
// purpose (Vsb_pfc_rx_noreset, made from rtl/pfc/sb_pfc_rx.sv by
// tests/CMakeLists.txt) against the model, every output compared every cycle.
#include <catch2/catch.hpp>

#include <memory>
#include <random>

#include "Vsb_pfc_rx_noreset.h"
#include "sb_fc_blocks.h"
#include "sb_rtl_block.h"
#include "sb_lockstep.h"
#include "sb_rtl_init.h"

using namespace sb;

namespace {

fc_cfgs pfc_cfgs() {
  fc_cfgs c;
  c.mode = fc_mode::pfc;
  c.pfc_rx.classes = 2;
  c.pfc_rx.lossless = 0x3;
  c.pfc_rx.xoff = 8;
  c.pfc_rx.xon = 4;
  c.pfc_rx.limit = 16;
  c.pfc_rx.pause_time = 100;
  c.pfc_rx.refresh = 10;
  return c;
}

// Cycles in which the model and the RTL differ, over `cycles` of random
// arrivals and legal dequeues (a class is dequeued only while it holds flits).
uint64_t mismatching_cycles(bool random_init, bool mutant, uint64_t seed, int cycles = 2000) {
  rtl_init_setting() = {random_init, seed};
  const fc_cfgs c = pfc_cfgs();
  std::unique_ptr<fc_rx_block> m = make_fc_rx_model(c);
  std::unique_ptr<fc_rx_block> r = mutant ? std::unique_ptr<fc_rx_block>(
                                                std::make_unique<rtl_block<pfc_rx_binding, Vsb_pfc_rx_noreset>>(c.pfc_rx, "rx_noreset"))
                                          : make_fc_rx_rtl(c, "rx");
  std::mt19937_64 rng(seed);
  uint64_t bad = 0;
  for (int k = 0; k < cycles; ++k) {
    flit_t in{};
    if (rng() % 10 < 6) {
      in.valid = true;
      in.cls = uint8_t(rng() % 2);
    }
    fc_sel_t deq{};
    const int dc = int(rng() % 2);
    if (m->p.pfc_stat.occ[size_t(dc)] > 0 && rng() % 10 < 5) {
      deq.valid = true;
      deq.cls = uint8_t(dc);
    }
    for (fc_rx_block* b : {m.get(), r.get()}) {
      b->p.in_i = in;
      b->p.deq_i = deq;
      b->step();
    }
    mismatch mm;
    if (diff(m->p.pause_o, r->p.pause_o, mm) || diff(m->p.pfc_stat, r->p.pfc_stat, mm) ||
        diff(m->p.drop_o, r->p.drop_o, mm))
      ++bad;
  }
  rtl_init_setting() = {};
  return bad;
}

}  // namespace

TEST_CASE("RTL init: the PFC receiver agrees with its model from zeros and from random initial state",
          "[rtl_init]") {
  CHECK(mismatching_cycles(false, false, 1) == 0);
  for (uint64_t seed : {1, 2, 3}) CHECK(mismatching_cycles(true, false, seed) == 0);
}

TEST_CASE("RTL init: a reset removed on purpose is invisible from zeros and caught from random initial state",
          "[rtl_init]") {
  CHECK(mismatching_cycles(false, true, 1) == 0);  // zero init: the model starts at 0 too
  for (uint64_t seed : {1, 2, 3}) CHECK(mismatching_cycles(true, true, seed) > 0);
}
