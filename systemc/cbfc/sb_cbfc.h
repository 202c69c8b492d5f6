// Credit-based flow control engines (UEC CBFC), the reference of
// docs/flow-control.md "Cycle-level behaviour": the sender (credits consumed
// and freed per VC, selection only with credit, credits-consumed sync) and
// the receiver (accounting, credits freed, update spacing, sync recovery).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sb_pfc.h"  // fc_fault
#include "sb_types.h"

namespace sb {

// "" when the configuration is one the engines support, else the reason.
std::string validate(const cbfc_cfg_t& c);

class cbfc_tx_core {
 public:
  explicit cbfc_tx_core(const cbfc_cfg_t& cfg);  // throws std::invalid_argument: validate(cfg)
  credit_t credit_i{};
  uint8_t offer_i = 0, sop_i = 0, eop_i = 0;
  const fc_sel_t& grant_o() const { return grant_o_; }
  const cc_update_t& cc_o() const { return cc_o_; }
  const cbfc_tx_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  void inject_fault(fc_fault f) { fault_ = f; }
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  cbfc_cfg_t cfg_;
  std::array<uint16_t, 8> cc_{}, cf_{};
  bool cur_valid_ = false;
  uint8_t cur_cls_ = 0;
  uint32_t cct_ = 0;
  fc_sel_t grant_o_{};
  cc_update_t cc_o_{};
  cbfc_tx_stat_t stat_{};
  fc_fault fault_ = fc_fault::none;
  uint64_t cycle_ = 0;
  std::vector<std::string> violations_;
};

class cbfc_rx_core {
 public:
  explicit cbfc_rx_core(const cbfc_cfg_t& cfg);  // throws std::invalid_argument: validate(cfg)
  flit_t in_i{};
  fc_sel_t deq_i{};
  cc_update_t cc_i{};
  const credit_t& credit_o() const { return credit_o_; }
  const fc_drop_t& drop_o() const { return drop_o_; }
  const cbfc_rx_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  cbfc_cfg_t cfg_;
  std::array<uint32_t, 8> occ_{}, since_{};
  std::array<uint16_t, 8> rcf_{}, rcc_{}, sent_{};
  uint32_t rr_ = 0;
  credit_t credit_o_{};
  fc_drop_t drop_o_{};
  cbfc_rx_stat_t stat_{};
  uint64_t cycle_ = 0;
  std::vector<std::string> violations_;
};

}  // namespace sb
