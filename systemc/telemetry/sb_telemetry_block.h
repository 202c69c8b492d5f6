// The telemetry unit behind its generated port struct (telemetry_ports,
// rtl/common/sb_types.yaml "blocks:"): the model here, the Verilated RTL in
// verif/telemetry/sb_telemetry_rtl.h, both in lockstep via make_block.
#pragma once

#include <cstdint>
#include <memory>

#include "sb_block_base.h"
#include "sb_telemetry_core.h"

namespace sb {

using telemetry_block = block<telemetry_ports>;
using telemetry_model = model_block<telemetry_binding, telemetry_core>;

// miscount_at: TEST ONLY (telemetry_core::inject_miscount).
inline std::unique_ptr<telemetry_block> make_telemetry_model(const telemetry_params& p, uint64_t miscount_at = UINT64_MAX) {
  auto m = std::make_unique<telemetry_model>(p);
  m->core().inject_miscount(miscount_at);
  return m;
}

}  // namespace sb
