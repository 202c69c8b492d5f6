#include "sb_endpoint_link.h"

#include "sb_collective.h"
#include "sb_pod_bench.h"

namespace sb {

namespace {
constexpr int kReqCls = 0, kRspCls = 1;
constexpr size_t kEpQueue = 8;  // flits per class queue at an endpoint's sender
}  // namespace

std::vector<uint32_t> ep_memory::access(void* ctx, int op, uint32_t addr, int size, uint32_t wdata) {
  auto& m = static_cast<ep_memory*>(ctx)->lines;
  const int port = static_cast<ep_memory*>(ctx)->port;
  auto line = [&](uint32_t a) {
    auto it = m.find(a);
    return it == m.end() ? ls_initial_line(port, a) : it->second;
  };
  std::vector<uint32_t> r;
  if (op == 0) {
    for (int i = 0; i < size; ++i) r.push_back(line(addr + uint32_t(i)));
  } else if (op == 1) {
    for (int i = 0; i < size; ++i) m[addr + uint32_t(i)] = wdata + uint32_t(i);
  } else {
    const uint32_t old = line(addr);
    m[addr] = old + wdata;
    r.push_back(old);
    if (auto* c = static_cast<ep_memory*>(ctx)->coll) c->flag(port, addr, old + wdata);
  }
  return r;
}

endpoint_link::endpoint_link(int e, int k, const pod_bench_config& cfg, lockstep_ctx* ctx, pod_scoreboard* sb,
                             sb_ls_tlm_port* port, ls_func_memory* tlm_mem, std::vector<sb_ls_tlm_port*>* ports,
                             ep_memory* shared_mem)
    : e_(e),
      k_(k),
      cfg_(cfg),
      sb_(sb),
      port_(port),
      mem_(tlm_mem),
      ports_(ports),
      tgt_([&] {
        ls_target_params tp = cfg.profile(e).target;
        tp.port = e;
        tp.rsp_cls = kRspCls;
        return tp;
      }()),
      rxq_(2, cfg.rx_rate) {
  ls_params lp = cfg.profile(e).ls;
  lp.port = e;
  lp.req_cls = kReqCls;
  // The TEST ONLY faults of one endpoint hit endpoint 0's link to plane 0.
  const bool first = e == 0 && k == 0;
  const int id = k * cfg.ports + e;  // the link's index in the pod (mismatch reports name the block by it)
  const std::string sfx = std::to_string(e) + (cfg.planes > 1 ? "_p" + std::to_string(k) : "");
  ini_ = make_pod_ls(cfg.impl_ls, lp, first ? cfg.ls_fault_kind : ls_fault::none, cfg.fault_cycle, id, ctx);
  tx_ = make_fc_tx(cfg.impl_fc, cfg.fc, fc_fault::none, id, "ep_tx" + sfx, ctx);
  rx_ = make_fc_rx(cfg.impl_fc, cfg.fc, id, "ep_rx" + sfx, ctx);
  llr_ = make_pod_llr(cfg.impl_llr, cfg.llr, first ? cfg.llr_fault_kind : llr_fault::none, cfg.fault_cycle, id,
                      "llr_endpoint", ctx);
  if (shared_mem) tgt_.set_forward(&ep_memory::access, shared_mem);
  if (first && cfg.fault == pod_fault::late_response) late_armed_ = true;
  if (first && cfg.fault == pod_fault::reorder_requests) tgt_.inject_reorder(cfg.fault_cycle);
}

void endpoint_link::wire(uint64_t k, bool ext) {
  const ls_port_ports& in = ini_->p;
  ext_ = ext;
  completed_.clear();
  initiator_events(k, ext);
  // Initiator and target outputs into the class queues.
  ini_take_ = in.net_o.valid && epq_[kReqCls].size() < kEpQueue;
  if (ini_take_) epq_[kReqCls].push_back(in.net_o);
  target_out(k);
  sender();
  llr_up(k);
  flit_t to_tgt{};
  to_ini_ = flit_t{};
  receive(k, to_tgt, to_ini_);
  tgt_.req_i = to_tgt;
  req_ = ls_req_t{};
}

// The initiator's acceptance and completion of the last edge, to the scoreboard.
void endpoint_link::initiator_events(uint64_t k, bool ext) {
  const ls_port_ports& in = ini_->p;
  if (in.acc_o.valid) {
    if (!offered_valid_) {
      sb_->error("endpoint " + std::to_string(e_) + ": acceptance with no request offered");
    } else {
      offered_valid_ = 0;
      sb_->accept(e_, k_, offered_, in.acc_o.tag, k - 1, ext);
      if (ext) port_->accepted(tlm_tag(in.acc_o.tag));
    }
  }
  if (in.cpl_o.valid) {
    const pod_txn* x = sb_->complete(e_, k_, in.cpl_o, k - 1);
    if (x) completed_.emplace_back(x->dst, x->addr);
    if (x && x->external) port_->completed(tlm_tag(in.cpl_o.tag), ls_status(in.cpl_o.status));
  }
}

// The target's response flits into the response class queue (and the TEST
// ONLY late_response and corrupt_data faults).
void endpoint_link::target_out(uint64_t k) {
  // TEST ONLY (late_response): the held packet goes out at a packet boundary
  // of the target, ahead of it, once its time has come.
  const bool release = !held_.empty() && !late_capturing_ && k >= late_release_ && !tgt_in_pkt_;
  if (release && epq_[kRspCls].size() < kEpQueue) {
    if (held_.front().sop) sb_->late_released(k_, held_.front().dst, held_.front().tag);
    epq_[kRspCls].push_back(held_.front());
    held_.pop_front();
  }
  const bool tgt_take = !release && tgt_.net_o().valid && epq_[kRspCls].size() < kEpQueue;
  if (tgt_take) {
    flit_t f = tgt_.net_o();
    sb_->response_ready(k_, f, k);
    if (cfg_.fault == pod_fault::corrupt_data && e_ == 0 && k_ == 0 && k >= cfg_.fault_cycle && !f.sop) f.sig ^= 1u;
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
void endpoint_link::sender() {
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
void endpoint_link::llr_up(uint64_t k) {
  llr_end_ports& l = llr_->p;
  flit_t up{};
  if (l.up_ready_o && !skid_.empty()) {
    up = skid_.front();
    skid_.pop_front();
    sb_->stamp(k_, up, q_up, r_up, k);
  }
  l.up_i = up;
}

// Receiving: the LLR's delivery into the receive buffer, and what it drained
// (requests to the target, responses to the initiator).
void endpoint_link::receive(uint64_t k, flit_t& to_tgt, flit_t& to_ini) {
  const flit_t& dv = llr_->p.down_o;
  if (dv.valid) {
    if (k >= cfg_.warmup && k < cfg_.cycles) ++delivered_window;
    ++delivered_flits;
    if (is_req(dv))
      sb_->request_flit(k_, dv, k);
    else
      sb_->stamp(k_, dv, r_dst, r_dst, k);
  }
  rx_->p.in_i = dv;
  rx_->p.deq_i = rxq_.deq_o();
  if (cfg_.fault == pod_fault::bad_dequeue && e_ == 0 && k_ == 0 && k == cfg_.fault_cycle && !rxq_.deq_o().valid &&
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
      sb_->response_flit(e_, k_, got, k);
    }
  }
}

// The request the endpoint hands this link's initiator at this edge.
void endpoint_link::offer(const ls_gen_req& g) {
  offered_ = g;
  offered_valid_ = 1;
  req_ = g.req;
}

// The initiator's remaining inputs for the edge.
void endpoint_link::finish() {
  ls_port_ports& in = ini_->p;
  in.req_i = req_;
  in.net_ready_i = ini_take_ || !in.net_o.valid;
  in.rsp_i = to_ini_;
}

void endpoint_link::step() {
  ini_->step();
  tgt_.step();
  for (const auto& s : tgt_.served_last_edge()) {
    const pod_txn* x = sb_->served(e_, k_, s.src, s.tag);
    if (x && x->external) (*ports_)[s.src]->serve(tlm_tag(s.tag), port_, *mem_, e_);
  }
  tx_->step();
  rx_->step();
  rxq_.step();
  llr_->step();
}

bool endpoint_link::empty() const {
  return epq_[0].empty() && epq_[1].empty() && skid_.empty() && rxq_.held() == 0 && tgt_.queued() == 0 && held_.empty();
}

void endpoint_link::collect_violations(std::vector<std::string>& out) const {
  for (const block_base* b : {static_cast<const block_base*>(tx_.get()), static_cast<const block_base*>(rx_.get()),
                              static_cast<const block_base*>(llr_.get())})
    for (auto& s : b->violations()) out.push_back(s);
  for (auto& s : ini_->violations()) out.push_back(s);
  for (auto& s : tgt_.violations()) out.push_back(s);
}

uint64_t endpoint_link::assertion_failures() const {
  return ini_->assertion_failures() + tx_->assertion_failures() + rx_->assertion_failures() + llr_->assertion_failures();
}

}  // namespace sb
