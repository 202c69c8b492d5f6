// The pod's energy counts (sb_energy.h, docs/energy.md "Counts"): what the
// links, the switch ports' pins, the LLR ends and the scoreboard already
// count, summed. No state of its own: a snapshot at any cycle.
#include "sb_pod_bench_impl.h"

namespace sb {

energy_counts pod_bench::energy_snapshot() const {
  energy_counts c;
  const uint64_t flit_bits = uint64_t(cfg_.link.flit_bytes) * 8;
  c.links = uint32_t(links_.size());
  c.switches = uint32_t(k_);
  c.switch_ports = c.endpoint_ports = uint32_t(links_.size());
  c.cycle_ns = cfg_.link.cycle_ns();
  c.cycles = cycle_;
  c.line_bits = cycle_ * flit_bits * 2 * uint64_t(links_.size());
  const bool framed = cfg_.link.framing != link_framing::ideal;
  for (const port_link& l : links_)
    for (const link_direction* d : {&l.up, &l.dn})
      c.busy_bits += framed ? d->counters().framing.wire_bytes * 8 : d->counters().slots * flit_bits;
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) {
      const switch_port_pins& pn = pins(k)[size_t(e)];
      const ingress_stat_t& in = pn.ingress_stat_o;
      const egress_stat_t& eg = pn.egress_stat_o;
      c.buffer_bits += (uint64_t(in.flits_in) + in.flits_out + eg.flits_in + eg.flits_out) * flit_bits;
      c.crossbar_bits += uint64_t(in.flits_out) * flit_bits;
      c.llr_switch_bits += (uint64_t(pn.llr_stat_o.new_flits) + pn.llr_stat_o.replayed_flits) * flit_bits;
      const llr_stat_t& ep = ep_[size_t(e)]->link(k).llr().p.stat_o;
      c.llr_endpoint_bits += (uint64_t(ep.new_flits) + ep.replayed_flits) * flit_bits;
    }
  c.payload_bits = sb_.payload_flits * flit_bits;
  return c;
}

}  // namespace sb
