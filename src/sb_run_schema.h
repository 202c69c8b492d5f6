// The configuration keys of `skybench run` (the schema) and their mapping to
// the benches (one file per system in src/systems/).
#pragma once

#include "sb_config.h"
#include "sb_fc_bench.h"
#include "sb_llr_bench.h"
#include "sb_pod_bench.h"
#include "sb_switch_bench.h"
#include "sb_xbar_bench.h"

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>

namespace sb {

// The schema: the common keys (sb_run_schema.cpp) and every system's own
// (src/systems/, the registry sb_system.h).
config_schema run_schema();

// A choice key's value mapped to its enum: the only way a choice value is
// read. Every value the schema accepts has its entry, and a value without one
// is a programming error (never a silent default). test_run_schema maps every
// choice of every key.
template <class E>
E choice_of(const config& c, const std::string& key, std::initializer_list<std::pair<const char*, E>> map) {
  const std::string v = c.get_string(key);
  for (const auto& [name, e] : map)
    if (v == name) return e;
  throw std::logic_error("config mapping: " + key + " = '" + v + "' has no mapping");
}
impl_mode impl_of(const config& c, const std::string& key);
fc_mode fc_mode_of(const config& c);  // flow_control.mode
link_params link_of(const config& c);  // rate, flit size and latency (link.*; not the error model)
enum class system_kind { xbar, llr, incast, pod, switch_chip, link_health };
system_kind system_of(const config& c);  // system
enum class pattern_kind { uniform, hotspot, permutation, incast, bursty, all_to_all, ring };
pattern_kind pattern_of(const config& c);  // traffic.pattern
bool is_load_store_pattern(pattern_kind p);  // all_to_all, ring: a pod's only
switch_fault switch_fault_of(const config& c);  // fault.switch
pod_fault pod_fault_of(const config& c);        // fault.pod
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
