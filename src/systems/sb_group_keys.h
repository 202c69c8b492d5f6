// endpoints.groups.<i>.* (sb_group_keys.cpp; docs/pod.md "Heterogeneous
// endpoints"): up to kMaxGroups endpoint groups of a pod, each with its own
// profile; unset fields inherit the pod-wide endpoint.* / traffic.* keys.
#pragma once

#include <string>
#include <vector>

#include "sb_config.h"
#include "sb_pod_bench.h"

namespace sb {

constexpr int kMaxGroups = 8;

void group_keys(config_schema& s);   // the keys
void group_rules(config_schema& s);  // their cross-field rules and the system that reads them
// The groups the config defines (a count > 0), resolved against the pod-wide
// fields of b (ls, target, traffic, planes); empty when none is defined.
std::vector<endpoint_group> groups_of(const config& c, const pod_bench_config& b);

}  // namespace sb
