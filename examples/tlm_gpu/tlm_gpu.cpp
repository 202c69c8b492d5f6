// A user's own SystemC model driving the pod through the LS port's TLM-2.0
// socket (docs/ls_port.md "TLM-2.0"): a toy "GPU" on endpoint 0 issues
// stores, loads and atomics to other accelerators' memory, blocking
// (b_transport) and approximately timed (nb_transport), checks every answer,
// and a toy memory model of the user's serves endpoint 7's memory through
// the LS port's initiator socket. The other endpoints run the built-in
// traffic generators meanwhile.
//
//   build/examples/tlm_gpu_example sim-configs/default.yaml [--set key=value ...]
//
// Exit status: 0 when every check of the GPU and of the pod passed.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "sb_config.h"
#include "sb_pod_bench.h"
#include "sb_run_schema.h"

namespace {

int failures = 0;
void check(bool ok, const std::string& what) {
  std::printf("  %-4s %s\n", ok ? "ok" : "FAIL", what.c_str());
  if (!ok) ++failures;
}

// The user's memory: a byte array behind a TLM target socket. The pod moves
// data through the debug transport when the request is served.
struct toy_memory : sc_core::sc_module {
  tlm_utils::simple_target_socket<toy_memory> socket{"socket"};
  std::map<uint64_t, uint8_t> bytes;
  uint64_t accesses = 0;
  explicit toy_memory(const sc_core::sc_module_name& n) : sc_core::sc_module(n) {
    socket.register_transport_dbg(this, &toy_memory::dbg);
  }
  unsigned dbg(tlm::tlm_generic_payload& t) {
    ++accesses;
    for (unsigned i = 0; i < t.get_data_length(); ++i) {
      const unsigned char* be = t.get_byte_enable_ptr();
      if (be && be[i % t.get_byte_enable_length()] == TLM_BYTE_DISABLED) continue;  // a partial write
      if (t.is_read())
        t.get_data_ptr()[i] = bytes.count(t.get_address() + i) ? bytes[t.get_address() + i] : 0;
      else
        bytes[t.get_address() + i] = t.get_data_ptr()[i];
    }
    return t.get_data_length();
  }
};

struct toy_gpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<toy_gpu> socket{"socket"};
  toy_memory* user_mem = nullptr;
  bool finished = false;
  sc_core::sc_event end_req, begin_resp;
  int responses = 0;  // BEGIN_RESPs received

  explicit toy_gpu(const sc_core::sc_module_name& n) : sc_core::sc_module(n) {
    socket.register_nb_transport_bw(this, &toy_gpu::nb_bw);
    SC_HAS_PROCESS(toy_gpu);
    SC_THREAD(run);
  }

  tlm::tlm_sync_enum nb_bw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph, sc_core::sc_time&) {
    if (ph == tlm::END_REQ) {
      end_req.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_ACCEPTED;
    }
    if (ph == tlm::BEGIN_RESP) {
      ++responses;
      begin_resp.notify(sc_core::SC_ZERO_TIME);
      return tlm::TLM_COMPLETED;  // END_RESP implied
    }
    return tlm::TLM_ACCEPTED;
  }

  // Blocking access; returns the response status and the round trip in ns.
  tlm::tlm_response_status access(tlm::tlm_command cmd, uint64_t addr, uint8_t* data, unsigned len, double* ns,
                                  bool atomic = false, unsigned width = 0) {
    tlm::tlm_generic_payload t;
    sb::ls_atomic_ext ext;
    t.set_command(cmd);
    t.set_address(addr);
    t.set_data_ptr(data);
    t.set_data_length(len);
    t.set_streaming_width(width ? width : len);
    if (atomic) t.set_extension(&ext);
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    const sc_core::sc_time t0 = sc_core::sc_time_stamp();
    socket->b_transport(t, d);
    if (ns) *ns = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e9;
    if (atomic) t.clear_extension(&ext);
    return t.get_response_status();
  }

  void run() {
    using sb::ls_tlm_address;
    std::printf("toy GPU on endpoint 0:\n");
    // 1. Store 256 B to accelerator 5, load it back.
    std::vector<uint8_t> w(256), r(256, 0);
    for (int i = 0; i < 256; ++i) w[size_t(i)] = uint8_t(i * 7 + 3);
    double ns_w = 0, ns_r = 0;
    check(access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(5, 0x1000), w.data(), 256, &ns_w) == tlm::TLM_OK_RESPONSE,
          "store 256 B to endpoint 5 (b_transport)");
    check(access(tlm::TLM_READ_COMMAND, ls_tlm_address(5, 0x1000), r.data(), 256, &ns_r) == tlm::TLM_OK_RESPONSE &&
              r == w,
          "load 256 B back from endpoint 5: the stored bytes");
    std::printf("       round trips: store %.1f ns, load %.1f ns\n", ns_w, ns_r);
    check(ns_r > 0 && ns_r < 1000.0, "load round trip under 1 us");
    // 2. Atomic fetch-add twice on endpoint 3.
    uint64_t v = 5, old1 = 0, old2 = 0;
    std::memcpy(&old1, &v, 8);
    access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(3, 0x40), reinterpret_cast<uint8_t*>(&old1), 8, nullptr, true);
    old2 = 5;
    access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(3, 0x40), reinterpret_cast<uint8_t*>(&old2), 8, nullptr, true);
    check(old1 == 0 && old2 == 5, "atomic fetch-add +5 twice on endpoint 3 returns 0, then 5");
    // 3. Approximately timed: 8 loads of 64 B from endpoint 5, pipelined.
    std::vector<tlm::tlm_generic_payload> ts(8);
    std::vector<std::vector<uint8_t>> bufs(8, std::vector<uint8_t>(64, 0));
    bool at_ok = true;
    for (int i = 0; i < 8; ++i) {
      tlm::tlm_generic_payload& t = ts[size_t(i)];
      t.set_command(tlm::TLM_READ_COMMAND);
      t.set_address(ls_tlm_address(5, 0x1000 + 64 * uint64_t(i % 4)));
      t.set_data_ptr(bufs[size_t(i)].data());
      t.set_data_length(64);
      t.set_streaming_width(64);
      tlm::tlm_phase ph = tlm::BEGIN_REQ;
      sc_core::sc_time d = sc_core::SC_ZERO_TIME;
      at_ok = at_ok && socket->nb_transport_fw(t, ph, d) == tlm::TLM_ACCEPTED;
      wait(end_req);  // the LS port took it (a tag): the next request may go
    }
    const sc_core::sc_time limit = sc_core::sc_time_stamp() + sc_core::sc_time(10, sc_core::SC_US);
    while (responses < 8 && sc_core::sc_time_stamp() < limit) wait(begin_resp | end_req);
    for (int i = 0; i < 8; ++i)
      at_ok = at_ok && ts[size_t(i)].is_response_ok() &&
              std::memcmp(bufs[size_t(i)].data(), w.data() + 64 * (i % 4), 64) == 0;
    check(at_ok && responses == 8, "8 pipelined loads through nb_transport (BEGIN_REQ/END_REQ/BEGIN_RESP), data intact");
    // 4. Bad requests are refused with the TLM error status, nothing sent.
    uint8_t b[256] = {};
    check(access(tlm::TLM_READ_COMMAND, ls_tlm_address(5, uint64_t(1) << 38), b, 64, nullptr) ==
              tlm::TLM_ADDRESS_ERROR_RESPONSE,
          "offset beyond an endpoint's memory: TLM_ADDRESS_ERROR_RESPONSE");
    check(access(tlm::TLM_READ_COMMAND, ls_tlm_address(5, 0x1000), b, 100, nullptr, false, 4) ==
              tlm::TLM_BURST_ERROR_RESPONSE,
          "streaming width 4 for 100 bytes: TLM_BURST_ERROR_RESPONSE");
    // Any length at any alignment: the port splits it into the fabric's requests.
    std::vector<uint8_t> odd(100), back(100, 0);
    for (int i = 0; i < 100; ++i) odd[size_t(i)] = uint8_t(0x30 + i);
    access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(5, 0x2003), odd.data(), 100, nullptr);
    check(access(tlm::TLM_READ_COMMAND, ls_tlm_address(5, 0x2003), back.data(), 100, nullptr) ==
                  tlm::TLM_OK_RESPONSE && back == odd,
          "100 bytes at offset 0x2003 stored and loaded back");
    check(access(tlm::TLM_READ_COMMAND, ls_tlm_address(200, 0), b, 64, nullptr) == tlm::TLM_ADDRESS_ERROR_RESPONSE,
          "endpoint 200 (no such endpoint): TLM_ADDRESS_ERROR_RESPONSE");
    // 5. Endpoint 7's memory is the user's toy memory.
    std::vector<uint8_t> w7(128, 0xA5), r7(128, 0);
    access(tlm::TLM_WRITE_COMMAND, ls_tlm_address(7, 0x200), w7.data(), 128, nullptr);
    access(tlm::TLM_READ_COMMAND, ls_tlm_address(7, 0x200), r7.data(), 128, nullptr);
    check(r7 == w7 && user_mem->bytes.size() == 128 && user_mem->bytes[0x200] == 0xA5,
          "store/load to endpoint 7 served by the user's memory model (mem_socket)");
    finished = true;
  }
};

}  // namespace

int sc_main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tlm_gpu_example CONFIG.yaml [--set key=value ...]\n";
    return 2;
  }
  std::vector<std::string> sets;
  for (int i = 2; i + 1 < argc; i += 2)
    if (std::string(argv[i]) == "--set") sets.push_back(argv[i + 1]);
  sb::pod_bench_config cfg;
  try {
    const sb::config c = sb::load_config(argv[1], sets, sb::run_schema());
    if (c.get_string("system") != "pod") throw sb::config_error(argv[1], "system", "must be pod for this example");
    cfg = sb::to_pod_bench_config(c);
  } catch (const std::exception& e) {
    std::cerr << "tlm_gpu_example: error: " << e.what() << "\n";
    return 2;
  }
  sb::sb_pod pod("pod", cfg);
  toy_gpu gpu("gpu");
  toy_memory mem("user_mem");
  gpu.user_mem = &mem;
  gpu.socket.bind(pod.port(0).socket);
  pod.port(7).mem_socket.bind(mem.socket);
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const nlohmann::json r = pod.result(wall);
  check(gpu.finished, "the GPU finished its sequence before the pod stopped (else raise run.cycles)");
  check(r["verdict"] == "pass", "the pod's verdict (lossless, drained, budget) is pass: " + r["verdict"].get<std::string>());
  std::printf("pod: %llu transactions answered, load-store round trip p99.9 %.1f ns; %d check(s) failed\n",
              (unsigned long long)r["checks"]["lossless"]["delivered"].get<uint64_t>(),
              double(r["latency"]["load_store_rtt"]["p999"]), failures);
  return failures ? 1 : 0;
}
