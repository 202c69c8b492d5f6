// The Verilated LS port initiator RTL (rtl/ls_port/sb_ls_port.sv) behind the
// same cycle-level boundary as ls_initiator_core (systemc/ls_port/sb_ls_core.h):
// plain C++ inputs written before an edge, registered outputs read after it,
// one step() per rising edge.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sb_ls_core.h"
#include "sb_types.h"

namespace sb {

class ls_rtl_model {
 public:
  virtual ~ls_rtl_model() = default;

  // Inputs, written before an edge (as ls_initiator_core's).
  ls_req_t req_i{};
  bool net_ready_i = true;
  flit_t rsp_i{};

  // Outputs, sampled after the last edge. req_ready_o is combinational from
  // registers in the RTL: read after the eval at the edge.
  bool req_ready_o() const { return req_ready_o_; }
  const ls_acc_t& acc_o() const { return acc_o_; }
  const flit_t& net_o() const { return net_o_; }
  const ls_cpl_t& cpl_o() const { return cpl_o_; }
  const ls_stat_t& stat_o() const { return stat_o_; }

  virtual void reset() = 0;  // applies cfg_i and a synchronous reset (two edges)
  virtual void step() = 0;   // one rising edge
  virtual void trace_open(const std::string& fst_path) = 0;
  virtual void trace_close() = 0;
  virtual uint64_t assertion_failures() const = 0;  // failed SVA so far
  uint64_t cycle() const { return cycle_; }
  const ls_params& params() const { return p_; }

 protected:
  explicit ls_rtl_model(const ls_params& p) : p_(p) {}
  ls_params p_;
  bool req_ready_o_ = false;
  ls_acc_t acc_o_{};
  flit_t net_o_{};
  ls_cpl_t cpl_o_{};
  ls_stat_t stat_o_{};
  uint64_t cycle_ = 0;
};

// The tag table storage (MaxTags) of the Verilated build.
int ls_rtl_max_tags();
// The RTL for these parameters (reset, ready to step), or nullptr with `why`
// set when they are invalid or p.max_tags exceeds the build's MaxTags.
std::unique_ptr<ls_rtl_model> make_ls_rtl(const ls_params& p, std::string* why);

}  // namespace sb
