// The pod's end-to-end transaction scoreboard (docs/pod.md "Checks"): every
// transaction an initiator accepted is answered exactly once, with the data
// the target's memory held for its source (a shadow per source of what it
// wrote), served in issue order per (source, target) with one plane, per
// (source, target, address) with several (the pod's promise: requests of
// one source to one address are served in issue order); timestamps at every
// boundary give the round trip and its breakdown. It also observes the
// switch models' internal boundaries (one switch_probe per plane).
// Transactions are kept per initiator engine: endpoint e's link to plane k
// (each has its own tags).
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
  uint8_t op = 0, size = 0;
  uint16_t dst = 0;
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

class pod_scoreboard;

// The switch model of plane k's internal boundaries, to the scoreboard.
class plane_probe : public switch_probe {
 public:
  plane_probe(pod_scoreboard* sb, int k) : sb_(sb), k_(k) {}
  void llr_delivered(int, const flit_t& f) override;
  void xbar_in(int, const flit_t& f) override;
  void xbar_out(int, const flit_t& f) override;
  void llr_accepted(int, const flit_t& f) override;

 private:
  pod_scoreboard* sb_;
  int k_;
};

class pod_scoreboard {
 public:
  pod_scoreboard(int endpoints, int planes, int tags, const pod_timing& t);
  // Heterogeneous endpoints: endpoint e's initiators have tags[e] tags (the
  // index bits of its tags, ls_tag_index_mask) and e is in group group_of[e]
  // of `groups` (per group: the round trips as initiator and as target).
  void set_groups(const std::vector<int>& tags, const std::vector<int>& group_of, int groups);

  uint64_t now = 0;  // the cycle being evaluated (stamps)
  // The initiator of endpoint e's link k accepted the request offered at the last edge.
  pod_txn* accept(int e, int k, const ls_gen_req& g, uint16_t tag, uint64_t cyc, bool external);
  // That initiator completed a tag (response or timeout); returns the record (null on an error).
  const pod_txn* complete(int e, int k, const ls_cpl_t& c, uint64_t cyc);
  // A response flit delivered to the initiator of e's link k.
  void response_flit(int e, int k, const flit_t& f, uint64_t cyc);
  // A request flit delivered on plane k to its target.
  void request_flit(int k, const flit_t& f, uint64_t cyc);
  void response_ready(int k, const flit_t& f, uint64_t cyc) { stamp(k, f, r_rdy, r_rdy, cyc); }
  // The target of e on plane k served request (src, tag) at the last edge; null if it is not live.
  const pod_txn* served(int e, int k, int src, uint16_t tag);
  void stamp(int k, const flit_t& f, int req_ts, int rsp_ts, uint64_t cyc);
  void error(const std::string& what);
  void progress(uint64_t cyc) { last_progress = cyc; }
  switch_probe* probe(int k) { return &probes_[size_t(k)]; }
  bool switch_observed = false;  // the models' probes are on (else switch-internal stamps are absent)

  bool pass() const;
  nlohmann::json lossless_json(bool drained) const;
  nlohmann::json latency_json() const;
  uint64_t in_flight() const;
  uint64_t live(int e) const { return live_[size_t(e)]; }
  const latency_stats& rtt() const { return rtt_; }
  const latency_stats& traversal() const { return sw_; }
  const latency_stats& rtt_of(int e) const { return rtt_ep_[size_t(e)]; }
  int planes() const { return k_; }
  // Per group: transactions its endpoints issued and had answered, the round
  // trip of those (as initiator: generated to answered) and of the requests
  // it served (as target: accepted by their initiator to answered, so that
  // the queueing at each source is left out).
  struct group_stats {
    uint64_t issued = 0, answered = 0;
    latency_stats as_initiator, as_target;
  };
  const std::vector<group_stats>& groups() const { return groups_; }

  uint64_t injected = 0, answered = 0, lost = 0, timeouts = 0, duplicated = 0, reordered = 0, corrupted = 0,
           errors = 0, lossless_drops = 0;
  // Late: a response (stale_responses) or a request served (late_requests)
  // of a transaction that had already timed out (counted lost). Neither is
  // an answer of another transaction; neither fails the run by itself.
  uint64_t stale_responses = 0, late_requests = 0;
  // TEST ONLY (fault.pod=late_response): held response packets released and
  // not yet seen at their initiator (the drain waits for them).
  uint64_t late_in_network = 0;
  void late_released(int k, int initiator, uint16_t tag) {
    ++late_in_network;
    held_key_ = late_key(ini(initiator, k), tag);
  }
  uint64_t ops[3] = {}, offered_flits = 0, last_progress = 0, tags_max_in_use = 0;
  // Data flits of the answered transactions (the energy model's payload, docs/energy.md "Payload"):
  // a read's response data, a write's request data, an atomic's operand flit.
  uint64_t payload_flits = 0;
  std::vector<uint8_t> pair_hit;
  std::string first_error;

 private:
  // The initiator engine of endpoint e's link to plane k.
  int ini(int e, int k) const { return e * k_ + k; }
  // The live transaction of initiator engine i with exactly this tag (index and generation).
  pod_txn* live_txn(int i, uint16_t tag) {
    if (i >= n_ * k_) return nullptr;
    const int idx = ls_tag_index(tag, tags_of(i / k_));
    if (idx >= tags_of(i / k_)) return nullptr;
    pod_txn& x = txns_[size_t(i) * tags_ + size_t(idx)];
    return x.live && x.tag == tag ? &x : nullptr;
  }
  pod_txn* req_txn(int k, const flit_t& f) { return f.src < n_ ? live_txn(ini(f.src, k), f.tag) : nullptr; }
  pod_txn* rsp_txn(int k, const flit_t& f) { return f.dst < n_ ? live_txn(ini(f.dst, k), f.tag) : nullptr; }
  // The serve-order check of one request (per stream with one plane, per address with several).
  void check_order(int e, int src, const pod_txn& t);
  static uint64_t late_key(int e, uint16_t tag) { return (uint64_t(e) << 16) | tag; }
  uint32_t shadow(int src, int dst, uint32_t addr) const;
  bool measured(const pod_txn& x) const { return x.t[t_gen] >= t_.warmup && x.t[t_gen] < t_.cycles; }
  void record_latency(const pod_txn& x);

  int tags_of(int e) const { return tags_ep_.empty() ? tags_ : tags_ep_[size_t(e)]; }
  int n_, k_, tags_;
  std::vector<int> tags_ep_, group_of_;  // heterogeneous: per endpoint (empty: tags_, group 0)
  std::vector<group_stats> groups_;
  pod_timing t_;
  std::vector<plane_probe> probes_;
  // Several planes: per (source, target, address) the next issue and serve numbers (kept while in use).
  struct addr_order {
    uint64_t issue = 0, serve = 0;
  };
  std::unordered_map<uint64_t, addr_order> addr_order_;
  std::vector<latency_stats> rtt_ep_;  // per source endpoint
  std::vector<pod_txn> txns_;
  // Transactions that timed out, by (initiator, full tag): what arrives for them later is late.
  std::unordered_map<uint64_t, pod_txn> timed_out_;
  uint64_t held_key_ = UINT64_MAX;  // the late_response packet in the network
  std::vector<std::unordered_map<uint64_t, uint32_t>> shadow_;
  std::vector<uint64_t> issue_order_, serve_order_, live_;
  latency_stats rtt_, sw_, bd_ep_, bd_link_, bd_llr_, bd_queue_, bd_xbar_, bd_pipe_, bd_mem_;
};

}  // namespace sb
