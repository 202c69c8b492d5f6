// The block abstraction (rtl/common/sb_types.yaml "blocks:", verif/common/
// sb_block.h): the generated port structs and bindings, the one comparator
// and the one lockstep wrapper. A broken implementation must be caught,
// under the binding's pin name, at the first differing cycle.
#include <catch2/catch.hpp>

#include <memory>

#include "sb_block.h"
#include "sb_blocks.h"
#include "sb_fc_blocks.h"

using namespace sb;

namespace {

fc_cfgs pfc_cfgs() {
  fc_cfgs c;
  c.mode = fc_mode::pfc;
  c.pfc_tx.classes = 2;
  c.pfc_tx.flit_bytes = 64;
  c.pfc_tx.reaction = 1;
  c.pfc_tx.watchdog = 1000;
  return c;
}

}  // namespace

TEST_CASE("blocks: the lockstep wrapper catches a broken implementation at the first differing output") {
  // Two PFC sender models, the second ignoring pauses (fc_fault::ignore_pause):
  // both agree until a pause arrives, then the second grants where the first may not.
  const fc_cfgs c = pfc_cfgs();
  lockstep_ctx ctx;
  ctx.log.quiet = true;
  lockstep_block<pfc_tx_binding> ls(make_fc_tx_model(c, fc_fault::none), make_fc_tx_model(c, fc_fault::ignore_pause),
                                    &ctx, 3);
  uint64_t first_diff = 0;
  for (uint64_t k = 0; k < 200 && !ctx.log.have; ++k) {
    ctx.cycle = k;
    ls.p.offer_i = 0x1;
    ls.p.sop_i = 0x1;
    ls.p.eop_i = 0x1;
    ls.p.pause_i = pause_t{};
    if (k == 50) {
      ls.p.pause_i.valid = true;
      ls.p.pause_i.class_en = 0x1;
      ls.p.pause_i.time_q[0] = 100;
      first_diff = k;
    }
    ls.step();
  }
  REQUIRE(ctx.log.have);
  CHECK(ctx.log.first.block == "pfc_tx");
  CHECK(ctx.log.first.port == 3);
  CHECK(ctx.log.first.cycle > first_diff);
  CHECK(ctx.log.first.cycle < first_diff + 10);
  // The first output the binding lists that differs: the grant, or the
  // status register (its pause bits) at the same edge.
  CHECK((ctx.log.first.signal == "grant_o" || ctx.log.first.signal == "stat_o"));
  CHECK(ctx.compared_blocks == ctx.log.first.cycle + 1);
}

TEST_CASE("blocks: identical implementations never mismatch, and every port-cycle is counted") {
  const fc_cfgs c = pfc_cfgs();
  lockstep_ctx ctx;
  lockstep_block<pfc_tx_binding> ls(make_fc_tx_model(c, fc_fault::none), make_fc_tx_model(c, fc_fault::none), &ctx, 0,
                                    4);
  for (uint64_t k = 0; k < 100; ++k) {
    ls.p.offer_i = uint8_t(k & 3);
    ls.p.sop_i = ls.p.eop_i = ls.p.offer_i;
    ls.step();
  }
  CHECK_FALSE(ctx.log.have);
  CHECK(ctx.compared_blocks == 100);
  CHECK(ctx.compared_ports == 400);
}

TEST_CASE("blocks: a vector port is compared per element, the element as the port") {
  xbar_ports a, b;
  a.resize(8);
  b.resize(8);
  b.in_credit_o[5].valid = true;
  b.in_credit_o[5].dst = 2;
  b.out_flit_o[6].sig = 7;
  lockstep_log log;
  log.quiet = true;
  CHECK_FALSE(compare_outputs<xbar_binding>(log, 9, 0, "xbar", a, b));
  // The binding lists out_flit_o before in_credit_o: the flit is first.
  CHECK(log.first.signal == "out_flit_o");
  CHECK(log.first.port == 6);
  CHECK(log.first.field == "sig");
  CHECK(log.first.model == "0");
  CHECK(log.first.rtl == "7");
  CHECK(log.mismatches == 2);
}

TEST_CASE("blocks: a scalar pin has no field, a packed one names it") {
  llr_end_ports a, b;
  b.up_ready_o = true;
  lockstep_log log;
  log.quiet = true;
  CHECK_FALSE(compare_outputs<llr_binding>(log, 0, 1, "llr", a, b));
  CHECK(log.first.signal == "up_ready_o");
  CHECK(log.first.field.empty());
  CHECK(log.first.rtl == "1");
  const nlohmann::json j = mismatch_json(log, 0.5);
  CHECK(j["signal"] == "up_ready_o");
  CHECK(j["port"] == 1);
}

TEST_CASE("blocks: make_block builds the implementation impl.* asks for") {
  const fc_cfgs c = pfc_cfgs();
  lockstep_ctx ctx;
  int rtl_built = 0;
  auto model = [&] { return make_fc_tx_model(c, fc_fault::none); };
  auto fake_rtl = [&] {
    ++rtl_built;
    return make_fc_tx_model(c, fc_fault::none);
  };
  auto m = make_block<pfc_tx_binding>(impl_mode::model, model, fake_rtl, &ctx, 0);
  CHECK(rtl_built == 0);
  CHECK(dynamic_cast<lockstep_block<pfc_tx_binding>*>(m.get()) == nullptr);
  auto l = make_block<pfc_tx_binding>(impl_mode::lockstep, model, fake_rtl, &ctx, 0);
  CHECK(rtl_built == 1);
  CHECK(dynamic_cast<lockstep_block<pfc_tx_binding>*>(l.get()) != nullptr);
}
