// The Verilated telemetry unit (rtl/telemetry/sb_telemetry.sv) as a block
// over the generated telemetry_ports (rtl/common/sb_types.yaml "blocks:"),
// the same boundary as the model (make_telemetry_model, sb_telemetry_block.h).
#pragma once

#include <memory>
#include <string>

#include "sb_telemetry_block.h"
#include "sb_telemetry_core.h"

namespace sb {

// The RTL for these parameters (reset, ready to step), or nullptr with `why`
// set to the reason (telemetry_params::validate) when they are invalid.
std::unique_ptr<telemetry_block> make_telemetry_rtl(const telemetry_params& p, const std::string& name,
                                                    std::string* why);

}  // namespace sb
