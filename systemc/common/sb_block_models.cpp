// Model implementations of the block boundaries of sb_blocks.h.
#include "sb_blocks.h"

namespace sb {

// Every model is the generic model_block over its core (sb_block_base.h).
namespace {
template <class Binding, class Core, class Cfg, class F>
std::unique_ptr<block<typename Binding::ports>> with_fault(const Cfg& c, F inject) {
  auto b = std::make_unique<model_block<Binding, Core>>(c);
  inject(b->core());
  return b;
}
}  // namespace

std::unique_ptr<xbar_block> make_xbar_model(const xbar_params& p, xbar_fault f, uint64_t at) {
  return with_fault<xbar_binding, xbar_core>(p, [&](xbar_core& c) { c.inject_fault(f, at); });
}

std::unique_ptr<llr_end_block> make_llr_end_model(const llr_params& p, llr_fault f, uint64_t at) {
  return with_fault<llr_binding, llr_core>(p, [&](llr_core& c) { c.inject_fault(f, at); });
}

std::unique_ptr<fc_tx_block> make_fc_tx_model(const fc_cfgs& c, fc_fault fault) {
  if (c.mode == fc_mode::cbfc)
    return with_fault<cbfc_tx_binding, cbfc_tx_core>(c.cbfc, [&](cbfc_tx_core& x) { x.inject_fault(fault); });
  return with_fault<pfc_tx_binding, pfc_tx_core>(c.pfc_tx, [&](pfc_tx_core& x) { x.inject_fault(fault); });
}

std::unique_ptr<fc_rx_block> make_fc_rx_model(const fc_cfgs& c) {
  if (c.mode == fc_mode::cbfc) return std::make_unique<model_block<cbfc_rx_binding, cbfc_rx_core>>(c.cbfc);
  return std::make_unique<model_block<pfc_rx_binding, pfc_rx_core>>(c.pfc_rx);
}

}  // namespace sb
