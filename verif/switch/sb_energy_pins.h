// The energy model's counts (sb_energy.h, docs/energy.md "Counts") from what
// a bench already has: a link's two directions, a switch port's pins, an LLR
// end's counters. Shared by the pod (verif/pod/sb_pod_energy.cpp) and the
// switch bench.
#pragma once

#include <cstdint>

#include "sb_energy.h"
#include "sb_port_link.h"
#include "sb_switch_pins.h"

namespace sb {

inline uint64_t energy_flit_bits(const link_params& l) { return uint64_t(l.flit_bytes) * 8; }

// The structure and the line of `links` links (two directions each) after `cycles` cycles.
inline energy_counts energy_frame(uint32_t links, uint32_t switches, const link_params& l, uint64_t cycles) {
  energy_counts c;
  c.links = links;
  c.switches = switches;
  c.switch_ports = c.endpoint_ports = links;
  c.cycle_ns = l.cycle_ns();
  c.cycles = cycles;
  c.line_bits = cycles * energy_flit_bits(l) * 2 * uint64_t(links);
  return c;
}

// Busy bits of both directions: valid slots (ideal framing) or the framer's wire bytes (overhead and gap).
inline void energy_add_link(energy_counts& c, const port_link& pl, const link_params& l) {
  for (const link_direction* d : {&pl.up, &pl.dn})
    c.busy_bits += l.framing != link_framing::ideal ? d->counters().framing.wire_bytes * 8
                                                    : d->counters().slots * energy_flit_bits(l);
}

// A switch port: its buffers' writes and reads, its crossbar input, its LLR end.
inline void energy_add_switch_port(energy_counts& c, const switch_port_pins& pn, const link_params& l) {
  const uint64_t b = energy_flit_bits(l);
  const ingress_stat_t& in = pn.ingress_stat_o;
  const egress_stat_t& eg = pn.egress_stat_o;
  c.buffer_bits += (uint64_t(in.flits_in) + in.flits_out + eg.flits_in + eg.flits_out) * b;
  c.crossbar_bits += uint64_t(in.flits_out) * b;
  c.llr_switch_bits += (uint64_t(pn.llr_stat_o.new_flits) + pn.llr_stat_o.replayed_flits) * b;
}

// The far end's LLR end (an endpoint's, a link partner's): replay-buffer writes and replays.
inline void energy_add_far_llr(energy_counts& c, const llr_stat_t& s, const link_params& l) {
  c.llr_endpoint_bits += (uint64_t(s.new_flits) + s.replayed_flits) * energy_flit_bits(l);
}

}  // namespace sb
