// Verilator's headers first: included after <systemc> they expect a
// SystemC-clocked model (sc_time_stamp); this one is clocked by hand.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_ls_port.h"
#include "sb_verilated_ports.h"
// (after the Verilator headers: sb_ls_rtl.h is plain C++)
#include "sb_ls_rtl.h"

#ifndef SB_LS_RTL_MAX_TAGS
#error "SB_LS_RTL_MAX_TAGS must match the MaxTags of the Verilated build"
#endif

namespace sb {

namespace {

class ls_rtl_impl final : public ls_rtl_model {
 public:
  explicit ls_rtl_impl(const ls_params& p) : ls_rtl_model(p), h_("sb_ls_port") { reset(); }

  void reset() override {
    put_port(h_.top->cfg_i, p_.cfg());
    put_port(h_.top->req_i, ls_req_t{});
    put_port(h_.top->rsp_i, flit_t{});
    h_.top->net_ready_i = 1;
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) h_.edge();
    h_.top->rst_ni = 1;
    h_.top->eval();
    sample_outputs();
    cycle_ = 0;
  }

  void step() override {
    put_port(h_.top->req_i, req_i);
    h_.top->net_ready_i = net_ready_i;
    put_port(h_.top->rsp_i, rsp_i);
    h_.edge();
    sample_outputs();
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }

 private:
  void sample_outputs() {
    req_ready_o_ = h_.top->req_ready_o;
    get_port(h_.top->acc_o, acc_o_);
    get_port(h_.top->net_o, net_o_);
    get_port(h_.top->cpl_o, cpl_o_);
    get_port(h_.top->stat_o, stat_o_);
  }

  verilated_harness<Vsb_ls_port> h_;
};

}  // namespace

int ls_rtl_max_tags() { return SB_LS_RTL_MAX_TAGS; }

std::unique_ptr<ls_rtl_model> make_ls_rtl(const ls_params& p, std::string* why) {
  const std::string bad = p.validate();
  if (!bad.empty()) {
    if (why) *why = bad;
    return nullptr;
  }
  if (p.max_tags > SB_LS_RTL_MAX_TAGS) {
    if (why)
      *why = "endpoint.max_outstanding=" + std::to_string(p.max_tags) + " exceeds the RTL build's MaxTags " +
             std::to_string(SB_LS_RTL_MAX_TAGS) + " (rebuild with -DSKYBENCH_LS_RTL_MAX_TAGS)";
    return nullptr;
  }
  return std::make_unique<ls_rtl_impl>(p);
}

}  // namespace sb
