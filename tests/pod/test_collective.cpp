// The collective engine (verif/pod/sb_collective.h) on a fake network that
// serves every write and atomic after a random delay, in any order, and
// completes it later: every algorithm must finish with every element right,
// at uneven rank counts and sizes, and the data check must catch a broken
// algorithm (the TEST ONLY faults).
#include <catch2/catch.hpp>

#include <deque>
#include <vector>

#include "sb_collective.h"
#include "sb_endpoint_link.h"
#include "sb_rng.h"

using namespace sb;

namespace {

struct fake_net {
  struct msg {
    uint64_t serve = 0, done = 0;
    int src = 0;
    ls_req_t r{};
    bool served = false;
  };
  collective_engine eng;
  std::vector<ep_memory> mem;
  std::vector<msg> flight;
  rng g{7, 3};
  int eps;

  fake_net(const collective_config& c, int ranks, bool units)
      : eng(c, seq(0, ranks), units ? seq(ranks, ranks) : std::vector<int>{}, 1.0,
            std::vector<double>(size_t(ranks), 64.0), 5),
        mem(size_t(units ? 2 * ranks : ranks)),
        eps(units ? 2 * ranks : ranks) {
    for (int e = 0; e < eps; ++e) {
      mem[size_t(e)].port = e;
      eng.attach(e, &mem[size_t(e)]);
    }
  }
  static std::vector<int> seq(int from, int n) {
    std::vector<int> v;
    for (int i = 0; i < n; ++i) v.push_back(from + i);
    return v;
  }
  // Runs until the engine is done (or max cycles); returns the cycles.
  uint64_t run(uint64_t max = 2000000) {
    uint64_t k = 0;
    for (; k < max && !eng.done(); ++k) {
      for (int e = 0; e < eps; ++e) {
        ls_gen_req q;
        if (eng.next(e, k, q)) {
          msg m;
          m.src = e;
          m.r = q.req;
          m.serve = k + 1 + g.below(40);
          m.done = m.serve + 1 + g.below(40);
          flight.push_back(m);
        }
      }
      for (size_t i = 0; i < flight.size();) {
        msg& m = flight[i];
        if (!m.served && m.serve <= k) {
          ep_memory::access(&mem[m.r.dst], m.r.op, m.r.addr, m.r.size, m.r.wdata);
          m.served = true;
        }
        if (m.served && m.done <= k) {
          eng.completed(m.src, m.r.dst, m.r.addr);
          flight[i] = flight.back();
          flight.pop_back();
          continue;
        }
        ++i;
      }
      eng.tick(k);
    }
    return k;
  }
};

collective_config cfg(coll_op op, coll_algo a, uint64_t bytes, uint64_t slice = 4096) {
  collective_config c;
  c.on = true;
  c.op = op;
  c.algo = a;
  c.message_bytes = bytes;
  c.slice_bytes = slice;
  return c;
}

}  // namespace

TEST_CASE("collective: every algorithm ends with every element right", "[collective]") {
  struct tc {
    coll_op op;
    coll_algo a;
  };
  const tc cases[] = {{coll_op::all_reduce, coll_algo::ring},       {coll_op::all_reduce, coll_algo::direct},
                      {coll_op::reduce_scatter, coll_algo::ring},   {coll_op::reduce_scatter, coll_algo::direct},
                      {coll_op::all_gather, coll_algo::ring},       {coll_op::all_gather, coll_algo::direct},
                      {coll_op::broadcast, coll_algo::ring},        {coll_op::broadcast, coll_algo::direct},
                      {coll_op::all_to_all, coll_algo::direct}};
  for (const tc& t : cases)
    for (int ranks : {2, 3, 5, 8})
      for (uint64_t bytes : {uint64_t(4096), uint64_t(20480 + 768)}) {
        collective_config c = cfg(t.op, t.a, bytes);
        c.token_bytes = 1024;
        c.skew = 1.0;
        c.iterations = 2;
        c.root = ranks - 1;
        fake_net n(c, ranks, false);
        n.run();
        INFO(to_string(t.op) << " " << to_string(t.a) << " ranks " << ranks << " bytes " << bytes);
        const auto j = n.eng.json();
        CHECK(n.eng.done());
        CHECK(n.eng.pass());
        CHECK(j["data_check"]["elements_checked"].get<uint64_t>() > 0);
        CHECK(j["completion_ns"].get<double>() > 0);
        CHECK(j["efficiency"].get<double>() > 0);  // (this network has no link rate: no upper bound here)
      }
}

TEST_CASE("collective: in-switch all-reduce through reduction units", "[collective]") {
  for (int ranks : {2, 4, 7}) {
    fake_net n(cfg(coll_op::all_reduce, coll_algo::in_switch, 32768), ranks, true);
    n.run();
    INFO("ranks " << ranks);
    CHECK(n.eng.pass());
    // every rank sends its buffer once and receives the result once
    CHECK(n.eng.json()["max_bytes_sent_per_rank"].get<double>() == Approx(32768));
    CHECK(n.eng.json()["max_bytes_received_per_rank"].get<double>() == Approx(32768));
  }
}

TEST_CASE("collective: the data check catches a broken algorithm", "[collective]") {
  for (coll_fault f : {coll_fault::skip_contribution, coll_fault::wrong_offset}) {
    collective_config c = cfg(coll_op::all_reduce, coll_algo::ring, 16384);
    c.fault = f;
    fake_net n(c, 4, false);
    n.run();
    CHECK(n.eng.done());
    CHECK_FALSE(n.eng.pass());
    const auto d = n.eng.check_json();
    CHECK(d["mismatches"].get<uint64_t>() + d["corrupt_lines"].get<uint64_t>() > 0);
    CHECK_FALSE(d["first_mismatch"].get<std::string>().empty());
  }
}

TEST_CASE("collective: NCCL's bus bandwidth factors and the ring's traffic", "[collective]") {
  fake_net n(cfg(coll_op::all_reduce, coll_algo::ring, 65536), 4, false);
  n.run();
  const auto j = n.eng.json();
  REQUIRE(n.eng.pass());
  CHECK(j["bus_factor"].get<double>() == Approx(1.5));  // 2(n-1)/n
  CHECK(j["busbw_gbps"].get<double>() == Approx(1.5 * j["algbw_gbps"].get<double>()));
  CHECK(j["max_bytes_sent_per_rank"].get<double>() == Approx(1.5 * 65536));
  CHECK(j["ideal_ns"].get<double>() == Approx(1.5 * 65536 / 64.0));  // at 64 B/ns per rank
  fake_net g(cfg(coll_op::all_gather, coll_algo::ring, 65536), 4, false);
  g.run();
  CHECK(g.eng.json()["bus_factor"].get<double>() == Approx(0.75));
}

TEST_CASE("collective: a large message is sampled at two sizes and extrapolated", "[collective]") {
  collective_config c = cfg(coll_op::all_reduce, coll_algo::ring, 1 << 20, 8192);
  c.sample_max_bytes = 65536;
  fake_net n(c, 4, false);
  n.run();
  const auto j = n.eng.json();
  REQUIRE(n.eng.pass());
  CHECK(j["sampled"].get<bool>());
  REQUIRE(j["simulated"].size() == 2);
  CHECK(j["simulated"][0]["bytes"].get<uint64_t>() == 32768);
  CHECK(j["simulated"][1]["bytes"].get<uint64_t>() == 65536);
  const double t1 = j["simulated"][0]["mean_ns"], t2 = j["simulated"][1]["mean_ns"];
  CHECK(j["completion_ns"].get<double>() == Approx(t2 + (t2 - t1) / 32768.0 * (double(1 << 20) - 65536)));
}
