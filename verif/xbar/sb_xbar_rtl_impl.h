// xbar_rtl_model over one Verilated build (V = the Verilator class).
// Included only by the generated variant registry (sb_xbar_rtl_builds.cpp).
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <memory>
#include <type_traits>

#include "sb_verilated_ports.h"
#include "sb_xbar_rtl.h"

namespace sb {

template <class V>
class xbar_rtl_impl final : public xbar_rtl_model {
 public:
  explicit xbar_rtl_impl(const xbar_params& p) : h_("sb_xbar"), p_(p), n_(p.ports) {
    in_flit_i.assign(n_, flit_t{});
    out_ready_i.assign(n_, 1);
    out_flit_.assign(n_, flit_t{});
    in_credit_.assign(n_, xbar_credit_t{});
    words_.assign(size_t(n_) * ((flit_t::kBits + 31) / 32 + 1) + 8, 0);
  }
  void reset() override {
    xbar_cfg_t c{};
    c.fifo = p_.fifo;
    c.rr = p_.rr;
    c.iters = uint8_t(p_.iterations);
    c.depth = uint8_t(p_.depth);
    c.pipe = uint8_t(p_.pipeline);
    uint32_t cw[2] = {0, 0};
    c.pack(cw);
    port_from_words(h_.top->cfg_i, cw);
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) edge();
    h_.top->rst_ni = 1;
    sample_outputs();
    cycle_ = 0;
  }

  void step() override {
    // Inputs first and eval with the clock low, then the rising edge: Verilator
    // samples assertion inputs at the start of eval().
    std::fill(words_.begin(), words_.end(), 0);
    for (int i = 0; i < n_; ++i) in_flit_i[i].pack_at(words_.data(), i * flit_t::kBits);
    port_from_words(h_.top->in_flit_i, words_.data());
    std::fill(words_.begin(), words_.end(), 0);
    for (int j = 0; j < n_; ++j)
      if (out_ready_i[j]) words_[j >> 5] |= 1u << (j & 31);
    port_from_words(h_.top->out_ready_i, words_.data());
    edge();
    sample_outputs();
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }

 private:
  void edge() { h_.edge(); }
  void sample_outputs() {
    port_to_words(h_.top->out_flit_o, words_.data());
    for (int j = 0; j < n_; ++j) out_flit_[j].unpack_at(words_.data(), j * flit_t::kBits);
    port_to_words(h_.top->in_credit_o, words_.data());
    for (int i = 0; i < n_; ++i) in_credit_[i].unpack_at(words_.data(), i * xbar_credit_t::kBits);
  }

  verilated_harness<V> h_;
  xbar_params p_;
  int n_;
  std::vector<uint32_t> words_;
};

}  // namespace sb
