#include "sb_system_print.h"

namespace sb {

std::string fmt(double v, int prec) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

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

void print_cosim_ports(const nlohmann::json& cs, const char* prefix) {
  std::printf("  cosim       %s%llu cycles compared (%llu port-cycles), %llu mismatches\n", prefix,
              (unsigned long long)cs["compared_cycles"].get<uint64_t>(),
              (unsigned long long)cs["compared_port_cycles"].get<uint64_t>(),
              (unsigned long long)cs["mismatches"].get<uint64_t>());
}

void print_lossless_packets(const nlohmann::json& ll) {
  std::printf("  lossless    injected %llu, delivered %llu, lost %llu, duplicated %llu, reordered %llu, corrupted %llu packets\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["reordered"].get<uint64_t>(), (unsigned long long)ll["corrupted"].get<uint64_t>());
  print_first_error(ll);
}

void print_first_error(const nlohmann::json& ll) {
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
}

void print_packet_latency(const nlohmann::json& lp) {
  std::printf("  latency     packet p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu packets)\n", fmt(lp["p50"]).c_str(),
              fmt(lp["p99"]).c_str(), fmt(lp["p999"]).c_str(), fmt(lp["max"]).c_str(),
              (unsigned long long)lp["count"].get<uint64_t>());
}

void print_throughput_port(const nlohmann::json& r) {
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/port\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
}

// The LLR sizing line (docs/llr.md "Sizing"), and a warning when the
// configured replay buffer is smaller than a full-rate link needs.
void print_llr_sizing(const llr_bench_config& b, FILE* to, bool always) {
  const llr_sizing z = llr_size(b.link, b.llr.ack_spacing);
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
  if (always && b.link.framing != link_framing::ideal) {
    // docs/framing.md "The model": the wire per flit, and the unit's time the LLR loop gains each way.
    const framing_format m = framing_format_of(b.link.framing);
    const int fb = b.link.flit_bytes;
    const double per_flit = framing_packet_wire_bytes(b.link.framing, 1, fb);
    const int unit = m.dl_bytes ? m.dl_bytes : m.head + fb + m.tail + m.gap;
    std::fprintf(to,
                 "  link.framing %s: a one-flit %s of %.1f B on the wire (%.1f %% efficient); the data's unit and the\n"
                 "  ACK's each add up to %d cycles to the round trip (more for longer packets): size llr.replay_depth with that margin\n",
                 framing_name(b.link.framing), m.dl_bytes ? "share of a 640-B DL flit" : "frame", per_flit, 100.0 * fb / per_flit,
                 2 * ((unit + fb - 1) / fb));
  }
}

// PFC headroom (docs/flow-control.md "Sizing"); a warning when short.
void print_pfc_headroom(const config& c, FILE* to, bool always) {
  const pfc_headroom h = pfc_headroom_of(c);
  if (always)
    std::fprintf(to,
                 "PFC headroom per lossless class: one way %u cycles, reaction %u cycles, packets of %u flits\n"
                 "  needed   2*%u + %u + %u + 1 = %u flits = %u B (%.3f ns/cycle)\n"
                 "  configured pfc.headroom_bytes  %u flits = %u B%s\n",
                 h.one_way_cycles, h.reaction_cycles, h.packet_flits, h.one_way_cycles, h.reaction_cycles,
                 h.packet_flits, h.needed_flits, h.needed_flits * h.flit_bytes, h.cycle_ns, h.configured_flits,
                 h.configured_flits * h.flit_bytes,
                 h.configured_flits < h.needed_flits ? " (SHORT: a lossless class can overflow under incast)" : "");
  else if (fc_mode_of(c) == fc_mode::pfc && h.configured_flits < h.needed_flits)
    std::fprintf(to,
                 "skybench: warning: pfc.headroom_bytes gives %u flits of headroom, below the %u needed "
                 "(2*%u + reaction %u + packet %u + 1); lossless classes can overflow\n",
                 h.configured_flits, h.needed_flits, h.one_way_cycles, h.reaction_cycles, h.packet_flits);
}

}  // namespace sb
