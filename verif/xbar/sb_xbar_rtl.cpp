#include "sb_xbar_rtl.h"

namespace sb {

xbar_cfg_t xbar_cfg_of(const xbar_params& p) {
  xbar_cfg_t c{};
  c.fifo = p.fifo;
  c.rr = p.rr;
  c.iters = uint8_t(p.iterations);
  c.depth = uint8_t(p.depth);
  c.pipe = uint8_t(p.pipeline);
  return c;
}

sb_xbar_rtl::sb_xbar_rtl(const sc_core::sc_module_name& name, std::unique_ptr<xbar_rtl_model> rtl)
    : sc_core::sc_module(name), rtl_(std::move(rtl)) {
  SC_HAS_PROCESS(sb_xbar_rtl);
  SC_METHOD(tick);
  sensitive << clk_i.pos();
  dont_initialize();
}

}  // namespace sb
