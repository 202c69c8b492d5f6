// The energy model (energy.*, docs/energy.md): an activity-based estimate
// from counts the pod already keeps. Energy = SerDes pJ/bit per link
// direction (busy wire bits, with the framing's overhead and every replay,
// and idle line bits) + switch buffer writes and reads + crossbar
// traversals + LLR replay-buffer writes and replays + static power per
// port. energy_counts are cumulative from the run's start: a caller
// snapshots them at two cycles (pod_bench::energy_snapshot) and prices the
// difference, e.g. the window of one collective.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace sb {

// The coefficients (energy.* keys; defaults and their public sources: docs/energy.md "Coefficients").
struct energy_params {
  double serdes_pj_per_bit = 5.0;         // per bit a link direction sends while it carries a unit (TX + RX of that direction)
  double serdes_idle_pj_per_bit = 3.5;    // per line-rate bit the direction has nothing to send (idle symbols)
  double switch_buffer_pj_per_bit = 0.5;  // per bit written to or read from a switch ingress or egress buffer
  double crossbar_pj_per_bit = 1.0;       // per bit through a switch crossbar
  double llr_buffer_pj_per_bit = 0.5;     // per bit written to a replay buffer (a new flit) or read from it (a replay)
  double switch_port_idle_w = 1.4;        // static power of one switch port
  double endpoint_port_idle_w = 0.5;      // static power of one endpoint link port (its LLR end, MAC, LS engines)
};

// What the model prices. The structure (links ... cycle_ns, flit_bits) is
// copied by operator-; every other field is cumulative and subtracted.
struct energy_counts {
  uint32_t links = 0;           // endpoint-switch links (two directions each)
  uint32_t switches = 0;        // switch chips (planes)
  uint32_t switch_ports = 0;    // switch ports in use (every link's switch end)
  uint32_t endpoint_ports = 0;  // endpoint link ports (every link's endpoint end)
  double cycle_ns = 0;          // one flit slot of the link
  uint64_t cycles = 0;          // cycles run
  uint64_t line_bits = 0;       // bits every link direction's line could carry (cycles x slot bits x directions)
  uint64_t busy_bits = 0;       // of which carried a unit: valid slots (ideal framing) or the framer's wire bytes (overhead, gaps)
  uint64_t buffer_bits = 0;     // switch ingress + egress buffer writes and reads
  uint64_t crossbar_bits = 0;   // flits through the crossbars
  uint64_t llr_switch_bits = 0;    // replay-buffer writes (new flits) + reads (replayed flits) at the switch ends
  uint64_t llr_endpoint_bits = 0;  // the same at the endpoint ends
  uint64_t payload_bits = 0;    // data of the answered transactions (docs/energy.md "Payload")

  energy_counts operator-(const energy_counts& start) const;
};

// The estimate in joules, by part.
struct energy_breakdown {
  double serdes_j = 0, switch_buffer_j = 0, crossbar_j = 0, llr_j = 0, idle_j = 0;
  double llr_switch_j = 0, idle_switch_j = 0;  // the switch ends' shares of llr_j and idle_j
  double duration_s = 0;
  double joules() const { return serdes_j + switch_buffer_j + crossbar_j + llr_j + idle_j; }
  // Energy of the switch chips: half of every link direction's SerDes (its RX or TX end), buffers, crossbar, their LLR ends and ports.
  double switch_j() const { return serdes_j / 2 + switch_buffer_j + crossbar_j + llr_switch_j + idle_switch_j; }
};

energy_breakdown energy_estimate(const energy_params& p, const energy_counts& c);
nlohmann::json energy_params_json(const energy_params& p);
// report.json -> energy: joules, duration_ns, avg_w, avg_w_per_link, avg_w_per_switch,
// pj_per_payload_bit (null without payload), payload_bits, breakdown, counts, params.
nlohmann::json energy_json(const energy_params& p, const energy_counts& c);

}  // namespace sb
