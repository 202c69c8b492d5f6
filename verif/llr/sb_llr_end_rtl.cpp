// One Verilated LLR end (rtl/llr/sb_llr.sv) behind the llr_end_block
// boundary: what a composition (the switch model's ports, an endpoint)
// holds when impl.llr is rtl or lockstep. The generic rtl_block over the
// generated llr binding (rtl/common/sb_types.yaml "blocks:").
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_llr.h"
#include "sb_rtl_block.h"
// (sb_llr_rtl.h brings in <systemc>)
#include "sb_llr_rtl.h"

namespace sb {

std::unique_ptr<llr_end_block> make_llr_end_rtl(const llr_params& p, const std::string& name, std::string* why) {
  if (p.depth > llr_rtl_max_depth()) {
    if (why)
      *why = "llr.replay_depth=" + std::to_string(p.depth) + " exceeds the RTL build's MaxDepth " +
             std::to_string(llr_rtl_max_depth()) + " (rebuild with -DSKYBENCH_LLR_RTL_MAX_DEPTH)";
    return nullptr;
  }
  return std::make_unique<rtl_block<llr_binding, Vsb_llr>>(p.cfg(), name);
}

}  // namespace sb
