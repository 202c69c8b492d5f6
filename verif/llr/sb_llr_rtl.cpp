// Verilator's headers first: included after <systemc> they expect a
// SystemC-clocked model (sc_time_stamp); this one is clocked by hand.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_llr_pair.h"
#include "sb_rtl_block.h"
// (sb_llr_rtl.h brings in <systemc>)
#include "sb_llr_rtl.h"

#ifndef SB_LLR_RTL_MAX_DEPTH
#error "SB_LLR_RTL_MAX_DEPTH must match the MaxDepth of the Verilated build"
#endif

namespace sb {

namespace {

class llr_rtl_impl final : public llr_rtl_pair {
 public:
  explicit llr_rtl_impl(const llr_params& p) : h_("sb_llr_pair"), p_(p) {}
  void reset() override {
    pins<llr_pair_a_binding, Vsb_llr_pair>::config(*h_.top, p_.cfg());
    drive();
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) h_.edge();
    h_.top->rst_ni = 1;
    h_.top->eval();
    sample();
    cycle_ = 0;
  }

  void step() override {
    drive();
    h_.edge();
    sample();
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }

 private:
  // End a and end b: the generated bindings of the pair's a_* and b_* pins.
  void drive() {
    pins<llr_pair_a_binding, Vsb_llr_pair>::drive(*h_.top, end[0], w_);
    pins<llr_pair_b_binding, Vsb_llr_pair>::drive(*h_.top, end[1], w_);
  }
  void sample() {
    pins<llr_pair_a_binding, Vsb_llr_pair>::sample(*h_.top, end[0], w_);
    pins<llr_pair_b_binding, Vsb_llr_pair>::sample(*h_.top, end[1], w_);
  }

  std::vector<uint32_t> w_;  // (unused by single pin sets)
  verilated_harness<Vsb_llr_pair> h_;
  llr_params p_;
};

}  // namespace

int llr_rtl_max_depth() { return SB_LLR_RTL_MAX_DEPTH; }

std::unique_ptr<llr_rtl_pair> make_llr_rtl(const llr_params& p, std::string* why) {
  if (p.depth > SB_LLR_RTL_MAX_DEPTH) {
    if (why)
      *why = "llr.replay_depth=" + std::to_string(p.depth) + " exceeds the RTL build's MaxDepth " +
             std::to_string(SB_LLR_RTL_MAX_DEPTH) + " (rebuild with -DSKYBENCH_LLR_RTL_MAX_DEPTH)";
    return nullptr;
  }
  return std::make_unique<llr_rtl_impl>(p);
}

}  // namespace sb
