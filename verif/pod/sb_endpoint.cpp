#include "sb_endpoint.h"

#include "sb_pod_bench.h"

namespace sb {

namespace {
constexpr int kReqCls = 0, kRspCls = 1;
constexpr size_t kEpQueue = 8;  // flits per class queue at an endpoint's sender
}  // namespace

endpoint::endpoint(int e, const pod_bench_config& cfg, const std::vector<uint16_t>* perm, lockstep_ctx* ctx,
                   pod_scoreboard* sb, sb_ls_tlm_port* port, ls_func_memory* mem, std::vector<sb_ls_tlm_port*>* ports)
    : e_(e),
      cfg_(cfg),
      sb_(sb),
      port_(port),
      mem_(mem),
      ports_(ports),
      tgt_([&] {
        ls_target_params tp = cfg.target;
        tp.port = e;
        tp.rsp_cls = kRspCls;
        return tp;
      }()),
      rxq_(2, cfg.rx_rate),
      gen_(e, cfg.ports, cfg.traffic, cfg.seed, perm) {
  ls_params lp = cfg.ls;
  lp.port = e;
  lp.req_cls = kReqCls;
  ini_ = make_pod_ls(cfg.impl_ls, lp, e == 0 ? cfg.ls_fault_kind : ls_fault::none, cfg.fault_cycle, e, ctx);
  tx_ = make_fc_tx(cfg.impl_fc, cfg.fc, fc_fault::none, e, "ep_tx" + std::to_string(e), ctx);
  rx_ = make_fc_rx(cfg.impl_fc, cfg.fc, e, "ep_rx" + std::to_string(e), ctx);
  llr_ = make_pod_llr(cfg.impl_llr, cfg.llr, e == 0 ? cfg.llr_fault_kind : llr_fault::none, cfg.fault_cycle, e,
                      "llr_endpoint", ctx);
  if (e == 0 && cfg.fault == pod_fault::late_response) late_armed_ = true;
  if (e == 0 && cfg.fault == pod_fault::reorder_requests) tgt_.inject_reorder(cfg.fault_cycle);
}

void endpoint::wire(uint64_t k, bool gen) {
  const ls_port_ports& in = ini_->p;
  const bool ext = driven();
  if (gen && !ext) gen_.generate(k, sb_->live(e_));
  initiator_events(k, ext);
  // Initiator and target outputs into the class queues.
  const bool ini_take = in.net_o.valid && epq_[kReqCls].size() < kEpQueue;
  if (ini_take) epq_[kReqCls].push_back(in.net_o);
  target_out(k);
  sender();
  llr_up(k);
  flit_t to_tgt{}, to_ini{};
  receive(k, to_tgt, to_ini);
  initiator_in(ext, ini_take, to_ini);
  tgt_.req_i = to_tgt;
}

// The initiator's acceptance and completion of the last edge, to the scoreboard.
void endpoint::initiator_events(uint64_t k, bool ext) {
  const ls_port_ports& in = ini_->p;
  if (in.acc_o.valid) {
    if (!offered_valid_) {
      sb_->error("endpoint " + std::to_string(e_) + ": acceptance with no request offered");
    } else {
      offered_valid_ = 0;
      sb_->accept(e_, offered_, in.acc_o.tag, k - 1, ext);
      if (ext) port_->accepted(in.acc_o.tag);
    }
  }
  if (in.cpl_o.valid) {
    const pod_txn* x = sb_->complete(e_, in.cpl_o, k - 1);
    if (x && x->external) port_->completed(in.cpl_o.tag, ls_status(in.cpl_o.status));
  }
}

// The target's response flits into the response class queue (and the TEST
// ONLY late_response and corrupt_data faults).
void endpoint::target_out(uint64_t k) {
  // TEST ONLY (late_response): the held packet goes out at a packet boundary
  // of the target, ahead of it, once its time has come.
  const bool release = !held_.empty() && !late_capturing_ && k >= late_release_ && !tgt_in_pkt_;
  if (release && epq_[kRspCls].size() < kEpQueue) {
    if (held_.front().sop) sb_->late_released(held_.front().dst, held_.front().tag);
    epq_[kRspCls].push_back(held_.front());
    held_.pop_front();
  }
  const bool tgt_take = !release && tgt_.net_o().valid && epq_[kRspCls].size() < kEpQueue;
  if (tgt_take) {
    flit_t f = tgt_.net_o();
    sb_->response_ready(f, k);
    if (cfg_.fault == pod_fault::corrupt_data && e_ == 0 && k >= cfg_.fault_cycle && !f.sop) f.sig ^= 1u;
    if (late_armed_ && k >= cfg_.fault_cycle && f.sop) {
      late_armed_ = false;
      late_capturing_ = true;
    }
    if (late_capturing_) {
      held_.push_back(f);
      if (f.eop) {
        late_capturing_ = false;
        late_release_ = k + uint64_t(cfg_.ls.timeout) + 1000;
      }
    } else {
      epq_[kRspCls].push_back(f);
      tgt_in_pkt_ = !f.eop;
    }
  }
  tgt_.net_ready_i = tgt_take || !tgt_.net_o().valid;
}

// The flow-control sender: the class granted at the last edge goes to the
// skid; the offers for the next edge.
void endpoint::sender() {
  // The flow-control sender: the class granted at the last edge goes to the skid.
  const fc_tx_ports& tp = tx_->p;
  if (tp.grant_o.valid) {
    auto& q = epq_[tp.grant_o.cls & 1];
    if (q.empty()) {
      sb_->error("endpoint " + std::to_string(e_) + ": flow control granted an empty class");
    } else {
      if (q.front().sop) last_cls_ = tp.grant_o.cls & 1;
      tx_in_pkt_ = !q.front().eop;
      skid_.push_back(q.front());
      q.pop_front();
    }
    rr_failed_ = false;
  } else if (rr_masked_) {
    rr_failed_ = true;  // the request class could not go (no credit, paused): responses first again
  }
  uint8_t offer = 0, sop = 0, eop = 0;
  if (skid_.size() <= 1) {
    for (int c = 0; c < 2; ++c) {
      if (epq_[size_t(c)].empty()) continue;
      offer |= uint8_t(1u << c);
      if (epq_[size_t(c)].front().sop) sop |= uint8_t(1u << c);
      if (epq_[size_t(c)].front().eop) eop |= uint8_t(1u << c);
    }
  }
  // Round robin by packet between requests and responses (class_scheduler
  // rr): after a response packet, a request packet that waits goes next -
  // offered alone, unless it is paused or could not go at the last try
  // (then the flow-control sender's strict priority decides, so the link
  // never waits on a class that cannot send). Without it an endpoint whose
  // target is oversubscribed never sends its own requests (issue 13).
  rr_masked_ = false;
  if (cfg_.ep_rr && !tx_in_pkt_ && last_cls_ == kRspCls && (sop & 1) && (offer & 2) && !rr_failed_ &&
      !(cfg_.fc.mode == fc_mode::pfc && (tx_->p.pfc_stat.paused & 1))) {
    offer &= 1;
    sop &= 1;
    eop &= 1;
    rr_masked_ = true;
  }
  fc_tx_ports& txp = tx_->p;
  txp.offer_i = offer;
  txp.sop_i = sop;
  txp.eop_i = eop;
}

// The LLR end takes the skid's head when it has room.
void endpoint::llr_up(uint64_t k) {
  llr_end_ports& l = llr_->p;
  flit_t up{};
  if (l.up_ready_o && !skid_.empty()) {
    up = skid_.front();
    skid_.pop_front();
    sb_->stamp(up, q_up, r_up, k);
  }
  l.up_i = up;
}

// Receiving: the LLR's delivery into the receive buffer, and what it drained
// (requests to the target, responses to the initiator).
void endpoint::receive(uint64_t k, flit_t& to_tgt, flit_t& to_ini) {
  const flit_t& dv = llr_->p.down_o;
  if (dv.valid) {
    if (k >= cfg_.warmup && k < cfg_.cycles) ++delivered_window;
    ++delivered_flits;
    if (is_req(dv))
      sb_->request_flit(dv, k);
    else
      sb_->stamp(dv, r_dst, r_dst, k);
  }
  rx_->p.in_i = dv;
  rx_->p.deq_i = rxq_.deq_o();
  if (cfg_.fault == pod_fault::bad_dequeue && e_ == 0 && k == cfg_.fault_cycle && !rxq_.deq_o().valid &&
      rxq_.held() == 0)
    rx_->p.deq_i = fc_sel_t{true, 0};  // TEST ONLY: a dequeue of an empty class
  rxq_.in_i = dv;
  rxq_.drop_i = rx_->p.drop_o;
  if (rx_->p.drop_o.valid) {
    if (rx_->p.drop_o.lossless) ++sb_->lossless_drops;
    sb_->error("endpoint " + std::to_string(e_) + ": a flit of class " + std::to_string(rx_->p.drop_o.cls) +
               " was dropped (receive buffer full)");
  }
  const flit_t& got = rxq_.out_o();
  if (got.valid) {
    if (is_req(got)) {
      to_tgt = got;
    } else {
      to_ini = got;
      sb_->response_flit(e_, got, k);
    }
  }
}

// Inputs of the initiator for the edge.
void endpoint::initiator_in(bool ext, bool ini_take, const flit_t& to_ini) {
  ls_port_ports& in = ini_->p;
  ls_req_t req{};
  if (!offered_valid_ && (ext ? port_->has_request() : !gen_.empty())) req = ext ? port_->request() : gen_.front().req;
  if (req.valid && in.req_ready_o) {
    // (a TLM request stays at the port's front until accept() hands it its tag)
    offered_ = ext ? ls_gen_req{req, port_->request_time_cycle(cfg_.link.cycle_ns())} : gen_.front();
    offered_valid_ = 1;
    if (!ext) gen_.pop();
  }
  in.req_i = req;
  in.net_ready_i = ini_take || !in.net_o.valid;
  in.rsp_i = to_ini;
}

void endpoint::step() {
  ini_->step();
  tgt_.step();
  for (const auto& s : tgt_.served_last_edge()) {
    const pod_txn* x = sb_->served(e_, s.src, s.tag);
    if (x && x->external) (*ports_)[s.src]->serve(s.tag, port_, *mem_, e_);
  }
  tx_->step();
  rx_->step();
  rxq_.step();
  llr_->step();
}

bool endpoint::empty() const {
  return epq_[0].empty() && epq_[1].empty() && skid_.empty() && rxq_.held() == 0 && tgt_.queued() == 0 && held_.empty();
}

void endpoint::collect_violations(std::vector<std::string>& out) const {
  for (const block_base* b : {static_cast<const block_base*>(tx_.get()), static_cast<const block_base*>(rx_.get()),
                              static_cast<const block_base*>(llr_.get())})
    for (auto& s : b->violations()) out.push_back(s);
  for (auto& s : ini_->violations()) out.push_back(s);
  for (auto& s : tgt_.violations()) out.push_back(s);
}

uint64_t endpoint::assertion_failures() const {
  return ini_->assertion_failures() + tx_->assertion_failures() + rx_->assertion_failures() + llr_->assertion_failures();
}

}  // namespace sb
