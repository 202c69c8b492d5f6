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

// Verilated RTL.
std::unique_ptr<fc_tx_block> make_fc_tx_rtl(const fc_cfgs& c, const std::string& name);
std::unique_ptr<fc_rx_block> make_fc_rx_rtl(const fc_cfgs& c, const std::string& name);

// The sender and receiver for impl.flow_control: the model, the RTL, or both
// in lockstep (mismatches to ctx, port `port`); the binding follows c.mode.
std::unique_ptr<fc_tx_block> make_fc_tx(impl_mode m, const fc_cfgs& c, fc_fault f, int port, const std::string& name,
                                        lockstep_ctx* ctx);
std::unique_ptr<fc_rx_block> make_fc_rx(impl_mode m, const fc_cfgs& c, int port, const std::string& name,
                                        lockstep_ctx* ctx);

}  // namespace sb
