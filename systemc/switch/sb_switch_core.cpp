#include "sb_switch_core.h"

#include <algorithm>
#include <stdexcept>

namespace sb {

switch_regs switch_params::regs() const {
  switch_regs r;
  r.xbar.fifo = xbar.fifo;
  r.xbar.rr = xbar.rr;
  r.xbar.iters = uint8_t(xbar.iterations);
  r.xbar.depth = uint8_t(xbar.depth);
  r.xbar.pipe = uint8_t(xbar.pipeline);
  r.llr = llr.cfg();
  r.pfc_rx = fc.pfc_rx;
  r.pfc_tx = fc.pfc_tx;
  r.cbfc = fc.cbfc;
  r.sw.fc_mode = fc.mode == fc_mode::cbfc;
  r.sw.sched = wrr;
  r.sw.pipe = uint16_t(pipeline);
  r.sw.ingress_cap = uint16_t(ingress_cap);
  r.sw.egress_cap = uint16_t(egress_cap_flits());
  r.sw.weight = weights;
  return r;
}

std::string switch_params::validate() const {
  if (ports < 2 || ports > 1024) return "switch.ports: " + std::to_string(ports) + " is outside 2..1024";
  if (xbar.classes < 1 || xbar.classes > 8) return "switch.classes: must be 1..8";
  xbar_params x = xbar;
  x.ports = ports;
  if (auto why = x.validate(); !why.empty()) return why;
  if (auto why = llr.validate(); !why.empty()) return why;
  if (pipeline < 1 || pipeline > 65535) return "switch.pipeline_ns: the pipeline must be 1..65535 cycles";
  if (ingress_cap < 1 || ingress_cap > 65535) return "switch.ingress_buffer_flits: must be 1..65535";
  // The egress offers whole packets only: it must hold the longest packet
  // with the crossbar's pipeline behind it, and the pipeline with its margin.
  const uint32_t eg = egress_cap_flits();
  const uint32_t eg_min =
      std::max(pipeline + uint32_t(xbar.pipeline) + 3, max_packet_flits + uint32_t(xbar.pipeline) + 1);
  if (eg < eg_min || eg > 65535)
    return "switch.egress_buffer_flits: " + std::to_string(eg) +
           " must be at least max(pipeline + crossbar pipeline + 3, longest packet + crossbar pipeline + 1) = " +
           std::to_string(eg_min) + " and at most 65535";
  // The ingress must store what its flow-control receiver lets in.
  const uint32_t need = fc.mode == fc_mode::cbfc ? (fc.cbfc.limit + fc.cbfc.cost - 1u) / std::max<uint32_t>(fc.cbfc.cost, 1)
                                                 : uint32_t(fc.pfc_rx.limit);
  if (fc.mode != fc_mode::none && ingress_cap < need)
    return "switch.ingress_buffer_flits: " + std::to_string(ingress_cap) + " is below what flow control lets in per class (" +
           std::to_string(need) + " flits: the PFC limit or the CBFC credits)";
  for (int c = 0; c < xbar.classes; ++c)
    if (wrr && weights[size_t(c)] < 1) return "switch.wrr_weights: every class needs a weight >= 1";
  return "";
}

switch_core::switch_core(const switch_params& prm, const switch_block_factory& f)
    : p_(prm), n_(prm.ports), cbfc_(prm.fc.mode == fc_mode::cbfc) {
  if (auto why = p_.validate(); !why.empty()) throw std::invalid_argument(why);
  p_.xbar.ports = n_;
  const switch_regs r = p_.regs();
  xbar_ = f.xbar ? f.xbar(p_.xbar) : make_xbar_model(p_.xbar);
  for (int q = 0; q < n_; ++q) {
    llr_.push_back(f.llr ? f.llr(p_.llr, q) : make_llr_end_model(p_.llr));
    rx_.push_back(f.fc_rx ? f.fc_rx(p_.fc, q) : make_fc_rx_model(p_.fc));
    tx_.push_back(f.fc_tx ? f.fc_tx(p_.fc, q) : make_fc_tx_model(p_.fc, fc_fault::none));
    in_.emplace_back(n_, p_.xbar.classes, r.xbar, r.sw);
    eg_.emplace_back(p_.xbar.classes, r.xbar, r.sw);
  }
  pins.assign(size_t(n_), switch_port_pins{});
  publish();
}

void switch_core::step() {
  xbar_ports& X = xbar_->p;
  // Wires: every input from the registered outputs before the edge.
  for (int q = 0; q < n_; ++q) {
    const switch_port_pins& pn = pins[size_t(q)];
    llr_end_ports& L = llr_[size_t(q)]->p;
    fc_rx_ports& rx = rx_[size_t(q)]->p;
    fc_tx_ports& tx = tx_[size_t(q)]->p;
    ingress_core& in = in_[size_t(q)];
    egress_core& eg = eg_[size_t(q)];
    if (probe_) {
      if (L.down_o.valid) probe_->llr_delivered(q, L.down_o);
      if (in.out_o().valid) probe_->xbar_in(q, in.out_o());
      if (X.out_flit_o[size_t(q)].valid) probe_->xbar_out(q, X.out_flit_o[size_t(q)]);
      if (eg.up_o().valid && L.up_ready_o) probe_->llr_accepted(q, eg.up_o());
    }
    L.up_i = eg.up_o();
    L.link_i = pn.link_i;
    L.link_data_i = pn.link_data_i;
    rx.in_i = L.down_o;
    rx.deq_i = in.deq_o();
    rx.cc_i = pn.cc_i;
    in.in_i = L.down_o;
    in.drop_i = rx.drop_o;
    in.credit_i = X.in_credit_o[size_t(q)];
    X.in_flit_i[size_t(q)] = in.out_o();
    X.out_ready_i[size_t(q)] = eg.ready_o();
    eg.in_i = X.out_flit_o[size_t(q)];
    eg.grant_i = tx.grant_o;
    eg.up_ready_i = L.up_ready_o;
    tx.pause_i = pn.pause_i;
    tx.credit_i = pn.credit_i;
  }
  if (cycle_ == bad_grant_at_) eg_[0].grant_i = fc_sel_t{true, 0};  // TEST ONLY
  // The edge. The egress first: its offers come from its next state and are
  // sampled by the sender at this same edge (docs/switch.md).
  for (int q = 0; q < n_; ++q) {
    egress_core& eg = eg_[size_t(q)];
    eg.step();
    fc_tx_ports& tx = tx_[size_t(q)]->p;
    tx.offer_i = eg.offer_o();
    tx.sop_i = eg.sop_o();
    tx.eop_i = eg.eop_o();
    tx_[size_t(q)]->step();
    rx_[size_t(q)]->step();
    in_[size_t(q)].step();
    llr_[size_t(q)]->step();
  }
  xbar_->step();
  ++cycle_;
  publish();
}

void switch_core::publish() {
  for (int q = 0; q < n_; ++q) {
    switch_port_pins& pn = pins[size_t(q)];
    const llr_end_ports& L = llr_[size_t(q)]->p;
    const fc_rx_ports& rx = rx_[size_t(q)]->p;
    const fc_tx_ports& tx = tx_[size_t(q)]->p;
    pn.link_o = L.link_o;
    pn.link_data_o = L.link_data_o;
    pn.llr_stat_o = L.stat_o;
    pn.fc_drop_o = rx.drop_o;
    if (cbfc_) {
      pn.credit_o = rx.credit_o;
      pn.cc_o = tx.cc_o;
      pn.cbfc_rx_stat_o = rx.cbfc_stat;
      pn.cbfc_tx_stat_o = tx.cbfc_stat;
    } else {
      pn.pause_o = rx.pause_o;
      pn.pfc_rx_stat_o = rx.pfc_stat;
      pn.pfc_tx_stat_o = tx.pfc_stat;
    }
    pn.ingress_stat_o = in_[size_t(q)].stat_o();
    pn.egress_stat_o = eg_[size_t(q)].stat_o();
  }
}

void switch_core::collect_violations(std::vector<std::string>& out) const {
  auto add = [&out](const std::vector<std::string>& v) { out.insert(out.end(), v.begin(), v.end()); };
  add(xbar_->violations());
  for (int q = 0; q < n_; ++q) {
    add(llr_[size_t(q)]->violations());
    add(rx_[size_t(q)]->violations());
    add(tx_[size_t(q)]->violations());
    add(in_[size_t(q)].violations());
    add(eg_[size_t(q)].violations());
  }
}

uint64_t switch_core::assertion_failures() const {
  uint64_t n = xbar_->assertion_failures();
  for (int q = 0; q < n_; ++q)
    n += llr_[size_t(q)]->assertion_failures() + rx_[size_t(q)]->assertion_failures() +
         tx_[size_t(q)]->assertion_failures();
  return n;
}

uint64_t switch_core::occupancy() const {
  uint64_t t = 0;
  for (int q = 0; q < n_; ++q) t += in_[size_t(q)].occupancy() + eg_[size_t(q)].occupancy();
  return t;
}

}  // namespace sb
