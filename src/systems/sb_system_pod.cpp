// System `pod`: N endpoints doing loads and stores through LS ports, links with LLR, flow control and the crossbar (sim-configs/default.yaml)
// (the registry: sb_system.h).
#include "sb_collective_keys.h"
#include "sb_energy_keys.h"
#include "sb_group_keys.h"
#include "sb_health_keys.h"
#include "sb_system.h"
#include "sb_system_print.h"

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

// The keys only this system owns.
void pod_keys(config_schema& s) {
  s.add(choice_key("impl.ls_port", "model", {"model", "rtl", "lockstep"},
                   "LS port initiator implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(int_key("endpoint.max_outstanding", "64", 1, 4096, "tags an LS port may have outstanding (requests wait when all are in use)"));
  s.add(real_key("endpoint.timeout_ns", "20000", 0.0, 1e9, "a transaction without a response this long times out and is reported lost; 0 = never", "ns"));
  s.add(real_key("endpoint.memory_latency_ns", "100", 0.0, 1e6, "memory access latency at the target, request's last flit to response ready", "ns"));
  s.add(real_key("endpoint.memory_bandwidth", "1.0", 0.001, 1.0, "requests the target memory starts per cycle", "requests/cycle"));
  s.add(choice_key("checks.latency_budget.metric", "load_store_rtt", {"load_store_rtt", "switch_traversal"},
                   "pod: the latency the budget check applies to"));
  s.add(real_key("checks.latency_budget.percentile", "99.9", 1.0, 100.0, "pod: the percentile that must meet the budget"));
  s.add(real_key("checks.latency_budget.budget_ns", "1000", 1.0, 1e9, "pod: the latency budget", "ns"));
  s.add(choice_key("fault.pod", "none", {"none", "drop_response", "corrupt_data", "bad_dequeue", "late_response", "reorder_requests", "unattached_plane"},
                   "TEST ONLY: drop_response = one response packet vanishes in the switch at fault.at_cycle; corrupt_data = endpoint 0's memory returns wrong data from then on (the end-to-end scoreboard must catch both); bad_dequeue = at fault.at_cycle endpoint 0 feeds its flow-control receiver a dequeue of an empty class (its model assertion or RTL SVA must fail the run, even in the last cycle); late_response = endpoint 0 holds the first response its target sends from fault.at_cycle on for endpoint.timeout_ns + 1000 cycles (its transaction times out, lost; the late response must be counted checks.lossless.stale_responses, not another transaction's answer; needs endpoint.timeout_ns > 0); reorder_requests = the target of endpoint 0 serves two requests of one source out of arrival order, once from fault.at_cycle on (checks.lossless.reordered); unattached_plane = from fault.at_cycle on endpoint 0's plane selector ignores the groups' link counts (a request to a plane its target does not attach to must fail the run's assertions; needs a group with fewer links than pod.planes)"));
  s.add(choice_key("fault.ls_port", "none", {"none", "reuse_tag", "drop_rsp"},
                   "TEST ONLY: break endpoint 0's LS port model from fault.at_cycle on (reuse_tag: tag 0 handed out while outstanding; drop_rsp: responses ignored)"));
  s.add(int_key("pod.planes", "1", 1, 32, "switch planes K: K switch chips of switch.ports ports; every endpoint has one link (LLR ends, flow control, LS engines) to each"));
  s.add(choice_key("endpoint.plane_select", "adaptive", {"hash", "spray", "adaptive"},
                   "how an endpoint spreads its requests over its planes: hash = a static hash of (source, target, 256-B address block); spray = per request, round robin or random (endpoint.spray_order); adaptive = per request, the plane with the least local backlog (request flits waiting at its sender + its outstanding transactions, one cycle old). Under every policy a request whose address block has a transaction in flight follows it (per-address order)"));
  s.add(choice_key("endpoint.spray_order", "round_robin", {"round_robin", "random"}, "spray: the order in which requests go to the planes"));
  s.add(real_key("endpoint.plane_detect_ns", "500", 0.0, 1e9,
                 "from an LLR end of a link entering the link-error (retrain) state to every endpoint's selector skipping that link's plane for it (the fabric manager's notice); also how long a recovered link must stay clean before it is used again", "ns"));
  s.add(int_key("fault.plane_down.plane", "-1", -1, 31, "take plane k's links down (both directions carry nothing) at fault.plane_down.at_ns for fault.plane_down.for_ns; -1 = no plane fault"));
  s.add(int_key("fault.plane_down.endpoint", "-1", -1, 1023, "the plane fault hits only the link of this endpoint; -1 = every link of the plane (the whole plane)"));
  s.add(real_key("fault.plane_down.at_ns", "0", 0.0, 1e12, "when the plane fault starts", "ns"));
  s.add(real_key("fault.plane_down.for_ns", "0", 0.0, 1e12, "how long the links stay down (then they retrain and replay what they hold)", "ns"));
  s.add(choice_key("endpoint.class_scheduler", "rr", {"rr", "sp"},
                   "how an endpoint's sender picks between a request packet and a response packet that both wait: rr = alternate by packet; sp = responses first (strict priority: the endpoint's own requests starve while its target is oversubscribed, e.g. the target of an incast, and time out)"));
  energy_keys(s);
  group_keys(s);
}

// Heterogeneous endpoints: one line per group (r.groups).
void print_groups(const nlohmann::json& r) {
  if (!r.contains("groups")) return;
  for (const auto& g : r["groups"]) {
    const auto& ini = g["latency"]["as_initiator"];
    const auto& tgt = g["latency"]["as_target"];
    std::string own = "target only";
    if (g["role"] == "both")
      own = std::to_string(g["issued"].get<uint64_t>()) + " issued, " + std::to_string(g["answered"].get<uint64_t>()) +
            " answered, round trip p50 " + fmt(ini["p50"]) + " p99 " + fmt(ini["p99"]) + " p99.9 " + fmt(ini["p999"]) + " ns";
    std::printf("  group       %s: %d x %d links; %s; served p50 %s p99.9 %s ns; %.3f flits/cycle/link\n",
                g["name"].get<std::string>().c_str(), g["count"].get<int>(), g["links"].get<int>(), own.c_str(),
                fmt(tgt["p50"]).c_str(), fmt(tgt["p999"]).c_str(), double(g["throughput"]["accepted"]));
  }
}

void print_pod_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& cfg = r["config"];
  const auto& rt = r["latency"]["load_store_rtt"];
  const auto& sw = r["latency"]["switch_traversal"];
  const auto& lb = ck["latency_budget"];
  const auto& im = cfg["impl"];
  char work[160];
  if (r.contains("collective"))
    std::snprintf(work, sizeof work, "collective %s %s", r["collective"]["op"].get<std::string>().c_str(),
                  r["collective"]["algorithm"].get<std::string>().c_str());
  else
    std::snprintf(work, sizeof work, "%s %s load %.2f", cfg["traffic"]["pattern"].get<std::string>().c_str(),
                  cfg["traffic"]["mode"].get<std::string>().c_str(), double(cfg["traffic"]["load"]));
  std::printf("skybench: pod, %d endpoints, switch %s, xbar %s, llr %s, %s %s, ls_port %s; %s, seed %llu\n",
              int(cfg["switch"]["ports"]), im["switch"].get<std::string>().c_str(), im["xbar"].get<std::string>().c_str(),
              im["llr"].get<std::string>().c_str(),
              cfg["flow_control"]["mode"].get<std::string>().c_str(), im["flow_control"].get<std::string>().c_str(),
              im["ls_port"].get<std::string>().c_str(), work, (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  print_verdict(r);
  if (cs["enabled"].get<bool>()) {
    std::string blocks;
    for (const auto& b : cs["blocks"]) blocks += (blocks.empty() ? "" : ", ") + b.get<std::string>();
    std::printf("  cosim       %s: %llu cycles compared, %llu mismatches\n", blocks.c_str(),
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(), (unsigned long long)cs["mismatches"].get<uint64_t>());
    print_mismatch(cs);
  } else {
    std::printf("  cosim       off (every block a model)\n");
  }
  std::printf("  lossless    %llu transactions issued, %llu answered, lost %llu, duplicated %llu, reordered %llu, corrupted %llu\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["reordered"].get<uint64_t>(), (unsigned long long)ll["corrupted"].get<uint64_t>());
  if (ll.value("stale_responses", uint64_t(0)) || ll.value("late_requests", uint64_t(0)))
    std::printf("  late        %llu responses and %llu requests of transactions that had timed out (stale, dropped)\n",
                (unsigned long long)ll["stale_responses"].get<uint64_t>(), (unsigned long long)ll["late_requests"].get<uint64_t>());
  print_first_error(ll);
  std::printf("  load-store  round trip p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu transactions)\n",
              fmt(rt["p50"]).c_str(), fmt(rt["p99"]).c_str(), fmt(rt["p999"]).c_str(), fmt(rt["max"]).c_str(),
              (unsigned long long)rt["count"].get<uint64_t>());
  std::printf("  budget      %s p%s %.1f ns <= %.0f ns: %s\n", lb["metric"].get<std::string>().c_str(),
              fmt(lb["percentile"]).c_str(), double(lb["measured_ns"]), double(lb["budget_ns"]),
              lb["pass"].get<bool>() ? "met" : "MISSED");
  print_groups(r);
  std::printf("  switch      traversal p50 %s ns, p99 %s ns, p99.9 %s ns\n", fmt(sw["p50"]).c_str(), fmt(sw["p99"]).c_str(),
              fmt(sw["p999"]).c_str());
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/link\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
  const auto& l = r["llr"];
  std::printf("  llr         %llu link faults, %llu CRC errors, %llu replays (%llu flits)\n",
              (unsigned long long)l["link_faults_injected"].get<uint64_t>(), (unsigned long long)l["crc_errors"].get<uint64_t>(),
              (unsigned long long)l["replays"].get<uint64_t>(), (unsigned long long)l["replayed_flits"].get<uint64_t>());
  if (r.contains("framing"))
    std::printf("  framing     %s: %llu wire units, wire %.1f %% busy, at most %llu slots waiting for the wire\n",
                r["framing"]["name"].get<std::string>().c_str(), (unsigned long long)r["framing"]["units"].get<uint64_t>(),
                100.0 * double(r["framing"]["wire_busy"]), (unsigned long long)r["framing"]["max_queue_slots"].get<uint64_t>());
  if (r.contains("pfc"))
    std::printf("  pfc         %llu pause frames, %llu paused class-cycles\n",
                (unsigned long long)r["pfc"]["pause_frames_sent"].get<uint64_t>(),
                (unsigned long long)r["pfc"]["paused_cycles"].get<uint64_t>());
  else
    std::printf("  cbfc        %llu credit updates, %llu credit-stall cycles\n", (unsigned long long)r["cbfc"]["updates"].get<uint64_t>(),
                (unsigned long long)r["cbfc"]["credit_stalls"].get<uint64_t>());
  if (r.contains("collective")) print_collective(r["collective"]);
  print_energy_line(r);
  print_speed_and_report(r, report_path);
}

prepared_run prepare_pod(const config& c) {
  pod_bench_config b = to_pod_bench_config(c);
  // A pod has RTL to trace when any of its blocks is rtl or lockstep.
  const bool rtl = b.impl_xbar != impl_mode::model || b.impl_llr != impl_mode::model || b.impl_fc != impl_mode::model ||
                   b.impl_ls != impl_mode::model || b.impl_switch != impl_mode::model;
  return {rtl, [b](const run_request& q) mutable {
            b.out_dir = q.out_dir;
            b.wave_path = q.wave_path;
            return run_pod_bench(b);
          }};
}

}  // namespace

pod_fault pod_fault_of(const config& c) {
  return choice_of<pod_fault>(c, "fault.pod",
                                 {{"none", pod_fault::none},
                                  {"drop_response", pod_fault::drop_response},
                                  {"corrupt_data", pod_fault::corrupt_data},
                                  {"bad_dequeue", pod_fault::bad_dequeue},
                                  {"late_response", pod_fault::late_response},
                                  {"reorder_requests", pod_fault::reorder_requests},
                                  {"unattached_plane", pod_fault::unattached_plane}});
}

namespace {
void set_impls(const config& c, pod_bench_config& b) {
  b.impl_xbar = impl_of(c, "impl.xbar");
  b.impl_llr = impl_of(c, "impl.llr");
  b.impl_fc = impl_of(c, "impl.flow_control");
  b.impl_ls = impl_of(c, "impl.ls_port");
  b.impl_switch = impl_of(c, "impl.switch");
}
}  // namespace

pod_bench_config to_pod_bench_config(const config& c) {
  pod_bench_config b;
  const llr_bench_config l = to_llr_bench_config(c);
  b.link = l.link;
  b.llr = l.llr;
  const incast_bench_config ic = to_incast_bench_config(c);
  b.fc = ic.fc;
  b.lossless = ic.lossless;
  // In a pod the LLR sits below the flow control: flits already granted wait
  // in the endpoint's replay buffer (a link down, replays) and arrive after a
  // pause took effect. The computed headroom therefore also covers the
  // replay depth (docs/pod.md "Flow control over LLR").
  if (c.get_string("pfc.headroom_bytes") == "auto")
    b.fc.pfc_rx.limit = uint16_t(std::min<uint32_t>(65535, uint32_t(b.fc.pfc_rx.limit) + uint32_t(b.llr.depth)));
  b.xbar = to_xbar_bench_config(c).xbar;
  b.ports = b.xbar.ports;
  const double cyc = b.link.cycle_ns();
  auto cycles = [&](double ns) { return uint32_t(std::ceil(ns / cyc - 1e-9)); };
  b.ls.max_tags = int(c.get_int("endpoint.max_outstanding"));
  b.ls.timeout = std::min<uint32_t>(0xFFFFFF, cycles(c.get_real("endpoint.timeout_ns")));
  b.target.latency = cycles(c.get_real("endpoint.memory_latency_ns"));
  b.target.bandwidth = c.get_real("endpoint.memory_bandwidth");
  ls_traffic_params& t = b.traffic;
  t.pattern = parse_ls_pattern(c.get_string("traffic.pattern"));
  t.load = c.get_real("traffic.load");
  t.closed = choice_of<bool>(c, "traffic.mode", {{"open", false}, {"closed", true}});
  t.window = int(c.get_int("traffic.outstanding"));
  t.read_fraction = c.get_real("traffic.read_fraction");
  t.write_fraction = c.get_real("traffic.write_fraction");
  t.size_flits = choice_of<int>(c, "traffic.size_bytes", {{"64", 1}, {"128", 2}, {"192", 3}, {"256", 4}, {"mixed", 0}});
  t.hotspot_fraction = c.get_real("traffic.hotspot_fraction");
  t.hotspot_port = int(c.get_int("traffic.hotspot_port"));
  t.incast_target = int(c.get_int("traffic.incast_target"));
  t.address_lines = int(c.get_int("traffic.address_blocks"));
  t.ring_step_requests = int(c.get_int("traffic.ring_step_requests"));
  {
    const switch_bench_config sc = to_switch_bench_config(c);
    b.sw = sc.sw;
    b.sw.fc = b.fc;  // the same flow control (and headroom) on both directions of every link
    b.rx_rate = sc.rx_rate;
    b.impl_switch = sc.impl;
  }
  b.ep_rr = choice_of<bool>(c, "endpoint.class_scheduler", {{"rr", true}, {"sp", false}});
  b.planes = int(c.get_int("pod.planes"));
  b.policy = choice_of<plane_select>(c, "endpoint.plane_select",
                                     {{"hash", plane_select::hash}, {"spray", plane_select::spray}, {"adaptive", plane_select::adaptive}});
  b.spray_random = choice_of<bool>(c, "endpoint.spray_order", {{"round_robin", false}, {"random", true}});
  b.plane_detect = std::max<uint64_t>(1, cycles(c.get_real("endpoint.plane_detect_ns")));
  b.plane_fault.plane = int(c.get_int("fault.plane_down.plane"));
  b.plane_fault.endpoint = int(c.get_int("fault.plane_down.endpoint"));
  auto cycles64 = [&](double ns) { return uint64_t(std::ceil(ns / cyc - 1e-9)); };
  b.plane_fault.at = cycles64(c.get_real("fault.plane_down.at_ns"));
  b.plane_fault.len = cycles64(c.get_real("fault.plane_down.for_ns"));
  b.timeline_window = std::max<uint64_t>(1, cycles(1000.0));
  set_impls(c, b);
  b.budget_metric = c.get_string("checks.latency_budget.metric");
  b.budget_percentile = c.get_real("checks.latency_budget.percentile");
  b.budget_ns = c.get_real("checks.latency_budget.budget_ns");
  b.cycles = uint64_t(c.get_int("run.cycles"));
  b.warmup = uint64_t(c.get_int("run.warmup_cycles"));
  b.seed = uint64_t(c.get_int("run.seed"));
  // The no-progress watchdog outlasts the transaction timeout and the LLR's recovery.
  const uint64_t llr_recovery = uint64_t(b.llr.timer) * uint64_t(b.llr.max_replays + 1) + b.llr.retrain +
                                uint64_t(std::ceil(std::max(0.0, b.link.down_for_ns) / cyc)) + 8ull * b.link.delay_cycles();
  b.stall_cycles = std::max<uint64_t>({uint64_t(c.get_int("run.stall_cycles")), uint64_t(b.ls.timeout) + 2000,
                                       llr_recovery + 1000 + (b.plane_fault.plane >= 0 ? b.plane_fault.len : 0)});
  b.xbar_fault_kind = to_xbar_bench_config(c).fault;
  b.llr_fault_kind = l.fault;
  b.ls_fault_kind = choice_of<ls_fault>(
      c, "fault.ls_port", {{"none", ls_fault::none}, {"reuse_tag", ls_fault::reuse_tag}, {"drop_rsp", ls_fault::drop_rsp}});
  b.fault = pod_fault_of(c);
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.progress = c.get_bool("output.progress");
  b.health = health_of(c, cyc);
  set_collective(c, b);
  b.energy = energy_params_of(c);
  b.groups = groups_of(c, b);
  b.resolve_profiles();  // (the rules checked the groups: counts, links)
  return b;
}

const system_def& pod_system() {
  static const system_def d{"pod", pod_keys, "impl.* (every block)", prepare_pod, print_pod_summary};
  return d;
}

}  // namespace sb
