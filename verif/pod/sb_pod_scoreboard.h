// The pod's end-to-end transaction scoreboard (docs/pod.md "Checks"): every
// transaction an initiator accepted is answered exactly once, with the data
// the target's memory held for its source (a shadow per source of what it
// wrote), served in issue order per (source, target); timestamps at every
// boundary give the round trip and its breakdown. It also observes the
// switch model's internal boundaries (switch_probe).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "sb_ls_core.h"
#include "sb_ls_traffic.h"
#include "sb_stats.h"
#include "sb_switch_core.h"

namespace sb {

inline bool is_req(const flit_t& f) {
  return f.ptype == ptype_e::RD_REQ || f.ptype == ptype_e::WR_REQ || f.ptype == ptype_e::AT_REQ;
}

// Timestamps of one transaction: request packet, then response packet.
enum pod_ts : int { t_gen, t_acc, q_up, q_sw, q_xin, q_xout, q_eg, q_dst, q_last,
                    r_rdy, r_up, r_sw, r_xin, r_xout, r_eg, r_dst, t_done, kTs };

struct pod_txn {
  bool live = false, bad = false, external = false;
  uint8_t op = 0, dst = 0, size = 0;
  uint16_t tag = 0;    // the full tag {generation, index} the initiator issued
  int got = 0;
  uint32_t addr = 0;
  uint64_t order = 0;  // issue number per (source, target)
  std::array<uint32_t, 4> expect{};
  std::array<uint64_t, kTs> t{};
};

struct pod_timing {
  double cycle_ns = 1;
  uint64_t warmup = 0, cycles = 0;
  uint32_t link_fixed = 0;     // a header's best crossing of one link, cycles
  uint32_t switch_fixed = 0;   // the switch's fixed pipeline, cycles
};

class pod_scoreboard : public switch_probe {
 public:
  pod_scoreboard(int endpoints, int tags, const pod_timing& t);

  uint64_t now = 0;  // the cycle being evaluated (stamps)
  // The initiator of endpoint e accepted the request offered at the last edge.
  pod_txn* accept(int e, const ls_gen_req& g, uint16_t tag, uint64_t k, bool external);
  // The initiator of e completed a tag (response or timeout); returns the record (null on an error).
  const pod_txn* complete(int e, const ls_cpl_t& c, uint64_t k);
  // A response flit delivered to initiator e.
  void response_flit(int e, const flit_t& f, uint64_t k);
  // A request flit delivered to target e.
  void request_flit(const flit_t& f, uint64_t k);
  void response_ready(const flit_t& f, uint64_t k) { stamp(f, r_rdy, r_rdy, k); }
  // Target e served request (src, tag) at the last edge; false if it is not live.
  const pod_txn* served(int e, int src, uint16_t tag);
  void stamp(const flit_t& f, int req_ts, int rsp_ts, uint64_t k);
  void error(const std::string& what);
  void progress(uint64_t k) { last_progress = k; }

  // switch_probe: the switch model's internal boundaries.
  void llr_delivered(int, const flit_t& f) override { stamp(f, q_sw, r_sw, now); }
  void xbar_in(int, const flit_t& f) override { stamp(f, q_xin, r_xin, now); }
  void xbar_out(int, const flit_t& f) override { stamp(f, q_xout, r_xout, now); }
  void llr_accepted(int, const flit_t& f) override { stamp(f, q_eg, r_eg, now); }
  bool switch_observed = false;  // the model's probe is on (else switch-internal stamps are absent)

  bool pass() const;
  nlohmann::json lossless_json(bool drained) const;
  nlohmann::json latency_json() const;
  uint64_t in_flight() const;
  uint64_t live(int e) const { return live_[size_t(e)]; }
  const latency_stats& rtt() const { return rtt_; }
  const latency_stats& traversal() const { return sw_; }

  uint64_t injected = 0, answered = 0, lost = 0, timeouts = 0, duplicated = 0, reordered = 0, corrupted = 0,
           errors = 0, lossless_drops = 0;
  // Late: a response (stale_responses) or a request served (late_requests)
  // of a transaction that had already timed out (counted lost). Neither is
  // an answer of another transaction; neither fails the run by itself.
  uint64_t stale_responses = 0, late_requests = 0;
  // TEST ONLY (fault.pod=late_response): held response packets released and
  // not yet seen at their initiator (the drain waits for them).
  uint64_t late_in_network = 0;
  void late_released(int initiator, uint16_t tag) {
    ++late_in_network;
    held_key_ = late_key(initiator, tag);
  }
  uint64_t ops[3] = {}, offered_flits = 0, last_progress = 0, tags_max_in_use = 0;
  std::vector<uint8_t> pair_hit;
  std::string first_error;

 private:
  // The live transaction of initiator e with exactly this tag (index and generation).
  pod_txn* live_txn(int e, uint16_t tag) {
    const int idx = ls_tag_index(tag, tags_);
    if (e >= n_ || idx >= tags_) return nullptr;
    pod_txn& x = txns_[size_t(e) * tags_ + size_t(idx)];
    return x.live && x.tag == tag ? &x : nullptr;
  }
  pod_txn* req_txn(const flit_t& f) { return live_txn(f.src, f.tag); }
  pod_txn* rsp_txn(const flit_t& f) { return live_txn(f.dst, f.tag); }
  static uint64_t late_key(int e, uint16_t tag) { return (uint64_t(e) << 16) | tag; }
  uint32_t shadow(int src, int dst, uint32_t addr) const;
  bool measured(const pod_txn& x) const { return x.t[t_gen] >= t_.warmup && x.t[t_gen] < t_.cycles; }
  void record_latency(const pod_txn& x);

  int n_, tags_;
  pod_timing t_;
  std::vector<pod_txn> txns_;
  // Transactions that timed out, by (initiator, full tag): what arrives for them later is late.
  std::unordered_map<uint64_t, pod_txn> timed_out_;
  uint64_t held_key_ = UINT64_MAX;  // the late_response packet in the network
  std::vector<std::unordered_map<uint64_t, uint32_t>> shadow_;
  std::vector<uint64_t> issue_order_, serve_order_, live_;
  latency_stats rtt_, sw_, bd_ep_, bd_link_, bd_llr_, bd_queue_, bd_xbar_, bd_pipe_, bd_mem_;
};

}  // namespace sb
