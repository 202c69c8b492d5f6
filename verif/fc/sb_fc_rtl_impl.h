// The PFC receiver's RTL adapter as a template over the Verilated class, so
// that a second build of the block (tests/fc: one with a reset removed on
// purpose, for the run.rtl_init test) plugs in the same way. Include after
// the Verilated model's header and sb_verilated_ports.h.
#pragma once

#include <string>

#include "sb_fc_blocks.h"
#include "sb_verilated_ports.h"

namespace sb {

template <class V, class Cfg>
inline void reset_with(verilated_harness<V>& h, const Cfg& cfg) {
  put_port(h.top->cfg_i, cfg);
  h.top->rst_ni = 0;
  for (int k = 0; k < 2; ++k) h.edge();
  h.top->rst_ni = 1;
}

template <class V>
class pfc_rx_rtl_of final : public fc_rx_block {
 public:
  pfc_rx_rtl_of(const pfc_rx_cfg_t& c, const std::string& name) : h_(name.c_str()) { reset_with(h_, c); }
  void step() override {
    put_port(h_.top->in_i, p.in_i);
    put_port(h_.top->deq_i, p.deq_i);
    h_.edge();
    get_port(h_.top->pause_o, p.pause_o);
    get_port(h_.top->drop_o, p.drop_o);
    get_port(h_.top->stat_o, p.pfc_stat);
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }

 private:
  verilated_harness<V> h_;
};

}  // namespace sb
