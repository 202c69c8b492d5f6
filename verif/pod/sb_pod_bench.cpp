// The pod as a composition: endpoints, links and the switch chip. No design
// logic here: the endpoint (sb_endpoint.cpp) and the chip (systemc/switch)
// are blocks; this file wires them, runs the clock, collects every check
// every cycle and writes the report.
#include "sb_pod_bench.h"

#include <algorithm>
#include <memory>
#include <systemc>
#include <vector>

#include "sb_endpoint.h"
#include "sb_lockstep.h"
#include "sb_pod_blocks.h"
#include "sb_port_link.h"
#include "sb_rtl_coverage.h"
#include "sb_switch_bench.h"
#include "sb_switch_rtl.h"
#include "sb_traffic.h"

namespace sb {

class pod_bench : public sc_core::sc_module {
 public:
  pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg, std::vector<sb_ls_tlm_port*> ports,
            ls_func_memory* mem);
  nlohmann::json result(double wall_s) const;
  // --wave: the RTL of every block kind that has one, endpoint / port 0 for
  // the per-port blocks: wave.fst for the first, wave.fst.<block>.fst for the others.
  std::vector<std::string> open_traces();
  void close_traces();

 private:
  void tick();
  bool checks_hold();
  void finish(const std::string& why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }
  const std::vector<switch_port_pins>& pins() const { return model_ ? model_->pins : rtl_->pins; }
  uint64_t switch_held() const;
  nlohmann::json counters_json(nlohmann::json& r) const;
  void fc_counters(nlohmann::json& r) const;
  nlohmann::json coverage_json() const;

  pod_bench_config cfg_;
  int n_;
  std::vector<sb_ls_tlm_port*> ports_;
  sc_core::sc_clock clk_;
  lockstep_ctx ctx_;
  pod_scoreboard sb_;
  std::vector<uint16_t> perm_;
  std::unique_ptr<switch_core> model_;
  std::unique_ptr<switch_rtl> rtl_;
  std::vector<std::unique_ptr<endpoint>> ep_;
  std::vector<port_link> links_;
  uint64_t cycle_ = 0, end_cycle_ = 0, pins_compared_ = 0, ring_steps_ = 0, rtl_assertions_ = 0;
  std::vector<std::string> violations_;
  std::vector<std::string> wave_files_;
  std::string end_reason_ = "not finished";
  bool chip_lockstep_ = false;
};

pod_bench::pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg,
                     std::vector<sb_ls_tlm_port*> ports, ls_func_memory* mem)
    : sc_core::sc_module(name),
      cfg_(cfg),
      n_(cfg.ports),
      ports_(std::move(ports)),
      clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
      sb_(cfg.ports, cfg.ls.max_tags,
          pod_timing{cfg.link.cycle_ns(), cfg.warmup, cfg.cycles, cfg.link.delay_cycles() + 3, cfg.sw.pipeline}) {
  if (cfg.traffic.pattern == ls_pattern::permutation) perm_ = make_permutation(n_, cfg.seed);
  if (auto why = cfg.sw.validate(); !why.empty()) throw std::invalid_argument(why);
  if (cfg.impl_switch != impl_mode::rtl) {
    switch_block_factory f;
    lockstep_ctx* ctx = &ctx_;
    const pod_bench_config* c = &cfg_;
    f.xbar = [ctx, c](const xbar_params& p) {
      return make_pod_xbar(c->impl_xbar, p, c->xbar_fault_kind, c->fault_cycle, ctx);
    };
    f.llr = [ctx, c](const llr_params& p, int port) {
      return make_pod_llr(c->impl_llr, p, llr_fault::none, 0, port, "llr_switch", ctx);
    };
    f.fc_rx = [ctx, c](const fc_cfgs& fc, int port) {
      return make_fc_rx(c->impl_fc, fc, port, "sw_rx" + std::to_string(port), ctx);
    };
    f.fc_tx = [ctx, c](const fc_cfgs& fc, int port) {
      return make_fc_tx(c->impl_fc, fc, fc_fault::none, port, "sw_tx" + std::to_string(port), ctx);
    };
    model_ = std::make_unique<switch_core>(cfg.sw, f);
    model_->set_probe(&sb_);
    sb_.switch_observed = true;
    if (cfg.fault == pod_fault::drop_response) model_->egress(0).inject_drop(1, cfg.fault_cycle);
  }
  if (cfg.impl_switch != impl_mode::model) {
    if (auto why = switch_rtl_fits(cfg.sw); !why.empty()) throw std::invalid_argument("impl.switch: " + why);
    std::string why;
    rtl_ = make_switch_rtl(n_, &why);
    if (!rtl_) throw std::invalid_argument("impl.switch: " + why);
    rtl_->reset(cfg.sw.regs());
    chip_lockstep_ = model_ != nullptr;
  }
  for (int e = 0; e < n_; ++e) {
    ep_.push_back(std::make_unique<endpoint>(e, cfg_, perm_.empty() ? nullptr : &perm_, &ctx_, &sb_, ports_[size_t(e)],
                                             mem, &ports_));
    links_.emplace_back(cfg.link, cfg.seed, e);
  }
  if (cfg.traffic.pattern == ls_pattern::ring)
    for (auto& x : ep_) x->traffic().ring_grant(cfg.traffic.ring_step_requests);
  if (!cfg.wave_path.empty()) wave_files_ = open_traces();
  SC_HAS_PROCESS(pod_bench);
  SC_METHOD(tick);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

std::vector<std::string> pod_bench::open_traces() {
  std::vector<std::string> files;
  auto next = [&](const char* block) {
    files.push_back(files.empty() ? cfg_.wave_path : cfg_.wave_path + "." + block + ".fst");
    return files.back();
  };
  if (rtl_) rtl_->trace_open(next("switch"));
  if (model_ && cfg_.impl_xbar != impl_mode::model) model_->xbar().trace_open(next("xbar"));
  if (cfg_.impl_llr != impl_mode::model) ep_[0]->llr().trace_open(next("llr0"));
  if (cfg_.impl_ls != impl_mode::model) ep_[0]->initiator().trace_open(next("ls_port0"));
  if (cfg_.impl_fc != impl_mode::model) {
    ep_[0]->tx().trace_open(next("fc_tx0"));
    ep_[0]->rx().trace_open(next("fc_rx0"));
  }
  return files;
}

void pod_bench::close_traces() {
  if (wave_files_.empty()) return;
  if (rtl_) rtl_->trace_close();
  if (model_) model_->xbar().trace_close();
  ep_[0]->llr().trace_close();
  ep_[0]->initiator().trace_close();
  ep_[0]->tx().trace_close();
  ep_[0]->rx().trace_close();
}

// Every block's model assertions and RTL SVA, and the comparators, every cycle.
bool pod_bench::checks_hold() {
  if (ctx_.log.mismatches) {
    finish("mismatch");
    return false;
  }
  violations_.clear();
  uint64_t fails = 0;
  for (const auto& x : ep_) {
    x->collect_violations(violations_);
    fails += x->assertion_failures();
  }
  if (model_) {
    model_->collect_violations(violations_);
    fails += model_->assertion_failures();
  }
  if (rtl_) fails += rtl_->assertion_failures();
  rtl_assertions_ = fails;
  if (!violations_.empty()) {
    finish("model assertion");
    return false;
  }
  if (fails) {
    finish("rtl assertion");
    return false;
  }
  return true;
}

uint64_t pod_bench::switch_held() const {
  if (model_) return model_->occupancy();
  uint64_t t = 0;
  for (const auto& pn : rtl_->pins) {
    for (int c = 0; c < 2; ++c) t += pn.ingress_stat_o.occ[size_t(c)] + pn.egress_stat_o.occ[size_t(c)];
    t += pn.egress_stat_o.pipe;
  }
  return t;
}

void pod_bench::tick() {
  const uint64_t k = cycle_;
  end_cycle_ = k;
  ctx_.cycle = k;
  sb_.now = k;
  if (chip_lockstep_) {
    ++pins_compared_;
    compare_replicated<switch_binding>(ctx_.log, k, "switch", model_->pins, rtl_->pins);
  }
  if (!checks_hold()) return;
  const bool gen = k < cfg_.cycles;
  for (auto& x : ep_) x->wire(k, gen);
  for (int p = 0; p < n_; ++p) {
    if (model_) links_[size_t(p)].drive_switch(model_->pins[size_t(p)]);
    if (rtl_) links_[size_t(p)].drive_switch(rtl_->pins[size_t(p)]);
  }
  // The edge.
  for (auto& x : ep_) x->step();
  if (model_) model_->step();
  if (rtl_) rtl_->step();
  const auto& pn = pins();
  for (int p = 0; p < n_; ++p) {
    const fc_drop_t& d = pn[size_t(p)].fc_drop_o;
    if (d.valid) {
      if (d.lossless) ++sb_.lossless_drops;
      sb_.error("switch port " + std::to_string(p) + ": a flit of class " + std::to_string(d.cls) +
                " was dropped (ingress full)");
    }
    endpoint& x = *ep_[size_t(p)];
    links_[size_t(p)].push(k, x.llr().p, x.fc_out(), pn[size_t(p)]);
    links_[size_t(p)].drive_far(x.llr().p, x.tx().p, x.rx().p);
  }
  ++cycle_;
  // Ring all-reduce: the next step starts when every endpoint's writes of this one completed.
  if (cfg_.traffic.pattern == ls_pattern::ring && gen) {
    bool idle = true;
    for (int e = 0; e < n_ && idle; ++e) idle = sb_.live(e) == 0 && ep_[size_t(e)]->pending() == 0;
    if (idle) {
      ++ring_steps_;
      for (auto& x : ep_) x->traffic().ring_grant(cfg_.traffic.ring_step_requests);
    }
  }
  uint64_t live = 0;
  for (int e = 0; e < n_; ++e) live += sb_.live(e) + ep_[size_t(e)]->pending();
  live += sb_.late_in_network;  // (a held late packet in the network is not idle: the watchdog still runs)
  if (live == 0) sb_.progress(k);
  if (k >= cfg_.cycles && live == 0) {
    bool empty = switch_held() == 0 && sb_.late_in_network == 0;
    for (int e = 0; e < n_ && empty; ++e) empty = ep_[size_t(e)]->empty();
    // The last edge's assertions too: a failure in the final cycle still fails the run.
    if (empty && checks_hold()) return finish("drained");
    if (empty) return;
  }
  if (k - sb_.last_progress > cfg_.stall_cycles) return finish("stalled");
}

nlohmann::json pod_bench::result(double wall_s) const {
  const double ns = cfg_.link.cycle_ns();
  const bool drained = end_reason_ == "drained";
  nlohmann::json r;
  std::vector<std::string> blocks;
  if (chip_lockstep_) blocks.push_back("switch");
  if (model_ && cfg_.impl_xbar == impl_mode::lockstep) blocks.push_back("xbar");
  if (cfg_.impl_llr == impl_mode::lockstep) blocks.push_back("llr");
  if (cfg_.impl_fc == impl_mode::lockstep) blocks.push_back("flow_control");
  if (cfg_.impl_ls == impl_mode::lockstep) blocks.push_back("ls_port");
  if (!blocks.empty()) {
    nlohmann::json& cs = r["checks"]["cosim"];
    cs = cosim_json(ctx_.log, end_cycle_, ctx_.compared_ports + pins_compared_ * uint64_t(n_), ns);
    cs["blocks"] = blocks;
    cs["compared_block_cycles"] = ctx_.compared_blocks + pins_compared_;
  } else {
    r["checks"]["cosim"] = cosim_off();
  }
  r["checks"]["lossless"] = sb_.lossless_json(drained);
  r["checks"]["drain"] = {{"pass", drained}, {"end", end_reason_}};
  nlohmann::json vio = nlohmann::json::array();
  for (size_t i = 0; i < violations_.size() && i < 20; ++i) vio.push_back(violations_[i]);
  r["checks"]["assertions"] = {{"pass", violations_.empty() && rtl_assertions_ == 0},
                               {"model_violations", violations_.size()},
                               {"rtl_failures", rtl_assertions_},
                               {"model_messages", vio},
                               {"failures", nlohmann::json::array()}};
  r["latency"] = sb_.latency_json();
  const latency_stats& metric = cfg_.budget_metric == "switch_traversal" ? sb_.traversal() : sb_.rtt();
  const double measured = metric.count() ? metric.percentile_cycles(cfg_.budget_percentile / 100.0) * ns : 0.0;
  r["checks"]["latency_budget"] = {{"pass", metric.count() > 0 && measured <= cfg_.budget_ns},
                                   {"metric", cfg_.budget_metric},
                                   {"percentile", cfg_.budget_percentile},
                                   {"budget_ns", cfg_.budget_ns},
                                   {"measured_ns", measured},
                                   {"samples", metric.count()}};
  uint64_t delivered = 0, window_flits = 0;
  for (const auto& x : ep_) {
    delivered += x->delivered_flits;
    window_flits += x->delivered_window;
  }
  const double window = double(std::min(cfg_.cycles, std::max<uint64_t>(end_cycle_, cfg_.warmup + 1)) - cfg_.warmup);
  r["throughput"] = {{"offered", double(sb_.offered_flits) / (window * n_)},
                     {"accepted", double(window_flits) / (window * n_)},
                     {"unit", "flits/cycle/link (requests + responses, one direction)"}};
  bool ok = true;
  for (auto& [k, c] : r["checks"].items()) ok = ok && c["pass"].get<bool>();
  r["verdict"] = ok ? "pass" : "fail";
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered, end_reason_);
  if (!wave_files_.empty()) r["waves"] = wave_files_;
  counters_json(r);
  if (!cfg_.out_dir.empty()) {
    sb_.rtt().write_csv(cfg_.out_dir + "/latency_load_store_rtt.csv");
    sb_.traversal().write_csv(cfg_.out_dir + "/latency_switch_traversal.csv");
  }
  return r;
}

nlohmann::json pod_bench::counters_json(nlohmann::json& r) const {
  // LLR: both ends of every link (the switch's from its pins).
  uint64_t replays = 0, crc = 0, naks = 0, replayed = 0, timer_replays = 0, link_err = 0, faults = 0;
  auto add = [&](const llr_stat_t& st) {
    replays += st.replays;
    crc += st.crc_errors;
    naks += st.naks_sent;
    replayed += st.replayed_flits;
    timer_replays += st.timer_replays;
    link_err += st.link_errors;
  };
  const auto& pn = pins();
  for (int e = 0; e < n_; ++e) {
    add(ep_[size_t(e)]->llr().p.stat_o);
    add(pn[size_t(e)].llr_stat_o);
    faults += links_[size_t(e)].faults();
  }
  r["llr"] = {{"replays", replays},         {"timer_replays", timer_replays}, {"crc_errors", crc},
              {"naks_sent", naks},          {"replayed_flits", replayed},     {"link_errors", link_err},
              {"link_faults_injected", faults}};
  fc_counters(r);
  // The LS initiators' own counters, summed over the endpoints.
  uint64_t ls_to = 0, ls_stale = 0, ls_stray = 0, ls_err = 0;
  for (const auto& x : ep_) {
    const ls_stat_t& st = x->initiator().p.stat_o;
    ls_to += st.timeouts;
    ls_stale += st.stale;
    ls_stray += st.stray;
    ls_err += st.errors;
  }
  r["ls_port"] = {{"timeouts", ls_to}, {"stale", ls_stale}, {"stray", ls_stray}, {"errors", ls_err}};
  uint64_t max_in = 0, max_eg = 0;
  for (const auto& p : pn)
    for (int c = 0; c < 2; ++c) {
      max_in = std::max<uint64_t>(max_in, p.ingress_stat_o.occ[size_t(c)]);
      max_eg = std::max<uint64_t>(max_eg, p.egress_stat_o.occ[size_t(c)]);
    }
  r["pod"] = {{"endpoints", n_},
              {"cycle_ns", cfg_.link.cycle_ns()},
              {"link_one_way_cycles", cfg_.link.delay_cycles()},
              {"switch_pipeline_cycles", cfg_.sw.pipeline},
              {"egress_buffer_flits", cfg_.sw.egress_cap_flits()},
              {"ingress_buffer_flits", cfg_.sw.ingress_cap},
              {"switch_impl", cfg_.impl_switch == impl_mode::model ? "model" : cfg_.impl_switch == impl_mode::rtl ? "rtl" : "lockstep"},
              {"reads", sb_.ops[0]},
              {"writes", sb_.ops[1]},
              {"atomics", sb_.ops[2]},
              {"ring_steps", ring_steps_},
              {"memory_latency_cycles", cfg_.target.latency}};
  r["coverage"] = coverage_json();
  return r;
}

// r.cbfc or r.pfc: the flow-control counters of the endpoints and the switch.
void pod_bench::fc_counters(nlohmann::json& r) const {
  const auto& pn = pins();
  if (cfg_.fc.mode == fc_mode::cbfc) {
    uint64_t stalls = 0, updates = 0, eg_stalls = 0;
    for (int e = 0; e < n_; ++e) {
      stalls += ep_[size_t(e)]->tx().p.cbfc_stat.stalls;
      updates += ep_[size_t(e)]->tx().p.cbfc_stat.updates;
      eg_stalls += pn[size_t(e)].cbfc_tx_stat_o.stalls;
    }
    r["cbfc"] = {{"credit_stalls", stalls}, {"updates", updates}, {"egress_credit_stalls", eg_stalls}};
  } else {
    uint64_t frames = 0, paused = 0, eg_frames = 0, eg_paused = 0;
    for (int e = 0; e < n_; ++e) {
      frames += pn[size_t(e)].pfc_rx_stat_o.frames;
      eg_frames += ep_[size_t(e)]->rx().p.pfc_stat.frames;
      for (int c = 0; c < 2; ++c) {
        paused += ep_[size_t(e)]->tx().p.pfc_stat.paused_cycles[size_t(c)];
        eg_paused += pn[size_t(e)].pfc_tx_stat_o.paused_cycles[size_t(c)];
      }
    }
    r["pfc"] = {{"pause_frames_sent", frames}, {"paused_cycles", paused},
                {"egress_pause_frames", eg_frames}, {"egress_paused_cycles", eg_paused}};
  }
}

// r.coverage: pairs carried (bins: the pair's index among the N(N-1) pairs,
// for the union across a regression), operations, tags in use.
nlohmann::json pod_bench::coverage_json() const {
  uint64_t pairs = 0, pairs_total = 0;
  nlohmann::json pair_bins = nlohmann::json::array();
  for (int s = 0; s < n_; ++s)
    for (int t = 0; t < n_; ++t)
      if (s != t) {
        ++pairs_total;
        pairs += sb_.pair_hit[size_t(s) * n_ + t];
        if (sb_.pair_hit[size_t(s) * n_ + t]) pair_bins.push_back(s * (n_ - 1) + (t < s ? t : t - 1));
      }
  return {{"pairs_carried", {{"hit", pairs}, {"total", pairs_total}, {"bins", pair_bins}}},
          {"ops_issued", {{"hit", int(sb_.ops[0] > 0) + int(sb_.ops[1] > 0) + int(sb_.ops[2] > 0)}, {"total", 3}}},
          {"tags_max_in_use", {{"hit", sb_.tags_max_in_use}, {"total", cfg_.ls.max_tags}}}};
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
