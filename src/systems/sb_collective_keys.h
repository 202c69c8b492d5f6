// workload.kind and collective.* (sb_collective_keys.cpp; docs/collectives.md).
#pragma once

#include "sb_collective.h"
#include "sb_config.h"
#include "sb_pod_bench.h"

namespace sb {

void collective_keys(config_schema& s);   // the keys
void collective_rules(config_schema& s);  // their cross-field rules and systems
collective_config collective_of(const config& c);
// b.coll, and with switch.reduction on the reduction units' ports (the chip grows to 2N ports).
void set_collective(const config& c, pod_bench_config& b);
void print_collective(const nlohmann::json& c);  // the summary lines of report.json's collective

}  // namespace sb
