// The options `skybench regress` and `skybench sweep` share, and their help.
#include <unistd.h>

#include <iostream>
#include <regex>

#include "regress_internal.h"
#include "regress_options.h"
#include "sb_rtl_coverage.h"

namespace sb::regress {

void print_regress_help() {
  std::cout << "usage: skybench regress FILE.yaml --out DIR [options]\n"
               "       skybench regress FILE.yaml --list [--filter REGEX] [--rerun-failed DIR]\n\n"
               "Runs every test of a regression file (sim-configs/regressions/) once per seed, each job a\n"
               "`skybench run` in its own process; see docs/regressions.md.\n\n"
               "options:\n"
            << kRunOptionsHelp;
}

void print_sweep_help() {
  std::cout << "usage: skybench sweep CONFIG.yaml --param KEY=V1,V2,... [--param ...] --out DIR [options]\n\n"
               "Runs the cartesian product of the --param values over CONFIG (x seeds) as a regression\n"
               "(same backends, outputs and options as skybench regress), then writes DIR/sweep.csv and\n"
               "DIR/sweep.json: per job its parameters, latency p50/p99/p99.9, throughput and verdict.\n"
               "`skybench report DIR` plots latency and throughput against traffic.load, one curve per\n"
               "combination of the other parameters. See docs/regressions.md \"Sweeps\".\n\n"
               "sweep options:\n"
               "  --param KEY=V1,V2,...  a swept config key and its values (repeatable; run.seed is --seeds)\n"
               "  --set KEY=VALUE      a fixed override of the base config (repeatable)\n"
               "  --seeds N            seeds 1..N per combination (default 1)\n"
               "  --name NAME          regression name (default sweep_<config name>)\n"
               "  --timeout S          timeout_s of every job (default 600)\n\n"
               "options shared with skybench regress:\n"
            << kRunOptionsHelp;
}

int parse_run_options(const char* cmd, const std::vector<std::string>& args, run_options& o, const extra_fn& extra,
                      const std::function<void()>& help) {
  o.parallel = sysconf(_SC_NPROCESSORS_ONLN);
  if (o.parallel < 1) o.parallel = 1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i], val;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      val = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_inline = true;
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2) {
      val = a.substr(2);
      a = "-j";
      has_inline = true;
    }
    const value_fn value = [&](const char* opt) -> std::string {
      if (has_inline) return val;
      if (i + 1 >= args.size()) throw regress_error(std::string(opt) + " needs a value");
      return args[++i];
    };
    try {
      if (a == "-h" || a == "--help") {
        help();
        return 0;
      } else if (a == "--out") {
        o.out = value("--out");
      } else if (a == "--list") {
        o.list = true;
      } else if (a == "--no-waves") {
        o.with_waves = false;
      } else if (a == "--coverage") {
        o.coverage = coverage_mode::on;
      } else if (a == "--no-coverage") {
        o.coverage = coverage_mode::off;
      } else if (a == "--filter") {
        o.filter = value("--filter");
        o.have_filter = true;
      } else if (a == "--rerun-failed") {
        o.rerun_dir = value("--rerun-failed");
      } else if (a == "-j" || a == "--jobs") {
        const std::string v = value("-j");
        if (!std::regex_match(v, std::regex("[0-9]{1,4}")) || std::stol(v) < 1)
          return usage_of(cmd, "-j: expected a number of parallel jobs >= 1, got '" + v + "'");
        o.parallel = std::stol(v);
        o.have_jobs_option = true;
      } else if (a == "--backend") {
        o.backend_name = value("--backend");
      } else if (a == "--partition") {
        o.slurm.partition = value("--partition");
      } else if (a == "--time") {
        o.slurm.time = value("--time");
      } else if (a == "--cpus") {
        const std::string v = value("--cpus");
        if (!std::regex_match(v, std::regex("[0-9]{1,3}")) || std::stoi(v) < 1)
          return usage_of(cmd, "--cpus: expected CPUs per task >= 1, got '" + v + "'");
        o.slurm.cpus = std::stoi(v);
      } else if (!extra(has_inline ? a : args[i], value)) {
        if (!a.empty() && a[0] == '-') return usage_of(cmd, "unknown option '" + args[i] + "'");
        return usage_of(cmd, "unexpected argument '" + a + "'");
      }
    } catch (const regress_error& e) {
      return usage_of(cmd, e.what());
    }
  }
  if (o.backend_name != "local" && o.backend_name != "slurm")
    return usage_of(cmd, "--backend " + o.backend_name + ": unknown backend; use local or slurm");
  if (!o.list && o.out.empty()) return usage_of(cmd, "--out DIR is required (or --list)");
  if (o.coverage == coverage_mode::on && !rtl_coverage_build())
    return usage_of(cmd, "--coverage: this skybench has no RTL coverage (configure a build with "
                         "-DSKYBENCH_RTL_COVERAGE=ON; `skybench info` tells)");
  return -1;
}

}  // namespace sb::regress
