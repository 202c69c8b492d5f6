// Crossbar bench: traffic sources drive the SystemC model, the Verilated RTL,
// or both in lockstep with identical inputs every cycle; the comparator checks
// every output of both every cycle; the scoreboard checks end-to-end delivery.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sb_bench_util.h"
#include "sb_traffic.h"
#include "sb_xbar_core.h"

namespace sb {

struct xbar_bench_config {
  xbar_params xbar;
  traffic_params traffic;
  impl_mode impl = impl_mode::lockstep;
  uint64_t cycles = 10000;        // traffic is generated in [0, cycles)
  uint64_t warmup = 1000;         // statistics cover [warmup, cycles)
  uint64_t seed = 1;
  uint64_t stall_cycles = 20000;  // watchdog: no delivery for this long while flits are in flight
  double clock_ghz = 1.25;
  double sink_rate = 1.0;         // probability an output accepts a flit in a cycle
  xbar_fault fault = xbar_fault::none;
  uint64_t fault_cycle = 0;
  std::string out_dir;            // latency CSVs and waves go here ("" = none)
  std::string wave_path;          // FST of the RTL ("" = none)
  int64_t wave_from = 0, wave_to = -1;  // window of cycles to trace (-1: to the end)
  bool progress = false;
};

// Elaborates, runs to completion and returns the report fragment:
// {verdict, checks{cosim, lossless, assertions, drain}, latency{packet, switch},
//  throughput{offered, accepted}, sim{cycles, wall_s, cycles_per_s, ...}, xbar{...}}.
// Runs once per process (SystemC elaborates once).
nlohmann::json run_xbar_bench(const xbar_bench_config& cfg);

}  // namespace sb
