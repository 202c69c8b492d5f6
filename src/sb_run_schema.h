// The configuration keys of `skybench run` (the schema) and their mapping to
// the crossbar bench. Later blocks add their keys to the same schema.
#pragma once

#include "sb_config.h"
#include "sb_fc_bench.h"
#include "sb_llr_bench.h"
#include "sb_pod_bench.h"
#include "sb_switch_bench.h"
#include "sb_xbar_bench.h"

namespace sb {

config_schema run_schema();
// Assumes a config validated against run_schema().
xbar_bench_config to_xbar_bench_config(const config& c);
llr_bench_config to_llr_bench_config(const config& c);
incast_bench_config to_incast_bench_config(const config& c);
pod_bench_config to_pod_bench_config(const config& c);
switch_bench_config to_switch_bench_config(const config& c);

// PFC headroom for a lossless class (docs/flow-control.md "Sizing").
struct pfc_headroom {
  double cycle_ns = 0;
  uint32_t one_way_cycles = 0, reaction_cycles = 0, packet_flits = 0, flit_bytes = 0;
  uint32_t needed_flits = 0;      // 2 D + reaction + P + 1
  uint32_t configured_flits = 0;  // pfc.headroom_bytes (auto = needed), in flits
};
pfc_headroom pfc_headroom_of(const config& c);

}  // namespace sb
