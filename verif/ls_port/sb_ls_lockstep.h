// Block-level lockstep bench of the LS port initiator: ls_initiator_core (the
// model) and the Verilated sb_ls_port (the RTL) driven with identical inputs
// every cycle (seeded random requests, random net_ready_i, responses from a
// bench responder with random delays, some dropped, some of the wrong type or
// source, optional stray headers, optional late responses after a timeout) and
// every output compared every cycle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_ls_core.h"
#include "sb_types.h"

namespace sb {

struct ls_lockstep_cfg {
  uint64_t seed = 1;
  uint64_t cycles = 20000;
  ls_params p{};
  double req_rate = 0.6;        // a new request is offered in a cycle with none waiting
  double net_ready = 0.8;       // P(net_ready_i) per cycle
  uint32_t min_delay = 1;       // response delay after the request's last flit, cycles
  uint32_t max_delay = 300;
  double drop = 0.02;           // responses never sent (the transaction times out)
  double bad = 0.01;            // responses of the wrong ptype or from the wrong endpoint
  double rsp_gap = 0.1;         // P(an idle cycle inside a response packet)
  double stray = 0.0;           // P(per cycle) of a 1-flit response for a tag not outstanding
  double late = 0.0;            // P(a response not yet started when its transaction times out is sent anyway, late)
  ls_fault fault = ls_fault::none;  // injected into the model only
  uint64_t fault_cycle = 0;
  std::string fst;              // RTL waveform, when not empty
  bool stop_at_mismatch = true;
};

struct ls_lockstep_result {
  std::string why;              // set when no RTL could be built for the parameters
  uint64_t cycles = 0;          // cycles run
  uint64_t compared = 0;        // cycles whose outputs were all compared
  uint64_t mismatches = 0;      // cycles with at least one differing output
  uint64_t first_mismatch_cycle = 0;
  std::string first_mismatch;   // "<output>: model ... rtl ..."
  uint64_t assertion_failures = 0;
  ls_stat_t stat{};             // the model's counters at the end
  std::vector<std::string> model_violations;
  // Coverage evidence
  uint64_t not_ready_cycles = 0;   // a request waited with req_ready_o low
  uint64_t full_cycles = 0;        // outstanding == max_tags
  uint64_t stalled_cycles = 0;     // net_o valid and not consumed
  uint64_t rsp_in_progress_timeouts = 0;  // a tag timed out while its response was arriving
  uint64_t out_of_order = 0;       // completions not in issue order
  uint64_t late_sent = 0;          // responses kept after their transaction timed out (sent late)
  uint64_t masked_writes = 0;      // partial writes accepted (a mask flit each)
  double seconds = 0;
};

ls_lockstep_result ls_lockstep_run(const ls_lockstep_cfg& c);

}  // namespace sb
