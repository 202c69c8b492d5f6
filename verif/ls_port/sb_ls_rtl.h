// The Verilated LS port initiator RTL (rtl/ls_port/sb_ls_port.sv) as a block
// over the generated ls_port_ports (rtl/common/sb_types.yaml "blocks:"),
// the same boundary as the model (ls_model_block, sb_ls_block.h).
#pragma once

#include <memory>
#include <string>

#include "sb_ls_core.h"
#include "sb_ls_block.h"

namespace sb {

// The tag table storage (MaxTags) of the Verilated build.
int ls_rtl_max_tags();
// The RTL for these parameters (reset, ready to step), or nullptr with `why`
// set when they are invalid or p.max_tags exceeds the build's MaxTags.
std::unique_ptr<ls_block> make_ls_rtl(const ls_params& p, std::string* why, const std::string& name = "sb_ls_port");

}  // namespace sb
