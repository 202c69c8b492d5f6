// System `llr`: one link with LLR at both ends (sim-configs/llr.yaml)
// (the registry: sb_system.h).
#include "sb_health_keys.h"
#include "sb_system.h"
#include "sb_system_print.h"

#include <algorithm>
#include <cmath>

#include "sb_llr_rtl.h"

namespace sb {
namespace {

// The keys only this system owns.
void llr_keys(config_schema& s) {
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
  s.add(choice_key("impl.llr", "lockstep", {"model", "rtl", "lockstep"},
                   "LLR implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(choice_key("fault.llr", "none", {"none", "skip_replay", "no_crc_check", "early_ack"},
                   "TEST ONLY: break the LLR model of end a on purpose from fault.at_cycle on (skip_replay: replays do not rewind; no_crc_check: bad flits delivered; early_ack: ACKs one flit ahead)"));
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
  print_first_error(ll);
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

prepared_run prepare_llr(const config& c) {
  llr_bench_config b = to_llr_bench_config(c);
  return {b.impl != impl_mode::model, [b](const run_request& q) mutable {
            b.out_dir = q.out_dir;
            b.wave_path = q.wave_path;
            b.wave_from = q.wave_from;
            b.wave_to = q.wave_to;
            if (!q.quiet) print_llr_sizing(b, stderr, false);
            return run_llr_bench(b);
          }};
}

}  // namespace

llr_bench_config to_llr_bench_config(const config& c) {
  llr_bench_config b;
  b.link = link_of(c);
  link_params& l = b.link;
  l.flit_error_rate = c.get_real("link.flit_error_rate");
  l.bit_error_rate = c.get_real("link.bit_error_rate");
  l.burst_rate = c.get_real("link.burst_rate");
  l.burst_length = int(c.get_int("link.burst_length"));
  l.drop_rate = c.get_real("link.drop_rate");
  l.ctrl_error_rate = c.get_real("link.ctrl_error_rate");
  l.ctrl_drop_rate = c.get_real("link.ctrl_drop_rate");
  l.down_at_ns = c.get_real("link.down_at_ns");
  l.down_for_ns = c.get_real("link.down_for_ns");
  l.phy = phy_of(c);
  l.framing = choice_of<link_framing>(c, "link.framing",
                                      {{"ideal", link_framing::ideal}, {"ualink", link_framing::ualink},
                                       {"ethernet", link_framing::ethernet}, {"afh", link_framing::afh}});
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

const system_def& llr_system() {
  static const system_def d{"llr", llr_keys, "impl.llr", prepare_llr, print_llr_summary};
  return d;
}

}  // namespace sb
