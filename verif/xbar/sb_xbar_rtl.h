// The Verilated crossbar RTL behind the same cycle-level boundary as the
// model (plain C++ inputs and registered outputs, one step per rising edge),
// plus the SC_MODULE that clocks it. One Verilator build per structural size
// (ports, classes, max depth, max pipeline); the algorithm knobs are cfg_i.
#pragma once

#include <memory>
#include <string>
#include <systemc>
#include <vector>

#include "sb_block_base.h"
#include "sb_types.h"
#include "sb_xbar_core.h"

namespace sb {

// The Verilated crossbar as a block over the generated xbar_ports (vectors
// over the ports; rtl/common/sb_types.yaml "blocks: xbar"), plus reset() and
// the edge count for the standalone bench.
class xbar_rtl_model : public block<xbar_ports> {
 public:
  virtual void reset() = 0;  // applies cfg_i and a synchronous reset (two edges)
  uint64_t cycle() const { return cycle_; }

 protected:
  uint64_t cycle_ = 0;
};

// The configuration registers of these parameters.
xbar_cfg_t xbar_cfg_of(const xbar_params& p);

// A Verilated build for these parameters, or nullptr with `why` set.
std::unique_ptr<xbar_rtl_model> make_xbar_rtl(const xbar_params& p, std::string* why);
// The RTL builds compiled into this binary, e.g. "ports=16 classes<=4 depth<=8 pipeline<=8".
std::vector<std::string> xbar_rtl_builds();

class sb_xbar_rtl : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk_i{"clk_i"};
  sb_xbar_rtl(const sc_core::sc_module_name& name, std::unique_ptr<xbar_rtl_model> rtl);
  xbar_rtl_model& rtl() { return *rtl_; }

 private:
  void tick() { rtl_->step(); }
  std::unique_ptr<xbar_rtl_model> rtl_;
};

}  // namespace sb
