#include "sb_switch_rtl.h"

#include <algorithm>

// The storage parameters of every Verilated build (verif/CMakeLists.txt).
#if !defined(SB_SWITCH_RTL_CLASSES) || !defined(SB_SWITCH_RTL_XBAR_MAX_DEPTH) ||   \
    !defined(SB_SWITCH_RTL_XBAR_MAX_PIPE) || !defined(SB_SWITCH_RTL_LLR_MAX_DEPTH) || \
    !defined(SB_SWITCH_RTL_MAX_INGRESS) || !defined(SB_SWITCH_RTL_MAX_EGRESS) ||     \
    !defined(SB_SWITCH_RTL_MAX_SW_PIPE)
#error "SB_SWITCH_RTL_* must match the parameters of the Verilated builds"
#endif

namespace sb {

switch_rtl_sizes switch_rtl_build_sizes() {
  switch_rtl_sizes s;
  const std::vector<int> ports = switch_rtl_ports();
  s.ports = ports.empty() ? 0 : *std::max_element(ports.begin(), ports.end());
  s.classes = SB_SWITCH_RTL_CLASSES;
  s.xbar_max_depth = SB_SWITCH_RTL_XBAR_MAX_DEPTH;
  s.xbar_max_pipe = SB_SWITCH_RTL_XBAR_MAX_PIPE;
  s.llr_max_depth = SB_SWITCH_RTL_LLR_MAX_DEPTH;
  s.max_ingress = SB_SWITCH_RTL_MAX_INGRESS;
  s.max_egress = SB_SWITCH_RTL_MAX_EGRESS;
  s.max_sw_pipe = SB_SWITCH_RTL_MAX_SW_PIPE;
  return s;
}

}  // namespace sb
