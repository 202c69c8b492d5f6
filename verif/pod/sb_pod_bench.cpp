// The pod as a composition: endpoints, links and K switch chips (planes).
// No design logic here: the endpoints (sb_endpoint.cpp) and the chip
// (systemc/switch) are blocks; this file wires them, runs the clock and
// collects every check every cycle (the report: sb_pod_report.cpp).
#include "sb_pod_bench.h"

#include <algorithm>
#include <memory>
#include <systemc>
#include <vector>

#include "sb_pod_bench_impl.h"
#include "sb_pod_blocks.h"
#include "sb_rtl_coverage.h"
#include "sb_switch_bench.h"
#include "sb_traffic.h"

namespace sb {

// The link of (e, k), direction up (endpoint to switch) or down: the pod's
// link parameters, down for the plane fault's time when it hits it; with the
// PHY model on, link.phy.profile on the target links' chosen directions and
// stable at link.phy.ber on every other.
link_params pod_link_params(const pod_bench_config& c, int e, int k, bool up) {
  link_params l = c.link;
  if (c.internal(e)) {  // a reduction unit's port: inside the chip, no wire, no errors
    link_params in;
    in.gbps = l.gbps;
    in.flit_bytes = l.flit_bytes;
    in.serdes_ns = in.fec_ns = in.cable_m = 0;
    return in;
  }
  if (c.plane_fault.hits(e, k)) {
    l.down_at_ns = double(c.plane_fault.at) * c.link.cycle_ns();
    l.down_for_ns = double(c.plane_fault.len) * c.link.cycle_ns();
  }
  const pod_health_config& h = c.health;
  const bool target = (h.phy_endpoint < 0 || h.phy_endpoint == e) && (h.phy_plane < 0 || h.phy_plane == k) &&
                      (up ? h.phy_up : h.phy_down);
  if (l.phy.on() && !target) l.phy.profile = phy_profile::stable;
  return l;
}

void pod_bench_config::resolve_profiles() {
  profiles.clear();
  if (groups.empty()) {
    endpoint_profile p;
    p.links = planes;
    p.ls = ls;
    p.target = target;
    p.traffic = traffic;
    profiles.assign(size_t(ports), p);
    return;
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    endpoint_profile p = groups[g].profile;
    p.group = int(g);
    if (p.links < 1 || p.links > planes)
      throw std::invalid_argument("endpoints.groups." + std::to_string(g) + ".links: must be in 1..pod.planes (" +
                                  std::to_string(planes) + "), got " + std::to_string(p.links));
    for (int i = 0; i < groups[g].count; ++i) profiles.push_back(p);
  }
  if (int(profiles.size()) != ports)
    throw std::invalid_argument("endpoints.groups: the groups' counts add up to " + std::to_string(profiles.size()) +
                                ", switch.ports is " + std::to_string(ports));
}

int pod_bench_config::max_tags() const {
  int m = 1;
  for (const auto& p : profiles) m = std::max(m, p.ls.max_tags);
  return profiles.empty() ? ls.max_tags : m;
}

namespace {
pod_bench_config resolved(const pod_bench_config& c) {
  pod_bench_config r = c;
  r.resolve_profiles();
  return r;
}
}  // namespace

pod_bench::pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg,
                     std::vector<sb_ls_tlm_port*> ports, ls_func_memory* mem)
    : sc_core::sc_module(name),
      cfg_(resolved(cfg)),
      n_(cfg.ports),
      k_(cfg.planes),
      ports_(std::move(ports)),
      clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
      sb_(cfg.ports, cfg.planes, cfg_.max_tags(),
          pod_timing{cfg.link.cycle_ns(), cfg.warmup, cfg.cycles, cfg.link.delay_cycles() + 3, cfg.sw.pipeline}),
      health_(cfg.ports, cfg.planes, cfg.plane_detect) {
  if (cfg_.heterogeneous()) {
    std::vector<int> tags, group_of;
    for (const auto& p : cfg_.profiles) {
      tags.push_back(p.ls.max_tags);
      group_of.push_back(p.group);
    }
    sb_.set_groups(tags, group_of, int(cfg_.groups.size()));
    for (int e = 0; e < n_; ++e)
      for (int k = cfg_.profile(e).links; k < k_; ++k) unattached_.push_back({e, k});
  }
  if (cfg.traffic.pattern == ls_pattern::permutation) perm_ = make_permutation(n_, cfg.seed);
  if (auto why = cfg.sw.validate(); !why.empty()) throw std::invalid_argument(why);
  build_planes();
  for (int e = 0; e < n_; ++e)
    ep_.push_back(std::make_unique<endpoint>(e, cfg_, perm_.empty() ? nullptr : &perm_, &ctx_, &sb_, ports_[size_t(e)],
                                             mem, &ports_, k_ > 1 ? &health_ : nullptr));
  // Link (e, k)'s random streams: k * N + e (plane 0's are those of the one-plane pod).
  for (int k = 0; k < k_; ++k)
    for (int e = 0; e < n_; ++e) links_.emplace_back(pod_link_params(cfg, e, k, true), pod_link_params(cfg, e, k, false), cfg.seed, k * n_ + e);
  if (cfg.health.telemetry) tel_ = std::make_unique<pod_telemetry>(cfg_, &ctx_);
  if (cfg.coll.on) build_collective();
  for (auto* v : {&plane_down_, &plane_in_max_, &plane_eg_max_}) v->assign(size_t(k_), 0);
  if (cfg.traffic.pattern == ls_pattern::ring)
    for (auto& x : ep_) x->ring_grant(cfg.traffic.ring_step_requests);
  if (!cfg.wave_path.empty()) wave_files_ = open_traces();
  SC_HAS_PROCESS(pod_bench);
  SC_METHOD(tick);
  sensitive << clk_.posedge_event();
  dont_initialize();
}

// One switch chip per plane: its model (blocks per impl.*), its RTL, or both.
void pod_bench::build_planes() {
  const pod_bench_config& cfg = cfg_;
  for (int k = 0; k < k_ && cfg.impl_switch != impl_mode::rtl; ++k) {
    switch_block_factory f;
    lockstep_ctx* ctx = &ctx_;
    const pod_bench_config* c = &cfg_;
    const int base = k * n_;  // block ids of plane k's ports (mismatch reports)
    f.xbar = [ctx, c](const xbar_params& p) {
      return make_pod_xbar(c->impl_xbar, p, c->xbar_fault_kind, c->fault_cycle, ctx);
    };
    f.llr = [ctx, c, base](const llr_params& p, int port) {
      return make_pod_llr(c->impl_llr, p, llr_fault::none, 0, base + port, "llr_switch", ctx);
    };
    const std::string sfx = k_ > 1 ? "_p" + std::to_string(k) : "";
    f.fc_rx = [ctx, c, base, sfx](const fc_cfgs& fc, int port) {
      return make_fc_rx(c->impl_fc, fc, base + port, "sw_rx" + std::to_string(port) + sfx, ctx);
    };
    f.fc_tx = [ctx, c, base, sfx](const fc_cfgs& fc, int port) {
      return make_fc_tx(c->impl_fc, fc, fc_fault::none, base + port, "sw_tx" + std::to_string(port) + sfx, ctx);
    };
    models_.push_back(std::make_unique<switch_core>(cfg.sw, f));
    models_.back()->set_probe(sb_.probe(k));
    sb_.switch_observed = true;
    if (k == 0 && cfg.fault == pod_fault::drop_response) models_.back()->egress(0).inject_drop(1, cfg.fault_cycle);
  }
  if (cfg.impl_switch == impl_mode::model) return;
  if (auto why = switch_rtl_fits(cfg.sw); !why.empty()) throw std::invalid_argument("impl.switch: " + why);
  for (int k = 0; k < k_; ++k) {
    std::string why;
    rtls_.push_back(make_switch_rtl(n_, &why));
    if (!rtls_.back()) throw std::invalid_argument("impl.switch: " + why);
    rtls_.back()->reset(cfg.sw.regs());
  }
  chip_lockstep_ = !models_.empty();
  for (int k = 0; k < k_; ++k) switch_names_.push_back(k_ > 1 ? "switch_p" + std::to_string(k) : "switch");
}

// The collective's ranks: every endpoint that initiates (not the
// target-only ones of endpoints.groups, not the reduction units); a rank's
// payload bandwidth: the line rate of the links it has.
void pod_bench::build_collective() {
  std::vector<int> ranks, units;
  std::vector<double> bw;
  for (int e = 0; e < n_; ++e) {
    if (cfg_.internal(e)) {
      units.push_back(e);
      continue;
    }
    if (!cfg_.profile(e).initiator) continue;
    ranks.push_back(e);
    bw.push_back(double(cfg_.profile(e).links) * cfg_.link.gbps / 8.0);
  }
  if (ranks.size() < 2) throw std::invalid_argument("workload.kind: a collective needs at least 2 endpoints that initiate");
  coll_ = std::make_unique<collective_engine>(cfg_.coll, ranks, units, cfg_.link.cycle_ns(), bw, cfg_.seed);
  coll_energy_.resize(coll_->sizes());
  coll_->on_window = [this](size_t i, bool begin) {
    (begin ? coll_energy_[i].first : coll_energy_[i].second) = energy_snapshot();
  };
  for (int e = 0; e < n_; ++e) {
    coll_->attach(e, &ep_[size_t(e)]->memory());
    ep_[size_t(e)]->set_collective(coll_.get());
  }
}

std::vector<std::string> pod_bench::open_traces() {
  std::vector<std::string> files;
  auto next = [&](const char* block) {
    files.push_back(files.empty() ? cfg_.wave_path : cfg_.wave_path + "." + block + ".fst");
    return files.back();
  };
  endpoint_link& l0 = ep_[0]->link(0);
  if (!rtls_.empty()) rtls_[0]->trace_open(next("switch"));
  if (!models_.empty() && cfg_.impl_xbar != impl_mode::model) models_[0]->xbar().trace_open(next("xbar"));
  if (cfg_.impl_llr != impl_mode::model) l0.llr().trace_open(next("llr0"));
  if (cfg_.impl_ls != impl_mode::model) l0.initiator().trace_open(next("ls_port0"));
  if (cfg_.impl_fc != impl_mode::model) {
    l0.tx().trace_open(next("fc_tx0"));
    l0.rx().trace_open(next("fc_rx0"));
  }
  return files;
}

void pod_bench::close_traces() {
  if (wave_files_.empty()) return;
  endpoint_link& l0 = ep_[0]->link(0);
  if (!rtls_.empty()) rtls_[0]->trace_close();
  if (!models_.empty()) models_[0]->xbar().trace_close();
  l0.llr().trace_close();
  l0.initiator().trace_close();
  l0.tx().trace_close();
  l0.rx().trace_close();
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
  for (const auto& m : models_) {
    m->collect_violations(violations_);
    fails += m->assertion_failures();
  }
  for (const auto& r : rtls_) fails += r->assertion_failures();
  if (tel_) {
    tel_->collect_violations(violations_);
    fails += tel_->assertion_failures();
  }
  unattached_violations();
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

// Heterogeneous endpoints: the link of an endpoint to a plane it does not
// attach to carries nothing, either way (the selectors never choose it).
void pod_bench::unattached_violations() {
  for (const auto& [e, k] : unattached_) {
    const uint64_t up = pins(k)[size_t(e)].llr_stat_o.delivered, down = ep_[size_t(e)]->link(k).delivered_flits;
    if (up + down == 0) continue;
    violations_.push_back("endpoint " + std::to_string(e) + " plane " + std::to_string(k) +
                          ": a flit on a plane the endpoint does not attach to (endpoints.groups.<i>.links " +
                          std::to_string(cfg_.profile(e).links) + "): " + std::to_string(up) + " to the switch, " +
                          std::to_string(down) + " to the endpoint");
  }
}

uint64_t pod_bench::switch_held() const {
  uint64_t t = 0;
  for (const auto& m : models_) t += m->occupancy();
  if (!models_.empty()) return t;
  for (const auto& r : rtls_)
    for (const auto& pn : r->pins) {
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
    for (int p = 0; p < k_; ++p)
      compare_replicated<switch_binding>(ctx_.log, k, switch_names_[size_t(p)].c_str(), models_[size_t(p)]->pins,
                                         rtls_[size_t(p)]->pins);
  }
  if (!checks_hold()) return;
  const bool gen = k < cfg_.cycles;
  for (auto& x : ep_) x->wire(k, gen);
  for (int pl = 0; pl < k_; ++pl)
    for (int p = 0; p < n_; ++p) {
      if (!models_.empty()) link(p, pl).drive_switch(models_[size_t(pl)]->pins[size_t(p)]);
      if (!rtls_.empty()) link(p, pl).drive_switch(rtls_[size_t(pl)]->pins[size_t(p)]);
    }
  // The edge.
  for (auto& x : ep_) x->step();
  for (auto& m : models_) m->step();
  for (auto& r : rtls_) r->step();
  after_edge(k);
  if (coll_ && gen) coll_->tick(k);
  ++cycle_;
  // Ring all-reduce: the next step starts when every endpoint's writes of this one completed.
  if (cfg_.traffic.pattern == ls_pattern::ring && gen) {
    bool idle = true;
    for (int e = 0; e < n_ && idle; ++e) idle = sb_.live(e) == 0 && ep_[size_t(e)]->pending() == 0;
    if (idle) {
      ++ring_steps_;
      for (auto& x : ep_) x->ring_grant(cfg_.traffic.ring_step_requests);
    }
  }
  uint64_t live = 0;
  for (int e = 0; e < n_; ++e) live += sb_.live(e) + ep_[size_t(e)]->pending();
  live += sb_.late_in_network;  // (a held late packet in the network is not idle: the watchdog still runs)
  if (live == 0) sb_.progress(k);
  const bool traffic_over = coll_ ? coll_->done() || !gen : k >= cfg_.cycles;
  if (traffic_over && live == 0) {
    bool empty = switch_held() == 0 && sb_.late_in_network == 0;
    for (int e = 0; e < n_ && empty; ++e) empty = ep_[size_t(e)]->empty();
    // The last edge's assertions too: a failure in the final cycle still fails the run.
    if (empty && checks_hold()) return finish("drained");
    if (empty) return;
  }
  if (k - sb_.last_progress > cfg_.stall_cycles) return finish("stalled");
}

// After edge k: drops, what enters the links, the link-health table and the per-plane statistics.
void pod_bench::after_edge(uint64_t k) {
  const size_t bin = size_t(k / cfg_.timeline_window);
  if (timeline_.size() < (bin + 1) * size_t(k_)) timeline_.resize((bin + 1) * size_t(k_), 0);
  for (int pl = 0; pl < k_; ++pl) {
    const auto& pn = pins(pl);
    uint64_t in_max = 0, eg_max = 0;
    for (int p = 0; p < n_; ++p) {
      const switch_port_pins& sp = pn[size_t(p)];
      const fc_drop_t& d = sp.fc_drop_o;
      if (d.valid) {
        if (d.lossless) ++sb_.lossless_drops;
        sb_.error("switch " + std::to_string(pl) + " port " + std::to_string(p) + ": a flit of class " +
                  std::to_string(d.cls) + " was dropped (ingress full)");
      }
      endpoint_link& x = ep_[size_t(p)]->link(pl);
      if (tel_) observe_health(k, p, pl, sp, x.llr().p.stat_o);
      link(p, pl).push(k, x.llr().p, x.fc_out(), sp);
      link(p, pl).drive_far(x.llr().p, x.tx().p, x.rx().p);
      if (x.llr().p.down_o.valid) {
        ++plane_down_[size_t(pl)];
        ++timeline_[bin * size_t(k_) + size_t(pl)];
      }
      if (k_ > 1) health_.observe(k, p, pl, x.llr().p.stat_o, sp.llr_stat_o);
      in_max = std::max<uint64_t>(in_max, uint64_t(sp.ingress_stat_o.occ[0]) + sp.ingress_stat_o.occ[1]);
      eg_max = std::max<uint64_t>(eg_max, uint64_t(sp.egress_stat_o.occ[0]) + sp.egress_stat_o.occ[1]);
    }
    plane_in_max_[size_t(pl)] = std::max(plane_in_max_[size_t(pl)], in_max);
    plane_eg_max_[size_t(pl)] = std::max(plane_eg_max_[size_t(pl)], eg_max);
  }
}

// The port's telemetry unit sees this edge's pins and the codeword its FEC
// decoder finished with the slot on link_i; with link_health.action = drain a
// degraded link carries no new requests (plane_health) until it is ok again.
void pod_bench::observe_health(uint64_t k, int p, int pl, const switch_port_pins& sp, const llr_stat_t& ep_llr) {
  tel_->observe(k, p, pl, sp, link(p, pl).up.out_fec(), ep_llr);
  if (cfg_.health.action != health_action::drain) return;
  const bool bad = tel_->level(p, pl) >= 1;
  if (bad != health_.drained(p, pl)) {
    health_.set_drained(p, pl, bad);
    tel_->note_drain(k, p, pl, bad);
  }
}

sb_pod::sb_pod(const sc_core::sc_module_name& name, const pod_bench_config& cfg) : sc_core::sc_module(name) {
  if (cfg.ports < 2) throw std::invalid_argument("switch.ports: a pod needs at least 2 endpoints");
  if (cfg.xbar.classes < 2) throw std::invalid_argument("switch.classes: a pod needs 2 classes (requests, responses)");
  std::vector<sb_ls_tlm_port*> raw;
  for (int e = 0; e < cfg.ports; ++e) {
    ports_.push_back(std::make_unique<sb_ls_tlm_port>(("ep" + std::to_string(e)).c_str(), e, cfg.ports));
    raw.push_back(ports_.back().get());
  }
  for (auto* p : raw) p->attach(raw, &mem_);
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
