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
// receiver (port `port`) at cycle k; false when any differs.
inline bool compare_fc(lockstep_log& log, uint64_t k, int port, bool pfc, const fc_tx_ports& a, const fc_tx_ports& b,
                       const fc_rx_ports& x, const fc_rx_ports& y) {
  mismatch m;
  const char* txb = pfc ? "pfc_tx" : "cbfc_tx";
  const char* rxb = pfc ? "pfc_rx" : "cbfc_rx";
  bool ok = log.note(k, port, txb, "grant_o", diff(a.grant_o, b.grant_o, m), m);
  if (pfc) {
    ok &= log.note(k, port, txb, "stat_o", diff(a.pfc_stat, b.pfc_stat, m), m);
    ok &= log.note(k, port, rxb, "pause_o", diff(x.pause_o, y.pause_o, m), m);
    ok &= log.note(k, port, rxb, "stat_o", diff(x.pfc_stat, y.pfc_stat, m), m);
  } else {
    ok &= log.note(k, port, txb, "cc_o", diff(a.cc_o, b.cc_o, m), m);
    ok &= log.note(k, port, txb, "stat_o", diff(a.cbfc_stat, b.cbfc_stat, m), m);
    ok &= log.note(k, port, rxb, "credit_o", diff(x.credit_o, y.credit_o, m), m);
    ok &= log.note(k, port, rxb, "stat_o", diff(x.cbfc_stat, y.cbfc_stat, m), m);
  }
  ok &= log.note(k, port, rxb, "drop_o", diff(x.drop_o, y.drop_o, m), m);
  return ok;
}

// Verilated RTL.
std::unique_ptr<fc_tx_block> make_fc_tx_rtl(const fc_cfgs& c, const std::string& name);
std::unique_ptr<fc_rx_block> make_fc_rx_rtl(const fc_cfgs& c, const std::string& name);

}  // namespace sb
