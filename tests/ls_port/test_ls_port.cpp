// LS port: unit tests of the initiator and target engines
// (systemc/ls_port/sb_ls_core.h), block-level lockstep of the initiator model
// against the Verilated RTL (rtl/ls_port/sb_ls_port.sv), and proofs that the
// checkers can fail (verif/ls_port/testplan.yaml maps them to testpoints).
#include <catch2/catch.hpp>

#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "sb_ls_core.h"
#include "sb_ls_lockstep.h"
#include "sb_ls_rtl.h"
#include "sb_rtl_init.h"
#include "sb_rng.h"

using namespace sb;

namespace {

ls_params params(int max_tags, uint32_t timeout = 0) {
  ls_params p;
  p.port = 9;
  p.max_tags = max_tags;
  p.timeout = timeout;
  p.req_cls = 2;
  return p;
}

ls_req_t request(int op, int size, uint8_t dst = 3, uint32_t addr = 0x100, uint32_t wdata = 0x5000) {
  ls_req_t q{};
  q.valid = true;
  q.op = uint8_t(op);
  q.size = uint8_t(size);
  q.dst = dst;
  q.addr = addr;
  q.wdata = wdata;
  return q;
}

const ls_req_t read1 = request(0, 1);

// The response packet a well-behaved target sends for (tag, op, size) from `src`.
std::vector<flit_t> response(uint16_t tag, int op, int size, uint8_t src = 3, int ptype_op = -1) {
  std::vector<flit_t> v;
  flit_t h{};
  h.valid = true;
  h.sop = true;
  h.src = src;
  h.dst = 9;
  h.cls = 1;
  h.ptype = ls_rsp_ptype(ptype_op < 0 ? op : ptype_op);
  h.len = uint8_t(ls_rsp_len(op, size));
  h.eop = h.len == 1;
  h.tag = tag;
  h.seq = uint32_t(size);
  v.push_back(h);
  for (int i = 0; i + 1 < h.len; ++i) {
    flit_t d = h;
    d.sop = false;
    d.eop = i == h.len - 2;
    d.seq = uint32_t(i);
    d.sig = 0xD000u + uint32_t(i);
    v.push_back(d);
  }
  return v;
}

// Steps with req_i offered until it is accepted; returns the tag.
int accept(ls_initiator_core& m, const ls_req_t& q, int max_cycles = 100) {
  m.req_i = q;
  for (int k = 0; k < max_cycles; ++k) {
    const bool ready = m.req_ready_o();
    m.step();
    if (ready) {
      REQUIRE(m.acc_o().valid);
      m.req_i = ls_req_t{};
      return m.acc_o().tag;
    }
    REQUIRE_FALSE(m.acc_o().valid);
  }
  FAIL("request not accepted");
  return -1;
}

// Feeds a response packet, one flit per edge; returns cpl_o after its last flit.
ls_cpl_t respond(ls_initiator_core& m, const std::vector<flit_t>& pkt) {
  for (const flit_t& f : pkt) {
    m.rsp_i = f;
    m.step();
  }
  m.rsp_i = flit_t{};
  return m.cpl_o();
}

void idle(ls_initiator_core& m, int n) {
  m.req_i = ls_req_t{};
  m.rsp_i = flit_t{};
  for (int k = 0; k < n; ++k) m.step();
}

// Initiator (port 9) and target (port 3) joined back to back.
struct ls_pair {
  ls_initiator_core ini;
  ls_target_core tgt;
  std::vector<flit_t> rsp;  // response flits the target sent
  std::vector<ls_cpl_t> cpl;
  ls_pair(uint32_t latency) : ini(params(64)), tgt(target(latency)) {}
  static ls_target_params target(uint32_t latency) {
    ls_target_params t;
    t.port = 3;
    t.latency = latency;
    return t;
  }
  void step() {
    ini.net_ready_i = true;
    tgt.req_i = ini.net_o();
    ini.rsp_i = tgt.net_o();
    tgt.net_ready_i = true;
    ini.step();
    tgt.step();
    if (tgt.net_o().valid) rsp.push_back(tgt.net_o());
    if (ini.cpl_o().valid) cpl.push_back(ini.cpl_o());
  }
  int issue(const ls_req_t& q) {
    ini.req_i = q;
    for (int k = 0; k < 1000; ++k) {
      const bool ready = ini.req_ready_o();
      step();
      if (ready) {
        ini.req_i = ls_req_t{};
        return ini.acc_o().tag;
      }
    }
    FAIL("not accepted");
    return -1;
  }
  void run(int n) {
    for (int k = 0; k < n; ++k) step();
  }
  // The data flits of the response packet carrying `tag` (in arrival order).
  std::vector<uint32_t> data_of(int tag) const {
    std::vector<uint32_t> d;
    for (const flit_t& f : rsp)
      if (f.tag == tag && !f.sop) d.push_back(f.sig);
    return d;
  }
};

void require_clean(const ls_lockstep_result& r, const char* what) {
  std::printf("ls lockstep %-34s cycles=%llu compared=%llu mismatches=%llu sva=%llu issued=%u ok=%u "
              "timeouts=%u errors=%u stale=%u not_ready=%llu full=%llu stalls=%llu ooo=%llu rsp_timeouts=%llu %.2f s\n",
              what, (unsigned long long)r.cycles, (unsigned long long)r.compared,
              (unsigned long long)r.mismatches, (unsigned long long)r.assertion_failures, r.stat.issued,
              r.stat.completed, r.stat.timeouts, r.stat.errors, r.stat.stale, (unsigned long long)r.not_ready_cycles,
              (unsigned long long)r.full_cycles, (unsigned long long)r.stalled_cycles,
              (unsigned long long)r.out_of_order, (unsigned long long)r.rsp_in_progress_timeouts, r.seconds);
  INFO(what << ": " << r.why << " first mismatch at cycle " << r.first_mismatch_cycle << ": " << r.first_mismatch);
  REQUIRE(r.why.empty());
  REQUIRE(r.mismatches == 0);
  REQUIRE(r.assertion_failures == 0);
  REQUIRE(r.compared == r.cycles + 1);
  REQUIRE(r.stat.stray == 0);
}

struct totals {
  uint64_t compared = 0, not_ready = 0, full = 0, stalls = 0, ooo = 0, rsp_timeouts = 0;
  uint64_t timeouts = 0, errors = 0, late = 0, stale = 0, masked = 0;
  void add(const ls_lockstep_result& r) {
    masked += r.masked_writes;
    late += r.late_sent;
    stale += r.stat.stale;
    compared += r.compared;
    not_ready += r.not_ready_cycles;
    full += r.full_cycles;
    stalls += r.stalled_cycles;
    ooo += r.out_of_order;
    rsp_timeouts += r.rsp_in_progress_timeouts;
    timeouts += r.stat.timeouts;
    errors += r.stat.errors;
  }
};

// Runs `n` lockstep configurations, each required clean; returns the totals.
totals run_all(const std::string& name, int n, const std::function<ls_lockstep_cfg(int)>& make) {
  totals t;
  for (int i = 0; i < n; ++i) {
    const ls_lockstep_cfg c = make(i);
    const auto r = ls_lockstep_run(c);
    require_clean(r, (name + " #" + std::to_string(i) + " tags " + std::to_string(c.p.max_tags) + " timeout " +
                      std::to_string(c.p.timeout))
                         .c_str());
    t.add(r);
  }
  return t;
}

}  // namespace

// =============================================================================
// Initiator model
// =============================================================================

TEST_CASE("LS initiator: tags are allocated lowest-first, and req_ready_o falls when max_tags are outstanding") {
  ls_initiator_core m(params(4));
  REQUIRE(m.req_ready_o());
  for (int t = 0; t < 4; ++t) REQUIRE(accept(m, read1) == t);
  REQUIRE(m.stat_o().outstanding == 4);
  REQUIRE_FALSE(m.req_ready_o());
  // Offered while full: not accepted, for as long as nothing completes.
  m.req_i = read1;
  for (int k = 0; k < 20; ++k) {
    m.step();
    REQUIRE_FALSE(m.acc_o().valid);
    REQUIRE_FALSE(m.req_ready_o());
  }
  m.req_i = ls_req_t{};
  // Free 2 then 0: the next allocations take entries 0 then 2 (lowest
  // first), each with its generation 1: tag = index | 1 << 2 (4 tags: 2 index bits).
  REQUIRE(respond(m, response(2, 0, 1)).tag == 2);
  REQUIRE(respond(m, response(0, 0, 1)).tag == 0);
  REQUIRE(m.req_ready_o());
  REQUIRE(accept(m, read1) == 0 + 4);
  REQUIRE(accept(m, read1) == 2 + 4);
  REQUIRE_FALSE(m.req_ready_o());
  REQUIRE(m.stat_o().issued == 6);
  REQUIRE(m.tags_ever_used() == 4);
  REQUIRE(m.violations().empty());
}

TEST_CASE("LS initiator: no tag is reused while outstanding, and a tag freed at an edge is free from the next one on") {
  SECTION("a tag freed and a request accepted at one edge") {
    ls_initiator_core m(params(3));
    REQUIRE(accept(m, read1) == 0);
    REQUIRE(accept(m, read1) == 1);
    // One edge: the write response frees tag 0 and a request is accepted:
    // it gets tag 2 (the table at the start of the edge), entry 0 comes next
    // (generation 1: tag 0 | 1 << 2).
    m.rsp_i = response(0, 1, 1)[0];
    m.req_i = read1;
    m.step();
    REQUIRE(m.cpl_o().valid);
    REQUIRE(m.cpl_o().tag == 0);
    REQUIRE(m.acc_o().valid);
    REQUIRE(m.acc_o().tag == 2);
    m.rsp_i = flit_t{};
    REQUIRE(accept(m, read1) == 4);
  }
  SECTION("random traffic against the target: an issued tag is never outstanding") {
    ls_pair s(7);
    rng r(11);
    std::set<int> out;
    for (int k = 0; k < 20000; ++k) {
      s.ini.req_i = r.bernoulli(0.7) ? request(int(r.below(3)), 1 + int(r.below(4)), 3, r.below(64)) : ls_req_t{};
      s.step();
      if (s.ini.cpl_o().valid) REQUIRE(out.erase(s.ini.cpl_o().tag) == 1);
      if (s.ini.acc_o().valid) REQUIRE(out.insert(s.ini.acc_o().tag).second);
      REQUIRE(s.ini.stat_o().outstanding == out.size());
    }
    REQUIRE(s.ini.stat_o().issued > 5000);
    REQUIRE(s.ini.violations().empty());
    REQUIRE(s.tgt.violations().empty());
  }
}

TEST_CASE("LS initiator: request packet formats for read, write and atomic of 1..4 flits") {
  for (int op = 0; op < 3; ++op) {
    for (int size = 1; size <= 4; ++size) {
      CAPTURE(op, size);
      ls_initiator_core m(params(8));
      const ls_req_t q = request(op, size, 0x42, 0xABCD0 + uint32_t(size), 0x7000 + uint32_t(op));
      const int tag = accept(m, q);
      std::vector<flit_t> pkt;
      pkt.push_back(m.net_o());
      while (!pkt.back().eop) {
        m.step();
        REQUIRE(m.net_o().valid);
        pkt.push_back(m.net_o());
        REQUIRE(pkt.size() <= 8);
      }
      const int len = ls_req_len(op, size);
      REQUIRE(int(pkt.size()) == len);
      REQUIRE(len == (op == 0 ? 1 : op == 1 ? 1 + size : 2));
      const flit_t& h = pkt[0];
      REQUIRE(h.valid);
      REQUIRE(h.sop);
      REQUIRE(h.eop == (len == 1));
      REQUIRE(h.ptype == ptype_e(op + 1));
      for (const flit_t& f : pkt) {
        REQUIRE(f.src == 9);
        REQUIRE(f.dst == 0x42);
        REQUIRE(f.cls == 2);
        REQUIRE(f.ptype == h.ptype);
        REQUIRE(f.len == len);
        REQUIRE(f.tag == tag);
      }
      REQUIRE(h.seq == uint32_t(size));
      REQUIRE(h.sig == q.addr);
      for (int i = 1; i < len; ++i) {
        REQUIRE_FALSE(pkt[size_t(i)].sop);
        REQUIRE(pkt[size_t(i)].eop == (i == len - 1));
        REQUIRE(pkt[size_t(i)].seq == uint32_t(i - 1));
        REQUIRE(pkt[size_t(i)].sig == (op == 1 ? q.wdata + uint32_t(i - 1) : q.wdata));
      }
      m.step();
      REQUIRE_FALSE(m.net_o().valid);
      REQUIRE(m.stat_o().req_flits == uint32_t(len));
    }
  }
}

TEST_CASE("LS initiator: back-to-back 1-flit requests go out at one flit per cycle") {
  ls_initiator_core m(params(64));
  m.req_i = read1;
  for (int k = 0; k < 64; ++k) {
    REQUIRE(m.req_ready_o());
    m.step();
    REQUIRE(m.acc_o().valid);
    REQUIRE(m.acc_o().tag == k);
    REQUIRE(m.net_o().valid);
    REQUIRE(m.net_o().sop);
    REQUIRE(m.net_o().eop);
    REQUIRE(m.net_o().tag == k);
  }
  REQUIRE_FALSE(m.req_ready_o());
  m.step();
  REQUIRE_FALSE(m.acc_o().valid);
  REQUIRE_FALSE(m.net_o().valid);
  REQUIRE(m.stat_o().req_flits == 64);
}

TEST_CASE("LS initiator: net_ready_i low holds net_o, and a request behind it waits in the pending register") {
  ls_initiator_core m(params(8));
  const ls_req_t w = request(1, 2);  // 3 flits
  REQUIRE(accept(m, w) == 0);
  const flit_t head = m.net_o();
  REQUIRE(head.sop);
  m.net_ready_i = false;
  // Accepted while net_o is stalled: pending, and req_ready_o falls.
  REQUIRE(accept(m, read1) == 1);
  REQUIRE_FALSE(m.req_ready_o());
  for (int k = 0; k < 10; ++k) {
    REQUIRE(m.net_o() == head);
    m.step();
  }
  REQUIRE(m.net_o() == head);
  REQUIRE(m.stat_o().req_flits == 0);
  m.net_ready_i = true;
  m.step();
  REQUIRE(m.net_o().seq == 0);
  REQUIRE_FALSE(m.req_ready_o());
  m.step();
  REQUIRE(m.net_o().seq == 1);
  REQUIRE(m.net_o().eop);
  m.step();  // the pending request's header
  REQUIRE(m.net_o().sop);
  REQUIRE(m.net_o().tag == 1);
  REQUIRE(m.req_ready_o());
  m.step();
  REQUIRE_FALSE(m.net_o().valid);
  REQUIRE(m.stat_o().req_flits == 4);
}

TEST_CASE("LS initiator: responses are matched out of order") {
  ls_initiator_core m(params(8));
  REQUIRE(accept(m, request(0, 2)) == 0);
  REQUIRE(accept(m, request(1, 1)) == 1);
  REQUIRE(accept(m, request(2, 1)) == 2);
  idle(m, 3);
  const ls_cpl_t c2 = respond(m, response(2, 2, 1));
  REQUIRE((c2.valid && c2.tag == 2 && c2.status == uint8_t(ls_status::ok)));
  const ls_cpl_t c0 = respond(m, response(0, 0, 2));
  REQUIRE((c0.valid && c0.tag == 0 && c0.status == uint8_t(ls_status::ok)));
  const ls_cpl_t c1 = respond(m, response(1, 1, 1));
  REQUIRE((c1.valid && c1.tag == 1 && c1.status == uint8_t(ls_status::ok)));
  REQUIRE(m.stat_o().completed == 3);
  REQUIRE(m.stat_o().outstanding == 0);
  // Interleaved with idle cycles inside a packet: still one completion at eop
  // (entry 0 again: generation 1, tag 0 | 1 << 3).
  REQUIRE(accept(m, request(0, 3)) == 8);
  const auto pkt = response(8, 0, 3);
  for (const flit_t& f : pkt) {
    m.rsp_i = f;
    m.step();
    if (!f.eop) REQUIRE_FALSE(m.cpl_o().valid);
    m.rsp_i = flit_t{};
    m.step();
  }
  REQUIRE(m.stat_o().completed == 4);
  REQUIRE(m.violations().empty());
}

TEST_CASE("LS initiator: a response of the wrong ptype or from the wrong endpoint completes with ERROR") {
  ls_initiator_core m(params(8));
  REQUIRE(accept(m, request(0, 1, 3)) == 0);
  REQUIRE(accept(m, request(1, 1, 3)) == 1);
  const ls_cpl_t a = respond(m, response(0, 0, 1, 3, /*ptype of*/ 2));  // AT_RSP for a read
  REQUIRE((a.valid && a.tag == 0 && a.status == uint8_t(ls_status::error)));
  const ls_cpl_t b = respond(m, response(1, 1, 1, /*src*/ 4));
  REQUIRE((b.valid && b.tag == 1 && b.status == uint8_t(ls_status::error)));
  REQUIRE(m.stat_o().errors == 2);
  REQUIRE(m.stat_o().completed == 0);
  REQUIRE(m.stat_o().outstanding == 0);
}

TEST_CASE("LS initiator: a response for a tag not outstanding is counted as stray and ignored") {
  ls_initiator_core m(params(8));
  REQUIRE(accept(m, read1) == 0);
  REQUIRE_FALSE(respond(m, response(5, 0, 2)).valid);     // in range, not outstanding (3 flits)
  REQUIRE_FALSE(respond(m, response(100, 1, 1)).valid);   // index 4 (100 & 7), never issued
  REQUIRE(m.stat_o().stray == 2);
  REQUIRE(m.stat_o().outstanding == 1);
  REQUIRE(m.outstanding(0));
  REQUIRE(m.violations().size() == 2);
  const ls_cpl_t c = respond(m, response(0, 0, 1));
  REQUIRE((c.valid && c.tag == 0 && c.status == uint8_t(ls_status::ok)));
  // The same response again: its entry was issued and is free now: stale
  // (a late duplicate), not a model violation.
  REQUIRE_FALSE(respond(m, response(0, 0, 1)).valid);
  REQUIRE(m.stat_o().stray == 2);
  REQUIRE(m.stat_o().stale == 1);
  REQUIRE(m.violations().size() == 2);
  // Beyond max_tags: 6 tags use 3 index bits, index 6 and 7 do not exist.
  ls_initiator_core m6(params(6));
  REQUIRE(accept(m6, read1) == 0);
  REQUIRE_FALSE(respond(m6, response(7, 0, 1)).valid);
  REQUIRE_FALSE(respond(m6, response(8 + 6, 0, 1)).valid);
  REQUIRE(m6.stat_o().stray == 2);
  REQUIRE(m6.outstanding(0));
}

TEST_CASE("LS initiator: a late response after its tag timed out and was reused is stale, never the new transaction's") {
  const uint32_t T = 10;
  ls_initiator_core m(params(8, T));  // 3 index bits, 9 generation bits
  REQUIRE(accept(m, read1) == 0);
  idle(m, int(T) + 1);
  REQUIRE((m.cpl_o().valid && m.cpl_o().tag == 0 && m.cpl_o().status == uint8_t(ls_status::timeout)));
  // Entry 0 is reused: generation 1.
  const int t1 = accept(m, read1);
  REQUIRE(t1 == (1 << 3));
  REQUIRE(ls_tag_index(uint16_t(t1), 8) == 0);
  // The first transaction's response arrives late: stale, dropped, no completion.
  REQUIRE_FALSE(respond(m, response(0, 0, 1)).valid);
  REQUIRE(m.stat_o().stale == 1);
  REQUIRE(m.stat_o().stray == 0);
  REQUIRE(m.outstanding(0));
  REQUIRE(m.stat_o().completed == 0);
  REQUIRE(m.violations().empty());
  // The new transaction's own response completes it.
  const ls_cpl_t c = respond(m, response(uint16_t(t1), 0, 1));
  REQUIRE((c.valid && c.tag == t1 && c.status == uint8_t(ls_status::ok)));
  REQUIRE(m.stat_o().completed == 1);
  // Generations wrap: 256 tags leave 4 bits (16 generations); 1 tag all 12.
  REQUIRE(ls_tag_index_mask(256) == 0xFF);
  REQUIRE(ls_next_tag(5, uint16_t(5 | (15 << 8)), true, 256) == 5);
  REQUIRE(ls_next_tag(5, 5, true, 256) == (5 | (1 << 8)));
  REQUIRE(ls_next_tag(0, 4095, true, 1) == 0);
  REQUIRE(ls_next_tag(0, 7, true, 1) == 8);
  REQUIRE(ls_tag_index_mask(4096) == 0xFFF);
  REQUIRE(ls_next_tag(9, 9, true, 4096) == 9);
  REQUIRE(ls_tag_index_mask(5) == 7);
}

TEST_CASE("LS initiator: a lost response times out at exactly the documented cycle, lowest expired tag first") {
  const uint32_t T = 10;
  SECTION("one transaction: accepted at edge a, TIMEOUT at edge a + T + 1 (age reaches T)") {
    ls_initiator_core m(params(8, T));
    REQUIRE(accept(m, read1) == 0);
    const uint64_t a = m.cycle();
    while (m.cycle() < a + T) {
      m.step();
      REQUIRE_FALSE(m.cpl_o().valid);
    }
    REQUIRE(m.age(0) == T);
    m.step();
    REQUIRE(m.cycle() == a + T + 1);
    REQUIRE(m.cpl_o().valid);
    REQUIRE(m.cpl_o().tag == 0);
    REQUIRE(m.cpl_o().status == uint8_t(ls_status::timeout));
    REQUIRE(m.stat_o().timeouts == 1);
    REQUIRE(m.stat_o().outstanding == 0);
    // A late response is stale (its entry was issued), dropped.
    REQUIRE_FALSE(respond(m, response(0, 0, 1)).valid);
    REQUIRE(m.stat_o().stale == 1);
    REQUIRE(m.stat_o().stray == 0);
  }
  SECTION("a completing response defers the timeouts; then one per edge, lowest tag first") {
    ls_initiator_core m(params(8, T));
    for (int t = 0; t < 3; ++t) REQUIRE(accept(m, read1) == t);  // edges 1..3
    REQUIRE(accept(m, request(1, 1)) == 3);                         // edge 4
    // Tag 0 would time out at edge 12: a response completing tag 3 there wins.
    idle(m, 12 - 1 - int(m.cycle()));
    REQUIRE(m.cycle() == 11);
    m.rsp_i = response(3, 1, 1)[0];
    m.step();
    REQUIRE((m.cpl_o().valid && m.cpl_o().tag == 3 && m.cpl_o().status == uint8_t(ls_status::ok)));
    m.rsp_i = flit_t{};
    // Edge 13: tags 0 (age 11) and 1 (age 10) expired: 0 first; edge 14: 1 (tag 2 expired too); 15: 2.
    std::vector<int> order;
    for (int k = 0; k < 5; ++k) {
      m.step();
      if (m.cpl_o().valid) {
        REQUIRE(m.cpl_o().status == uint8_t(ls_status::timeout));
        order.push_back(m.cpl_o().tag);
        REQUIRE(m.cycle() == uint64_t(13 + order.size() - 1));
      }
    }
    REQUIRE(order == std::vector<int>{0, 1, 2});
  }
  SECTION("timeout 0 never times out; ages saturate at 2^24 - 1") {
    ls_initiator_core m(params(2, 0));
    REQUIRE(accept(m, read1) == 0);
    idle(m, 5000);
    REQUIRE(m.age(0) == 5000);
    idle(m, 0xFFFFFF);
    REQUIRE(m.outstanding(0));
    REQUIRE(m.age(0) == 0xFFFFFFu);
    REQUIRE(m.stat_o().timeouts == 0);
  }
}

TEST_CASE("LS initiator regression: a tag that times out while its response arrives completes once") {
  // The response header arrives before the timeout, its eop after: the
  // transaction completes with TIMEOUT, the rest of the packet is ignored
  // (the model completed the freed tag again at eop and outstanding wrapped).
  const uint32_t T = 10;
  ls_initiator_core m(params(8, T));
  REQUIRE(accept(m, request(0, 2)) == 0);  // edge 1; times out at edge 12
  idle(m, 9);
  REQUIRE(m.cycle() == 10);
  const auto pkt = response(0, 0, 2);  // 3 flits at edges 11, 12, 13
  m.rsp_i = pkt[0];
  m.step();
  REQUIRE_FALSE(m.cpl_o().valid);
  m.rsp_i = pkt[1];
  m.step();
  REQUIRE((m.cpl_o().valid && m.cpl_o().tag == 0 && m.cpl_o().status == uint8_t(ls_status::timeout)));
  // Edge 13: the eop, and a request that takes the freed entry 0 (it was
  // free at the start of the edge; generation 1). The eop completes nothing.
  m.rsp_i = pkt[2];
  m.req_i = read1;
  m.step();
  REQUIRE_FALSE(m.cpl_o().valid);
  REQUIRE(m.acc_o().valid);
  REQUIRE(m.acc_o().tag == (1 << 3));
  m.req_i = ls_req_t{};
  m.rsp_i = flit_t{};
  REQUIRE(m.stat_o().outstanding == 1);
  REQUIRE(m.outstanding(0));
  REQUIRE(m.stat_o().completed == 0);
  REQUIRE(m.stat_o().timeouts == 1);
  REQUIRE(m.stat_o().stray == 0);
}

TEST_CASE("LS parameters: out-of-range values are refused, naming the field") {
  ls_params p;
  REQUIRE(p.validate().empty());
  p.max_tags = 0;
  REQUIRE(p.validate().find("max_outstanding") != std::string::npos);
  p.max_tags = 4097;
  REQUIRE(p.validate().find("max_outstanding") != std::string::npos);
  p = ls_params{};
  p.timeout = 1u << 24;
  REQUIRE(p.validate().find("timeout") != std::string::npos);
  p = ls_params{};
  p.req_cls = 8;
  REQUIRE(p.validate().find("req_cls") != std::string::npos);
  ls_target_params t;
  REQUIRE(t.validate().empty());
  t.bandwidth = 0;
  REQUIRE(t.validate().find("bandwidth") != std::string::npos);
  // The engines check their own parameters when they are built.
  REQUIRE_THROWS_WITH(ls_target_core(t), Catch::Contains("ls_target_params: endpoint.memory_bandwidth"));
  p = ls_params{};
  p.max_tags = 0;
  REQUIRE_THROWS_WITH(ls_initiator_core(p), Catch::Contains("ls_params: endpoint.max_outstanding"));
  REQUIRE_NOTHROW(ls_initiator_core(ls_params{}));
  REQUIRE_NOTHROW(ls_target_core(ls_target_params{}));
}

// =============================================================================
// Target model
// =============================================================================

TEST_CASE("LS target: a read after a write returns the written data") {
  ls_pair s(20);
  const int w = s.issue(request(1, 4, 3, 0x400, 0x1110));
  s.run(5);
  const int r = s.issue(request(0, 4, 3, 0x400));
  s.run(100);
  REQUIRE(s.data_of(w).empty());
  REQUIRE(s.data_of(r) == std::vector<uint32_t>{0x1110, 0x1111, 0x1112, 0x1113});
  REQUIRE(s.tgt.read_line(0x402) == 0x1112);
  REQUIRE(s.tgt.read_line(0x404) == ls_initial_line(3, 0x404));
  REQUIRE(s.cpl.size() == 2);
  for (const auto& c : s.cpl) REQUIRE(c.status == uint8_t(ls_status::ok));
}

TEST_CASE("LS initiator: a partial write carries a mask flit after its header, and the target takes it") {
  ls_pair s(20);
  ls_req_t q = request(1, 3, 3, 0x500, 0x2220);
  q.skip_first = 0x00000000000000FFull;
  q.skip_last = 0xFF00000000000000ull;
  REQUIRE(ls_req_len(q) == 5);
  ls_initiator_core m(params(8));
  accept(m, q);
  std::vector<flit_t> pkt{m.net_o()};
  while (!pkt.back().eop && pkt.size() < 8) {
    m.step();
    pkt.push_back(m.net_o());
  }
  REQUIRE(pkt.size() == 5);
  REQUIRE(pkt[0].len == 5);
  REQUIRE(pkt[0].seq == 3);
  REQUIRE(pkt[1].seq == 0);
  REQUIRE(pkt[1].sig == ls_mask_sig(q));
  REQUIRE(ls_mask_sig(q) == (0xFFu ^ 0xFF00u));  // skip_last's high half 0xFF000000 rotated by 16
  for (int i = 0; i < 3; ++i) REQUIRE(pkt[size_t(i + 2)].sig == 0x2220u + uint32_t(i));
  // A read or an atomic never carries one.
  ls_req_t rd = q;
  rd.op = 0;
  REQUIRE(ls_req_len(rd) == 1);
  // The target assembles the 5-flit packet as a 3-line write.
  const int w = s.issue(q);
  s.run(5);
  const int r = s.issue(request(0, 3, 3, 0x500));
  s.run(100);
  REQUIRE(s.data_of(w).empty());
  REQUIRE(s.data_of(r) == std::vector<uint32_t>{0x2220, 0x2221, 0x2222});
  REQUIRE(s.tgt.violations().empty());
}

TEST_CASE("LS target: an atomic fetch-add returns the old value") {
  ls_pair s(10);
  const uint32_t init = ls_initial_line(3, 0x77);
  const int a = s.issue(request(2, 1, 3, 0x77, 5));
  const int b = s.issue(request(2, 1, 3, 0x77, 7));
  s.run(40);
  REQUIRE(s.data_of(a) == std::vector<uint32_t>{init});
  REQUIRE(s.data_of(b) == std::vector<uint32_t>{init + 5});
  REQUIRE(s.tgt.read_line(0x77) == init + 12);
}

TEST_CASE("LS target: the response header leaves exactly latency cycles after the request's last flit") {
  for (uint32_t lat : {1u, 5u, 100u}) {
    CAPTURE(lat);
    ls_target_params tp;
    tp.port = 3;
    tp.latency = lat;
    ls_target_core t(tp);
    ls_initiator_core m(params(8));
    REQUIRE(accept(m, request(1, 2, 3)) >= 0);  // 3 request flits
    uint64_t last_in = 0;
    for (int k = 0; k < 500; ++k) {
      t.req_i = m.net_o();
      const bool eop_now = m.net_o().valid && m.net_o().eop;
      m.step();
      t.step();
      if (eop_now) last_in = t.cycle();  // the edge that took the last flit
      if (t.net_o().valid) {
        REQUIRE(t.net_o().sop);
        REQUIRE(t.cycle() - last_in == lat);
        REQUIRE(t.net_o().ptype == ptype_e::WR_RSP);
        break;
      }
      REQUIRE(k < 499);
    }
  }
}

TEST_CASE("LS target: requests to one address are served in arrival order") {
  ls_pair s(30);
  std::vector<int> reads;
  for (uint32_t v = 1; v <= 4; ++v) {
    s.issue(request(1, 1, 3, 0x900, v * 0x100));
    reads.push_back(s.issue(request(0, 1, 3, 0x900)));
  }
  s.run(200);
  for (size_t i = 0; i < reads.size(); ++i) REQUIRE(s.data_of(reads[i]) == std::vector<uint32_t>{uint32_t(i + 1) * 0x100});
  REQUIRE(s.tgt.requests_served() == 8);
  REQUIRE(s.ini.stat_o().completed == 8);
}

// =============================================================================
// RTL lockstep
// =============================================================================

TEST_CASE("LS RTL: parameters beyond the Verilated build are refused with a reason") {
  std::string why;
  ls_params p = params(ls_rtl_max_tags() + 1);
  REQUIRE(make_ls_rtl(p, &why) == nullptr);
  REQUIRE(why.find("MaxTags") != std::string::npos);
  REQUIRE(ls_rtl_max_tags() == 256);
  p = params(ls_rtl_max_tags());
  auto rtl = make_ls_rtl(p, &why);
  REQUIRE(rtl != nullptr);
  REQUIRE(rtl->p.req_ready_o);
  REQUIRE_FALSE(rtl->p.net_o.valid);
  REQUIRE(rtl->p.stat_o.outstanding == 0);
}

TEST_CASE("LS lockstep: 64 tags with timeouts, lost and bad responses, 4 seeds") {
  const totals t = run_all("64 tags", 4, [](int i) {
    ls_lockstep_cfg c;
    c.seed = uint64_t(1 + i);
    c.cycles = 25000;
    c.p = params(64, 150);
    c.max_delay = 200;
    c.drop = 0.05;
    c.bad = 0.03;
    c.late = 0.5;  // half the responses of timed-out transactions still arrive: stale
    return c;
  });
  REQUIRE(t.compared >= 100000);
  REQUIRE(t.timeouts > 0);
  REQUIRE(t.late > 0);
  REQUIRE(t.stale > 0);
  REQUIRE(t.errors > 0);
  REQUIRE(t.ooo > 0);
  REQUIRE(t.rsp_timeouts > 0);
  REQUIRE(t.masked > 0);  // partial writes: the mask flit compared too
}

TEST_CASE("LS lockstep: 1 to 5 tags (backpressure, the pending register), short timeouts") {
  rtl_init_setting() = {true, 5};  // random RTL initial state, as above
  const totals t = run_all("tags 1..5", 5, [](int i) {
    const int tags = 1 + i;
    ls_lockstep_cfg c;
    c.seed = 100 + uint64_t(tags);
    c.cycles = 20000;
    c.p = params(tags, uint32_t(5 * tags + 3));
    c.req_rate = 0.9;
    c.net_ready = 0.5;
    c.max_delay = 40;
    c.late = 0.5;
    return c;
  });
  REQUIRE(t.compared >= 100000);
  REQUIRE(t.not_ready > 0);
  REQUIRE(t.full > 0);
  REQUIRE(t.stalls > 0);
  REQUIRE(t.rsp_timeouts > 0);
}

TEST_CASE("LS lockstep: 256 tags (the build's MaxTags), no timeout and with one, heavy network stalls") {
  const totals t = run_all("256 tags", 4, [](int i) {
    const bool no_timeout = i % 2 == 0;  // then long delays fill the table
    ls_lockstep_cfg c;
    c.seed = 201 + uint64_t(i);
    c.cycles = 25000;
    c.p = params(256, no_timeout ? 0 : 600);
    c.p.port = 37 * (i + 1);
    c.req_rate = 1.0;
    c.net_ready = no_timeout ? 0.6 : 0.35;
    c.min_delay = no_timeout ? 1500 : 1;
    c.max_delay = no_timeout ? 4000 : 1500;
    c.drop = no_timeout ? 0.0 : 0.05;
    return c;
  });
  REQUIRE(t.compared >= 100000);
  REQUIRE(t.stalls > 0);
  REQUIRE(t.full > 0);
}

TEST_CASE("LS lockstep: random configurations, 12 seeds") {
  // Random RTL initial state (run.rtl_init=random): a register without its
  // reset starts unlike the model's zero and the comparator sees it.
  rtl_init_setting() = {true, 77};
  const totals t = run_all("random", 12, [](int i) {
    static const int tag_choices[] = {1, 2, 3, 4, 7, 8, 16, 33, 64, 128, 255, 256};
    rng r(uint64_t(1 + i), 0xC0F);
    ls_lockstep_cfg c;
    c.seed = 1001 + uint64_t(i);
    c.cycles = 10000;
    c.p = params(tag_choices[r.below(12)], r.bernoulli(0.25) ? 0 : 1 + r.below(400));
    c.p.port = int(r.below(256));
    c.p.req_cls = int(r.below(8));
    c.req_rate = 0.2 + 0.8 * r.uniform();
    c.net_ready = 0.3 + 0.7 * r.uniform();
    c.min_delay = 1 + r.below(10);
    c.max_delay = c.min_delay + r.below(400);
    c.drop = c.p.timeout ? 0.1 * r.uniform() : 0.0;  // without a timeout a lost response leaks its tag
    c.bad = 0.05 * r.uniform();
    c.rsp_gap = 0.3 * r.uniform();
    c.late = r.uniform();
    return c;
  });
  REQUIRE(t.compared >= 120000);
}

// =============================================================================
// The checkers can fail
// =============================================================================

TEST_CASE("LS checker: a model that reuses an outstanding tag is caught by the lockstep comparator") {
  ls_lockstep_cfg c;
  c.seed = 5;
  c.cycles = 5000;
  c.p = params(16, 200);
  c.fault = ls_fault::reuse_tag;
  c.fault_cycle = 500;
  const auto r = ls_lockstep_run(c);
  INFO(r.first_mismatch);
  REQUIRE(r.mismatches > 0);
  REQUIRE(r.first_mismatch_cycle > 500);
}

TEST_CASE("LS checker: a model that drops responses is caught by the lockstep comparator") {
  ls_lockstep_cfg c;
  c.seed = 6;
  c.cycles = 5000;
  c.p = params(16, 200);
  c.drop = 0;
  c.fault = ls_fault::drop_rsp;
  c.fault_cycle = 800;
  const auto r = ls_lockstep_run(c);
  INFO(r.first_mismatch);
  REQUIRE(r.mismatches > 0);
  REQUIRE(r.first_mismatch_cycle > 800);
}

TEST_CASE("LS checker: the RTL assertion fires on a stray response, and both count it") {
  ls_lockstep_cfg c;
  c.seed = 7;
  c.cycles = 4000;
  c.p = params(12, 100);  // 4 index bits: indices 12..15 do not exist
  c.stray = 0.002;
  const auto r = ls_lockstep_run(c);
  INFO(r.first_mismatch);
  REQUIRE(r.mismatches == 0);  // stray responses are part of the boundary: identical behaviour
  REQUIRE(r.stat.stray > 0);
  REQUIRE(r.assertion_failures > 0);
  // (a tag of an issued index with another generation is stale: no assertion)
  REQUIRE(r.assertion_failures <= r.stat.stray);
}
