// Cycle-accurate Link Layer Retry engine, one end of a link: the reference of
// docs/llr.md "Cycle-level behaviour", in plain C++ so that unit tests, the
// SystemC module and the benches share one implementation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

struct llr_params {
  int seq_bits = 12;         // sequence numbers modulo 2^seq_bits (4..20)
  int depth = 64;            // replay buffer, flits
  uint32_t timer = 1000;     // replay timer, cycles
  int max_replays = 3;       // consecutive replays without progress before a link error
  int ack_spacing = 16;      // flits (and cycles of age) between ACKs
  uint32_t retrain = 1000;   // cycles in the link-error (retrain) state
  int max_depth = 1024;      // storage provisioned (the RTL's MaxDepth)

  std::string validate() const;  // "" when valid, else the reason naming the field
  llr_cfg_t cfg() const;
};

// Test-only fault hooks that break the LLR on purpose, to prove the link
// scoreboard and the comparator catch it. Active from fault_cycle on.
//   skip_replay:  replays and retrains do not rewind (the NACKed flits are never resent)
//   no_crc_check: the receiver delivers flits with a bad CRC
//   early_ack:    the receiver acknowledges one flit more than it received
enum class llr_fault { none, skip_replay, no_crc_check, early_ack };

class llr_core {
 public:
  explicit llr_core(const llr_params& p);

  // Inputs, written before an edge.
  flit_t up_i{};
  llr_wire_t link_i{};
  flit_t link_data_i{};

  // Outputs. up_ready_o depends on registers only; the others are registers.
  bool up_ready_o() const { return tx_state_ == 0 && occ_ < uint32_t(p_.depth); }
  const llr_wire_t& link_o() const { return link_o_; }
  const flit_t& link_data_o() const { return link_data_o_; }
  const flit_t& down_o() const { return down_o_; }
  const llr_stat_t& stat_o() const { return stat_; }

  void reset();
  void step();  // one rising clock edge
  uint64_t cycle() const { return cycle_; }

  void inject_fault(llr_fault f, uint64_t at_cycle) {
    fault_ = f;
    fault_cycle_ = at_cycle;
  }
  // Model-side assertions (the RTL's SVA equivalents); empty in a correct run.
  const std::vector<std::string>& violations() const { return violations_; }

  // Introspection for benches (not ports).
  uint32_t base() const { return base_; }
  uint32_t hw() const { return hw_; }
  uint32_t expected() const { return expected_; }
  const llr_params& params() const { return p_; }

 private:
  void violation(const std::string& what);
  bool faulty(llr_fault f) const { return fault_ == f && cycle_ >= fault_cycle_; }

  llr_params p_;
  uint32_t mask_;      // M - 1
  uint32_t buf_mask_;  // storage - 1 (power of two)
  std::vector<flit_t> buf_;
  // TX
  uint8_t tx_state_ = 0;  // 0 ADVANCE, 1 RETRAIN
  uint32_t base_ = 0, occ_ = 0, hw_ = 0, sent_ = 0, timer_ = 0, rcount_ = 0, rt_ = 0;
  // RX
  uint8_t rx_state_ = 0;  // 0 NORMAL, 1 NACK_SENT
  uint32_t expected_ = 0, unacked_ = 0, age_ = 0;
  bool nack_pend_ = false, ack_pend_ = false;
  // Registered outputs
  llr_wire_t link_o_{};
  flit_t link_data_o_{};
  flit_t down_o_{};
  llr_stat_t stat_{};
  // Checks
  bool have_last_delivered_ = false;
  uint32_t last_delivered_ = 0;
  uint64_t cycle_ = 0;
  llr_fault fault_ = llr_fault::none;
  uint64_t fault_cycle_ = 0;
  std::vector<std::string> violations_;
};

}  // namespace sb
