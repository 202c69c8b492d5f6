// The switch chip's pins and configuration (docs/switch.md "Pins"): one
// boundary shared by the SystemC model (switch_core) and the Verilated RTL
// (verif/switch, rtl/switch/sb_switch.sv), compared field by field every cycle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

// One port's pins. Inputs (*_i) are written before an edge; outputs (*_o)
// are registers read after it.
struct switch_port_pins {
  // inputs
  llr_wire_t link_i{};
  flit_t link_data_i{};
  pause_t pause_i{};     // PFC: the endpoint receiver's pauses (egress direction)
  credit_t credit_i{};   // CBFC: the endpoint receiver's credits (egress direction)
  cc_update_t cc_i{};    // CBFC: credits-consumed sync of the endpoint's sender (ingress direction)
  // outputs
  llr_wire_t link_o{};
  flit_t link_data_o{};
  pause_t pause_o{};     // PFC: ingress receiver's pauses towards the endpoint
  credit_t credit_o{};   // CBFC: ingress receiver's credits towards the endpoint
  cc_update_t cc_o{};    // CBFC: egress sender's credits-consumed sync
  fc_drop_t fc_drop_o{};
  llr_stat_t llr_stat_o{};
  pfc_rx_stat_t pfc_rx_stat_o{};
  pfc_tx_stat_t pfc_tx_stat_o{};
  cbfc_rx_stat_t cbfc_rx_stat_o{};
  cbfc_tx_stat_t cbfc_tx_stat_o{};
  ingress_stat_t ingress_stat_o{};
  egress_stat_t egress_stat_o{};
};

// The chip's configuration registers, applied at reset.
struct switch_regs {
  xbar_cfg_t xbar{};
  llr_cfg_t llr{};
  pfc_rx_cfg_t pfc_rx{};
  pfc_tx_cfg_t pfc_tx{};
  cbfc_cfg_t cbfc{};
  switch_cfg_t sw{};
};

// The RTL's structural sizes of one Verilated build (rtl/switch/sb_switch.sv parameters).
struct switch_rtl_sizes {
  int ports = 8;
  int classes = 2;
  int xbar_max_depth = 8;
  int xbar_max_pipe = 4;
  int llr_max_depth = 512;
  int max_ingress = 1024;  // flits per class
  int max_egress = 512;    // flits per class queue
  int max_sw_pipe = 256;   // pipeline cycles
};

}  // namespace sb
