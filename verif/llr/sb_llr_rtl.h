// The Verilated LLR RTL (rtl/llr/sb_llr.sv): both ends of one link in one
// model (verif/llr/sb_llr_pair.sv, so one FST shows both), behind the same
// cycle-level boundary as llr_core: plain C++ inputs, registered outputs,
// one step per rising edge. Plus the SC_MODULE that clocks it.
#pragma once

#include <memory>
#include <string>
#include <systemc>

#include "sb_blocks.h"
#include "sb_llr_core.h"
#include "sb_types.h"

namespace sb {

class llr_rtl_pair {
 public:
  virtual ~llr_rtl_pair() = default;
  llr_end_ports end[2];  // 0 = a, 1 = b

  virtual void reset() = 0;  // applies cfg_i and a synchronous reset (two edges)
  virtual void step() = 0;   // one rising edge
  virtual void trace_open(const std::string& fst_path) = 0;
  virtual void trace_close() = 0;
  virtual uint64_t assertion_failures() const = 0;  // failed SVA so far
  uint64_t cycle() const { return cycle_; }

 protected:
  uint64_t cycle_ = 0;
};

// The replay-buffer storage (MaxDepth) of the Verilated build.
int llr_rtl_max_depth();
// The RTL for these parameters, or nullptr with `why` set.
std::unique_ptr<llr_rtl_pair> make_llr_rtl(const llr_params& p, std::string* why);
// One end (sb_llr alone, the same MaxDepth), or nullptr with `why` set.
std::unique_ptr<llr_end_block> make_llr_end_rtl(const llr_params& p, const std::string& name, std::string* why);

class sb_llr_rtl : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk_i{"clk_i"};
  sb_llr_rtl(const sc_core::sc_module_name& name, std::unique_ptr<llr_rtl_pair> rtl)
      : sc_core::sc_module(name), rtl_(std::move(rtl)) {
    SC_HAS_PROCESS(sb_llr_rtl);
    SC_METHOD(tick);
    sensitive << clk_i.pos();
    dont_initialize();
  }
  llr_rtl_pair& rtl() { return *rtl_; }
  const llr_rtl_pair& rtl() const { return *rtl_; }

 private:
  void tick() { rtl_->step(); }
  std::unique_ptr<llr_rtl_pair> rtl_;
};

}  // namespace sb
