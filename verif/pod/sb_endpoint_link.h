// One link of an endpoint (docs/pod.md), the link to switch plane k: the
// LS port's initiator and target engines for that link, flow control both
// ways and an LLR end. Sending: the initiator's requests (class 0) and the
// target's responses (class 1) wait in a queue per class; the flow-control
// sender grants a class (strict priority) when the switch's ingress has room
// (PFC: not paused; CBFC: credits); the granted flit passes a two-flit skid
// into the LLR end. Receiving: the LLR end delivers into the flow-control
// receiver's buffer (rx_buffer), drained at endpoint.rx_flits_per_cycle,
// requests to the target, responses to the initiator; its pauses or credits
// go back to the switch's egress. The endpoint (sb_endpoint.h) owns one of
// these per plane and decides which link's initiator takes each request.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sb_ls_core.h"
#include "sb_ls_port.h"
#include "sb_ls_traffic.h"
#include "sb_pod_blocks.h"
#include "sb_pod_scoreboard.h"
#include "sb_port_link.h"

namespace sb {

struct pod_bench_config;
class collective_engine;

// The memory of an endpoint with several links: one for all its links'
// targets (with one plane the target keeps its own, as before; a
// collective's ranks always use it: the engine sees its atomics, the flags).
struct ep_memory {
  int port = 0;
  std::unordered_map<uint32_t, uint32_t> lines;
  collective_engine* coll = nullptr;
  static std::vector<uint32_t> access(void* ctx, int op, uint32_t addr, int size, uint32_t wdata);
};

class endpoint_link {
 public:
  // mem: the endpoint's memory shared by its links' targets (null with one
  // plane: the target keeps its own).
  endpoint_link(int e, int k, const pod_bench_config& cfg, lockstep_ctx* ctx, pod_scoreboard* sb, sb_ls_tlm_port* port,
                ls_func_memory* tlm_mem, std::vector<sb_ls_tlm_port*>* ports, ep_memory* shared_mem);
  // Reads the blocks' registered outputs and sets every input for the edge
  // except the initiator's request (offer() and finish() do that).
  void wire(uint64_t k, bool ext);
  // The initiator can take a request at this edge.
  bool can_offer() const { return !offered_valid_ && ini_->p.req_ready_o; }
  void offer(const ls_gen_req& g);
  void finish();
  void step();  // the edge
  llr_end_block& llr() { return *llr_; }
  const llr_end_block& llr() const { return *llr_; }
  fc_tx_block& tx() { return *tx_; }
  fc_rx_block& rx() { return *rx_; }
  const fc_tx_block& tx() const { return *tx_; }
  const fc_rx_block& rx() const { return *rx_; }
  ls_block& initiator() { return *ini_; }
  const ls_block& initiator() const { return *ini_; }
  ls_target_core& target() { return tgt_; }
  far_fc_out fc_out() const { return {rx_->p.pause_o, rx_->p.credit_o, tx_->p.cc_o}; }
  // The adaptive selector's signal: request flits waiting at this link's
  // sender plus the transactions its initiator has outstanding (registered
  // state of the last edge).
  uint64_t backlog() const {
    return epq_[0].size() + skid_.size() + (offered_valid_ ? 1 : 0) + ini_->p.stat_o.outstanding;
  }
  bool offered() const { return offered_valid_ != 0; }
  bool empty() const;  // nothing queued anywhere in the link
  void collect_violations(std::vector<std::string>& out) const;
  uint64_t assertion_failures() const;
  // (dst, addr) of the transactions the initiator completed at the last edge.
  const std::vector<std::pair<int, uint32_t>>& completed() const { return completed_; }
  uint64_t delivered_flits = 0, delivered_window = 0;

 private:
  void initiator_events(uint64_t k, bool ext);
  void target_out(uint64_t k);
  void sender();
  void llr_up(uint64_t k);
  void receive(uint64_t k, flit_t& to_tgt, flit_t& to_ini);
  // The tag the TLM port knows a transaction of this link by (unique across the links).
  uint16_t tlm_tag(uint16_t tag) const { return uint16_t(tag | (k_ << 12)); }
  int e_, k_;
  const pod_bench_config& cfg_;
  pod_scoreboard* sb_;
  sb_ls_tlm_port* port_;
  ls_func_memory* mem_;
  std::vector<sb_ls_tlm_port*>* ports_;
  std::unique_ptr<ls_block> ini_;
  ls_target_core tgt_;
  std::unique_ptr<fc_tx_block> tx_;
  std::unique_ptr<fc_rx_block> rx_;
  std::unique_ptr<llr_end_block> llr_;
  rx_buffer rxq_;
  std::array<std::deque<flit_t>, 2> epq_;
  std::deque<flit_t> skid_;
  ls_gen_req offered_{};
  uint8_t offered_valid_ = 0;
  bool ext_ = false, ini_take_ = false;
  flit_t to_ini_{};
  ls_req_t req_{};
  std::vector<std::pair<int, uint32_t>> completed_;
  // fault late_response: the held response packet and when it goes
  std::deque<flit_t> held_;
  bool late_armed_ = false, late_capturing_ = false, tgt_in_pkt_ = false;
  uint64_t late_release_ = UINT64_MAX;
  // endpoint.class_scheduler=rr: the sender's packet boundaries and the last packet's class
  bool tx_in_pkt_ = false, rr_masked_ = false, rr_failed_ = false;
  int last_cls_ = 0;
};

}  // namespace sb
