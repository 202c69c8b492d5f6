// The LS port initiator behind one boundary for the pod bench: the model
// (ls_initiator_core) and the Verilated RTL (rtl/ls_port) alike. The bench
// writes the inputs, calls step() at a rising edge and reads the outputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sb_ls_core.h"

namespace sb {

struct ls_block {
  virtual ~ls_block() = default;
  ls_req_t req_i{};
  bool net_ready_i = true;
  flit_t rsp_i{};
  bool req_ready_o = false;
  ls_acc_t acc_o{};
  flit_t net_o{};
  ls_cpl_t cpl_o{};
  ls_stat_t stat_o{};
  virtual void step() = 0;
  virtual std::vector<std::string> violations() const { return {}; }
  virtual uint64_t assertion_failures() const { return 0; }
  virtual void trace_open(const std::string&) {}
  virtual void trace_close() {}
};

// The Verilated LS port for these parameters, or nullptr with `why` set.
std::unique_ptr<ls_block> make_ls_rtl_block(const ls_params& p, std::string* why);

}  // namespace sb
