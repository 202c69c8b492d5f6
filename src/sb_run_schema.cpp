#include "sb_run_schema.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <stdexcept>

#include "sb_llr_rtl.h"
#include "sb_ls_rtl.h"
#include "sb_xbar_rtl.h"

namespace sb {

namespace {
// A choice key's value mapped to its enum: every value the schema accepts has
// its entry, and a value without one is a programming error (never a silent
// default). test_run_schema maps every choice of every key.
template <class E>
E choice_of(const config& c, const std::string& key, std::initializer_list<std::pair<const char*, E>> map) {
  const std::string v = c.get_string(key);
  for (const auto& [name, e] : map)
    if (v == name) return e;
  throw std::logic_error("config mapping: " + key + " = '" + v + "' has no mapping");
}

impl_mode impl_of(const config& c, const std::string& key) {
  return choice_of<impl_mode>(c, key, {{"model", impl_mode::model}, {"rtl", impl_mode::rtl}, {"lockstep", impl_mode::lockstep}});
}

std::string below_ports(const config& c, const char* key) {
  const int64_t v = c.get_int(key), n = c.get_int("switch.ports");
  return v < n ? "" : "must be below switch.ports (" + std::to_string(n) + "), got " + std::to_string(v);
}
}  // namespace

config_schema run_schema() {
  config_schema s;
  s.add(choice_key("system", "", {"xbar", "llr", "incast", "pod", "switch"},
                   "required: what to simulate: pod = N endpoints doing loads and stores through LS ports, links with LLR, flow control and the crossbar (sim-configs/default.yaml); switch = the switch chip alone between N link partners (sim-configs/switch.yaml); xbar = the crossbar alone (sim-configs/xbar.yaml); llr = one link with LLR at both ends (sim-configs/llr.yaml); incast = N-1 senders with flow control into one congested output (sim-configs/incast.yaml)"));
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
  s.add(choice_key("impl.xbar", "lockstep", {"model", "rtl", "lockstep"},
                 "crossbar implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(choice_key("fault.xbar", "none", {"none", "corrupt_sig", "drop_flit", "skip_pointer_update"},
                 "TEST ONLY: break the crossbar model on purpose to prove the checkers catch it (corrupt_sig / drop_flit: one flit; skip_pointer_update: pointers frozen from fault.at_cycle on)"));
  s.add(choice_key("fault.source", "none", {"none", "ignore_credits"},
                   "TEST ONLY: sources send without credits, overflowing the queues (the overflow assertions must fire)"));
  s.add(int_key("fault.at_cycle", "100", 0, 1e12, "TEST ONLY: first cycle at which fault.xbar strikes", "cycles"));
  // --- LLR and the link (system: llr) ---
  s.add(real_key("traffic.reverse_load", "-1", -1.0, 1.0,
                 "llr: load offered from end b to end a; -1 = the same as traffic.load", "flits/cycle"));
  s.add(int_key("llr.seq_bits", "12", 4, 20, "sequence number width; numbers wrap at 2^seq_bits", "bits"));
  s.add(int_key("llr.replay_depth", "512", 1, 65536,
                "replay buffer depth (at most 2^(seq_bits-1)); `skybench size` prints the depth a link needs", "flits"));
  s.add(real_key("llr.replay_timer_ns", "1000", 0.01, 1e7,
                 "replay the whole buffer when nothing was acknowledged for this long", "ns"));
  s.add(int_key("llr.max_replays", "3", 1, 255,
                "consecutive replays without progress before the link-error (retrain) state"));
  s.add(int_key("llr.ack_spacing", "16", 1, 65535,
                "cumulative ACK after this many flits (or when the oldest unacknowledged flit is this many cycles old)", "flits"));
  s.add(real_key("llr.retrain_ns", "2000", 0.01, 1e7, "time spent in the link-error (retrain) state", "ns"));
  s.add(real_key("link.gbps", "800", 1.0, 1e5, "line rate of one direction; one flit slot per cycle", "Gb/s"));
  s.add(int_key("link.flit_bytes", "64", 16, 4096, "bytes per flit slot (sets the cycle: 8*flit_bytes/gbps ns)", "B"));
  s.add(real_key("link.serdes_ns", "20", 0.0, 1e6, "SerDes latency, TX + RX, one way", "ns"));
  s.add(real_key("link.fec_ns", "60", 0.0, 1e6, "FEC encode + decode latency, one way", "ns"));
  s.add(real_key("link.cable_m", "2", 0.0, 1e5, "cable length (5 ns/m)", "m"));
  s.add(real_key("link.flit_error_rate", "0", 0.0, 1.0, "probability that a flit slot is corrupted (one bit flipped)"));
  s.add(real_key("link.bit_error_rate", "0", 0.0, 1.0, "bit error rate; adds 1-(1-BER)^(8*flit_bytes) per slot"));
  s.add(real_key("link.burst_rate", "0", 0.0, 1.0, "probability per slot that an error burst starts"));
  s.add(int_key("link.burst_length", "4", 1, 1e6, "slots corrupted by one burst", "flits"));
  s.add(real_key("link.drop_rate", "0", 0.0, 1.0, "probability that a slot vanishes"));
  s.add(real_key("link.ctrl_error_rate", "0", 0.0, 1.0, "probability that an ACK/NACK slot is corrupted"));
  s.add(real_key("link.ctrl_drop_rate", "0", 0.0, 1.0, "probability that an ACK/NACK slot is lost"));
  s.add(real_key("link.down_at_ns", "-1", -1.0, 1e12, "the link goes down (both directions) at this time; -1 = never", "ns"));
  s.add(real_key("link.down_for_ns", "0", 0.0, 1e12, "how long the link stays down", "ns"));
  s.add(choice_key("impl.llr", "lockstep", {"model", "rtl", "lockstep"},
                   "LLR implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(choice_key("fault.llr", "none", {"none", "skip_replay", "no_crc_check", "early_ack"},
                   "TEST ONLY: break the LLR model of end a on purpose from fault.at_cycle on (skip_replay: replays do not rewind; no_crc_check: bad flits delivered; early_ack: ACKs one flit ahead)"));
  // --- flow control (system: incast) ---
  s.add(choice_key("flow_control.mode", "pfc", {"pfc", "cbfc", "none"},
                   "pfc = priority flow control (pause frames); cbfc = credit-based; none = no flow control (lossless classes can drop)"));
  s.add(choice_key("impl.flow_control", "lockstep", {"model", "rtl", "lockstep"},
                   "flow-control implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  for (int c = 0; c < 8; ++c)
    s.add(bool_key("classes." + std::to_string(c) + ".lossless", "true",
                   "class " + std::to_string(c) + " is lossless (paused / credited; a loss fails the run) or best effort (drops are counted)"));
  s.add(string_key("pfc.headroom_bytes", "auto",
                   "buffer above XOFF per lossless class: a number of bytes, or auto = the computed need (`skybench size`)"));
  s.add(int_key("pfc.xoff_bytes", "4096", 64, 1e7, "a lossless class holding this much sends a pause", "B"));
  s.add(int_key("pfc.xon_bytes", "2048", 0, 1e7, "a paused class holding this little or less sends a resume (below xoff)", "B"));
  s.add(real_key("pfc.reaction_ns", "40", 0.0, 1e6, "sender's time from receiving a pause to honouring it", "ns"));
  s.add(int_key("pfc.pause_quanta", "65535", 1, 65535, "pause time sent, in quanta of 512 bit times"));
  s.add(real_key("pfc.refresh_ns", "10000", 1.0, 1e7, "a standing pause is repeated this often", "ns"));
  s.add(real_key("pfc.watchdog_ns", "100000", 1.0, 1e10,
                 "a class paused continuously this long is reported as a PFC storm / deadlock suspect and the run stops", "ns"));
  s.add(int_key("cbfc.credits", "256", 1, 65535, "credits per virtual channel (the receiver's buffer per VC)"));
  s.add(int_key("cbfc.credit_bytes", "64", 16, 4096, "bytes of receiver buffer per credit", "B"));
  s.add(real_key("cbfc.update_min_ns", "5", 0.1, 1e7, "minimum spacing of credit-freed updates of one VC", "ns"));
  s.add(real_key("cbfc.update_max_ns", "2000", 0.2, 1e8, "an update is repeated at least this often (repairs lost updates)", "ns"));
  s.add(real_key("cbfc.sync_ns", "20000", 0.1, 1e9, "credits-consumed synchronisation period", "ns"));
  s.add(real_key("cbfc.update_error_rate", "0", 0.0, 1.0, "probability that a credit-freed update is lost on the link"));
  s.add(real_key("flow_control.flit_loss_rate", "0", 0.0, 1.0,
                 "probability that a data flit is lost on the link to the receiver (the incast has no LLR): "
                 "its credits come back only by the credits-consumed sync"));
  s.add(bool_key("endpoint.stuck_receiver", "false", "incast: the congested output stops draining at endpoint.stuck_at_ns (pause storm)"));
  s.add(real_key("endpoint.stuck_at_ns", "2000", 0.0, 1e12, "when the stuck receiver stops", "ns"));
  s.add(real_key("endpoint.stuck_for_ns", "0", 0.0, 1e12, "how long it stays stuck; 0 = for good (a pause storm)", "ns"));
  s.add(choice_key("fault.flow_control", "none", {"none", "ignore_pause", "ignore_credits"},
                   "TEST ONLY: sender 1 ignores pause frames / credits (broken flow control the checkers must catch)"));
  s.add(choice_key("fault.process", "none", {"none", "segv", "hang"},
                   "TEST ONLY: the run process crashes (segv: SIGSEGV) or hangs forever (hang) after loading the config, to test `skybench regress`"));
  // --- the pod (system: pod): load-store ports, switch pipeline, budget ---
  s.add(choice_key("impl.ls_port", "model", {"model", "rtl", "lockstep"},
                   "LS port initiator implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(int_key("endpoint.max_outstanding", "64", 1, 4096, "tags an LS port may have outstanding (requests wait when all are in use)"));
  s.add(real_key("endpoint.timeout_ns", "20000", 0.0, 1e9, "a transaction without a response this long times out and is reported lost; 0 = never", "ns"));
  s.add(real_key("endpoint.memory_latency_ns", "100", 0.0, 1e6, "memory access latency at the target, request's last flit to response ready", "ns"));
  s.add(real_key("endpoint.memory_bandwidth", "1.0", 0.001, 1.0, "requests the target memory starts per cycle", "requests/cycle"));
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
  s.add(choice_key("checks.latency_budget.metric", "load_store_rtt", {"load_store_rtt", "switch_traversal"},
                   "pod: the latency the budget check applies to"));
  s.add(real_key("checks.latency_budget.percentile", "99.9", 1.0, 100.0, "pod: the percentile that must meet the budget"));
  s.add(real_key("checks.latency_budget.budget_ns", "1000", 1.0, 1e9, "pod: the latency budget", "ns"));
  s.add(choice_key("fault.pod", "none", {"none", "drop_response", "corrupt_data", "bad_dequeue", "late_response", "reorder_requests"},
                   "TEST ONLY: drop_response = one response packet vanishes in the switch at fault.at_cycle; corrupt_data = endpoint 0's memory returns wrong data from then on (the end-to-end scoreboard must catch both); bad_dequeue = at fault.at_cycle endpoint 0 feeds its flow-control receiver a dequeue of an empty class (its model assertion or RTL SVA must fail the run, even in the last cycle); late_response = endpoint 0 holds the first response its target sends from fault.at_cycle on for endpoint.timeout_ns + 1000 cycles (its transaction times out, lost; the late response must be counted checks.lossless.stale_responses, not another transaction's answer; needs endpoint.timeout_ns > 0); reorder_requests = the target of endpoint 0 serves two requests of one source out of arrival order, once from fault.at_cycle on (checks.lossless.reordered)"));
  s.add(choice_key("fault.ls_port", "none", {"none", "reuse_tag", "drop_rsp"},
                   "TEST ONLY: break endpoint 0's LS port model from fault.at_cycle on (reuse_tag: tag 0 handed out while outstanding; drop_rsp: responses ignored)"));
  s.add(bool_key("output.progress", "false", "print progress lines while running"));
  // --- the switch chip (system: switch; docs/switch.md) ---
  s.add(choice_key("impl.switch", "model", {"model", "rtl", "lockstep"},
                   "switch chip implementation (system switch): SystemC model, Verilated sb_switch, or both compared at the pins every cycle"));
  s.add(choice_key("switch.scheduler", "sp", {"sp", "wrr"},
                   "egress class scheduler: sp = strict priority (highest class first), wrr = weighted round robin over switch.wrr_weight.<c>"));
  for (int c = 0; c < 8; ++c)
    s.add(int_key("switch.wrr_weight." + std::to_string(c), "1", 1, 255,
                  "wrr: packets of class " + std::to_string(c) + " per round", "packets"));
  s.add(int_key("switch.ingress_buffer_flits", "0", 0, 65535,
                "ingress buffer per class and port; 0 = what flow control needs (the PFC limit, or the CBFC credits)", "flits"));
  s.add(choice_key("endpoint.class_scheduler", "rr", {"rr", "sp"},
                   "how an endpoint's sender picks between a request packet and a response packet that both wait: rr = alternate by packet; sp = responses first (strict priority: the endpoint's own requests starve while its target is oversubscribed, e.g. the target of an incast, and time out)"));
  s.add(real_key("endpoint.rx_flits_per_cycle", "1.0", 0.01, 1.0,
                 "flits per cycle an endpoint's (a link partner's) receive side drains; below 1 its receiver pauses or withholds credits from the switch's egress"));
  s.add(choice_key("fault.switch", "none", {"none", "egress_drop", "bad_grant", "rtl_corrupt_sig"},
                   "TEST ONLY: egress_drop = the switch model's port 0 discards one class-1 packet leaving its pipeline at fault.at_cycle (the comparator and the scoreboard must catch it); bad_grant = at fault.at_cycle the model's port-0 egress sees a grant of an empty class (its assertion must fail the run, even in the last cycle); rtl_corrupt_sig = from fault.at_cycle the switch RTL's test pin corrupts the payload of port 0's egress (the comparator must catch it)"));

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
    if (c.get_string("system") != "pod" || c.get_string("impl.ls_port") == "model") return "";
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
    const std::string p = c.get_string("traffic.pattern"), sys = c.get_string("system");
    if (sys == "pod" && p == "bursty") return "bursty is not a load-store pattern; use uniform, hotspot, permutation, incast, all_to_all or ring";
    if (sys != "pod" && (p == "all_to_all" || p == "ring")) return p + " is a load-store pattern: system pod only";
    return "";
  });
  s.rule("switch.classes", [](const config& c) -> std::string {
    return c.get_string("system") != "pod" || c.get_int("switch.classes") >= 2
               ? ""
               : "a pod needs 2 classes (requests in 0, responses in 1), got " + std::to_string(c.get_int("switch.classes"));
  });
  s.rule("switch.ports", [](const config& c) -> std::string {
    if (c.get_string("system") != "pod" || c.get_string("impl.xbar") == "model") return "";
    xbar_bench_config b = to_xbar_bench_config(c);
    std::string why;
    if (make_xbar_rtl(b.xbar, &why)) return "";
    return "impl.xbar=" + c.get_string("impl.xbar") + " needs an RTL build: " + why;
  });
  s.rule("switch.ports", [](const config& c) -> std::string {
    if (c.get_string("system") != "xbar" || c.get_string("impl.xbar") == "model") return "";
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
    if ((c.get_string("system") == "llr" || c.get_string("system") == "pod") && c.get_string("impl.llr") != "model" &&
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
  s.rule("cbfc.update_max_ns", [](const config& c) -> std::string {
    return c.get_real("cbfc.update_max_ns") > c.get_real("cbfc.update_min_ns") ? "" : "must be above cbfc.update_min_ns";
  });
  s.rule("cbfc.credits", [](const config& c) -> std::string {
    const int64_t cost = (c.get_int("link.flit_bytes") + c.get_int("cbfc.credit_bytes") - 1) / c.get_int("cbfc.credit_bytes");
    return c.get_int("cbfc.credits") >= cost ? "" : "must be at least the cost of one flit (" + std::to_string(cost) + " credits)";
  });
  s.rule("link.down_for_ns", [](const config& c) -> std::string {
    return c.get_real("link.down_for_ns") > 0 && c.get_real("link.down_at_ns") < 0
               ? "the link never goes down unless link.down_at_ns is set too"
               : "";
  });
  // The chip's own validation (switch_params::validate), reported at the key it names.
  for (const char* k : {"switch.egress_buffer_flits", "switch.ingress_buffer_flits", "switch.pipeline_ns"}) {
    s.rule(k, [k](const config& c) -> std::string {
      const std::string sys = c.get_string("system");
      if (sys != "switch" && sys != "pod") return "";
      const std::string why = to_switch_bench_config(c).sw.validate();
      const std::string pre = std::string(k) + ": ";
      return why.compare(0, pre.size(), pre) == 0 ? why.substr(pre.size()) : "";
    });
  }
  s.rule("fault.switch", [](const config& c) -> std::string {
    if (c.get_string("fault.switch") == "none") return "";
    if (c.get_string("fault.switch") == "rtl_corrupt_sig" && c.get_string("impl.switch") == "model")
      return "rtl_corrupt_sig breaks the RTL: needs impl.switch=rtl or lockstep";
    return "";
  });
  s.rule("fault.pod", [](const config& c) -> std::string {
    const std::string f = c.get_string("fault.pod");
    if (f == "none") return "";
    if (f == "late_response" && c.get_real("endpoint.timeout_ns") <= 0)
      return "late_response holds a response past endpoint.timeout_ns: needs endpoint.timeout_ns > 0";
    return "";
  });
  s.rule("impl.switch", [](const config& c) -> std::string {
    const std::string sys = c.get_string("system");
    if ((sys != "switch" && sys != "pod") || c.get_string("impl.switch") == "model") return "";
    return switch_rtl_fits(to_switch_bench_config(c).sw);
  });
  // Which systems read which keys: a key a system does not read, set in its
  // config, is refused (it would be ignored). The most specific entry wins;
  // keys not listed (run.*, output.*, fault.process) are read by every system.
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
  for (const char* k : {"link.gbps", "link.flit_bytes", "link.serdes_ns", "link.fec_ns", "link.cable_m"})
    s.used_by(k, {"llr", "incast", "pod", "switch"});
  for (const char* k : {"flow_control", "classes", "pfc", "cbfc"}) s.used_by(k, {"incast", "pod", "switch"});
  s.used_by("cbfc.update_error_rate", {"incast"});
  s.used_by("flow_control.flit_loss_rate", {"incast"});
  s.used_by("endpoint", {"pod"});
  for (const char* k : {"endpoint.stuck_receiver", "endpoint.stuck_at_ns", "endpoint.stuck_for_ns"})
    s.used_by(k, {"incast"});
  s.used_by("endpoint.rx_flits_per_cycle", pod_sw);
  s.used_by("checks", {"pod"});
  return s;
}

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
  const std::string pat = c.get_string("traffic.pattern");
  if (pat != "all_to_all" && pat != "ring") b.traffic.pattern = parse_pattern(pat);
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

llr_bench_config to_llr_bench_config(const config& c) {
  llr_bench_config b;
  link_params& l = b.link;
  l.gbps = c.get_real("link.gbps");
  l.flit_bytes = int(c.get_int("link.flit_bytes"));
  l.serdes_ns = c.get_real("link.serdes_ns");
  l.fec_ns = c.get_real("link.fec_ns");
  l.cable_m = c.get_real("link.cable_m");
  l.flit_error_rate = c.get_real("link.flit_error_rate");
  l.bit_error_rate = c.get_real("link.bit_error_rate");
  l.burst_rate = c.get_real("link.burst_rate");
  l.burst_length = int(c.get_int("link.burst_length"));
  l.drop_rate = c.get_real("link.drop_rate");
  l.ctrl_error_rate = c.get_real("link.ctrl_error_rate");
  l.ctrl_drop_rate = c.get_real("link.ctrl_drop_rate");
  l.down_at_ns = c.get_real("link.down_at_ns");
  l.down_for_ns = c.get_real("link.down_for_ns");
  const double cyc = l.cycle_ns();
  auto cycles = [&](const char* k) { return uint32_t(std::max(1.0, std::ceil(c.get_real(k) / cyc - 1e-9))); };
  llr_params& p = b.llr;
  p.seq_bits = int(c.get_int("llr.seq_bits"));
  p.depth = int(c.get_int("llr.replay_depth"));
  p.timer = cycles("llr.replay_timer_ns");
  p.max_replays = int(c.get_int("llr.max_replays"));
  p.ack_spacing = int(c.get_int("llr.ack_spacing"));
  p.retrain = cycles("llr.retrain_ns");
  b.impl = impl_of(c, "impl.llr");
  p.max_depth = b.impl == impl_mode::model ? 65536 : llr_rtl_max_depth();
  b.load[0] = c.get_real("traffic.load");
  const double rev = c.get_real("traffic.reverse_load");
  b.load[1] = rev < 0 ? b.load[0] : rev;
  b.cycles = uint64_t(c.get_int("run.cycles"));
  b.warmup = uint64_t(c.get_int("run.warmup_cycles"));
  b.seed = uint64_t(c.get_int("run.seed"));
  b.stall_cycles = uint64_t(c.get_int("run.stall_cycles"));
  b.fault = choice_of<llr_fault>(c, "fault.llr",
                                 {{"none", llr_fault::none},
                                  {"skip_replay", llr_fault::skip_replay},
                                  {"no_crc_check", llr_fault::no_crc_check},
                                  {"early_ack", llr_fault::early_ack}});
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.progress = c.get_bool("output.progress");
  return b;
}

namespace {
link_params link_of(const config& c) {
  link_params l;
  l.gbps = c.get_real("link.gbps");
  l.flit_bytes = int(c.get_int("link.flit_bytes"));
  l.serdes_ns = c.get_real("link.serdes_ns");
  l.fec_ns = c.get_real("link.fec_ns");
  l.cable_m = c.get_real("link.cable_m");
  return l;
}
}  // namespace

pfc_headroom pfc_headroom_of(const config& c) {
  const link_params l = link_of(c);
  pfc_headroom h;
  h.cycle_ns = l.cycle_ns();
  h.one_way_cycles = l.delay_cycles();
  h.reaction_cycles = uint32_t(std::ceil(c.get_real("pfc.reaction_ns") / h.cycle_ns - 1e-9));
  h.packet_flits = uint32_t(c.get_int("traffic.packet_flits"));
  h.needed_flits = pfc_headroom_flits(h.one_way_cycles, h.reaction_cycles, h.packet_flits);
  h.flit_bytes = uint32_t(l.flit_bytes);
  const std::string v = c.get_string("pfc.headroom_bytes");
  h.configured_flits = v == "auto" ? h.needed_flits
                                   : uint32_t((std::strtoull(v.c_str(), nullptr, 10) + h.flit_bytes - 1) / h.flit_bytes);
  return h;
}

incast_bench_config to_incast_bench_config(const config& c) {
  incast_bench_config b;
  b.link = link_of(c);
  const double cyc = b.link.cycle_ns();
  auto cycles = [&](double ns) { return uint32_t(std::max(1.0, std::ceil(ns / cyc - 1e-9))); };
  auto flits = [&](int64_t bytes) { return uint32_t((bytes + b.link.flit_bytes - 1) / b.link.flit_bytes); };
  b.ports = int(c.get_int("switch.ports"));
  b.classes = int(c.get_int("switch.classes"));
  b.lossless = 0;
  for (int k = 0; k < b.classes; ++k)
    if (c.get_bool("classes." + std::to_string(k) + ".lossless")) b.lossless |= uint8_t(1u << k);
  fc_cfgs& f = b.fc;
  f.mode = choice_of<fc_mode>(c, "flow_control.mode", {{"pfc", fc_mode::pfc}, {"cbfc", fc_mode::cbfc}, {"none", fc_mode::none}});
  const pfc_headroom h = pfc_headroom_of(c);
  f.pfc_rx.classes = uint8_t(b.classes);
  f.pfc_rx.lossless = f.mode == fc_mode::pfc ? b.lossless : 0;  // mode none: never pause
  f.pfc_rx.xoff = uint16_t(flits(c.get_int("pfc.xoff_bytes")));
  f.pfc_rx.xon = uint16_t(std::min<uint32_t>(flits(c.get_int("pfc.xon_bytes")), f.pfc_rx.xoff - 1u));
  f.pfc_rx.limit = uint16_t(std::min<uint32_t>(65535, f.pfc_rx.xoff + h.configured_flits));
  f.pfc_rx.pause_time = uint16_t(c.get_int("pfc.pause_quanta"));
  f.pfc_rx.refresh = uint16_t(std::min<uint32_t>(65535, cycles(c.get_real("pfc.refresh_ns"))));
  f.pfc_tx.classes = uint8_t(b.classes);
  f.pfc_tx.flit_bytes = uint16_t(b.link.flit_bytes);
  f.pfc_tx.reaction = uint16_t(h.reaction_cycles);
  f.pfc_tx.watchdog = std::min<uint32_t>(0xFFFFFF, std::max<uint32_t>(2, cycles(c.get_real("pfc.watchdog_ns"))));
  const uint32_t cost = uint32_t((b.link.flit_bytes + c.get_int("cbfc.credit_bytes") - 1) / c.get_int("cbfc.credit_bytes"));
  f.cbfc.classes = uint8_t(b.classes);
  f.cbfc.limit = uint16_t(c.get_int("cbfc.credits"));
  f.cbfc.cost = uint8_t(std::min<uint32_t>(255, cost));
  f.cbfc.min_spacing = uint16_t(std::min<uint32_t>(65535, cycles(c.get_real("cbfc.update_min_ns"))));
  f.cbfc.max_spacing = std::min<uint32_t>(0xFFFFFF, std::max<uint32_t>(f.cbfc.min_spacing + 1u, cycles(c.get_real("cbfc.update_max_ns"))));
  f.cbfc.cc_period = std::min<uint32_t>(0xFFFFFF, cycles(c.get_real("cbfc.sync_ns")));
  b.impl = impl_of(c, "impl.flow_control");
  b.load = c.get_real("traffic.load");
  b.packet_flits = int(c.get_int("traffic.packet_flits"));
  b.drain_rate = c.get_real("traffic.sink_rate");
  b.update_error_rate = c.get_real("cbfc.update_error_rate");
  b.flit_loss_rate = c.get_real("flow_control.flit_loss_rate");
  b.stuck_receiver = c.get_bool("endpoint.stuck_receiver");
  b.stuck_at_cycle = uint64_t(std::ceil(c.get_real("endpoint.stuck_at_ns") / cyc - 1e-9));
  b.stuck_for_cycles = uint64_t(std::ceil(c.get_real("endpoint.stuck_for_ns") / cyc - 1e-9));
  b.fault = choice_of<fc_fault>(c, "fault.flow_control",
                                {{"none", fc_fault::none},
                                 {"ignore_pause", fc_fault::ignore_pause},
                                 {"ignore_credits", fc_fault::ignore_credits}});
  b.cycles = uint64_t(c.get_int("run.cycles"));
  b.warmup = uint64_t(c.get_int("run.warmup_cycles"));
  b.seed = uint64_t(c.get_int("run.seed"));
  b.stall_cycles = uint64_t(c.get_int("run.stall_cycles"));
  b.progress = c.get_bool("output.progress");
  return b;
}

}  // namespace sb

namespace sb {

namespace {
// The flow control of a switch's ports (both directions): the incast's
// configuration, with the PFC headroom over LLR (docs/pod.md).
fc_cfgs switch_fc_of(const config& c, const llr_params& llr) {
  fc_cfgs f = to_incast_bench_config(c).fc;
  if (c.get_string("pfc.headroom_bytes") == "auto")
    f.pfc_rx.limit = uint16_t(std::min<uint32_t>(65535, uint32_t(f.pfc_rx.limit) + uint32_t(llr.depth)));
  return f;
}
}  // namespace

switch_bench_config to_switch_bench_config(const config& c) {
  switch_bench_config b;
  const llr_bench_config l = to_llr_bench_config(c);
  const xbar_bench_config x = to_xbar_bench_config(c);
  const incast_bench_config ic = to_incast_bench_config(c);
  b.link = l.link;
  switch_params& s = b.sw;
  s.ports = x.xbar.ports;
  s.xbar = x.xbar;
  s.llr = l.llr;
  s.llr.max_depth = 65536;
  s.fc = switch_fc_of(c, s.llr);
  s.lossless = ic.lossless;
  const double cyc = b.link.cycle_ns();
  s.pipeline = std::max<uint32_t>(1, uint32_t(std::ceil(c.get_real("switch.pipeline_ns") / cyc - 1e-9)));
  s.egress_cap = uint32_t(c.get_int("switch.egress_buffer_flits"));
  const uint32_t fc_need = s.fc.mode == fc_mode::cbfc ? (s.fc.cbfc.limit + s.fc.cbfc.cost - 1u) / s.fc.cbfc.cost
                                                      : uint32_t(s.fc.pfc_rx.limit);
  s.ingress_cap = c.get_int("switch.ingress_buffer_flits") ? uint32_t(c.get_int("switch.ingress_buffer_flits")) : fc_need;
  s.wrr = choice_of<bool>(c, "switch.scheduler", {{"sp", false}, {"wrr", true}});
  s.max_packet_flits = uint32_t(c.get_int("traffic.packet_flits"));
  for (int k = 0; k < 8; ++k) s.weights[size_t(k)] = uint8_t(c.get_int("switch.wrr_weight." + std::to_string(k)));
  b.traffic = x.traffic;
  b.rx_rate = c.get_real("endpoint.rx_flits_per_cycle");
  b.impl = impl_of(c, "impl.switch");
  b.cycles = uint64_t(c.get_int("run.cycles"));
  b.warmup = uint64_t(c.get_int("run.warmup_cycles"));
  b.seed = uint64_t(c.get_int("run.seed"));
  const uint64_t llr_recovery = uint64_t(s.llr.timer) * uint64_t(s.llr.max_replays + 1) + s.llr.retrain +
                                uint64_t(std::ceil(std::max(0.0, b.link.down_for_ns) / cyc)) + 8ull * b.link.delay_cycles();
  b.stall_cycles = std::max<uint64_t>(uint64_t(c.get_int("run.stall_cycles")), llr_recovery + 1000);
  b.fault = choice_of<switch_fault>(c, "fault.switch",
                                    {{"none", switch_fault::none},
                                     {"egress_drop", switch_fault::egress_drop},
                                     {"bad_grant", switch_fault::bad_grant},
                                     {"rtl_corrupt_sig", switch_fault::rtl_corrupt_sig}});
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.progress = c.get_bool("output.progress");
  return b;
}

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
  const std::string sz = c.get_string("traffic.size_bytes");
  t.size_flits = sz == "mixed" ? 0 : std::stoi(sz) / 64;
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
  auto impl = [&](const char* k) { return impl_of(c, k); };
  b.impl_xbar = impl("impl.xbar");
  b.impl_llr = impl("impl.llr");
  b.impl_fc = impl("impl.flow_control");
  b.impl_ls = impl("impl.ls_port");
  b.impl_switch = impl("impl.switch");
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
                                       llr_recovery + 1000});
  b.xbar_fault_kind = to_xbar_bench_config(c).fault;
  b.llr_fault_kind = l.fault;
  b.ls_fault_kind = choice_of<ls_fault>(
      c, "fault.ls_port", {{"none", ls_fault::none}, {"reuse_tag", ls_fault::reuse_tag}, {"drop_rsp", ls_fault::drop_rsp}});
  b.fault = choice_of<pod_fault>(c, "fault.pod",
                                 {{"none", pod_fault::none},
                                  {"drop_response", pod_fault::drop_response},
                                  {"corrupt_data", pod_fault::corrupt_data},
                                  {"bad_dequeue", pod_fault::bad_dequeue},
                                  {"late_response", pod_fault::late_response},
                                  {"reorder_requests", pod_fault::reorder_requests}});
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.progress = c.get_bool("output.progress");
  return b;
}

}  // namespace sb
