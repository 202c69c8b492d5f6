#include "sb_ls_rtl_if.h"

namespace sb {

std::unique_ptr<ls_block> make_ls_rtl_block(const ls_params&, std::string* why) {
  if (why) *why = "impl.ls_port: this build has no Verilated LS port (rtl/ls_port); use impl.ls_port=model";
  return nullptr;
}

}  // namespace sb
