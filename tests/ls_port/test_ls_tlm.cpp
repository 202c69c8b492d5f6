// The LS port's TLM-2.0 front inside a 4-endpoint pod (docs/ls_port.md
// "TLM-2.0"), driven by initiators written the way other teams write them:
// an LT one (simple_initiator_socket, b_transport with annotated delays) and
// an AT 4-phase one (peq_with_get, several transactions in flight, byte
// enables). Each checks what it reads against a reference byte model, and
// the pod's own verdict (scoreboard, drain, lockstep) must pass. One process
// per test case (SystemC elaborates once).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>

#include <tlm_utils/peq_with_get.h>
#include <tlm_utils/simple_initiator_socket.h>

#include "sb_rng.h"
#include "sb_tlm_test_util.h"

using namespace sc_core;
using sb::ls_tlm_address;

namespace {

// Runs the pod (the initiators are already bound) and returns its report fragment.
nlohmann::json run(sb::sb_pod& pod) {
  sc_start();
  return pod.result(0.0);
}

void require_pod_pass(const nlohmann::json& r) {
  INFO(r["checks"].dump());
  REQUIRE(r["verdict"] == "pass");
  REQUIRE(r["checks"]["lossless"]["lost"] == 0);
  REQUIRE(r["checks"]["lossless"]["in_flight"] == 0);
}

// (a) Loosely timed: register-like 4- and 8-byte accesses, unaligned odd-length
// bursts up to 4 KiB + 1, a fetch-add, each with an annotated delay.
struct lt_initiator : sc_module {
  tlm_utils::simple_initiator_socket<lt_initiator> socket{"socket"};
  sbt::ref_memory ref;
  std::vector<std::string> errors;
  bool finished = false;
  uint64_t accesses = 0, bytes_checked = 0;
  double rtt_ns[3] = {};  // round trip less the annotated delay: registers, bursts < 1 KiB, 4 KiB
  int rtt_n[3] = {};
  sb::rng r{7, 1};

  explicit lt_initiator(const sc_module_name& n) : sc_module(n) {
    SC_HAS_PROCESS(lt_initiator);
    SC_THREAD(main);
  }
  void fail(const std::string& what) {
    if (errors.size() < 20) errors.push_back(what + " at " + sc_time_stamp().to_string());
  }
  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t a, uint8_t* d, unsigned n, double delay_ns,
                                  sb::ls_atomic_ext* ext = nullptr) {
    tlm::tlm_generic_payload t;
    sbt::set_payload(t, cmd, a, d, n);
    if (ext) t.set_extension(ext);
    sc_time delay(delay_ns, SC_NS);
    const sc_time t0 = sc_time_stamp();
    socket->b_transport(t, delay);
    if (sc_time_stamp() + delay < t0 + sc_time(delay_ns, SC_NS)) fail("completion before issue + delay");
    const int kind = n <= 8 ? 0 : n < 1024 ? 1 : 2;  // register, burst, 4 KiB
    rtt_ns[kind] += (sc_time_stamp() - t0).to_seconds() * 1e9 - delay_ns;
    ++rtt_n[kind];
    if (ext) t.clear_extension(ext);
    ++accesses;
    return t.get_response_status();
  }
  void write(uint64_t a, std::vector<uint8_t> d, double delay_ns) {
    if (access(tlm::TLM_WRITE_COMMAND, a, d.data(), unsigned(d.size()), delay_ns) != tlm::TLM_OK_RESPONSE)
      fail("write not OK");
    ref.write(a, d.data(), unsigned(d.size()));
  }
  void check_read(uint64_t a, unsigned n, double delay_ns) {
    std::vector<uint8_t> d(n, 0xEE), want(n, 0xEE);
    if (access(tlm::TLM_READ_COMMAND, a, d.data(), n, delay_ns) != tlm::TLM_OK_RESPONSE) fail("read not OK");
    ref.expect(a, want);
    if (d != want) fail("read of " + std::to_string(n) + " B at " + std::to_string(a) + " differs from the reference");
    bytes_checked += n;
  }
  std::vector<uint8_t> random_bytes(unsigned n) {
    std::vector<uint8_t> d(n);
    for (auto& b : d) b = uint8_t(r.next());
    return d;
  }
  void main() {
    // Registers: 4- and 8-byte writes, then reads, on endpoints 2 and 3 (3: the user's memory).
    for (int ep : {2, 3})
      for (unsigned i = 0; i < 8; ++i) {
        write(ls_tlm_address(ep, 0x100 + 4 * i), random_bytes(4), 3.0 * i);
        write(ls_tlm_address(ep, 0x200 + 8 * i), random_bytes(8), 5.0);
      }
    for (int ep : {2, 3})
      for (unsigned i = 0; i < 8; ++i) {
        check_read(ls_tlm_address(ep, 0x100 + 4 * i), 4, 7.0);
        check_read(ls_tlm_address(ep, 0x200 + 8 * i), 8, 0.0);
      }
    // Unaligned odd-length bursts, overlapping, then read back in other pieces.
    for (int k = 0; k < 16; ++k) {
      const int ep = 1 + int(r.below(3));
      const unsigned n = 1 + 2 * unsigned(r.below(300));
      write(ls_tlm_address(ep, 0x1000 + r.below(900)), random_bytes(n), double(r.below(40)));
      check_read(ls_tlm_address(ep, 0x1000 + r.below(900)), 1 + 2 * unsigned(r.below(300)), double(r.below(40)));
    }
    write(ls_tlm_address(1, 0x8003), random_bytes(4097), 12.5);  // 4 KiB + 1 at offset 3: 17 parts
    check_read(ls_tlm_address(1, 0x8001), 4101, 0.0);
    check_read(ls_tlm_address(2, 0x20000), 77, 0.0);  // never written: zeros
    // Fetch-add at an 8-B aligned offset inside a line.
    uint64_t v = 0;
    sb::ls_atomic_ext ext;
    for (int rep = 0; rep < 2; ++rep) {
      v = 9;
      if (access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(2, 0x48), reinterpret_cast<uint8_t*>(&v), 8, 2.0, &ext) !=
              tlm::TLM_OK_RESPONSE ||
          v != uint64_t(9 * rep))
        fail("fetch-add returned " + std::to_string(v));
    }
    const uint64_t sum = 18;
    ref.write(ls_tlm_address(2, 0x48), reinterpret_cast<const uint8_t*>(&sum), 8);
    check_read(ls_tlm_address(2, 0x40), 64, 0.0);
    finished = true;
    std::printf("lt_initiator: %llu accesses, done at %s; mean round trip: registers %.1f ns, bursts %.1f ns, "
                "4 KiB %.1f ns\n",
                (unsigned long long)accesses, sc_time_stamp().to_string().c_str(), rtt_ns[0] / rtt_n[0],
                rtt_ns[1] / rtt_n[1], rtt_ns[2] / rtt_n[2]);
  }
};

void lt_test(const std::string& impl) {
  sbt::tlm_bench<lt_initiator> tb(sbt::pod_config(impl));
  sb::sb_pod& pod = tb.pod;
  auto& ini = tb.ini;
  auto& mem = tb.mem;
  const nlohmann::json res = run(pod);
  INFO(ini.errors.size() << " errors; first: " << (ini.errors.empty() ? "" : ini.errors.front()));
  REQUIRE(ini.finished);
  REQUIRE(ini.errors.empty());
  REQUIRE(ini.bytes_checked > 5000);
  REQUIRE(pod.port(0).parts() > pod.port(0).transactions());  // bursts were split
  REQUIRE(mem.accesses > 0);
  require_pod_pass(res);
  if (impl == "lockstep") REQUIRE(res["checks"]["cosim"]["pass"] == true);
}

}  // namespace

TEST_CASE("LS TLM: LT initiator - register accesses, odd unaligned bursts, fetch-adds, delays honoured - model") {
  lt_test("model");
}

TEST_CASE("LS TLM: LT initiator - register accesses, odd unaligned bursts, fetch-adds, delays honoured - RTL lockstep") {
  lt_test("lockstep");
}
