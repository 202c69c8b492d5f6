// The PHY/FEC error model (systemc/link/sb_phy.h) and its place in the link
// (sb_link.h): symbol-error statistics against the arithmetic, the
// uncorrectable threshold, the BER profiles, and uncorrectable codewords
// marking the slots they cover.
#include <catch2/catch.hpp>

#include <cmath>

#include "sb_link.h"
#include "sb_phy.h"

using namespace sb;
using Catch::Matchers::WithinRel;

namespace {
phy_params stable(double ber, double burst = 1.0) {
  phy_params p;
  p.profile = phy_profile::stable;
  p.ber = ber;
  p.burst_mean_bits = burst;
  return p;
}
}  // namespace

TEST_CASE("independent bit errors: symbol errors per codeword match the binomial mean", "[phy]") {
  // 5440 bits per codeword, each in error with probability BER; a symbol of 10 bits counts once.
  for (double ber : {1e-4, 1e-3}) {
    fec_channel f(stable(ber), 7, 0);
    const int n = 400000;
    double sym = 0;
    for (int i = 0; i < n; ++i) sym += f.next(0).errs;
    const double ps = 1.0 - std::pow(1.0 - ber, 10);  // a symbol has >= 1 bit error
    CHECK_THAT(sym / n, WithinRel(544.0 * ps, 0.03));
  }
}

TEST_CASE("a codeword is uncorrectable exactly when it holds more than t symbol errors", "[phy]") {
  for (int t : {4, 15}) {
    phy_params p = stable(2e-3);
    p.fec_t = t;
    fec_channel f(p, 3, 1);
    int unc = 0, corr = 0;
    for (int i = 0; i < 100000; ++i) {
      const fec_codeword c = f.next(0);
      CHECK(c.uncorr == (c.errs > uint32_t(t)));
      unc += c.uncorr;
      corr += !c.uncorr && c.errs > 0;
    }
    CHECK(unc > 0);
    CHECK(corr > 0);
  }
}

TEST_CASE("bursts: fewer, longer error events at the same BER put more codewords in the tail", "[phy]") {
  auto tail = [](double burst) {
    fec_channel f(stable(3e-5, burst), 11, 2);
    int n = 0;
    for (int i = 0; i < 400000; ++i) n += f.next(0).errs >= 4;
    return n;
  };
  CHECK(tail(8.0) > 5 * std::max(1, tail(1.0)));
}

TEST_CASE("skip_clean consumes exactly the clean codewords before the next error", "[phy]") {
  fec_channel a(stable(1e-6), 5, 0), b(stable(1e-6), 5, 0);
  for (int round = 0; round < 50; ++round) {
    const uint64_t skipped = b.skip_clean();
    for (uint64_t i = 0; i < skipped; ++i) REQUIRE(a.next(0).errs == 0);
    const fec_codeword x = a.next(0), y = b.next(0);
    REQUIRE(x.errs == y.errs);
    REQUIRE(x.errs > 0);
  }
  CHECK(a.codewords() == b.codewords());
}

TEST_CASE("BER profiles: drift is log-linear, step jumps, flap goes down periodically", "[phy]") {
  phy_params p = stable(1e-8);
  p.profile = phy_profile::drift;
  p.ber_end = 1e-4;
  p.drift_start_ns = 1000;
  p.drift_ns = 4000;
  CHECK(p.ber_at(0) == 1e-8);
  CHECK_THAT(p.ber_at(3000), WithinRel(1e-6, 1e-9));
  CHECK(p.ber_at(1e6) == 1e-4);
  p.profile = phy_profile::step;
  p.step_at_ns = 500;
  CHECK(p.ber_at(499) == 1e-8);
  CHECK(p.ber_at(500) == 1e-4);
  p.profile = phy_profile::flap;
  p.flap_start_ns = 100;
  p.flap_period_ns = 1000;
  p.flap_down_ns = 200;
  p.flap_count = 2;
  CHECK(!p.flap_down(99));
  CHECK(p.flap_down(100));
  CHECK(!p.flap_down(300));
  CHECK(p.flap_down(1150));
  CHECK(!p.flap_down(2150));  // only two flaps
  CHECK(p.validate().empty());
  p.flap_down_ns = 1000;
  CHECK(p.validate().find("flap_down_ns") != std::string::npos);
}

TEST_CASE("the link: uncorrectable codewords mark their slots, the decoder's events arrive with the slot", "[phy][link]") {
  link_params l;
  l.phy = stable(4e-3);  // most codewords uncorrectable
  link_direction d(l, 9, 0);
  const uint32_t D = d.delay_cycles();
  llr_wire_t h{};
  h.valid = true;
  flit_t f{};
  f.valid = true;
  uint64_t events = 0, bad = 0;
  const uint64_t cycles = 20000;
  for (uint64_t k = 0; k < cycles; ++k) {
    d.push(k, h, f);
    events += d.out_fec().valid;
    if (d.out_hdr().valid && (d.out_hdr().seq != h.seq || d.out_hdr().crc != h.crc || d.out_hdr().kind != h.kind ||
                              !(d.out_data() == f)))
      ++bad;
  }
  const link_counters& c = d.counters();
  // One codeword per 5440 bits of 512-bit slots; events seen at the far end lag by the line's delay.
  CHECK(c.fec_cw == (cycles * 512) / 5440);
  const uint64_t expect = ((cycles - D) * 512) / 5440;  // (give or take the codeword in flight at the end)
  CHECK(events + 1 >= expect);
  CHECK(events <= expect);
  CHECK(c.fec_uncorr > c.fec_cw / 2);
  CHECK(c.phy_corrupted > 0);
  CHECK(bad > 0);
  CHECK(c.first_uncorr != UINT64_MAX);
  CHECK(c.first_uncorr >= D);
}

TEST_CASE("the link with the PHY off: no decoder events, nothing corrupted", "[phy][link]") {
  link_params l;
  link_direction d(l, 9, 0);
  llr_wire_t h{};
  h.valid = true;
  for (uint64_t k = 0; k < 5000; ++k) {
    d.push(k, h, flit_t{});
    REQUIRE(!d.out_fec().valid);
  }
  CHECK(d.counters().fec_cw == 0);
  CHECK(d.counters().phy_corrupted == 0);
}
