// The Verilator adapter of every block: Binding's RTL module as Verilator
// class V behind the block's port struct, from the generated pins<Binding, V>
// (sb_block_pins.h). Include after the Verilated model's header.
#pragma once

#include <string>
#include <vector>

#include "sb_block_pins.h"
#include "sb_block_base.h"
#include "sb_verilated_ports.h"

namespace sb {

// Applies the configuration and a synchronous reset (two edges, every input
// at its port struct's default), then samples the outputs.
template <class Binding, class V>
void reset_rtl(verilated_harness<V>& h, const typename Binding::cfg& cfg, typename pins<Binding, V>::held& idle,
               std::vector<uint32_t>& w) {
  pins<Binding, V>::config(*h.top, cfg);
  pins<Binding, V>::drive(*h.top, idle, w);
  h.top->rst_ni = 0;
  for (int k = 0; k < 2; ++k) h.edge();
  h.top->rst_ni = 1;
  h.top->eval();
  pins<Binding, V>::sample(*h.top, idle, w);
}

// A block of one pin set (not replicated): write p's inputs, step(), read p's outputs.
template <class Binding, class V>
class rtl_block final : public block<typename Binding::ports> {
 public:
  rtl_block(const typename Binding::cfg& cfg, const std::string& name)
      : h_(name.c_str()), w_(pin_words(1, Binding::ports::kMaxPortBits)) {
    reset_rtl<Binding>(h_, cfg, this->p, w_);
  }
  void step() override {
    pins<Binding, V>::drive(*h_.top, this->p, w_);
    h_.edge();
    pins<Binding, V>::sample(*h_.top, this->p, w_);
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  V& top() { return *h_.top; }

 private:
  verilated_harness<V> h_;
  std::vector<uint32_t> w_;
};

}  // namespace sb
