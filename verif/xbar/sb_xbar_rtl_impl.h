// xbar_rtl_model over one Verilated build (V = the Verilator class), through
// the generated adapter of rtl/common/sb_types.yaml "blocks: xbar".
// Included only by the generated variant registry (sb_xbar_rtl_builds.cpp).
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <memory>
#include <vector>

#include "sb_rtl_block.h"
#include "sb_xbar_rtl.h"

namespace sb {

template <class V>
class xbar_rtl_impl final : public xbar_rtl_model {
 public:
  explicit xbar_rtl_impl(const xbar_params& prm)
      : h_("sb_xbar"), cfg_(xbar_cfg_of(prm)), w_(pin_words(prm.ports, xbar_ports::kMaxPortBits)) {
    p.resize(size_t(prm.ports));
  }
  void reset() override {
    reset_rtl<xbar_binding>(h_, cfg_, p, w_);
    cycle_ = 0;
  }
  void step() override {
    // verilated_harness::edge(): inputs first and eval with the clock low
    // (Verilator samples assertion inputs at the start of eval), then the edge.
    pins<xbar_binding, V>::drive(*h_.top, p, w_);
    h_.edge();
    pins<xbar_binding, V>::sample(*h_.top, p, w_);
    ++cycle_;
  }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }

 private:
  verilated_harness<V> h_;
  xbar_cfg_t cfg_;
  std::vector<uint32_t> w_;
};

}  // namespace sb
