// Traffic sources: offered rates, patterns and credit handling.
#include <catch2/catch.hpp>

#include <set>

#include "sb_traffic.h"

using namespace sb;

namespace {
// Generates for `cycles` cycles and drains the source queue (credits unlimited).
struct drained {
  uint64_t packets = 0, flits = 0;
  std::vector<int> dsts;
};
drained run(traffic_params p, int port, int ports, uint64_t cycles, uint64_t seed = 1,
            const std::vector<uint16_t>* perm = nullptr) {
  traffic_source s(port, ports, p, false, 1 << 20, seed, perm);
  drained d;
  for (uint64_t k = 0; k < cycles; ++k) s.generate(k);
  for (;;) {
    const flit_t f = s.next_flit();
    if (!f.valid) break;
    ++d.flits;
    if (f.sop) {
      ++d.packets;
      d.dsts.push_back(f.dst);
    }
  }
  return d;
}
}  // namespace

TEST_CASE("load 1.0 offers exactly one flit per cycle", "[traffic][unit]") {
  traffic_params p;
  p.load = 1.0;
  const drained d = run(p, 0, 8, 1000);
  CHECK(d.packets == 1000);  // regression: load 1.0 once looped forever at cycle 0
  p.packet_flits = 4;  // packets arrive as Bernoulli(1/4): the flit rate is 1.0 on average
  CHECK(double(run(p, 0, 8, 200000).flits) / 200000.0 == Approx(1.0).epsilon(0.02));
}

TEST_CASE("Bernoulli and bursty sources offer the configured load", "[traffic][unit]") {
  for (auto pat : {traffic_pattern::uniform, traffic_pattern::hotspot, traffic_pattern::bursty}) {
    for (double load : {0.05, 0.3, 0.7}) {
      for (int flits : {1, 3}) {
        traffic_params p;
        p.pattern = pat;
        p.load = load;
        p.packet_flits = flits;
        const uint64_t cycles = 400000;
        const drained d = run(p, 1, 16, cycles, 7);
        const double rate = double(d.flits) / double(cycles);
        INFO(to_string(pat) << " load " << load << " flits " << flits << " rate " << rate);
        CHECK(rate == Approx(load).epsilon(0.05));
      }
    }
  }
}

TEST_CASE("bursty sources send bursts to one destination", "[traffic][unit]") {
  traffic_params p;
  p.pattern = traffic_pattern::bursty;
  p.load = 0.5;
  p.burst_packets = 16;
  const drained d = run(p, 0, 64, 200000, 3);
  size_t same = 0;
  for (size_t k = 1; k < d.dsts.size(); ++k) same += d.dsts[k] == d.dsts[k - 1];
  // Mean burst 16 packets: about 15 of 16 consecutive pairs share a destination
  // (uniform destinations would share 1 in 64).
  CHECK(double(same) / double(d.dsts.size()) > 0.85);
}

TEST_CASE("permutation, incast and hotspot destinations", "[traffic][unit]") {
  const int n = 16;
  const auto perm = make_permutation(n, 5);
  std::set<int> targets;
  for (int i = 0; i < n; ++i) {
    traffic_params p;
    p.pattern = traffic_pattern::permutation;
    p.load = 0.5;
    const drained d = run(p, i, n, 1000, 5, &perm);
    REQUIRE(!d.dsts.empty());
    for (int x : d.dsts) CHECK(x == perm[i]);
    targets.insert(d.dsts[0]);
  }
  CHECK(targets.size() == size_t(n));  // a permutation: every output once

  traffic_params p;
  p.pattern = traffic_pattern::incast;
  p.load = 0.5;
  p.incast_target = 3;
  CHECK(run(p, 3, n, 1000).packets == 0);  // the target input is silent
  for (int x : run(p, 4, n, 1000).dsts) CHECK(x == 3);

  p.pattern = traffic_pattern::hotspot;
  p.hotspot_port = 7;
  p.hotspot_fraction = 0.5;
  const drained h = run(p, 0, n, 100000, 9);
  size_t hot = 0;
  for (int x : h.dsts) hot += x == 7;
  // 0.5 directly plus 0.5 / 16 through the uniform part.
  CHECK(double(hot) / double(h.dsts.size()) == Approx(0.5 + 0.5 / n).epsilon(0.05));
}

TEST_CASE("a source never sends without credit and resumes on a credit", "[traffic][unit]") {
  traffic_params p;
  p.load = 1.0;
  traffic_source s(0, 4, p, false, 2, 1, nullptr);
  for (uint64_t k = 0; k < 100; ++k) s.generate(k);
  int sent = 0;
  std::vector<int> per_dst(4, 0);
  for (int k = 0; k < 100; ++k) {
    const flit_t f = s.next_flit();
    if (!f.valid) break;
    ++sent;
    ++per_dst[f.dst];
  }
  // It stops at the first packet whose queue has no credit left (<= 2 per destination).
  for (int c : per_dst) CHECK(c <= 2);
  const int blocked_dst = [&] {
    for (int k = 0; k < 100; ++k) {
      const flit_t f = s.next_flit();
      CHECK_FALSE(f.valid);
    }
    return 0;
  }();
  (void)blocked_dst;
  for (int d = 0; d < 4; ++d) s.credit(xbar_credit_t{true, uint8_t(d), 0});
  CHECK(s.next_flit().valid);
  CHECK(sent >= 2);
}

TEST_CASE("the table-driven geometric gaps equal rng::geometric_inv draw for draw", "[traffic][unit]") {
  // The sources' arrival times, and so every result, must not change with the
  // faster sampler (docs/performance.md): the same draws, the same gaps.
  for (double p : {1e-4, 0.001, 0.01, 0.0625, 0.1, 0.25, 1.0 / 3, 0.5, 0.7, 0.9, 0.99, 0.999, 1.0}) {
    const double inv = p >= 1.0 ? 0.0 : 1.0 / std::log1p(-p);
    geometric_sampler g(inv);
    rng a(11, 5), b(11, 5);
    int bad = 0;
    for (int k = 0; k < 200000; ++k) bad += a.geometric_inv(inv) != g.draw(b);
    CHECK(bad == 0);
    CHECK(a.next() == b.next());  // the same number of draws
  }
}
