#include "sb_bench_util.h"

#include "sb_link.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <systemc>

namespace sb {

stdout_capture::stdout_capture(const std::string& path) {
  if (path.empty()) return;
  std::fflush(stdout);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  saved_ = ::dup(1);
  ::dup2(fd, 1);
  ::close(fd);
}

void stdout_capture::restore() {
  if (saved_ < 0) return;
  std::fflush(stdout);
  ::dup2(saved_, 1);
  ::close(saved_);
  saved_ = -1;
}

std::vector<std::string> assertion_lines(const std::string& path, size_t max) {
  std::vector<std::string> out;
  std::ifstream f(path);
  std::string line;
  while (out.size() < max && std::getline(f, line))
    if (line.find("Assertion failed") != std::string::npos) out.push_back(line);
  return out;
}

nlohmann::json run_captured(const std::string& out_dir, const std::function<nlohmann::json(double)>& result) {
  const std::string log = out_dir.empty() ? "" : out_dir + "/sim.log";
  stdout_capture capture(log);
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  capture.restore();
  nlohmann::json r = result(wall);
  if (!log.empty()) {
    auto& a = r["checks"]["assertions"];
    for (const auto& l : assertion_lines(log, 10)) a["failures"].push_back("rtl: " + l);
    a["log"] = log;
  }
  return r;
}

nlohmann::json sim_json(uint64_t cycles, double cycle_ns, double wall_s, uint64_t delivered_flits,
                        const std::string& end_reason) {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return {{"cycles", cycles},
          {"cycle_ns", cycle_ns},
          {"simulated_ns", double(cycles) * cycle_ns},
          {"wall_s", wall_s},
          {"cycles_per_s", wall_s > 0 ? double(cycles) / wall_s : 0.0},
          {"flits_per_s", wall_s > 0 ? double(delivered_flits) / wall_s : 0.0},
          {"peak_rss_mb", double(ru.ru_maxrss) / 1024.0},
          {"end", end_reason}};
}

nlohmann::json cosim_off() {
  return {{"pass", true}, {"enabled", false}, {"compared_cycles", 0}, {"compared_port_cycles", 0},
          {"mismatches", 0}, {"first_mismatch", nullptr}};
}

nlohmann::json phy_json(const link_params& l, const link_counters& c) {
  if (!l.phy.on()) return nullptr;
  nlohmann::json hist = nlohmann::json::array();
  for (int i = 0; i <= l.phy.fec_t; ++i) hist.push_back(c.fec_hist[i]);
  hist.push_back(c.fec_hist[16]);
  return {{"profile", phy_profile_name(l.phy.profile)},
          {"codewords", c.fec_cw},
          {"corrected_codewords", c.fec_corrected},
          {"corrected_symbols", c.fec_symbols},
          {"uncorrectable_codewords", c.fec_uncorr},
          {"histogram", hist},
          {"slots_marked_bad", c.phy_corrupted},
          {"first_uncorrectable_ns",
           c.first_uncorr == UINT64_MAX ? nlohmann::json(nullptr) : nlohmann::json(double(c.first_uncorr) * l.cycle_ns())}};
}

}  // namespace sb
