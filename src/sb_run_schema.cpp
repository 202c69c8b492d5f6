#include "sb_run_schema.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <stdexcept>

#include "sb_llr_rtl.h"
#include "sb_ls_rtl.h"
#include "sb_xbar_rtl.h"
#include "sb_collective_keys.h"
#include "sb_group_keys.h"
#include "sb_health_keys.h"
#include "sb_system.h"

namespace sb {

impl_mode impl_of(const config& c, const std::string& key) {
  return choice_of<impl_mode>(c, key, {{"model", impl_mode::model}, {"rtl", impl_mode::rtl}, {"lockstep", impl_mode::lockstep}});
}

system_kind system_of(const config& c) {
  return choice_of<system_kind>(c, "system",
                                {{"xbar", system_kind::xbar},
                                 {"llr", system_kind::llr},
                                 {"incast", system_kind::incast},
                                 {"pod", system_kind::pod},
                                 {"switch", system_kind::switch_chip},
                                 {"link_health", system_kind::link_health}});
}

pattern_kind pattern_of(const config& c) {
  return choice_of<pattern_kind>(c, "traffic.pattern",
                                 {{"uniform", pattern_kind::uniform},
                                  {"hotspot", pattern_kind::hotspot},
                                  {"permutation", pattern_kind::permutation},
                                  {"incast", pattern_kind::incast},
                                  {"bursty", pattern_kind::bursty},
                                  {"all_to_all", pattern_kind::all_to_all},
                                  {"ring", pattern_kind::ring}});
}

bool is_load_store_pattern(pattern_kind p) { return p == pattern_kind::all_to_all || p == pattern_kind::ring; }

namespace {

// The switch chip is simulated: system switch, or inside a pod.
bool has_switch_chip(const config& c) {
  const system_kind sys = system_of(c);
  return sys == system_kind::switch_chip || sys == system_kind::pod;
}

std::string below_ports(const config& c, const char* key) {
  const int64_t v = c.get_int(key), n = c.get_int("switch.ports");
  return v < n ? "" : "must be below switch.ports (" + std::to_string(n) + "), got " + std::to_string(v);
}

// The keys every system shares (switch.*, traffic.*, run.*, link.*, classes.*, ...).
void common_keys_1(config_schema& s) {
  s.add(int_key("switch.ports", "16", 2, 1024, "number of switch ports N (crossbar N x N; in a pod: the endpoints, each with a link to every plane)"));
  s.add(int_key("switch.classes", "1", 1, 8, "traffic classes C; class C-1 has the highest priority"));
  s.add(real_key("switch.clock_ghz", "1.25", 0.01, 10.0, "core clock; one flit per port per cycle", "GHz"));
  s.add(choice_key("traffic.pattern", "uniform", {"uniform", "hotspot", "permutation", "incast", "bursty", "all_to_all", "ring"},
                 "destination pattern of the sources (all_to_all and ring: system pod only; bursty: not in a pod)"));
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
  s.add(choice_key("run.rtl_init", "zero", {"zero", "random"},
                   "initial state of what the RTL leaves unknown (registers and memories before their reset, x assignments): zero = zeros, as the models start; random = random values from run.seed (a missing reset then shows as a lockstep mismatch)"));
  s.add(int_key("run.stall_cycles", "20000", 10, 1e12,
              "watchdog: a run with flits in flight and no delivery for this long fails (deadlock)", "cycles"));
  s.add(int_key("fault.at_cycle", "100", 0, 1e12, "TEST ONLY: first cycle at which fault.xbar strikes", "cycles"));
  s.add(real_key("traffic.reverse_load", "-1", -1.0, 1.0,
                 "llr: load offered from end b to end a; -1 = the same as traffic.load", "flits/cycle"));
  s.add(real_key("link.gbps", "800", 1.0, 1e5, "line rate of one direction; one flit slot per cycle", "Gb/s"));
  s.add(int_key("link.flit_bytes", "64", 16, 4096, "bytes per flit slot (sets the cycle: 8*flit_bytes/gbps ns)", "B"));
  s.add(real_key("link.serdes_ns", "20", 0.0, 1e6, "SerDes latency, TX + RX, one way", "ns"));
  s.add(real_key("link.fec_ns", "60", 0.0, 1e6, "FEC encode + decode latency, one way", "ns"));
  s.add(real_key("link.cable_m", "2", 0.0, 1e5, "cable length (5 ns/m)", "m"));
  s.add(real_key("link.flit_error_rate", "0", 0.0, 1.0, "probability that a flit slot is corrupted (one bit flipped)"));
  s.add(real_key("link.bit_error_rate", "0", 0.0, 1.0, "bit error rate; adds 1-(1-BER)^(8*flit_bytes) per slot"));
  s.add(real_key("link.burst_rate", "0", 0.0, 1.0, "probability per slot that an error burst starts"));
}

void common_keys_2(config_schema& s) {
  s.add(int_key("link.burst_length", "4", 1, 1e6, "slots corrupted by one burst", "flits"));
  s.add(real_key("link.drop_rate", "0", 0.0, 1.0, "probability that a slot vanishes"));
  s.add(real_key("link.ctrl_error_rate", "0", 0.0, 1.0, "probability that an ACK/NACK slot is corrupted"));
  s.add(real_key("link.ctrl_drop_rate", "0", 0.0, 1.0, "probability that an ACK/NACK slot is lost"));
  s.add(real_key("link.down_at_ns", "-1", -1.0, 1e12, "the link goes down (both directions) at this time; -1 = never", "ns"));
  s.add(real_key("link.down_for_ns", "0", 0.0, 1e12, "how long the link stays down", "ns"));
  s.add(choice_key("link.framing", "ideal", {"ideal", "ualink", "ethernet", "afh"},
                   "what goes on the wire around the flits (docs/framing.md): ideal = one flit per slot, no overhead; ualink = 64-B TL flits packed into 640-B DL flits (the DL flit is the replay unit); ethernet = a frame per packet with Ethernet/IPv4/UDP headers, FCS, preamble and gap (66 B); afh = the same with a 10-B AI fabric header (30 B); a model of the link (the RTL blocks are unchanged)"));
  for (int c = 0; c < 8; ++c)
    s.add(bool_key("classes." + std::to_string(c) + ".lossless", "true",
                   "class " + std::to_string(c) + " is lossless (paused / credited; a loss fails the run) or best effort (drops are counted)"));
  s.add(choice_key("fault.process", "none", {"none", "segv", "hang"},
                   "TEST ONLY: the run process crashes (segv: SIGSEGV) or hangs forever (hang) after loading the config, to test `skybench regress`"));
  s.add(choice_key("traffic.mode", "open", {"open", "closed"},
                   "open: requests arrive at traffic.load regardless of completions; closed: each endpoint keeps traffic.outstanding transactions in flight"));
  s.add(int_key("traffic.outstanding", "16", 1, 4096, "closed loop: transactions each endpoint keeps in flight"));
  s.add(real_key("traffic.read_fraction", "0.5", 0.0, 1.0, "share of reads among the requests"));
  s.add(real_key("traffic.write_fraction", "0.4", 0.0, 1.0, "share of writes; the rest (1 - read - write) are atomic fetch-adds"));
  s.add(choice_key("traffic.size_bytes", "mixed", {"64", "128", "192", "256", "mixed"},
                   "data size of reads and writes; mixed = uniform over 64, 128, 192, 256 B (atomics are 64 B)"));
  s.add(int_key("traffic.address_blocks", "64", 1, 1 << 18,
                "256-B blocks each source uses at each target (small: many same-address conflicts, checked for order)"));
  s.add(int_key("traffic.ring_step_requests", "8", 1, 1 << 20, "ring: writes each endpoint sends its neighbour per all-reduce step"));
  s.add(real_key("switch.pipeline_ns", "100", 0.0, 1e5,
                 "fixed switch pipeline after the crossbar (lookup, egress processing), without the PHY/FEC of its ports", "ns"));
  s.add(int_key("switch.egress_buffer_flits", "0", 0, 1e6, "egress buffer per port; 0 = the pipeline's cycles + 32 (full rate)", "flits"));
  s.add(bool_key("output.progress", "false", "print progress lines while running"));
  s.add(choice_key("switch.scheduler", "sp", {"sp", "wrr"},
                   "egress class scheduler: sp = strict priority (highest class first), wrr = weighted round robin over switch.wrr_weight.<c>"));
  for (int c = 0; c < 8; ++c)
    s.add(int_key("switch.wrr_weight." + std::to_string(c), "1", 1, 255,
                  "wrr: packets of class " + std::to_string(c) + " per round", "packets"));
  s.add(int_key("switch.ingress_buffer_flits", "0", 0, 65535,
                "ingress buffer per class and port; 0 = what flow control needs (the PFC limit, or the CBFC credits)", "flits"));
}

// Cross-field rules, in the order they are checked (the first failure is reported).
void rules_1(config_schema& s) {
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
  s.rule("endpoint.max_outstanding", [](const config& c) -> std::string {
    if (system_of(c) != system_kind::pod || impl_of(c, "impl.ls_port") == impl_mode::model) return "";
    return c.get_int("endpoint.max_outstanding") <= ls_rtl_max_tags()
               ? ""
               : "impl.ls_port=" + c.get_string("impl.ls_port") + " needs at most the RTL build's MaxTags " +
                     std::to_string(ls_rtl_max_tags()) + " (rebuild with -DSKYBENCH_LS_RTL_MAX_TAGS, or impl.ls_port=model)";
  });
  s.rule("traffic.write_fraction", [](const config& c) -> std::string {
    return c.get_real("traffic.read_fraction") + c.get_real("traffic.write_fraction") <= 1.0 + 1e-12
               ? ""
               : "traffic.read_fraction + traffic.write_fraction must be at most 1";
  });
  s.rule("traffic.pattern", [](const config& c) -> std::string {
    const bool pod = system_of(c) == system_kind::pod;
    const pattern_kind p = pattern_of(c);
    if (pod && p == pattern_kind::bursty) return "bursty is not a load-store pattern; use uniform, hotspot, permutation, incast, all_to_all or ring";
    if (!pod && is_load_store_pattern(p)) return c.get_string("traffic.pattern") + " is a load-store pattern: system pod only";
    return "";
  });
  s.rule("switch.classes", [](const config& c) -> std::string {
    return system_of(c) != system_kind::pod || c.get_int("switch.classes") >= 2
               ? ""
               : "a pod needs 2 classes (requests in 0, responses in 1), got " + std::to_string(c.get_int("switch.classes"));
  });
  s.rule("switch.ports", [](const config& c) -> std::string {
    if (system_of(c) != system_kind::pod || impl_of(c, "impl.xbar") == impl_mode::model) return "";
    xbar_bench_config b = to_xbar_bench_config(c);
    std::string why;
    if (make_xbar_rtl(b.xbar, &why)) return "";
    return "impl.xbar=" + c.get_string("impl.xbar") + " needs an RTL build: " + why;
  });
}

// Planes (pod): the fault names a plane and an endpoint that exist; RTL blocks at most kMaxRtlPlanes planes.
constexpr int kMaxRtlPlanes = 8;
void plane_rules(config_schema& s) {
  s.rule("fault.plane_down.plane", [](const config& c) -> std::string {
    const int64_t p = c.get_int("fault.plane_down.plane"), k = c.get_int("pod.planes");
    return p < k ? "" : "plane " + std::to_string(p) + " does not exist: pod.planes is " + std::to_string(k) + " (planes 0.." + std::to_string(k - 1) + ")";
  });
  s.rule("fault.plane_down.endpoint", [](const config& c) -> std::string {
    const int64_t e = c.get_int("fault.plane_down.endpoint"), n = c.get_int("switch.ports");
    return e < n ? "" : "endpoint " + std::to_string(e) + " does not exist: switch.ports is " + std::to_string(n);
  });
  s.rule("pod.planes", [](const config& c) -> std::string {
    if (system_of(c) != system_kind::pod || c.get_int("pod.planes") <= kMaxRtlPlanes) return "";
    for (const char* k : {"impl.switch", "impl.xbar", "impl.llr", "impl.flow_control", "impl.ls_port"})
      if (impl_of(c, k) != impl_mode::model)
        return std::to_string(c.get_int("pod.planes")) + " planes with " + k + "=" + c.get_string(k) +
               ": RTL blocks (rtl or lockstep) run in pods of at most " + std::to_string(kMaxRtlPlanes) +
               " planes (a Verilated instance per plane and link); use model for every block";
    return "";
  });
}

void rules_2(config_schema& s) {
  plane_rules(s);
  s.rule("switch.ports", [](const config& c) -> std::string {
    if (system_of(c) != system_kind::xbar || impl_of(c, "impl.xbar") == impl_mode::model) return "";
    xbar_bench_config b = to_xbar_bench_config(c);
    std::string why;
    if (make_xbar_rtl(b.xbar, &why)) return "";
    return "impl.xbar=" + c.get_string("impl.xbar") + " needs an RTL build: " + why;
  });
  s.rule("llr.replay_depth", [](const config& c) -> std::string {
    const int64_t d = c.get_int("llr.replay_depth"), half = int64_t(1) << (c.get_int("llr.seq_bits") - 1);
    if (d > half)
      return "must be at most half the sequence space, 2^(llr.seq_bits-1) = " + std::to_string(half) + ", got " +
             std::to_string(d);
    const system_kind sys = system_of(c);
    if ((sys == system_kind::llr || sys == system_kind::pod) && impl_of(c, "impl.llr") != impl_mode::model &&
        d > llr_rtl_max_depth())
      return "impl.llr=" + c.get_string("impl.llr") + " needs depth <= the RTL build's MaxDepth " +
             std::to_string(llr_rtl_max_depth()) + ", got " + std::to_string(d) +
             " (use impl.llr=model, or rebuild with -DSKYBENCH_LLR_RTL_MAX_DEPTH)";
    return "";
  });
  for (const char* k : {"llr.replay_timer_ns", "llr.retrain_ns"}) {
    s.rule(k, [k](const config& c) -> std::string {
      const double cyc = 8.0 * double(c.get_int("link.flit_bytes")) / c.get_real("link.gbps");
      const double n = std::ceil(c.get_real(k) / cyc - 1e-9);
      return n <= double(0xFFFFFF) ? "" : "is " + std::to_string(int64_t(n)) + " cycles of " + std::to_string(cyc) +
                                               " ns; at most 16777215 (24-bit timer)";
    });
  }
  s.rule("pfc.headroom_bytes", [](const config& c) -> std::string {
    const std::string v = c.get_string("pfc.headroom_bytes");
    if (v == "auto") return "";
    char* end = nullptr;
    const long long n = std::strtoll(v.c_str(), &end, 10);
    return (!v.empty() && *end == 0 && n >= 0 && n <= 10000000) ? "" : "expected auto or a byte count 0..10000000, got '" + v + "'";
  });
  s.rule("pfc.xon_bytes", [](const config& c) -> std::string {
    return c.get_int("pfc.xon_bytes") < c.get_int("pfc.xoff_bytes")
               ? ""
               : "must be below pfc.xoff_bytes (" + std::to_string(c.get_int("pfc.xoff_bytes")) + ") for hysteresis";
  });
}

void rules_3(config_schema& s) {
  s.rule("cbfc.update_max_ns", [](const config& c) -> std::string {
    return c.get_real("cbfc.update_max_ns") > c.get_real("cbfc.update_min_ns") ? "" : "must be above cbfc.update_min_ns";
  });
  s.rule("cbfc.credits", [](const config& c) -> std::string {
    const int64_t cost = (c.get_int("link.flit_bytes") + c.get_int("cbfc.credit_bytes") - 1) / c.get_int("cbfc.credit_bytes");
    return c.get_int("cbfc.credits") >= cost ? "" : "must be at least the cost of one flit (" + std::to_string(cost) + " credits)";
  });
  s.rule("link.framing", [](const config& c) -> std::string {
    const int64_t fb = c.get_int("link.flit_bytes"), payload = framing_format_of(link_framing::ualink).dl_payload;
    if (c.get_string("link.framing") != "ualink" || fb <= payload) return "";
    return "ualink packs flits into the 640-B DL flit's " + std::to_string(payload) + " B of payload: needs link.flit_bytes <= " +
           std::to_string(payload) + ", got " + std::to_string(fb);
  });
  s.rule("link.down_for_ns", [](const config& c) -> std::string {
    return c.get_real("link.down_for_ns") > 0 && c.get_real("link.down_at_ns") < 0
               ? "the link never goes down unless link.down_at_ns is set too"
               : "";
  });
  // The chip's own validation (switch_params::validate), reported at the key it names.
  for (const char* k : {"switch.egress_buffer_flits", "switch.ingress_buffer_flits", "switch.pipeline_ns"}) {
    s.rule(k, [k](const config& c) -> std::string {
      if (!has_switch_chip(c)) return "";
      const std::string why = to_switch_bench_config(c).sw.validate();
      const std::string pre = std::string(k) + ": ";
      return why.compare(0, pre.size(), pre) == 0 ? why.substr(pre.size()) : "";
    });
  }
  s.rule("fault.switch", [](const config& c) -> std::string {
    if (switch_fault_of(c) == switch_fault::rtl_corrupt_sig && impl_of(c, "impl.switch") == impl_mode::model)
      return "rtl_corrupt_sig breaks the RTL: needs impl.switch=rtl or lockstep";
    return "";
  });
  s.rule("fault.pod", [](const config& c) -> std::string {
    if (pod_fault_of(c) == pod_fault::late_response && c.get_real("endpoint.timeout_ns") <= 0)
      return "late_response holds a response past endpoint.timeout_ns: needs endpoint.timeout_ns > 0";
    return "";
  });
  s.rule("impl.switch", [](const config& c) -> std::string {
    if (!has_switch_chip(c) || impl_of(c, "impl.switch") == impl_mode::model) return "";
    return switch_rtl_fits(to_switch_bench_config(c).sw);
  });
}

// Which systems read which keys: a key a system does not read, set in its
// config, is refused (it would be ignored). The most specific entry wins;
// keys not listed (run.*, output.*, fault.process) are read by every system.
void used_by(config_schema& s) {
  s.selector("system");
  const std::vector<std::string> pod_sw = {"pod", "switch"};
  s.used_by("switch", {"xbar", "incast", "pod", "switch"});  // ports, classes
  s.used_by("switch.clock_ghz", {"xbar"});                   // the others run at the link's cycle
  for (const char* k : {"switch.pipeline_ns", "switch.egress_buffer_flits", "switch.ingress_buffer_flits",
                        "switch.scheduler", "switch.wrr_weight"})
    s.used_by(k, pod_sw);
  s.used_by("xbar", {"xbar", "pod", "switch"});
  s.used_by("traffic", {"xbar", "pod", "switch"});
  s.used_by("traffic.packet_flits", {"xbar", "incast", "pod", "switch"});
  s.used_by("traffic.load", {"xbar", "llr", "incast", "pod", "switch"});
  s.used_by("traffic.sink_rate", {"xbar", "incast"});
  s.used_by("traffic.burst_packets", {"xbar", "switch"});
  s.used_by("traffic.reverse_load", {"llr"});
  for (const char* k : {"traffic.mode", "traffic.outstanding", "traffic.read_fraction", "traffic.write_fraction",
                        "traffic.size_bytes", "traffic.address_blocks", "traffic.ring_step_requests"})
    s.used_by(k, {"pod"});
  s.used_by("impl.xbar", {"xbar", "pod"});
  s.used_by("impl.llr", {"llr", "pod"});
  s.used_by("impl.flow_control", {"incast", "pod"});
  s.used_by("impl.ls_port", {"pod"});
  s.used_by("impl.switch", pod_sw);
  s.used_by("fault.xbar", {"xbar", "pod"});
  s.used_by("fault.source", {"xbar"});
  s.used_by("fault.at_cycle", {"xbar", "llr", "pod", "switch"});
  s.used_by("fault.llr", {"llr", "pod"});
  s.used_by("fault.flow_control", {"incast"});
  s.used_by("fault.ls_port", {"pod"});
  s.used_by("fault.pod", {"pod"});
  s.used_by("fault.switch", {"switch"});
  s.used_by("llr", {"llr", "pod", "switch"});
  s.used_by("link", {"llr", "pod", "switch"});  // the error model: not in the incast
  s.used_by("link.phy", {"llr", "pod", "switch", "link_health"});
  for (const char* k : {"link.gbps", "link.flit_bytes", "link.serdes_ns", "link.fec_ns", "link.cable_m"})
    s.used_by(k, {"llr", "incast", "pod", "switch", "link_health"});
  s.used_by("study", {"link_health"});
  // The link-health study has no cycles: its time is study.duration_ns.
  for (const char* k : {"run.cycles", "run.warmup_cycles", "run.stall_cycles", "run.rtl_init"})
    s.used_by(k, {"xbar", "llr", "incast", "pod", "switch"});
  for (const char* k : {"flow_control", "classes", "pfc", "cbfc"}) s.used_by(k, {"incast", "pod", "switch"});
  s.used_by("cbfc.update_error_rate", {"incast"});
  s.used_by("flow_control.flit_loss_rate", {"incast"});
  s.used_by("endpoint", {"pod"});
  s.used_by("pod", {"pod"});
  s.used_by("fault.plane_down", {"pod"});
  for (const char* k : {"endpoint.stuck_receiver", "endpoint.stuck_at_ns", "endpoint.stuck_for_ns"})
    s.used_by(k, {"incast"});
  s.used_by("endpoint.rx_flits_per_cycle", pod_sw);
  s.used_by("checks", {"pod"});
  s.used_by("energy", {"pod", "switch"});  // the energy model (docs/energy.md)
}

}  // namespace

config_schema run_schema() {
  config_schema s;
  std::vector<std::string> names;
  for (const system_def* d : systems()) names.push_back(d->name);
  s.add(choice_key("system", "", names,
                   "required: what to simulate: pod = N endpoints doing loads and stores through LS ports, links with LLR, flow control and the crossbar (sim-configs/default.yaml); switch = the switch chip alone between N link partners (sim-configs/switch.yaml); xbar = the crossbar alone (sim-configs/xbar.yaml); llr = one link with LLR at both ends (sim-configs/llr.yaml); incast = N-1 senders with flow control into one congested output (sim-configs/incast.yaml); link_health = the PHY/FEC model of many links with the link-health detector beside the SONiC baseline, no traffic (sim-configs/link-health-study.yaml)"));
  common_keys_1(s);
  common_keys_2(s);
  health_keys(s);
  collective_keys(s);
  for (const system_def* d : systems()) d->schema(s);
  rules_1(s);
  rules_2(s);
  rules_3(s);
  used_by(s);
  health_rules(s);
  collective_rules(s);
  group_rules(s);
  return s;
}

}  // namespace sb
