// The keys of the PHY/FEC error model (link.phy.*), the switch ports'
// telemetry units (telemetry.*) and the link-health detector (link_health.*;
// docs/link-health.md), their cross-field rules and their mapping.
#include "sb_health_keys.h"

#include <cmath>

#include "sb_run_schema.h"

namespace sb {

void health_keys(config_schema& s) {
  s.add(choice_key("link.phy.profile", "off", {"off", "stable", "drift", "step", "flap"},
                   "PHY/FEC error model: off = none (the flit-level link.* error keys alone); stable = pre-FEC BER link.phy.ber on every link; drift = the target links' BER moves log-linearly from link.phy.ber to link.phy.ber_end; step = it jumps to ber_end at link.phy.step_at_ns; flap = the target links go down and up repeatedly (link.phy.flap_*). Links that are not targets stay stable at link.phy.ber"));
  s.add(real_key("link.phy.ber", "1e-8", 1e-18, 0.1, "pre-FEC bit error rate (stable; drift and step: at the start)"));
  s.add(real_key("link.phy.ber_end", "1e-4", 1e-18, 0.1, "drift: the BER reached at drift_start_ns + drift_ns; step: the BER from step_at_ns"));
  s.add(real_key("link.phy.drift_start_ns", "0", 0.0, 1e15, "drift: when the BER starts to move", "ns"));
  s.add(real_key("link.phy.drift_ns", "100000", 0.0, 1e15, "drift: how long it takes to reach ber_end", "ns"));
  s.add(real_key("link.phy.step_at_ns", "50000", 0.0, 1e15, "step: when the BER jumps", "ns"));
  s.add(real_key("link.phy.flap_start_ns", "10000", 0.0, 1e15, "flap: the first time the link goes down", "ns"));
  s.add(real_key("link.phy.flap_period_ns", "20000", 1.0, 1e15, "flap: from one down to the next", "ns"));
  s.add(real_key("link.phy.flap_down_ns", "2000", 1.0, 1e15, "flap: how long each down lasts", "ns"));
  s.add(int_key("link.phy.flap_count", "3", 0, 1e9, "flap: how many times (0 = forever)"));
  s.add(real_key("link.phy.burst_mean_bits", "1", 1.0, 1e4, "mean length of an error burst (DFE error propagation); 1 = independent bit errors", "bits"));
  s.add(int_key("link.phy.fec_symbols", "544", 32, 1023, "FEC codeword length n in 10-bit symbols (RS(544,514) KP4: 544)", "symbols"));
  s.add(int_key("link.phy.fec_t", "15", 1, 15, "symbol errors the FEC corrects per codeword (KP4: 15); more = uncorrectable, the codeword's flits are marked bad", "symbols"));
  s.add(int_key("link.phy.target.endpoint", "-1", -1, 1023, "pod: the endpoint whose links follow link.phy.profile; -1 = every endpoint"));
  s.add(int_key("link.phy.target.plane", "-1", -1, 31, "pod: the plane whose links follow link.phy.profile; -1 = every plane"));
  s.add(choice_key("link.phy.target.direction", "both", {"both", "up", "down"},
                   "pod: which direction of a target link follows the profile: up = endpoint to switch (the switch's FEC decoder and telemetry see it), down = switch to endpoint"));
  s.add(bool_key("telemetry.enabled", "false", "pod: a telemetry unit and link-health detector at every switch port (snapshots every telemetry.interval_ns, telemetry.csv, link_health in the report)"));
  s.add(real_key("telemetry.interval_ns", "1000", 1e-3, 1e7, "telemetry snapshot interval", "ns"));
  s.add(int_key("telemetry.fec_bins", "17", 2, 17, "FEC histogram bins: bin i = codewords with i symbol errors, the last bin the rest (with fec_t + 2 bins: the uncorrectable ones); at most link.phy.fec_t + 2"));
  s.add(bool_key("telemetry.csv", "true", "write telemetry.csv (one row per interval x port x counter) into the run folder"));
  s.add(choice_key("impl.telemetry", "model", {"model", "rtl", "lockstep"},
                   "telemetry unit implementation: SystemC model, Verilated RTL, or both compared every cycle"));
  s.add(int_key("link_health.tail_bin", "6", 1, 31, "detector: a codeword with at least this many symbol errors (or uncorrectable) counts in the tail"));
  s.add(int_key("link_health.ewma_shift", "4", 0, 12, "detector: the tail count's EWMA weighs each interval 2^-ewma_shift"));
  s.add(real_key("link_health.degraded_on", "0.5", 1e-6, 1e6, "detector: degraded when the EWMA of tail codewords per interval reaches this", "codewords/interval"));
  s.add(real_key("link_health.degraded_off", "0.25", 0.0, 1e6, "detector: degraded clears below this (hysteresis; <= degraded_on)", "codewords/interval"));
  s.add(int_key("link_health.degraded_replays", "0", 0, 65535, "detector: degraded when an interval holds this many LLR replays; 0 = off"));
  s.add(int_key("link_health.failing_uncorrectable", "1", 0, 65535, "detector: failing when an interval holds this many uncorrectable codewords; 0 = off"));
  s.add(int_key("link_health.failing_replays", "0", 0, 65535, "detector: failing when an interval holds this many LLR replays; 0 = off"));
  s.add(int_key("link_health.hold_intervals", "4", 0, 255, "detector: intervals failing stays after its causes cleared"));
  s.add(choice_key("link_health.action", "none", {"none", "drain"},
                   "none = alarms only; drain = once a link is degraded the endpoints send no new requests over it (its plane for that endpoint; needs pod.planes >= 2), in-flight traffic finishes"));
  s.add(choice_key("fault.telemetry", "none", {"none", "miscount"},
                   "TEST ONLY: miscount = the telemetry model of port 0, plane 0 counts one flit too many per data slot from fault.at_cycle on (a lockstep run must report the mismatch)"));
  s.add(real_key("link_health.baseline_flr", "1e-9", 1e-30, 1.0, "baseline detector (SONiC predicted FEC frame-loss ratio, a log-linear fit over the codeword histogram): its alarm threshold"));
  s.add(int_key("link_health.baseline_window", "100", 1, 1e6, "baseline detector: intervals of histogram it fits over", "intervals"));
  s.add(int_key("link_health.baseline_warmup", "10", 1, 1e6,
                "baseline detector: intervals its window must hold before it may alarm (at most the window)", "intervals"));
}

void health_rules(config_schema& s) {
  s.rule("telemetry.fec_bins", [](const config& c) -> std::string {
    const int64_t b = c.get_int("telemetry.fec_bins"), t = c.get_int("link.phy.fec_t");
    return b <= t + 2 ? "" : std::to_string(b) + " bins, but link.phy.fec_t = " + std::to_string(t) +
                                 " allows at most t + 2 = " + std::to_string(t + 2) + " (bins 0..t and one for uncorrectable codewords)";
  });
  s.rule("telemetry.interval_ns", [](const config& c) -> std::string {
    const double cyc = 8.0 * double(c.get_int("link.flit_bytes")) / c.get_real("link.gbps");
    const double n = std::ceil(c.get_real("telemetry.interval_ns") / cyc - 1e-9);
    if (n < 16) return "is " + std::to_string(int64_t(n)) + " cycles of " + std::to_string(cyc) + " ns; at least 16 cycles";
    return n <= double(0xFFFFFF) ? "" : "is " + std::to_string(int64_t(n)) + " cycles; at most 16777215 (24-bit counter)";
  });
  s.rule("link_health.degraded_off", [](const config& c) -> std::string {
    return c.get_real("link_health.degraded_off") <= c.get_real("link_health.degraded_on")
               ? "" : "must be at most link_health.degraded_on (hysteresis)";
  });
  s.rule("link.phy.flap_down_ns", [](const config& c) -> std::string {
    if (c.get_string("link.phy.profile") != "flap") return "";
    return c.get_real("link.phy.flap_down_ns") < c.get_real("link.phy.flap_period_ns") ? "" : "must be below link.phy.flap_period_ns";
  });
  s.rule("link.phy.fec_t", [](const config& c) -> std::string {
    return 2 * c.get_int("link.phy.fec_t") < c.get_int("link.phy.fec_symbols") ? "" : "must be below link.phy.fec_symbols / 2";
  });
  s.rule("link.phy.profile", [](const config& c) -> std::string {
    if (c.get_string("link.phy.profile") == "off") return "";
    const int64_t fb = c.get_int("link.flit_bytes"), cw = 10 * c.get_int("link.phy.fec_symbols");
    return 8 * fb <= cw ? "" : "a link.flit_bytes slot (" + std::to_string(8 * fb) + " bits) longer than a codeword (" +
                                   std::to_string(cw) + " bits): at most one codeword may end per slot";
  });
  s.rule("link_health.action", [](const config& c) -> std::string {
    if (c.get_string("link_health.action") == "none") return "";
    if (!c.get_bool("telemetry.enabled")) return "drain needs the detector: set telemetry.enabled=true";
    return c.get_int("pod.planes") >= 2 ? "" : "drain needs another plane to carry the traffic: pod.planes >= 2";
  });
  s.rule("link.phy.target.endpoint", [](const config& c) -> std::string {
    const int64_t e = c.get_int("link.phy.target.endpoint"), n = c.get_int("switch.ports");
    return e < n ? "" : "endpoint " + std::to_string(e) + " does not exist: switch.ports is " + std::to_string(n);
  });
  s.rule("link.phy.target.plane", [](const config& c) -> std::string {
    const int64_t p = c.get_int("link.phy.target.plane"), k = c.get_int("pod.planes");
    return p < k ? "" : "plane " + std::to_string(p) + " does not exist: pod.planes is " + std::to_string(k);
  });
  for (const char* k : {"telemetry", "link_health.action", "impl.telemetry", "link.phy.target", "fault.telemetry"})
    s.used_by(k, {"pod"});
  s.used_by("link_health", {"pod", "link_health"});  // the study runs the same detector and baseline
  s.used_by("telemetry.interval_ns", {"pod", "link_health"});
}

phy_params phy_of(const config& c) {
  phy_params p;
  p.profile = choice_of<phy_profile>(c, "link.phy.profile",
                                     {{"off", phy_profile::off}, {"stable", phy_profile::stable}, {"drift", phy_profile::drift},
                                      {"step", phy_profile::step}, {"flap", phy_profile::flap}});
  p.ber = c.get_real("link.phy.ber");
  p.ber_end = c.get_real("link.phy.ber_end");
  p.drift_start_ns = c.get_real("link.phy.drift_start_ns");
  p.drift_ns = c.get_real("link.phy.drift_ns");
  p.step_at_ns = c.get_real("link.phy.step_at_ns");
  p.flap_start_ns = c.get_real("link.phy.flap_start_ns");
  p.flap_period_ns = c.get_real("link.phy.flap_period_ns");
  p.flap_down_ns = c.get_real("link.phy.flap_down_ns");
  p.flap_count = int(c.get_int("link.phy.flap_count"));
  p.burst_mean_bits = c.get_real("link.phy.burst_mean_bits");
  p.fec_symbols = int(c.get_int("link.phy.fec_symbols"));
  p.fec_t = int(c.get_int("link.phy.fec_t"));
  return p;
}

pod_health_config health_of(const config& c, double cycle_ns) {
  pod_health_config h;
  h.phy_endpoint = int(c.get_int("link.phy.target.endpoint"));
  h.phy_plane = int(c.get_int("link.phy.target.plane"));
  const std::string dir = choice_of<std::string>(c, "link.phy.target.direction", {{"both", "both"}, {"up", "up"}, {"down", "down"}});
  h.phy_up = dir != "down";
  h.phy_down = dir != "up";
  h.telemetry = c.get_bool("telemetry.enabled");
  telemetry_params& t = h.tel;
  t.interval = uint32_t(std::ceil(c.get_real("telemetry.interval_ns") / cycle_ns - 1e-9));
  t.flit_bytes = int(c.get_int("link.flit_bytes"));
  t.fec_t = int(c.get_int("link.phy.fec_t"));
  t.fec_bins = int(c.get_int("telemetry.fec_bins"));
  t.tail_bin = int(c.get_int("link_health.tail_bin"));
  t.ewma_shift = int(c.get_int("link_health.ewma_shift"));
  t.deg_on = c.get_real("link_health.degraded_on");
  t.deg_off = c.get_real("link_health.degraded_off");
  t.deg_replays = uint32_t(c.get_int("link_health.degraded_replays"));
  t.fail_uncorr = uint32_t(c.get_int("link_health.failing_uncorrectable"));
  t.fail_replays = uint32_t(c.get_int("link_health.failing_replays"));
  t.hold = uint32_t(c.get_int("link_health.hold_intervals"));
  h.impl = impl_of(c, "impl.telemetry");
  h.csv = c.get_bool("telemetry.csv");
  h.action = choice_of<health_action>(c, "link_health.action", {{"none", health_action::none}, {"drain", health_action::drain}});
  h.baseline_flr = c.get_real("link_health.baseline_flr");
  h.baseline_window = uint32_t(c.get_int("link_health.baseline_window"));
  h.baseline_warmup = uint32_t(c.get_int("link_health.baseline_warmup"));
  if (choice_of<bool>(c, "fault.telemetry", {{"none", false}, {"miscount", true}}))
    h.miscount_at = uint64_t(c.get_int("fault.at_cycle"));
  return h;
}

}  // namespace sb
