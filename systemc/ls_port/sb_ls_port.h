// TLM-2.0 front of one endpoint's LS port (docs/ls_port.md "TLM-2.0"): a
// user's SystemC GPU or DMA model binds its initiator socket to `socket` and
// issues reads, writes and atomics to any endpoint's memory; a user's memory
// model may be bound to `mem_socket` to serve the requests that arrive at
// this endpoint. Both sockets are optional: an endpoint whose `socket` is
// not bound runs the built-in traffic generator instead.
//
// Timing and function are split, as in most performance models: the pod
// carries each transaction as flits (one 32-bit signature per 64-B flit) and
// times it cycle by cycle; the bytes move when the target's memory serves the
// request (at that simulated instant, so per-address order is the pod's),
// through `mem_socket`'s debug transport when bound, else in a built-in
// sparse memory.
//
// Address map: bits [47:40] of the TLM address select the target endpoint,
// bits [37:0] the byte offset in its memory (64-B aligned).
// Lengths: reads and writes 64, 128, 192 or 256 B; an atomic fetch-add is a
// TLM_WRITE_COMMAND of 8 B carrying an ls_atomic_ext extension: the 8 bytes
// are the operand, and on completion the old 8-byte value replaces them.
// Response status: TLM_OK_RESPONSE; TLM_ADDRESS_ERROR_RESPONSE (no such
// endpoint, misaligned); TLM_BURST_ERROR_RESPONSE (bad length or streaming
// width); TLM_BYTE_ENABLE_ERROR_RESPONSE (byte enables are not supported);
// TLM_GENERIC_ERROR_RESPONSE for a transaction the pod timed out (lost) or
// answered with an ERROR completion.
//
// Protocols: blocking (b_transport: returns when the response is back) and
// approximately timed (nb_transport_fw BEGIN_REQ -> END_REQ on the backward
// path when the LS port takes it and gives it a tag, BEGIN_RESP when the
// response is back; END_RESP or TLM_COMPLETED from the initiator). One
// request may wait for acceptance at a time (the AT request exclusion rule).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "sb_ls_core.h"

namespace sb {

// Marks a TLM write of 8 bytes as an atomic fetch-add.
struct ls_atomic_ext : tlm::tlm_extension<ls_atomic_ext> {
  tlm::tlm_extension_base* clone() const override { return new ls_atomic_ext(*this); }
  void copy_from(const tlm::tlm_extension_base&) override {}
};

constexpr int kLsEndpointShift = 40;
inline uint64_t ls_tlm_address(int endpoint, uint64_t byte_offset) {
  return (uint64_t(endpoint) << kLsEndpointShift) | byte_offset;
}

// The built-in functional memory of every endpoint (sparse, 64-B lines, zero when never written).
class ls_func_memory {
 public:
  using line = std::array<uint8_t, 64>;
  void read(int ep, uint64_t line_addr, uint8_t* dst) const;
  void write(int ep, uint64_t line_addr, const uint8_t* src);

 private:
  std::unordered_map<uint64_t, line> lines_;  // key: endpoint << 40 | line
};

class sb_ls_tlm_port : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket_optional<sb_ls_tlm_port> socket;
  tlm_utils::simple_initiator_socket_optional<sb_ls_tlm_port> mem_socket;

  sb_ls_tlm_port(const sc_core::sc_module_name& name, int endpoint, int ports);

  // --- the pod's side ---
  // True when a user initiator is bound to `socket` (decided at elaboration).
  bool driven() const { return driven_; }
  bool serves_memory() const { return mem_bound_; }
  bool has_request() const { return !waiting_.empty(); }
  const ls_req_t& request() const { return waiting_.front()->req; }
  uint64_t request_time_cycle(double cycle_ns) const;
  // The LS port took the front request and gave it `tag`.
  void accepted(uint16_t tag);
  // The target endpoint's memory serves the transaction `tag` now.
  void serve(uint16_t tag, sb_ls_tlm_port* target_port, ls_func_memory& mem, int target);
  // The transaction completed (or timed out).
  void completed(uint16_t tag, ls_status st);
  uint64_t transactions() const { return done_; }

 protected:
  void end_of_elaboration() override;

 private:
  struct entry {
    tlm::tlm_generic_payload* trans = nullptr;
    bool at = false;
    ls_req_t req{};
    sc_core::sc_time issued;
    sc_core::sc_event done;
    bool finished = false;
  };
  void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay);
  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph, sc_core::sc_time& delay);
  // Decodes t into e.req; sets the error status and returns false when t is not a valid request.
  bool decode(tlm::tlm_generic_payload& t, entry& e);
  void func_access(entry& e, sb_ls_tlm_port* target_port, ls_func_memory& mem, int target);

  int endpoint_, ports_;
  bool driven_ = false, mem_bound_ = false;
  std::deque<entry*> waiting_;                 // not yet taken by the LS port
  std::unordered_map<uint16_t, entry*> by_tag_;
  std::vector<std::unique_ptr<entry>> pool_;  // AT entries (b_transport ones live on the caller's stack)
  uint64_t done_ = 0;
};

}  // namespace sb
