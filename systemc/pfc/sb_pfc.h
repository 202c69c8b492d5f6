// Priority Flow Control engines, the reference of docs/flow-control.md
// "Cycle-level behaviour": the receiver (ingress accounting, XOFF/XON,
// pause frames) and the sender (pause timers, reaction, start gating, class
// selection, storm watchdog). Plain C++; one step() per rising edge.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

// "" when the configuration is one the engine supports, else the reason.
std::string validate(const pfc_rx_cfg_t& c);
std::string validate(const pfc_tx_cfg_t& c);

class pfc_rx_core {
 public:
  explicit pfc_rx_core(const pfc_rx_cfg_t& cfg);  // throws std::invalid_argument: validate(cfg)
  flit_t in_i{};
  fc_sel_t deq_i{};
  const pause_t& pause_o() const { return pause_o_; }
  const fc_drop_t& drop_o() const { return drop_o_; }
  const pfc_rx_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  pfc_rx_cfg_t cfg_;
  std::array<uint32_t, 8> occ_{}, rcnt_{};
  uint8_t paused_ = 0;
  pause_t pause_o_{};
  fc_drop_t drop_o_{};
  pfc_rx_stat_t stat_{};
  uint64_t cycle_ = 0;
  std::vector<std::string> violations_;
};

// Test-only fault: the sender ignores pause frames (a broken flow control
// that the scoreboard and the headroom counters must catch).
enum class fc_fault { none, ignore_pause, ignore_credits };

class pfc_tx_core {
 public:
  explicit pfc_tx_core(const pfc_tx_cfg_t& cfg);  // throws std::invalid_argument: validate(cfg)
  pause_t pause_i{};
  uint8_t offer_i = 0, sop_i = 0, eop_i = 0;  // bit c = class c
  const fc_sel_t& grant_o() const { return grant_o_; }
  const pfc_tx_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  void inject_fault(fc_fault f) { fault_ = f; }
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  pfc_tx_cfg_t cfg_;
  std::array<uint32_t, 8> timer_{}, age_{}, wd_{};
  bool cur_valid_ = false;
  uint8_t cur_cls_ = 0;
  fc_sel_t grant_o_{};
  pfc_tx_stat_t stat_{};
  fc_fault fault_ = fc_fault::none;
  uint64_t cycle_ = 0;
  std::vector<std::string> violations_;
};

}  // namespace sb
