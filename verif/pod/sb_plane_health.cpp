#include "sb_plane_health.h"

namespace sb {

namespace {
constexpr size_t kMaxEvents = 4096;  // transitions kept for the report
}

plane_health::plane_health(int endpoints, int planes, uint64_t detect_cycles)
    : n_(endpoints), k_(planes), detect_(detect_cycles), st_(size_t(endpoints) * size_t(planes)) {}

void plane_health::observe(uint64_t cyc, int e, int k, const llr_stat_t& ep, const llr_stat_t& sw) {
  link_state& s = st_[size_t(k) * size_t(n_) + size_t(e)];
  const uint64_t errors = uint64_t(ep.link_errors) + sw.link_errors;
  const uint64_t delivered = uint64_t(ep.delivered) + sw.delivered;
  if (errors != s.errors) {
    s.errors = errors;
    s.last_error = cyc;
    s.delivered_at_error = delivered;
    if (!s.dead && !s.pending) {
      s.pending = true;
      s.first_error = cyc;
    }
  }
  if (!s.dead && s.pending && cyc >= s.first_error + detect_) {
    s.dead = true;
    s.event = -1;
    if (events_.size() < kMaxEvents) {
      s.event = int(events_.size());
      events_.push_back({e, k, s.first_error, cyc, UINT64_MAX});
    }
    return;
  }
  // Live again: clean for detect cycles, both ends advancing, and the link
  // delivered data since its last error (or has nothing left to prove it with).
  const bool proven = delivered != s.delivered_at_error || (ep.occ == 0 && sw.occ == 0);
  if (s.dead && cyc >= s.last_error + detect_ && !ep.tx_state && !sw.tx_state && proven) {
    s.dead = false;
    s.pending = false;
    if (s.event >= 0) events_[size_t(s.event)].alive_at = cyc;
  }
}

uint64_t plane_health::dead_links() const {
  uint64_t n = 0;
  for (const auto& s : st_) n += s.dead ? 1 : 0;
  return n;
}

nlohmann::json plane_health::to_json(double cycle_ns) const {
  nlohmann::json ev = nlohmann::json::array();
  for (const auto& x : events_)
    ev.push_back({{"endpoint", x.e},
                  {"plane", x.k},
                  {"link_error_ns", double(x.first_error) * cycle_ns},
                  {"dead_ns", double(x.dead_at) * cycle_ns},
                  {"alive_ns", x.alive_at == UINT64_MAX ? nlohmann::json(nullptr) : nlohmann::json(double(x.alive_at) * cycle_ns)}});
  return {{"detect_ns", double(detect_) * cycle_ns}, {"transitions", ev}, {"dead_at_end", dead_links()},
          {"transitions_truncated", events_.size() >= kMaxEvents}};
}

}  // namespace sb
