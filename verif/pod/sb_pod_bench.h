// The pod (sim-configs/default.yaml, docs/pod.md): N endpoints, each with
// one link to each of K switch planes (sb_endpoint.h: per link an LS port's
// initiator and target engine, flow control both ways, an LLR end; one
// memory; a plane selector), each link (port_link) joined to one port of
// its plane's switch chip (systemc/switch, docs/switch.md). The chip is its SystemC model (whose
// blocks are each model, RTL or lockstep: impl.xbar, impl.llr,
// impl.flow_control), the Verilated sb_switch, or both in lockstep at the
// pins (impl.switch). The end-to-end scoreboard (sb_pod_scoreboard.h) checks
// every transaction: answered exactly once, with the right data, in order
// per (source, target) — per (source, target, address) with several planes
// — nothing lost; timestamps at every boundary give the round trip and its
// breakdown.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include <nlohmann/json.hpp>

#include "sb_bench_util.h"
#include "sb_collective.h"
#include "sb_energy.h"
#include "sb_fc_blocks.h"
#include "sb_switch_core.h"
#include "sb_telemetry_core.h"
#include "sb_link.h"
#include "sb_llr_core.h"
#include "sb_ls_core.h"
#include "sb_ls_port.h"
#include "sb_ls_traffic.h"
#include "sb_xbar_core.h"

namespace sb {

// TEST ONLY faults of the pod as a whole (the block faults are in the blocks).
//   drop_response: the switch model's port 0 silently drops one response packet at fault_cycle
//   corrupt_data:  the memory of endpoint 0 returns wrong read data from fault_cycle on
//   bad_dequeue:   at fault_cycle endpoint 0 tells its flow-control receiver that an
//                  empty class was dequeued (an illegal input its assertions must flag,
//                  even in the very last cycle of the run)
//   late_response: endpoint 0 holds the first response its target sends from
//                  fault_cycle on for endpoint.timeout + 1000 cycles, then sends it:
//                  its transaction times out (lost) and the response arrives late
//                  (the initiator and the scoreboard must count it stale, never as
//                  the answer of the tag's next transaction)
//   reorder_requests: the target of endpoint 0 serves two requests of one source
//                  out of arrival order, once from fault_cycle on (reordered)
//   unattached_plane: from fault_cycle on, endpoint 0's plane selector ignores
//                  the link counts (endpoints.groups.<i>.links) and may send a
//                  request to a plane its target does not attach to (the pod's
//                  unattached-port assertion must fail the run)
enum class pod_fault { none, drop_response, corrupt_data, bad_dequeue, late_response, reorder_requests, unattached_plane };

// endpoint.plane_select (sb_endpoint.h): how an endpoint spreads its requests over its planes.
enum class plane_select { hash, spray, adaptive };

// fault.plane_down: link (endpoint, plane) — or with endpoint -1 every link
// of the plane — carries nothing (both directions) for `len` cycles from `at`.
struct plane_fault_spec {
  int plane = -1, endpoint = -1;  // plane -1: no fault
  uint64_t at = 0, len = 0;
  bool hits(int e, int k) const { return plane == k && (endpoint < 0 || endpoint == e); }
};

// Telemetry and link health (telemetry.*, link_health.*, link.phy.target.*;
// docs/link-health.md): which links carry the degrading PHY profile, the
// telemetry units of the switch ports, the detector's action.
enum class health_action { none, drain };
struct pod_health_config {
  // link.phy.target: the links whose PHY follows link.phy.profile; every
  // other link's PHY is stable at link.phy.ber (-1 = every endpoint / plane).
  int phy_endpoint = -1, phy_plane = -1;
  bool phy_up = true, phy_down = true;  // up: endpoint -> switch (the switch's FEC sees it)
  bool telemetry = false;               // telemetry.enabled
  telemetry_params tel;
  impl_mode impl = impl_mode::model;    // impl.telemetry
  bool csv = true;                      // telemetry.csv
  health_action action = health_action::none;
  double baseline_flr = 1e-9;           // link_health.baseline_flr: SONiC-style predicted FLR alarm
  uint32_t baseline_window = 100;       // intervals the baseline's histogram covers
  uint32_t baseline_warmup = 10;        // intervals it holds before it may alarm
  // TEST ONLY (fault.telemetry = miscount): the model of port 0, plane 0
  // counts one flit too many per data slot from this cycle on.
  uint64_t miscount_at = UINT64_MAX;
};

// Heterogeneous endpoints (endpoints.groups.<i>.*, docs/pod.md "Heterogeneous
// endpoints"): what one endpoint is. links: it attaches to planes 0..links-1
// only (its ports on the other planes stay idle: nothing is sent or routed
// there); initiator false: a target-only node (a memory pool) that serves
// and generates nothing. ls (max_tags, timeout), target (memory latency and
// bandwidth per link's target engine) and traffic (mix, sizes, load per
// attached link) are its own; port numbers are set per link.
struct endpoint_profile {
  int group = 0;  // index into pod_bench_config::groups (0 without groups)
  int links = 1;
  bool initiator = true;
  ls_params ls;
  ls_target_params target;
  ls_traffic_params traffic;
  bool attached(int plane) const { return plane < links; }
};

// One endpoints.groups.<i>: `count` consecutive endpoints (group 0 first) with one profile.
struct endpoint_group {
  std::string name;
  int count = 0;
  endpoint_profile profile;
};

struct pod_bench_config {
  int ports = 16;            // endpoints (= ports of each plane's switch)
  int planes = 1;            // pod.planes: switch planes; every endpoint has one link to each
  // endpoints.groups: empty = one homogeneous pod (every endpoint the pod-wide
  // ls / target / traffic, a link to every plane, initiator and target).
  std::vector<endpoint_group> groups;
  // Per endpoint, what it is (resolve_profiles() fills it from groups or the
  // pod-wide fields; the bench resolves its copy). A collective engine asks
  // profile(e).initiator and profile(e).links of each rank.
  std::vector<endpoint_profile> profiles;
  const endpoint_profile& profile(int e) const { return profiles[size_t(e)]; }
  void resolve_profiles();
  // The planes a request from s to d may use: 0..common_links(s, d)-1.
  int common_links(int s, int d) const { return std::min(profile(s).links, profile(d).links); }
  int max_tags() const;  // the largest outstanding limit of any endpoint (the scoreboard's table)
  bool heterogeneous() const { return !groups.empty(); }
  plane_select policy = plane_select::hash;
  bool spray_random = false;      // endpoint.spray_order: random instead of round robin
  uint64_t plane_detect = 1;      // endpoint.plane_detect_ns in cycles (plane_health)
  plane_fault_spec plane_fault;
  uint64_t timeline_window = 1563;  // cycles per throughput-timeline bin (1 us at 800G)
  xbar_params xbar;          // ports, classes (>= 2: requests 0, responses 1), depth, ...
  llr_params llr;
  link_params link;          // the one clock: one flit slot of the link per cycle
  fc_cfgs fc;
  uint8_t lossless = 0x3;
  ls_params ls;              // port is set per endpoint
  ls_target_params target;   // port is set per endpoint
  ls_traffic_params traffic;
  switch_params sw;          // the switch chip (ports, xbar, llr and fc as above)
  double rx_rate = 1.0;      // flits per cycle an endpoint's receive side drains
  // endpoint.class_scheduler: how an endpoint's sender picks between a request
  // and a response packet that both wait. false = sp (responses first: the
  // endpoint's own requests starve while its target is oversubscribed, and
  // time out); true = rr (alternate by packet).
  bool ep_rr = true;
  impl_mode impl_xbar = impl_mode::model, impl_llr = impl_mode::model, impl_fc = impl_mode::model,
            impl_ls = impl_mode::model, impl_switch = impl_mode::model;
  std::string budget_metric = "load_store_rtt";
  double budget_percentile = 99.9, budget_ns = 1000.0;
  uint64_t cycles = 20000, warmup = 2000, seed = 1, stall_cycles = 20000;
  xbar_fault xbar_fault_kind = xbar_fault::none;
  llr_fault llr_fault_kind = llr_fault::none;  // on link 0's endpoint end
  ls_fault ls_fault_kind = ls_fault::none;     // on endpoint 0's initiator
  pod_fault fault = pod_fault::none;
  uint64_t fault_cycle = 100;
  std::string out_dir;
  std::string wave_path;  // FST of the RTL blocks (one file per block kind)
  bool progress = false;
  pod_health_config health;
  collective_config coll;  // workload.kind = collective (sb_collective.h)
  // switch.reduction = on: the chip's reduction units sit on its ports
  // ports - units .. ports - 1 (endpoints of the pod on zero-delay internal
  // links, driven by the collective engine); the accelerators are the rest.
  int units = 0;
  int accelerators() const { return ports - units; }
  bool internal(int e) const { return e >= ports - units; }
  energy_params energy;  // energy.* (sb_energy.h, docs/energy.md)
};

class pod_bench;

// The pod as a SystemC module, for programs of their own (examples/): bind
// a TLM-2.0 initiator to port(e).socket to drive endpoint e (the others run
// the built-in generators), optionally a memory to port(e).mem_socket, then
// sc_start(). The run ends when run.cycles have passed and everything has
// drained; result() is the report fragment (verdict, checks, latency, ...).
class sb_pod : public sc_core::sc_module {
 public:
  sb_pod(const sc_core::sc_module_name& name, const pod_bench_config& cfg);
  ~sb_pod() override;
  sb_ls_tlm_port& port(int e);
  nlohmann::json result(double wall_s);
  // The energy model's counts so far (docs/energy.md "Counts"): two snapshots price a window (b - a).
  energy_counts energy_snapshot() const;

 private:
  std::vector<std::unique_ptr<sb_ls_tlm_port>> ports_;
  ls_func_memory mem_;
  std::unique_ptr<pod_bench> bench_;
};

// Elaborates the pod, runs it to completion, returns the report fragment.
// Once per process (SystemC elaborates once).
nlohmann::json run_pod_bench(const pod_bench_config& cfg);

}  // namespace sb
