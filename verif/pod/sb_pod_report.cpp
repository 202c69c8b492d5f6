// The pod's report (docs/pod.md "Report"): the checks, latency, throughput,
// counters, coverage, and per plane and per endpoint figures.
#include <algorithm>

#include "sb_pod_bench_impl.h"

namespace sb {

nlohmann::json pod_bench::result(double wall_s) const {
  const double ns = cfg_.link.cycle_ns();
  const bool drained = end_reason_ == "drained";
  nlohmann::json r;
  std::vector<std::string> blocks;
  if (chip_lockstep_) blocks.push_back("switch");
  if (!models_.empty() && cfg_.impl_xbar == impl_mode::lockstep) blocks.push_back("xbar");
  if (cfg_.impl_llr == impl_mode::lockstep) blocks.push_back("llr");
  if (cfg_.impl_fc == impl_mode::lockstep) blocks.push_back("flow_control");
  if (cfg_.impl_ls == impl_mode::lockstep) blocks.push_back("ls_port");
  if (tel_ && cfg_.health.impl == impl_mode::lockstep) blocks.push_back("telemetry");
  if (!blocks.empty()) {
    nlohmann::json& cs = r["checks"]["cosim"];
    cs = cosim_json(ctx_.log, end_cycle_, ctx_.compared_ports + pins_compared_ * uint64_t(n_) * uint64_t(k_), ns);
    cs["blocks"] = blocks;
    cs["compared_block_cycles"] = ctx_.compared_blocks + pins_compared_ * uint64_t(k_);
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
  for (const auto& x : ep_)
    for (int k = 0; k < k_; ++k) {
      delivered += x->link(k).delivered_flits;
      window_flits += x->link(k).delivered_window;
    }
  const double window = window_cycles();
  const double links = double(n_) * k_;
  r["throughput"] = {{"offered", double(sb_.offered_flits) / (window * links)},
                     {"accepted", double(window_flits) / (window * links)},
                     {"unit", "flits/cycle/link (requests + responses, one direction)"}};
  if (coll_) {
    r["collective"] = coll_->json();
    r["collective"]["energy"] = collective_energy_json();
    r["checks"]["collective"] = coll_->check_json();
  }
  bool ok = true;
  for (auto& [k, c] : r["checks"].items()) ok = ok && c["pass"].get<bool>();
  r["verdict"] = ok ? "pass" : "fail";
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered, end_reason_);
  r["sim"]["endpoint_link_cycles_per_s"] = wall_s > 0 ? double(end_cycle_) * links / wall_s : 0.0;
  if (!wave_files_.empty()) r["waves"] = wave_files_;
  counters_json(r);
  r["energy"] = energy_json(cfg_.energy, energy_snapshot());
  if (!cfg_.out_dir.empty()) {
    sb_.rtt().write_csv(cfg_.out_dir + "/latency_load_store_rtt.csv");
    sb_.traversal().write_csv(cfg_.out_dir + "/latency_switch_traversal.csv");
  }
  return r;
}

void pod_bench::llr_counters(nlohmann::json& r) const {
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
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) {
      add(ep_[size_t(e)]->link(k).llr().p.stat_o);
      add(pins(k)[size_t(e)].llr_stat_o);
      faults += link(e, k).faults();
    }
  r["llr"] = {{"replays", replays},         {"timer_replays", timer_replays}, {"crc_errors", crc},
              {"naks_sent", naks},          {"replayed_flits", replayed},     {"link_errors", link_err},
              {"link_faults_injected", faults}};
  if (cfg_.link.framing == link_framing::ideal) return;
  // link.framing (docs/framing.md): the wire units of every link direction.
  uint64_t units = 0, bytes = 0, queue = 0;
  for (const port_link& l : links_)
    for (const link_direction* d : {&l.up, &l.dn}) {
      const framer_counters& c = d->counters().framing;
      units += c.units;
      bytes += c.wire_bytes;
      queue = std::max(queue, c.max_queue);
    }
  const double wire = double(std::max<uint64_t>(end_cycle_, 1)) * cfg_.link.flit_bytes * double(links_.size()) * 2.0;
  r["framing"] = {{"name", framing_name(cfg_.link.framing)}, {"units", units}, {"wire_bytes", bytes},
                  {"wire_busy", double(bytes) / wire}, {"max_queue_slots", queue}};
}

void pod_bench::counters_json(nlohmann::json& r) const {
  llr_counters(r);
  fc_counters(r);
  // The LS initiators' own counters, summed over the endpoints.
  uint64_t ls_to = 0, ls_stale = 0, ls_stray = 0, ls_err = 0;
  for (const auto& x : ep_)
    for (int k = 0; k < k_; ++k) {
      const ls_stat_t& st = x->link(k).initiator().p.stat_o;
      ls_to += st.timeouts;
      ls_stale += st.stale;
      ls_stray += st.stray;
      ls_err += st.errors;
    }
  r["ls_port"] = {{"timeouts", ls_to}, {"stale", ls_stale}, {"stray", ls_stray}, {"errors", ls_err}};
  r["pod"] = {{"endpoints", n_},
              {"planes", k_},
              {"plane_select", cfg_.policy == plane_select::hash ? "hash" : cfg_.policy == plane_select::spray ? "spray" : "adaptive"},
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
  r["planes"] = planes_json();
  r["endpoints"] = endpoints_json();
  if (cfg_.heterogeneous()) r["groups"] = groups_json();
  if (cfg_.link.phy.on() || tel_) r["link_health"] = link_health_json();
}

// r.link_health: the PHY/FEC counters of every link, totals, and with
// telemetry on the detector's alarms, the baseline's, lead times, drains.
nlohmann::json pod_bench::link_health_json() const {
  using nlohmann::json;
  std::vector<json> phy;
  uint64_t cw = 0, unc = 0, bad = 0, corr = 0;
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) {
      const port_link& l = link(e, k);
      phy.push_back({{"up", phy_json(pod_link_params(cfg_, e, k, true), l.up.counters())},
                     {"down", phy_json(pod_link_params(cfg_, e, k, false), l.dn.counters())}});
      for (const link_direction* d : {&l.up, &l.dn}) {
        cw += d->counters().fec_cw;
        unc += d->counters().fec_uncorr;
        corr += d->counters().fec_corrected;
        bad += d->counters().phy_corrupted;
      }
    }
  json r = tel_ ? tel_->to_json(cfg_.link.cycle_ns(), phy) : json{{"links", json::array()}};
  if (!tel_)
    for (int k = 0; k < k_; ++k)
      for (int e = 0; e < n_; ++e)
        if (link(e, k).up.counters().fec_uncorr + link(e, k).dn.counters().fec_uncorr)
          r["links"].push_back({{"endpoint", e}, {"plane", k}, {"phy", phy[size_t(k) * size_t(n_) + size_t(e)]}});
  r["phy"] = {{"profile", phy_profile_name(cfg_.link.phy.profile)}, {"codewords", cw}, {"corrected_codewords", corr},
              {"uncorrectable_codewords", unc}, {"slots_marked_bad", bad}};
  return r;
}

// r.cbfc or r.pfc: the flow-control counters of the endpoints and the switch.
void pod_bench::fc_counters(nlohmann::json& r) const {
  if (cfg_.fc.mode == fc_mode::cbfc) {
    uint64_t stalls = 0, updates = 0, eg_stalls = 0;
    for (int k = 0; k < k_; ++k)
      for (int e = 0; e < n_; ++e) {
        const endpoint_link& l = ep_[size_t(e)]->link(k);
        stalls += l.tx().p.cbfc_stat.stalls;
        updates += l.tx().p.cbfc_stat.updates;
        eg_stalls += pins(k)[size_t(e)].cbfc_tx_stat_o.stalls;
      }
    r["cbfc"] = {{"credit_stalls", stalls}, {"updates", updates}, {"egress_credit_stalls", eg_stalls}};
  } else {
    uint64_t frames = 0, paused = 0, eg_frames = 0, eg_paused = 0;
    for (int k = 0; k < k_; ++k)
      for (int e = 0; e < n_; ++e) {
        const endpoint_link& l = ep_[size_t(e)]->link(k);
        const switch_port_pins& pn = pins(k)[size_t(e)];
        frames += pn.pfc_rx_stat_o.frames;
        eg_frames += l.rx().p.pfc_stat.frames;
        for (int c = 0; c < 2; ++c) {
          paused += l.tx().p.pfc_stat.paused_cycles[size_t(c)];
          eg_paused += pn.pfc_tx_stat_o.paused_cycles[size_t(c)];
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
  // (the bins are listed for pods of up to 128 endpoints: a regression merges them; beyond, only the counts)
  for (int s = 0; s < n_; ++s)
    for (int t = 0; t < n_; ++t)
      if (s != t) {
        ++pairs_total;
        pairs += sb_.pair_hit[size_t(s) * n_ + t];
        if (sb_.pair_hit[size_t(s) * n_ + t] && n_ <= 128) pair_bins.push_back(s * (n_ - 1) + (t < s ? t : t - 1));
      }
  return {{"pairs_carried", {{"hit", pairs}, {"total", pairs_total}, {"bins", pair_bins}}},
          {"ops_issued", {{"hit", int(sb_.ops[0] > 0) + int(sb_.ops[1] > 0) + int(sb_.ops[2] > 0)}, {"total", 3}}},
          {"tags_max_in_use", {{"hit", sb_.tags_max_in_use}, {"total", cfg_.max_tags()}}}};
}


// r.planes: per plane the flits carried each way, utilisation, queue maxima,
// requests issued to it; the spread (max / mean utilisation); the link-health
// transitions and the plane fault's detection and recovery; the timeline of
// delivered flits per plane (throughput dips).
nlohmann::json pod_bench::planes_json() const {
  const double ns = cfg_.link.cycle_ns();
  const double cycles = double(std::max<uint64_t>(end_cycle_, 1));
  nlohmann::json per = nlohmann::json::array();
  double sum = 0, mx = 0;
  for (int k = 0; k < k_; ++k) {
    uint64_t up = 0, issued = 0;
    for (int e = 0; e < n_; ++e) {
      up += pins(k)[size_t(e)].llr_stat_o.delivered;
      issued += ep_[size_t(e)]->issued(k);
    }
    const double util = double(up + plane_down_[size_t(k)]) / (2.0 * cycles * n_);
    sum += util;
    mx = std::max(mx, util);
    per.push_back({{"plane", k},
                   {"flits_to_switch", up},
                   {"flits_to_endpoints", plane_down_[size_t(k)]},
                   {"utilisation", util},
                   {"requests_issued", issued},
                   {"ingress_queue_max_flits", plane_in_max_[size_t(k)]},
                   {"egress_queue_max_flits", plane_eg_max_[size_t(k)]}});
  }
  nlohmann::json tl = nlohmann::json::array();
  for (size_t b = 0; b * size_t(k_) < timeline_.size(); ++b) {
    nlohmann::json row = nlohmann::json::array();
    for (int k = 0; k < k_; ++k) row.push_back(double(timeline_[b * size_t(k_) + size_t(k)]) / (double(cfg_.timeline_window) * n_));
    tl.push_back(row);
  }
  nlohmann::json j = {{"count", k_},
                      {"per_plane", per},
                      {"utilisation_spread", sum > 0 ? mx / (sum / k_) : 0.0},
                      {"health", health_.to_json(ns)},
                      {"timeline", {{"bin_ns", double(cfg_.timeline_window) * ns},
                                    {"unit", "flits/cycle/link delivered to the endpoints, per plane"},
                                    {"bins", tl}}}};
  const plane_fault_spec& f = cfg_.plane_fault;
  if (f.plane >= 0) {
    // Detection: the first link of the fault marked dead; recovery: the last marked live again after it came up.
    uint64_t dead = UINT64_MAX, alive = 0;
    bool restored = true;
    for (const auto& ev : health_.events())
      if (f.hits(ev.e, ev.k) && ev.dead_at >= f.at) {
        dead = std::min(dead, ev.dead_at);
        if (ev.alive_at == UINT64_MAX) restored = false;
        else alive = std::max(alive, ev.alive_at);
      }
    const uint64_t up = f.at + f.len;
    j["fault"] = {{"plane", f.plane}, {"endpoint", f.endpoint}, {"down_ns", double(f.at) * ns},
                  {"up_ns", double(up) * ns},
                  {"detected_ns", dead == UINT64_MAX ? nlohmann::json(nullptr) : nlohmann::json(double(dead) * ns)},
                  {"detection_ns", dead == UINT64_MAX ? nlohmann::json(nullptr) : nlohmann::json(double(dead - f.at) * ns)},
                  {"restored_ns", dead == UINT64_MAX || !restored ? nlohmann::json(nullptr) : nlohmann::json(double(alive) * ns)},
                  {"recovery_ns", dead == UINT64_MAX || !restored ? nlohmann::json(nullptr)
                                                                  : nlohmann::json(double(alive > up ? alive - up : 0) * ns)}};
    // The throughput dip: delivered flits per link per cycle over all planes, before the fault and at its worst.
    double before = 0, worst = 1e300;
    uint64_t nb = 0;
    for (size_t b = 0; b * size_t(k_) < timeline_.size(); ++b) {
      const uint64_t lo = b * cfg_.timeline_window, hi = lo + cfg_.timeline_window;
      if (hi > cfg_.cycles) break;
      double v = 0;
      for (int k = 0; k < k_; ++k) v += double(timeline_[b * size_t(k_) + size_t(k)]);
      v /= double(cfg_.timeline_window) * n_ * k_;
      if (hi <= f.at && lo >= cfg_.warmup) before += v, ++nb;
      if (lo >= f.at && lo < up + cfg_.timeline_window) worst = std::min(worst, v);
    }
    j["fault"]["throughput_before"] = nb ? before / double(nb) : 0.0;
    j["fault"]["throughput_worst_bin"] = worst < 1e299 ? worst : 0.0;
  }
  return j;
}

// The measurement window (run.cycles - run.warmup_cycles, or less when the run ended early).
double pod_bench::window_cycles() const {
  return double(std::min(cfg_.cycles, std::max<uint64_t>(end_cycle_, cfg_.warmup + 1)) - cfg_.warmup);
}

// r.groups (heterogeneous endpoints): per group what it is, the transactions
// its endpoints issued and had answered, their round trip as initiator and
// the round trip of the requests it served as target, the flits delivered
// to it per attached link, and the flits on its unattached links (0).
nlohmann::json pod_bench::groups_json() const {
  nlohmann::json out = nlohmann::json::array();
  const auto& st = sb_.groups();
  int first = 0;
  for (size_t g = 0; g < cfg_.groups.size(); ++g) {
    const endpoint_group& grp = cfg_.groups[g];
    const endpoint_profile& p = cfg_.profile(first);
    uint64_t win = 0, unattached = 0;
    for (int e = first; e < first + grp.count; ++e)
      for (int k = 0; k < k_; ++k) {
        const uint64_t f = ep_[size_t(e)]->link(k).delivered_flits + pins(k)[size_t(e)].llr_stat_o.delivered;
        if (p.attached(k)) win += ep_[size_t(e)]->link(k).delivered_window;
        else unattached += f;
      }
    const double links = double(grp.count) * p.links;
    out.push_back({{"name", grp.name},
                   {"first_endpoint", first},
                   {"count", grp.count},
                   {"links", p.links},
                   {"role", p.initiator ? "both" : "target"},
                   {"max_outstanding", p.ls.max_tags},
                   {"memory_latency_cycles", p.target.latency},
                   {"memory_bandwidth", p.target.bandwidth},
                   {"load", p.initiator ? p.traffic.load : 0.0},
                   {"issued", st[g].issued},
                   {"answered", st[g].answered},
                   {"latency", {{"as_initiator", st[g].as_initiator.to_json()}, {"as_target", st[g].as_target.to_json()}}},
                   {"throughput", {{"accepted", double(win) / (window_cycles() * links)},
                                   {"unit", "flits/cycle/attached link delivered to the group's endpoints"}}},
                   {"unattached_link_flits", unattached}});
    first += grp.count;
  }
  return out;
}

// r.endpoints: every endpoint's load-store round trip, and the worst endpoint.
nlohmann::json pod_bench::endpoints_json() const {
  nlohmann::json per = nlohmann::json::array();
  int worst = -1;
  double worst_p999 = -1;
  for (int e = 0; e < n_; ++e) {
    const latency_stats& s = sb_.rtt_of(e);
    const double ns = cfg_.link.cycle_ns();
    const double p999 = s.count() ? s.percentile_cycles(0.999) * ns : 0.0;
    per.push_back({{"endpoint", e},
                   {"count", s.count()},
                   {"p50_ns", s.count() ? s.percentile_cycles(0.5) * ns : 0.0},
                   {"p99_ns", s.count() ? s.percentile_cycles(0.99) * ns : 0.0},
                   {"p999_ns", p999}});
    if (s.count() && p999 > worst_p999) worst = e, worst_p999 = p999;
  }
  return {{"rtt", per}, {"worst_endpoint", worst}, {"worst_p999_ns", worst_p999}};
}

}  // namespace sb
