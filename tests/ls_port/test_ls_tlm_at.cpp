// The LS port's TLM-2.0 front (docs/ls_port.md "TLM-2.0"), continued: an
// AT 4-phase initiator with several transactions in flight and byte
// enables; a partial store through the LS port RTL in lockstep; refused
// requests, DMI denial and the debug transport.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>

#include <tlm_utils/peq_with_get.h>
#include <tlm_utils/simple_initiator_socket.h>

#include "sb_rng.h"
#include "sb_tlm_test_util.h"

using namespace sc_core;
using sb::ls_tlm_address;

namespace {

void require_pod_pass(const nlohmann::json& r, bool lockstep) {
  INFO(r["checks"].dump());
  REQUIRE(r["verdict"] == "pass");
  REQUIRE(r["checks"]["lossless"]["lost"] == 0);
  REQUIRE(r["checks"]["lossless"]["in_flight"] == 0);
  if (lockstep) REQUIRE(r["checks"]["cosim"]["pass"] == true);
}

// (b) Approximately timed, 4-phase: up to 4 transactions in flight, the
// responses through a peq_with_get, END_RESP on the forward path.
struct at_initiator : sc_module {
  tlm_utils::simple_initiator_socket<at_initiator> socket{"socket"};
  tlm_utils::peq_with_get<tlm::tlm_generic_payload> peq{"peq"};
  struct job {
    tlm::tlm_generic_payload t;
    std::vector<uint8_t> data, want, be;
    sc_time eligible;
  };
  std::vector<std::unique_ptr<job>> jobs;
  std::map<tlm::tlm_generic_payload*, job*> by_t;
  sbt::ref_memory ref;
  std::vector<std::string> errors;
  int in_flight = 0, max_in_flight = 0, responses = 0, jobs_wanted = 60, resp_open = 0;
  bool req_busy = false, finished = false;
  sc_event ev;
  sb::rng r{11, 2}, r_rsp{11, 3};

  explicit at_initiator(const sc_module_name& n) : sc_module(n) {
    socket.register_nb_transport_bw(this, &at_initiator::nb_bw);
    SC_HAS_PROCESS(at_initiator);
    SC_THREAD(main);
    SC_THREAD(responder);
  }
  void fail(const std::string& what) {
    if (errors.size() < 20) errors.push_back(what + " at " + sc_time_stamp().to_string());
  }
  tlm::tlm_sync_enum nb_bw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph, sc_time& delay) {
    if (ph == tlm::END_REQ) {
      if (sc_time_stamp() + delay < by_t[&t]->eligible) fail("END_REQ before BEGIN_REQ's annotated time");
      req_busy = false;
      ev.notify(SC_ZERO_TIME);
    } else if (ph == tlm::BEGIN_RESP) {
      if (resp_open++ > 0) fail("BEGIN_RESP before the last one's END_RESP (response exclusion rule)");
      peq.notify(t, delay);
    } else {
      fail("unexpected phase on the backward path");
    }
    return tlm::TLM_ACCEPTED;
  }
  void check(job& j) {
    if (!j.t.is_response_ok()) fail("response not OK");
    if (j.t.is_read() && j.data != j.want) fail("read data differs from the reference");
    --in_flight;
    ++responses;
    ev.notify(SC_ZERO_TIME);
  }
  void responder() {
    for (;;) {
      wait(peq.get_event());
      while (tlm::tlm_generic_payload* t = peq.get_next_transaction()) {
        check(*by_t[t]);
        wait(sc_time(double(r_rsp.below(8)), SC_NS));  // the initiator takes its time to consume a response
        tlm::tlm_phase ph = tlm::END_RESP;
        sc_time d = SC_ZERO_TIME;
        --resp_open;
        if (socket->nb_transport_fw(*t, ph, d) != tlm::TLM_COMPLETED) fail("END_RESP not completed");
      }
    }
  }
  std::unique_ptr<job> make_job() {
    auto j = std::make_unique<job>();
    const bool read = r.below(2) == 0;
    const unsigned n = 1 + unsigned(r.below(300));
    const uint64_t a = ls_tlm_address(1 + int(r.below(3)), 0x400 + r.below(0x300));
    j->data.assign(n, 0xEE);
    if (!read)
      for (auto& b : j->data) b = uint8_t(r.next());
    if (r.below(3) != 0) {  // byte enables, often shorter than the data (the pattern repeats)
      j->be.resize(1 + r.below(r.below(2) ? 8 : n + 8));
      for (auto& b : j->be) b = r.below(3) ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
    }
    unsigned char* be = j->be.empty() ? nullptr : j->be.data();
    sbt::set_payload(j->t, read ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND, a, j->data.data(), n, be,
                     unsigned(j->be.size()));
    j->want = j->data;
    if (read) ref.expect(a, j->want, be, unsigned(j->be.size()));  // issue order is serve order per address
    else ref.write(a, j->data.data(), n, be, unsigned(j->be.size()));
    return j;
  }
  void main() {
    for (int k = 0; k < jobs_wanted; ++k) {
      while (req_busy || in_flight >= 4) wait(ev);
      jobs.push_back(make_job());
      job& j = *jobs.back();
      by_t[&j.t] = &j;
      sc_time d(double(r.below(30)), SC_NS);
      j.eligible = sc_time_stamp() + d;
      tlm::tlm_phase ph = tlm::BEGIN_REQ;
      ++in_flight;
      max_in_flight = std::max(max_in_flight, in_flight);
      const tlm::tlm_sync_enum s = socket->nb_transport_fw(j.t, ph, d);
      if (s == tlm::TLM_COMPLETED) check(j);  // every byte disabled: answered at once
      else if (s == tlm::TLM_ACCEPTED) req_busy = true;
      else fail("BEGIN_REQ neither accepted nor completed");
    }
    while (in_flight > 0) wait(ev);
    finished = true;
  }
};

void at_test(const std::string& impl) {
  sbt::tlm_bench<at_initiator> tb(sbt::pod_config(impl, 40000));
  sb::sb_pod& pod = tb.pod;
  auto& ini = tb.ini;
  auto& mem = tb.mem;
  sc_start();
  const nlohmann::json res = pod.result(0.0);
  INFO(ini.errors.size() << " errors; first: " << (ini.errors.empty() ? "" : ini.errors.front()));
  REQUIRE(ini.finished);
  REQUIRE(ini.errors.empty());
  REQUIRE(ini.responses == ini.jobs_wanted);
  REQUIRE(ini.max_in_flight == 4);
  REQUIRE(mem.partial_writes > 0);
  require_pod_pass(res, impl == "lockstep");
}

}  // namespace

TEST_CASE("LS TLM: AT 4-phase initiator - 4 in flight, byte enables, overlapping addresses - model") { at_test("model"); }

TEST_CASE("LS TLM: AT 4-phase initiator - 4 in flight, byte enables, overlapping addresses - RTL lockstep") {
  at_test("lockstep");
}
