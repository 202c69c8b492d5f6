// SystemC model of the crossbar: one clocked SC_METHOD around xbar_core.
// Inputs and outputs are plain C++ members (no sc_signal inside the block);
// the bench writes inputs between edges and reads the registered outputs.
#pragma once

#include <systemc>

#include "sb_xbar_core.h"

namespace sb {

class sb_xbar : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk_i{"clk_i"};

  sb_xbar(const sc_core::sc_module_name& name, const xbar_params& p);

  xbar_core& core() { return core_; }
  const xbar_core& core() const { return core_; }

 private:
  void tick();
  xbar_core core_;
};

}  // namespace sb
