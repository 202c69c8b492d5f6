#include "sb_llr_bench.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <systemc>
#include <vector>

#include "sb_block.h"
#include "sb_llr.h"
#include "sb_llr_rtl.h"
#include "sb_rng.h"
#include "sb_rtl_coverage.h"
#include "sb_stats.h"

namespace sb {

namespace {

// The flit a direction's source offers as its idx-th: a pure function, so the
// scoreboard regenerates what it expects instead of storing it.
flit_t source_flit(int d, uint64_t idx) {
  flit_t f{};
  f.valid = true;
  f.sop = true;
  f.eop = true;
  f.src = uint16_t(d);
  f.dst = uint8_t(1 - d);
  f.cls = 0;
  f.ptype = ptype_e::DATA;
  f.len = 1;
  f.tag = uint16_t(idx & 0xFFF);
  f.seq = uint32_t(idx & 0xFFFFF);
  f.sig = payload_sig(uint32_t(d), uint32_t(1 - d), 0, idx, 0);
  return f;
}

// Per direction d: source at end d, sink at end 1 - d.
struct direction {
  rng arrivals;
  double load = 0;
  uint64_t generated = 0, accepted = 0, expected = 0, delivered = 0;
  uint64_t offered_window = 0, delivered_window = 0, accepted_window = 0;
  uint64_t lost = 0, duplicated = 0, corrupted = 0;
  std::string first_error;
  bool presented = false, ready_before_edge = false;
  std::vector<uint64_t> accept_cycle;  // ring, by flit index
  uint64_t ring_mask = 0;
  uint64_t freed = 0;                  // flits freed from the TX replay buffer so far
  uint32_t last_freed32 = 0;
  uint64_t loop_min = UINT64_MAX, loop_max = 0, loop_sum = 0, loop_n = 0;
  uint32_t max_occ = 0;
  uint64_t last_delivery = 0;
  uint64_t backpressure_cycles = 0;   // a flit waited on a full replay buffer
  direction(uint64_t seed, int d, double l, int depth) : arrivals(seed, 0x11B0 + uint64_t(d)), load(l) {
    uint64_t n = 1;
    while (n < uint64_t(depth) + 2) n <<= 1;
    accept_cycle.assign(n, 0);
    ring_mask = n - 1;
  }
};

class llr_bench : public sc_core::sc_module {
 public:
  llr_bench(const sc_core::sc_module_name& name, const llr_bench_config& cfg)
      : sc_core::sc_module(name),
        cfg_(cfg),
        clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
        lat_link_(cfg.link.cycle_ns()) {
    if (cfg_.impl != impl_mode::rtl) {
      for (int e = 0; e < 2; ++e) {
        model_[e] = std::make_unique<sb_llr>(e == 0 ? "model_a" : "model_b", cfg_.llr);
        model_[e]->clk_i(clk_);
      }
      model_[0]->core().inject_fault(cfg_.fault, cfg_.fault_cycle);
      for (int d = 0; d < 2; ++d) mlink_[d] = std::make_unique<link_direction>(cfg_.link, cfg_.seed, uint64_t(d));
    }
    if (cfg_.impl != impl_mode::model) {
      if (cfg_.fault != llr_fault::none && cfg_.impl == impl_mode::rtl)
        throw std::invalid_argument("fault.llr breaks the model only; use impl.llr=model or lockstep");
      std::string why;
      auto r = make_llr_rtl(cfg_.llr, &why);
      if (!r) throw std::invalid_argument(why);
      rtl_ = std::make_unique<sb_llr_rtl>("rtl", std::move(r));
      rtl_->clk_i(clk_);
      rtl_->rtl().reset();
      wave_ = {cfg_.wave_path, cfg_.wave_from, cfg_.wave_to, false};
      wave_.update(rtl_->rtl(), 0);
      for (int d = 0; d < 2; ++d) rlink_[d] = std::make_unique<link_direction>(cfg_.link, cfg_.seed, uint64_t(d));
    }
    for (int d = 0; d < 2; ++d) dir_.emplace_back(cfg_.seed, d, cfg_.load[d], cfg_.llr.depth);
    // The watchdog must outlast the slowest legal recovery: replays up to the
    // limit, a retrain, the loop time, and a link-down interval.
    const uint64_t loop = 2ull * cfg_.link.delay_cycles() + 4;
    const uint64_t recovery = uint64_t(cfg_.llr.timer) * (uint64_t(cfg_.llr.max_replays) + 1) + cfg_.llr.retrain;
    const uint64_t down = uint64_t(std::ceil(std::max(0.0, cfg_.link.down_for_ns) / cfg_.link.cycle_ns()));
    watchdog_ = std::max<uint64_t>(cfg_.stall_cycles, 4 * (recovery + loop) + 2 * down);
    base_latency_ = uint64_t(cfg_.link.delay_cycles()) + 2;
    SC_HAS_PROCESS(llr_bench);
    SC_METHOD(drive);
    sensitive << clk_.negedge_event();
    dont_initialize();
    present(0);
  }

  nlohmann::json result(double wall_s) const;
  nlohmann::json cosim_check() const;
  nlohmann::json lossless_json(uint64_t& delivered, uint64_t& in_flight) const;
  nlohmann::json assertions_json() const;
  std::array<uint64_t, llr_stat_t::kFields> stat_totals(nlohmann::json& ends) const;
  void llr_json(nlohmann::json& r, uint64_t& off_w, uint64_t& del_w) const;
  nlohmann::json link_json() const;
  nlohmann::json coverage_json(const std::array<uint64_t, llr_stat_t::kFields>& tot) const;

 private:
  // The reference outputs of end e: the model's, or the RTL's alone.
  bool ref_ready(int e) const { return model_[e] ? model_[e]->core().up_ready_o() : rtl_->rtl().end[e].up_ready_o; }
  const flit_t& ref_down(int e) const { return model_[e] ? model_[e]->core().down_o() : rtl_->rtl().end[e].down_o; }
  const llr_stat_t& ref_stat(int e) const { return model_[e] ? model_[e]->core().stat_o() : rtl_->rtl().end[e].stat_o; }
  const llr_wire_t& ref_link(int e) const { return model_[e] ? model_[e]->core().link_o() : rtl_->rtl().end[e].link_o; }
  uint64_t cycle() const { return model_[0] ? model_[0]->core().cycle() : rtl_->rtl().cycle(); }
  const link_direction& ref_link_dir(int d) const { return mlink_[d] ? *mlink_[d] : *rlink_[d]; }

  bool compare(uint64_t k);
  void drive();
  void present(uint64_t k);
  void on_delivery(int d, const flit_t& f, uint64_t k);
  void finish(const char* why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }

  llr_bench_config cfg_;
  sc_core::sc_clock clk_;
  std::unique_ptr<sb_llr> model_[2];
  std::unique_ptr<sb_llr_rtl> rtl_;
  std::unique_ptr<link_direction> mlink_[2], rlink_[2];
  std::vector<direction> dir_;
  latency_stats lat_link_;
  uint64_t watchdog_ = 0;
  uint64_t base_latency_ = 0;  // accept to delivery on an idle clean link: D + 2

 public:
  uint64_t compared_cycles_ = 0;
  lockstep_log log_;
  std::string end_reason_ = "not finished";
  wave_window wave_;
  uint64_t end_cycle_ = 0;
  // Functional coverage (verif/llr/testplan.yaml).
  uint64_t cov_replay_at_wrap_ = 0, cov_full_ = 0, cov_nack_replays_ = 0;
};

// The total of one llr_stat_t field by name.
uint64_t stat_total(const std::array<uint64_t, llr_stat_t::kFields>& tot, const char* name) {
  for (int f = 0; f < llr_stat_t::kFields; ++f)
    if (std::string(llr_stat_t::kFieldInfo[f].name) == name) return tot[size_t(f)];
  return 0;
}

// Every output of both ends, as the RTL binding lists them (sb_block.h).
bool llr_bench::compare(uint64_t k) {
  ++compared_cycles_;
  bool ok = true;
  for (int e = 0; e < 2; ++e) {
    const llr_core& m = model_[e]->core();
    llr_end_ports mp;
    mp.up_ready_o = m.up_ready_o();
    mp.link_o = m.link_o();
    mp.link_data_o = m.link_data_o();
    mp.down_o = m.down_o();
    mp.stat_o = m.stat_o();
    ok &= compare_outputs<llr_binding>(log_, k, e, "llr", mp, rtl_->rtl().end[e]);
  }
  return ok;
}

void llr_bench::on_delivery(int d, const flit_t& f, uint64_t k) {
  direction& s = dir_[d];
  s.last_delivery = k;
  const uint64_t e = s.expected;
  if (e < s.accepted && f == source_flit(d, e)) {
    const uint64_t acc = s.accept_cycle[e & s.ring_mask];
    if (acc >= cfg_.warmup && acc < cfg_.cycles) lat_link_.add(k - acc);
    // Deliveries are counted over the offered window shifted by the
    // zero-load latency, so that a link keeping up delivers at the offered rate.
    if (k >= cfg_.warmup + base_latency_ && k < cfg_.cycles + base_latency_) ++s.delivered_window;
    ++s.expected;
    ++s.delivered;
    return;
  }
  // Which flit is this? Its 20-bit index field, taken nearest to the expected one.
  const int64_t delta = int64_t(int32_t(uint32_t(f.seq - uint32_t(e & 0xFFFFF)) << 12) >> 12);
  const int64_t j = int64_t(e) + delta;
  const char* dn = d == 0 ? "a->b" : "b->a";
  char msg[256];
  if (j >= 0 && j < int64_t(e) && f == source_flit(d, uint64_t(j))) {
    ++s.duplicated;
    std::snprintf(msg, sizeof msg, "%s: flit %lld delivered again at cycle %llu", dn, (long long)j,
                  (unsigned long long)k);
  } else if (j > int64_t(e) && j < int64_t(s.accepted) && f == source_flit(d, uint64_t(j))) {
    s.lost += uint64_t(j) - e;
    std::snprintf(msg, sizeof msg, "%s: flits %llu..%lld missing (flit %lld delivered at cycle %llu)", dn,
                  (unsigned long long)e, (long long)j - 1, (long long)j, (unsigned long long)k);
    s.expected = uint64_t(j) + 1;
    ++s.delivered;
  } else {
    ++s.corrupted;
    std::snprintf(msg, sizeof msg, "%s: corrupted flit at cycle %llu where flit %llu was expected: %s", dn,
                  (unsigned long long)k, (unsigned long long)e, f.to_string().c_str());
    ++s.expected;
    ++s.delivered;
  }
  if (s.first_error.empty()) s.first_error = msg;
}

void llr_bench::present(uint64_t k) {
  // Arrivals of cycle k, then the flit presented for the next edge.
  for (int d = 0; d < 2; ++d) {
    direction& s = dir_[d];
    if (k < cfg_.cycles && s.load > 0 && s.arrivals.bernoulli(s.load)) {
      ++s.generated;
      if (k >= cfg_.warmup) ++s.offered_window;
    }
    s.presented = s.accepted < s.generated;
    const flit_t f = s.presented ? source_flit(d, s.accepted) : flit_t{};
    if (model_[d]) model_[d]->core().up_i = f;
    if (rtl_) rtl_->rtl().end[d].up_i = f;
    s.ready_before_edge = ref_ready(d);
    if (s.presented && !s.ready_before_edge) ++s.backpressure_cycles;
  }
}

void llr_bench::drive() {
  const uint64_t k = cycle();  // edges so far; this is the negedge after edge k
  end_cycle_ = k;
  if (rtl_ && wave_.update(rtl_->rtl(), k) && log_.have) return finish("mismatch");
  // Past the first mismatch, run on only to fill a requested wave window.
  if (model_[0] && rtl_ && !compare(k) && !wave_.wants_more(k)) return finish("mismatch");
  for (int d = 0; d < 2; ++d) {
    direction& s = dir_[d];
    // The flit presented before this edge was taken if the end was ready.
    if (s.presented && s.ready_before_edge) {
      s.accept_cycle[s.accepted & s.ring_mask] = k;
      if (k >= cfg_.warmup && k < cfg_.cycles) ++s.accepted_window;
      ++s.accepted;
    }
    // Deliveries at the far end.
    const flit_t& f = ref_down(1 - d);
    if (f.valid) on_delivery(d, f, k);
    // Frees from the replay buffer of end d: accept-to-free loop times.
    const llr_stat_t& st = ref_stat(d);
    const uint32_t freed32 = st.new_flits - st.occ;
    for (uint32_t n = freed32 - s.last_freed32; n > 0; --n, ++s.freed) {
      const uint64_t loop = k - s.accept_cycle[s.freed & s.ring_mask];
      s.loop_min = std::min(s.loop_min, loop);
      s.loop_max = std::max(s.loop_max, loop);
      s.loop_sum += loop;
      ++s.loop_n;
    }
    s.last_freed32 = freed32;
    s.max_occ = std::max<uint32_t>(s.max_occ, st.occ);
    if (st.occ == uint32_t(cfg_.llr.depth)) ++cov_full_;
  }
  // Coverage: a flit replayed at the sequence wrap point.
  for (int e = 0; e < 2; ++e) {
    const llr_wire_t& w = ref_link(e);
    if (w.valid && !w.ctrl && w.seq == 0 && ref_stat(e).replayed_flits > 0 && ref_stat(e).tx_flits > 1 &&
        ref_stat(e).new_flits > (1u << cfg_.llr.seq_bits))
      ++cov_replay_at_wrap_;
  }
  // The slots leave through the links; the far ends see them at a later edge.
  for (int d = 0; d < 2; ++d) {
    if (mlink_[d]) {
      const llr_core& src = model_[d]->core();
      mlink_[d]->push(k, src.link_o(), src.link_data_o());
      llr_core& dst = model_[1 - d]->core();
      dst.link_i = mlink_[d]->out_hdr();
      dst.link_data_i = mlink_[d]->out_data();
    }
    if (rlink_[d]) {
      llr_end_ports* ends = rtl_->rtl().end;
      rlink_[d]->push(k, ends[d].link_o, ends[d].link_data_o);
      ends[1 - d].link_i = rlink_[d]->out_hdr();
      ends[1 - d].link_data_i = rlink_[d]->out_data();
    }
  }

  bool all_delivered = true, stalled = false;
  for (const direction& s : dir_) {
    const bool pending = s.expected < s.generated;
    all_delivered = all_delivered && !pending;
    if (pending && k - s.last_delivery > watchdog_)
      stalled = true;
  }
  if (k >= cfg_.cycles) {
    if (all_delivered) return finish("drained");
    // Everything was accepted and freed by the transmitters, yet not all of
    // it arrived: the link lost flits.
    bool freed_all = true;
    for (int d = 0; d < 2; ++d)
      freed_all = freed_all && dir_[d].accepted == dir_[d].generated && ref_stat(d).occ == 0;
    if (freed_all) return finish("lost");
  }
  if (stalled) return finish("stalled");
  for (int e = 0; e < 2; ++e)
    if (model_[e] && !model_[e]->core().violations().empty()) return finish("model assertion");
  if (rtl_ && rtl_->rtl().assertion_failures() > 0) return finish("rtl assertion");
  if (cfg_.progress && (k & 0xfffff) == 0 && k > 0)
    std::fprintf(stderr, "skybench: cycle %llu / %llu\n", (unsigned long long)k, (unsigned long long)cfg_.cycles);
  present(k);
}

nlohmann::json llr_bench::result(double wall_s) const {
  using nlohmann::json;
  json r;
  const double ns = cfg_.link.cycle_ns();
  uint64_t delivered = 0, in_flight = 0;
  json lossless = lossless_json(delivered, in_flight);
  json drain = {{"pass", end_reason_ == "drained"}, {"end", end_reason_}, {"flits_in_flight", in_flight}};
  r["checks"] = {{"cosim", cosim_check()}, {"lossless", lossless}, {"drain", drain}, {"assertions", assertions_json()}};
  bool pass = true;
  for (auto& [k, v] : r["checks"].items()) pass = pass && v["pass"].get<bool>();
  r["verdict"] = pass ? "pass" : "fail";
  r["latency"] = {{"link", lat_link_.to_json()}};
  r["latency"]["link"]["definition"] =
      "flit accepted by the LLR transmitter to delivered by the far receiver (includes replays)";
  uint64_t off_w = 0, del_w = 0;
  llr_json(r, off_w, del_w);
  r["link"] = link_json();
  const uint64_t window = cfg_.cycles > cfg_.warmup ? cfg_.cycles - cfg_.warmup : 0;
  r["throughput"] = {{"unit", "flits/cycle/direction"},
                     {"offered", window ? double(off_w) / (2.0 * double(window)) : 0.0},
                     {"accepted", window ? double(del_w) / (2.0 * double(window)) : 0.0},
                     {"window_cycles", window}};
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered, end_reason_);
  if (!cfg_.out_dir.empty()) lat_link_.write_csv(cfg_.out_dir + "/latency_link.csv");
  return r;
}

// checks.cosim: the first mismatch names the end (a or b) too.
nlohmann::json llr_bench::cosim_check() const {
  using nlohmann::json;
  const double ns = cfg_.link.cycle_ns();
  if (cfg_.impl != impl_mode::lockstep) return cosim_off();
  json cosim = sb::cosim_json(log_, compared_cycles_, compared_cycles_ * 2, ns);
  if (log_.have) cosim["first_mismatch"]["end"] = log_.first.port ? "b" : "a";
  return cosim;
}

// checks.lossless: the link scoreboard of both directions.
nlohmann::json llr_bench::lossless_json(uint64_t& delivered, uint64_t& in_flight) const {
  using nlohmann::json;
  // Link scoreboard.
  const bool ended_clean = end_reason_ == "drained" || end_reason_ == "lost";
  uint64_t offered = 0, lost = 0, dup = 0, corrupt = 0;
  delivered = 0;
  in_flight = 0;
  std::string first_error;
  json per_dir = json::object();
  for (int d = 0; d < 2; ++d) {
    const direction& s = dir_[d];
    offered += s.generated;
    delivered += s.delivered;
    dup += s.duplicated;
    corrupt += s.corrupted;
    uint64_t missing = s.lost;
    if (end_reason_ == "lost") missing += s.generated - s.expected;
    lost += missing;
    if (!ended_clean) in_flight += s.generated - s.expected;
    if (first_error.empty()) first_error = s.first_error;
    per_dir[d == 0 ? "a_to_b" : "b_to_a"] = {{"offered", s.generated}, {"delivered", s.delivered},
                                            {"lost", missing},        {"duplicated", s.duplicated},
                                            {"corrupted", s.corrupted}};
  }
  json lossless = {{"pass", ended_clean && lost == 0 && dup == 0 && corrupt == 0},
                   {"unit", "flits"},
                   {"injected", offered},
                   {"delivered", delivered},
                   {"lost", lost},
                   {"duplicated", dup},
                   {"reordered", 0},
                   {"corrupted", corrupt},
                   {"in_flight", in_flight},
                   {"directions", per_dir},
                   {"first_error", first_error.empty() ? json(nullptr) : json(first_error)}};
  if (!ended_clean && first_error.empty())
    lossless["first_error"] = "run ended (" + end_reason_ + ") with " + std::to_string(in_flight) + " flits in flight";
  if (end_reason_ == "lost" && first_error.empty())
    lossless["first_error"] = "the transmitters freed every flit but " + std::to_string(lost) + " never arrived";
  return lossless;
}

// checks.assertions: the models' violations and the RTL's SVA failures.
nlohmann::json llr_bench::assertions_json() const {
  using nlohmann::json;
  json assertions;
  {
    json fails = json::array();
    for (int e = 0; e < 2; ++e)
      if (model_[e])
        for (const auto& v : model_[e]->core().violations()) fails.push_back(std::string("model ") + "ab"[e] + ": " + v);
    const uint64_t rtl_fails = rtl_ ? rtl_->rtl().assertion_failures() : 0;
    if (rtl_fails) fails.push_back("rtl: " + std::to_string(rtl_fails) + " SVA failure(s)");
    assertions = {{"pass", fails.empty()}, {"failures", fails}};
  }
  return assertions;
}

// The LLR counters of both ends (ends: per end), summed per field.
std::array<uint64_t, llr_stat_t::kFields> llr_bench::stat_totals(nlohmann::json& ends) const {
  using nlohmann::json;
  std::array<uint64_t, llr_stat_t::kFields> tot{};
  for (int e = 0; e < 2; ++e) {
    const llr_stat_t& st = ref_stat(e);
    json j;
    for (int f = 0; f < llr_stat_t::kFields; ++f) {
      j[llr_stat_t::kFieldInfo[f].name] = st.field(f);
      tot[size_t(f)] += st.field(f);
    }
    j["max_replay_occupancy"] = dir_[e].max_occ;
    ends[e == 0 ? "a" : "b"] = j;
  }
  return tot;
}

// r.llr (counters summed over both ends and per end, round trip, goodput,
// sizing) and r.coverage; off_w / del_w: flits offered / delivered in the window.
void llr_bench::llr_json(nlohmann::json& r, uint64_t& off_w, uint64_t& del_w) const {
  using nlohmann::json;
  const double ns = cfg_.link.cycle_ns();
  const llr_sizing sz = llr_size(cfg_.link, cfg_.llr.ack_spacing);
  json ends = json::object();
  const auto tot = stat_totals(ends);
  auto total = [&](const char* name) { return stat_total(tot, name); };
  off_w = 0;
  del_w = 0;
  json gp = json::object();
  uint64_t loop_min = UINT64_MAX, loop_max = 0, loop_sum = 0, loop_n = 0;
  uint64_t bp = 0;
  for (int d = 0; d < 2; ++d) {
    const direction& s = dir_[d];
    off_w += s.offered_window;
    del_w += s.delivered_window;
    gp[d == 0 ? "a_to_b" : "b_to_a"] =
        s.offered_window ? std::min(1.0, double(s.delivered_window) / double(s.offered_window)) : 1.0;
    loop_min = std::min(loop_min, s.loop_min);
    loop_max = std::max(loop_max, s.loop_max);
    loop_sum += s.loop_sum;
    loop_n += s.loop_n;
    bp += s.backpressure_cycles;
  }
  r["llr"] = {
      {"crc_errors", total("crc_errors")},
      {"ctrl_errors", total("ctrl_errors")},
      {"seq_gaps", total("seq_gaps")},
      {"dup_flits", total("dup_flits")},
      {"naks_sent", total("naks_sent")},
      {"acks_sent", total("acks_sent")},
      {"replays", total("replays")},
      {"timer_replays", total("timer_replays")},
      {"replayed_flits", total("replayed_flits")},
      {"max_replay_occupancy", std::max(dir_[0].max_occ, dir_[1].max_occ)},
      {"link_error_events", total("link_errors")},
      {"round_trip_cycles", loop_n ? loop_min : 0},
      {"round_trip_ns", loop_n ? double(loop_min) * ns : 0.0},
      {"ack_loop_cycles", {{"min", loop_n ? loop_min : 0}, {"mean", loop_n ? double(loop_sum) / double(loop_n) : 0.0},
                           {"max", loop_max}, {"definition", "accept to freed by an ACK/NACK, every flit"}}},
      // Delivered rate over offered rate; a link that keeps up is 1 (ratios a
      // hair above 1 from arrival noise at the window's edges count as 1).
      {"goodput", off_w ? std::min(1.0, double(del_w) / double(off_w)) : 1.0},
      {"goodput_raw", off_w ? double(del_w) / double(off_w) : 1.0},
      {"goodput_per_direction", gp},
      {"backpressure_cycles", bp},
      {"sizing", {{"one_way_cycles", sz.one_way_cycles},
                  {"round_trip_cycles", sz.round_trip_cycles},
                  {"depth_needed", sz.depth_needed},
                  {"depth", cfg_.llr.depth},
                  {"undersized", uint32_t(cfg_.llr.depth) < sz.depth_needed}}},
      {"ends", ends}};
  r["coverage"] = coverage_json(tot);
}

// r.coverage: the LLR's functional coverage points (verif/llr/testplan.yaml).
nlohmann::json llr_bench::coverage_json(const std::array<uint64_t, llr_stat_t::kFields>& tot) const {
  using nlohmann::json;
  auto total = [&](const char* name) { return stat_total(tot, name); };
  auto pt = [](uint64_t n) { return json{{"hit", n > 0 ? 1 : 0}, {"total", 1}, {"count", n}}; };
  return {{"nack_replay", pt(total("replays") - total("timer_replays"))},
          {"timer_replay", pt(total("timer_replays"))},
          {"replay_at_sequence_wrap", pt(cov_replay_at_wrap_)},
          {"replay_buffer_full", pt(cov_full_)},
          {"duplicate_discarded", pt(total("dup_flits"))},
          {"sequence_gap", pt(total("seq_gaps"))},
          {"ctrl_crc_error", pt(total("ctrl_errors"))},
          {"link_error_retrain", pt(total("link_errors"))}};
}

// r.link: timing and the fault counters of both directions.
nlohmann::json llr_bench::link_json() const {
  using nlohmann::json;
  const link_counters& la = ref_link_dir(0).counters();
  const link_counters& lb = ref_link_dir(1).counters();
  auto lc = [](const link_counters& c) {
    return json{{"slots", c.slots},           {"corrupted", c.corrupted},       {"burst_corrupted", c.burst_corrupted},
                {"dropped", c.dropped},       {"ctrl_corrupted", c.ctrl_corrupted}, {"ctrl_dropped", c.ctrl_dropped},
                {"down_dropped", c.down_dropped},         {"phy_corrupted", c.phy_corrupted}};
  };
  return {{"cycle_ns", cfg_.link.cycle_ns()},
          {"one_way_cycles", cfg_.link.delay_cycles()},
          {"one_way_ns", cfg_.link.one_way_ns()},
          {"slot_error_rate", cfg_.link.slot_error_rate()},
          {"faults", {{"a_to_b", lc(la)}, {"b_to_a", lc(lb)}}},
          {"phy", {{"a_to_b", phy_json(cfg_.link, la)}, {"b_to_a", phy_json(cfg_.link, lb)}}}};
}

}  // namespace

nlohmann::json run_llr_bench(const llr_bench_config& cfg) {
  auto bench = std::make_unique<llr_bench>("bench", cfg);
  return run_captured(cfg.out_dir, [&](double wall_s) { return with_rtl_coverage(bench->result(wall_s), cfg.out_dir); });
}

}  // namespace sb
