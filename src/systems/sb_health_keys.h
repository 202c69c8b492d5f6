// link.phy.*, telemetry.*, link_health.* (sb_health_keys.cpp).
#pragma once

#include "sb_config.h"
#include "sb_phy.h"
#include "sb_pod_bench.h"

namespace sb {

void health_keys(config_schema& s);   // the keys
void health_rules(config_schema& s);  // their cross-field rules and systems
phy_params phy_of(const config& c);
pod_health_config health_of(const config& c, double cycle_ns);

}  // namespace sb
