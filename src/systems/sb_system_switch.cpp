// System `switch`: the switch chip alone between N link partners (sim-configs/switch.yaml)
// (the registry: sb_system.h).
#include "sb_energy_keys.h"
#include "sb_system.h"
#include "sb_system_print.h"

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

// The keys only this system owns.
void switch_keys(config_schema& s) {
  s.add(choice_key("impl.switch", "model", {"model", "rtl", "lockstep"},
                   "switch chip implementation (system switch): SystemC model, Verilated sb_switch, or both compared at the pins every cycle"));
  s.add(real_key("endpoint.rx_flits_per_cycle", "1.0", 0.01, 1.0,
                 "flits per cycle an endpoint's (a link partner's) receive side drains; below 1 its receiver pauses or withholds credits from the switch's egress"));
  s.add(choice_key("fault.switch", "none", {"none", "egress_drop", "bad_grant", "rtl_corrupt_sig"},
                   "TEST ONLY: egress_drop = the switch model's port 0 discards one class-1 packet leaving its pipeline at fault.at_cycle (the comparator and the scoreboard must catch it); bad_grant = at fault.at_cycle the model's port-0 egress sees a grant of an empty class (its assertion must fail the run, even in the last cycle); rtl_corrupt_sig = from fault.at_cycle the switch RTL's test pin corrupts the payload of port 0's egress (the comparator must catch it)"));
}

void print_switch_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& cfg = r["config"];
  const auto& sw = r["switch"];
  const auto& lp = r["latency"]["packet"];
  std::printf("skybench: switch %s, %d ports, %s, %s scheduler; %s load %.2f, %d-flit packets, flit errors %g, seed %llu\n",
              cfg["impl"]["switch"].get<std::string>().c_str(), int(sw["ports"]), sw["flow_control"].get<std::string>().c_str(),
              sw["scheduler"].get<std::string>().c_str(), cfg["traffic"]["pattern"].get<std::string>().c_str(),
              double(cfg["traffic"]["load"]), int(cfg["traffic"]["packet_flits"]), double(cfg["link"]["flit_error_rate"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  print_verdict(r);
  if (cs["enabled"].get<bool>()) {
    print_cosim_ports(cs, "switch pins: ");
    print_mismatch(cs);
  } else {
    std::printf("  cosim       off (impl.switch=%s)\n", cfg["impl"]["switch"].get<std::string>().c_str());
  }
  print_lossless_packets(ll);
  print_packet_latency(lp);
  print_throughput_port(r);
  std::printf("  links       %llu faults injected, replays %llu at the switch, %llu at the partners\n",
              (unsigned long long)sw["link_faults_injected"].get<uint64_t>(),
              (unsigned long long)sw["llr_replays_switch"].get<uint64_t>(),
              (unsigned long long)sw["llr_replays_partners"].get<uint64_t>());
  if (sw["flow_control"] == "pfc")
    std::printf("  pfc         %llu pause frames sent, %llu received (egress)\n",
                (unsigned long long)sw["pfc_pause_frames_sent"].get<uint64_t>(),
                (unsigned long long)sw["pfc_pause_frames_received"].get<uint64_t>());
  else
    std::printf("  cbfc        %llu egress credit-stall cycles\n", (unsigned long long)sw["cbfc_egress_credit_stalls"].get<uint64_t>());
  print_energy_line(r);
  print_speed_and_report(r, report_path);
}

prepared_run prepare_switch(const config& c) {
  switch_bench_config b = to_switch_bench_config(c);
  return {b.impl != impl_mode::model, [b](const run_request& q) mutable {
            b.out_dir = q.out_dir;
            b.wave_path = q.wave_path;
            return run_switch_bench(b);
          }};
}

}  // namespace

namespace {
// The flow control of a switch's ports (both directions): the incast's
// configuration, with the PFC headroom over LLR (docs/pod.md).
fc_cfgs switch_fc_of(const config& c, const llr_params& llr) {
  fc_cfgs f = to_incast_bench_config(c).fc;
  if (c.get_string("pfc.headroom_bytes") == "auto")  // a string key (auto or a number), not a choice
    f.pfc_rx.limit = uint16_t(std::min<uint32_t>(65535, uint32_t(f.pfc_rx.limit) + uint32_t(llr.depth)));
  return f;
}
}  // namespace

switch_fault switch_fault_of(const config& c) {
  return choice_of<switch_fault>(c, "fault.switch",
                                    {{"none", switch_fault::none},
                                     {"egress_drop", switch_fault::egress_drop},
                                     {"bad_grant", switch_fault::bad_grant},
                                     {"rtl_corrupt_sig", switch_fault::rtl_corrupt_sig}});
}

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
  b.fault = switch_fault_of(c);
  b.fault_cycle = uint64_t(c.get_int("fault.at_cycle"));
  b.progress = c.get_bool("output.progress");
  b.energy = energy_params_of(c);
  return b;
}

const system_def& switch_system() {
  static const system_def d{"switch", switch_keys, "impl.switch", prepare_switch, print_switch_summary};
  return d;
}

}  // namespace sb
