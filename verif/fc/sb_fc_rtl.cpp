// RTL adapters of the flow-control blocks: each a Verilated module of
// rtl/pfc or rtl/cbfc clocked by hand behind the fc_tx_block / fc_rx_block
// port structs.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_cbfc_rx.h"
#include "Vsb_cbfc_tx.h"
#include "Vsb_pfc_rx.h"
#include "Vsb_pfc_tx.h"
#include "sb_verilated_ports.h"
// (after the Verilator headers: sb_fc_blocks.h is plain C++)
#include "sb_fc_blocks.h"
#include "sb_fc_rtl_impl.h"

namespace sb {

namespace {

class pfc_tx_rtl final : public fc_tx_block {
 public:
  pfc_tx_rtl(const pfc_tx_cfg_t& c, const std::string& name) : h_(name.c_str()) { reset_with(h_, c); }
  void step() override {
    put_port(h_.top->pause_i, p.pause_i);
    h_.top->offer_i = p.offer_i;
    h_.top->sop_i = p.sop_i;
    h_.top->eop_i = p.eop_i;
    h_.edge();
    get_port(h_.top->grant_o, p.grant_o);
    get_port(h_.top->stat_o, p.pfc_stat);
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }

 private:
  verilated_harness<Vsb_pfc_tx> h_;
};

class cbfc_tx_rtl final : public fc_tx_block {
 public:
  cbfc_tx_rtl(const cbfc_cfg_t& c, const std::string& name) : h_(name.c_str()) { reset_with(h_, c); }
  void step() override {
    put_port(h_.top->credit_i, p.credit_i);
    h_.top->offer_i = p.offer_i;
    h_.top->sop_i = p.sop_i;
    h_.top->eop_i = p.eop_i;
    h_.edge();
    get_port(h_.top->grant_o, p.grant_o);
    get_port(h_.top->cc_o, p.cc_o);
    get_port(h_.top->stat_o, p.cbfc_stat);
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }

 private:
  verilated_harness<Vsb_cbfc_tx> h_;
};

class cbfc_rx_rtl final : public fc_rx_block {
 public:
  cbfc_rx_rtl(const cbfc_cfg_t& c, const std::string& name) : h_(name.c_str()) { reset_with(h_, c); }
  void step() override {
    put_port(h_.top->in_i, p.in_i);
    put_port(h_.top->deq_i, p.deq_i);
    put_port(h_.top->cc_i, p.cc_i);
    h_.edge();
    get_port(h_.top->credit_o, p.credit_o);
    get_port(h_.top->drop_o, p.drop_o);
    get_port(h_.top->stat_o, p.cbfc_stat);
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }

 private:
  verilated_harness<Vsb_cbfc_rx> h_;
};

}  // namespace

std::unique_ptr<fc_tx_block> make_fc_tx_rtl(const fc_cfgs& c, const std::string& name) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_tx_rtl>(c.cbfc, name);
  return std::make_unique<pfc_tx_rtl>(c.pfc_tx, name);
}

std::unique_ptr<fc_rx_block> make_fc_rx_rtl(const fc_cfgs& c, const std::string& name) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_rx_rtl>(c.cbfc, name);
  return std::make_unique<pfc_rx_rtl_of<Vsb_pfc_rx>>(c.pfc_rx, name);
}

}  // namespace sb
