// skybench command line: run a simulation, validate or list configuration.
// Exit status: 0 every check passed, 1 a check failed, 2 bad input (nothing ran).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <systemc>
#include <vector>

#include "sb_run_schema.h"
#include "sb_xbar_rtl.h"

namespace po = boost::program_options;
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
               "  skybench info                                      RTL builds compiled into this binary\n\n"
               "exit status: 0 all checks pass, 1 a check failed, 2 bad input (nothing ran)\n";
}

std::string fmt(double v, int prec = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

void print_summary(const nlohmann::json& r, const std::string& report_path) {
  const auto& ck = r["checks"];
  const auto& cs = ck["cosim"];
  const auto& ll = ck["lossless"];
  const auto& lp = r["latency"]["packet"];
  const auto& ls = r["latency"]["switch"];
  const auto& cfg = r["config"];
  std::printf("skybench: crossbar %s, %d ports, %s/%s x%d, %s load %.2f, %d-flit packets, seed %llu\n",
              cfg["impl"]["xbar"].get<std::string>().c_str(), int(cfg["switch"]["ports"]),
              cfg["xbar"]["queueing"].get<std::string>().c_str(), cfg["xbar"]["allocator"].get<std::string>().c_str(),
              int(cfg["xbar"]["islip_iterations"]), cfg["traffic"]["pattern"].get<std::string>().c_str(),
              double(cfg["traffic"]["load"]), int(cfg["traffic"]["packet_flits"]),
              (unsigned long long)cfg["run"]["seed"].get<uint64_t>());
  std::printf("  verdict     %s\n", r["verdict"] == "pass" ? "PASS" : "FAIL");
  for (auto& [name, c] : ck.items())
    if (!c["pass"].get<bool>()) std::printf("  FAILED      checks.%s\n", name.c_str());
  if (cs["enabled"].get<bool>()) {
    std::printf("  cosim       %llu cycles compared (%llu port-cycles), %llu mismatches\n",
                (unsigned long long)cs["compared_cycles"].get<uint64_t>(),
                (unsigned long long)cs["compared_port_cycles"].get<uint64_t>(),
                (unsigned long long)cs["mismatches"].get<uint64_t>());
    if (!cs["first_mismatch"].is_null()) {
      const auto& m = cs["first_mismatch"];
      std::printf("  mismatch    cycle %llu, block %s, port %d, %s.%s: model %s, rtl %s\n",
                  (unsigned long long)m["cycle"].get<uint64_t>(), m["block"].get<std::string>().c_str(),
                  int(m["port"]), m["signal"].get<std::string>().c_str(), m["field"].get<std::string>().c_str(),
                  m["model"].get<std::string>().c_str(), m["rtl"].get<std::string>().c_str());
      if (cs.contains("wave")) std::printf("  waveform    %s\n", cs["wave"].get<std::string>().c_str());
    }
  } else {
    std::printf("  cosim       off (impl.xbar=%s)\n", cfg["impl"]["xbar"].get<std::string>().c_str());
  }
  std::printf("  lossless    injected %llu, delivered %llu, lost %llu, duplicated %llu, reordered %llu, corrupted %llu packets\n",
              (unsigned long long)ll["injected"].get<uint64_t>(), (unsigned long long)ll["delivered"].get<uint64_t>(),
              (unsigned long long)ll["lost"].get<uint64_t>(), (unsigned long long)ll["duplicated"].get<uint64_t>(),
              (unsigned long long)ll["reordered"].get<uint64_t>(), (unsigned long long)ll["corrupted"].get<uint64_t>());
  if (!ll["first_error"].is_null()) std::printf("  first error %s\n", ll["first_error"].get<std::string>().c_str());
  std::printf("  latency     packet p50 %s ns, p99 %s ns, p99.9 %s ns, max %s ns (%llu packets)\n",
              fmt(lp["p50"]).c_str(), fmt(lp["p99"]).c_str(), fmt(lp["p999"]).c_str(), fmt(lp["max"]).c_str(),
              (unsigned long long)lp["count"].get<uint64_t>());
  std::printf("              switch p50 %s ns, p99 %s ns, p99.9 %s ns\n", fmt(ls["p50"]).c_str(),
              fmt(ls["p99"]).c_str(), fmt(ls["p999"]).c_str());
  std::printf("  throughput  offered %.3f, accepted %.3f flits/cycle/port\n", double(r["throughput"]["offered"]),
              double(r["throughput"]["accepted"]));
  std::printf("  speed       %llu cycles in %.2f s = %.0f cycles/s\n", (unsigned long long)r["sim"]["cycles"].get<uint64_t>(),
              double(r["sim"]["wall_s"]), double(r["sim"]["cycles_per_s"]));
  std::printf("  report      %s\n", report_path.c_str());
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

int cmd_run(int argc, char** argv) {
  po::options_description opts("run options");
  std::vector<std::string> sets;
  std::string out, wave_window;
  uint64_t seed = 0, cycles = 0;
  opts.add_options()("help,h", "help")("set", po::value(&sets)->composing(), "key=value override (repeatable)")(
      "seed", po::value(&seed), "random seed (same as --set run.seed=N)")(
      "cycles", po::value(&cycles), "cycles of traffic (same as --set run.cycles=N)")(
      "out", po::value(&out), "output folder (default out/<config name>)")("wave", "write an FST waveform of the RTL")(
      "wave-window", po::value(&wave_window), "FROM:TO trace only these cycles")(
      "quiet", "no summary")("config", po::value<std::string>(), "config file");
  po::positional_options_description pos;
  pos.add("config", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    return usage_error(std::string("run: ") + e.what());
  }
  if (vm.count("help")) {
    std::cout << "usage: skybench run CONFIG.yaml [options]\n" << opts;
    return 0;
  }
  if (!vm.count("config")) return usage_error("run: missing CONFIG.yaml");
  const std::string path = vm["config"].as<std::string>();
  std::vector<std::string> overrides = sets;
  if (vm.count("seed")) overrides.push_back("run.seed=" + std::to_string(seed));
  if (vm.count("cycles")) overrides.push_back("run.cycles=" + std::to_string(cycles));

  sb::config cfg;
  sb::xbar_bench_config bc;
  try {
    cfg = sb::load_config(path, overrides, sb::run_schema());
    bc = sb::to_xbar_bench_config(cfg);
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  if (out.empty()) out = "out/" + fs::path(path).stem().string();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) return usage_error("--out: cannot create '" + out + "': " + ec.message());
  bc.out_dir = out;
  const bool has_rtl = bc.impl != sb::impl_mode::model;
  if (vm.count("wave") || !wave_window.empty()) {
    if (!has_rtl) return usage_error("--wave: impl.xbar=model has no RTL to trace; use rtl or lockstep");
    bc.wave_path = out + "/wave.fst";
    if (!wave_window.empty()) {
      unsigned long long a = 0, b = 0;
      if (std::sscanf(wave_window.c_str(), "%llu:%llu", &a, &b) != 2 || b < a)
        return usage_error("--wave-window: expected FROM:TO cycles, got '" + wave_window + "'");
      bc.wave_from = int64_t(a);
      bc.wave_to = int64_t(b);
    }
  }
  const bool quiet = vm.count("quiet") > 0;

  nlohmann::json r;
  try {
    r = sb::run_xbar_bench(bc);
  } catch (const std::invalid_argument& e) {
    std::cerr << "skybench: error: " << path << ": " << e.what() << "\n";
    return 2;
  }
  nlohmann::json report;
  report["skybench"] = kVersion;
  report["config_file"] = path;
  std::string cmdline = "skybench run " + path;
  for (const auto& o : overrides) cmdline += " --set " + o;
  report["reproduce"] = cmdline;
  report["seed"] = bc.seed;
  report["config"] = cfg.to_json();
  report.update(r);
  const std::string report_path = out + "/report.json";
  auto write_report = [&] {
    std::ofstream f(report_path);
    f << report.dump(2) << "\n";
    return bool(f);
  };
  if (!write_report()) return usage_error("cannot write " + report_path);
  auto& cosim = report["checks"]["cosim"];
  if (!cosim["first_mismatch"].is_null() && wave_window.empty()) {
    std::vector<std::string> base = {"run", path};
    for (const auto& o : overrides) base.insert(base.end(), {"--set", o});
    const std::string fst = rerun_for_wave(base, out, cosim["first_mismatch"]["cycle"].get<uint64_t>());
    if (!fst.empty()) {
      const std::string dst = out + "/mismatch.fst";
      fs::rename(fst, dst, ec);
      cosim["wave"] = ec ? fst : dst;
      write_report();
    }
  }
  if (!quiet) print_summary(report, report_path);
  return report["verdict"] == "pass" ? 0 : 1;
}

int cmd_config(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && args[0] == "--list") {
    std::cout << sb::run_schema().markdown_table();
    return 0;
  }
  if (args.empty()) return usage_error("config: expected CONFIG.yaml or --list");
  std::vector<std::string> overrides;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--set" && i + 1 < args.size())
      overrides.push_back(args[++i]);
    else
      return usage_error("config: unexpected argument '" + args[i] + "'");
  }
  try {
    const sb::config c = sb::load_config(args[0], overrides, sb::run_schema());
    std::cout << c.to_json().dump(2) << "\n";
  } catch (const sb::config_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

int cmd_info() {
  std::cout << "skybench " << kVersion << "\nVerilated crossbar builds:\n";
  for (const auto& b : sb::xbar_rtl_builds()) std::cout << "  " << b << "\n";
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
  if (cmd == "info") return cmd_info();
  return usage_error("unknown command '" + cmd + "'");
}
