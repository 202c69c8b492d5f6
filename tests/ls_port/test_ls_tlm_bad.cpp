// The LS port's TLM-2.0 front (docs/ls_port.md "TLM-2.0"), continued: a
// store with byte enables through the LS port RTL in lockstep changes only
// the enabled bytes at the target; refused requests send nothing; DMI is
// denied; the debug transport reads and writes the target's memory in zero
// time.
#include <catch2/catch.hpp>

#include <cstring>
#include <functional>

#include <tlm_utils/simple_initiator_socket.h>

#include "sb_tlm_test_util.h"

using namespace sc_core;
using sb::ls_tlm_address;

namespace {

// A plain initiator whose thread runs a test body.
struct body_initiator : sc_module {
  tlm_utils::simple_initiator_socket<body_initiator> socket{"socket"};
  std::function<void(body_initiator&)> body;
  bool finished = false;
  explicit body_initiator(const sc_module_name& n) : sc_module(n) {
    socket.register_nb_transport_bw(this, &body_initiator::nb_bw);
    SC_HAS_PROCESS(body_initiator);
    SC_THREAD(main);
  }
  tlm::tlm_sync_enum nb_bw(tlm::tlm_generic_payload&, tlm::tlm_phase&, sc_time&) { return tlm::TLM_ACCEPTED; }
  void main() {
    body(*this);
    finished = true;
  }
  tlm::tlm_response_status b(tlm::tlm_command cmd, uint64_t a, uint8_t* d, unsigned n, unsigned char* be = nullptr,
                             unsigned be_len = 0, unsigned width = 0, sb::ls_atomic_ext* ext = nullptr) {
    tlm::tlm_generic_payload t;
    sbt::set_payload(t, cmd, a, d, n, be, be_len);
    if (width) t.set_streaming_width(width);
    if (ext) t.set_extension(ext);
    sc_time z = SC_ZERO_TIME;
    socket->b_transport(t, z);
    if (ext) t.clear_extension(ext);
    return t.get_response_status();
  }
  unsigned dbg(tlm::tlm_command cmd, uint64_t a, uint8_t* d, unsigned n, unsigned char* be = nullptr,
               unsigned be_len = 0) {
    tlm::tlm_generic_payload t;
    sbt::set_payload(t, cmd, a, d, n, be, be_len);
    return socket->transport_dbg(t);
  }
};

void run_pod(sb::sb_pod& pod, body_initiator& ini, bool lockstep) {
  sc_start();
  const nlohmann::json r = pod.result(0.0);
  INFO(r["checks"].dump());
  REQUIRE(ini.finished);
  REQUIRE(r["verdict"] == "pass");
  REQUIRE(r["checks"]["lossless"]["lost"] == 0);
  if (lockstep) REQUIRE(r["checks"]["cosim"]["pass"] == true);
}

}  // namespace

TEST_CASE("LS TLM: a store with byte enables changes only the enabled bytes at the target - RTL lockstep") {
  sbt::tlm_bench<body_initiator> tb(sbt::pod_config("lockstep", 20000));
  sb::sb_pod& pod = tb.pod;
  auto& ini = tb.ini;
  auto& mem = tb.mem;
  std::vector<uint8_t> got[2], before(200, 0x11);
  ini.body = [&](body_initiator& g) {
    for (int k = 0; k < 2; ++k) {
      const int ep = k ? 3 : 2;  // the built-in memory, the user's memory
      REQUIRE(g.b(tlm::TLM_WRITE_COMMAND, ls_tlm_address(ep, 0x600), before.data(), 200) == tlm::TLM_OK_RESPONSE);
      std::vector<uint8_t> w(150, 0xAA);
      unsigned char be[5] = {0xFF, 0, 0, 0xFF, 0};  // repeats every 5 bytes
      REQUIRE(g.b(tlm::TLM_WRITE_COMMAND, ls_tlm_address(ep, 0x601), w.data(), 150, be, 5) == tlm::TLM_OK_RESPONSE);
      got[k].assign(200, 0);
      REQUIRE(g.b(tlm::TLM_READ_COMMAND, ls_tlm_address(ep, 0x600), got[k].data(), 200) == tlm::TLM_OK_RESPONSE);
    }
  };
  run_pod(pod, ini, true);
  for (int k = 0; k < 2; ++k)
    for (unsigned i = 0; i < 200; ++i) {
      const bool en = i >= 1 && i < 151 && ((i - 1) % 5 == 0 || (i - 1) % 5 == 3);
      INFO("endpoint " << (k ? 3 : 2) << " byte " << i);
      REQUIRE(got[k][i] == (en ? 0xAA : 0x11));
      if (k) REQUIRE(mem.bytes[0x600 + i] == (en ? 0xAA : 0x11));
    }
  REQUIRE(mem.partial_writes > 0);
}

TEST_CASE("LS TLM: bad requests are refused and send nothing - streaming width, address, byte enables, command") {
  sbt::tlm_bench<body_initiator> tb(sbt::pod_config("model", 20000));
  sb::sb_pod& pod = tb.pod;
  auto& ini = tb.ini;
  ini.body = [&](body_initiator& g) {
    uint8_t d[256] = {};
    unsigned char be0[1] = {0xFF};
    sb::ls_atomic_ext ext;
    using tlm::TLM_READ_COMMAND;
    using tlm::TLM_WRITE_COMMAND;
    const uint64_t a = ls_tlm_address(1, 0x1000);
    CHECK(g.b(TLM_READ_COMMAND, a, d, 64, nullptr, 0, 4) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(g.b(TLM_WRITE_COMMAND, a, d, 100, nullptr, 0, 128) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(g.b(TLM_READ_COMMAND, a, d, 0) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(g.b(TLM_READ_COMMAND, ls_tlm_address(4, 0), d, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);  // 4 endpoints
    CHECK(g.b(TLM_READ_COMMAND, ls_tlm_address(1, uint64_t(1) << 38), d, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(g.b(TLM_READ_COMMAND, ls_tlm_address(1, (uint64_t(1) << 38) - 10), d, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(g.b(TLM_READ_COMMAND, a | (uint64_t(1) << 50), d, 64) == tlm::TLM_ADDRESS_ERROR_RESPONSE);
    CHECK(g.b(TLM_WRITE_COMMAND, a + 4, d, 8, nullptr, 0, 0, &ext) == tlm::TLM_ADDRESS_ERROR_RESPONSE);  // atomic
    CHECK(g.b(TLM_WRITE_COMMAND, a, d, 16, nullptr, 0, 0, &ext) == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(g.b(TLM_WRITE_COMMAND, a, d, 8, be0, 1, 0, &ext) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    CHECK(g.b(TLM_WRITE_COMMAND, a, d, 64, be0, 0) == tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    CHECK(g.b(tlm::TLM_IGNORE_COMMAND, a, d, 64) == tlm::TLM_COMMAND_ERROR_RESPONSE);
    // Approximately timed: refused at once (TLM_COMPLETED, BEGIN_RESP).
    tlm::tlm_generic_payload t;
    sbt::set_payload(t, TLM_READ_COMMAND, a, d, 64);
    t.set_streaming_width(8);
    tlm::tlm_phase ph = tlm::BEGIN_REQ;
    sc_time z = SC_ZERO_TIME;
    CHECK(g.socket->nb_transport_fw(t, ph, z) == tlm::TLM_COMPLETED);
    CHECK(ph == tlm::BEGIN_RESP);
    CHECK(t.get_response_status() == tlm::TLM_BURST_ERROR_RESPONSE);
    CHECK(pod.port(0).parts() == 0);  // nothing entered the fabric
    CHECK(pod.port(0).transactions() == 0);
    CHECK(sc_time_stamp() == SC_ZERO_TIME);
  };
  run_pod(pod, ini, false);
}

TEST_CASE("LS TLM: DMI is denied for the whole address space and the debug transport reads and writes the target memory") {
  sbt::tlm_bench<body_initiator> tb(sbt::pod_config("model", 20000));
  sb::sb_pod& pod = tb.pod;
  auto& ini = tb.ini;
  auto& mem = tb.mem;
  ini.body = [&](body_initiator& g) {
    tlm::tlm_generic_payload t;
    tlm::tlm_dmi dmi;
    uint8_t d[8] = {};
    sbt::set_payload(t, tlm::TLM_READ_COMMAND, ls_tlm_address(1, 0), d, 8);
    CHECK_FALSE(g.socket->get_direct_mem_ptr(t, dmi));
    CHECK(dmi.get_dmi_ptr() == nullptr);
    CHECK(dmi.get_start_address() == 0);
    CHECK(dmi.get_end_address() == ~uint64_t(0));
    CHECK(dmi.get_granted_access() == tlm::tlm_dmi::DMI_ACCESS_NONE);
    // Debug writes land in the target's memory in zero time; loads see them.
    for (int ep : {2, 3}) {
      std::vector<uint8_t> w(100), r(100, 0), back(100, 0);
      for (unsigned i = 0; i < 100; ++i) w[i] = uint8_t(3 * i + ep);
      const sc_time t0 = sc_time_stamp();
      CHECK(g.dbg(tlm::TLM_WRITE_COMMAND, ls_tlm_address(ep, 0x303), w.data(), 100) == 100);
      CHECK(g.dbg(tlm::TLM_READ_COMMAND, ls_tlm_address(ep, 0x303), r.data(), 100) == 100);
      CHECK(r == w);
      unsigned char be[2] = {0, 0xFF};  // odd bytes only
      std::vector<uint8_t> z(100, 0);
      CHECK(g.dbg(tlm::TLM_WRITE_COMMAND, ls_tlm_address(ep, 0x303), z.data(), 100, be, 2) == 100);
      CHECK(sc_time_stamp() == t0);  // zero time
      CHECK(g.b(tlm::TLM_READ_COMMAND, ls_tlm_address(ep, 0x303), back.data(), 100) == tlm::TLM_OK_RESPONSE);
      for (unsigned i = 0; i < 100; ++i) CHECK(back[i] == (i % 2 ? 0 : w[i]));
    }
    CHECK(mem.bytes.size() == 100);  // endpoint 3's debug accesses reached the user's memory
    CHECK(g.dbg(tlm::TLM_READ_COMMAND, ls_tlm_address(9, 0), d, 8) == 0);  // no such endpoint
  };
  run_pod(pod, ini, false);
}
