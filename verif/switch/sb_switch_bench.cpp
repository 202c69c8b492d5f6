#include "sb_switch_bench.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <systemc>

#include "sb_block.h"
#include "sb_energy_pins.h"
#include "sb_lockstep.h"
#include "sb_port_link.h"
#include "sb_rtl_coverage.h"
#include "sb_scoreboard.h"
#include "sb_stats.h"
#include "sb_switch_rtl.h"

namespace sb {

std::vector<int> switch_rtl_port_builds() { return switch_rtl_ports(); }

std::string switch_rtl_fits(const switch_params& p) {
  const std::vector<int> builds = switch_rtl_ports();
  std::string list;
  for (int n : builds) list += (list.empty() ? "" : ", ") + std::to_string(n);
  if (std::find(builds.begin(), builds.end(), p.ports) == builds.end())
    return "switch.ports=" + std::to_string(p.ports) + " has no RTL build of the switch (builds: " + list +
           "; configure with -DSKYBENCH_SWITCH_RTL_BUILDS)";
  const switch_rtl_sizes z = switch_rtl_build_sizes();
  auto over = [](const char* key, long v, long max) {
    return key + std::string("=") + std::to_string(v) + " exceeds the switch RTL build's " + std::to_string(max);
  };
  if (p.xbar.classes != z.classes)
    return "switch.classes=" + std::to_string(p.xbar.classes) + ": the switch RTL is built for " + std::to_string(z.classes) + " classes";
  if (p.llr.depth > z.llr_max_depth) return over("llr.replay_depth", p.llr.depth, z.llr_max_depth);
  if (p.xbar.depth > z.xbar_max_depth) return over("xbar.voq_depth", p.xbar.depth, z.xbar_max_depth);
  if (p.xbar.pipeline > z.xbar_max_pipe) return over("xbar.pipeline", p.xbar.pipeline, z.xbar_max_pipe);
  if (long(p.ingress_cap) > z.max_ingress) return over("switch.ingress_buffer_flits", long(p.ingress_cap), z.max_ingress);
  if (long(p.egress_cap_flits()) > z.max_egress) return over("switch.egress_buffer_flits", long(p.egress_cap_flits()), z.max_egress);
  if (long(p.pipeline) > z.max_sw_pipe) return over("switch.pipeline_ns (cycles)", long(p.pipeline), z.max_sw_pipe);
  return "";
}

namespace {

struct partner {
  traffic_source src;
  egress_core tx_q;  // the partner's sender: class queues, skid, offers (pipeline 1)
  std::unique_ptr<fc_tx_block> tx;
  std::unique_ptr<fc_rx_block> rx;
  std::unique_ptr<llr_end_block> llr;
  rx_buffer rxq;
  partner(int p, const switch_bench_config& c, const std::vector<uint16_t>* perm, const xbar_cfg_t& xc,
          const switch_cfg_t& sc)
      : src(p, c.sw.ports, c.traffic, true, 1 << 30, c.seed, perm),
        tx_q(c.sw.xbar.classes, xc, sc),
        tx(make_fc_tx_model(c.sw.fc, fc_fault::none)),
        rx(make_fc_rx_model(c.sw.fc)),
        llr(make_llr_end_model(c.sw.llr)),
        rxq(c.sw.xbar.classes, c.rx_rate) {}
};

}  // namespace

class switch_bench : public sc_core::sc_module {
 public:
  switch_bench(const sc_core::sc_module_name& name, const switch_bench_config& cfg);
  nlohmann::json result(double wall_s) const;
  void close_traces() {
    if (rtl_) rtl_->trace_close();
  }

 private:
  void tick();
  bool checks_hold();  // every block's assertions; false (and the run stopped) on a failure
  void finish(const std::string& why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }
  void partners_wire(uint64_t k, bool gen);
  void after_edge(uint64_t k);
  energy_counts energy_snapshot() const;
  const std::vector<switch_port_pins>& ref() const { return model_ ? model_->pins : rtl_->pins; }

  switch_bench_config cfg_;
  int n_;
  sc_core::sc_clock clk_;
  std::unique_ptr<switch_core> model_;
  std::unique_ptr<switch_rtl> rtl_;
  std::vector<uint16_t> perm_;
  std::vector<partner> pt_;
  std::vector<port_link> links_;
  scoreboard sb_;
  latency_stats lat_;
  lockstep_log log_;
  std::vector<std::string> violations_;
  uint64_t rtl_failures_ = 0, compared_ = 0, cycle_ = 0, end_cycle_ = 0, last_progress_ = 0;
  uint64_t injected_flits_ = 0, delivered_flits_ = 0, offered_window_ = 0, accepted_window_ = 0;
  uint64_t lossless_drops_ = 0;
  std::vector<uint8_t> pair_hit_;
  std::string end_reason_ = "not finished";
};

switch_bench::switch_bench(const sc_core::sc_module_name& name, const switch_bench_config& cfg)
    : sc_core::sc_module(name),
      cfg_(cfg),
      n_(cfg.sw.ports),
      clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
      sb_(cfg.sw.ports, cfg.sw.xbar.classes, 4096),
      lat_(cfg.link.cycle_ns()) {
  if (auto why = cfg.sw.validate(); !why.empty()) throw std::invalid_argument(why);
  if (cfg.impl != impl_mode::rtl) {
    model_ = std::make_unique<switch_core>(cfg.sw);
    if (cfg.fault == switch_fault::egress_drop) model_->egress(0).inject_drop(1, cfg.fault_cycle);
    if (cfg.fault == switch_fault::bad_grant) model_->inject_bad_grant(cfg.fault_cycle);
  }
  if (cfg.impl != impl_mode::model) {
    std::string why;
    rtl_ = make_switch_rtl(cfg.sw.ports, &why);
    if (!rtl_) throw std::invalid_argument(why);
    rtl_->reset(cfg.sw.regs());
    if (!cfg.wave_path.empty()) rtl_->trace_open(cfg.wave_path);
  }
  if (cfg.traffic.pattern == traffic_pattern::permutation) perm_ = make_permutation(n_, cfg.seed);
  // The partners' senders: class queues of 16 flits, pipeline 1, strict priority.
  const switch_regs r = cfg.sw.regs();
  xbar_cfg_t xc = r.xbar;
  xc.pipe = 0;
  switch_cfg_t sc = r.sw;
  sc.pipe = 1;
  sc.egress_cap = 16;
  sc.sched = false;
  pt_.reserve(size_t(n_));
  for (int p = 0; p < n_; ++p) {
    pt_.emplace_back(p, cfg, perm_.empty() ? nullptr : &perm_, xc, sc);
    links_.emplace_back(cfg.link, cfg.seed, p);
  }
  pair_hit_.assign(size_t(n_) * n_, 0);
  SC_HAS_PROCESS(switch_bench);
  SC_METHOD(tick);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

void switch_bench::partners_wire(uint64_t k, bool gen) {
  const bool measure = k >= cfg_.warmup && k < cfg_.cycles;
  for (int p = 0; p < n_; ++p) {
    partner& P = pt_[size_t(p)];
    // Delivered at the last edge.
    const flit_t& f = P.rxq.out_o();
    if (f.valid) {
      ++delivered_flits_;
      last_progress_ = k;
      if (measure) ++accepted_window_;
      if (f.src < n_) pair_hit_[size_t(f.src) * n_ + p] = 1;
      const scoreboard::delivery dv = sb_.on_output(p, f, k);
      if (dv.in_order && dv.gen_cycle >= cfg_.warmup && dv.gen_cycle < cfg_.cycles) lat_.add(k - dv.gen_cycle);
    }
    if (gen) {
      const uint64_t before = P.src.generated_flits();
      P.src.generate(k);
      if (measure) offered_window_ += P.src.generated_flits() - before;
    }
    flit_t in{};
    if (P.tx_q.ready_o()) {
      in = P.src.next_flit();
      if (in.valid) {
        ++injected_flits_;
        if (P.src.head_presented()) {
          const packet_desc& pd = P.src.presented_packet();
          sb_.on_inject_head(p, pd.dst, pd.cls, pd.no, pd.gen_cycle, k);
          sb_.on_inject_packet();
        }
      }
    }
    llr_end_ports& L = P.llr->p;
    P.tx_q.in_i = in;
    P.tx_q.grant_i = P.tx->p.grant_o;
    P.tx_q.up_ready_i = L.up_ready_o;
    L.up_i = P.tx_q.up_o();
    links_[size_t(p)].drive_far(L, P.tx->p, P.rx->p);
    P.rx->p.in_i = L.down_o;
    P.rx->p.deq_i = P.rxq.deq_o();
    P.rxq.in_i = L.down_o;
    P.rxq.drop_i = P.rx->p.drop_o;
    if (P.rx->p.drop_o.valid && P.rx->p.drop_o.lossless) ++lossless_drops_;
  }
}

bool switch_bench::checks_hold() {
  if (model_) {
    violations_.clear();
    model_->collect_violations(violations_);
    for (auto& P : pt_) {
      for (const auto* b : {static_cast<const block_base*>(P.tx.get()), static_cast<const block_base*>(P.rx.get()),
                            static_cast<const block_base*>(P.llr.get())})
        for (auto& s : b->violations()) violations_.push_back(s);
      for (auto& s : P.tx_q.violations()) violations_.push_back(s);
    }
    if (!violations_.empty()) {
      finish("model assertion");
      return false;
    }
  }
  if (rtl_) {
    rtl_failures_ = rtl_->assertion_failures();
    if (rtl_failures_) {
      finish("rtl assertion");
      return false;
    }
  }
  return true;
}

void switch_bench::tick() {
  const uint64_t k = cycle_;
  end_cycle_ = k;
  if (model_ && rtl_) {
    ++compared_;
    bool ok = true;
    ok &= compare_replicated<switch_binding>(log_, k, "switch", model_->pins, rtl_->pins);
    if (!ok) return finish("mismatch");
  }
  if (!checks_hold()) return;
  const bool gen = k < cfg_.cycles;
  partners_wire(k, gen);
  // The chip's pin inputs: the links and the side channels.
  for (auto* pins : {model_ ? &model_->pins : nullptr, rtl_ ? &rtl_->pins : nullptr}) {
    if (!pins) continue;
    for (int p = 0; p < n_; ++p) links_[size_t(p)].drive_switch((*pins)[size_t(p)]);
  }
  // The edge.
  for (auto& P : pt_) {
    P.tx_q.step();
    P.tx->p.offer_i = P.tx_q.offer_o();
    P.tx->p.sop_i = P.tx_q.sop_o();
    P.tx->p.eop_i = P.tx_q.eop_o();
    P.tx->step();
    P.rx->step();
    P.rxq.step();
    P.llr->step();
  }
  if (model_) model_->step();
  if (rtl_) {
    if (cfg_.fault == switch_fault::rtl_corrupt_sig) rtl_->set_test_fault(k >= cfg_.fault_cycle);
    rtl_->step();
  }
  after_edge(k);
  ++cycle_;
  bool idle = true;
  for (int p = 0; p < n_ && idle; ++p) idle = pt_[size_t(p)].src.idle();
  if (injected_flits_ == delivered_flits_) last_progress_ = k;
  if (k >= cfg_.cycles && idle && injected_flits_ == delivered_flits_) {
    bool empty = !model_ || model_->occupancy() == 0;
    for (int p = 0; p < n_ && empty; ++p) empty = pt_[size_t(p)].tx_q.occupancy() == 0 && pt_[size_t(p)].rxq.held() == 0;
    // The last edge's assertions too: a failure in the final cycle still fails the run.
    if (empty && checks_hold()) return finish("drained");
  }
  if (k - last_progress_ > cfg_.stall_cycles) return finish("stalled");
}

void switch_bench::after_edge(uint64_t k) {
  const auto& pins = ref();
  for (int p = 0; p < n_; ++p) {
    partner& P = pt_[size_t(p)];
    links_[size_t(p)].push(k, P.llr->p, far_fc_out{P.rx->p.pause_o, P.rx->p.credit_o, P.tx->p.cc_o}, pins[size_t(p)]);
  }
}

nlohmann::json switch_bench::result(double wall_s) const {
  const double ns = cfg_.link.cycle_ns();
  const bool drained = end_reason_ == "drained";
  nlohmann::json r;
  if (model_ && rtl_) {
    r["checks"]["cosim"] = cosim_json(log_, compared_, compared_ * uint64_t(n_), ns);
    r["checks"]["cosim"]["blocks"] = {"switch"};
  } else {
    r["checks"]["cosim"] = cosim_off();
  }
  nlohmann::json ll = sb_.to_json();
  ll["unit"] = "packets";
  ll["in_flight"] = sb_.in_flight();
  ll["lossless_flit_drops"] = lossless_drops_;
  ll["pass"] = drained && sb_.pass() && sb_.in_flight() == 0 && lossless_drops_ == 0;
  ll["first_error"] = sb_.first_error().empty() ? nlohmann::json(nullptr) : nlohmann::json(sb_.first_error());
  r["checks"]["lossless"] = ll;
  r["checks"]["drain"] = {{"pass", drained}, {"end", end_reason_}};
  nlohmann::json vio = nlohmann::json::array();
  for (size_t i = 0; i < violations_.size() && i < 20; ++i) vio.push_back(violations_[i]);
  r["checks"]["assertions"] = {{"pass", violations_.empty() && rtl_failures_ == 0},
                               {"model_violations", violations_.size()},
                               {"rtl_failures", rtl_failures_},
                               {"model_messages", vio},
                               {"failures", nlohmann::json::array()}};
  r["latency"]["packet"] = lat_.to_json();
  const double window = double(std::min(cfg_.cycles, std::max<uint64_t>(end_cycle_, cfg_.warmup + 1)) - cfg_.warmup);
  r["throughput"] = {{"offered", double(offered_window_) / (window * n_)},
                     {"accepted", double(accepted_window_) / (window * n_)},
                     {"unit", "flits/cycle/port"}};
  bool ok = true;
  for (auto& [k, c] : r["checks"].items()) ok = ok && c["pass"].get<bool>();
  r["verdict"] = ok ? "pass" : "fail";
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered_flits_, end_reason_);
  // Counters at the chip's pins.
  uint64_t replays = 0, crc = 0, frames_in = 0, frames_out = 0, stalls = 0, max_in = 0, max_eg = 0;
  for (const auto& pn : ref()) {
    replays += pn.llr_stat_o.replays;
    crc += pn.llr_stat_o.crc_errors;
    frames_out += pn.pfc_rx_stat_o.frames;
    frames_in += pn.pfc_tx_stat_o.frames;
    stalls += pn.cbfc_tx_stat_o.stalls;
    for (int c = 0; c < 8; ++c) {
      max_in = std::max<uint64_t>(max_in, pn.ingress_stat_o.occ[size_t(c)]);
      max_eg = std::max<uint64_t>(max_eg, pn.egress_stat_o.occ[size_t(c)]);
    }
  }
  uint64_t partner_replays = 0, faults = 0;
  for (int p = 0; p < n_; ++p) {
    partner_replays += pt_[size_t(p)].llr->p.stat_o.replays;
    faults += links_[size_t(p)].faults();
  }
  r["switch"] = {{"ports", n_},
                 {"classes", cfg_.sw.xbar.classes},
                 {"flow_control", cfg_.sw.fc.mode == fc_mode::cbfc ? "cbfc" : "pfc"},
                 {"scheduler", cfg_.sw.wrr ? "wrr" : "sp"},
                 {"pipeline_cycles", cfg_.sw.pipeline},
                 {"egress_buffer_flits", cfg_.sw.egress_cap_flits()},
                 {"ingress_buffer_flits", cfg_.sw.ingress_cap},
                 {"llr_replays_switch", replays},
                 {"llr_replays_partners", partner_replays},
                 {"llr_crc_errors_switch", crc},
                 {"link_faults_injected", faults},
                 {"pfc_pause_frames_sent", frames_out},
                 {"pfc_pause_frames_received", frames_in},
                 {"cbfc_egress_credit_stalls", stalls},
                 {"ingress_occupancy_last_max", max_in},
                 {"egress_occupancy_last_max", max_eg}};
  uint64_t pairs = 0, total = 0;
  for (int s = 0; s < n_; ++s)
    for (int t = 0; t < n_; ++t) {
      if (s == t) continue;
      ++total;
      pairs += pair_hit_[size_t(s) * n_ + t];
    }
  r["coverage"] = {{"pairs_carried", {{"hit", pairs}, {"total", total}}}};
  r["energy"] = energy_json(cfg_.energy, energy_snapshot());
  if (!cfg_.out_dir.empty()) lat_.write_csv(cfg_.out_dir + "/latency_packet.csv");
  return r;
}

// The energy model's counts (sb_energy_pins.h): every link, the chip's ports,
// the partners' LLR ends; every flit delivered to a partner is payload.
energy_counts switch_bench::energy_snapshot() const {
  energy_counts c = energy_frame(uint32_t(n_), 1, cfg_.link, cycle_);
  for (int p = 0; p < n_; ++p) {
    energy_add_link(c, links_[size_t(p)], cfg_.link);
    energy_add_switch_port(c, ref()[size_t(p)], cfg_.link);
    energy_add_far_llr(c, pt_[size_t(p)].llr->p.stat_o, cfg_.link);
  }
  c.payload_bits = delivered_flits_ * energy_flit_bits(cfg_.link);
  return c;
}

nlohmann::json run_switch_bench(const switch_bench_config& cfg) {
  auto* b = new switch_bench("switch_bench", cfg);  // lives as long as the SystemC kernel
  return run_captured(cfg.out_dir, [b, &cfg](double wall) {
    b->close_traces();
    return with_rtl_coverage(b->result(wall), cfg.out_dir);
  });
}

}  // namespace sb
