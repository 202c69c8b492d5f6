// One endpoint of the pod (docs/pod.md): an accelerator with one link to
// each of the pod's K switch planes (sb_endpoint_link.h: an LS initiator and
// target engine, flow control and an LLR end per link), its request source
// (the built-in generators, one per link's worth of load, or a TLM-2.0
// initiator at port(e).socket) and the plane selector that hands each
// request to one link's initiator (endpoint.plane_select):
//   hash     a hash of (source, target, 256-B address block) over the live planes
//   spray    per request, round robin (or random) over the live planes
//   adaptive per request, the live plane with the least backlog (request
//            flits waiting at its sender + its initiator's outstanding
//            transactions, the registered state of the last edge: local and
//            one cycle old); ties go round robin
// The ordering promise (requests of one source to one address are served in
// issue order) holds under every policy because a request whose address
// block still has a transaction in flight goes to that transaction's plane
// (the same link, switch and target engine, each of which keeps order).
// Up to one request per link is issued per cycle, in order, except that a
// request bound to a plane that cannot take it (its address block has a
// transaction in flight there, e.g. on a plane that went down) is parked in
// that plane's queue, behind the earlier ones of its block, so that it does
// not block the endpoint; parked requests go first when their plane can
// take one. A request that cannot go to the plane its policy chose waits at
// the head (hash and spray: head-of-line blocking is what they cost). With
// one plane, and for a TLM initiator's requests, issue is in order.
// Live planes: the pod's link-health table (plane_health) marks a link dead
// a detection time after an LLR end of it entered the link-error state;
// selection skips a plane whose link at this endpoint or at the target is
// dead (all planes when none is live).
// Heterogeneous endpoints (endpoints.groups.<i>.links): every policy chooses
// only among the planes both the source and the target attach to (planes
// 0..min(links)-1); an endpoint's links to the other planes stay idle.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sb_endpoint_link.h"
#include "sb_rng.h"

namespace sb {

class plane_health;
class collective_engine;

class endpoint {
 public:
  endpoint(int e, const pod_bench_config& cfg, const std::vector<uint16_t>* perm, lockstep_ctx* ctx,
           pod_scoreboard* sb, sb_ls_tlm_port* port, ls_func_memory* mem, std::vector<sb_ls_tlm_port*>* ports,
           const plane_health* health);
  // Reads the blocks' registered outputs, sets their inputs for the edge
  // (new requests are generated up to cycle k when gen).
  void wire(uint64_t k, bool gen);
  void step();  // the edge
  int planes() const { return int(links_.size()); }
  endpoint_link& link(int k) { return *links_[size_t(k)]; }
  const endpoint_link& link(int k) const { return *links_[size_t(k)]; }
  bool driven() const { return port_ && port_->driven(); }
  // Transactions not yet handed to an initiator.
  uint64_t pending() const;
  bool empty() const;  // nothing queued anywhere in the endpoint
  void ring_grant(int n) {
    if (!gen_.empty()) gen_[0].ring_grant(n);  // (a target-only endpoint has no generator)
  }
  void collect_violations(std::vector<std::string>& out) const;
  uint64_t assertion_failures() const;
  uint64_t issued(int k) const { return issued_[size_t(k)]; }
  // workload.kind = collective: the engine is this endpoint's request source.
  void set_collective(collective_engine* c) { coll_ = c; }
  ep_memory& memory() { return mem_; }

 private:
  void generate(uint64_t k);
  void issue(bool ext);
  void issue_ext();
  void bind(const ls_req_t& r, int p);
  // The plane for a request, or -1 (it waits); choice: spray's draw for it, kept until it goes.
  int choose(const ls_req_t& r, int& choice);
  bool live(int k, int dst) const;
  int reach(int dst) const;
  int e_, k_count_;
  uint64_t now_ = 0;
  const pod_bench_config& cfg_;
  pod_scoreboard* sb_;
  sb_ls_tlm_port* port_;
  const plane_health* health_;
  ep_memory mem_;
  std::vector<std::unique_ptr<endpoint_link>> links_;
  std::vector<ls_traffic> gen_;  // one per link's worth of load (closed loop and ring: the first only)
  struct waiting {
    ls_gen_req g;
    int choice = -1;
  };
  std::deque<waiting> q_;  // generated, in order, not yet issued
  std::vector<std::deque<ls_gen_req>> parked_;  // per plane: requests bound to it, in order
  // The plane each address block with transactions in flight is bound to.
  struct binding {
    int plane = 0;
    uint32_t live = 0;
  };
  std::unordered_map<uint64_t, binding> bound_;
  int ext_choice_ = -1;  // spray: the plane drawn for the TLM port's front request
  int rr_ = 0;
  collective_engine* coll_ = nullptr;
  rng rng_;
  std::vector<uint64_t> issued_;
  std::vector<int> alive_;  // scratch
};

}  // namespace sb
