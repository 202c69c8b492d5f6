// The pod's energy counts (sb_energy.h, docs/energy.md "Counts"): what the
// links, the switch ports' pins, the LLR ends and the scoreboard already
// count, summed. No state of its own: a snapshot at any cycle.
#include "sb_energy_pins.h"
#include "sb_pod_bench_impl.h"

namespace sb {

energy_counts pod_bench::energy_snapshot() const {
  const link_params& l = cfg_.link;
  energy_counts c = energy_frame(uint32_t(links_.size()), uint32_t(k_), l, cycle_);
  for (const port_link& pl : links_) energy_add_link(c, pl, l);
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) {
      energy_add_switch_port(c, pins(k)[size_t(e)], l);
      energy_add_far_llr(c, ep_[size_t(e)]->link(k).llr().p.stat_o, l);
    }
  c.payload_bits = sb_.payload_flits * energy_flit_bits(l);
  return c;
}

energy_counts sb_pod::energy_snapshot() const { return bench_->energy_snapshot(); }

}  // namespace sb
