// RTL adapters of the flow-control blocks: rtl/pfc and rtl/cbfc behind the
// fc_tx_block / fc_rx_block port structs, each the generic rtl_block over
// its generated binding (rtl/common/sb_types.yaml "blocks:").
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_cbfc_rx.h"
#include "Vsb_cbfc_tx.h"
#include "Vsb_pfc_rx.h"
#include "Vsb_pfc_tx.h"
#include "sb_rtl_block.h"
// (after the Verilator headers: sb_fc_blocks.h is plain C++)
#include "sb_fc_blocks.h"

namespace sb {

std::unique_ptr<fc_tx_block> make_fc_tx_rtl(const fc_cfgs& c, const std::string& name) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<rtl_block<cbfc_tx_binding, Vsb_cbfc_tx>>(c.cbfc, name);
  return std::make_unique<rtl_block<pfc_tx_binding, Vsb_pfc_tx>>(c.pfc_tx, name);
}

std::unique_ptr<fc_rx_block> make_fc_rx_rtl(const fc_cfgs& c, const std::string& name) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<rtl_block<cbfc_rx_binding, Vsb_cbfc_rx>>(c.cbfc, name);
  return std::make_unique<rtl_block<pfc_rx_binding, Vsb_pfc_rx>>(c.pfc_rx, name);
}

std::unique_ptr<fc_tx_block> make_fc_tx(impl_mode m, const fc_cfgs& c, fc_fault f, int port, const std::string& name,
                                        lockstep_ctx* ctx) {
  auto model = [&] { return make_fc_tx_model(c, f); };
  auto rtl = [&] { return make_fc_tx_rtl(c, name); };
  if (c.mode == fc_mode::cbfc) return make_block<cbfc_tx_binding>(m, model, rtl, ctx, port);
  return make_block<pfc_tx_binding>(m, model, rtl, ctx, port);
}

std::unique_ptr<fc_rx_block> make_fc_rx(impl_mode m, const fc_cfgs& c, int port, const std::string& name,
                                        lockstep_ctx* ctx) {
  auto model = [&] { return make_fc_rx_model(c); };
  auto rtl = [&] { return make_fc_rx_rtl(c, name); };
  if (c.mode == fc_mode::cbfc) return make_block<cbfc_rx_binding>(m, model, rtl, ctx, port);
  return make_block<pfc_rx_binding>(m, model, rtl, ctx, port);
}

}  // namespace sb
