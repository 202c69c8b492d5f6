// Verilator's headers first: included after <systemc> they expect a
// SystemC-clocked model (sc_time_stamp); this one is clocked by hand.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_telemetry.h"
#include "sb_rtl_block.h"
// (after the Verilator headers: sb_telemetry_rtl.h is plain C++)
#include "sb_telemetry_rtl.h"

namespace sb {

std::unique_ptr<telemetry_block> make_telemetry_rtl(const telemetry_params& p, const std::string& name,
                                                    std::string* why) {
  const std::string bad = p.validate();
  if (!bad.empty()) {
    if (why) *why = bad;
    return nullptr;
  }
  return std::make_unique<rtl_block<telemetry_binding, Vsb_telemetry>>(p.cfg(), name);
}

}  // namespace sb
