// Verilator's headers first: included after <systemc> they expect a
// SystemC-clocked model (sc_time_stamp); this one is clocked by hand.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_ls_port.h"
#include "sb_rtl_block.h"
// (after the Verilator headers: sb_ls_rtl.h is plain C++)
#include "sb_ls_rtl.h"

#ifndef SB_LS_RTL_MAX_TAGS
#error "SB_LS_RTL_MAX_TAGS must match the MaxTags of the Verilated build"
#endif

namespace sb {

int ls_rtl_max_tags() { return SB_LS_RTL_MAX_TAGS; }

std::unique_ptr<ls_block> make_ls_rtl(const ls_params& p, std::string* why, const std::string& name) {
  const std::string bad = p.validate();
  if (!bad.empty()) {
    if (why) *why = bad;
    return nullptr;
  }
  if (p.max_tags > SB_LS_RTL_MAX_TAGS) {
    if (why)
      *why = "endpoint.max_outstanding=" + std::to_string(p.max_tags) + " exceeds the RTL build's MaxTags " +
             std::to_string(SB_LS_RTL_MAX_TAGS) + " (rebuild with -DSKYBENCH_LS_RTL_MAX_TAGS)";
    return nullptr;
  }
  return std::make_unique<rtl_block<ls_port_binding, Vsb_ls_port>>(p.cfg(), name);
}

}  // namespace sb
