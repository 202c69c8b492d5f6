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

namespace {

std::string checked_number(const std::string& v, const char* re, long min, const std::string& what) {
  if (!std::regex_match(v, std::regex(re)) || std::stol(v) < min) throw cli::usage_error(what + ", got '" + v + "'");
  return v;
}

void add_shared_options(cli::parser& p, run_options& o, const std::function<void()>& help) {
  p.flag("-h,--help", "help", [help] {
     help();
     throw cli::stop{0};
   })
      .value("--out", "DIR", "output folder", [&o](const std::string& v) { o.out = v; })
      .flag("--list", "print the jobs; run nothing", [&o] { o.list = true; })
      .flag("--no-waves", "no waveform reruns", [&o] { o.with_waves = false; })
      .flag("--coverage", "merge RTL coverage", [&o] { o.coverage = coverage_mode::on; })
      .flag("--no-coverage", "no RTL coverage", [&o] { o.coverage = coverage_mode::off; })
      .value("--filter", "REGEX", "only matching jobs", [&o](const std::string& v) {
        o.filter = v;
        o.have_filter = true;
      })
      .value("--rerun-failed", "DIR", "only the failed jobs of DIR", [&o](const std::string& v) { o.rerun_dir = v; })
      .value("-j,--jobs", "N", "jobs in parallel", [&o](const std::string& v) {
        o.parallel = std::stol(checked_number(v, "[0-9]{1,4}", 1, "-j: expected a number of parallel jobs >= 1"));
        o.have_jobs_option = true;
      }, "-j")
      .value("--backend", "local|slurm", "where jobs run", [&o](const std::string& v) { o.backend_name = v; })
      .value("--partition", "P", "Slurm partition", [&o](const std::string& v) { o.slurm.partition = v; })
      .value("--time", "T", "Slurm time limit per task", [&o](const std::string& v) { o.slurm.time = v; })
      .value("--cpus", "N", "Slurm CPUs per task", [&o](const std::string& v) {
        o.slurm.cpus = std::stoi(checked_number(v, "[0-9]{1,3}", 1, "--cpus: expected CPUs per task >= 1"));
      });
}

}  // namespace

int parse_run_options(const char* cmd, const std::vector<std::string>& args, run_options& o, const extra_fn& extra,
                      const std::function<void()>& help) {
  o.parallel = sysconf(_SC_NPROCESSORS_ONLN);
  if (o.parallel < 1) o.parallel = 1;
  const cli::messages m{[](const std::string& a) { return "unknown option '" + a + "'"; },
                        [](const std::string& a) { return "unexpected argument '" + a + "'"; },
                        [](const std::string& a) { return a + " needs a value"; }};
  cli::parser p(m, [cmd](const std::string& msg) { return usage_of(cmd, msg); });
  p.attached_values();
  add_shared_options(p, o, help);
  extra(p);
  if (const int rc = p.parse(args); rc >= 0) return rc;
  if (o.backend_name != "local" && o.backend_name != "slurm")
    return usage_of(cmd, "--backend " + o.backend_name + ": unknown backend; use local or slurm");
  if (!o.list && o.out.empty()) return usage_of(cmd, "--out DIR is required (or --list)");
  if (o.coverage == coverage_mode::on && !rtl_coverage_build())
    return usage_of(cmd, "--coverage: this skybench has no RTL coverage (configure a build with "
                         "-DSKYBENCH_RTL_COVERAGE=ON; `skybench info` tells)");
  return -1;
}

}  // namespace sb::regress
