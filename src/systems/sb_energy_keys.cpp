// The keys of the energy model (energy.*; docs/energy.md "Coefficients":
// every default with its public source or the reason it is an assumption)
// and the pod summary's energy line.
#include "sb_energy_keys.h"

#include <cstdio>

namespace sb {

void energy_keys(config_schema& s) {
  s.add(real_key("energy.serdes_pj_per_bit", "5.0", 0.0, 1000.0,
                 "energy (pod, switch): SerDes energy (TX + RX) per bit a link direction sends while it carries a unit: a flit slot, or with link.framing a frame or DL flit with its overhead and gap; replays and ACK/NACK slots included", "pJ/bit"));
  s.add(real_key("energy.serdes_idle_pj_per_bit", "3.5", 0.0, 1000.0,
                 "energy (pod, switch): SerDes energy per line-rate bit a link direction has nothing to send (idle symbols); = serdes_pj_per_bit for an always-on SerDes, 0 for an ideally energy-proportional one", "pJ/bit"));
  s.add(real_key("energy.switch_buffer_pj_per_bit", "0.5", 0.0, 1000.0,
                 "energy (pod, switch): per bit written to or read from a switch ingress or egress buffer (a flit crossing the switch costs 4 accesses)", "pJ/bit"));
  s.add(real_key("energy.crossbar_pj_per_bit", "1.0", 0.0, 1000.0, "energy (pod, switch): per bit through a switch crossbar", "pJ/bit"));
  s.add(real_key("energy.llr_buffer_pj_per_bit", "0.5", 0.0, 1000.0,
                 "energy (pod, switch): per bit written to an LLR replay buffer (every new flit) or read from it (every replayed flit), at both ends of every link", "pJ/bit"));
  s.add(real_key("energy.switch_port_idle_w", "1.4", 0.0, 1000.0, "energy (pod, switch): static power of one switch port (leakage, clocks, control), busy or not", "W"));
  s.add(real_key("energy.endpoint_port_idle_w", "0.5", 0.0, 1000.0,
                 "energy (pod, switch): static power of one endpoint link port (its LLR end, MAC and LS engines), busy or not", "W"));
}

energy_params energy_params_of(const config& c) {
  energy_params p;
  p.serdes_pj_per_bit = c.get_real("energy.serdes_pj_per_bit");
  p.serdes_idle_pj_per_bit = c.get_real("energy.serdes_idle_pj_per_bit");
  p.switch_buffer_pj_per_bit = c.get_real("energy.switch_buffer_pj_per_bit");
  p.crossbar_pj_per_bit = c.get_real("energy.crossbar_pj_per_bit");
  p.llr_buffer_pj_per_bit = c.get_real("energy.llr_buffer_pj_per_bit");
  p.switch_port_idle_w = c.get_real("energy.switch_port_idle_w");
  p.endpoint_port_idle_w = c.get_real("energy.endpoint_port_idle_w");
  return p;
}

void print_energy_line(const nlohmann::json& r) {
  if (!r.contains("energy")) return;
  const auto& e = r["energy"];
  const double j = e["joules"].get<double>();
  const char* unit = j >= 1e-3 ? "mJ" : "uJ";
  std::printf("  energy      %.3g %s, %.3g W per link, %.3g W per switch, ", j * (j >= 1e-3 ? 1e3 : 1e6), unit,
              e["avg_w_per_link"].get<double>(), e["avg_w_per_switch"].get<double>());
  if (e["pj_per_payload_bit"].is_null())
    std::printf("no payload delivered\n");
  else
    std::printf("%.3g pJ per payload bit\n", e["pj_per_payload_bit"].get<double>());
}

}  // namespace sb
