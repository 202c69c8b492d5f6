#include "sb_pod_bench.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <deque>
#include <memory>
#include <systemc>
#include <unordered_map>
#include <vector>

#include "sb_llr_rtl.h"
#include "sb_lockstep.h"
#include "sb_rtl_coverage.h"
#include "sb_ls_rtl_if.h"
#include "sb_stats.h"
#include "sb_traffic.h"
#include "sb_xbar_rtl.h"

namespace sb {

namespace {

constexpr int kReqCls = 0, kRspCls = 1;
constexpr size_t kEpQueue = 8;  // flits per class queue at an endpoint's egress

bool is_req(const flit_t& f) { return f.ptype == ptype_e::RD_REQ || f.ptype == ptype_e::WR_REQ || f.ptype == ptype_e::AT_REQ; }

// --- the blocks behind one boundary each, model or RTL ------------------------

struct xbar_block {
  virtual ~xbar_block() = default;
  virtual std::vector<flit_t>& in() = 0;
  virtual std::vector<uint8_t>& ready() = 0;
  virtual const flit_t& out(int j) const = 0;
  virtual const xbar_credit_t& credit(int i) const = 0;
  virtual void step() = 0;
};
struct xbar_model_block : xbar_block {
  xbar_core c;
  explicit xbar_model_block(const xbar_params& p) : c(p) {}
  std::vector<flit_t>& in() override { return c.in_flit_i; }
  std::vector<uint8_t>& ready() override { return c.out_ready_i; }
  const flit_t& out(int j) const override { return c.out_flit_o(j); }
  const xbar_credit_t& credit(int i) const override { return c.in_credit_o(i); }
  void step() override { c.step(); }
};
struct xbar_rtl_block : xbar_block {
  std::unique_ptr<xbar_rtl_model> r;
  explicit xbar_rtl_block(std::unique_ptr<xbar_rtl_model> m) : r(std::move(m)) { r->reset(); }
  std::vector<flit_t>& in() override { return r->in_flit_i; }
  std::vector<uint8_t>& ready() override { return r->out_ready_i; }
  const flit_t& out(int j) const override { return r->out_flit_o(j); }
  const xbar_credit_t& credit(int i) const override { return r->in_credit_o(i); }
  void step() override { r->step(); }
  void trace(const std::string& path) { r->trace_open(path); }
};

// Both ends of one link: end 0 at the endpoint, end 1 at the switch port.
struct llr_block {
  virtual ~llr_block() = default;
  llr_end_ports end[2];
  virtual void step() = 0;
  virtual std::vector<std::string> violations() const { return {}; }
  virtual uint64_t assertion_failures() const { return 0; }
  virtual void trace_open(const std::string&) {}
  virtual void trace_close() {}
};
struct llr_model_block : llr_block {
  llr_core c[2];
  llr_model_block(const llr_params& p, llr_fault f, uint64_t at) : c{llr_core(p), llr_core(p)} {
    c[0].inject_fault(f, at);
    publish();
  }
  void publish() {
    for (int e = 0; e < 2; ++e) {
      end[e].up_ready_o = c[e].up_ready_o();
      end[e].link_o = c[e].link_o();
      end[e].link_data_o = c[e].link_data_o();
      end[e].down_o = c[e].down_o();
      end[e].stat_o = c[e].stat_o();
    }
  }
  void step() override {
    for (int e = 0; e < 2; ++e) {
      c[e].up_i = end[e].up_i;
      c[e].link_i = end[e].link_i;
      c[e].link_data_i = end[e].link_data_i;
      c[e].step();
    }
    publish();
  }
  std::vector<std::string> violations() const override {
    auto v = c[0].violations();
    v.insert(v.end(), c[1].violations().begin(), c[1].violations().end());
    return v;
  }
};
struct llr_rtl_block : llr_block {
  std::unique_ptr<llr_rtl_pair> r;
  explicit llr_rtl_block(std::unique_ptr<llr_rtl_pair> m) : r(std::move(m)) {
    r->reset();
    for (int e = 0; e < 2; ++e) end[e] = r->end[e];
  }
  void step() override {
    for (int e = 0; e < 2; ++e) {
      r->end[e].up_i = end[e].up_i;
      r->end[e].link_i = end[e].link_i;
      r->end[e].link_data_i = end[e].link_data_i;
    }
    r->step();
    for (int e = 0; e < 2; ++e) end[e] = r->end[e];
  }
  uint64_t assertion_failures() const override { return r->assertion_failures(); }
  void trace_open(const std::string& path) override { r->trace_open(path); }
  void trace_close() override { r->trace_close(); }
};

struct ls_model_block : ls_block {
  ls_initiator_core c;
  ls_model_block(const ls_params& p, ls_fault f, uint64_t at) : c(p) {
    c.inject_fault(f, at);
    publish();
  }
  void publish() {
    req_ready_o = c.req_ready_o();
    acc_o = c.acc_o();
    net_o = c.net_o();
    cpl_o = c.cpl_o();
    stat_o = c.stat_o();
  }
  void step() override {
    c.req_i = req_i;
    c.net_ready_i = net_ready_i;
    c.rsp_i = rsp_i;
    c.step();
    publish();
  }
  std::vector<std::string> violations() const override { return c.violations(); }
};

// --- per-transaction record ---------------------------------------------------

enum ts : int {
  // request packet
  t_gen, t_acc, q_up, q_sw, q_xin, q_xout, q_eg, q_dst, q_last,
  // response packet
  r_rdy, r_up, r_sw, r_xin, r_xout, r_eg, r_dst, t_done, kTs
};

struct txn {
  bool live = false, bad = false, external = false;
  uint8_t op = 0, dst = 0, size = 0;
  int got = 0;
  uint32_t addr = 0;
  uint64_t order = 0;  // issue number per (source, target)
  std::array<uint32_t, 4> expect{};
  std::array<uint64_t, kTs> t{};
};

}  // namespace

class pod_bench : public sc_core::sc_module {
 public:
  pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg, std::vector<sb_ls_tlm_port*> ports,
            ls_func_memory* mem);
  nlohmann::json result(double wall_s) const;
  // --wave: the RTL of every block kind that has one, endpoint / port 0
  // for the per-port blocks (the crossbar's whole): wave.fst for the first,
  // wave.fst.<block>.fst for the others. Returns the files.
  std::vector<std::string> open_traces();
  void close_traces();

 private:
  void tick();
  bool compare(uint64_t k);
  void endpoint_side(int e, uint64_t k, bool gen);
  void switch_side(int e, uint64_t k);
  void crossbar_outputs(uint64_t k);
  void step_all();
  void after_edge(uint64_t k);
  void finish(const std::string& why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }
  txn* req_txn(const flit_t& f) {
    if (f.src >= n_ || f.tag >= tags_) return nullptr;
    txn& x = txns_[size_t(f.src) * tags_ + f.tag];
    return x.live ? &x : nullptr;
  }
  txn* rsp_txn(const flit_t& f) {
    if (f.dst >= n_ || f.tag >= tags_) return nullptr;
    txn& x = txns_[size_t(f.dst) * tags_ + f.tag];
    return x.live ? &x : nullptr;
  }
  void stamp(const flit_t& f, int req_ts, int rsp_ts, uint64_t k) {
    if (!f.valid || !f.sop) return;
    txn* x = is_req(f) ? req_txn(f) : rsp_txn(f);
    if (x) x->t[size_t(is_req(f) ? req_ts : rsp_ts)] = k;
  }
  void error(const std::string& what) {
    if (first_error_.empty()) first_error_ = "cycle " + std::to_string(cycle_) + ": " + what;
  }
  void complete(int e, const ls_cpl_t& c, uint64_t k);
  void accept(int e, uint16_t tag, uint64_t k);
  uint32_t shadow(int src, int dst, uint32_t addr) const {
    auto it = shadow_[size_t(src)].find((uint64_t(dst) << 32) | addr);
    return it == shadow_[size_t(src)].end() ? ls_initial_line(dst, addr) : it->second;
  }
  bool measured(const txn& x) const { return x.t[t_gen] >= cfg_.warmup && x.t[t_gen] < cfg_.cycles; }

  bool driven(int e) const { return !ports_.empty() && ports_[size_t(e)]->driven(); }

  pod_bench_config cfg_;
  int n_, tags_;
  std::vector<sb_ls_tlm_port*> ports_;
  ls_func_memory* mem_;
  sc_core::sc_clock clk_;
  std::unique_ptr<xbar_block> xm_, xr_;
  std::vector<std::unique_ptr<llr_block>> lm_, lr_;
  std::vector<std::unique_ptr<fc_tx_block>> txm_, txr_;
  std::vector<std::unique_ptr<fc_rx_block>> rxm_, rxr_;
  std::vector<std::unique_ptr<ls_block>> im_, ir_;
  std::vector<ls_target_core> tgt_;
  std::vector<ls_traffic> gen_;
  std::vector<uint16_t> perm_;
  std::vector<link_direction> up_, dn_;
  std::vector<delay_line<pause_t>> rev_pause_;
  std::vector<delay_line<credit_t>> rev_credit_;
  std::vector<delay_line<cc_update_t>> fwd_cc_;
  std::vector<delay_line<flit_t>> swpipe_;
  std::vector<std::array<std::deque<flit_t>, 2>> epq_;
  // Switch ingress buffer, organised as virtual output queues: [port][class * N + dst].
  std::vector<std::vector<std::deque<flit_t>>> ingress_;
  std::vector<uint32_t> ingress_cnt_;  // flits per [port * 2 + class]
  std::vector<int> in_rr_;             // round-robin pointer per [port * 2 + class]
  std::vector<std::deque<flit_t>> skid_, egq_;
  std::vector<flit_t> presented_;
  std::vector<int> in_lock_;
  std::vector<int> credits_;
  std::vector<uint32_t> pipe_cnt_;
  std::vector<ls_gen_req> offered_;  // the request presented to each initiator at the last edge
  std::vector<uint8_t> offered_valid_;
  std::vector<txn> txns_;
  std::vector<std::unordered_map<uint64_t, uint32_t>> shadow_;
  std::vector<uint64_t> issue_order_, serve_order_;
  std::vector<uint64_t> live_;  // per endpoint
  uint32_t egress_cap_ = 0, link_fixed_ = 0;

  // ref accessors
  xbar_block& X() { return xm_ ? *xm_ : *xr_; }
  llr_block& L(int e) { return lm_.empty() ? *lr_[e] : *lm_[e]; }
  fc_tx_block& TX(int e) { return txm_.empty() ? *txr_[e] : *txm_[e]; }
  fc_rx_block& RX(int e) { return rxm_.empty() ? *rxr_[e] : *rxm_[e]; }
  ls_block& I(int e) { return im_.empty() ? *ir_[e] : *im_[e]; }
  const llr_block& L(int e) const { return lm_.empty() ? *lr_[e] : *lm_[e]; }
  const fc_tx_block& TX(int e) const { return txm_.empty() ? *txr_[e] : *txm_[e]; }
  const fc_rx_block& RX(int e) const { return rxm_.empty() ? *rxr_[e] : *rxm_[e]; }

 public:
  uint64_t cycle_ = 0, end_cycle_ = 0, last_progress_ = 0;
  uint64_t compared_ = 0, compared_blocks_ = 0;
  lockstep_log log_;
  std::string end_reason_ = "not finished", first_error_;
  uint64_t injected_ = 0, answered_ = 0, lost_ = 0, timeouts_ = 0, duplicated_ = 0, reordered_ = 0,
           corrupted_ = 0, errors_ = 0, lossless_drops_ = 0, dropped_on_purpose_ = 0;
  uint64_t ops_[3] = {}, offered_flits_ = 0, delivered_flits_ = 0, delivered_window_ = 0, generated_window_ = 0;
  uint64_t max_ingress_ = 0, max_egress_ = 0, ring_steps_ = 0;
  std::vector<uint8_t> pair_hit_;
  uint64_t tags_max_in_use_ = 0;
  latency_stats rtt_, sw_, bd_ep_, bd_link_, bd_llr_, bd_queue_, bd_xbar_, bd_pipe_, bd_mem_;
  std::vector<std::string> violations_;
  uint64_t rtl_assertions_ = 0;
  std::vector<std::string> wave_files_;
};

std::vector<std::string> pod_bench::open_traces() {
  std::vector<std::string> files;
  auto next = [&](const char* block) {
    files.push_back(files.empty() ? cfg_.wave_path : cfg_.wave_path + "." + block + ".fst");
    return files.back();
  };
  if (xr_) static_cast<xbar_rtl_block&>(*xr_).trace(next("xbar"));
  if (!lr_.empty()) lr_[0]->trace_open(next("llr0"));
  if (!ir_.empty()) ir_[0]->trace_open(next("ls_port0"));
  if (!txr_.empty()) {
    txr_[0]->trace_open(next("fc_tx0"));
    rxr_[0]->trace_open(next("fc_rx0"));
  }
  return files;
}

void pod_bench::close_traces() {
  if (wave_files_.empty()) return;
  if (xr_) static_cast<xbar_rtl_block&>(*xr_).r->trace_close();
  if (!lr_.empty()) lr_[0]->trace_close();
  if (!ir_.empty()) ir_[0]->trace_close();
  if (!txr_.empty()) {
    txr_[0]->trace_close();
    rxr_[0]->trace_close();
  }
}

pod_bench::pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg,
                     std::vector<sb_ls_tlm_port*> ports, ls_func_memory* mem)
    : sc_core::sc_module(name),
      cfg_(cfg),
      n_(cfg.ports),
      tags_(cfg.ls.max_tags),
      ports_(std::move(ports)),
      mem_(mem),
      clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
      rtt_(cfg.link.cycle_ns()), sw_(cfg.link.cycle_ns()), bd_ep_(cfg.link.cycle_ns()), bd_link_(cfg.link.cycle_ns()),
      bd_llr_(cfg.link.cycle_ns()), bd_queue_(cfg.link.cycle_ns()), bd_xbar_(cfg.link.cycle_ns()),
      bd_pipe_(cfg.link.cycle_ns()), bd_mem_(cfg.link.cycle_ns()) {
  const uint32_t d = cfg.link.delay_cycles();
  // A header crosses a link at best in the line's delay plus three LLR
  // registers (accepted, link_o at the sender, down_o at the receiver);
  // anything beyond is LLR time: replays and slots taken by ACK/NACKs.
  link_fixed_ = d + 3;
  egress_cap_ = cfg.egress_buffer ? cfg.egress_buffer : cfg.switch_pipeline + uint32_t(cfg.xbar.pipeline) + 32;
  if (cfg.traffic.pattern == ls_pattern::permutation) perm_ = make_permutation(n_, cfg.seed);
  if (cfg.impl_xbar != impl_mode::rtl) {
    auto m = std::make_unique<xbar_model_block>(cfg.xbar);
    m->c.inject_fault(cfg.xbar_fault_kind, cfg.fault_cycle);
    xm_ = std::move(m);
  }
  if (cfg.impl_xbar != impl_mode::model) {
    std::string why;
    auto r = make_xbar_rtl(cfg.xbar, &why);
    if (!r) throw std::invalid_argument(why);
    xr_ = std::make_unique<xbar_rtl_block>(std::move(r));
  }
  for (int e = 0; e < n_; ++e) {
    ls_params lp = cfg.ls;
    lp.port = e;
    lp.req_cls = kReqCls;
    if (cfg.impl_ls != impl_mode::rtl)
      im_.push_back(std::make_unique<ls_model_block>(lp, e == 0 ? cfg.ls_fault_kind : ls_fault::none, cfg.fault_cycle));
    if (cfg.impl_ls != impl_mode::model) {
      std::string why;
      auto r = make_ls_rtl_block(lp, &why);
      if (!r) throw std::invalid_argument(why);
      ir_.push_back(std::move(r));
    }
    ls_target_params tp = cfg.target;
    tp.port = e;
    tp.rsp_cls = kRspCls;
    tgt_.emplace_back(tp);
    gen_.emplace_back(e, n_, cfg.traffic, cfg.seed, &perm_);
    if (cfg.impl_llr != impl_mode::rtl)
      lm_.push_back(std::make_unique<llr_model_block>(cfg.llr, e == 0 ? cfg.llr_fault_kind : llr_fault::none,
                                                      cfg.fault_cycle));
    if (cfg.impl_llr != impl_mode::model) {
      std::string why;
      auto r = make_llr_rtl(cfg.llr, &why);
      if (!r) throw std::invalid_argument(why);
      lr_.push_back(std::make_unique<llr_rtl_block>(std::move(r)));
    }
    if (cfg.impl_fc != impl_mode::rtl) {
      txm_.push_back(make_fc_tx_model(cfg.fc, fc_fault::none));
      rxm_.push_back(make_fc_rx_model(cfg.fc));
    }
    if (cfg.impl_fc != impl_mode::model) {
      txr_.push_back(make_fc_tx_rtl(cfg.fc, "tx" + std::to_string(e)));
      rxr_.push_back(make_fc_rx_rtl(cfg.fc, "rx" + std::to_string(e)));
    }
    up_.emplace_back(cfg.link, cfg.seed, uint64_t(2 * e));
    dn_.emplace_back(cfg.link, cfg.seed, uint64_t(2 * e + 1));
    rev_pause_.emplace_back(d);
    rev_credit_.emplace_back(d);
    fwd_cc_.emplace_back(d);
    swpipe_.emplace_back(std::max<uint32_t>(cfg.switch_pipeline, 1) - 1);
  }
  epq_.resize(size_t(n_));
  ingress_.assign(size_t(n_), std::vector<std::deque<flit_t>>(size_t(2 * n_)));
  ingress_cnt_.assign(size_t(2 * n_), 0);
  in_rr_.assign(size_t(2 * n_), 0);
  skid_.resize(size_t(n_));
  egq_.resize(size_t(n_));
  presented_.assign(size_t(n_), flit_t{});
  in_lock_.assign(size_t(n_), -1);
  const int cl = cfg.xbar.classes;
  credits_.assign(size_t(n_) * (cfg.xbar.fifo ? cl : n_ * cl), cfg.xbar.depth);
  pipe_cnt_.assign(size_t(n_), 0);
  offered_.assign(size_t(n_), ls_gen_req{});
  offered_valid_.assign(size_t(n_), 0);
  txns_.assign(size_t(n_) * tags_, txn{});
  shadow_.resize(size_t(n_));
  issue_order_.assign(size_t(n_) * n_, 0);
  serve_order_.assign(size_t(n_) * n_, 0);
  live_.assign(size_t(n_), 0);
  pair_hit_.assign(size_t(n_) * n_, 0);
  if (cfg.traffic.pattern == ls_pattern::ring)
    for (auto& g : gen_) g.ring_grant(cfg.traffic.ring_step_requests);
  if (!cfg.wave_path.empty()) wave_files_ = open_traces();
  SC_HAS_PROCESS(pod_bench);
  SC_METHOD(tick);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

bool pod_bench::compare(uint64_t k) {
  ++compared_;
  bool ok = true;
  mismatch m;
  auto note = [&](int port, const char* block, const char* sig, bool differs) {
    ok &= log_.note(k, port, block, sig, differs, m);
  };
  auto flag = [&m](bool a, bool b) {
    m.field = "";
    m.model = std::to_string(a);
    m.rtl = std::to_string(b);
    return a != b;
  };
  if (xm_ && xr_) {
    ++compared_blocks_;
    for (int j = 0; j < n_; ++j) note(j, "xbar", "out_flit_o", diff(xm_->out(j), xr_->out(j), m));
    for (int i = 0; i < n_; ++i) note(i, "xbar", "in_credit_o", diff(xm_->credit(i), xr_->credit(i), m));
  }
  if (!lm_.empty() && !lr_.empty()) {
    for (int e = 0; e < n_; ++e) {
      ++compared_blocks_;
      for (int s = 0; s < 2; ++s) {
        const llr_end_ports& a = lm_[e]->end[s];
        const llr_end_ports& b = lr_[e]->end[s];
        const char* blk = s ? "llr_switch" : "llr_endpoint";
        note(e, blk, "up_ready_o", flag(a.up_ready_o, b.up_ready_o));
        note(e, blk, "link_o", diff(a.link_o, b.link_o, m));
        note(e, blk, "link_data_o", diff(a.link_data_o, b.link_data_o, m));
        note(e, blk, "down_o", diff(a.down_o, b.down_o, m));
        note(e, blk, "stat_o", diff(a.stat_o, b.stat_o, m));
      }
    }
  }
  if (!txm_.empty() && !txr_.empty()) {
    for (int e = 0; e < n_; ++e) {
      compared_blocks_ += 2;
      ok &= compare_fc(log_, k, e, cfg_.fc.mode != fc_mode::cbfc, txm_[e]->p, txr_[e]->p, rxm_[e]->p, rxr_[e]->p);
    }
  }
  if (!im_.empty() && !ir_.empty()) {
    for (int e = 0; e < n_; ++e) {
      ++compared_blocks_;
      const ls_block& a = *im_[e];
      const ls_block& b = *ir_[e];
      note(e, "ls_port", "req_ready_o", flag(a.req_ready_o, b.req_ready_o));
      note(e, "ls_port", "acc_o", diff(a.acc_o, b.acc_o, m));
      note(e, "ls_port", "net_o", diff(a.net_o, b.net_o, m));
      note(e, "ls_port", "cpl_o", diff(a.cpl_o, b.cpl_o, m));
      note(e, "ls_port", "stat_o", diff(a.stat_o, b.stat_o, m));
    }
  }
  return ok;
}

void pod_bench::accept(int e, uint16_t tag, uint64_t k) {
  if (!offered_valid_[e]) return error("endpoint " + std::to_string(e) + ": acceptance with no request offered");
  const ls_gen_req& g = offered_[e];
  offered_valid_[e] = 0;
  txn& x = txns_[size_t(e) * tags_ + tag];
  if (x.live) {
    ++duplicated_;
    error("endpoint " + std::to_string(e) + ": tag " + std::to_string(tag) + " issued while outstanding");
  }
  x = txn{};
  x.live = true;
  x.op = g.req.op;
  x.dst = g.req.dst;
  x.size = g.req.size;
  x.addr = g.req.addr;
  x.t[t_gen] = g.gen_cycle;
  x.t[t_acc] = k;
  x.order = issue_order_[size_t(e) * n_ + x.dst]++;
  if (driven(e)) {
    // A user's TLM initiator: its bytes move functionally (sb_ls_port.h); the
    // flits' signatures are not checked against the source's shadow memory.
    x.external = true;
    ports_[size_t(e)]->accepted(tag);
  }
  // What the response must carry: this source's own region, so its last write wins.
  if (x.external) {
  } else if (x.op == 0) {
    for (int i = 0; i < x.size; ++i) x.expect[i] = shadow(e, x.dst, x.addr + uint32_t(i));
  } else if (x.op == 1) {
    for (int i = 0; i < x.size; ++i) shadow_[e][(uint64_t(x.dst) << 32) | (x.addr + uint32_t(i))] = g.req.wdata + uint32_t(i);
  } else {
    x.expect[0] = shadow(e, x.dst, x.addr);
    shadow_[e][(uint64_t(x.dst) << 32) | x.addr] = x.expect[0] + g.req.wdata;
  }
  ++injected_;
  ++ops_[x.op < 3 ? x.op : 0];
  ++live_[e];
  pair_hit_[size_t(e) * n_ + x.dst] = 1;
  tags_max_in_use_ = std::max(tags_max_in_use_, live_[e]);  // live_ counts the endpoint's tags in use
  if (measured(x)) offered_flits_ += uint64_t(ls_req_len(x.op, x.size) + ls_rsp_len(x.op, x.size));
}

void pod_bench::complete(int e, const ls_cpl_t& c, uint64_t k) {
  txn& x = txns_[size_t(e) * tags_ + c.tag];
  if (!x.live) {
    ++duplicated_;
    return error("endpoint " + std::to_string(e) + ": completion of tag " + std::to_string(c.tag) + " not outstanding");
  }
  x.live = false;
  --live_[e];
  last_progress_ = k;
  if (x.external) ports_[size_t(e)]->completed(c.tag, ls_status(c.status));
  if (c.status == uint8_t(ls_status::timeout)) {
    ++timeouts_;
    ++lost_;
    return error("endpoint " + std::to_string(e) + ": transaction tag " + std::to_string(c.tag) + " to " +
                 std::to_string(x.dst) + " timed out (lost)");
  }
  if (c.status == uint8_t(ls_status::error)) {
    ++errors_;
    ++corrupted_;
    return error("endpoint " + std::to_string(e) + ": tag " + std::to_string(c.tag) + " completed with ERROR");
  }
  const int want = ls_rsp_len(x.op, x.size) - 1;
  if (x.bad || x.got != want) {
    ++corrupted_;
    if (x.got != want) error("endpoint " + std::to_string(e) + ": tag " + std::to_string(c.tag) + " response carried " +
                             std::to_string(x.got) + " data flits, expected " + std::to_string(want));
    return;
  }
  ++answered_;
  x.t[t_done] = k;
  if (!measured(x)) return;
  const auto& t = x.t;
  rtt_.add(t[t_done] - t[t_gen]);
  sw_.add(t[q_eg] - t[q_sw]);
  sw_.add(t[r_eg] - t[r_sw]);
  const uint64_t link_q = t[q_sw] - t[q_up], link_qd = t[q_dst] - t[q_eg];
  const uint64_t link_r = t[r_sw] - t[r_up], link_rd = t[r_dst] - t[r_eg];
  const uint64_t link = link_q + link_qd + link_r + link_rd;
  const uint64_t fixed = 4ull * link_fixed_;
  bd_link_.add(std::min(link, fixed));
  bd_llr_.add(link > fixed ? link - fixed : 0);
  bd_ep_.add((t[q_up] - t[t_gen]) + (t[r_up] - t[r_rdy]) + (t[t_done] - t[r_dst]));
  const uint64_t pipe = cfg_.switch_pipeline;
  bd_queue_.add((t[q_xin] - t[q_sw]) + (t[q_eg] - t[q_xout] - pipe) + (t[r_xin] - t[r_sw]) + (t[r_eg] - t[r_xout] - pipe));
  bd_xbar_.add((t[q_xout] - t[q_xin]) + (t[r_xout] - t[r_xin]));
  bd_pipe_.add(2 * pipe);
  bd_mem_.add(t[r_rdy] - t[q_dst]);
}

void pod_bench::endpoint_side(int e, uint64_t k, bool gen) {
  ls_block& in = I(e);
  ls_traffic& g = gen_[e];
  if (gen && !driven(e)) g.generate(k, live_[e]);
  if (in.acc_o.valid) accept(e, in.acc_o.tag, k - 1);
  if (in.cpl_o.valid) complete(e, in.cpl_o, k - 1);
  // Initiator and target outputs into the endpoint's class queues.
  const bool ini_take = in.net_o.valid && epq_[e][kReqCls].size() < kEpQueue;
  if (ini_take) epq_[e][kReqCls].push_back(in.net_o);
  ls_target_core& tg = tgt_[e];
  const bool tgt_take = tg.net_o().valid && epq_[e][kRspCls].size() < kEpQueue;
  if (tgt_take) {
    flit_t f = tg.net_o();
    if (f.sop) {
      txn* x = rsp_txn(f);
      if (x) x->t[r_rdy] = k;
    }
    if (cfg_.fault == pod_fault::corrupt_data && e == 0 && k >= cfg_.fault_cycle && !f.sop) f.sig ^= 1u;
    epq_[e][kRspCls].push_back(f);
  }
  tg.net_ready_i = tgt_take || !tg.net_o().valid;
  // Flow-control sender: the class granted at the last edge goes to the skid buffer.
  const fc_tx_ports& tp = TX(e).p;
  if (tp.grant_o.valid) {
    auto& q = epq_[e][tp.grant_o.cls & 1];
    if (q.empty()) return finish("bench error: grant of an empty class at endpoint " + std::to_string(e));
    skid_[e].push_back(q.front());
    q.pop_front();
  }
  uint8_t offer = 0, sop = 0, eop = 0;
  if (skid_[e].size() <= 1) {
    for (int c = 0; c < 2; ++c) {
      if (epq_[e][c].empty()) continue;
      offer |= uint8_t(1u << c);
      if (epq_[e][c].front().sop) sop |= uint8_t(1u << c);
      if (epq_[e][c].front().eop) eop |= uint8_t(1u << c);
    }
  }
  for (auto* v : {&txm_, &txr_}) {
    if (v->empty()) continue;
    fc_tx_ports& p = (*v)[e]->p;
    p.offer_i = offer;
    p.sop_i = sop;
    p.eop_i = eop;
  }
  // LLR at the endpoint: the skid buffer's head enters when there is room.
  llr_block& l = L(e);
  flit_t up{};
  if (l.end[0].up_ready_o && !skid_[e].empty()) {
    up = skid_[e].front();
    skid_[e].pop_front();
    stamp(up, q_up, r_up, k);
  }
  // Delivered by the LLR at the endpoint: requests to the target, responses to the initiator.
  const flit_t& dv = l.end[0].down_o;
  flit_t to_tgt{}, to_ini{};
  if (dv.valid) {
    if (k >= cfg_.warmup && k < cfg_.cycles) ++delivered_window_;
    ++delivered_flits_;
    if (is_req(dv)) {
      to_tgt = dv;
      stamp(dv, q_dst, r_dst, k);
      if (dv.eop) {
        txn* x = req_txn(dv);
        if (x) x->t[q_last] = k;
      }
    } else {
      to_ini = dv;
      txn* x = rsp_txn(dv);
      if (dv.sop) {
        if (!x) {
          ++duplicated_;
          error("endpoint " + std::to_string(e) + ": response for tag " + std::to_string(dv.tag) + " not outstanding");
        } else {
          x->t[r_dst] = k;
          x->got = 0;
          if (dv.src != x->dst || dv.ptype != ls_rsp_ptype(x->op) || dv.sig != x->addr) x->bad = true;
        }
      } else if (x && x->external) {
        ++x->got;
      } else if (x) {
        const int i = int(dv.seq);
        if (i != x->got || i > 3 || dv.sig != x->expect[size_t(i)]) {
          if (!x->bad)
            error("endpoint " + std::to_string(e) + ": tag " + std::to_string(dv.tag) + " data flit " + std::to_string(i) +
                  " from " + std::to_string(x->dst) + " carries " + std::to_string(dv.sig) + ", expected " +
                  std::to_string(i <= 3 ? x->expect[size_t(i & 3)] : 0));
          x->bad = true;
        }
        ++x->got;
      }
    }
  }
  // Inputs for the next edge.
  ls_req_t req{};
  const bool ext = driven(e);
  if (!offered_valid_[e] && (ext ? ports_[size_t(e)]->has_request() : !g.empty()))
    req = ext ? ports_[size_t(e)]->request() : g.front().req;
  const bool will_accept = req.valid && in.req_ready_o;
  if (will_accept) {
    // (a TLM request stays at the port's front until accept() hands it its tag)
    offered_[e] = ext ? ls_gen_req{req, ports_[size_t(e)]->request_time_cycle(cfg_.link.cycle_ns())} : g.front();
    offered_valid_[e] = 1;
    if (!ext) g.pop();
  }
  for (auto* v : {&im_, &ir_}) {
    if (v->empty()) continue;
    ls_block& b = *(*v)[e];
    b.req_i = req;
    b.net_ready_i = ini_take || !in.net_o.valid;
    b.rsp_i = to_ini;
  }
  tg.req_i = to_tgt;
  for (auto* v : {&lm_, &lr_})
    if (!v->empty()) (*v)[e]->end[0].up_i = up;
}

void pod_bench::switch_side(int e, uint64_t k) {
  // Flow-control receiver: the flit it saw at the last edge is queued unless dropped.
  fc_rx_block& rx = RX(e);
  const flit_t& arrived = presented_[e];
  if (arrived.valid) {
    if (rx.p.drop_o.valid) {
      if (rx.p.drop_o.lossless) ++lossless_drops_;
      error("switch port " + std::to_string(e) + ": a flit of class " + std::to_string(arrived.cls) + " was dropped (ingress full)");
    } else {
      const int c = arrived.cls & 1;
      ingress_[e][size_t(c * n_ + (arrived.dst < n_ ? arrived.dst : 0))].push_back(arrived);
      max_ingress_ = std::max<uint64_t>(max_ingress_, ++ingress_cnt_[size_t(2 * e + c)]);
    }
  }
  llr_block& l = L(e);
  const flit_t& dv = l.end[1].down_o;
  stamp(dv, q_sw, r_sw, k);
  presented_[e] = dv;
  for (auto* v : {&rxm_, &rxr_})
    if (!v->empty()) (*v)[e]->p.in_i = dv;
  // Credits the crossbar returned at the last edge.
  const int cl = cfg_.xbar.classes;
  const xbar_credit_t& cr = X().credit(e);
  if (cr.valid) ++credits_[size_t(e) * (cfg_.xbar.fifo ? cl : n_ * cl) + (cfg_.xbar.fifo ? cr.cls : cr.dst * cl + cr.cls)];
  // Ingress buffer (VOQs) to the crossbar: finish the packet in progress,
  // else the highest class, round robin over the destinations whose head has
  // a credit.
  flit_t in{};
  fc_sel_t deq{};
  auto credit = [&](const flit_t& f) -> int& {
    return credits_[size_t(e) * (cfg_.xbar.fifo ? cl : n_ * cl) + (cfg_.xbar.fifo ? f.cls : f.dst * cl + f.cls)];
  };
  auto& vq = ingress_[e];
  auto take = [&](int qi) {
    auto& q = vq[size_t(qi)];
    in = q.front();
    q.pop_front();
    --credit(in);
    const int c = qi / n_;
    --ingress_cnt_[size_t(2 * e + c)];
    deq = fc_sel_t{true, uint8_t(c)};
    in_lock_[e] = in.eop ? -1 : qi;
    stamp(in, q_xin, r_xin, k);
  };
  if (in_lock_[e] >= 0) {
    auto& q = vq[size_t(in_lock_[e])];
    if (!q.empty() && credit(q.front()) > 0) take(in_lock_[e]);
  } else {
    for (int c = 1; c >= 0 && !in.valid; --c) {
      if (ingress_cnt_[size_t(2 * e + c)] == 0) continue;
      int& rr = in_rr_[size_t(2 * e + c)];
      for (int i = 0; i < n_; ++i) {
        const int d = (rr + i) % n_;
        auto& q = vq[size_t(c * n_ + d)];
        if (q.empty() || credit(q.front()) <= 0) continue;
        take(c * n_ + d);
        rr = (d + 1) % n_;
        break;
      }
    }
  }
  for (auto* v : {&rxm_, &rxr_})
    if (!v->empty()) (*v)[e]->p.deq_i = deq;
  for (auto* b : {xm_.get(), xr_.get()})
    if (b) b->in()[size_t(e)] = in;
  // Egress buffer into the LLR at the switch port.
  flit_t up{};
  if (l.end[1].up_ready_o && !egq_[e].empty()) {
    up = egq_[e].front();
    egq_[e].pop_front();
    stamp(up, q_eg, r_eg, k);
  }
  for (auto* v : {&lm_, &lr_})
    if (!v->empty()) (*v)[e]->end[1].up_i = up;
}

void pod_bench::crossbar_outputs(uint64_t k) {
  xbar_block& x = X();
  for (int j = 0; j < n_; ++j) {
    flit_t f = x.out(j);
    if (f.valid) {
      stamp(f, q_xout, r_xout, k);
      if (cfg_.fault == pod_fault::drop_response && !is_req(f) && k >= cfg_.fault_cycle &&
          (dropped_on_purpose_ == 0 || !f.sop) && dropped_on_purpose_ < uint64_t(f.len)) {
        ++dropped_on_purpose_;  // TEST ONLY: one response packet vanishes inside the switch
        f = flit_t{};
      }
    }
    if (f.valid) ++pipe_cnt_[j];
    const flit_t& o = swpipe_[j].push(f);
    if (o.valid) {
      --pipe_cnt_[j];
      egq_[j].push_back(o);
      max_egress_ = std::max<uint64_t>(max_egress_, egq_[j].size());
    }
    const uint8_t r = egq_[j].size() + pipe_cnt_[j] + uint32_t(cfg_.xbar.pipeline) < egress_cap_;
    for (auto* b : {xm_.get(), xr_.get()})
      if (b) b->ready()[size_t(j)] = r;
  }
}

void pod_bench::step_all() {
  for (auto* b : {xm_.get(), xr_.get()})
    if (b) b->step();
  for (auto* v : {&lm_, &lr_})
    for (auto& b : *v) b->step();
  for (auto* v : {&txm_, &txr_})
    for (auto& b : *v) b->step();
  for (auto* v : {&rxm_, &rxr_})
    for (auto& b : *v) b->step();
  for (auto* v : {&im_, &ir_})
    for (auto& b : *v) b->step();
  for (int e = 0; e < n_; ++e) {
    ls_target_core& tg = tgt_[e];
    tg.step();
    for (const auto& s : tg.served_last_edge()) {
      if (s.src >= n_ || s.tag >= tags_) continue;
      const txn& x = txns_[size_t(s.src) * tags_ + s.tag];
      if (!x.live) continue;
      if (x.external) ports_[s.src]->serve(s.tag, ports_[size_t(e)], *mem_, e);
      uint64_t& want = serve_order_[size_t(s.src) * n_ + e];
      if (x.order != want) {
        ++reordered_;
        error("target " + std::to_string(e) + ": request " + std::to_string(x.order) + " from " + std::to_string(s.src) +
              " served before request " + std::to_string(want));
      }
      want = x.order + 1;
    }
  }
}

void pod_bench::after_edge(uint64_t k) {
  // The links and the flow-control side channels carry what the blocks registered.
  for (int e = 0; e < n_; ++e) {
    const llr_block& l = L(e);
    up_[e].push(k, l.end[0].link_o, l.end[0].link_data_o);
    dn_[e].push(k, l.end[1].link_o, l.end[1].link_data_o);
    for (auto* v : {&lm_, &lr_}) {
      if (v->empty()) continue;
      llr_block& b = *(*v)[e];
      b.end[1].link_i = up_[e].out_hdr();
      b.end[1].link_data_i = up_[e].out_data();
      b.end[0].link_i = dn_[e].out_hdr();
      b.end[0].link_data_i = dn_[e].out_data();
    }
    const pause_t& pz = rev_pause_[e].push(RX(e).p.pause_o);
    const credit_t& cz = rev_credit_[e].push(RX(e).p.credit_o);
    const cc_update_t& ccz = fwd_cc_[e].push(TX(e).p.cc_o);
    for (auto* v : {&txm_, &txr_}) {
      if (v->empty()) continue;
      (*v)[e]->p.pause_i = pz;
      (*v)[e]->p.credit_i = cz;
    }
    for (auto* v : {&rxm_, &rxr_})
      if (!v->empty()) (*v)[e]->p.cc_i = ccz;
  }
}

void pod_bench::tick() {
  const uint64_t k = cycle_;
  end_cycle_ = k;
  if (k > 0 && !compare(k)) return finish("mismatch");
  // Model assertions and RTL SVA stop the run.
  if ((k & 63) == 0 || k < 64) {
    for (auto* v : {&im_}) for (auto& b : *v) for (auto& s : b->violations()) violations_.push_back(s);
    for (auto* v : {&lm_}) for (auto& b : *v) for (auto& s : b->violations()) violations_.push_back(s);
    if (xm_) for (auto& s : static_cast<xbar_model_block&>(*xm_).c.violations()) violations_.push_back(s);
    for (const auto& t : tgt_) for (auto& s : t.violations()) violations_.push_back(s);
    uint64_t fails = 0;
    if (xr_) fails += static_cast<xbar_rtl_block&>(*xr_).r->assertion_failures();
    for (auto& b : lr_) fails += b->assertion_failures();
    for (auto& b : txr_) fails += b->assertion_failures();
    for (auto& b : rxr_) fails += b->assertion_failures();
    for (auto& b : ir_) fails += b->assertion_failures();
    rtl_assertions_ = fails;
    if (!violations_.empty()) return finish("model assertion");
    if (fails) return finish("rtl assertion");
  }
  const bool gen = k < cfg_.cycles;
  for (int e = 0; e < n_; ++e) endpoint_side(e, k, gen);
  for (int e = 0; e < n_; ++e) switch_side(e, k);
  crossbar_outputs(k);
  if (end_reason_ != "not finished") return;
  step_all();
  after_edge(k);
  ++cycle_;
  // Ring all-reduce: the next step starts when every endpoint's writes of this one completed.
  if (cfg_.traffic.pattern == ls_pattern::ring && gen) {
    bool idle = true;
    for (int e = 0; e < n_ && idle; ++e) idle = live_[e] == 0 && gen_[e].empty() && !offered_valid_[e];
    if (idle) {
      ++ring_steps_;
      for (auto& g : gen_) g.ring_grant(cfg_.traffic.ring_step_requests);
    }
  }
  uint64_t live = 0;
  for (int e = 0; e < n_; ++e)
    live += live_[e] + gen_[e].backlog() + offered_valid_[e] + (driven(e) && ports_[size_t(e)]->has_request());
  if (live == 0) last_progress_ = k;
  if (k >= cfg_.cycles && live == 0) {
    bool empty = true;
    for (int e = 0; e < n_ && empty; ++e)
      empty = epq_[e][0].empty() && epq_[e][1].empty() && skid_[e].empty() && egq_[e].empty() && pipe_cnt_[e] == 0 &&
              ingress_cnt_[size_t(2 * e)] == 0 && ingress_cnt_[size_t(2 * e + 1)] == 0 && tgt_[e].queued() == 0;
    if (empty) return finish("drained");
  }
  if (k - last_progress_ > cfg_.stall_cycles) return finish("stalled");
}

nlohmann::json pod_bench::result(double wall_s) const {
  const double ns = cfg_.link.cycle_ns();
  const bool drained = end_reason_ == "drained";
  uint64_t in_flight = 0;
  for (int e = 0; e < n_; ++e) in_flight += live_[e];
  const uint64_t lost = lost_;
  nlohmann::json r;
  nlohmann::json cosim;
  const bool lockstep = (xm_ && xr_) || (!lm_.empty() && !lr_.empty()) || (!txm_.empty() && !txr_.empty()) ||
                        (!im_.empty() && !ir_.empty());
  if (lockstep) {
    std::vector<std::string> blocks;
    if (xm_ && xr_) blocks.push_back("xbar");
    if (!lm_.empty() && !lr_.empty()) blocks.push_back("llr");
    if (!txm_.empty() && !txr_.empty()) blocks.push_back("flow_control");
    if (!im_.empty() && !ir_.empty()) blocks.push_back("ls_port");
    cosim = {{"pass", log_.mismatches == 0},
             {"enabled", true},
             {"blocks", blocks},
             {"compared_cycles", compared_},
             {"compared_block_cycles", compared_blocks_},
             {"compared_port_cycles", compared_blocks_},
             {"mismatches", log_.mismatches},
             {"first_mismatch", mismatch_json(log_, ns)}};
  } else {
    cosim = cosim_off();
  }
  r["checks"]["cosim"] = cosim;
  const bool lossless_ok = drained && lost == 0 && duplicated_ == 0 && reordered_ == 0 && corrupted_ == 0 &&
                           in_flight == 0 && lossless_drops_ == 0;
  r["checks"]["lossless"] = {{"pass", lossless_ok},
                             {"unit", "transactions"},
                             {"injected", injected_},
                             {"delivered", answered_},
                             {"lost", lost},
                             {"timeouts", timeouts_},
                             {"duplicated", duplicated_},
                             {"reordered", reordered_},
                             {"corrupted", corrupted_},
                             {"in_flight", in_flight},
                             {"lossless_flit_drops", lossless_drops_},
                             {"first_error", first_error_.empty() ? nlohmann::json(nullptr) : nlohmann::json(first_error_)}};
  r["checks"]["drain"] = {{"pass", drained}, {"end", end_reason_}};
  nlohmann::json vio = nlohmann::json::array();
  for (size_t i = 0; i < violations_.size() && i < 20; ++i) vio.push_back(violations_[i]);
  r["checks"]["assertions"] = {{"pass", violations_.empty() && rtl_assertions_ == 0},
                               {"model_violations", violations_.size()},
                               {"rtl_failures", rtl_assertions_},
                               {"model_messages", vio},
                               {"failures", nlohmann::json::array()}};
  // Latency.
  nlohmann::json lat;
  lat["load_store_rtt"] = rtt_.to_json();
  lat["switch_traversal"] = sw_.to_json();
  lat["breakdown"] = {{"endpoint", bd_ep_.to_json()},   {"link", bd_link_.to_json()},
                      {"llr_replay", bd_llr_.to_json()}, {"queueing", bd_queue_.to_json()},
                      {"crossbar", bd_xbar_.to_json()},  {"switch_pipeline", bd_pipe_.to_json()},
                      {"memory", bd_mem_.to_json()}};
  r["latency"] = lat;
  const latency_stats& metric = cfg_.budget_metric == "switch_traversal" ? sw_ : rtt_;
  const double measured = metric.count() ? metric.percentile_cycles(cfg_.budget_percentile / 100.0) * ns : 0.0;
  r["checks"]["latency_budget"] = {{"pass", metric.count() > 0 && measured <= cfg_.budget_ns},
                                   {"metric", cfg_.budget_metric},
                                   {"percentile", cfg_.budget_percentile},
                                   {"budget_ns", cfg_.budget_ns},
                                   {"measured_ns", measured},
                                   {"samples", metric.count()}};
  const double window = double(std::min(cfg_.cycles, std::max<uint64_t>(end_cycle_, cfg_.warmup + 1)) - cfg_.warmup);
  r["throughput"] = {{"offered", double(offered_flits_) / (window * n_)},
                     {"accepted", double(delivered_window_) / (window * n_)},
                     {"unit", "flits/cycle/link (requests + responses, one direction)"}};
  bool ok = true;
  for (auto& [k, c] : r["checks"].items()) ok = ok && c["pass"].get<bool>();
  r["verdict"] = ok ? "pass" : "fail";
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered_flits_, end_reason_);
  if (!wave_files_.empty()) r["waves"] = wave_files_;
  // Counters.
  uint64_t replays = 0, crc = 0, naks = 0, replayed = 0, timer_replays = 0, link_err = 0;
  for (int e = 0; e < n_; ++e)
    for (int s = 0; s < 2; ++s) {
      const llr_stat_t& st = L(e).end[s].stat_o;
      replays += st.replays;
      crc += st.crc_errors;
      naks += st.naks_sent;
      replayed += st.replayed_flits;
      timer_replays += st.timer_replays;
      link_err += st.link_errors;
    }
  uint64_t faults = 0;
  for (int e = 0; e < n_; ++e)
    for (const auto* d : {&up_[e], &dn_[e]}) {
      const link_counters& c = d->counters();
      faults += c.corrupted + c.dropped + c.ctrl_corrupted + c.ctrl_dropped + c.down_dropped;
    }
  r["llr"] = {{"replays", replays},         {"timer_replays", timer_replays}, {"crc_errors", crc},
              {"naks_sent", naks},          {"replayed_flits", replayed},     {"link_errors", link_err},
              {"link_faults_injected", faults}};
  if (cfg_.fc.mode == fc_mode::cbfc) {
    uint64_t stalls = 0, updates = 0;
    for (int e = 0; e < n_; ++e) {
      stalls += TX(e).p.cbfc_stat.stalls;
      updates += TX(e).p.cbfc_stat.updates;
    }
    r["cbfc"] = {{"credit_stalls", stalls}, {"updates", updates}};
  } else {
    uint64_t frames = 0, paused = 0;
    for (int e = 0; e < n_; ++e) {
      frames += RX(e).p.pfc_stat.frames;
      for (int c = 0; c < 2; ++c) paused += TX(e).p.pfc_stat.paused_cycles[c];
    }
    r["pfc"] = {{"pause_frames_sent", frames}, {"paused_cycles", paused}};
  }
  const uint32_t d = cfg_.link.delay_cycles();
  r["pod"] = {{"endpoints", n_},
              {"cycle_ns", ns},
              {"link_one_way_cycles", d},
              {"switch_pipeline_cycles", cfg_.switch_pipeline},
              {"egress_buffer_flits", egress_cap_},
              {"max_ingress_queue_flits", max_ingress_},
              {"max_egress_queue_flits", max_egress_},
              {"reads", ops_[0]},
              {"writes", ops_[1]},
              {"atomics", ops_[2]},
              {"ring_steps", ring_steps_},
              {"memory_latency_cycles", cfg_.target.latency}};
  uint64_t pairs = 0, pairs_total = 0;
  // The pair's index among the N(N-1) pairs, for the union across a regression.
  nlohmann::json pair_bins = nlohmann::json::array();
  for (int s = 0; s < n_; ++s)
    for (int t = 0; t < n_; ++t)
      if (s != t) {
        ++pairs_total;
        pairs += pair_hit_[size_t(s) * n_ + t];
        if (pair_hit_[size_t(s) * n_ + t]) pair_bins.push_back(s * (n_ - 1) + (t < s ? t : t - 1));
      }
  r["coverage"] = {{"pairs_carried", {{"hit", pairs}, {"total", pairs_total}, {"bins", pair_bins}}},
                   {"ops_issued", {{"hit", int(ops_[0] > 0) + int(ops_[1] > 0) + int(ops_[2] > 0)}, {"total", 3}}},
                   {"tags_max_in_use", {{"hit", tags_max_in_use_}, {"total", tags_}}}};
  if (!cfg_.out_dir.empty()) {
    rtt_.write_csv(cfg_.out_dir + "/latency_load_store_rtt.csv");
    sw_.write_csv(cfg_.out_dir + "/latency_switch_traversal.csv");
  }
  return r;
}

sb_pod::sb_pod(const sc_core::sc_module_name& name, const pod_bench_config& cfg) : sc_core::sc_module(name) {
  if (cfg.ports < 2) throw std::invalid_argument("switch.ports: a pod needs at least 2 endpoints");
  if (cfg.xbar.classes < 2) throw std::invalid_argument("switch.classes: a pod needs 2 classes (requests, responses)");
  std::vector<sb_ls_tlm_port*> raw;
  for (int e = 0; e < cfg.ports; ++e) {
    ports_.push_back(std::make_unique<sb_ls_tlm_port>(("ep" + std::to_string(e)).c_str(), e, cfg.ports));
    raw.push_back(ports_.back().get());
  }
  bench_ = std::make_unique<pod_bench>("bench", cfg, raw, &mem_);
}

sb_pod::~sb_pod() = default;

sb_ls_tlm_port& sb_pod::port(int e) { return *ports_.at(size_t(e)); }

nlohmann::json sb_pod::result(double wall_s) {
  bench_->close_traces();
  return bench_->result(wall_s);
}

nlohmann::json run_pod_bench(const pod_bench_config& cfg) {
  auto* p = new sb_pod("pod", cfg);  // lives as long as the SystemC kernel
  return run_captured(cfg.out_dir, [p, &cfg](double wall) { return with_rtl_coverage(p->result(wall), cfg.out_dir); });
}

}  // namespace sb
