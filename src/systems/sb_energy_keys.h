// energy.* (sb_energy_keys.cpp; the model: verif/common/sb_energy.h, docs/energy.md).
#pragma once

#include <nlohmann/json.hpp>

#include "sb_config.h"
#include "sb_energy.h"

namespace sb {

void energy_keys(config_schema& s);  // the keys (read by systems pod and switch)
energy_params energy_params_of(const config& c);
// "  energy      2.31 uJ, 14.2 W per link, 410 W per switch, 9.8 pJ per payload bit" (report.json energy).
void print_energy_line(const nlohmann::json& r);

}  // namespace sb
