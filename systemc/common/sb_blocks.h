// The blocks a composition (the switch chip, the endpoint, the benches) wires
// together, each behind one port struct: the composition writes the *_i
// members, calls step() at a rising edge and reads the *_o members
// (registers). The model implementations wrap the plain-C++ cores
// (systemc/*/); the Verilated RTL implementations (verif/) have the same
// boundary, so a composition holds model, RTL or both in lockstep alike.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sb_cbfc.h"
#include "sb_llr_core.h"
#include "sb_pfc.h"
#include "sb_types.h"
#include "sb_xbar_core.h"

namespace sb {

// Every block: assertions of the model (violations) or of the RTL (SVA
// failures), waveforms where there is RTL.
class block_base {
 public:
  virtual ~block_base() = default;
  virtual void step() = 0;
  virtual std::vector<std::string> violations() const { return {}; }
  virtual uint64_t assertion_failures() const { return 0; }
  virtual void trace_open(const std::string&) {}
  virtual void trace_close() {}
};

// --- flow control --------------------------------------------------------------

enum class fc_mode { none, pfc, cbfc };

// Sender side (PFC: pause_i in; CBFC: credit_i in, cc_o out).
struct fc_tx_ports {
  pause_t pause_i{};
  credit_t credit_i{};
  uint8_t offer_i = 0, sop_i = 0, eop_i = 0;
  fc_sel_t grant_o{};
  cc_update_t cc_o{};
  pfc_tx_stat_t pfc_stat{};
  cbfc_tx_stat_t cbfc_stat{};
};

// Receiver side (PFC: pause_o out; CBFC: cc_i in, credit_o out).
struct fc_rx_ports {
  flit_t in_i{};
  fc_sel_t deq_i{};
  cc_update_t cc_i{};
  pause_t pause_o{};
  credit_t credit_o{};
  fc_drop_t drop_o{};
  pfc_rx_stat_t pfc_stat{};
  cbfc_rx_stat_t cbfc_stat{};
};

struct fc_cfgs {
  fc_mode mode = fc_mode::pfc;
  pfc_rx_cfg_t pfc_rx{};
  pfc_tx_cfg_t pfc_tx{};
  cbfc_cfg_t cbfc{};
};

class fc_tx_block : public block_base {
 public:
  fc_tx_ports p;
};
class fc_rx_block : public block_base {
 public:
  fc_rx_ports p;
};

// Models (mode none uses the PFC blocks with no lossless class: no pauses).
std::unique_ptr<fc_tx_block> make_fc_tx_model(const fc_cfgs& c, fc_fault fault);
std::unique_ptr<fc_rx_block> make_fc_rx_model(const fc_cfgs& c);

// --- crossbar ------------------------------------------------------------------

class xbar_block : public block_base {
 public:
  virtual std::vector<flit_t>& in() = 0;
  virtual std::vector<uint8_t>& ready() = 0;
  virtual const flit_t& out(int j) const = 0;
  virtual const xbar_credit_t& credit(int i) const = 0;
};
std::unique_ptr<xbar_block> make_xbar_model(const xbar_params& p, xbar_fault f = xbar_fault::none, uint64_t at = 0);

// --- one LLR end ---------------------------------------------------------------

struct llr_end_ports {
  flit_t up_i{};
  llr_wire_t link_i{};
  flit_t link_data_i{};
  bool up_ready_o = false;
  llr_wire_t link_o{};
  flit_t link_data_o{};
  flit_t down_o{};
  llr_stat_t stat_o{};
};

class llr_end_block : public block_base {
 public:
  llr_end_ports p;
};
std::unique_ptr<llr_end_block> make_llr_end_model(const llr_params& p, llr_fault f = llr_fault::none, uint64_t at = 0);

}  // namespace sb
