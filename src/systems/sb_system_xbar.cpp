// System `xbar`: the crossbar alone (sim-configs/xbar.yaml)
// (the registry: sb_system.h).
#include "sb_system.h"
#include "sb_system_print.h"

namespace sb {
namespace {

// The keys only this system owns.
void xbar_keys(config_schema& s) {
  s.add(choice_key("xbar.queueing", "voq", {"voq", "fifo"},
                 "voq: a queue per (input, output, class); fifo: a queue per (input, class) - head-of-line blocking"));
  s.add(choice_key("xbar.allocator", "islip", {"islip", "rr"},
                 "islip: McKeown's iSLIP; rr: round-robin matching (RRM, pointers move on every grant)"));
  s.add(int_key("xbar.islip_iterations", "1", 1, 256, "allocator iterations per cycle (at most switch.ports)"));
  s.add(int_key("xbar.voq_depth", "8", 1, 255, "depth of each input queue", "flits"));
  s.add(int_key("xbar.pipeline", "2", 1, 31, "cycles from the crossing edge to the output", "cycles"));
  s.add(choice_key("impl.xbar", "lockstep", {"model", "rtl", "lockstep"},
                 "crossbar implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(choice_key("fault.xbar", "none", {"none", "corrupt_sig", "drop_flit", "skip_pointer_update"},
                 "TEST ONLY: break the crossbar model on purpose to prove the checkers catch it (corrupt_sig / drop_flit: one flit; skip_pointer_update: pointers frozen from fault.at_cycle on)"));
  s.add(choice_key("fault.source", "none", {"none", "ignore_credits"},
                   "TEST ONLY: sources send without credits, overflowing the queues (the overflow assertions must fire)"));
}

void print_xbar_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& lp = r["latency"]["packet"];
  const auto& ls = r["latency"]["switch"];
  const auto& cfg = r["config"];
  std::printf("skybench: crossbar %s, %d ports, %s/%s x%d, %s load %.2f, %d-flit packets, seed %llu\n",
              cfg["impl"]["xbar"].get<std::string>().c_str(), int(cfg["switch"]["ports"]),
              cfg["xbar"]["queueing"].get<std::string>().c_str(), cfg["xbar"]["allocator"].get<std::string>().c_str(),
              int(cfg["xbar"]["islip_iterations"]), cfg["traffic"]["pattern"].get<std::string>().c_str(),
              double(cfg["traffic"]["load"]), int(cfg["traffic"]["packet_flits"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  print_verdict(r);
  if (cs["enabled"].get<bool>()) {
    print_cosim_ports(cs, "");
    print_mismatch(cs);
  } else {
    std::printf("  cosim       off (impl.xbar=%s)\n", cfg["impl"]["xbar"].get<std::string>().c_str());
  }
  print_lossless_packets(ll);
  print_packet_latency(lp);
  std::printf("              switch p50 %s ns, p99 %s ns, p99.9 %s ns\n", fmt(ls["p50"]).c_str(),
              fmt(ls["p99"]).c_str(), fmt(ls["p999"]).c_str());
  print_throughput_port(r);
  print_speed_and_report(r, report_path);
}

prepared_run prepare_xbar(const config& c) {
  xbar_bench_config b = to_xbar_bench_config(c);
  return {b.impl != impl_mode::model, [b](const run_request& q) mutable {
            b.out_dir = q.out_dir;
            b.wave_path = q.wave_path;
            b.wave_from = q.wave_from;
            b.wave_to = q.wave_to;
            return run_xbar_bench(b);
          }};
}

}  // namespace

xbar_bench_config to_xbar_bench_config(const config& c) {
  xbar_bench_config b;
  b.xbar.ports = int(c.get_int("switch.ports"));
  b.xbar.classes = int(c.get_int("switch.classes"));
  b.xbar.depth = int(c.get_int("xbar.voq_depth"));
  b.xbar.fifo = choice_of<bool>(c, "xbar.queueing", {{"voq", false}, {"fifo", true}});
  b.xbar.rr = choice_of<bool>(c, "xbar.allocator", {{"islip", false}, {"rr", true}});
  b.xbar.iterations = int(c.get_int("xbar.islip_iterations"));
  b.xbar.pipeline = int(c.get_int("xbar.pipeline"));
  // (all_to_all and ring are load-store patterns: a pod reads them itself)
  if (!is_load_store_pattern(pattern_of(c))) b.traffic.pattern = parse_pattern(c.get_string("traffic.pattern"));
  b.traffic.load = c.get_real("traffic.load");
  b.traffic.packet_flits = int(c.get_int("traffic.packet_flits"));
  b.traffic.classes = b.xbar.classes;
  b.traffic.hotspot_fraction = c.get_real("traffic.hotspot_fraction");
  b.traffic.hotspot_port = int(c.get_int("traffic.hotspot_port"));
  b.traffic.incast_target = int(c.get_int("traffic.incast_target"));
  b.traffic.burst_packets = c.get_real("traffic.burst_packets");
  b.sink_rate = c.get_real("traffic.sink_rate");
  b.cycles = uint64_t(c.get_int("run.cycles"));
  b.warmup = uint64_t(c.get_int("run.warmup_cycles"));
  b.seed = uint64_t(c.get_int("run.seed"));
  b.stall_cycles = uint64_t(c.get_int("run.stall_cycles"));
  b.clock_ghz = c.get_real("switch.clock_ghz");
  b.impl = impl_of(c, "impl.xbar");
  b.fault = choice_of<xbar_fault>(c, "fault.xbar",
                                  {{"none", xbar_fault::none},
                                   {"corrupt_sig", xbar_fault::corrupt_sig},
                                   {"drop_flit", xbar_fault::drop_flit},
                                   {"skip_pointer_update", xbar_fault::skip_pointer_update}});
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.traffic.ignore_credits = choice_of<bool>(c, "fault.source", {{"none", false}, {"ignore_credits", true}});
  b.progress = c.get_bool("output.progress");
  return b;
}

const system_def& xbar_system() {
  static const system_def d{"xbar", xbar_keys, "impl.xbar", prepare_xbar, print_xbar_summary};
  return d;
}

}  // namespace sb
