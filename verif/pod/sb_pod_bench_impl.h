// The pod bench's composition (sb_pod_bench.cpp: construction and the
// clock; sb_pod_report.cpp: the report). No design logic: the endpoints
// (sb_endpoint.h) and the switch chips (systemc/switch) are blocks; this
// wires them, runs the clock, collects every check every cycle.
#pragma once

#include <memory>
#include <utility>
#include <string>
#include <vector>

#include "sb_endpoint.h"
#include "sb_lockstep.h"
#include "sb_plane_health.h"
#include "sb_pod_telemetry.h"
#include "sb_pod_bench.h"
#include "sb_port_link.h"
#include "sb_switch_rtl.h"

namespace sb {

// The parameters of link (e, k), direction up (endpoint to switch) or down
// (the plane fault, the PHY profile of link.phy.target).
link_params pod_link_params(const pod_bench_config& c, int e, int k, bool up);

class pod_bench : public sc_core::sc_module {
 public:
  pod_bench(const sc_core::sc_module_name& name, const pod_bench_config& cfg, std::vector<sb_ls_tlm_port*> ports,
            ls_func_memory* mem);
  nlohmann::json result(double wall_s) const;
  // --wave: the RTL of every block kind that has one, plane 0 and endpoint /
  // port 0 for the per-port blocks: wave.fst for the first, wave.fst.<block>.fst for the others.
  std::vector<std::string> open_traces();
  void close_traces();
  // The energy model's counts so far (sb_energy.h; sb_pod_energy.cpp): cheap (one pass over the
  // links and switch ports), callable at any cycle; two snapshots give a window's counts (b - a).
  energy_counts energy_snapshot() const;

 private:
  void build_planes();
  void build_collective();
  void tick();
  void after_edge(uint64_t k);
  void observe_health(uint64_t k, int p, int pl, const switch_port_pins& sp, const llr_stat_t& ep_llr);
  nlohmann::json link_health_json() const;
  bool checks_hold();
  void unattached_violations();
  nlohmann::json groups_json() const;
  double window_cycles() const;
  void finish(const std::string& why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }
  const std::vector<switch_port_pins>& pins(int k) const {
    return models_.empty() ? rtls_[size_t(k)]->pins : models_[size_t(k)]->pins;
  }
  port_link& link(int e, int k) { return links_[size_t(k) * size_t(n_) + size_t(e)]; }
  const port_link& link(int e, int k) const { return links_[size_t(k) * size_t(n_) + size_t(e)]; }
  uint64_t switch_held() const;
  void counters_json(nlohmann::json& r) const;
  void llr_counters(nlohmann::json& r) const;
  void fc_counters(nlohmann::json& r) const;
  nlohmann::json coverage_json() const;
  nlohmann::json planes_json() const;
  nlohmann::json endpoints_json() const;

  pod_bench_config cfg_;
  int n_, k_;
  std::vector<sb_ls_tlm_port*> ports_;
  sc_core::sc_clock clk_;
  lockstep_ctx ctx_;
  pod_scoreboard sb_;
  plane_health health_;
  std::unique_ptr<pod_telemetry> tel_;  // telemetry.enabled
  std::unique_ptr<collective_engine> coll_;  // workload.kind = collective
  std::vector<std::pair<energy_counts, energy_counts>> coll_energy_;  // per simulated size: its window's counts
  nlohmann::json collective_energy_json() const;
  std::vector<uint16_t> perm_;
  std::vector<std::unique_ptr<switch_core>> models_;
  std::vector<std::unique_ptr<switch_rtl>> rtls_;
  std::vector<std::unique_ptr<endpoint>> ep_;
  std::vector<port_link> links_;  // [plane][endpoint]
  std::vector<std::pair<int, int>> unattached_;  // (endpoint, plane) links outside the endpoint's links
  uint64_t cycle_ = 0, end_cycle_ = 0, pins_compared_ = 0, ring_steps_ = 0, rtl_assertions_ = 0;
  // Per plane: flits delivered at the endpoints, the largest switch port queues (ingress, egress).
  std::vector<uint64_t> plane_down_, plane_in_max_, plane_eg_max_;
  std::vector<uint64_t> timeline_;  // [bin][plane]: flits delivered to the endpoints
  std::vector<std::string> violations_;
  std::vector<std::string> wave_files_;
  std::vector<std::string> switch_names_;  // the chips' names in mismatch reports
  std::string end_reason_ = "not finished";
  bool chip_lockstep_ = false;
};

}  // namespace sb
