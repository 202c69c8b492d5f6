// Verilator's headers first: included after <systemc> they expect a
// SystemC-clocked model (sc_time_stamp); this one is clocked by hand.
#include <verilated.h>
#include <verilated_fst_c.h>

#include "Vsb_llr_pair.h"
#include "sb_verilated_ports.h"
// (sb_llr_rtl.h brings in <systemc>)
#include "sb_llr_rtl.h"

#ifndef SB_LLR_RTL_MAX_DEPTH
#error "SB_LLR_RTL_MAX_DEPTH must match the MaxDepth of the Verilated build"
#endif

namespace sb {

namespace {

class llr_rtl_impl final : public llr_rtl_pair {
 public:
  explicit llr_rtl_impl(const llr_params& p) : h_("sb_llr_pair"), p_(p) {}
  void reset() override {
    uint32_t w[kWords] = {};
    p_.cfg().pack(w);
    port_from_words(h_.top->cfg_i, w);
    h_.top->rst_ni = 0;
    for (int k = 0; k < 2; ++k) edge();
    h_.top->rst_ni = 1;
    h_.top->eval();
    sample_outputs();
    cycle_ = 0;
  }

  void step() override {
    uint32_t w[kWords] = {};
#define SB_LLR_IN(e, pfx)                    \
  end[e].up_i.pack(w);                       \
  port_from_words(h_.top->pfx##up_i, w);       \
  end[e].link_i.pack(w);                     \
  port_from_words(h_.top->pfx##link_i, w);     \
  end[e].link_data_i.pack(w);                \
  port_from_words(h_.top->pfx##link_data_i, w);
    SB_LLR_IN(0, a_)
    SB_LLR_IN(1, b_)
#undef SB_LLR_IN
    edge();
    sample_outputs();
    ++cycle_;
  }

  void trace_open(const std::string& path) override { h_.trace_open(path); }
  void trace_close() override { h_.trace_close(); }
  uint64_t assertion_failures() const override { return h_.failures; }

 private:
  static constexpr int kWords = (llr_stat_t::kBits + 31) / 32 + 1;
  void edge() { h_.edge(); }
  void sample_outputs() {
    uint32_t w[kWords] = {};
#define SB_LLR_OUT(e, pfx)                    \
  end[e].up_ready_o = h_.top->pfx##up_ready_o;  \
  port_to_words(h_.top->pfx##link_o, w);        \
  end[e].link_o.unpack(w);                    \
  port_to_words(h_.top->pfx##link_data_o, w);   \
  end[e].link_data_o.unpack(w);               \
  port_to_words(h_.top->pfx##down_o, w);        \
  end[e].down_o.unpack(w);                    \
  port_to_words(h_.top->pfx##stat_o, w);        \
  end[e].stat_o.unpack(w);
    SB_LLR_OUT(0, a_)
    SB_LLR_OUT(1, b_)
#undef SB_LLR_OUT
  }

  verilated_harness<Vsb_llr_pair> h_;
  llr_params p_;
};

}  // namespace

int llr_rtl_max_depth() { return SB_LLR_RTL_MAX_DEPTH; }

std::unique_ptr<llr_rtl_pair> make_llr_rtl(const llr_params& p, std::string* why) {
  if (p.depth > SB_LLR_RTL_MAX_DEPTH) {
    if (why)
      *why = "llr.replay_depth=" + std::to_string(p.depth) + " exceeds the RTL build's MaxDepth " +
             std::to_string(SB_LLR_RTL_MAX_DEPTH) + " (rebuild with -DSKYBENCH_LLR_RTL_MAX_DEPTH)";
    return nullptr;
  }
  return std::make_unique<llr_rtl_impl>(p);
}

}  // namespace sb
