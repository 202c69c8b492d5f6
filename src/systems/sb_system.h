// The system registry: every `system:` value of a run config (xbar, llr,
// incast, pod, switch, link_health) is one system_def, defined in one place per system
// (src/systems/sb_system_<name>.cpp): the schema keys it owns, its config to
// bench mapping and runner, and its console summary. `skybench run` and
// `skybench config` look the system up here instead of branching on its name.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sb_config.h"

namespace sb {

// Where and how a run writes (from the command line).
struct run_request {
  std::string out_dir;
  std::string wave_path;  // "" = no waveform
  int64_t wave_from = 0, wave_to = -1;
  bool quiet = false;
};

// A config mapped to its bench: whether it has RTL to trace, and its runner.
struct prepared_run {
  bool has_rtl = false;
  std::function<nlohmann::json(const run_request&)> run;
};

struct system_def {
  std::string name;
  // The keys this system owns (shared keys: the common fragment in sb_run_schema.cpp).
  void (*schema)(config_schema& s) = nullptr;
  // The impl key a --wave error names ("impl.xbar").
  const char* impl_key = "";
  // Maps a config validated against run_schema() to the bench (throws
  // std::invalid_argument for a value the bench refuses).
  prepared_run (*prepare)(const config& c) = nullptr;
  // The console summary of a finished run's report.
  void (*print_summary)(const nlohmann::json& report, const std::string& report_path) = nullptr;
};

const system_def& xbar_system();
const system_def& llr_system();
const system_def& incast_system();
const system_def& pod_system();
const system_def& switch_system();
const system_def& link_health_system();

// Every system, in the order of the `system` key's choices.
const std::vector<const system_def*>& systems();
// nullptr when unknown.
const system_def* find_system(const std::string& name);

}  // namespace sb
