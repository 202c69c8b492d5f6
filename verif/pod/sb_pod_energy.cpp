// The pod's energy counts (sb_energy.h, docs/energy.md "Counts"): what the
// links, the switch ports' pins, the LLR ends and the scoreboard already
// count, summed. No state of its own: a snapshot at any cycle.
#include "sb_energy_pins.h"
#include "sb_pod_bench_impl.h"

namespace sb {

// The reduction units' ports (switch.reduction) are inside the chip: no
// SerDes, no endpoint port, no LLR priced; their buffers and crossbar
// traffic are, and their ports' static power.
energy_counts pod_bench::energy_snapshot() const {
  const link_params& l = cfg_.link;
  const int ext = cfg_.accelerators();
  energy_counts c = energy_frame(uint32_t(ext * k_), uint32_t(k_), l, cycle_);
  c.switch_ports += uint32_t(cfg_.units * k_);
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) {
      energy_add_switch_port(c, pins(k)[size_t(e)], l);
      if (cfg_.internal(e)) continue;
      energy_add_link(c, link(e, k), l);
      energy_add_far_llr(c, ep_[size_t(e)]->link(k).llr().p.stat_o, l);
    }
  c.payload_bits = sb_.payload_flits * energy_flit_bits(l);
  return c;
}

// collective.energy: each simulated size's window priced, per collective (its
// iterations' mean); a sampled message's extrapolated along the line through
// the two sizes, as its time is; per bit of the message (every rank's buffer).
nlohmann::json pod_bench::collective_energy_json() const {
  nlohmann::json sizes = nlohmann::json::array();
  std::vector<double> per;
  for (size_t i = 0; i < coll_energy_.size() && coll_->done(); ++i) {
    nlohmann::json w = energy_json(cfg_.energy, coll_energy_[i].second - coll_energy_[i].first);
    per.push_back(w["joules"].get<double>() / coll_->iterations());
    sizes.push_back({{"bytes", coll_->size(i)}, {"per_collective_j", per.back()}, {"window", w}});
  }
  const double S = double(cfg_.coll.message_bytes);
  double j = 0;
  if (per.size() == 1) j = per[0];
  if (per.size() == 2) {
    const double b1 = double(coll_->size(0)), b2 = double(coll_->size(1));
    j = per[1] + (per[1] - per[0]) / (b2 - b1) * (S - b2);
  }
  const double t = coll_->done() ? coll_->json()["completion_ns"].get<double>() : 0.0;
  return {{"per_collective_j", j},
          {"avg_w", t > 0 ? j / (t * 1e-9) : 0.0},
          {"pj_per_message_bit", S > 0 ? j * 1e12 / (S * 8.0 * coll_->ranks()) : 0.0},
          {"simulated", sizes}};
}

energy_counts sb_pod::energy_snapshot() const { return bench_->energy_snapshot(); }

}  // namespace sb
