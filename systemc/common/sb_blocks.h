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

#include "sb_block_base.h"
#include "sb_cbfc.h"
#include "sb_llr_core.h"
#include "sb_pfc.h"
#include "sb_types.h"
#include "sb_xbar_core.h"

namespace sb {

// --- flow control --------------------------------------------------------------

enum class fc_mode { none, pfc, cbfc };

struct fc_cfgs {
  fc_mode mode = fc_mode::pfc;
  pfc_rx_cfg_t pfc_rx{};
  pfc_tx_cfg_t pfc_tx{};
  cbfc_cfg_t cbfc{};
};

// The senders' and receivers' ports: fc_tx_ports, fc_rx_ports (generated
// from rtl/common/sb_types.yaml "blocks:", sb_block_ports.h).
using fc_tx_block = block<fc_tx_ports>;
using fc_rx_block = block<fc_rx_ports>;

// Models (mode none uses the PFC blocks with no lossless class: no pauses).
std::unique_ptr<fc_tx_block> make_fc_tx_model(const fc_cfgs& c, fc_fault fault);
std::unique_ptr<fc_rx_block> make_fc_rx_model(const fc_cfgs& c);

// --- crossbar ------------------------------------------------------------------

using xbar_block = block<xbar_ports>;  // ports: sb_block_ports.h (vectors over the ports)
std::unique_ptr<xbar_block> make_xbar_model(const xbar_params& p, xbar_fault f = xbar_fault::none, uint64_t at = 0);

// --- one LLR end ---------------------------------------------------------------

using llr_end_block = block<llr_end_ports>;  // ports: sb_block_ports.h
std::unique_ptr<llr_end_block> make_llr_end_model(const llr_params& p, llr_fault f = llr_fault::none, uint64_t at = 0);

}  // namespace sb
