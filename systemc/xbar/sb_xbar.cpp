#include "sb_xbar.h"

namespace sb {

sb_xbar::sb_xbar(const sc_core::sc_module_name& name, const xbar_params& p)
    : sc_core::sc_module(name), core_(p) {
  SC_HAS_PROCESS(sb_xbar);
  SC_METHOD(tick);
  sensitive << clk_i.pos();
  dont_initialize();
}

void sb_xbar::tick() { core_.step(); }

}  // namespace sb
