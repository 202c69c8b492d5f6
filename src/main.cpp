// skybench command line: run a simulation, validate or list configuration.
// Exit status: 0 every check passed, 1 a check failed, 2 bad input (nothing ran).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <systemc>
#include <vector>

#include "sb_run_schema.h"
#include "sb_switch_rtl.h"
#include "sb_llr_rtl.h"
#include "sb_regress.h"
#include "sb_rtl_coverage.h"
#include "sb_rtl_init.h"
#include "sb_xbar_rtl.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr const char* kVersion = "0.1.0";

int usage_error(const std::string& msg) {
  std::cerr << "skybench: error: " << msg << "\n(see 'skybench --help')\n";
  return 2;
}

void print_help() {
  std::cout << "skybench " << kVersion
            << " - cycle-accurate scale-up switch model and RTL verification bench\n\n"
               "usage:\n"
               "  skybench run CONFIG.yaml [--set key=value]... [--seed N] [--cycles N] [--out DIR] [--wave]\n"
               "  skybench config CONFIG.yaml [--set key=value]...   validate and print the effective config\n"
               "  skybench config --list                             every key: type, default, range, meaning\n"
               "  skybench size CONFIG.yaml [--set key=value]...     link sizing: LLR replay depth, PFC headroom, CBFC credits\n"
               "  skybench info                                      RTL builds compiled into this binary\n"
               "  skybench regress FILE.yaml --out DIR [-j N] [--filter RE] [--rerun-failed DIR] [--list]\n"
               "                                                     run a regression (docs/regressions.md)\n"
               "  skybench sweep CONFIG.yaml --param key=v1,v2,... --out DIR [--seeds N] [-j N]\n"
               "                                                     parameter sweep run as a regression; sweep.csv, curves\n"
               "  skybench report DIR [--out HTML]                   HTML page with PNG plots of a run or regression folder\n\n"
               "exit status: 0 all checks pass, 1 a check failed, 2 bad input (nothing ran)\n";
}

std::string fmt(double v, int prec = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

// Summary lines every system prints: the verdict and the checks that failed;
// the speed and where the report is.
void print_verdict(const nlohmann::json& r) {
  std::printf("  verdict     %s\n", r["verdict"] == "pass" ? "PASS" : "FAIL");
  for (auto& [name, c] : r["checks"].items())
    if (!c["pass"].get<bool>()) std::printf("  FAILED      checks.%s\n", name.c_str());
}

void print_speed_and_report(const nlohmann::json& r, const std::string& report_path) {
  std::printf("  speed       %llu cycles in %.2f s = %.0f cycles/s\n", (unsigned long long)r["sim"]["cycles"].get<uint64_t>(),
              double(r["sim"]["wall_s"]), double(r["sim"]["cycles_per_s"]));
  std::printf("  report      %s\n", report_path.c_str());
}

// The first lockstep mismatch (and its waveform), when there is one.
void print_mismatch(const nlohmann::json& cs) {
  if (cs["first_mismatch"].is_null()) return;
  const auto& m = cs["first_mismatch"];
  std::printf("  mismatch    cycle %llu, block %s, port %d, %s.%s: model %s, rtl %s\n",
              (unsigned long long)m["cycle"].get<uint64_t>(), m["block"].get<std::string>().c_str(), int(m["port"]),
              m["signal"].get<std::string>().c_str(), m["field"].get<std::string>().c_str(),
              m["model"].get<std::string>().c_str(), m["rtl"].get<std::string>().c_str());
  if (cs.contains("wave")) std::printf("  waveform    %s\n", cs["wave"].get<std::string>().c_str());
}

void print_summary(const nlohmann::json& r, const std::string& report_path) {
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
    std::printf("  cosim       %llu cycles compared (%llu port-cycles), %llu mismatches\n",
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(),
                (unsigned long long)cs["compared_port_cycles"].get<uint64_t>(),
                (unsigned long long)cs["mismatches"].get<uint64_t>());
    print_mismatch(cs);
  } else {
    std::printf("  cosim       off (impl.xbar=%s)\n", cfg["impl"]["xbar"].get<std::string>().c_str());
  }
  std::printf("  lossless    injected %llu, delivered %llu, lost %llu, duplicated %llu, reordered %llu, corrupted %llu packets\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["reordered"].get<uint64_t>(), (unsigned long long)ll["corrupted"].get<uint64_t>());
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
  std::printf("  latency     packet p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu packets)\n",
              fmt(lp["p50"]).c_str(), fmt(lp["p99"]).c_str(), fmt(lp["p999"]).c_str(), fmt(lp["max"]).c_str(),
              (unsigned long long)lp["count"].get<uint64_t>());
  std::printf("              switch p50 %s ns, p99 %s ns, p99.9 %s ns\n", fmt(ls["p50"]).c_str(),
              fmt(ls["p99"]).c_str(), fmt(ls["p999"]).c_str());
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/port\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
  print_speed_and_report(r, report_path);
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
    std::printf("  cosim       switch pins: %llu cycles compared (%llu port-cycles), %llu mismatches\n",
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(),
                (unsigned long long)cs["compared_port_cycles"].get<uint64_t>(),
                (unsigned long long)cs["mismatches"].get<uint64_t>());
    print_mismatch(cs);
  } else {
    std::printf("  cosim       off (impl.switch=%s)\n", cfg["impl"]["switch"].get<std::string>().c_str());
  }
  std::printf("  lossless    injected %llu, delivered %llu, lost %llu, duplicated %llu, reordered %llu, corrupted %llu packets\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["reordered"].get<uint64_t>(), (unsigned long long)ll["corrupted"].get<uint64_t>());
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
  std::printf("  latency     packet p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu packets)\n", fmt(lp["p50"]).c_str(),
              fmt(lp["p99"]).c_str(), fmt(lp["p999"]).c_str(), fmt(lp["max"]).c_str(),
              (unsigned long long)lp["count"].get<uint64_t>());
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/port\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
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
  print_speed_and_report(r, report_path);
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
  std::printf("skybench: pod, %d endpoints, switch %s, xbar %s, llr %s, %s %s, ls_port %s; %s %s load %.2f, seed %llu\n",
              int(cfg["switch"]["ports"]), im["switch"].get<std::string>().c_str(), im["xbar"].get<std::string>().c_str(),
              im["llr"].get<std::string>().c_str(),
              cfg["flow_control"]["mode"].get<std::string>().c_str(), im["flow_control"].get<std::string>().c_str(),
              im["ls_port"].get<std::string>().c_str(), cfg["traffic"]["pattern"].get<std::string>().c_str(),
              cfg["traffic"]["mode"].get<std::string>().c_str(), double(cfg["traffic"]["load"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
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
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
  std::printf("  load-store  round trip p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu transactions)\n",
              fmt(rt["p50"]).c_str(), fmt(rt["p99"]).c_str(), fmt(rt["p999"]).c_str(), fmt(rt["max"]).c_str(),
              (unsigned long long)rt["count"].get<uint64_t>());
  std::printf("  budget      %s p%s %.1f ns <= %.0f ns: %s\n", lb["metric"].get<std::string>().c_str(),
              fmt(lb["percentile"]).c_str(), double(lb["measured_ns"]), double(lb["budget_ns"]),
              lb["pass"].get<bool>() ? "met" : "MISSED");
  std::printf("  switch      traversal p50 %s ns, p99 %s ns, p99.9 %s ns\n", fmt(sw["p50"]).c_str(), fmt(sw["p99"]).c_str(),
              fmt(sw["p999"]).c_str());
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/link\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
  const auto& l = r["llr"];
  std::printf("  llr         %llu link faults, %llu CRC errors, %llu replays (%llu flits)\n",
              (unsigned long long)l["link_faults_injected"].get<uint64_t>(), (unsigned long long)l["crc_errors"].get<uint64_t>(),
              (unsigned long long)l["replays"].get<uint64_t>(), (unsigned long long)l["replayed_flits"].get<uint64_t>());
  if (r.contains("pfc"))
    std::printf("  pfc         %llu pause frames, %llu paused class-cycles\n",
                (unsigned long long)r["pfc"]["pause_frames_sent"].get<uint64_t>(),
                (unsigned long long)r["pfc"]["paused_cycles"].get<uint64_t>());
  else
    std::printf("  cbfc        %llu credit updates, %llu credit-stall cycles\n", (unsigned long long)r["cbfc"]["updates"].get<uint64_t>(),
                (unsigned long long)r["cbfc"]["credit_stalls"].get<uint64_t>());
  print_speed_and_report(r, report_path);
}

void print_llr_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& lat = r["latency"]["link"];
  const auto& cfg = r["config"];
  const auto& l = r["llr"];
  std::printf("skybench: link with LLR %s, %.0f Gb/s, %d B flits, %.1f m, replay depth %d, seq %d bits, seed %llu\n",
              cfg["impl"]["llr"].get<std::string>().c_str(), double(cfg["link"]["gbps"]), int(cfg["link"]["flit_bytes"]),
              double(cfg["link"]["cable_m"]), int(cfg["llr"]["replay_depth"]), int(cfg["llr"]["seq_bits"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  print_verdict(r);
  if (cs["enabled"].get<bool>()) {
    std::printf("  cosim       %llu cycles compared (both ends), %llu mismatches\n",
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(), (unsigned long long)cs["mismatches"].get<uint64_t>());
    if (!cs["first_mismatch"].is_null()) {
      const auto& m = cs["first_mismatch"];
      std::printf("  mismatch    cycle %llu, block llr, end %s, %s.%s: model %s, rtl %s\n",
                  (unsigned long long)m["cycle"].get<uint64_t>(), m["end"].get<std::string>().c_str(),
                  m["signal"].get<std::string>().c_str(), m["field"].get<std::string>().c_str(),
                  m["model"].get<std::string>().c_str(), m["rtl"].get<std::string>().c_str());
      if (cs.contains("wave")) std::printf("  waveform    %s\n", cs["wave"].get<std::string>().c_str());
    }
  } else {
    std::printf("  cosim       off (impl.llr=%s)\n", cfg["impl"]["llr"].get<std::string>().c_str());
  }
  std::printf("  lossless    offered %llu, delivered %llu, lost %llu, duplicated %llu, corrupted %llu flits\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["corrupted"].get<uint64_t>());
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
  std::printf("  retries     %llu CRC errors, %llu NACKs, %llu replays (%llu by timer), %llu flits replayed, %llu link errors\n",
              (unsigned long long)l["crc_errors"].get<uint64_t>(), (unsigned long long)l["naks_sent"].get<uint64_t>(),
              (unsigned long long)l["replays"].get<uint64_t>(), (unsigned long long)l["timer_replays"].get<uint64_t>(),
              (unsigned long long)l["replayed_flits"].get<uint64_t>(),
              (unsigned long long)l["link_error_events"].get<uint64_t>());
  std::printf("  buffer      max occupancy %llu of %d flits (needed for full rate: %llu), round trip %llu cycles\n",
              (unsigned long long)l["max_replay_occupancy"].get<uint64_t>(), int(cfg["llr"]["replay_depth"]),
              (unsigned long long)l["sizing"]["depth_needed"].get<uint64_t>(),
              (unsigned long long)l["round_trip_cycles"].get<uint64_t>());
  std::printf("  latency     link p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu flits)\n", fmt(lat["p50"]).c_str(),
              fmt(lat["p99"]).c_str(), fmt(lat["p999"]).c_str(), fmt(lat["max"]).c_str(),
              (unsigned long long)lat["count"].get<uint64_t>());
  std::printf("  goodput     %.4f (delivered / offered)\n", double(l["goodput"]));
  print_speed_and_report(r, report_path);
}

// The LLR sizing line (docs/llr.md "Sizing"), and a warning when the
// configured replay buffer is smaller than a full-rate link needs.
void print_llr_sizing(const sb::llr_bench_config& b, FILE* to, bool always) {
  const sb::llr_sizing z = sb::llr_size(b.link, b.llr.ack_spacing);
  if (always)
    std::fprintf(to,
                 "LLR sizing: %.0f Gb/s, %d B flits (%.3f ns/cycle), one way %.1f ns = %u cycles\n"
                 "  round trip (accept to ACK processed) 2*%u+4 = %u cycles = %.1f ns\n"
                 "  replay depth needed for full rate    %u + ack_spacing %d = %u flits (%u B)\n"
                 "  configured llr.replay_depth          %d flits%s\n",
                 b.link.gbps, b.link.flit_bytes, z.cycle_ns, b.link.one_way_ns(), z.one_way_cycles, z.one_way_cycles,
                 z.round_trip_cycles, z.round_trip_cycles * z.cycle_ns, z.round_trip_cycles, b.llr.ack_spacing,
                 z.depth_needed, z.depth_needed * uint32_t(b.link.flit_bytes), b.llr.depth,
                 uint32_t(b.llr.depth) < z.depth_needed ? " (UNDERSIZED: the link cannot run at full rate)" : "");
  else if (uint32_t(b.llr.depth) < z.depth_needed)
    std::fprintf(to,
                 "skybench: warning: llr.replay_depth=%d is below the %u flits a full-rate link needs "
                 "(round trip %u cycles + ack_spacing %d); expect backpressure and goodput < 1 at high load\n",
                 b.llr.depth, z.depth_needed, z.round_trip_cycles, b.llr.ack_spacing);
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
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
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
  std::printf("  latency     packet p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu packets)\n", fmt(lp["p50"]).c_str(),
              fmt(lp["p99"]).c_str(), fmt(lp["p999"]).c_str(), fmt(lp["max"]).c_str(),
              (unsigned long long)lp["count"].get<uint64_t>());
  std::printf("  throughput  output %.3f flits/cycle (drain rate %.3f)\n", double(r["throughput"]["accepted"]),
              double(r["throughput"]["drain_rate"]));
  print_speed_and_report(r, report_path);
}

// PFC headroom (docs/flow-control.md "Sizing"); a warning when short.
void print_pfc_headroom(const sb::config& c, FILE* to, bool always) {
  const sb::pfc_headroom h = sb::pfc_headroom_of(c);
  if (always)
    std::fprintf(to,
                 "PFC headroom per lossless class: one way %u cycles, reaction %u cycles, packets of %u flits\n"
                 "  needed   2*%u + %u + %u + 1 = %u flits = %u B (%.3f ns/cycle)\n"
                 "  configured pfc.headroom_bytes  %u flits = %u B%s\n",
                 h.one_way_cycles, h.reaction_cycles, h.packet_flits, h.one_way_cycles, h.reaction_cycles,
                 h.packet_flits, h.needed_flits, h.needed_flits * h.flit_bytes, h.cycle_ns, h.configured_flits,
                 h.configured_flits * h.flit_bytes,
                 h.configured_flits < h.needed_flits ? " (SHORT: a lossless class can overflow under incast)" : "");
  else if (c.get_string("flow_control.mode") == "pfc" && h.configured_flits < h.needed_flits)
    std::fprintf(to,
                 "skybench: warning: pfc.headroom_bytes gives %u flits of headroom, below the %u needed "
                 "(2*%u + reaction %u + packet %u + 1); lossless classes can overflow\n",
                 h.configured_flits, h.needed_flits, h.one_way_cycles, h.reaction_cycles, h.packet_flits);
}

// Reruns this run in a child process with the RTL traced around the first
// mismatch; returns the FST path or "".
std::string rerun_for_wave(const std::vector<std::string>& base_args, const std::string& out, uint64_t cycle) {
  const std::string dir = out + "/mismatch-wave";
  const uint64_t from = cycle > 64 ? cycle - 64 : 0;
  std::vector<std::string> args = base_args;
  args.insert(args.end(), {"--out", dir, "--wave-window", std::to_string(from) + ":" + std::to_string(cycle + 8),
                           "--quiet"});
  std::vector<char*> argv;
  std::string exe = "/proc/self/exe";
  argv.push_back(exe.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // The replay repeats the mismatch message: keep it in its own log.
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (std::freopen((dir + "/replay.log").c_str(), "w", stderr) == nullptr) _exit(126);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int st = 0;
  if (pid < 0 || waitpid(pid, &st, 0) < 0) return "";
  const std::string fst = dir + "/wave.fst";
  return fs::exists(fst) ? fst : "";
}

int cmd_run(int argc, char** argv) {
  po::options_description opts("run options");
  std::vector<std::string> sets;
  std::string out, wave_window;
  uint64_t seed = 0, cycles = 0;
  opts.add_options()("help,h", "help")("set", po::value(&sets)->composing(), "key=value override (repeatable)")(
      "seed", po::value(&seed), "random seed (same as --set run.seed=N)")(
      "cycles", po::value(&cycles), "cycles of traffic (same as --set run.cycles=N)")(
      "out", po::value(&out), "output folder (default out/<config name>)")("wave", "write an FST waveform of the RTL")(
      "wave-window", po::value(&wave_window), "FROM:TO trace only these cycles")(
      "quiet", "no summary")("config", po::value<std::string>(), "config file");
  po::positional_options_description pos;
  pos.add("config", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    return usage_error(std::string("run: ") + e.what());
  }
  if (vm.count("help")) {
    std::cout << "usage: skybench run CONFIG.yaml [options]\n" << opts;
    return 0;
  }
  if (!vm.count("config")) return usage_error("run: missing CONFIG.yaml");
  const std::string path = vm["config"].as<std::string>();
  std::vector<std::string> overrides = sets;
  if (vm.count("seed")) overrides.push_back("run.seed=" + std::to_string(seed));
  if (vm.count("cycles")) overrides.push_back("run.cycles=" + std::to_string(cycles));

  sb::config cfg;
  sb::xbar_bench_config xc;
  sb::llr_bench_config lc;
  sb::incast_bench_config ic;
  sb::pod_bench_config pc;
  sb::switch_bench_config sc;
  std::string system;
  try {
    cfg = sb::load_config(path, overrides, sb::run_schema());
    system = cfg.get_string("system");
    if (system == "llr")
      lc = sb::to_llr_bench_config(cfg);
    else if (system == "incast")
      ic = sb::to_incast_bench_config(cfg);
    else if (system == "pod")
      pc = sb::to_pod_bench_config(cfg);
    else if (system == "switch")
      sc = sb::to_switch_bench_config(cfg);
    else
      xc = sb::to_xbar_bench_config(cfg);
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "skybench: error: " << path << ": " << e.what() << "\n";
    return 2;
  }
  // The RTL's unknown initial state: zeros or random from the run's seed (run.rtl_init).
  sb::rtl_init_setting() = {cfg.get_string("run.rtl_init") == "random", uint64_t(cfg.get_int("run.seed"))};
  // TEST ONLY (fault.process): a crash or a hang, for the regression runner's tests.
  // (With the default action: the process dies of the signal whatever handler is
  // installed - AddressSanitizer's would report it and exit 1.)
  if (cfg.get_string("fault.process") == "segv") {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
  if (cfg.get_string("fault.process") == "hang")
    for (;;) pause();
  const bool is_llr = system == "llr", is_incast = system == "incast", is_pod = system == "pod",
             is_switch = system == "switch";
  // A pod has RTL to trace when any of its blocks is rtl or lockstep.
  const bool pod_rtl = pc.impl_xbar != sb::impl_mode::model || pc.impl_llr != sb::impl_mode::model ||
                       pc.impl_fc != sb::impl_mode::model || pc.impl_ls != sb::impl_mode::model || pc.impl_switch != sb::impl_mode::model;
  const sb::impl_mode impl = is_pod ? (pod_rtl ? sb::impl_mode::lockstep : sb::impl_mode::model)
                             : is_switch ? sc.impl : is_llr ? lc.impl : is_incast ? ic.impl : xc.impl;
  const char* impl_key = is_pod ? "impl.* (every block)" : is_switch ? "impl.switch" : is_llr ? "impl.llr" : is_incast ? "impl.flow_control" : "impl.xbar";
  std::string wave_path;
  int64_t wave_from = 0, wave_to = -1;
  if (vm.count("wave") || !wave_window.empty()) {
    if (impl == sb::impl_mode::model)
      return usage_error(std::string("--wave: ") + impl_key + "=model has no RTL to trace; use rtl or lockstep");
    if (!wave_window.empty()) {
      unsigned long long a = 0, b = 0;
      if (std::sscanf(wave_window.c_str(), "%llu:%llu", &a, &b) != 2 || b < a)
        return usage_error("--wave-window: expected FROM:TO cycles, got '" + wave_window + "'");
      wave_from = int64_t(a);
      wave_to = int64_t(b);
    }
  }
  if (out.empty()) out = "out/" + fs::path(path).stem().string();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return usage_error("--out: cannot create '" + out + "': " + ec.message());
  if (vm.count("wave") || !wave_window.empty()) wave_path = out + "/wave.fst";
  const bool quiet = vm.count("quiet") > 0;

  nlohmann::json r;
  try {
    if (is_pod) {
      pc.out_dir = out;
      pc.wave_path = wave_path;
      r = sb::run_pod_bench(pc);
    } else if (is_switch) {
      sc.out_dir = out;
      sc.wave_path = wave_path;
      r = sb::run_switch_bench(sc);
    } else if (is_incast) {
      ic.out_dir = out;
      ic.wave_path = wave_path;
      if (!quiet) print_pfc_headroom(cfg, stderr, false);
      r = sb::run_incast_bench(ic);
    } else if (is_llr) {
      lc.out_dir = out;
      lc.wave_path = wave_path;
      lc.wave_from = wave_from;
      lc.wave_to = wave_to;
      if (!quiet) print_llr_sizing(lc, stderr, false);
      r = sb::run_llr_bench(lc);
    } else {
      xc.out_dir = out;
      xc.wave_path = wave_path;
      xc.wave_from = wave_from;
      xc.wave_to = wave_to;
      r = sb::run_xbar_bench(xc);
    }
  } catch (const std::invalid_argument& e) {
    std::cerr << "skybench: error: " << path << ": " << e.what() << "\n";
    return 2;
  }
  nlohmann::json report;
  report["skybench"] = kVersion;
  report["config_file"] = path;
  std::string cmdline = "skybench run " + path;
  for (const auto& o : overrides) cmdline += " --set " + o;
  report["reproduce"] = cmdline;
  report["seed"] = cfg.get_int("run.seed");
  report["config"] = cfg.to_json();
  report.update(r);
  const std::string report_path = out + "/report.json";
  auto write_report = [&] {
    std::ofstream f(report_path);
    f << report.dump(2) << "\n";
    return bool(f);
  };
  if (!write_report()) return usage_error("cannot write " + report_path);
  auto& cosim = report["checks"]["cosim"];
  if (!cosim["first_mismatch"].is_null() && wave_window.empty()) {
    std::vector<std::string> base = {"run", path};
    for (const auto& o : overrides) base.insert(base.end(), {"--set", o});
    const std::string fst = rerun_for_wave(base, out, cosim["first_mismatch"]["cycle"].get<uint64_t>());
    if (!fst.empty()) {
      const std::string dst = out + "/mismatch.fst";
      fs::rename(fst, dst, ec);
      cosim["wave"] = ec ? fst : dst;
      write_report();
    }
  }
  if (!quiet) {
    if (is_pod)
      print_pod_summary(report, report_path);
    else if (is_switch)
      print_switch_summary(report, report_path);
    else if (is_llr)
      print_llr_summary(report, report_path);
    else if (is_incast)
      print_incast_summary(report, report_path);
    else
      print_summary(report, report_path);
  }
  return report["verdict"] == "pass" ? 0 : 1;
}

// `skybench report DIR [--out HTML]`: execs python3 scripts/sb_report.py (found
// through SKYBENCH_SCRIPTS, else <exe dir>/../scripts); its exit status is ours.
int cmd_report(int argc, char** argv, const char* exe0) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0].empty() || args[0][0] == '-')
    return usage_error("report: usage: skybench report DIR [--out HTML]");
  const fs::path dir = args[0];
  if (!fs::is_directory(dir)) {
    std::cerr << "skybench: error: report: " << dir.string() << ": no such folder\n";
    return 2;
  }
  if (!fs::is_regular_file(dir / "report.json") && !fs::is_regular_file(dir / "summary.json")) {
    std::cerr << "skybench: error: report: " << dir.string()
              << ": neither report.json (a run) nor summary.json (a regression) in this folder\n";
    return 2;
  }
  // The executable's folder as invoked (build/ may be a symlink), then as resolved.
  std::error_code ec;
  fs::path script;
  std::vector<fs::path> cands;
  if (const char* env = std::getenv("SKYBENCH_SCRIPTS"); env && *env) {
    cands.push_back(fs::path(env) / "sb_report.py");
  } else {
    if (std::string(exe0).find('/') != std::string::npos)
      cands.push_back((fs::absolute(exe0, ec).parent_path() / ".." / "scripts" / "sb_report.py").lexically_normal());
    cands.push_back(fs::canonical("/proc/self/exe", ec).parent_path().parent_path() / "scripts" / "sb_report.py");
  }
  for (auto& c : cands)
    if (script.empty() && fs::is_regular_file(c)) script = c;
  if (script.empty()) {
    script = cands.front();
    std::cerr << "skybench: error: report: renderer not found: " << script.string() << " (set SKYBENCH_SCRIPTS)\n";
    return 2;
  }
  // Debian's python3 (with python3-matplotlib) first: a PATH python3 may lack it.
  std::string py = "python3";
  if (const char* env = std::getenv("SKYBENCH_PYTHON"); env && *env) py = env;
  else if (access("/usr/bin/python3", X_OK) == 0) py = "/usr/bin/python3";
  std::vector<std::string> full{py, script.string()};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : full) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::fflush(nullptr);
  std::cout.flush();
  execvp(cargv[0], cargv.data());
  std::cerr << "skybench: error: report: cannot run " << py << ": " << std::strerror(errno) << "\n";
  return 2;
}

int cmd_config(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--list") {
    std::cout << sb::run_schema().markdown_table();
    return 0;
  }
  if (args.empty()) return usage_error("config: expected CONFIG.yaml or --list");
  std::vector<std::string> overrides;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--set" && i + 1 < args.size())
      overrides.push_back(args[++i]);
    else
      return usage_error("config: unexpected argument '" + args[i] + "'");
  }
  try {
    const sb::config c = sb::load_config(args[0], overrides, sb::run_schema());
    std::cout << c.to_json().dump(2) << "\n";
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int cmd_size(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("size: expected CONFIG.yaml");
  std::vector<std::string> overrides;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--set" && i + 1 < args.size())
      overrides.push_back(args[++i]);
    else
      return usage_error("size: unexpected argument '" + args[i] + "'");
  }
  try {
    const sb::config c = sb::load_config(args[0], overrides, sb::run_schema());
    print_llr_sizing(sb::to_llr_bench_config(c), stdout, true);
    print_pfc_headroom(c, stdout, true);
    const sb::incast_bench_config ic = sb::to_incast_bench_config(c);
    const uint32_t d = ic.link.delay_cycles();
    const uint32_t need = sb::cbfc_credits_needed(d, ic.fc.cbfc.min_spacing, ic.fc.cbfc.cost);
    std::printf("CBFC credits per VC for full rate: cost %u * (2*%u + min spacing %u + 4) = %u credits; configured cbfc.credits %u%s\n",
                unsigned(ic.fc.cbfc.cost), d, unsigned(ic.fc.cbfc.min_spacing), need, unsigned(ic.fc.cbfc.limit),
                ic.fc.cbfc.limit < need ? " (fewer: a VC cannot run at full rate)" : "");
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int cmd_info() {
  std::cout << "skybench " << kVersion << "\nVerilated crossbar builds:\n";
  for (const auto& b : sb::xbar_rtl_builds()) std::cout << "  " << b << "\n";
  std::cout << "Verilated LLR builds:\n  both ends of a link (sb_llr_pair) and one end (sb_llr), replay storage MaxDepth=" << sb::llr_rtl_max_depth()
            << " flits\n";
  std::cout << "Verilated switch chip builds (sb_switch):\n";
  const sb::switch_rtl_sizes z = sb::switch_rtl_build_sizes();
  for (int n : sb::switch_rtl_port_builds())
    std::cout << "  ports=" << n << " classes=" << z.classes << " xbar depth<=" << z.xbar_max_depth
              << " xbar pipeline<=" << z.xbar_max_pipe << " llr depth<=" << z.llr_max_depth << " ingress<="
              << z.max_ingress << " egress<=" << z.max_egress << " pipeline<=" << z.max_sw_pipe << "\n";
  if (sb::switch_rtl_port_builds().empty()) std::cout << "  none (configure with -DSKYBENCH_SWITCH_RTL_BUILDS)\n";
  if (sb::rtl_coverage_build())
    std::cout << "RTL coverage: on (verilator --coverage: line, toggle, cover properties); every RTL run writes "
                 "coverage.dat into its folder, skybench regress merges them into OUT/coverage/\n";
  else
    std::cout << "RTL coverage: off (configure with -DSKYBENCH_RTL_COVERAGE=ON for a coverage build)\n";
  return 0;
}

}  // namespace

// Our own main: SystemC prints its banner when its kernel starts unless this
// variable is set, and the banner would interleave with the report summary.
int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char** argv) {
  if (argc < 2) {
    print_help();
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    print_help();
    return 0;
  }
  if (cmd == "--version") {
    std::cout << kVersion << "\n";
    return 0;
  }
  // Keep SystemC's banner and info messages off the user's terminal.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  if (cmd == "run") return cmd_run(argc - 1, argv + 1);
  if (cmd == "config") return cmd_config(argc - 1, argv + 1);
  if (cmd == "size") return cmd_size(argc - 1, argv + 1);
  if (cmd == "info") return cmd_info();
  if (cmd == "regress") return sb::cmd_regress(argc - 1, argv + 1);
  if (cmd == "sweep") return sb::cmd_sweep(argc - 1, argv + 1);
  if (cmd == "report") return cmd_report(argc - 1, argv + 1, argv[0]);
  return usage_error("unknown command '" + cmd + "'");
}
