// xbar_rtl_model over one Verilated build (V = the Verilator class).
// Included only by the generated variant registry (sb_xbar_rtl_builds.cpp).
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <memory>
#include <type_traits>

#include "sb_xbar_rtl.h"

namespace sb {

// Verilator ports are CData/SData/IData/QData up to 64 bits and VlWide above.
template <class P>
inline void port_from_words(P& p, const uint32_t* w) {
  uint64_t v = w[0];
  if constexpr (sizeof(P) > 4) v |= uint64_t(w[1]) << 32;
  p = static_cast<P>(v);
}
template <std::size_t N>
inline void port_from_words(VlWide<N>& p, const uint32_t* w) {
  for (std::size_t i = 0; i < N; ++i) p[i] = w[i];
}
template <class P>
inline void port_to_words(const P& p, uint32_t* w) {
  const uint64_t v = p;
  w[0] = uint32_t(v);
  if constexpr (sizeof(P) > 4) w[1] = uint32_t(v >> 32);
}
template <std::size_t N>
inline void port_to_words(const VlWide<N>& p, uint32_t* w) {
  for (std::size_t i = 0; i < N; ++i) w[i] = p[i];
}

template <class V>
class xbar_rtl_impl final : public xbar_rtl_model {
 public:
  explicit xbar_rtl_impl(const xbar_params& p) : p_(p), n_(p.ports) {
    ctx_ = std::make_unique<VerilatedContext>();
    ctx_->fatalOnError(false);  // SVA failures are counted and reported, not aborts
    ctx_->traceEverOn(true);
    top_ = std::make_unique<V>(ctx_.get(), "sb_xbar");
    in_flit_i.assign(n_, flit_t{});
    out_ready_i.assign(n_, 1);
    out_flit_.assign(n_, flit_t{});
    in_credit_.assign(n_, xbar_credit_t{});
    words_.assign(size_t(n_) * ((flit_t::kBits + 31) / 32 + 1) + 8, 0);
  }
  ~xbar_rtl_impl() override {
    trace_close();
    top_->final();
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
    port_from_words(top_->cfg_i, cw);
    top_->rst_ni = 0;
    for (int k = 0; k < 2; ++k) edge();
    top_->rst_ni = 1;
    sample_outputs();
    cycle_ = 0;
  }

  void step() override {
    // Inputs first and eval with the clock low, then the rising edge: Verilator
    // samples assertion inputs at the start of eval().
    std::fill(words_.begin(), words_.end(), 0);
    for (int i = 0; i < n_; ++i) in_flit_i[i].pack_at(words_.data(), i * flit_t::kBits);
    port_from_words(top_->in_flit_i, words_.data());
    std::fill(words_.begin(), words_.end(), 0);
    for (int j = 0; j < n_; ++j)
      if (out_ready_i[j]) words_[j >> 5] |= 1u << (j & 31);
    port_from_words(top_->out_ready_i, words_.data());
    edge();
    sample_outputs();
    ++cycle_;
  }

  void trace_open(const std::string& path) override {
    if (tfp_) return;
    tfp_ = std::make_unique<VerilatedFstC>();
    top_->trace(tfp_.get(), 99);
    tfp_->open(path.c_str());
  }
  void trace_close() override {
    if (!tfp_) return;
    tfp_->close();
    tfp_.reset();
  }
  uint64_t assertion_failures() const override { return failures_; }

 private:
  void edge() {
    top_->clk_i = 0;
    top_->eval();
    if (tfp_) tfp_->dump(ctx_->time());
    ctx_->timeInc(1);
    top_->clk_i = 1;
    top_->eval();
    if (tfp_) tfp_->dump(ctx_->time());
    ctx_->timeInc(1);
    if (ctx_->gotError()) {
      ++failures_;
      ctx_->gotError(false);
    }
  }
  void sample_outputs() {
    port_to_words(top_->out_flit_o, words_.data());
    for (int j = 0; j < n_; ++j) out_flit_[j].unpack_at(words_.data(), j * flit_t::kBits);
    port_to_words(top_->in_credit_o, words_.data());
    for (int i = 0; i < n_; ++i) in_credit_[i].unpack_at(words_.data(), i * xbar_credit_t::kBits);
  }

  xbar_params p_;
  int n_;
  std::unique_ptr<VerilatedContext> ctx_;
  std::unique_ptr<V> top_;
  std::unique_ptr<VerilatedFstC> tfp_;
  std::vector<uint32_t> words_;
  uint64_t failures_ = 0;
};

}  // namespace sb
