// The energy model's arithmetic (sb_energy.h, docs/energy.md "Model").
#include "sb_energy.h"

#include <algorithm>

namespace sb {

energy_counts energy_counts::operator-(const energy_counts& start) const {
  energy_counts d = *this;
  auto sub = [](uint64_t a, uint64_t b) { return a > b ? a - b : 0; };
  d.cycles = sub(cycles, start.cycles);
  d.line_bits = sub(line_bits, start.line_bits);
  d.busy_bits = sub(busy_bits, start.busy_bits);
  d.buffer_bits = sub(buffer_bits, start.buffer_bits);
  d.crossbar_bits = sub(crossbar_bits, start.crossbar_bits);
  d.llr_switch_bits = sub(llr_switch_bits, start.llr_switch_bits);
  d.llr_endpoint_bits = sub(llr_endpoint_bits, start.llr_endpoint_bits);
  d.payload_bits = sub(payload_bits, start.payload_bits);
  return d;
}

energy_breakdown energy_estimate(const energy_params& p, const energy_counts& c) {
  constexpr double pj = 1e-12;
  energy_breakdown b;
  b.duration_s = double(c.cycles) * c.cycle_ns * 1e-9;
  // A unit's bits can run ahead of the cycles counted (the framer books a unit's wire time when it starts).
  const uint64_t busy = std::min(c.busy_bits, c.line_bits);
  b.serdes_j = (double(busy) * p.serdes_pj_per_bit + double(c.line_bits - busy) * p.serdes_idle_pj_per_bit) * pj;
  b.switch_buffer_j = double(c.buffer_bits) * p.switch_buffer_pj_per_bit * pj;
  b.crossbar_j = double(c.crossbar_bits) * p.crossbar_pj_per_bit * pj;
  b.llr_switch_j = double(c.llr_switch_bits) * p.llr_buffer_pj_per_bit * pj;
  b.llr_j = b.llr_switch_j + double(c.llr_endpoint_bits) * p.llr_buffer_pj_per_bit * pj;
  b.idle_switch_j = double(c.switch_ports) * p.switch_port_idle_w * b.duration_s;
  b.idle_j = b.idle_switch_j + double(c.endpoint_ports) * p.endpoint_port_idle_w * b.duration_s;
  return b;
}

nlohmann::json energy_params_json(const energy_params& p) {
  return {{"serdes_pj_per_bit", p.serdes_pj_per_bit},
          {"serdes_idle_pj_per_bit", p.serdes_idle_pj_per_bit},
          {"switch_buffer_pj_per_bit", p.switch_buffer_pj_per_bit},
          {"crossbar_pj_per_bit", p.crossbar_pj_per_bit},
          {"llr_buffer_pj_per_bit", p.llr_buffer_pj_per_bit},
          {"switch_port_idle_w", p.switch_port_idle_w},
          {"endpoint_port_idle_w", p.endpoint_port_idle_w}};
}

nlohmann::json energy_json(const energy_params& p, const energy_counts& c) {
  const energy_breakdown b = energy_estimate(p, c);
  const double s = b.duration_s;
  auto per = [s](double j, uint32_t n) { return s > 0 && n ? j / s / double(n) : 0.0; };
  const double j = b.joules();
  return {{"joules", j},
          {"duration_ns", double(c.cycles) * c.cycle_ns},
          {"avg_w", s > 0 ? j / s : 0.0},
          {"avg_w_per_link", per(b.serdes_j, c.links)},
          {"avg_w_per_switch", per(b.switch_j(), c.switches)},
          {"pj_per_payload_bit", c.payload_bits ? nlohmann::json(j / double(c.payload_bits) * 1e12) : nlohmann::json(nullptr)},
          {"payload_bits", c.payload_bits},
          {"units", {{"avg_w_per_link", "SerDes of one link, both directions (TX and RX of each)"},
                     {"avg_w_per_switch", "one switch chip: its SerDes ends, buffers, crossbar, LLR ends, ports"},
                     {"payload_bits", "data flits of the answered transactions x link.flit_bytes x 8"}}},
          {"breakdown", {{"serdes_j", b.serdes_j},
                         {"switch_buffer_j", b.switch_buffer_j},
                         {"crossbar_j", b.crossbar_j},
                         {"llr_j", b.llr_j},
                         {"idle_j", b.idle_j}}},
          {"counts", {{"cycles", c.cycles},
                      {"line_bits", c.line_bits},
                      {"busy_bits", c.busy_bits},
                      {"buffer_bits", c.buffer_bits},
                      {"crossbar_bits", c.crossbar_bits},
                      {"llr_switch_bits", c.llr_switch_bits},
                      {"llr_endpoint_bits", c.llr_endpoint_bits},
                      {"links", c.links},
                      {"switches", c.switches}}},
          {"params", energy_params_json(p)}};
}

}  // namespace sb
