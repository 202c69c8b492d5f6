// One Verilated LLR end (rtl/llr/sb_llr.sv) behind the llr_end_block
// boundary of sb_blocks.h: what a composition (the switch model's ports,
// an endpoint) holds when impl.llr is rtl or lockstep.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_llr.h"
#include "sb_verilated_ports.h"
// (sb_llr_rtl.h brings in <systemc>)
#include "sb_llr_rtl.h"

namespace sb {

namespace {

class llr_end_rtl final : public llr_end_block {
 public:
  explicit llr_end_rtl(const llr_params& prm, const std::string& name) : h_(name.c_str()) {
    put_port(h_.top->cfg_i, prm.cfg());
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) h_.edge();
    h_.top->rst_ni = 1;
    h_.top->eval();
    sample();
  }
  void step() override {
    put_port(h_.top->up_i, p.up_i);
    put_port(h_.top->link_i, p.link_i);
    put_port(h_.top->link_data_i, p.link_data_i);
    h_.edge();
    sample();
  }
  uint64_t assertion_failures() const override { return h_.failures; }
  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }

 private:
  void sample() {
    p.up_ready_o = h_.top->up_ready_o;
    get_port(h_.top->link_o, p.link_o);
    get_port(h_.top->link_data_o, p.link_data_o);
    get_port(h_.top->down_o, p.down_o);
    get_port(h_.top->stat_o, p.stat_o);
  }
  verilated_harness<Vsb_llr> h_;
};

}  // namespace

std::unique_ptr<llr_end_block> make_llr_end_rtl(const llr_params& p, const std::string& name, std::string* why) {
  if (p.depth > llr_rtl_max_depth()) {
    if (why)
      *why = "llr.replay_depth=" + std::to_string(p.depth) + " exceeds the RTL build's MaxDepth " +
             std::to_string(llr_rtl_max_depth()) + " (rebuild with -DSKYBENCH_LLR_RTL_MAX_DEPTH)";
    return nullptr;
  }
  return std::make_unique<llr_end_rtl>(p, name);
}

}  // namespace sb
