// The Verilated crossbar RTL behind the same cycle-level boundary as the
// model (plain C++ inputs and registered outputs, one step per rising edge),
// plus the SC_MODULE that clocks it. One Verilator build per structural size
// (ports, classes, max depth, max pipeline); the algorithm knobs are cfg_i.
#pragma once

#include <memory>
#include <string>
#include <systemc>
#include <vector>

#include "sb_types.h"
#include "sb_xbar_core.h"

namespace sb {

class xbar_rtl_model {
 public:
  virtual ~xbar_rtl_model() = default;
  std::vector<flit_t> in_flit_i;
  std::vector<uint8_t> out_ready_i;
  const flit_t& out_flit_o(int j) const { return out_flit_[j]; }
  const xbar_credit_t& in_credit_o(int i) const { return in_credit_[i]; }

  virtual void reset() = 0;  // applies cfg_i and a synchronous reset (two edges)
  virtual void step() = 0;   // one rising edge
  virtual void trace_open(const std::string& fst_path) = 0;
  virtual void trace_close() = 0;
  // Number of failed SVA assertions so far (their messages go to stderr).
  virtual uint64_t assertion_failures() const = 0;
  uint64_t cycle() const { return cycle_; }

 protected:
  std::vector<flit_t> out_flit_;
  std::vector<xbar_credit_t> in_credit_;
  uint64_t cycle_ = 0;
};

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
