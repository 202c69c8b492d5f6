// The LS port initiator as a block (ports ls_port_ports, generated from
// rtl/common/sb_types.yaml "blocks:"): the model (ls_initiator_core) and the
// Verilated RTL (rtl/ls_port, make_ls_rtl in sb_ls_rtl.h) alike.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sb_block_base.h"
#include "sb_ls_core.h"

namespace sb {

using ls_block = block<ls_port_ports>;

// The model behind the block's ports (core() for what a bench inspects).
using ls_model_block = model_block<ls_port_binding, ls_initiator_core>;

// The model with a fault injected (ls_fault::none: none).
inline std::unique_ptr<ls_model_block> make_ls_model(const ls_params& p, ls_fault f = ls_fault::none, uint64_t at = 0) {
  auto b = std::make_unique<ls_model_block>(p);
  b->core().inject_fault(f, at);
  return b;
}

}  // namespace sb
