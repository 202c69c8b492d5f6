// Internal interfaces of `skybench regress` / `skybench sweep` (src/regress/).
//
// The three stages are kept apart so that another backend (Slurm) can run the
// same jobs:
//   1. plan     load_regression() + expand(): the job list, each job a plain
//               `skybench run` command line (job::run_args) - no backend state
//               (regress_plan.cpp);
//   2. launch   a backend runs the command lines and reports, per job, how
//               the process ended (job_outcome: exit code / signal / timeout)
//               (regress_local.cpp, regress_slurm.cpp);
//   3. collect  collect() turns an outcome plus the job's report.json into a
//               status and a failure signature (regress_collect.cpp); the
//               writers record it (regress_output.cpp).
// regress_execute.cpp drives the stages; regress_sweep.cpp builds a regression
// from --param lists. docs/regressions.md describes formats, options, outputs.
#pragma once

#include <signal.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace sb::regress {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr double kDefaultTimeoutS = 600;
constexpr double kKillGraceS = 5;       // SIGTERM, then SIGKILL this much later
constexpr std::size_t kMaxWaves = 10;   // failed jobs rerun with --wave, at most
constexpr double kMaxWaveRerunS = 300;  // not for jobs that took longer than this
constexpr const char* kReproduceExe = "build/skybench";

extern volatile sig_atomic_t g_stop;  // set by SIGINT / SIGTERM / SIGHUP
void on_stop_signal(int sig);

struct regress_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using clock_type = std::chrono::steady_clock;
double seconds_since(clock_type::time_point t0);
std::string fmt(double v, int prec = 1);
// Quotes for a POSIX shell only when needed, so commands stay copy-pasteable.
std::string shq(const std::string& s);
std::string signal_name(int sig);
bool write_file_atomic(const fs::path& p, const std::string& text);
// Runs this skybench with ARGS in `cwd`, stdout discarded; returns (exit, stderr).
std::pair<int, std::string> run_capture(const std::vector<std::string>& args, const fs::path& cwd);

// ---------------------------------------------------------------------------
// 1. plan

struct test_spec {
  std::string name;
  std::string config;             // as written: relative to the repository root (or absolute)
  std::vector<std::string> sets;  // "key=value", in file order
  std::vector<uint64_t> seeds;
  std::vector<std::string> labels;
  double timeout_s = kDefaultTimeoutS;
};

struct regression {
  std::string name;
  std::string file;  // as given on the command line
  fs::path root;     // the repository root: the regression file's folder/../..
  std::vector<test_spec> tests;
};

struct job {
  std::string id;  // <test>.s<seed>
  const test_spec* test = nullptr;
  uint64_t seed = 0;

  // The command line after the executable, without the output options.
  std::vector<std::string> run_args() const;
  // What a backend executes (in the repository root): run_args + where to write.
  std::vector<std::string> exec_args(const fs::path& job_dir) const;
  std::string reproduce() const;
};

bool is_name(const std::string& s);
regression load_regression(const std::string& path);
std::vector<job> expand(const regression& r);
// `skybench config CONFIG --set ...` in-process, the config path relative to
// `root`: "" when valid, else its stderr line ("skybench: error: ...").
std::string config_check(const fs::path& root, const std::string& config, const std::vector<std::string>& sets);
// Every test's config with its overrides, checked before anything runs;
// throws regress_error.
void validate_configs(const regression& r);

// ---------------------------------------------------------------------------
// 2. launch

struct job_outcome {
  enum class how { exited, signaled, timed_out, not_started } end = how::not_started;
  int code = -1;  // exit status (exited) or signal number (signaled)
  double wall_s = 0;
  std::string detail;  // not_started: why
};

// A backend runs jobs and reports each one's end. It must not interpret
// reports: collect() does that for every backend alike.
class backend {
 public:
  virtual ~backend() = default;
  using started_fn = std::function<void(const job&)>;
  using finished_fn = std::function<void(const job&, const job_outcome&)>;
  // Runs `jobs` (writing each one's files into out/jobs/<id>/), calling
  // `finished` as each ends; returns early (without reporting the jobs it
  // had to stop) when g_stop is set.
  virtual void run(const std::vector<const job*>& jobs, const started_fn& started, const finished_fn& finished,
                   const std::function<void()>& tick) = 0;
};

fs::path job_dir(const fs::path& out, const job& j);

struct slurm_options {
  std::string partition;  // "" = the cluster's default
  std::string time;       // Slurm time limit of each task; "" = from the largest timeout_s
  int cpus = 1;           // CPUs per task
  int max_parallel = 0;   // array throttle (%N); 0 = none
};

std::unique_ptr<backend> make_local_backend(fs::path out, fs::path root, int parallel);
std::unique_ptr<backend> make_slurm_backend(fs::path out, fs::path root, slurm_options o);

// ---------------------------------------------------------------------------
// 3. collect

struct job_result {
  std::string id, test;
  uint64_t seed = 0;
  std::string status;     // pass | fail | crash | timeout | error
  std::string signature;  // "" for pass
  double wall_s = 0;
  json exit_code;         // integer or null
  json signal;            // "SIGSEGV" or null
  std::string reproduce, report, log;  // report/log relative to the output folder
  std::string wave;       // FST of the failure, relative to the output folder ("" = none)
  bool previous = false;  // recorded by an earlier run into the same folder (resume)

  json to_json() const;
  static job_result from_json(const json& j);
};

std::string failure_signature(const json& report);
job_result collect(const job& j, const job_outcome& o, const fs::path& out);
// id -> the last record of results.jsonl (a later run wins).
std::map<std::string, json> read_results(const fs::path& file);

struct group {
  std::string key, status;
  std::vector<const job_result*> jobs;
};
std::vector<group> group_failures(const std::vector<job_result>& results);

// ---------------------------------------------------------------------------
// outputs

std::string junit_xml(const regression& reg, const std::vector<job_result>& results, double wall_s);
json summary_json(const regression& reg, const std::vector<job_result>& results, double wall_s, bool interrupted,
                  std::size_t not_run);
void print_console_summary(const json& s, const fs::path& out);

// Terminal: one line rewritten in place; CI logs: a line per finished job.
class progress {
 public:
  progress(std::size_t total, std::size_t already_done);
  void started();
  void finished(const job_result& r, bool was_running);
  void tick() { redraw(false); }
  void end(bool interrupted);

 private:
  void clear();
  void redraw(bool force);
  std::size_t total_, done_, base_, pass_ = 0, fail_ = 0, running_ = 0;
  bool tty_ = false;
  clock_type::time_point t0_;
  double last_ = -1;
};

// ---------------------------------------------------------------------------
// options and the driver

int usage_of(const char* cmd, const std::string& msg);
extern const char* const kRunOptionsHelp;

enum class coverage_mode { automatic, on, off };

struct run_options {
  std::string out, filter, rerun_dir, backend_name = "local";
  slurm_options slurm;
  bool list = false, have_filter = false, have_jobs_option = false, with_waves = true;
  long parallel = 1;
  coverage_mode coverage = coverage_mode::automatic;
};

// Called with the summary before it is written, to add to it (a sweep's table).
using summary_hook = std::function<void(json& summary, const fs::path& out, const std::vector<job_result>& results)>;

// Selects, validates, runs and records the jobs of REG (stages 1-3 above).
int execute(const regression& reg, const run_options& o, const char* cmd, const summary_hook& hook);

}  // namespace sb::regress
