// Pieces every bench shares: the implementation choice, stdout capture to
// sim.log, and quoting assertion messages from it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sb {

enum class impl_mode { model, rtl, lockstep };

// Verilator prints assertion messages on stdout. While the simulation runs,
// stdout goes to OUT/sim.log, so that the report can quote them and they do
// not interleave with the summary.
class stdout_capture {
 public:
  explicit stdout_capture(const std::string& path);
  ~stdout_capture() { restore(); }
  stdout_capture(const stdout_capture&) = delete;
  stdout_capture& operator=(const stdout_capture&) = delete;
  void restore();

 private:
  int saved_ = -1;
};

// The first `max` lines of the log that report a failed assertion.
std::vector<std::string> assertion_lines(const std::string& path, size_t max);

// Runs the elaborated SystemC simulation to its end with stdout captured to
// OUT/sim.log (when out_dir is set), builds the report fragment with
// result(wall_s), and quotes the first RTL assertion messages from the log
// into checks.assertions.failures.
nlohmann::json run_captured(const std::string& out_dir, const std::function<nlohmann::json(double)>& result);

// The FST window of a run: trace the RTL for cycles [from, to] (to < 0: to
// the end). Call update() once per cycle; it opens and closes the trace and
// returns true the cycle the window has just closed.
struct wave_window {
  std::string path;
  int64_t from = 0, to = -1;
  bool tracing = false;
  template <class R>
  bool update(R& rtl, uint64_t k) {
    if (path.empty()) return false;
    if (!tracing && int64_t(k) >= from && (to < 0 || int64_t(k) <= to)) {
      rtl.trace_open(path);
      tracing = true;
    }
    if (tracing && to >= 0 && int64_t(k) > to) {
      rtl.trace_close();
      tracing = false;
      return true;
    }
    return false;
  }
  // After a mismatch at cycle k, keep running only to fill the window.
  bool wants_more(uint64_t k) const { return tracing && to >= int64_t(k); }
};

// The report's `sim` block: cycles, cycle time, wall time, speed (cycles and
// delivered flits per second), peak memory and how the run ended.
nlohmann::json sim_json(uint64_t cycles, double cycle_ns, double wall_s, uint64_t delivered_flits,
                        const std::string& end_reason);

// checks.cosim of a run with one implementation (nothing compared).
nlohmann::json cosim_off();

// The PHY/FEC counters of one link direction (link.phy; sb_phy.h), or null when the PHY model is off.
struct link_params;
struct link_counters;
nlohmann::json phy_json(const link_params& l, const link_counters& c);

}  // namespace sb
