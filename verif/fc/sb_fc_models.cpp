#include "sb_fc_blocks.h"

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

}  // namespace

std::unique_ptr<fc_tx_block> make_fc_tx_model(const fc_cfgs& c, fc_fault fault) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_tx_model>(c.cbfc, fault);
  return std::make_unique<pfc_tx_model>(c.pfc_tx, fault);
}

std::unique_ptr<fc_rx_block> make_fc_rx_model(const fc_cfgs& c) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<cbfc_rx_model>(c.cbfc);
  return std::make_unique<pfc_rx_model>(c.pfc_rx);
}

}  // namespace sb
