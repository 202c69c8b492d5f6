// skybench command line: run a simulation, validate or list configuration.
// Exit status: 0 every check passed, 1 a check failed, 2 bad input (nothing ran).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <iostream>
#include <string>
#include <systemc>
#include <vector>

#include "sb_cli.h"
#include "sb_run_schema.h"
#include "sb_system.h"
#include "sb_system_print.h"
#include "sb_switch_rtl.h"
#include "sb_llr_rtl.h"
#include "sb_regress.h"
#include "sb_rtl_coverage.h"
#include "sb_rtl_init.h"
#include "sb_xbar_rtl.h"

namespace fs = std::filesystem;

namespace {

constexpr const char* kVersion = "0.1.0";

int usage_error(const std::string& msg) {
  std::cerr << "skybench: error: " << msg << "\n(see 'skybench --help')\n";
  return 2;
}

void print_help() {
  std::cout << "skybench " << kVersion
            << " - cycle-accurate scale-up switch model and RTL verification bench\n\n"
               "usage:\n"
               "  skybench run CONFIG.yaml [--set key=value]... [--seed N] [--cycles N] [--out DIR] [--wave]\n"
               "  skybench config CONFIG.yaml [--set key=value]...   validate and print the effective config\n"
               "  skybench config --list                             every key: type, default, range, meaning\n"
               "  skybench size CONFIG.yaml [--set key=value]...     link sizing: LLR replay depth, PFC headroom, CBFC credits\n"
               "  skybench info                                      RTL builds compiled into this binary\n"
               "  skybench regress FILE.yaml --out DIR [-j N] [--filter RE] [--rerun-failed DIR] [--list]\n"
               "                                                     run a regression (docs/regressions.md)\n"
               "  skybench sweep CONFIG.yaml --param key=v1,v2,... --out DIR [--seeds N] [-j N]\n"
               "                                                     parameter sweep run as a regression; sweep.csv, curves\n"
               "  skybench report DIR [--out HTML] [--link P:N]      HTML page with PNG plots of a run or regression folder\n\n"
               "exit status: 0 all checks pass, 1 a check failed, 2 bad input (nothing ran)\n";
}


// Reruns this run in a child process with the RTL traced around the first
// mismatch; returns the FST path or "".
std::string rerun_for_wave(const std::vector<std::string>& base_args, const std::string& out, uint64_t cycle) {
  const std::string dir = out + "/mismatch-wave";
  const uint64_t from = cycle > 64 ? cycle - 64 : 0;
  std::vector<std::string> args = base_args;
  args.insert(args.end(), {"--out", dir, "--wave-window", std::to_string(from) + ":" + std::to_string(cycle + 8),
                           "--quiet"});
  std::vector<char*> argv;
  std::string exe = "/proc/self/exe";
  argv.push_back(exe.data());
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // The replay repeats the mismatch message: keep it in its own log.
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (std::freopen((dir + "/replay.log").c_str(), "w", stderr) == nullptr) _exit(126);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int st = 0;
  if (pid < 0 || waitpid(pid, &st, 0) < 0) return "";
  const std::string fst = dir + "/wave.fst";
  return fs::exists(fst) ? fst : "";
}

// The run's options from its command line.
struct run_args {
  std::string path, out, wave_window;
  std::vector<std::string> overrides;
  std::optional<uint64_t> seed, cycles;
  bool wave = false, quiet = false;
};

// Returns -1 to go on, else the exit status.
// boost::program_options' wording, which `skybench run` has always used.
const sb::cli::messages kRunMessages{
    [](const std::string& arg) { return "run: unrecognised option '" + arg + "'"; },
    [](const std::string&) { return std::string("run: too many positional options have been specified on the command line"); },
    [](const std::string& opt) { return "run: the required argument for option '" + opt + "' is missing"; }};

std::string run_number(const std::string& opt, const std::string& v) {
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 20)
    throw sb::cli::usage_error("run: the argument ('" + v + "') for option '" + opt + "' is invalid");
  return v;
}

// Returns -1 to go on, else the exit status.
int parse_run(int argc, char** argv, run_args& a) {
  sb::cli::parser p(kRunMessages, usage_error);
  p.attached_values();
  p.flag("-h,--help", "help", [&p] {
     std::cout << "usage: skybench run CONFIG.yaml [options]\nrun options:\n";
     p.print_options(std::cout);
     throw sb::cli::stop{0};
   })
      .value("--set", "KEY=VALUE", "key=value override (repeatable)", [&a](const std::string& v) { a.overrides.push_back(v); })
      .value("--seed", "N", "random seed (same as --set run.seed=N)",
             [&a](const std::string& v) { a.seed = std::stoull(run_number("--seed", v)); })
      .value("--cycles", "N", "cycles of traffic (same as --set run.cycles=N)",
             [&a](const std::string& v) { a.cycles = std::stoull(run_number("--cycles", v)); })
      .value("--out", "DIR", "output folder (default out/<config name>)", [&a](const std::string& v) { a.out = v; })
      .flag("--wave", "write an FST waveform of the RTL", [&a] { a.wave = true; })
      .value("--wave-window", "FROM:TO", "trace only these cycles", [&a](const std::string& v) { a.wave_window = v; })
      .flag("--quiet", "no summary", [&a] { a.quiet = true; })
      .positional([&a](const std::string& v) {
        if (!a.path.empty()) return false;
        a.path = v;
        return true;
      });
  if (const int rc = p.parse(std::vector<std::string>(argv + 1, argv + argc)); rc >= 0) return rc;
  if (a.path.empty()) return usage_error("run: missing CONFIG.yaml");
  // --seed / --cycles last, as overrides (the last one wins).
  if (a.seed) a.overrides.push_back("run.seed=" + std::to_string(*a.seed));
  if (a.cycles) a.overrides.push_back("run.cycles=" + std::to_string(*a.cycles));
  return -1;
}

enum class process_fault { none, segv, hang };

// The RTL's initial state (run.rtl_init) and the TEST ONLY process faults.
void apply_run_settings(const sb::config& cfg) {
  // The RTL's unknown initial state: zeros or random from the run's seed (run.rtl_init).
  sb::rtl_init_setting() = {sb::choice_of<bool>(cfg, "run.rtl_init", {{"zero", false}, {"random", true}}),
                            uint64_t(cfg.get_int("run.seed"))};
  // TEST ONLY (fault.process): a crash or a hang, for the regression runner's tests.
  // (With the default action: the process dies of the signal whatever handler is
  // installed - AddressSanitizer's would report it and exit 1.)
  const process_fault pf = sb::choice_of<process_fault>(
      cfg, "fault.process", {{"none", process_fault::none}, {"segv", process_fault::segv}, {"hang", process_fault::hang}});
  if (pf == process_fault::segv) {
    std::signal(SIGSEGV, SIG_DFL);
    std::raise(SIGSEGV);
  }
  if (pf == process_fault::hang)
    for (;;) pause();
}

// --wave / --wave-window and --out into the request; -1 to go on, else the exit status.
int make_request(const run_args& a, const sb::system_def& sys, bool has_rtl, sb::run_request& q) {
  if (a.wave || !a.wave_window.empty()) {
    if (!has_rtl)
      return usage_error(std::string("--wave: ") + sys.impl_key + "=model has no RTL to trace; use rtl or lockstep");
    if (!a.wave_window.empty()) {
      unsigned long long from = 0, to = 0;
      if (std::sscanf(a.wave_window.c_str(), "%llu:%llu", &from, &to) != 2 || to < from)
        return usage_error("--wave-window: expected FROM:TO cycles, got '" + a.wave_window + "'");
      q.wave_from = int64_t(from);
      q.wave_to = int64_t(to);
    }
  }
  q.out_dir = a.out.empty() ? "out/" + fs::path(a.path).stem().string() : a.out;
  std::error_code ec;
  fs::create_directories(q.out_dir, ec);
  if (ec) return usage_error("--out: cannot create '" + q.out_dir + "': " + ec.message());
  if (a.wave || !a.wave_window.empty()) q.wave_path = q.out_dir + "/wave.fst";
  q.quiet = a.quiet;
  return -1;
}

bool write_json(const std::string& path, const nlohmann::json& j) {
  std::ofstream f(path);
  f << j.dump(2) << "\n";
  return bool(f);
}

// report.json, and the waveform of a lockstep mismatch (a rerun of this run).
int write_report(const run_args& a, const sb::config& cfg, const nlohmann::json& r, const std::string& out,
                 nlohmann::json& report) {
  report["skybench"] = kVersion;
  report["config_file"] = a.path;
  std::string cmdline = "skybench run " + a.path;
  for (const auto& o : a.overrides) cmdline += " --set " + o;
  report["reproduce"] = cmdline;
  report["seed"] = cfg.get_int("run.seed");
  report["config"] = cfg.to_json();
  report.update(r);
  const std::string report_path = out + "/report.json";
  if (!write_json(report_path, report)) return usage_error("cannot write " + report_path);
  auto& cosim = report["checks"]["cosim"];
  if (!cosim["first_mismatch"].is_null() && a.wave_window.empty()) {
    std::vector<std::string> base = {"run", a.path};
    for (const auto& o : a.overrides) base.insert(base.end(), {"--set", o});
    const std::string fst = rerun_for_wave(base, out, cosim["first_mismatch"]["cycle"].get<uint64_t>());
    if (!fst.empty()) {
      const std::string dst = out + "/mismatch.fst";
      std::error_code ec;
      fs::rename(fst, dst, ec);
      cosim["wave"] = ec ? fst : dst;
      write_json(report_path, report);
    }
  }
  return -1;
}

int cmd_run(int argc, char** argv) {
  run_args a;
  if (const int rc = parse_run(argc, argv, a); rc >= 0) return rc;
  sb::config cfg;
  const sb::system_def* sys = nullptr;
  sb::prepared_run prep;
  try {
    cfg = sb::load_config(a.path, a.overrides, sb::run_schema());
    sys = sb::find_system(cfg.get_string("system"));
    prep = sys->prepare(cfg);
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  } catch (const std::invalid_argument& e) {
    std::cerr << "skybench: error: " << a.path << ": " << e.what() << "\n";
    return 2;
  }
  apply_run_settings(cfg);
  sb::run_request q;
  if (const int rc = make_request(a, *sys, prep.has_rtl, q); rc >= 0) return rc;
  nlohmann::json r;
  try {
    r = prep.run(q);
  } catch (const std::invalid_argument& e) {
    std::cerr << "skybench: error: " << a.path << ": " << e.what() << "\n";
    return 2;
  }
  nlohmann::json report;
  if (const int rc = write_report(a, cfg, r, q.out_dir, report); rc >= 0) return rc;
  if (!a.quiet) sys->print_summary(report, q.out_dir + "/report.json");
  return report["verdict"] == "pass" ? 0 : 1;
}

// `skybench report DIR [--out HTML] [--link PLANE:PORT]`: execs python3 scripts/sb_report.py (found
// through SKYBENCH_SCRIPTS, else <exe dir>/../scripts); its exit status is ours.
int cmd_report(int argc, char** argv, const char* exe0) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const std::string usage = "report: usage: skybench report DIR [--out HTML] [--link PLANE:PORT]";
  if (args.empty() || args[0].empty() || args[0][0] == '-') return usage_error(usage);
  const fs::path dir = args[0];
  if (!fs::is_directory(dir)) {
    std::cerr << "skybench: error: report: " << dir.string() << ": no such folder\n";
    return 2;
  }
  if (!fs::is_regular_file(dir / "report.json") && !fs::is_regular_file(dir / "summary.json")) {
    std::cerr << "skybench: error: report: " << dir.string()
              << ": neither report.json (a run) nor summary.json (a regression) in this folder\n";
    return 2;
  }
  // Checked here, passed on as given to the renderer (which has its own --help).
  auto bad = [&usage](const std::string&) { return usage; };
  sb::cli::parser p({bad, bad, bad}, usage_error);
  std::string dir_arg;
  p.attached_values();
  p.value("--out", "HTML", "output page (default DIR/report.html)", [](const std::string&) {})
      .value("--link", "PLANE:PORT", "a pod run: the link whose FEC histogram is plotted", [](const std::string&) {})
      .flag("-h,--help", "help", [] {})
      .positional([&dir_arg](const std::string& v) {
        if (!dir_arg.empty()) return false;
        dir_arg = v;
        return true;
      });
  if (const int rc = p.parse(args); rc >= 0) return rc;
  // The executable's folder as invoked (build/ may be a symlink), then as resolved.
  std::error_code ec;
  fs::path script;
  std::vector<fs::path> cands;
  if (const char* env = std::getenv("SKYBENCH_SCRIPTS"); env && *env) {
    cands.push_back(fs::path(env) / "sb_report.py");
  } else {
    if (std::string(exe0).find('/') != std::string::npos)
      cands.push_back((fs::absolute(exe0, ec).parent_path() / ".." / "scripts" / "sb_report.py").lexically_normal());
    cands.push_back(fs::canonical("/proc/self/exe", ec).parent_path().parent_path() / "scripts" / "sb_report.py");
  }
  for (auto& c : cands)
    if (script.empty() && fs::is_regular_file(c)) script = c;
  if (script.empty()) {
    script = cands.front();
    std::cerr << "skybench: error: report: renderer not found: " << script.string() << " (set SKYBENCH_SCRIPTS)\n";
    return 2;
  }
  // Debian's python3 (with python3-matplotlib) first: a PATH python3 may lack it.
  std::string py = "python3";
  if (const char* env = std::getenv("SKYBENCH_PYTHON"); env && *env) py = env;
  else if (access("/usr/bin/python3", X_OK) == 0) py = "/usr/bin/python3";
  std::vector<std::string> full{py, script.string()};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : full) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  std::fflush(nullptr);
  std::cout.flush();
  execvp(cargv[0], cargv.data());
  std::cerr << "skybench: error: report: cannot run " << py << ": " << std::strerror(errno) << "\n";
  return 2;
}

// CONFIG.yaml and --set overrides of `skybench config` / `skybench size`;
// -1 to go on, else the exit status.
int parse_config_args(const char* cmd, const std::vector<std::string>& args, std::string& path,
                      std::vector<std::string>& overrides, bool* list) {
  auto unexpected = [cmd](const std::string& a) { return std::string(cmd) + ": unexpected argument '" + a + "'"; };
  sb::cli::parser p({unexpected, unexpected, unexpected}, usage_error);
  p.value("--set", "KEY=VALUE", "override", [&](const std::string& v) { overrides.push_back(v); });
  if (list) p.flag("--list", "every key", [list] { *list = true; });
  p.positional([&](const std::string& v) {
    if (!path.empty()) return false;
    path = v;
    return true;
  });
  return p.parse(args);
}

int cmd_config(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::string path;
  std::vector<std::string> overrides;
  bool list = false;
  if (const int rc = parse_config_args("config", args, path, overrides, &list); rc >= 0) return rc;
  if (list && args.size() == 1) {
    std::cout << sb::run_schema().markdown_table();
    return 0;
  }
  if (list) return usage_error("config: --list takes no other argument");
  if (path.empty()) return usage_error("config: expected CONFIG.yaml or --list");
  try {
    const sb::config c = sb::load_config(path, overrides, sb::run_schema());
    std::cout << c.to_json().dump(2) << "\n";
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int cmd_size(int argc, char** argv) {
  std::string path;
  std::vector<std::string> overrides;
  if (const int rc = parse_config_args("size", std::vector<std::string>(argv + 1, argv + argc), path, overrides, nullptr);
      rc >= 0)
    return rc;
  if (path.empty()) return usage_error("size: expected CONFIG.yaml");
  try {
    const sb::config c = sb::load_config(path, overrides, sb::run_schema());
    sb::print_llr_sizing(sb::to_llr_bench_config(c), stdout, true);
    sb::print_pfc_headroom(c, stdout, true);
    const sb::incast_bench_config ic = sb::to_incast_bench_config(c);
    const uint32_t d = ic.link.delay_cycles();
    const uint32_t need = sb::cbfc_credits_needed(d, ic.fc.cbfc.min_spacing, ic.fc.cbfc.cost);
    std::printf("CBFC credits per VC for full rate: cost %u * (2*%u + min spacing %u + 4) = %u credits; configured cbfc.credits %u%s\n",
                unsigned(ic.fc.cbfc.cost), d, unsigned(ic.fc.cbfc.min_spacing), need, unsigned(ic.fc.cbfc.limit),
                ic.fc.cbfc.limit < need ? " (fewer: a VC cannot run at full rate)" : "");
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int cmd_info() {
  std::cout << "skybench " << kVersion << "\nVerilated crossbar builds:\n";
  for (const auto& b : sb::xbar_rtl_builds()) std::cout << "  " << b << "\n";
  std::cout << "Verilated LLR builds:\n  both ends of a link (sb_llr_pair) and one end (sb_llr), replay storage MaxDepth=" << sb::llr_rtl_max_depth()
            << " flits\n";
  std::cout << "Verilated switch chip builds (sb_switch):\n";
  const sb::switch_rtl_sizes z = sb::switch_rtl_build_sizes();
  for (int n : sb::switch_rtl_port_builds())
    std::cout << "  ports=" << n << " classes=" << z.classes << " xbar depth<=" << z.xbar_max_depth
              << " xbar pipeline<=" << z.xbar_max_pipe << " llr depth<=" << z.llr_max_depth << " ingress<="
              << z.max_ingress << " egress<=" << z.max_egress << " pipeline<=" << z.max_sw_pipe << "\n";
  if (sb::switch_rtl_port_builds().empty()) std::cout << "  none (configure with -DSKYBENCH_SWITCH_RTL_BUILDS)\n";
  if (sb::rtl_coverage_build())
    std::cout << "RTL coverage: on (verilator --coverage: line, toggle, cover properties); every RTL run writes "
                 "coverage.dat into its folder, skybench regress merges them into OUT/coverage/\n";
  else
    std::cout << "RTL coverage: off (configure with -DSKYBENCH_RTL_COVERAGE=ON for a coverage build)\n";
  return 0;
}

}  // namespace

// Our own main: SystemC prints its banner when its kernel starts unless this
// variable is set, and the banner would interleave with the report summary.
int main(int argc, char** argv) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char** argv) {
  if (argc < 2) {
    print_help();
    return 2;
  }
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    print_help();
    return 0;
  }
  if (cmd == "--version") {
    std::cout << kVersion << "\n";
    return 0;
  }
  // Keep SystemC's banner and info messages off the user's terminal.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  if (cmd == "run") return cmd_run(argc - 1, argv + 1);
  if (cmd == "config") return cmd_config(argc - 1, argv + 1);
  if (cmd == "size") return cmd_size(argc - 1, argv + 1);
  if (cmd == "info") return cmd_info();
  if (cmd == "regress") return sb::cmd_regress(argc - 1, argv + 1);
  if (cmd == "sweep") return sb::cmd_sweep(argc - 1, argv + 1);
  if (cmd == "report") return cmd_report(argc - 1, argv + 1, argv[0]);
  return usage_error("unknown command '" + cmd + "'");
}
