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
// bits [37:0] the byte offset in its memory.
// Accepted (docs/ls_port.md "TLM-2.0"): reads and writes of any length from
// 1 byte at any alignment, with or without byte enables (the standard's
// repetition rule when byte_enable_length < data length). The port splits a
// transaction into the fabric's requests (parts: lines of 64 B, at most 4,
// never crossing a 256-B block; a write's lines between its first and last
// are written whole, so a partially enabled line inside a run starts a new
// part; lines with no enabled byte are not sent) and answers it when every
// part has completed (any part's failure fails it). A write's first and
// last line masks travel in ls_req_t.skip_first/skip_last and, on the wire,
// in a mask flit (sb_ls_core.h). An atomic fetch-add is a TLM_WRITE_COMMAND
// of 8 B at an 8-B aligned address carrying an ls_atomic_ext extension: the
// 8 bytes are the operand, and on completion the old value replaces them.
// Response status: TLM_OK_RESPONSE; TLM_ADDRESS_ERROR_RESPONSE (no such
// endpoint, beyond bit 37 of the offset, a misaligned atomic);
// TLM_BURST_ERROR_RESPONSE (length 0, streaming width other than the length,
// no data pointer, an atomic not of 8 B); TLM_BYTE_ENABLE_ERROR_RESPONSE
// (byte_enable_length 0, byte enables on an atomic); TLM_COMMAND_ERROR_RESPONSE
// (TLM_IGNORE_COMMAND); TLM_GENERIC_ERROR_RESPONSE for a transaction one of
// whose parts the pod timed out (lost) or answered with an ERROR completion.
// A refused transaction sends nothing into the fabric.
//
// Protocols: blocking (b_transport waits the annotated delay, then returns
// when the response is back) and approximately timed, 2- and 4-phase
// (nb_transport_fw BEGIN_REQ: eligible at sc_time_stamp() + delay; END_REQ
// on the backward path when the LS port has taken its last part; BEGIN_RESP
// when every part is back, one at a time: the next waits for END_RESP or
// TLM_COMPLETED, the response exclusion rule). No DMI (get_direct_mem_ptr
// denies it for the whole address space); transport_dbg reads and writes the
// target endpoint's memory in zero time.
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
  void read(int ep, uint64_t off, uint8_t* dst, unsigned n) const;
  // be: n enables (0 = keep the byte), or null (every byte).
  void write(int ep, uint64_t off, const uint8_t* src, unsigned n, const uint8_t* be = nullptr);

 private:
  std::unordered_map<uint64_t, line> lines_;  // key: endpoint << 40 | line
};

class sb_ls_tlm_port : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket_optional<sb_ls_tlm_port> socket;
  tlm_utils::simple_initiator_socket_optional<sb_ls_tlm_port> mem_socket;

  sb_ls_tlm_port(const sc_core::sc_module_name& name, int endpoint, int ports);
  // Every endpoint's port and the built-in memory (for transport_dbg on socket).
  void attach(const std::vector<sb_ls_tlm_port*>& ports, ls_func_memory* mem);

  // --- the pod's side ---
  // True when a user initiator is bound to `socket` (decided at elaboration).
  bool driven() const { return driven_; }
  bool serves_memory() const { return mem_bound_; }
  // The front part may go now (its transaction's time has come).
  bool has_request() const { return !waiting_.empty() && waiting_.front().x->issued <= sc_core::sc_time_stamp(); }
  bool queued() const { return !waiting_.empty(); }
  const ls_req_t& request() const { return waiting_.front().req; }
  uint64_t request_time_cycle(double cycle_ns) const;
  // The LS port took the front part and gave it `tag`.
  void accepted(uint16_t tag);
  // The target endpoint's memory serves the part `tag` now.
  void serve(uint16_t tag, sb_ls_tlm_port* target_port, ls_func_memory& mem, int target);
  // The part completed (or timed out).
  void completed(uint16_t tag, ls_status st);
  uint64_t transactions() const { return done_; }
  uint64_t parts() const { return parts_; }  // fabric requests taken by the LS port
  // This endpoint's memory (mem_socket's debug transport, else `mem`), in
  // zero time; be: n enables or null. Returns the bytes accessed.
  unsigned mem_access(bool write, uint64_t off, uint8_t* data, unsigned n, const uint8_t* be, ls_func_memory& mem);

 protected:
  void end_of_elaboration() override;

 private:
  struct txn {
    tlm::tlm_generic_payload* trans = nullptr;
    bool at = false, atomic = false, failed = false, finished = false;
    int dst = 0;
    uint64_t off = 0;  // the byte offset of data[0] in the target's memory
    int parts = 0, taken = 0, left = 0;
    sc_core::sc_time issued;
    sc_core::sc_event done;
  };
  struct part {
    txn* x = nullptr;
    ls_req_t req{};
    unsigned lo = 0, hi = 0;  // the bytes of the transaction's data it carries
  };
  void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay);
  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& t, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(tlm::tlm_generic_payload& t);
  // Checks t into x; sets the error status and returns false when t is not a valid request.
  bool decode(tlm::tlm_generic_payload& t, txn& x);
  void split(txn& x);  // the parts of x, onto waiting_
  void push_part(txn& x, uint64_t s, uint64_t e, uint64_t ms, uint64_t me);
  void func_access(const part& p, sb_ls_tlm_port* target_port, ls_func_memory& mem);
  void finish(txn& x);
  void send_responses();
  void send_responses_after_delay();  // (SC_METHOD on rsp_ev_)
  void release(txn* x);

  int endpoint_, ports_;
  bool driven_ = false, mem_bound_ = false;
  std::vector<sb_ls_tlm_port*> peers_;
  ls_func_memory* mem_ = nullptr;
  std::deque<part> waiting_;  // not yet taken by the LS port, in order
  std::unordered_map<uint16_t, part> by_tag_;
  std::unordered_map<const txn*, std::unique_ptr<txn>> pool_;  // AT transactions (b_transport's live on the caller's stack)
  std::deque<txn*> rsp_q_;      // AT transactions complete, BEGIN_RESP not sent yet
  txn* rsp_busy_ = nullptr;     // BEGIN_RESP sent, END_RESP awaited
  bool rsp_wait_ = false;       // an END_RESP's annotated delay runs
  sc_core::sc_event rsp_ev_;
  uint64_t done_ = 0, parts_ = 0;
};

}  // namespace sb
