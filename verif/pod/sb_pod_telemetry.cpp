#include "sb_pod_telemetry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sb_pod_blocks.h"

namespace sb {

namespace {
const char* reason_text(int r) {
  static const char* names[16] = {"",
                                  "fec_tail",
                                  "replays",
                                  "fec_tail+replays",
                                  "uncorrectable",
                                  "fec_tail+uncorrectable",
                                  "replays+uncorrectable",
                                  "fec_tail+replays+uncorrectable",
                                  "link_error",
                                  "fec_tail+link_error",
                                  "replays+link_error",
                                  "fec_tail+replays+link_error",
                                  "uncorrectable+link_error",
                                  "fec_tail+uncorrectable+link_error",
                                  "replays+uncorrectable+link_error",
                                  "fec_tail+replays+uncorrectable+link_error"};
  return names[r & 15];
}
const char* level_text(int l) { return l == 2 ? "failing" : l == 1 ? "degraded" : "ok"; }
}  // namespace

pod_telemetry::pod_telemetry(const pod_bench_config& cfg, lockstep_ctx* ctx)
    : h_(cfg.health),
      n_(cfg.ports),
      k_(cfg.planes),
      classes_(cfg.xbar.classes),
      fec_t_(cfg.link.phy.fec_t),
      cycle_ns_(cfg.link.cycle_ns()) {
  for (int k = 0; k < k_; ++k)
    for (int p = 0; p < n_; ++p)
      tel_.push_back(make_pod_telemetry(h_.impl, h_.tel, k * n_ + p, k_ > 1 ? "telemetry_p" + std::to_string(k) : "telemetry", ctx,
                                        k == 0 && p == 0 ? h_.miscount_at : UINT64_MAX));
  st_.resize(tel_.size());
  for (auto& s : st_) s.base = std::make_unique<flr_baseline>(fec_t_, h_.baseline_window, h_.baseline_warmup, h_.baseline_flr);
  if (h_.csv && !cfg.out_dir.empty()) {
    csv_path_ = cfg.out_dir + "/telemetry.csv";
    csv_ = std::fopen(csv_path_.c_str(), "w");
    if (!csv_) throw std::runtime_error("cannot write " + csv_path_);
    std::fprintf(csv_, "interval,t_ns,plane,port,counter,value\n");
  }
}

pod_telemetry::~pod_telemetry() {
  if (csv_) std::fclose(csv_);
}

void pod_telemetry::observe(uint64_t cyc, int p, int k, const switch_port_pins& sp, const fec_ev_t& fec,
                            const llr_stat_t& ep_llr) {
  telemetry_block& b = *tel_[idx(p, k)];
  b.p.rx_i = sp.link_i;
  b.p.rx_data_i = sp.link_data_i;
  b.p.tx_i = sp.link_o;
  b.p.tx_data_i = sp.link_data_o;
  b.p.llr_i = sp.llr_stat_o;
  b.p.pfc_rx_i = sp.pfc_rx_stat_o;
  b.p.pfc_tx_i = sp.pfc_tx_stat_o;
  b.p.cbfc_tx_i = sp.cbfc_tx_stat_o;
  b.p.ing_i = sp.ingress_stat_o;
  b.p.eg_i = sp.egress_stat_o;
  b.p.fec_i = fec;
  b.step();
  link_state& s = st_[idx(p, k)];
  if (s.first_replay == UINT64_MAX && (ep_llr.replays || sp.llr_stat_o.replays)) s.first_replay = cyc;
  if (s.first_crc == UINT64_MAX && (ep_llr.crc_errors || sp.llr_stat_o.crc_errors)) s.first_crc = cyc;
  if (b.p.snap_o.seq != s.seq) on_snapshot(cyc, p, k, b.p.snap_o, b.p.health_o);
}

void pod_telemetry::on_snapshot(uint64_t cyc, int p, int k, const tel_snap_t& s, const tel_health_t& h) {
  link_state& st = st_[idx(p, k)];
  st.seq = s.seq;
  ++snapshots_;
  if (h.level != st.level) {
    alarms_.push_back(alarm{cyc, p, k, h.level, h.reason, double(h.ewma) / double(uint64_t(1) << (8 + h_.tel.ewma_shift))});
    st.level = h.level;
  }
  const double flr = baseline(cyc, p, k, s);
  if (csv_) write_csv(s, p, k, h, flr);
}

// The baseline (sb_flr_baseline.h) on this interval's histogram: bins 0..t
// (with fewer bins the last one holds the rest, left out) and the uncorrectable codewords.
double pod_telemetry::baseline(uint64_t cyc, int p, int k, const tel_snap_t& s) {
  link_state& st = st_[idx(p, k)];
  const int bins = h_.tel.fec_bins;
  std::vector<uint64_t> hist(size_t(bins - 1));
  for (int i = 0; i < bins - 1; ++i) hist[size_t(i)] = s.fec_hist[size_t(i)];
  const bool on = st.base->add(hist, s.fec_uncorr);
  if (on != st.base_on) {
    base_alarms_.push_back(base_alarm{cyc, p, k, on, st.base->predicted(), st.base->observed()});
    st.base_on = on;
  }
  return st.base->predicted();
}

void pod_telemetry::write_csv(const tel_snap_t& s, int p, int k, const tel_health_t& h, double flr) {
  const double t = double(s.seq) * double(h_.tel.interval) * cycle_ns_;
  auto row = [&](const std::string& name, double v) {
    std::fprintf(csv_, "%u,%.1f,%d,%d,%s,%.10g\n", s.seq, t, k, p, name.c_str(), v);
    ++rows_;
  };
  row("SAI_PORT_STAT_IF_IN_OCTETS", double(s.in_octets));
  row("SAI_PORT_STAT_IF_OUT_OCTETS", double(s.out_octets));
  for (int c = 0; c < classes_; ++c) {
    const std::string cs = std::to_string(c);
    row("SB_IN_FLITS_C" + cs, s.in_flits[size_t(c)]);
    row("SB_OUT_FLITS_C" + cs, s.out_flits[size_t(c)]);
    row("SAI_PORT_STAT_PFC_" + cs + "_RX_PAUSE_DURATION_US", double(s.pause_cycles[size_t(c)]) * cycle_ns_ / 1000.0);
    row("SB_QUEUE_WATERMARK_FLITS_C" + cs, s.q_max[size_t(c)]);
    row("SB_QUEUE_CURR_OCCUPANCY_FLITS_C" + cs, s.q_cur[size_t(c)]);
  }
  row("SB_INGRESS_WATERMARK_FLITS", s.ing_max);
  row("SB_PFC_RX_PKTS", s.pause_rx);
  row("SB_PFC_TX_PKTS", s.pause_tx);
  row("SB_CBFC_CREDIT_STALL_CYCLES", s.credit_stall);
  row("SAI_PORT_STAT_IF_IN_ERRORS", s.crc_errors);
  row("SAI_PORT_STAT_LLR_RX_NACK_CTL_OS", s.naks);
  row("SB_LLR_TX_REPLAYS", s.replays);
  row("SB_LLR_TX_REPLAYED_FLITS", s.replayed);
  row("SB_LLR_LINK_ERRORS", s.link_errors);
  row("SB_FEC_CODEWORDS", s.fec_cw);
  row("SAI_PORT_STAT_IF_IN_FEC_SYMBOL_ERRORS", s.fec_sym);
  row("SAI_PORT_STAT_IF_IN_FEC_CORRECTABLE_FRAMES", s.fec_corr);
  row("SAI_PORT_STAT_IF_IN_FEC_NOT_CORRECTABLE_FRAMES", s.fec_uncorr);
  for (int i = 0; i < h_.tel.fec_bins; ++i)
    row("SAI_PORT_STAT_IF_IN_FEC_CODEWORD_ERRORS_S" + std::to_string(i), s.fec_hist[size_t(i)]);
  row("SB_LINK_HEALTH_LEVEL", h.level);
  row("SB_LINK_HEALTH_TAIL_EWMA", double(h.ewma) / double(uint64_t(1) << (8 + h_.tel.ewma_shift)));
  row("SB_SONIC_PREDICTED_FLR", flr);
}

void pod_telemetry::note_drain(uint64_t cyc, int p, int k, bool on) {
  drains_.push_back({{"time_ns", double(cyc) * cycle_ns_}, {"endpoint", p}, {"plane", k}, {"drained", on}});
}

void pod_telemetry::collect_violations(std::vector<std::string>& out) const {
  for (const auto& t : tel_)
    for (const auto& v : t->violations()) out.push_back(v);
}

uint64_t pod_telemetry::assertion_failures() const {
  uint64_t n = 0;
  for (const auto& t : tel_) n += t->assertion_failures();
  return n;
}

nlohmann::json pod_telemetry::to_json(double cycle_ns, const std::vector<nlohmann::json>& link_phy) const {
  using nlohmann::json;
  auto ns = [&](uint64_t c) { return c == UINT64_MAX ? json(nullptr) : json(double(c) * cycle_ns); };
  json al = json::array(), bl = json::array(), links = json::array();
  for (const alarm& a : alarms_)
    al.push_back({{"time_ns", double(a.cycle) * cycle_ns}, {"endpoint", a.p}, {"plane", a.k}, {"level", level_text(a.level)},
                  {"level_code", a.level}, {"reason", reason_text(a.reason)}, {"reason_bits", a.reason}, {"tail_ewma", a.ewma}});
  for (const base_alarm& a : base_alarms_)
    bl.push_back({{"time_ns", double(a.cycle) * cycle_ns}, {"endpoint", a.p}, {"plane", a.k}, {"on", a.on},
                  {"predicted_flr", a.flr_p}, {"observed_flr", a.flr_o}});
  for (int k = 0; k < k_; ++k)
    for (int p = 0; p < n_; ++p) {
      const link_state& s = st_[idx(p, k)];
      const json& phy = link_phy[idx(p, k)];
      uint64_t first_deg = UINT64_MAX, first_base = UINT64_MAX;
      for (const alarm& a : alarms_)
        if (a.p == p && a.k == k && a.level >= 1) first_deg = std::min(first_deg, a.cycle);
      for (const base_alarm& a : base_alarms_)
        if (a.p == p && a.k == k && a.on) first_base = std::min(first_base, a.cycle);
      json fu = nullptr;  // the earlier of the two directions'
      for (const char* d : {"up", "down"})
        if (phy.contains(d) && !phy[d].is_null() && !phy[d]["first_uncorrectable_ns"].is_null() &&
            (fu.is_null() || phy[d]["first_uncorrectable_ns"].get<double>() < fu.get<double>()))
          fu = phy[d]["first_uncorrectable_ns"];
      if (first_deg == UINT64_MAX && fu.is_null() && s.first_replay == UINT64_MAX && first_base == UINT64_MAX) continue;
      json l{{"endpoint", p}, {"plane", k}, {"first_alarm_ns", ns(first_deg)}, {"first_baseline_alarm_ns", ns(first_base)},
             {"first_uncorrectable_ns", fu}, {"first_replay_ns", ns(s.first_replay)}, {"first_crc_error_ns", ns(s.first_crc)}, {"phy", phy}};
      auto lead = [&](uint64_t a, const json& b) {
        return a == UINT64_MAX || b.is_null() ? json(nullptr) : json(b.get<double>() - double(a) * cycle_ns);
      };
      l["lead_ns"] = {{"alarm_to_uncorrectable", lead(first_deg, fu)}, {"alarm_to_replay", lead(first_deg, ns(s.first_replay))},
                      {"baseline_to_uncorrectable", lead(first_base, fu)}};
      links.push_back(l);
    }
  uint64_t deg = 0, fail = 0;
  for (const alarm& a : alarms_) {
    if (a.level == 1) ++deg;
    if (a.level == 2) ++fail;
  }
  int alarmed = 0, base_alarmed = 0;
  for (const json& l : links) {
    alarmed += l["first_alarm_ns"].is_null() ? 0 : 1;
    base_alarmed += l["first_baseline_alarm_ns"].is_null() ? 0 : 1;
  }
  const json summary{{"degraded_alarms", deg}, {"failing_alarms", fail}, {"links_alarmed", alarmed},
                     {"links_baseline_alarmed", base_alarmed}};
  return {{"alarms", al}, {"baseline_alarms", bl}, {"links", links}, {"drains", drains_}, {"summary", summary},
          {"telemetry", {{"interval_ns", double(h_.tel.interval) * cycle_ns}, {"snapshots", snapshots_}, {"csv", csv_path_},
                         {"csv_rows", rows_}, {"impl", h_.impl == impl_mode::model ? "model" : h_.impl == impl_mode::rtl ? "rtl" : "lockstep"}}}};
}

}  // namespace sb
