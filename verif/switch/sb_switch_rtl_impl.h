// switch_rtl over one Verilated build of sb_switch (V = the Verilator class).
// Included only by the generated build registry (sb_switch_rtl_builds.cpp).
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sb_switch_rtl.h"
#include "sb_rtl_block.h"

namespace sb {

template <class V>
class switch_rtl_impl final : public switch_rtl {
 public:
  explicit switch_rtl_impl(int ports) : h_("sb_switch"), words_(pin_words(ports, switch_port_pins::kMaxPortBits)) {
    pins.assign(size_t(ports), switch_port_pins{});
  }

  // The generated adapter of rtl/common/sb_types.yaml "blocks: switch"; the
  // inputs at their defaults (0) during reset.
  void reset(const switch_regs& r) override {
    h_.top->test_fault_i = 0;
    reset_rtl<switch_binding>(h_, r, pins, words_);
    cycle_ = 0;
  }

  void step() override {
    // verilated_harness::edge(): eval with the clock low first (assertion
    // inputs are sampled at the start of eval), then the rising edge.
    sb::pins<switch_binding, V>::drive(*h_.top, pins, words_);
    h_.edge();
    sb::pins<switch_binding, V>::sample(*h_.top, pins, words_);
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }
  void set_test_fault(bool on) override { h_.top->test_fault_i = on; }

 private:
  verilated_harness<V> h_;
  std::vector<uint32_t> words_;
};

}  // namespace sb
