// The pod's telemetry (docs/link-health.md): one telemetry unit and
// link-health detector per switch port and plane (a block: model, RTL or
// lockstep, impl.telemetry), fed every edge from the port's pins and stat
// registers and the FEC decoder of the link's up direction. Beside the
// blocks, what the host side of an operator would run: every snapshot into
// telemetry.csv (one row per interval x port x counter, SAI names), every
// detector transition into the alarm list, and the baseline an operator
// uses today — SONiC's predicted FEC frame-loss ratio, a log-linear fit over
// the codeword-error histogram of the last baseline_window intervals.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sb_flr_baseline.h"
#include "sb_lockstep.h"
#include "sb_pod_bench.h"
#include "sb_switch_pins.h"
#include "sb_telemetry_block.h"

namespace sb {

class pod_telemetry {
 public:
  pod_telemetry(const pod_bench_config& cfg, lockstep_ctx* ctx);
  ~pod_telemetry();
  // After edge `cyc`, before the links take the new outputs: port p of plane k.
  void observe(uint64_t cyc, int p, int k, const switch_port_pins& sp, const fec_ev_t& fec, const llr_stat_t& ep_llr);
  int level(int p, int k) const { return int(st_[idx(p, k)].level); }
  void collect_violations(std::vector<std::string>& out) const;
  uint64_t assertion_failures() const;
  // A link's PHY counters (both directions) and its name, for the report.
  nlohmann::json to_json(double cycle_ns, const std::vector<nlohmann::json>& link_phy) const;
  telemetry_block& block(int p, int k) { return *tel_[idx(p, k)]; }
  void note_drain(uint64_t cyc, int p, int k, bool on);
  std::string csv_path() const { return csv_path_; }

 private:
  struct alarm {
    uint64_t cycle;
    int p, k, level, reason;
    double ewma;
  };
  struct base_alarm {
    uint64_t cycle;
    int p, k;
    bool on;
    double flr_p, flr_o;
  };
  struct link_state {
    uint32_t seq = 0;
    uint8_t level = 0;
    bool base_on = false;
    uint64_t first_replay = UINT64_MAX, first_crc = UINT64_MAX;
    std::unique_ptr<flr_baseline> base;
  };
  size_t idx(int p, int k) const { return size_t(k) * size_t(n_) + size_t(p); }
  void on_snapshot(uint64_t cyc, int p, int k, const tel_snap_t& s, const tel_health_t& h);
  void write_csv(const tel_snap_t& s, int p, int k, const tel_health_t& h, double flr);
  double baseline(uint64_t cyc, int p, int k, const tel_snap_t& s);

  pod_health_config h_;
  int n_, k_, classes_, fec_t_;
  double cycle_ns_;
  std::vector<std::unique_ptr<telemetry_block>> tel_;
  std::vector<link_state> st_;
  std::vector<alarm> alarms_;
  std::vector<base_alarm> base_alarms_;
  std::vector<nlohmann::json> drains_;
  std::FILE* csv_ = nullptr;
  std::string csv_path_;
  uint64_t snapshots_ = 0, rows_ = 0;
};

}  // namespace sb
