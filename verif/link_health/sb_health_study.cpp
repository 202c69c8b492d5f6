#include "sb_health_study.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <vector>

namespace sb {
namespace {

constexpr double kNone = -1;  // an event that did not happen

// One detector's alarms on one link. The lead counts from the alarm in
// force when the first uncorrectable codeword arrives (an earlier false
// alarm that cleared again warned of nothing), else from the first raise
// after it (a negative lead).
struct alarm_track {
  double first = kNone;    // the first raise
  double episode = kNone;  // when the alarm in force was raised; kNone while off
  double warn = kNone;     // the alarm the lead counts from
  bool pending = false;    // the first uncorrectable codeword came with no alarm in force
  double ber = 0;          // the BER at `warn`
  uint64_t raises = 0, false_raises = 0;  // off -> on; of them, in an interval without an uncorrectable codeword

  void update(bool was_on, bool on, double t, bool uncorr, const phy_params& p) {
    if (!was_on && on) {
      ++raises;
      if (!uncorr) ++false_raises;
      if (first == kNone) first = t;
      episode = t;
      if (pending) {
        pending = false;
        warn = t;
        ber = p.ber_at(t);
      }
    }
    if (!on) episode = kNone;
  }
  void at_first_uncorrectable(const phy_params& p) {
    if (episode == kNone) {
      pending = true;
      return;
    }
    warn = episode;
    ber = p.ber_at(episode);
  }
};

// One link's outcome.
struct link_result {
  double first_uncorr = kNone;
  alarm_track ours, base;  // the detector (on: level >= 1), the baseline
  uint64_t failing = 0;    // the detector's raises to failing
  uint64_t intervals = 0, visited = 0, codewords = 0, uncorr = 0, tail = 0;  // visited: one by one, not in bulk
  double sim_ns = 0;
};

// One interval's codewords.
struct interval_counts {
  std::vector<uint64_t> hist;  // bins 0..t
  uint64_t uncorr = 0, tail = 0;
};

class link_sim {
 public:
  link_sim(const health_study_config& c, int i)
      : c_(c), cfg_(c.tel.cfg()), ch_(c.phy, c.seed, uint64_t(i)),
        base_(c.phy.fec_t, c.baseline_window, c.baseline_warmup, c.baseline_flr),
        interval_ns_(double(c.tel.interval) * c.cycle_ns), cw_ns_(double(c.phy.codeword_bits()) / c.gbps) {}

  link_result run() {
    const uint64_t n_iv = uint64_t(std::ceil(c_.duration_ns / interval_ns_ - 1e-9));
    uint64_t iv = 0;
    while (iv < n_iv) {
      if (c_.phy.profile == phy_profile::stable && quiet()) {
        iv = skip_quiet(iv, n_iv);
        if (iv >= n_iv) break;
      }
      interval(iv++);
      if (c_.stop_at_uncorrectable && r_.first_uncorr != kNone) break;
    }
    r_.intervals = iv;
    r_.sim_ns = double(iv) * interval_ns_;
    r_.codewords = k_;
    return r_;
  }

 private:
  uint64_t first_cw(uint64_t iv) const { return uint64_t(std::ceil(double(iv) * interval_ns_ / cw_ns_ - 1e-9)); }
  // Nothing would change over a clean interval: the detector at rest, the baseline's window clean and off.
  bool quiet() const {
    return h_.level == 0 && hold_ == 0 && (h_.ewma >> cfg_.ewma_shift) == 0 && h_.ewma < cfg_.deg_on &&
           base_.clean() && !base_.on() && base_.held() >= c_.baseline_window;
  }
  // Skips the clean codewords from interval iv on (k_ = its first codeword);
  // the intervals they fill wholly pass in bulk (nothing changes over them).
  // Returns the interval of the next errored codeword, n_iv when none is left.
  uint64_t skip_quiet(uint64_t iv, uint64_t n_iv) {
    const uint64_t e = k_ + ch_.skip_clean(double(k_) * cw_ns_, first_cw(n_iv) - k_);  // the errored codeword
    uint64_t iv2 = std::min(n_iv, uint64_t(std::floor(double(e) * cw_ns_ / interval_ns_)));
    while (iv2 > iv && first_cw(iv2) > e) --iv2;  // rounding: the interval holding codeword e
    while (iv2 < n_iv && first_cw(iv2 + 1) <= e) ++iv2;
    if (iv2 > iv) base_.add_clean(iv2 - iv, first_cw(iv2) - k_);
    pending_clean_ = e - first_cw(std::min(iv2, n_iv));  // clean codewords of interval iv2 already drawn
    k_ = e;
    return iv2;
  }
  void interval(uint64_t iv);
  void draw(uint64_t k_end, interval_counts& n);

  const health_study_config& c_;
  tel_cfg_t cfg_;
  fec_channel ch_;
  flr_baseline base_;
  double interval_ns_, cw_ns_;
  tel_health_t h_{};
  uint32_t hold_ = 0;
  uint64_t k_ = 0, pending_clean_ = 0;  // the next codeword; clean ones already drawn into the current interval
  link_result r_;
};

// The codewords up to k_end: clean stretches skipped, the others drawn one by one.
void link_sim::draw(uint64_t k_end, interval_counts& n) {
  const uint32_t t = uint32_t(c_.phy.fec_t);
  while (k_ < k_end) {
    const uint64_t s = ch_.skip_clean(double(k_) * cw_ns_, k_end - k_);
    n.hist[0] += s;
    k_ += s;
    if (k_ >= k_end) break;
    const fec_codeword w = ch_.next(double(k_) * cw_ns_);
    ++k_;
    if (w.uncorr) {
      ++n.uncorr;
      ++n.tail;
      if (r_.first_uncorr == kNone) {
        r_.first_uncorr = double(k_) * cw_ns_;  // its end
        r_.ours.at_first_uncorrectable(c_.phy);
        r_.base.at_first_uncorrectable(c_.phy);
      }
    } else {
      ++n.hist[std::min(w.errs, t)];
      if (w.errs >= cfg_.tail_bin) ++n.tail;
    }
  }
}

// One interval: its codewords, then both detectors at its end.
void link_sim::interval(uint64_t iv) {
  ++r_.visited;
  interval_counts n;
  n.hist.assign(size_t(c_.phy.fec_t) + 1, 0);
  n.hist[0] = pending_clean_;
  pending_clean_ = 0;
  draw(first_cw(iv + 1), n);
  r_.uncorr += n.uncorr;
  r_.tail += n.tail;
  const double t_end = double(iv + 1) * interval_ns_;
  const uint8_t prev = h_.level;
  tel_interval_counts tc;
  tc.tail = uint32_t(std::min<uint64_t>(n.tail, 0xFFFF));
  tc.uncorr = uint32_t(n.uncorr);
  tc.replays = uint32_t(n.uncorr);  // LLR replays each uncorrectable codeword's flits once
  health_update(h_, hold_, cfg_, tc, uint32_t(iv + 1));
  r_.ours.update(prev >= 1, h_.level >= 1, t_end, n.uncorr > 0, c_.phy);
  if (prev < 2 && h_.level == 2) ++r_.failing;
  bool clean = n.uncorr == 0;
  for (size_t i = 1; i < n.hist.size(); ++i) clean = clean && n.hist[i] == 0;
  const bool was = base_.on();
  const bool on = clean ? base_.add_clean(1, n.hist[0]) : base_.add(n.hist, n.uncorr);
  r_.base.update(was, on, t_end, n.uncorr > 0, c_.phy);
}

// The 95 % upper bound of a Poisson mean after n events (Wilson-Hilferty; n = 0: -ln 0.05).
double poisson_upper95(uint64_t n) {
  if (n == 0) return 2.9957;
  const double m = double(n + 1);
  return m * std::pow(1.0 - 1.0 / (9.0 * m) + 1.645 / (3.0 * std::sqrt(m)), 3.0);
}

double pct(std::vector<double> v, double q) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  return v[size_t(std::min<double>(double(v.size() - 1), std::floor(q * double(v.size() - 1) + 0.5)))];
}

nlohmann::json stats(const std::vector<double>& v) {
  if (v.empty()) return nullptr;
  return {{"min", pct(v, 0)}, {"p10", pct(v, 0.1)}, {"median", pct(v, 0.5)}, {"max", pct(v, 1)}};
}

// One detector's figures over every link (ours: the telemetry block's detector; else the baseline).
nlohmann::json summarize(const health_study_config& c, const std::vector<link_result>& rs, bool ours) {
  double link_hours = 0;
  uint64_t raises = 0, false_raises = 0, alarmed = 0, with_uncorr = 0, before = 0, missed = 0;
  std::vector<double> lead, ber;
  for (const link_result& r : rs) {
    link_hours += r.sim_ns * 1e-9 / 3600.0;
    const alarm_track& a = ours ? r.ours : r.base;
    raises += a.raises;
    false_raises += a.false_raises;
    alarmed += a.first != kNone ? 1 : 0;
    if (r.first_uncorr == kNone) continue;
    ++with_uncorr;
    if (a.warn == kNone) {
      ++missed;
      continue;
    }
    ber.push_back(a.ber);
    lead.push_back(r.first_uncorr - a.warn);
    before += r.first_uncorr > a.warn ? 1 : 0;
  }
  std::vector<double> lead_replay = lead;
  for (double& l : lead_replay) l += c.rtt_ns;
  nlohmann::json j{{"raises", raises}, {"links_alarmed", alarmed}, {"ber_at_warning", stats(ber)},
                   {"links_with_uncorrectable", with_uncorr}, {"alarmed_before_uncorrectable", before},
                   {"not_alarmed", missed}, {"lead_ns", stats(lead)}, {"lead_replay_ns", stats(lead_replay)}};
  if (c.phy.profile == phy_profile::stable) {
    j["false_alarms"] = false_raises;
    j["false_alarms_per_link_hour"] = link_hours > 0 ? double(false_raises) / link_hours : 0.0;
    j["false_alarms_per_link_hour_upper95"] = link_hours > 0 ? poisson_upper95(false_raises) / link_hours : 0.0;
  }
  return j;
}

nlohmann::json link_json(int i, const link_result& r) {
  auto ev = [](double t) -> nlohmann::json { return t == kNone ? nlohmann::json(nullptr) : nlohmann::json(t); };
  auto lead = [&](double a) -> nlohmann::json {
    return a == kNone || r.first_uncorr == kNone ? nlohmann::json(nullptr) : nlohmann::json(r.first_uncorr - a);
  };
  return {{"link", i}, {"first_alarm_ns", ev(r.ours.first)}, {"first_baseline_alarm_ns", ev(r.base.first)},
          {"first_uncorrectable_ns", ev(r.first_uncorr)}, {"lead_ns", lead(r.ours.warn)},
          {"baseline_lead_ns", lead(r.base.warn)}, {"raises", r.ours.raises}, {"baseline_raises", r.base.raises},
          {"codewords", r.codewords}, {"uncorrectable", r.uncorr}, {"tail_codewords", r.tail}, {"sim_ns", r.sim_ns}};
}

}  // namespace

nlohmann::json run_health_study(const health_study_config& c) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<link_result> rs;
  uint64_t intervals = 0, visited = 0, codewords = 0;
  double link_hours = 0;
  nlohmann::json links = nlohmann::json::array();
  for (int i = 0; i < c.links; ++i) {
    rs.push_back(link_sim(c, i).run());
    intervals += rs.back().intervals;
    visited += rs.back().visited;
    codewords += rs.back().codewords;
    link_hours += rs.back().sim_ns * 1e-9 / 3600.0;
    if (i < c.report_links) links.push_back(link_json(i, rs.back()));
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json study{{"links", c.links}, {"profile", phy_profile_name(c.phy.profile)}, {"link_hours", link_hours},
                       {"interval_ns", double(c.tel.interval) * c.cycle_ns},
                       {"codeword_ns", double(c.phy.codeword_bits()) / c.gbps}, {"intervals", intervals}, {"visited_intervals", visited},
                       {"codewords", codewords}, {"replay_after_uncorrectable_ns", c.rtt_ns}};
  return {{"study", study},
          {"detector", summarize(c, rs, true)},
          {"baseline", summarize(c, rs, false)},
          {"links", links},
          {"checks", nlohmann::json::object()},
          {"verdict", "pass"},
          {"sim", {{"cycles", intervals}, {"wall_s", wall}, {"intervals_per_s", wall > 0 ? double(intervals) / wall : 0.0},
                   {"codewords_per_s", wall > 0 ? double(codewords) / wall : 0.0}, {"cycles_per_s", 0}}}};
}

}  // namespace sb
