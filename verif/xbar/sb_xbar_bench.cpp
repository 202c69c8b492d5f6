#include "sb_xbar_bench.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <systemc>
#include <vector>

#include "sb_bench_util.h"
#include "sb_block.h"
#include "sb_rtl_coverage.h"
#include "sb_scoreboard.h"
#include "sb_stats.h"
#include "sb_xbar.h"
#include "sb_xbar_rtl.h"

namespace sb {

namespace {


class xbar_bench : public sc_core::sc_module {
 public:
  xbar_bench(const sc_core::sc_module_name& name, const xbar_bench_config& cfg)
      : sc_core::sc_module(name),
        cfg_(cfg),
        n_(cfg.xbar.ports),
        clk_("clk", sc_core::sc_time(1.0 / cfg.clock_ghz, sc_core::SC_NS)),
        // A flow has at most a queue's depth of packets inside the crossbar, plus the pipeline.
        sb_(cfg.xbar.ports, cfg.xbar.classes, cfg.xbar.depth + cfg.xbar.pipeline + 4),
        lat_packet_(1.0 / cfg.clock_ghz),
        lat_switch_(1.0 / cfg.clock_ghz),
        sink_rng_(cfg.seed, 0x5151) {
    if (cfg_.impl != impl_mode::rtl) {
      model_ = std::make_unique<sb_xbar>("model", cfg_.xbar);
      model_->clk_i(clk_);
      model_->core().inject_fault(cfg_.fault, cfg_.fault_cycle);
    }
    if (cfg_.impl != impl_mode::model) {
      std::string why;
      auto r = make_xbar_rtl(cfg_.xbar, &why);
      if (!r) throw std::invalid_argument(why);
      rtl_ = std::make_unique<sb_xbar_rtl>("rtl", std::move(r));
      rtl_->clk_i(clk_);
      rtl_->rtl().reset();
      wave_ = {cfg_.wave_path, cfg_.wave_from, cfg_.wave_to, false};
      wave_.update(rtl_->rtl(), 0);
    }
    if (cfg_.traffic.pattern == traffic_pattern::permutation) perm_ = make_permutation(n_, cfg_.seed);
    for (int i = 0; i < n_; ++i)
      src_.emplace_back(i, n_, cfg_.traffic, cfg_.xbar.fifo, cfg_.xbar.depth, cfg_.seed, &perm_);
    pair_hit_.assign(size_t(n_) * n_, 0);
    SC_HAS_PROCESS(xbar_bench);
    SC_METHOD(drive);
    sensitive << clk_.negedge_event();
    dont_initialize();
    // Inputs for the first edge.
    prepare_inputs(0, true);
  }

  nlohmann::json result(double wall_s) const;
  nlohmann::json coverage_json() const;

 private:
  const flit_t& ref_out(int j) const {
    return model_ ? model_->core().out_flit_o(j) : rtl_->rtl().p.out_flit_o[size_t(j)];
  }
  uint64_t cycle() const { return model_ ? model_->core().cycle() : rtl_->rtl().cycle(); }
  bool compare(uint64_t k);
  void drive();
  void prepare_inputs(uint64_t k, bool generate);
  void finish(const char* why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }

  xbar_bench_config cfg_;
  int n_;
  sc_core::sc_clock clk_;
  std::unique_ptr<sb_xbar> model_;
  std::unique_ptr<sb_xbar_rtl> rtl_;
  std::vector<traffic_source> src_;
  std::vector<uint16_t> perm_;
  scoreboard sb_;
  latency_stats lat_packet_, lat_switch_;
  rng sink_rng_;

 public:
  uint64_t compared_cycles_ = 0, compared_port_cycles_ = 0;
  lockstep_log log_;
  xbar_ports mp_;  // the model's outputs, for the comparison
  uint64_t offered_flits_ = 0, accepted_flits_ = 0;
  uint64_t injected_flits_ = 0, delivered_flits_ = 0;
  uint64_t last_delivery_ = 0;
  // Functional coverage: (input, output) pairs that carried a flit, classes
  // seen, multi-flit packet flits, cycles sources waited on a full queue.
  std::vector<uint8_t> pair_hit_;
  uint8_t class_hit_[8] = {};
  uint64_t multi_flit_ = 0;
  std::string end_reason_ = "not finished";
  wave_window wave_;
  uint64_t end_cycle_ = 0;
};

// Every output of the RTL binding, per port (sb_block.h); the model's
// outputs through the same core_pins the pod's model block uses.
bool xbar_bench::compare(uint64_t k) {
  ++compared_cycles_;
  compared_port_cycles_ += uint64_t(n_);
  if (mp_.out_flit_o.empty()) core_pins<xbar_binding, xbar_core>::init(model_->core(), mp_);
  core_pins<xbar_binding, xbar_core>::sample(model_->core(), mp_);
  return compare_outputs<xbar_binding>(log_, k, 0, "xbar", mp_, rtl_->rtl().p);
}

void xbar_bench::prepare_inputs(uint64_t k, bool generate) {
  // Arrivals of cycle k, then the flits presented for the next edge (k + 1).
  const bool measure = k >= cfg_.warmup && k < cfg_.cycles;
  flit_t* mf = model_ ? model_->core().in_flit_i.data() : nullptr;
  flit_t* rf = rtl_ ? rtl_->rtl().p.in_flit_i.data() : nullptr;
  for (int i = 0; i < n_; ++i) {
    traffic_source& s = src_[i];
    if (generate) {
      const uint64_t before = s.generated_flits();
      s.generate(k);
      if (measure) offered_flits_ += s.generated_flits() - before;
    }
    const flit_t f = s.next_flit();
    if (f.valid) {
      ++injected_flits_;
      if (s.head_presented()) {
        const packet_desc& p = s.presented_packet();
        sb_.on_inject_head(i, p.dst, p.cls, p.no, p.gen_cycle, k + 1);
        sb_.on_inject_packet();
      }
    }
    if (mf) mf[i] = f;
    if (rf) rf[i] = f;
  }
  if (cfg_.sink_rate >= 1.0) {
    if (k == 0) {  // every output always ready: set once
      if (model_) std::fill(model_->core().out_ready_i.begin(), model_->core().out_ready_i.end(), uint8_t(1));
      if (rtl_) std::fill(rtl_->rtl().p.out_ready_i.begin(), rtl_->rtl().p.out_ready_i.end(), uint8_t(1));
    }
    return;
  }
  for (int j = 0; j < n_; ++j) {
    const uint8_t r = uint8_t(sink_rng_.bernoulli(cfg_.sink_rate));
    if (model_) model_->core().out_ready_i[j] = r;
    if (rtl_) rtl_->rtl().p.out_ready_i[j] = r;
  }
}

void xbar_bench::drive() {
  const uint64_t k = cycle();
  end_cycle_ = k;
  if (rtl_ && wave_.update(rtl_->rtl(), k) && log_.have) return finish("mismatch");
  // Past the first mismatch, run on only to fill a requested wave window.
  if (model_ && rtl_ && !compare(k) && !wave_.wants_more(k)) return finish("mismatch");
  const bool measure = k >= cfg_.warmup && k < cfg_.cycles;
  auto deliver = [&](int j) {
    const flit_t& f = ref_out(j);
    if (!f.valid) return;
    ++delivered_flits_;
    if (f.src < n_) pair_hit_[size_t(f.src) * n_ + j] = 1;
    if (f.cls < 8) class_hit_[f.cls] = 1;
    if (f.len > 1) ++multi_flit_;
    last_delivery_ = k;
    if (measure) ++accepted_flits_;
    const scoreboard::delivery d = sb_.on_output(j, f, k);
    if (d.in_order && d.gen_cycle >= cfg_.warmup && d.gen_cycle < cfg_.cycles) {
      lat_packet_.add(k - d.gen_cycle);
      lat_switch_.add(k - d.inject_cycle);
    }
  };
  if (model_) {
    // The model lists its valid outputs and credits: no scan of every port
    // (in lockstep the comparator has already checked the RTL agrees).
    for (int j : model_->core().valid_outputs()) deliver(j);
    for (int i : model_->core().valid_credits()) src_[i].credit(model_->core().in_credit_o(i));
  } else {
    for (int j = 0; j < n_; ++j) deliver(j);
    for (int i = 0; i < n_; ++i) src_[i].credit(rtl_->rtl().p.in_credit_o[size_t(i)]);
  }

  if (k >= cfg_.cycles) {
    bool sources_idle = true;
    for (int i = 0; sources_idle && i < n_; ++i) sources_idle = src_[i].idle();
    if (sources_idle && injected_flits_ == delivered_flits_) return finish("drained");
    // Everything injected has left the model but not every flit came out:
    // flits were lost inside the switch (the scoreboard counts the packets).
    if (sources_idle && model_ && model_->core().occupancy() == 0) return finish("lost");
  }
  if (injected_flits_ != delivered_flits_ && k - last_delivery_ > cfg_.stall_cycles)
    return finish("stalled");
  if (model_ && !model_->core().violations().empty()) return finish("model assertion");
  if (rtl_ && rtl_->rtl().assertion_failures() > 0) return finish("rtl assertion");
  if (cfg_.progress && (k & 0xfffff) == 0 && k > 0)
    std::fprintf(stderr, "skybench: cycle %llu / %llu\n", (unsigned long long)k,
                 (unsigned long long)cfg_.cycles);
  prepare_inputs(k, k < cfg_.cycles);
}

nlohmann::json xbar_bench::result(double wall_s) const {
  using nlohmann::json;
  json r;
  const double ns = 1.0 / cfg_.clock_ghz;
  const uint64_t cycles = end_cycle_;
  const json cosim = cfg_.impl == impl_mode::lockstep ? cosim_json(log_, compared_cycles_, compared_port_cycles_, ns)
                                                      : cosim_off();
  json lossless = sb_.to_json();
  const bool drained = end_reason_ == "drained" || end_reason_ == "lost";
  lossless["first_error"] = sb_.first_error().empty() ? json(nullptr) : json(sb_.first_error());
  if (!drained) {
    // Stopped early (mismatch, assertion, watchdog): what is still inside is
    // in flight, not lost; the check cannot pass without a drained end.
    lossless["pass"] = false;
    lossless["in_flight"] = sb_.in_flight();
    lossless["lost"] = 0;
    if (lossless["first_error"].is_null())
      lossless["first_error"] = "run ended (" + end_reason_ + ") with " + std::to_string(sb_.in_flight()) +
                                " packets in flight";
  } else {
    lossless["in_flight"] = 0;
  }
  json drain = {{"pass", end_reason_ == "drained"},
               {"end", end_reason_},
               {"flits_in_flight", injected_flits_ - delivered_flits_}};
  json assertions;
  {
    json fails = json::array();
    if (model_)
      for (const auto& v : model_->core().violations()) fails.push_back("model: " + v);
    const uint64_t rtl_fails = rtl_ ? rtl_->rtl().assertion_failures() : 0;
    if (rtl_fails) fails.push_back("rtl: " + std::to_string(rtl_fails) + " SVA failure(s)");
    assertions = {{"pass", fails.empty()}, {"failures", fails}};
  }
  r["checks"] = {{"cosim", cosim}, {"lossless", lossless}, {"drain", drain}, {"assertions", assertions}};
  bool pass = true;
  for (auto& [k, v] : r["checks"].items()) pass = pass && v["pass"].get<bool>();
  r["verdict"] = pass ? "pass" : "fail";
  r["latency"] = {{"packet", lat_packet_.to_json()}, {"switch", lat_switch_.to_json()}};
  r["latency"]["packet"]["definition"] = "generation at the source to the tail leaving the crossbar (includes source queueing)";
  r["latency"]["switch"]["definition"] = "head latched by the crossbar to the tail leaving it";
  const uint64_t window = cfg_.cycles > cfg_.warmup ? cfg_.cycles - cfg_.warmup : 0;
  const double denom = double(window) * n_;
  r["throughput"] = {{"unit", "flits/cycle/port"},
                     {"offered", denom > 0 ? double(offered_flits_) / denom : 0.0},
                     {"accepted", denom > 0 ? double(accepted_flits_) / denom : 0.0},
                     {"window_cycles", window}};
  r["sim"] = sim_json(cycles, ns, wall_s, delivered_flits_, end_reason_);
  r["xbar"] = {{"flits_injected", injected_flits_}, {"flits_delivered", delivered_flits_}};
  r["coverage"] = coverage_json();
  if (!cfg_.out_dir.empty()) {
    lat_packet_.write_csv(cfg_.out_dir + "/latency_packet.csv");
    lat_switch_.write_csv(cfg_.out_dir + "/latency_switch.csv");
  }
  return r;
}

// r.coverage: bins are the indices of the bins hit (pair src*N+dst, class,
// input), so a regression can merge the union of bins across jobs.
nlohmann::json xbar_bench::coverage_json() const {
  using nlohmann::json;
  uint64_t stalls = 0;
  json pair_bins = json::array(), class_bins = json::array(), stall_bins = json::array();
  for (size_t i = 0; i < pair_hit_.size(); ++i)
    if (pair_hit_[i]) pair_bins.push_back(i);
  for (int c = 0; c < cfg_.xbar.classes; ++c)
    if (class_hit_[c]) class_bins.push_back(c);
  for (size_t i = 0; i < src_.size(); ++i) {
    stalls += src_[i].credit_stalls();
    if (src_[i].credit_stalls() > 0) stall_bins.push_back(i);
  }
  return {
      {"pairs_carried", {{"hit", pair_bins.size()}, {"total", uint64_t(n_) * uint64_t(n_)}, {"bins", pair_bins}}},
      {"classes_carried", {{"hit", class_bins.size()}, {"total", cfg_.xbar.classes}, {"bins", class_bins}}},
      {"inputs_credit_stalled", {{"hit", stall_bins.size()}, {"total", n_}, {"bins", stall_bins}}},
      {"credit_stall_cycles", stalls},
      {"multi_flit_packet_flits", multi_flit_}};
}

}  // namespace

nlohmann::json run_xbar_bench(const xbar_bench_config& cfg) {
  auto bench = std::make_unique<xbar_bench>("bench", cfg);
  return run_captured(cfg.out_dir, [&](double wall_s) { return with_rtl_coverage(bench->result(wall_s), cfg.out_dir); });
}

}  // namespace sb
