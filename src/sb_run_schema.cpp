#include "sb_run_schema.h"

#include "sb_xbar_rtl.h"

namespace sb {

namespace {
std::string below_ports(const config& c, const char* key) {
  const int64_t v = c.get_int(key), n = c.get_int("switch.ports");
  return v < n ? "" : "must be below switch.ports (" + std::to_string(n) + "), got " + std::to_string(v);
}
}  // namespace

config_schema run_schema() {
  config_schema s;
  s.add(int_key("switch.ports", "16", 2, 256, "number of switch ports N (crossbar N x N)"));
  s.add(int_key("switch.classes", "1", 1, 8, "traffic classes C; class C-1 has the highest priority"));
  s.add(real_key("switch.clock_ghz", "1.25", 0.01, 10.0, "core clock; one flit per port per cycle", "GHz"));
  s.add(choice_key("xbar.queueing", "voq", {"voq", "fifo"},
                 "voq: a queue per (input, output, class); fifo: a queue per (input, class) - head-of-line blocking"));
  s.add(choice_key("xbar.allocator", "islip", {"islip", "rr"},
                 "islip: McKeown's iSLIP; rr: round-robin matching (RRM, pointers move on every grant)"));
  s.add(int_key("xbar.islip_iterations", "1", 1, 256, "allocator iterations per cycle (at most switch.ports)"));
  s.add(int_key("xbar.voq_depth", "8", 1, 255, "depth of each input queue", "flits"));
  s.add(int_key("xbar.pipeline", "2", 1, 31, "cycles from the crossing edge to the output", "cycles"));
  s.add(choice_key("traffic.pattern", "uniform", {"uniform", "hotspot", "permutation", "incast", "bursty"},
                 "destination pattern of the sources"));
  s.add(real_key("traffic.load", "0.5", 0.0, 1.0, "offered load per input", "flits/cycle/port"));
  s.add(int_key("traffic.packet_flits", "1", 1, 255, "flits per packet", "flits"));
  s.add(real_key("traffic.hotspot_fraction", "0.5", 0.0, 1.0, "hotspot: share of packets sent to traffic.hotspot_port"));
  s.add(int_key("traffic.hotspot_port", "0", 0, 255, "hotspot: the hot output"));
  s.add(int_key("traffic.incast_target", "0", 0, 255, "incast: the output every other input sends to"));
  s.add(real_key("traffic.burst_packets", "8", 1.0, 1e6, "bursty: mean packets per burst (one destination per burst)",
               "packets"));
  s.add(real_key("traffic.sink_rate", "1.0", 0.01, 1.0,
               "probability that an output accepts a flit in a cycle (1 = never backpressured)"));
  s.add(int_key("run.cycles", "100000", 1, 1e12, "cycles during which traffic is generated", "cycles"));
  s.add(int_key("run.warmup_cycles", "10000", 0, 1e12, "cycles excluded from statistics at the start", "cycles"));
  s.add(int_key("run.seed", "1", 0, 9.2e18, "random seed: the same seed reproduces the same run exactly"));
  s.add(int_key("run.stall_cycles", "20000", 10, 1e12,
              "watchdog: a run with flits in flight and no delivery for this long fails (deadlock)", "cycles"));
  s.add(choice_key("impl.xbar", "lockstep", {"model", "rtl", "lockstep"},
                 "crossbar implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(choice_key("fault.xbar", "none", {"none", "corrupt_sig", "drop_flit", "skip_pointer_update"},
                 "TEST ONLY: break the crossbar model on purpose to prove the checkers catch it (corrupt_sig / drop_flit: one flit; skip_pointer_update: pointers frozen from fault.at_cycle on)"));
  s.add(choice_key("fault.source", "none", {"none", "ignore_credits"},
                   "TEST ONLY: sources send without credits, overflowing the queues (the overflow assertions must fire)"));
  s.add(int_key("fault.at_cycle", "100", 0, 1e12, "TEST ONLY: first cycle at which fault.xbar strikes", "cycles"));
  s.add(bool_key("output.progress", "false", "print progress lines while running"));

  s.rule("xbar.islip_iterations", [](const config& c) -> std::string {
    const int64_t it = c.get_int("xbar.islip_iterations"), n = c.get_int("switch.ports");
    return it <= n ? "" : "must be at most switch.ports (" + std::to_string(n) + "), got " + std::to_string(it);
  });
  s.rule("traffic.hotspot_port", [](const config& c) { return below_ports(c, "traffic.hotspot_port"); });
  s.rule("traffic.incast_target", [](const config& c) { return below_ports(c, "traffic.incast_target"); });
  s.rule("run.warmup_cycles", [](const config& c) {
    return c.get_int("run.warmup_cycles") < c.get_int("run.cycles")
               ? ""
               : "must be below run.cycles (" + std::to_string(c.get_int("run.cycles")) + ")";
  });
  s.rule("switch.ports", [](const config& c) -> std::string {
    if (c.get_string("impl.xbar") == "model") return "";
    xbar_bench_config b = to_xbar_bench_config(c);
    std::string why;
    if (make_xbar_rtl(b.xbar, &why)) return "";
    return "impl.xbar=" + c.get_string("impl.xbar") + " needs an RTL build: " + why;
  });
  return s;
}

xbar_bench_config to_xbar_bench_config(const config& c) {
  xbar_bench_config b;
  b.xbar.ports = int(c.get_int("switch.ports"));
  b.xbar.classes = int(c.get_int("switch.classes"));
  b.xbar.depth = int(c.get_int("xbar.voq_depth"));
  b.xbar.fifo = c.get_string("xbar.queueing") == "fifo";
  b.xbar.rr = c.get_string("xbar.allocator") == "rr";
  b.xbar.iterations = int(c.get_int("xbar.islip_iterations"));
  b.xbar.pipeline = int(c.get_int("xbar.pipeline"));
  b.traffic.pattern = parse_pattern(c.get_string("traffic.pattern"));
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
  const std::string impl = c.get_string("impl.xbar");
  b.impl = impl == "model" ? impl_mode::model : impl == "rtl" ? impl_mode::rtl : impl_mode::lockstep;
  const std::string f = c.get_string("fault.xbar");
  b.fault = f == "corrupt_sig"           ? xbar_fault::corrupt_sig
            : f == "drop_flit"           ? xbar_fault::drop_flit
            : f == "skip_pointer_update" ? xbar_fault::skip_pointer_update
                                         : xbar_fault::none;
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.traffic.ignore_credits = c.get_string("fault.source") == "ignore_credits";
  b.progress = c.get_bool("output.progress");
  return b;
}

}  // namespace sb
