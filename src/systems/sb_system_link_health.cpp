// System `link_health`: the PHY/FEC model of many independent links with the
// switch's link-health detector beside the SONiC baseline on each, at
// telemetry-interval granularity (sim-configs/link-health-study.yaml,
// docs/link-health-study.md; the registry: sb_system.h).
#include "sb_health_keys.h"
#include "sb_health_study.h"
#include "sb_system.h"
#include "sb_system_print.h"

#include <cmath>

namespace sb {
namespace {

void link_health_keys(config_schema& s) {
  s.add(int_key("study.links", "200", 1, 1e6,
                "link_health: independent links (link i draws from random stream i of run.seed: one seed each)"));
  s.add(real_key("study.duration_ns", "1e8", 1.0, 3.6e12, "link_health: simulated time per link (at most one hour)", "ns"));
  s.add(bool_key("study.stop_at_uncorrectable", "true",
                 "link_health: a link ends with the interval of its first uncorrectable codeword (lead times need no more)"));
  s.add(int_key("study.report_links", "20", 0, 1e6, "link_health: links listed one by one in report.json"));
  s.rule("link.phy.profile", [](const config& c) -> std::string {
    if (c.get_string("system") != "link_health") return "";
    const std::string p = c.get_string("link.phy.profile");
    return p == "stable" || p == "drift" || p == "step"
               ? "" : "system link_health needs link.phy.profile stable, drift or step (got " + p +
                          "; a flapping link is a pod run: sim-configs/link-health.yaml)";
  });
}

// Lead times in µs, or "-".
std::string us(const nlohmann::json& st, const char* k) {
  return st.is_null() ? std::string("-") : fmt(double(st[k]) / 1000.0, 2);
}

void print_detector(const char* name, const nlohmann::json& d, bool healthy) {
  if (healthy) {
    std::printf("  %-10s  %llu false alarms (%llu raises, %llu links alarmed): %s per link-hour, 95 %% bound < %s\n", name,
                (unsigned long long)d["false_alarms"].get<uint64_t>(), (unsigned long long)d["raises"].get<uint64_t>(),
                (unsigned long long)d["links_alarmed"].get<uint64_t>(), fmt(double(d["false_alarms_per_link_hour"]), 2).c_str(),
                fmt(double(d["false_alarms_per_link_hour_upper95"]), 2).c_str());
    return;
  }
  const auto& l = d["lead_ns"];
  std::printf("  %-10s  alarmed before the first uncorrectable on %llu of %llu links (%llu never); lead us min %s, p10 %s, median %s, max %s\n",
              name, (unsigned long long)d["alarmed_before_uncorrectable"].get<uint64_t>(),
              (unsigned long long)d["links_with_uncorrectable"].get<uint64_t>(), (unsigned long long)d["not_alarmed"].get<uint64_t>(),
              us(l, "min").c_str(), us(l, "p10").c_str(), us(l, "median").c_str(), us(l, "max").c_str());
}

void print_link_health_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& st = r["study"];
  const auto& cfg = r["config"];
  const bool healthy = st["profile"] == "stable";
  std::printf("skybench: link-health study, %d links x %s us, PHY %s (BER %s%s), interval %s ns, seed %llu\n", int(st["links"]),
              fmt(double(cfg["study"]["duration_ns"]) / 1000.0, 0).c_str(), st["profile"].get<std::string>().c_str(),
              cfg["link"]["phy"]["ber"].dump().c_str(),
              healthy ? "" : (" -> " + cfg["link"]["phy"]["ber_end"].dump()).c_str(), fmt(double(st["interval_ns"]), 1).c_str(),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  std::printf("  time        %s link-hours, %llu intervals, %llu codewords\n", fmt(double(st["link_hours"]), 5).c_str(),
              (unsigned long long)st["intervals"].get<uint64_t>(), (unsigned long long)st["codewords"].get<uint64_t>());
  print_detector("detector", r["detector"], healthy);
  print_detector("baseline", r["baseline"], healthy);
  const auto& sim = r["sim"];
  std::printf("  speed       %s s: %.3g intervals/s, %.3g codewords/s\n", fmt(double(sim["wall_s"]), 2).c_str(),
              double(sim["intervals_per_s"]), double(sim["codewords_per_s"]));
  std::printf("  report      %s\n", report_path.c_str());
}

health_study_config to_study(const config& c) {
  health_study_config s;
  const link_params l = link_of(c);
  s.cycle_ns = l.cycle_ns();
  s.gbps = l.gbps;
  s.rtt_ns = 2.0 * double(l.delay_cycles()) * s.cycle_ns;
  s.phy = phy_of(c);
  const pod_health_config h = health_of(c, s.cycle_ns);
  s.tel = h.tel;
  s.tel.fec_bins = s.phy.fec_t + 2;
  s.baseline_flr = h.baseline_flr;
  s.baseline_window = h.baseline_window;
  s.baseline_warmup = h.baseline_warmup;
  s.seed = uint64_t(c.get_int("run.seed"));
  s.links = int(c.get_int("study.links"));
  s.duration_ns = c.get_real("study.duration_ns");
  s.stop_at_uncorrectable = c.get_bool("study.stop_at_uncorrectable");
  s.report_links = int(c.get_int("study.report_links"));
  return s;
}

prepared_run prepare_link_health(const config& c) {
  const health_study_config s = to_study(c);
  return {false, [s](const run_request&) { return run_health_study(s); }};
}

}  // namespace

const system_def& link_health_system() {
  static const system_def d{"link_health", link_health_keys, "", prepare_link_health, print_link_health_summary};
  return d;
}

}  // namespace sb
