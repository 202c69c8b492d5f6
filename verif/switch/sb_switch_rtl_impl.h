// switch_rtl over one Verilated build of sb_switch (V = the Verilator class).
// Included only by the generated build registry (sb_switch_rtl_builds.cpp).
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sb_switch_rtl.h"
#include "sb_verilated_ports.h"

namespace sb {

template <class V>
class switch_rtl_impl final : public switch_rtl {
 public:
  explicit switch_rtl_impl(int ports) : h_("sb_switch"), n_(ports) {
    pins.assign(size_t(n_), switch_port_pins{});
    // The widest per-port type (pfc_rx_stat_t) times the ports, plus slack
    // for port_to_words / port_from_words of the last VlWide word.
    words_.assign(size_t(n_) * (size_t(pfc_rx_stat_t::kBits) / 32 + 1) + 8, 0);
  }

  void reset(const switch_regs& r) override {
    put_port(h_.top->xbar_cfg_i, r.xbar);
    put_port(h_.top->llr_cfg_i, r.llr);
    put_port(h_.top->pfc_rx_cfg_i, r.pfc_rx);
    put_port(h_.top->pfc_tx_cfg_i, r.pfc_tx);
    put_port(h_.top->cbfc_cfg_i, r.cbfc);
    put_port(h_.top->sw_cfg_i, r.sw);
    // Inputs 0 during reset.
    std::fill(words_.begin(), words_.end(), 0);
    port_from_words(h_.top->link_i, words_.data());
    port_from_words(h_.top->link_data_i, words_.data());
    port_from_words(h_.top->pause_i, words_.data());
    port_from_words(h_.top->credit_i, words_.data());
    port_from_words(h_.top->cc_i, words_.data());
    h_.top->test_fault_i = 0;
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) h_.edge();
    h_.top->rst_ni = 1;
    h_.top->eval();
    sample_outputs();
    cycle_ = 0;
  }

  void step() override {
    put(h_.top->link_i, &switch_port_pins::link_i);
    put(h_.top->link_data_i, &switch_port_pins::link_data_i);
    put(h_.top->pause_i, &switch_port_pins::pause_i);
    put(h_.top->credit_i, &switch_port_pins::credit_i);
    put(h_.top->cc_i, &switch_port_pins::cc_i);
    // verilated_harness::edge(): eval with the clock low first (assertion
    // inputs are sampled at the start of eval), then the rising edge.
    h_.edge();
    sample_outputs();
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }
  void set_test_fault(bool on) override { h_.top->test_fault_i = on; }

 private:
  // Port p's value of a per-port field at bits [p * T::kBits, +kBits).
  template <class T, class P>
  void put(P& port, T switch_port_pins::*m) {
    std::fill(words_.begin(), words_.end(), 0);
    for (int p = 0; p < n_; ++p) (pins[size_t(p)].*m).pack_at(words_.data(), p * T::kBits);
    port_from_words(port, words_.data());
  }
  template <class T, class P>
  void get(const P& port, T switch_port_pins::*m) {
    port_to_words(port, words_.data());
    for (int p = 0; p < n_; ++p) (pins[size_t(p)].*m).unpack_at(words_.data(), p * T::kBits);
  }
  void sample_outputs() {
    get(h_.top->link_o, &switch_port_pins::link_o);
    get(h_.top->link_data_o, &switch_port_pins::link_data_o);
    get(h_.top->pause_o, &switch_port_pins::pause_o);
    get(h_.top->credit_o, &switch_port_pins::credit_o);
    get(h_.top->cc_o, &switch_port_pins::cc_o);
    get(h_.top->fc_drop_o, &switch_port_pins::fc_drop_o);
    get(h_.top->llr_stat_o, &switch_port_pins::llr_stat_o);
    get(h_.top->pfc_rx_stat_o, &switch_port_pins::pfc_rx_stat_o);
    get(h_.top->pfc_tx_stat_o, &switch_port_pins::pfc_tx_stat_o);
    get(h_.top->cbfc_rx_stat_o, &switch_port_pins::cbfc_rx_stat_o);
    get(h_.top->cbfc_tx_stat_o, &switch_port_pins::cbfc_tx_stat_o);
    get(h_.top->ingress_stat_o, &switch_port_pins::ingress_stat_o);
    get(h_.top->egress_stat_o, &switch_port_pins::egress_stat_o);
  }

  verilated_harness<V> h_;
  int n_;
  std::vector<uint32_t> words_;
};

}  // namespace sb
