// The four flow-control blocks behind one port-struct boundary each, so that
// the incast bench drives the model and the Verilated RTL alike: the bench
// writes the *_i members, calls step() at a rising edge, and reads the *_o
// members (registers). Model adapters wrap systemc/pfc and systemc/cbfc;
// RTL adapters (sb_fc_rtl.cpp) wrap rtl/pfc and rtl/cbfc.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sb_blocks.h"
#include "sb_cbfc.h"
#include "sb_block.h"
#include "sb_lockstep.h"
#include "sb_pfc.h"
#include "sb_types.h"

namespace sb {

// PFC headroom a lossless class needs (docs/flow-control.md "Sizing"): the
// flits that can still arrive after the class crosses XOFF, nothing drained.
// A reaction of 0 still takes one edge: the timer is set at the edge the
// pause arrives and gates from the next.
inline uint32_t pfc_headroom_flits(uint32_t one_way_cycles, uint32_t reaction_cycles, uint32_t packet_flits) {
  return 2 * one_way_cycles + (reaction_cycles > 0 ? reaction_cycles : 1) + packet_flits + 1;
}
// CBFC credits for one VC to run at full rate (docs/flow-control.md "Sizing").
inline uint32_t cbfc_credits_needed(uint32_t one_way_cycles, uint32_t min_spacing, uint32_t cost) {
  return cost * (2 * one_way_cycles + min_spacing + 4);
}

// Compares every output of the model and the RTL of one sender and one
// receiver (port `port`) at cycle k, as their RTL bindings list them; false
// when any differs.
inline bool compare_fc(lockstep_log& log, uint64_t k, int port, bool pfc, const fc_tx_ports& a, const fc_tx_ports& b,
                       const fc_rx_ports& x, const fc_rx_ports& y) {
  if (pfc)
    return compare_outputs<pfc_tx_binding>(log, k, port, "pfc_tx", a, b) &
           compare_outputs<pfc_rx_binding>(log, k, port, "pfc_rx", x, y);
  return compare_outputs<cbfc_tx_binding>(log, k, port, "cbfc_tx", a, b) &
         compare_outputs<cbfc_rx_binding>(log, k, port, "cbfc_rx", x, y);
}

// Verilated RTL.
std::unique_ptr<fc_tx_block> make_fc_tx_rtl(const fc_cfgs& c, const std::string& name);
std::unique_ptr<fc_rx_block> make_fc_rx_rtl(const fc_cfgs& c, const std::string& name);

}  // namespace sb
