// One endpoint of the pod (docs/pod.md): an accelerator's load-store port
// facing one link. Sending: the LS initiator's requests (class 0) and the
// LS target's responses (class 1) wait in a queue per class; the
// flow-control sender grants a class (strict priority) when the switch's
// ingress has room (PFC: not paused; CBFC: credits); the granted flit passes
// a two-flit skid into the LLR end. Receiving: the LLR end delivers into
// the flow-control receiver's buffer (rx_buffer), drained at
// endpoint.rx_flits_per_cycle, requests to the target, responses to the
// initiator; its pauses or credits go back to the switch's egress.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <vector>

#include "sb_ls_core.h"
#include "sb_ls_port.h"
#include "sb_ls_traffic.h"
#include "sb_pod_blocks.h"
#include "sb_pod_scoreboard.h"
#include "sb_port_link.h"

namespace sb {

struct pod_bench_config;

class endpoint {
 public:
  endpoint(int e, const pod_bench_config& cfg, const std::vector<uint16_t>* perm, lockstep_ctx* ctx,
           pod_scoreboard* sb, sb_ls_tlm_port* port, ls_func_memory* mem, std::vector<sb_ls_tlm_port*>* ports);
  // Reads the blocks' registered outputs, sets their inputs for the edge
  // (new requests are generated up to cycle k when gen).
  void wire(uint64_t k, bool gen);
  void step();  // the edge
  // The pieces the pod joins to the link and the checks read.
  llr_end_block& llr() { return *llr_; }
  fc_tx_block& tx() { return *tx_; }
  fc_rx_block& rx() { return *rx_; }
  ls_block& initiator() { return *ini_; }
  ls_target_core& target() { return tgt_; }
  ls_traffic& traffic() { return gen_; }
  far_fc_out fc_out() const { return {rx_->p.pause_o, rx_->p.credit_o, tx_->p.cc_o}; }
  bool driven() const { return port_ && port_->driven(); }
  // Transactions not yet handed to the initiator.
  uint64_t pending() const {
    return gen_.backlog() + offered_valid_ + (driven() && port_->has_request() ? 1 : 0);
  }
  bool empty() const;  // nothing queued anywhere in the endpoint
  void collect_violations(std::vector<std::string>& out) const;
  uint64_t assertion_failures() const;
  uint64_t delivered_flits = 0, delivered_window = 0;

 private:
  void initiator_events(uint64_t k, bool ext);
  void target_out(uint64_t k);
  void sender();
  void llr_up(uint64_t k);
  void receive(uint64_t k, flit_t& to_tgt, flit_t& to_ini);
  void initiator_in(bool ext, bool ini_take, const flit_t& to_ini);
  int e_;
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
  ls_traffic gen_;
  std::array<std::deque<flit_t>, 2> epq_;
  std::deque<flit_t> skid_;
  ls_gen_req offered_{};
  uint8_t offered_valid_ = 0;
  // fault late_response: the held response packet and when it goes
  std::deque<flit_t> held_;
  bool late_armed_ = false, late_capturing_ = false, tgt_in_pkt_ = false;
  uint64_t late_release_ = UINT64_MAX;
  // endpoint.class_scheduler=rr: the sender's packet boundaries and the last packet's class
  bool tx_in_pkt_ = false, rr_masked_ = false, rr_failed_ = false;
  int last_cls_ = 0;
};

}  // namespace sb
