// The link-health study (system `link_health`, docs/link-health-study.md):
// the PHY/FEC model of many independent links and, on each link's codeword
// stream, the switch's link-health detector (health_update, the same code
// as the telemetry block's model) beside the SONiC baseline (flr_baseline),
// at telemetry-interval granularity: no flits, no pod. That is what makes
// hours of link time over hundreds of seeds affordable: healthy links skip
// their clean codewords (fec_channel::skip_clean) and quiet intervals in
// bulk. Per link: every alarm raise of both detectors, the first
// uncorrectable codeword, and the lead of each detector's first alarm over
// it (and over the first replay, one LLR round trip after it).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "sb_flr_baseline.h"
#include "sb_phy.h"
#include "sb_telemetry_core.h"

namespace sb {

struct health_study_config {
  phy_params phy;              // every link's PHY: stable (healthy), drift or step
  telemetry_params tel;        // the detector; tel.interval in link cycles
  double cycle_ns = 0.64;      // one link slot
  double gbps = 800;           // line rate: codewords per interval
  double rtt_ns = 0;           // an uncorrectable codeword to its replay (NACK round trip)
  double baseline_flr = 1e-9;  // link_health.baseline_*
  uint32_t baseline_window = 100, baseline_warmup = 10;
  uint64_t seed = 1;
  int links = 200;             // link i draws from random stream i of seed
  double duration_ns = 1e8;    // simulated time per link
  bool stop_at_uncorrectable = true;  // a link ends with the interval of its first uncorrectable codeword
  int report_links = 20;       // links listed one by one in the report
};

nlohmann::json run_health_study(const health_study_config& c);

}  // namespace sb
