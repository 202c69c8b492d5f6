// Cycle-accurate load-store (LS) port engines, in plain C++ so that unit
// tests, the TLM-2.0 SystemC module (sb_ls_port.h) and the pod bench share
// one implementation (docs/ls_port.md).
//
// ls_initiator_core is the accelerator-facing requester: tag allocation and
// the outstanding table, the request packetizer, the response matcher and the
// timeout. rtl/ls_port/sb_ls_port.sv implements exactly this boundary and is
// compared with it every cycle in lockstep.
//
// ls_target_core is the completer: it takes request packets from the network,
// serves them from a memory model (fixed access latency, a bandwidth in
// flits/cycle) and emits response packets. It is bench-side (model only).
//
// Packet formats (64 B flits; every flit of a packet carries the header's
// src, dst, cls, ptype, len and tag):
//   request  header: ptype RD_REQ/WR_REQ/AT_REQ (op + 1), len = 1 (read),
//                    1 + size (write), 2 + size (partial write), 2 (atomic);
//                    seq = size; sig = addr
//            mask (partial write only, after the header): seq = 0,
//                    sig = ls_mask_sig(skip_first, skip_last)
//            data i: seq = i, sig = wdata + i (write) or wdata (atomic operand)
//   response header: ptype RD_RSP/WR_RSP/AT_RSP (op + 4), len = 1 + size (read),
//                    1 (write), 2 (atomic); seq = size; sig = addr
//            data i: seq = i, sig = the data (read: memory line addr + i;
//                    atomic: the old value)
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "sb_types.h"

namespace sb {

enum class ls_op : uint8_t { read = 0, write = 1, atomic = 2 };
enum class ls_status : uint8_t { ok = 0, timeout = 1, error = 2 };

inline ptype_e ls_req_ptype(int op) { return ptype_e(op + 1); }
inline ptype_e ls_rsp_ptype(int op) { return ptype_e(op + 4); }
inline int ls_req_len(int op, int size) { return op == 0 ? 1 : op == 1 ? 1 + size : 2; }
// A partial write (a skip bit set: not every byte of its lines is written)
// carries one mask flit after its header (docs/ls_port.md "Byte masks").
inline bool ls_req_masked(const ls_req_t& r) { return r.op == 1 && (r.skip_first != 0 || r.skip_last != 0); }
inline int ls_req_len(const ls_req_t& r) { return ls_req_len(r.op, r.size) + (ls_req_masked(r) ? 1 : 0); }
// The mask flit's sig: a 32-bit signature of the 128 mask bits (as a data
// flit's sig stands for its 64 bytes): skip_first's halves XOR skip_last's
// halves, each half of skip_last rotated by 16.
inline uint32_t ls_mask_sig(const ls_req_t& r) {
  auto rot16 = [](uint32_t x) { return (x << 16) | (x >> 16); };
  return uint32_t(r.skip_first) ^ uint32_t(r.skip_first >> 32) ^ rot16(uint32_t(r.skip_last)) ^
         rot16(uint32_t(r.skip_last >> 32));
}
inline int ls_rsp_len(int op, int size) { return op == 0 ? 1 + size : op == 1 ? 1 : 2; }

// Tags carry a generation (issue 13): a tag is {generation, index}. The index
// (the outstanding-table entry) is the low bits of the 12-bit tag field,
// as many as max_tags needs (ls_tag_index_mask); the generation is the rest
// and counts the reuses of that entry (wrapping), so that a response that
// arrives after its transaction timed out and its entry was reused does not
// match the new transaction: it is counted stale and dropped. The first
// issue of each entry has generation 0 (tag == index). With max_tags > 2048
// there are no generation bits; with 256 there are 4 (16 reuses).
constexpr uint16_t kLsTagMask = 0xFFF;  // flit_t.tag is TagW = 12 bits
inline uint16_t ls_tag_index_mask(int max_tags) {
  uint32_t m = max_tags > 1 ? uint32_t(max_tags - 1) : 0u;
  m |= m >> 1;
  m |= m >> 2;
  m |= m >> 4;
  m |= m >> 8;
  return uint16_t(m & kLsTagMask);
}
inline int ls_tag_index(uint16_t tag, int max_tags) { return tag & ls_tag_index_mask(max_tags); }
// The tag entry `idx` issues next: its last tag's generation + 1, or generation 0 on its first use.
inline uint16_t ls_next_tag(int idx, uint16_t last, bool used, int max_tags) {
  const uint16_t m = ls_tag_index_mask(max_tags);
  if (!used) return uint16_t(idx);
  return uint16_t(((uint32_t(last | m) + 1u) & ~uint32_t(m) & kLsTagMask) | uint32_t(idx));
}

struct ls_params {
  int port = 0;              // this endpoint
  int max_tags = 64;         // outstanding limit, 1..4096 (the RTL build has MaxTags)
  uint32_t timeout = 0;      // cycles; 0 = never
  int req_cls = 0;           // class of request packets
  std::string validate() const;  // "" when valid, else the reason naming the field
  ls_cfg_t cfg() const;
};

// TEST ONLY fault hooks (active from fault_cycle on):
//   reuse_tag:   allocation hands out tag 0 even when it is outstanding
//   drop_rsp:    the response matcher ignores responses (everything times out)
enum class ls_fault { none, reuse_tag, drop_rsp };

// Cycle semantics, per rising edge (inputs are sampled, outputs registered):
//  1. Response matcher: rsp_i with sop looks its tag's index up in the
//     outstanding table; it matches when the entry is outstanding with
//     exactly this tag (index and generation). A response that does not
//     match is ignored to its eop and counted: stale when its index is below
//     max_tags and the entry has been issued before (a late response of a
//     transaction that timed out, possibly with the entry reused), else
//     stray. At eop a matching transaction completes: status OK, or ERROR when
//     the response's ptype is not op + 4 or its src is not the request's dst;
//     the tag is freed and cpl_o reports it.
//  2. Timeout: when no response completes at this edge, the lowest
//     outstanding tag with age >= timeout (timeout != 0) completes with
//     status TIMEOUT and is freed (a response for it already in progress
//     is then ignored to its eop).
//  3. Every outstanding tag that stays outstanding ages by one (saturating).
//  4. Packetizer: when the net_o slot is free (net_o invalid, or net_ready_i),
//     it takes the next flit of the current packet, else the header of the
//     pending request, else the header of a request accepted at this edge,
//     else it empties.
//  5. Acceptance: req_i.valid && req_ready_o takes the lowest free entry below
//     max_tags (age 0) and its next tag (ls_next_tag: generation + 1 when
//     the entry was issued before); the request goes straight to net_o
//     (step 4) or waits in the one-entry pending register. acc_o reports
//     the tag; cpl_o reports the full tag too.
// req_ready_o = outstanding < max_tags && no pending request (registers only).
class ls_initiator_core {
 public:
  explicit ls_initiator_core(const ls_params& p);

  // Inputs, written before an edge.
  ls_req_t req_i{};
  bool net_ready_i = true;
  flit_t rsp_i{};

  bool req_ready_o() const { return stat_.outstanding < uint32_t(p_.max_tags) && !pend_valid_; }
  const ls_acc_t& acc_o() const { return acc_o_; }
  const flit_t& net_o() const { return net_o_; }
  const ls_cpl_t& cpl_o() const { return cpl_o_; }
  const ls_stat_t& stat_o() const { return stat_; }

  void reset();
  void step();
  uint64_t cycle() const { return cycle_; }
  void inject_fault(ls_fault f, uint64_t at_cycle) {
    fault_ = f;
    fault_cycle_ = at_cycle;
  }
  const std::vector<std::string>& violations() const { return violations_; }
  const ls_params& params() const { return p_; }
  // Introspection for tests.
  // (by index: ls_tag_index(tag, max_tags))
  bool outstanding(int idx) const { return tbl_[size_t(idx)].valid; }
  uint32_t age(int idx) const { return age_of(tbl_[size_t(idx)]); }
  uint16_t last_tag(int idx) const { return tbl_[size_t(idx)].tag; }
  bool ever_used(int idx) const { return used_[size_t(idx)] != 0; }
  int tags_ever_used() const;

 private:
  struct entry {
    bool valid = false;
    uint8_t op = 0;
    uint16_t dst = 0;
    uint64_t born = 0;  // the edge that issued it: its age is cycle_ - born - 1, saturating at 2^24 - 1
    uint16_t tag = 0;  // the full tag last issued from this entry
  };
  struct pkt {
    ls_req_t req{};
    uint16_t tag = 0;
  };
  bool faulty(ls_fault f) const { return fault_ == f && cycle_ >= fault_cycle_; }
  // (ages are kept as issue times: the ageing of step 3 costs nothing per tag)
  uint32_t age_of(const entry& e) const {
    const uint64_t a = cycle_ - e.born - 1;
    return a < 0xFFFFFFu ? uint32_t(a) : 0xFFFFFFu;
  }
  flit_t header(const pkt& q) const;
  flit_t data(const pkt& q, int i) const;
  void violation(const std::string& what);

  ls_params p_;
  std::vector<entry> tbl_;
  std::vector<uint8_t> used_;
  // packetizer
  pkt cur_{}, pend_{};
  bool pend_valid_ = false;
  int rem_ = 0, next_idx_ = 0;
  // response matcher
  bool in_rsp_ = false, rsp_hit_ = false, rsp_err_ = false;
  uint16_t rsp_tag_ = 0;
  // registered outputs
  flit_t net_o_{};
  ls_acc_t acc_o_{};
  ls_cpl_t cpl_o_{};
  ls_stat_t stat_{};
  uint64_t cycle_ = 0;
  uint64_t oldest_born_ = UINT64_MAX;  // at most the oldest outstanding entry's born (UINT64_MAX: none)
  ls_fault fault_ = ls_fault::none;
  uint64_t fault_cycle_ = 0;
  std::vector<std::string> violations_;
};

struct ls_target_params {
  int port = 0;
  int rsp_cls = 1;            // class of response packets
  uint32_t latency = 100;     // cycles from the request's last flit to its response's header
  double bandwidth = 1.0;     // requests started per cycle (<= 1; a fraction spaces them)
  std::string validate() const;
};

// Memory + response packetizer. Requests are served in arrival order (so two
// requests to one address from one source stay ordered); each response
// becomes ready `latency` cycles after its request's last flit arrived.
class ls_target_core {
 public:
  explicit ls_target_core(const ls_target_params& p);
  // Inputs: one request flit per cycle at most; net_ready_i as for the initiator.
  flit_t req_i{};
  bool net_ready_i = true;
  const flit_t& net_o() const { return net_o_; }
  void step();
  uint64_t cycle() const { return cycle_; }
  // A request whose packet is complete and whose memory access is done
  // (the memory state changes at that cycle). Hook for the bench: the
  // timestamp when the access happened, per (src, tag).
  struct served { uint16_t src; uint16_t tag; uint64_t arrived, accessed; };
  const std::vector<served>& served_last_edge() const { return served_; }
  uint32_t read_line(uint32_t addr) const;
  void write_line(uint32_t addr, uint32_t v) { mem_[addr] = v; }
  size_t queued() const { return waiting_.size() + ready_.size() + (net_o_.valid ? 1 : 0) + size_t(rem_); }
  uint64_t requests_served() const { return requests_; }
  const std::vector<std::string>& violations() const { return violations_; }
  // Forwarding: when set, served requests are handed to this callback
  // instead of the built-in memory (a user's TLM memory behind the LS port's
  // initiator socket); it returns the read data / old value per data flit.
  using access_fn = std::vector<uint32_t> (*)(void* ctx, int op, uint32_t addr, int size, uint32_t wdata);
  void set_forward(access_fn fn, void* ctx) { fwd_ = fn; fwd_ctx_ = ctx; }
  // TEST ONLY: once, from cycle `at` on, serve two requests of one source out
  // of arrival order (the first request waits until the next one of its
  // source has arrived, which is served first; the target stalls meanwhile).
  void inject_reorder(uint64_t at) { reorder_at_ = at; reorder_armed_ = true; }

 private:
  struct req {
    uint16_t src = 0;
    uint8_t op = 0, size = 0;
    uint16_t tag = 0;
    uint32_t addr = 0, wdata = 0, mask_sig = 0;
    bool masked = false;  // a partial write whose mask flit has not arrived yet
    uint64_t arrived = 0, ready_at = 0;
    std::vector<uint32_t> rdata;
  };
  void violation(const std::string& what);
  ls_target_params p_;
  std::unordered_map<uint32_t, uint32_t> mem_;
  req asm_{};
  bool in_req_ = false;
  int got_ = 0;
  std::deque<req> waiting_;   // arrived, waiting for the memory
  std::deque<req> ready_;     // accessed, waiting for the response packetizer
  double bw_acc_ = 0;
  uint64_t next_start_ = 0;
  req cur_{};
  int rem_ = 0, idx_ = 0;
  flit_t net_o_{};
  uint64_t cycle_ = 0, requests_ = 0;
  std::vector<served> served_;
  access_fn fwd_ = nullptr;
  void* fwd_ctx_ = nullptr;
  bool reorder_armed_ = false;
  uint64_t reorder_at_ = 0;
  std::vector<std::string> violations_;
};

// Memory contents of a line never written: a fixed function of the endpoint
// and the address, so that reads of fresh memory are checkable too.
inline uint32_t ls_initial_line(int port, uint32_t addr) {
  uint32_t x = addr * 0x9E3779B1u ^ (uint32_t(port) * 0x85EBCA77u) ^ 0xC2B2AE3Du;
  x ^= x >> 15;
  x *= 0x2C1B3C6Du;
  x ^= x >> 12;
  return x;
}

}  // namespace sb
