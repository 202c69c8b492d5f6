// Shared by the TLM-2.0 front's tests (test_ls_tlm.cpp): the pod under test,
// a reference byte model, a user's memory model and the byte-enable rule.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "sb_config.h"
#include "sb_pod_bench.h"
#include "sb_run_schema.h"

namespace sbt {

// A 4-endpoint pod from sim-configs/default.yaml; ls_impl: model | lockstep | rtl.
// run.cycles: the initiator must be done by then (the pod stops when they have passed and it drained).
inline sb::pod_bench_config pod_config(const std::string& ls_impl, int cycles = 100000) {
  const std::vector<std::string> sets = {"switch.ports=4", "impl.xbar=model", "impl.ls_port=" + ls_impl,
                                         "traffic.load=0.3", "run.cycles=" + std::to_string(cycles),
                                         "run.warmup_cycles=2000"};
  const sb::config c = sb::load_config(std::string(SB_SOURCE_DIR) + "/sim-configs/default.yaml", sets, sb::run_schema());
  return sb::to_pod_bench_config(c);
}

// Byte i of a payload's data is enabled (TLM-2.0: the pattern repeats every byte_enable_length).
inline bool enabled(const unsigned char* be, unsigned be_len, unsigned i) {
  return be == nullptr || be[i % be_len] != TLM_BYTE_DISABLED;
}

// What every endpoint's memory should hold (never written: 0), by TLM address.
struct ref_memory {
  std::map<uint64_t, uint8_t> bytes;
  uint8_t get(uint64_t a) const {
    auto it = bytes.find(a);
    return it == bytes.end() ? 0 : it->second;
  }
  void write(uint64_t a, const uint8_t* d, unsigned n, const unsigned char* be = nullptr, unsigned be_len = 0) {
    for (unsigned i = 0; i < n; ++i)
      if (enabled(be, be_len, i)) bytes[a + i] = d[i];
  }
  // The bytes a read should return (disabled ones keep what `d` held).
  void expect(uint64_t a, std::vector<uint8_t>& d, const unsigned char* be = nullptr, unsigned be_len = 0) const {
    for (unsigned i = 0; i < d.size(); ++i)
      if (enabled(be, be_len, i)) d[i] = get(a + i);
  }
};

// A user's memory behind an LS port's mem_socket: bytes by offset, byte enables honoured.
struct user_memory : sc_core::sc_module {
  tlm_utils::simple_target_socket<user_memory> socket{"socket"};
  std::map<uint64_t, uint8_t> bytes;
  uint64_t accesses = 0, partial_writes = 0;
  explicit user_memory(const sc_core::sc_module_name& n) : sc_core::sc_module(n) {
    socket.register_transport_dbg(this, &user_memory::dbg);
  }
  unsigned dbg(tlm::tlm_generic_payload& t) {
    ++accesses;
    const unsigned char* be = t.get_byte_enable_ptr();
    if (be && t.is_write()) ++partial_writes;
    for (unsigned i = 0; i < t.get_data_length(); ++i) {
      if (!enabled(be, t.get_byte_enable_length(), i)) continue;
      const uint64_t a = t.get_address() + i;
      if (t.is_read())
        t.get_data_ptr()[i] = bytes.count(a) ? bytes[a] : 0;
      else
        bytes[a] = t.get_data_ptr()[i];
    }
    return t.get_data_length();
  }
};

// The pod with initiator `Ini` on endpoint 0 and a user's memory serving endpoint 3.
template <class Ini>
struct tlm_bench {
  sb::sb_pod pod;
  Ini ini{"ini"};
  user_memory mem{"user_mem"};
  explicit tlm_bench(const sb::pod_bench_config& cfg) : pod("pod", cfg) {
    ini.socket.bind(pod.port(0).socket);
    pod.port(3).mem_socket.bind(mem.socket);
  }
};

// Fills a payload (no byte enables unless given).
inline void set_payload(tlm::tlm_generic_payload& t, tlm::tlm_command cmd, uint64_t addr, uint8_t* data, unsigned len,
                        unsigned char* be = nullptr, unsigned be_len = 0) {
  t.set_command(cmd);
  t.set_address(addr);
  t.set_data_ptr(data);
  t.set_data_length(len);
  t.set_streaming_width(len);
  t.set_byte_enable_ptr(be);
  t.set_byte_enable_length(be_len);
  t.set_dmi_allowed(false);
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

}  // namespace sbt
