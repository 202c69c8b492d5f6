// The pod's link-health table (docs/pod.md "Planes"): what the endpoints'
// plane selectors know of which links are up. A link (endpoint e, plane k)
// is marked dead `detect` cycles after either LLR end of it entered the
// link-error (retrain) state — the fabric manager's notice reaching every
// endpoint — and live again once, for `detect` cycles, neither end entered
// it again, both ends are out of retrain, and the link delivered data since
// its last error (or both replay buffers are empty: nothing to prove it
// with). Every transition is kept for the report.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "sb_types.h"

namespace sb {

class plane_health {
 public:
  plane_health(int endpoints, int planes, uint64_t detect_cycles);
  bool alive(int e, int k) const {
    const link_state& s = st_[size_t(k) * size_t(n_) + size_t(e)];
    return !s.dead && !s.drained;
  }
  // link_health.action = drain: a degraded link takes no new requests.
  bool drained(int e, int k) const { return st_[size_t(k) * size_t(n_) + size_t(e)].drained; }
  void set_drained(int e, int k, bool on) { st_[size_t(k) * size_t(n_) + size_t(e)].drained = on; }
  // After edge `cyc`: the LLR state of link (e, k) at the endpoint and at the switch.
  void observe(uint64_t cyc, int e, int k, const llr_stat_t& ep, const llr_stat_t& sw);
  struct event {
    int e = 0, k = 0;
    uint64_t first_error = 0, dead_at = 0, alive_at = UINT64_MAX;
  };
  const std::vector<event>& events() const { return events_; }
  uint64_t dead_links() const;
  nlohmann::json to_json(double cycle_ns) const;

 private:
  struct link_state {
    uint64_t errors = 0, first_error = 0, last_error = 0, delivered_at_error = 0;
    bool pending = false, dead = false, drained = false;
    int event = -1;
  };
  int n_, k_;
  uint64_t detect_;
  std::vector<link_state> st_;
  std::vector<event> events_;
};

}  // namespace sb
