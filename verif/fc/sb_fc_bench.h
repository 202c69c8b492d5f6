// Incast bench (sim-configs/incast.yaml): N-1 sources, each behind a
// flow-control sender, send over their own link to one switch port each;
// every port has a flow-control receiver and per-class ingress queues, and
// one crossbar output drains them all, slower than they are fed. The
// flow-control blocks are the models, the Verilated RTL, or both in lockstep
// (every output of every block compared every cycle); a per-flow scoreboard
// checks that lossless classes lose nothing and stay in order.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sb_bench_util.h"
#include "sb_fc_blocks.h"
#include "sb_link.h"

namespace sb {

struct incast_bench_config {
  int ports = 8;             // N: ports 1..N-1 are sources, port 0 the congested output
  int classes = 2;
  uint8_t lossless = 0x2;    // bit c = class c lossless
  fc_cfgs fc;                // the blocks' configuration (mode, PFC, CBFC)
  impl_mode impl = impl_mode::lockstep;
  link_params link;          // latency of each source's link (no faults)
  double load = 1.0;         // flits/cycle offered by each source
  int packet_flits = 4;
  double drain_rate = 1.0;   // flits/cycle the output takes
  double update_error_rate = 0.0;  // CBFC: credit-freed updates lost on the reverse link
  double flit_loss_rate = 0.0;     // data flits lost on the forward link (the receiver never sees them)
  bool stuck_receiver = false;     // the output stops draining at stuck_at_cycle ...
  uint64_t stuck_at_cycle = 2000;
  uint64_t stuck_for_cycles = 0;   // ... for this long (0 = for good)
  fc_fault fault = fc_fault::none; // TEST ONLY, on source 1's sender
  uint64_t cycles = 20000, warmup = 2000, seed = 1, stall_cycles = 20000;
  std::string out_dir;
  std::string wave_path;  // FST of source 1's sender and port 1's receiver
  bool progress = false;
};

nlohmann::json run_incast_bench(const incast_bench_config& cfg);

}  // namespace sb
