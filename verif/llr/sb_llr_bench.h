// Link bench: traffic source -> LLR end a -> link a->b -> LLR end b -> sink,
// and the same from b to a. The LLR ends are the SystemC model, the
// Verilated RTL, or both in lockstep (each with its own copy of the link,
// seeded alike, so both see identical faults); the comparator checks every
// output of both ends every cycle, and a link scoreboard checks that every
// flit offered at one end is delivered at the other exactly once, intact and
// in order.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sb_bench_util.h"
#include "sb_link.h"
#include "sb_llr_core.h"

namespace sb {

struct llr_bench_config {
  llr_params llr;
  link_params link;
  impl_mode impl = impl_mode::lockstep;
  double load[2] = {0.7, 0.7};  // flits/cycle offered at end a (to b) and at end b (to a)
  uint64_t cycles = 20000;       // traffic is generated in [0, cycles)
  uint64_t warmup = 2000;        // statistics cover [warmup, cycles)
  uint64_t seed = 1;
  uint64_t stall_cycles = 20000;  // watchdog floor; raised to cover replays, retrain and link-down
  llr_fault fault = llr_fault::none;  // TEST ONLY, applied to end a
  uint64_t fault_cycle = 0;
  std::string out_dir;
  std::string wave_path;
  int64_t wave_from = 0, wave_to = -1;
  bool progress = false;
};

// Elaborates, runs to completion and returns the report fragment
// {verdict, checks, latency{link}, throughput, sim, llr, link, coverage}.
// Runs once per process (SystemC elaborates once).
nlohmann::json run_llr_bench(const llr_bench_config& cfg);

}  // namespace sb
