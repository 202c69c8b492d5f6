// The switch chip's pins and configuration (docs/switch.md "Pins"): one
// boundary shared by the SystemC model (switch_core) and the Verilated RTL
// (verif/switch, rtl/switch/sb_switch.sv), compared field by field every cycle.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_block_ports.h"

namespace sb {

// One port's pins (switch_port_pins) and the configuration registers
// applied at reset (switch_regs) are generated from rtl/common/sb_types.yaml
// "blocks: switch" (sb_block_ports.h).

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
