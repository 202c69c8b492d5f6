// The switch chip alone (system: switch, sim-configs/switch.yaml): N link
// partners, each a traffic source behind an egress queue with its own
// flow-control sender and LLR end, a link with faults each way, and a
// receiver with its flow-control receive side drained at a configured rate.
// The chip is the model (switch_core), the Verilated sb_switch, or both in
// lockstep: identical pin inputs every cycle, every pin output of both
// compared every cycle. The scoreboard checks every packet in and out:
// exactly once, intact, in order per (source, destination, class).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sb_bench_util.h"
#include "sb_energy.h"
#include "sb_link.h"
#include "sb_switch_core.h"
#include "sb_traffic.h"

namespace sb {

// TEST ONLY faults of the chip:
//   egress_drop:     the model's port 0 discards one class-1 packet leaving its pipeline
//                    at fault_cycle (the model then differs from the RTL, and loses a packet);
//   bad_grant:       at fault_cycle the model's port-0 egress sees a grant of class 0
//                    (an empty class in the last cycle: an assertion);
//   rtl_corrupt_sig: from fault_cycle the RTL's test pin flips bit 0 of the payload
//                    signature of every flit port 0's egress hands to its LLR.
enum class switch_fault { none, egress_drop, bad_grant, rtl_corrupt_sig };

struct switch_bench_config {
  switch_params sw;
  link_params link;
  traffic_params traffic;  // ports and classes follow sw
  double rx_rate = 1.0;    // flits per cycle a partner's receive side drains
  impl_mode impl = impl_mode::model;
  uint64_t cycles = 20000, warmup = 2000, seed = 1, stall_cycles = 20000;
  switch_fault fault = switch_fault::none;
  uint64_t fault_cycle = 1000;
  std::string out_dir, wave_path;
  bool progress = false;
  energy_params energy;  // energy.* (docs/energy.md): the link partners' ports count as endpoint ports
};

// Elaborates, runs to completion, returns the report fragment. Once per process.
nlohmann::json run_switch_bench(const switch_bench_config& cfg);

// The RTL builds of the chip (ports), for `skybench info` and validation.
std::vector<int> switch_rtl_port_builds();
// "" when a Verilated build of sb_switch fits these parameters, else the
// reason, naming the configuration key.
std::string switch_rtl_fits(const switch_params& p);

}  // namespace sb
