// System `incast`: N-1 senders with flow control into one congested output (sim-configs/incast.yaml)
// (the registry: sb_system.h).
#include "sb_system.h"
#include "sb_system_print.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sb {
namespace {

// The keys only this system owns.
void incast_keys(config_schema& s) {
  s.add(choice_key("flow_control.mode", "pfc", {"pfc", "cbfc", "none"},
                   "pfc = priority flow control (pause frames); cbfc = credit-based; none = no flow control (lossless classes can drop)"));
  s.add(choice_key("impl.flow_control", "lockstep", {"model", "rtl", "lockstep"},
                   "flow-control implementation: SystemC model, Verilated RTL, or both compared every cycle"));
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
}

void print_incast_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& lp = r["latency"]["packet"];
  const auto& cfg = r["config"];
  const std::string mode = cfg["flow_control"]["mode"].get<std::string>();
  std::printf("skybench: incast %s, flow control %s, %d senders -> 1 output draining %.2f flits/cycle, %d classes, seed %llu\n",
              cfg["impl"]["flow_control"].get<std::string>().c_str(), mode.c_str(), int(cfg["switch"]["ports"]) - 1,
              double(cfg["traffic"]["sink_rate"]), int(cfg["switch"]["classes"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  print_verdict(r);
  if (cs["enabled"].get<bool>()) {
    std::printf("  cosim       %llu cycles compared (%llu port-cycles), %llu mismatches\n",
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(),
                (unsigned long long)cs["compared_port_cycles"].get<uint64_t>(), (unsigned long long)cs["mismatches"].get<uint64_t>());
    print_mismatch(cs);
  }
  std::printf("  lossless    %llu flits of lossless classes, delivered %llu, lost %llu, reordered %llu; best-effort drops %llu\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["reordered"].get<uint64_t>(),
              (unsigned long long)ll["best_effort_drops"].get<uint64_t>());
  print_first_error(ll);
  if (r.contains("pfc")) {
    const auto& p = r["pfc"];
    std::printf("  pfc         %llu pause frames, headroom %llu flits (needed %llu), %llu headroom violations, %llu storms\n",
                (unsigned long long)p["pause_frames_sent"].get<uint64_t>(), (unsigned long long)p["headroom_flits"].get<uint64_t>(),
                (unsigned long long)p["headroom_needed_flits"].get<uint64_t>(),
                (unsigned long long)p["headroom_violations"].get<uint64_t>(), (unsigned long long)p["storm_events"].get<uint64_t>());
    for (const auto& st : p["storms"])
      std::printf("  STORM       port %d class %d paused past pfc.watchdog_ns (cycle %llu): stuck receiver or deadlock suspect\n",
                  int(st["port"]), int(st["class"]), (unsigned long long)st["cycle"].get<uint64_t>());
  } else {
    const auto& c = r["cbfc"];
    std::printf("  cbfc        %llu credit stalls, %llu updates sent, %llu lost, %llu credits recovered, %llu overflows\n",
                (unsigned long long)c["credit_stalls"].get<uint64_t>(), (unsigned long long)c["updates_sent"].get<uint64_t>(),
                (unsigned long long)c["updates_lost"].get<uint64_t>(), (unsigned long long)c["credits_recovered"].get<uint64_t>(),
                (unsigned long long)c["overflows"].get<uint64_t>());
  }
  print_packet_latency(lp);
  std::printf("  throughput  output %.3f flits/cycle (drain rate %.3f)\n", double(r["throughput"]["accepted"]),
              double(r["throughput"]["drain_rate"]));
  print_speed_and_report(r, report_path);
}

prepared_run prepare_incast(const config& c) {
  incast_bench_config b = to_incast_bench_config(c);
  return {b.impl != impl_mode::model, [b, c](const run_request& q) mutable {
            b.out_dir = q.out_dir;
            b.wave_path = q.wave_path;
            if (!q.quiet) print_pfc_headroom(c, stderr, false);
            return run_incast_bench(b);
          }};
}

}  // namespace

link_params link_of(const config& c) {
  link_params l;
  l.gbps = c.get_real("link.gbps");
  l.flit_bytes = int(c.get_int("link.flit_bytes"));
  l.serdes_ns = c.get_real("link.serdes_ns");
  l.fec_ns = c.get_real("link.fec_ns");
  l.cable_m = c.get_real("link.cable_m");
  return l;
}

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

fc_mode fc_mode_of(const config& c) {
  return choice_of<fc_mode>(c, "flow_control.mode", {{"pfc", fc_mode::pfc}, {"cbfc", fc_mode::cbfc}, {"none", fc_mode::none}});
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
  f.mode = fc_mode_of(c);
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

const system_def& incast_system() {
  static const system_def d{"incast", incast_keys, "impl.flow_control", prepare_incast, print_incast_summary};
  return d;
}

}  // namespace sb
