// Model implementations of the block boundaries of sb_blocks.h.
#include "sb_blocks.h"

namespace sb {

namespace {

class pfc_tx_model final : public fc_tx_block {
 public:
  pfc_tx_model(const pfc_tx_cfg_t& c, fc_fault f) : core_(c) { core_.inject_fault(f); }
  void step() override {
    core_.pause_i = p.pause_i;
    core_.offer_i = p.offer_i;
    core_.sop_i = p.sop_i;
    core_.eop_i = p.eop_i;
    core_.step();
    p.grant_o = core_.grant_o();
    p.pfc_stat = core_.stat_o();
  }
  std::vector<std::string> violations() const override { return core_.violations(); }

 private:
  pfc_tx_core core_;
};

class cbfc_tx_model final : public fc_tx_block {
 public:
  cbfc_tx_model(const cbfc_cfg_t& c, fc_fault f) : core_(c) { core_.inject_fault(f); }
  void step() override {
    core_.credit_i = p.credit_i;
    core_.offer_i = p.offer_i;
    core_.sop_i = p.sop_i;
    core_.eop_i = p.eop_i;
    core_.step();
    p.grant_o = core_.grant_o();
    p.cc_o = core_.cc_o();
    p.cbfc_stat = core_.stat_o();
  }
  std::vector<std::string> violations() const override { return core_.violations(); }

 private:
  cbfc_tx_core core_;
};

class pfc_rx_model final : public fc_rx_block {
 public:
  explicit pfc_rx_model(const pfc_rx_cfg_t& c) : core_(c) {}
  void step() override {
    core_.in_i = p.in_i;
    core_.deq_i = p.deq_i;
    core_.step();
    p.pause_o = core_.pause_o();
    p.drop_o = core_.drop_o();
    p.pfc_stat = core_.stat_o();
  }
  std::vector<std::string> violations() const override { return core_.violations(); }

 private:
  pfc_rx_core core_;
};

class cbfc_rx_model final : public fc_rx_block {
 public:
  explicit cbfc_rx_model(const cbfc_cfg_t& c) : core_(c) {}
  void step() override {
    core_.in_i = p.in_i;
    core_.deq_i = p.deq_i;
    core_.cc_i = p.cc_i;
    core_.step();
    p.credit_o = core_.credit_o();
    p.drop_o = core_.drop_o();
    p.cbfc_stat = core_.stat_o();
  }
  std::vector<std::string> violations() const override { return core_.violations(); }

 private:
  cbfc_rx_core core_;
};

class xbar_model final : public xbar_block {
 public:
  xbar_model(const xbar_params& p, xbar_fault f, uint64_t at) : c_(p) { c_.inject_fault(f, at); }
  std::vector<flit_t>& in() override { return c_.in_flit_i; }
  std::vector<uint8_t>& ready() override { return c_.out_ready_i; }
  const flit_t& out(int j) const override { return c_.out_flit_o(j); }
  const xbar_credit_t& credit(int i) const override { return c_.in_credit_o(i); }
  void step() override { c_.step(); }
  std::vector<std::string> violations() const override { return c_.violations(); }

 private:
  xbar_core c_;
};

class llr_end_model final : public llr_end_block {
 public:
  llr_end_model(const llr_params& prm, llr_fault f, uint64_t at) : c_(prm) {
    c_.inject_fault(f, at);
    publish();
  }
  void step() override {
    c_.up_i = p.up_i;
    c_.link_i = p.link_i;
    c_.link_data_i = p.link_data_i;
    c_.step();
    publish();
  }
  std::vector<std::string> violations() const override { return c_.violations(); }

 private:
  void publish() {
    p.up_ready_o = c_.up_ready_o();
    p.link_o = c_.link_o();
    p.link_data_o = c_.link_data_o();
    p.down_o = c_.down_o();
    p.stat_o = c_.stat_o();
  }
  llr_core c_;
};

}  // namespace

std::unique_ptr<xbar_block> make_xbar_model(const xbar_params& p, xbar_fault f, uint64_t at) {
  return std::make_unique<xbar_model>(p, f, at);
}

std::unique_ptr<llr_end_block> make_llr_end_model(const llr_params& p, llr_fault f, uint64_t at) {
  return std::make_unique<llr_end_model>(p, f, at);
}

std::unique_ptr<fc_tx_block> make_fc_tx_model(const fc_cfgs& c, fc_fault fault) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_tx_model>(c.cbfc, fault);
  return std::make_unique<pfc_tx_model>(c.pfc_tx, fault);
}

std::unique_ptr<fc_rx_block> make_fc_rx_model(const fc_cfgs& c) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_rx_model>(c.cbfc);
  return std::make_unique<pfc_rx_model>(c.pfc_rx);
}

}  // namespace sb
