// The SONiC baseline (systemc/telemetry/sb_flr_baseline.h) against a plain
// recomputation over its window, and the link-health study's fast path
// (verif/link_health/sb_health_study.h): skipping quiet intervals in bulk
// must not change what the detectors see.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <deque>

#include "sb_flr_baseline.h"
#include "sb_health_study.h"
#include "sb_rng.h"

using namespace sb;

TEST_CASE("baseline: window, clean runs and warm-up match a plain recomputation", "[baseline]") {
  const int t = 15;
  const uint32_t window = 20, warmup = 5;
  flr_baseline b(t, window, warmup, 1e-6);
  std::deque<std::vector<uint64_t>> ref;  // one histogram (bins 0..t, uncorrectable) per interval
  rng r(7, 1);
  int alarms = 0, pushes = 0;
  for (int step = 0; step < 4000; ++step) {
    const bool clean_run = r.uniform() < 0.4;
    const uint64_t n = clean_run ? 1 + uint64_t(r.uniform() * 30) : 1;
    if (clean_run) {
      b.add_clean(n, 147 * n);
      for (uint64_t i = 0; i < std::min<uint64_t>(n, window); ++i) {
        std::vector<uint64_t> h(size_t(t) + 2, 0);
        h[0] = 147;
        ref.push_back(h);
      }
    } else {
      std::vector<uint64_t> h(size_t(t) + 1, 0);
      h[0] = 140;
      for (int k = 0; k < 7; ++k) h[size_t(std::min(t, int(r.uniform() * r.uniform() * 12)))] += 1;
      const uint64_t unc = r.uniform() < 0.02 ? 1 : 0;
      b.add(h, unc);
      h.push_back(unc);
      ref.push_back(h);
    }
    ++pushes;
    while (ref.size() > window) ref.pop_front();
    std::vector<uint64_t> sum(size_t(t) + 2, 0);
    for (const auto& h : ref)
      for (size_t i = 0; i < h.size(); ++i) sum[i] += h[i];
    uint64_t total = 0;
    for (uint64_t v : sum) total += v;
    const double pred = predicted_flr(sum, t), obs = double(sum[size_t(t) + 1]) / double(total);
    REQUIRE(b.held() == ref.size());
    REQUIRE(b.predicted() == Approx(pred).epsilon(1e-9));
    REQUIRE(b.observed() == Approx(obs).epsilon(1e-9));
    REQUIRE(b.on() == (ref.size() >= warmup && std::max(pred, obs) >= 1e-6));
    alarms += b.on() ? 1 : 0;
  }
  CHECK(alarms > 0);          // the threshold is reached ...
  CHECK(alarms < pushes);     // ... and not always
}

TEST_CASE("baseline: no alarm before its warm-up, however bad the first interval", "[baseline]") {
  flr_baseline b(15, 100, 10, 1e-9);
  std::vector<uint64_t> h(16, 0);
  h[0] = 100, h[1] = 40, h[2] = 7;
  for (int i = 0; i < 9; ++i) REQUIRE_FALSE(b.add(h, 3));
  REQUIRE(b.add(h, 3));
}

namespace {
health_study_config healthy(double ber, double ns) {
  health_study_config c;
  c.phy.profile = phy_profile::stable;
  c.phy.ber = ber;
  c.phy.burst_mean_bits = 2;
  c.tel.interval = 1563;
  c.tel.fec_bins = 17;
  c.cycle_ns = 0.64;
  c.links = 4;
  c.duration_ns = ns;
  c.stop_at_uncorrectable = false;
  return c;
}
}  // namespace

TEST_CASE("study: the bulk skip over quiet intervals changes nothing the detectors see", "[study]") {
  // A step profile at the same BER takes the interval-by-interval path; stable skips in bulk.
  health_study_config a = healthy(1e-8, 2e7), b = a;
  b.phy.profile = phy_profile::step;
  b.phy.ber_end = a.phy.ber;
  b.phy.step_at_ns = 1e12;
  b.baseline_flr = a.baseline_flr = 1e-9;
  const auto ra = run_health_study(a), rb = run_health_study(b);
  REQUIRE(ra["study"]["codewords"] == rb["study"]["codewords"]);
  REQUIRE(ra["study"]["intervals"] == rb["study"]["intervals"]);
  for (int i = 0; i < 4; ++i) {
    INFO("link " << i);
    CHECK(ra["links"][i]["baseline_raises"] == rb["links"][i]["baseline_raises"]);
    CHECK(ra["links"][i]["raises"] == rb["links"][i]["raises"]);
    CHECK(ra["links"][i]["tail_codewords"] == rb["links"][i]["tail_codewords"]);
  }
  CHECK(ra["baseline"]["raises"].get<uint64_t>() > 0);  // 2-bit bursts: the sparse fit alarms
  // The fast path is what makes link-hours affordable: far fewer intervals visited one by one.
  CHECK(rb["study"]["visited_intervals"] == rb["study"]["intervals"]);
  CHECK(ra["study"]["visited_intervals"].get<uint64_t>() * 2 < ra["study"]["intervals"].get<uint64_t>());
}

TEST_CASE("study: a drifting link is flagged before its first uncorrectable codeword", "[study]") {
  health_study_config c = healthy(1e-8, 2e5);
  c.phy.profile = phy_profile::drift;
  c.phy.ber_end = 3e-3;
  c.phy.drift_start_ns = 5000;
  c.phy.drift_ns = 50000;
  c.stop_at_uncorrectable = true;
  c.links = 20;
  const auto r = run_health_study(c);
  const auto& d = r["detector"];
  REQUIRE(d["links_with_uncorrectable"] == 20);
  CHECK(d["alarmed_before_uncorrectable"] == 20);
  CHECK(d["lead_ns"]["min"].get<double>() > 0);
  // A detector that only looks at uncorrectable codewords cannot lead: raise the EWMA threshold out of reach.
  c.tel.deg_on = 1e5;
  c.tel.deg_off = 1e4;
  const auto late = run_health_study(c);
  CHECK(late["detector"]["alarmed_before_uncorrectable"] == 0);
}
