// SystemC model of one LLR end: one clocked SC_METHOD around llr_core.
// Inputs and outputs are plain C++ members of the core (as in sb_xbar); the
// bench or the enclosing system writes inputs between edges and reads the
// registered outputs.
#pragma once

#include <systemc>

#include "sb_llr_core.h"

namespace sb {

class sb_llr : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk_i{"clk_i"};

  sb_llr(const sc_core::sc_module_name& name, const llr_params& p) : sc_core::sc_module(name), core_(p) {
    SC_HAS_PROCESS(sb_llr);
    SC_METHOD(tick);
    sensitive << clk_i.pos();
    dont_initialize();
  }

  llr_core& core() { return core_; }
  const llr_core& core() const { return core_; }

 private:
  void tick() { core_.step(); }
  llr_core core_;
};

}  // namespace sb
