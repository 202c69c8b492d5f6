// Telemetry unit and link-health detector: the model core
// (systemc/telemetry/sb_telemetry_core.h) in lockstep with the Verilated RTL
// (rtl/telemetry/sb_telemetry.sv) under random stimulus over several
// configurations, facts of the model checked against the stimulus, the RTL
// factory, and a broken model caught by the comparator
// (verif/telemetry/testplan.yaml maps them to testpoints).
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "sb_block.h"
#include "sb_rng.h"
#include "sb_telemetry_block.h"
#include "sb_telemetry_rtl.h"

using namespace sb;

namespace {

// One random-stimulus configuration.
struct tel_case {
  const char* name;
  telemetry_params p;
  uint64_t cycles = 20000;
  uint64_t seed = 1;
  double slot = 0.7;        // P(rx_i / tx_i valid) per cycle
  double fec = 0.5;         // P(fec_i.valid) per cycle
  double jump = 0.0;        // P(a stat counter jumps by a random 32-bit amount) per cycle
  uint32_t regime_len = 0;  // cycles per error regime (good, noisy, failing); 0 = interval * 5
};

// What the test drives in the interval being counted, to check the model's snapshots against.
struct tel_expect {
  uint32_t rx_slots = 0, rx_data = 0, tx_slots = 0, tx_data = 0, cw = 0, uncorr = 0;
};

// The bench: random link slots, counters, occupancies and FEC codewords whose
// error rate follows a regime that changes every regime_len cycles.
class tel_stim {
 public:
  explicit tel_stim(const tel_case& c) : c_(c), r_(c.seed, 7) {}

  void drive(telemetry_ports& p, uint64_t k, tel_expect& e) {
    if (k % regime_len() == 0) regime_ = int(r_.below(3));
    slot(p.rx_i, p.rx_data_i, e.rx_slots, e.rx_data);
    slot(p.tx_i, p.tx_data_i, e.tx_slots, e.tx_data);
    counters(p);
    for (int c = 0; c < 8; ++c) {
      p.eg_i.occ[size_t(c)] = occupancy(p.eg_i.occ[size_t(c)]);
      p.ing_i.occ[size_t(c)] = occupancy(p.ing_i.occ[size_t(c)]);
    }
    p.eg_i.flits_in = uint32_t(r_.next());  // not tapped
    p.ing_i.misrouted = uint32_t(r_.next());
    p.pfc_tx_i.paused = r_.bernoulli(0.3) ? uint8_t(r_.next()) : p.pfc_tx_i.paused;
    fec(p.fec_i, e);
  }

 private:
  uint32_t regime_len() const { return c_.regime_len ? c_.regime_len : c_.p.interval * 5; }

  void slot(llr_wire_t& w, flit_t& f, uint32_t& slots, uint32_t& data) {
    w = llr_wire_t{};
    f = flit_t{};
    w.valid = r_.bernoulli(c_.slot);
    w.ctrl = r_.bernoulli(0.25);
    w.seq = uint32_t(r_.below(1u << 20));
    w.crc = uint32_t(r_.next());
    f.cls = uint8_t(r_.below(8));
    f.valid = r_.bernoulli(0.5);
    f.sig = uint32_t(r_.next());
    slots += w.valid;
    data += w.valid && !w.ctrl;
  }

  // A counter that increases by a random step now and then (a regime with
  // errors steps the error counters more often), sometimes by a random jump.
  void bump(uint32_t& v, double p, uint32_t max_step) {
    if (r_.bernoulli(p)) v += 1 + r_.below(max_step);
    if (c_.jump > 0 && r_.bernoulli(c_.jump)) v += uint32_t(r_.next());
  }

  void counters(telemetry_ports& p) {
    const double bad = regime_ == 0 ? 0.0005 : regime_ == 1 ? 0.01 : 0.03;
    bump(p.llr_i.crc_errors, bad, 3);
    bump(p.llr_i.naks_sent, bad, 2);
    bump(p.llr_i.replays, bad, 2);
    bump(p.llr_i.replayed_flits, bad, 20);
    bump(p.llr_i.link_errors, regime_ == 2 ? 0.0005 : 0.00002, 1);
    bump(p.pfc_rx_i.frames, 0.02, 2);
    bump(p.pfc_tx_i.frames, 0.02, 2);
    bump(p.cbfc_tx_i.stalls, 0.1, 1);
    p.llr_i.tx_flits = uint32_t(r_.next());  // not tapped
    p.llr_i.occ = uint16_t(r_.next());
    p.cbfc_tx_i.updates = uint32_t(r_.next());
    p.pfc_rx_i.paused = uint8_t(r_.next());
  }

  uint16_t occupancy(uint16_t v) {
    const uint32_t x = r_.below(100);
    if (x < 2) return uint16_t(r_.next());  // anywhere, sums above 0xFFFF saturate
    if (x < 40) return uint16_t(v + r_.below(5));
    if (x < 80) return v > 3 ? uint16_t(v - r_.below(4)) : uint16_t(0);
    return v;
  }

  void fec(fec_ev_t& f, tel_expect& e) {
    f = fec_ev_t{};
    f.valid = r_.bernoulli(c_.fec);
    const uint32_t t = uint32_t(c_.p.fec_t);
    if (regime_ == 0) {
      f.errs = uint8_t(r_.bernoulli(0.9) ? r_.below(2) : r_.below(t + 1));
    } else if (regime_ == 1) {
      f.errs = uint8_t(r_.below(t + 1));
    } else {
      f.errs = uint8_t(r_.below(32));
      f.uncorr = r_.bernoulli(0.02) || f.errs > t;
    }
    if (!f.valid && r_.bernoulli(0.5)) f.uncorr = r_.bernoulli(0.5);  // ignored without valid
    e.cw += f.valid;
    e.uncorr += f.valid && f.uncorr;
  }

  tel_case c_;
  rng r_;
  int regime_ = 0;
};

struct tel_run {
  uint64_t cycles = 0, compared = 0, mismatches = 0, assertion_failures = 0, snapshots = 0, level_changes = 0;
  std::set<int> levels;
  lockstep_log log;
};

uint32_t sum(const std::array<uint32_t, 8>& a) {
  uint32_t s = 0;
  for (uint32_t v : a) s += v;
  return s;
}

// At a snapshot: the model's counts against what the bench drove.
void check_snapshot(const tel_snap_t& s, const tel_expect& e, const telemetry_params& p) {
  CHECK(sum(s.in_flits) == e.rx_data);
  CHECK(sum(s.out_flits) == e.tx_data);
  CHECK(s.in_octets == uint64_t(e.rx_slots) * uint64_t(p.flit_bytes));
  CHECK(s.out_octets == uint64_t(e.tx_slots) * uint64_t(p.flit_bytes));
  CHECK(s.fec_cw == e.cw);
  CHECK(s.fec_uncorr == e.uncorr);
  uint32_t hist = 0;
  for (int b = 0; b < 17; ++b) {
    hist += s.fec_hist[size_t(b)];
    if (b >= p.fec_bins) CHECK(s.fec_hist[size_t(b)] == 0);
  }
  CHECK(hist == s.fec_cw);
  if (p.fec_bins == p.fec_t + 2) CHECK(s.fec_hist[size_t(p.fec_bins - 1)] == s.fec_uncorr);
  CHECK(s.fec_corr + s.fec_uncorr <= s.fec_cw);
}

tel_run run_lockstep(const tel_case& c) {
  lockstep_ctx ctx;
  ctx.log.quiet = true;
  std::string why;
  auto b = make_block<telemetry_binding>(
      impl_mode::lockstep, [&] { return make_telemetry_model(c.p); },
      [&] { return make_telemetry_rtl(c.p, std::string("sb_telemetry_") + c.name, &why); }, &ctx, 0);
  REQUIRE(b);
  tel_stim stim(c);
  tel_expect e;
  tel_run r;
  uint32_t seq = 0;
  int level = 0;
  for (uint64_t k = 0; k < c.cycles; ++k) {
    ctx.cycle = k;
    stim.drive(b->p, k, e);
    b->step();
    const tel_snap_t& s = b->p.snap_o;
    const bool end = (k + 1) % c.p.interval == 0;
    REQUIRE(s.seq == seq + (end ? 1u : 0u));  // one snapshot per interval, at its last edge
    if (end) {
      check_snapshot(s, e, c.p);
      e = tel_expect{};
      seq = s.seq;
      ++r.snapshots;
    }
    const int lv = b->p.health_o.level;
    r.levels.insert(lv);
    if (lv != level) {
      ++r.level_changes;
      CHECK(end);
      CHECK(b->p.health_o.since == s.seq);
    }
    level = lv;
  }
  r.cycles = c.cycles;
  r.compared = ctx.compared_blocks;
  r.mismatches = ctx.log.mismatches;
  r.assertion_failures = b->assertion_failures();
  r.log = ctx.log;
  return r;
}

std::string describe(const lockstep_log& l) {
  if (!l.have) return "no mismatch";
  const mismatch& m = l.first;
  return "cycle " + std::to_string(m.cycle) + " " + m.signal + "." + m.field + ": model " + m.model + ", rtl " + m.rtl;
}

telemetry_params params(uint32_t interval, int fec_t, int fec_bins, int tail_bin, int ewma_shift, double deg_on,
                        double deg_off, uint32_t hold) {
  telemetry_params p;
  p.interval = interval;
  p.fec_t = fec_t;
  p.fec_bins = fec_bins;
  p.tail_bin = tail_bin;
  p.ewma_shift = ewma_shift;
  p.deg_on = deg_on;
  p.deg_off = deg_off;
  p.hold = hold;
  return p;
}

}  // namespace

TEST_CASE("telemetry lockstep: model and RTL agree over random stimulus and configurations, every detector level") {
  std::vector<tel_case> cases;
  {
    tel_case c{"default_bins", params(32, 15, 17, 6, 4, 3.0, 1.5, 4)};
    c.seed = 11;
    cases.push_back(c);
  }
  {
    tel_case c{"few_bins", params(16, 7, 2, 3, 0, 4.0, 2.0, 0)};
    c.p.flit_bytes = 16;
    c.seed = 12;
    c.p.deg_replays = 3;
    cases.push_back(c);
  }
  {
    tel_case c{"t_plus_2", params(50, 8, 10, 5, 12, 0.2, 0.1, 2)};
    c.p.deg_replays = 4;
    c.p.flit_bytes = 4096;
    c.p.fail_uncorr = 3;
    c.p.fail_replays = 12;
    c.seed = 13;
    c.cycles = 25000;
    cases.push_back(c);
  }
  {
    tel_case c{"no_uncorr_fail", params(24, 15, 9, 12, 2, 1.5, 0.5, 7)};
    c.p.fail_uncorr = 0;
    c.p.deg_replays = 2;
    c.p.fail_replays = 6;
    c.seed = 14;
    c.jump = 0.0002;  // counter deltas far beyond a step, mod 2^32
    cases.push_back(c);
  }
  {
    // Every slot and codeword: the ingress sum saturates, the detector
    // rides a tail count near its thresholds.
    tel_case c{"dense", params(45, 1, 3, 1, 3, 26.0, 24.0, 1)};
    c.p.flit_bytes = 100;
    c.fec = 1.0;
    c.slot = 1.0;
    c.regime_len = 45 * 10;
    c.seed = 15;
    cases.push_back(c);
  }
  {
    tel_case c{"tail_bin_31", params(20, 15, 17, 31, 1, 0.5, 0.25, 3)};
    c.p.fail_uncorr = 2;
    c.seed = 16;
    cases.push_back(c);
  }
  uint64_t total = 0;
  std::set<int> all_levels;
  for (const tel_case& c : cases) {
    INFO("configuration " << c.name);
    const tel_run r = run_lockstep(c);
    INFO(describe(r.log));
    std::printf("%s: %llu cycles, %llu level changes\n", c.name, (unsigned long long)r.compared, (unsigned long long)r.level_changes);
    CHECK(r.mismatches == 0);
    CHECK(r.assertion_failures == 0);
    CHECK(r.compared == c.cycles);
    CHECK(r.snapshots == c.cycles / c.p.interval);
    CHECK(r.level_changes >= 10);
    CHECK(r.levels == std::set<int>{0, 1, 2});
    total += r.compared;
    all_levels.insert(r.levels.begin(), r.levels.end());
  }
  CHECK(total >= 100000);
  CHECK(all_levels == std::set<int>{0, 1, 2});
}

TEST_CASE("telemetry checker: a model that miscounts in_flits is caught at the first interval end after the fault") {
  telemetry_params p = params(40, 15, 17, 6, 4, 0.5, 0.25, 4);
  const uint64_t at = 1007;
  const uint64_t expect_cycle = 1039;  // the first k >= at with (k + 1) % 40 == 0
  lockstep_ctx ctx;
  ctx.log.quiet = true;
  std::string why;
  lockstep_block<telemetry_binding> ls(make_telemetry_model(p, at), make_telemetry_rtl(p, "sb_telemetry_bad", &why),
                                       &ctx, 2);
  for (uint64_t k = 0; k < 2000 && !ctx.log.have; ++k) {
    ctx.cycle = k;
    ls.p.rx_i.valid = true;  // a data slot of class k % 8 every cycle
    ls.p.rx_i.ctrl = false;
    ls.p.rx_data_i.cls = uint8_t(k % 8);
    ls.step();
  }
  REQUIRE(ctx.log.have);
  const mismatch& m = ctx.log.first;
  CHECK(m.cycle == expect_cycle);
  CHECK(m.block == "telemetry");
  CHECK(m.port == 2);
  CHECK(m.signal == "snap_o");
  CHECK(m.field == "in_flits[0]");
  // One flit too many per data slot from `at` to the interval end.
  CHECK(std::stoull(m.model) == std::stoull(m.rtl) + (expect_cycle - at + 1));
  CHECK(ctx.compared_blocks == expect_cycle + 1);
}

TEST_CASE("telemetry RTL: the factory refuses invalid parameters with the reason, and runs valid ones") {
  std::string why;
  telemetry_params p;
  p.fec_bins = 18;
  CHECK(make_telemetry_rtl(p, "sb_telemetry_bad_bins", &why) == nullptr);
  CHECK(why.find("fec_bins=18") != std::string::npos);
  p = telemetry_params{};
  p.interval = 15;
  why.clear();
  CHECK(make_telemetry_rtl(p, "sb_telemetry_bad_interval", nullptr) == nullptr);
  CHECK(make_telemetry_rtl(p, "sb_telemetry_bad_interval", &why) == nullptr);
  CHECK(why.find("interval=15") != std::string::npos);
  p = telemetry_params{};
  p.interval = 16;
  auto r = make_telemetry_rtl(p, "sb_telemetry_ok", &why);
  REQUIRE(r);
  for (int k = 0; k < 16; ++k) {
    r->p.fec_i.valid = true;
    r->p.fec_i.errs = uint8_t(k);
    r->step();
  }
  CHECK(r->p.snap_o.seq == 1);
  CHECK(r->p.snap_o.fec_cw == 16);
  CHECK(r->p.snap_o.fec_hist[15] == 1);
  CHECK(r->p.health_o.tail == 10);  // errs 6..15 with tail_bin 6
  CHECK(r->assertion_failures() == 0);
}

TEST_CASE("telemetry checker: the comparator names a histogram bin beyond the eighth element") {
  // tel_snap_t.fec_hist has 17 elements: a difference in bin 16 must be
  // named (diff() once stopped at element 7 and reported no field).
  telemetry_ports a, b;
  b.snap_o.fec_hist[16] = 5;
  lockstep_log log;
  log.quiet = true;
  CHECK_FALSE(compare_outputs<telemetry_binding>(log, 42, 1, "telemetry", a, b));
  REQUIRE(log.have);
  CHECK(log.first.cycle == 42);
  CHECK(log.first.signal == "snap_o");
  CHECK(log.first.field == "fec_hist[16]");
  CHECK(log.first.model == "0");
  CHECK(log.first.rtl == "5");
}
