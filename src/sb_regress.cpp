// skybench regress: a regression file (tests x seeds) expanded into jobs, run
// by a backend, collected into results.jsonl / junit.xml / summary.json.
// docs/regressions.md describes the file format, the options and the outputs.
//
// The three stages are kept apart so that another backend (Slurm) can run the
// same jobs:
//   1. plan     load_regression() + expand(): the job list, each job a plain
//               `skybench run` command line (job::run_args) - no backend state;
//   2. launch   a backend runs the command lines and reports, per job, how
//               the process ended (job_outcome: exit code / signal / timeout);
//   3. collect  collect() turns an outcome plus the job's report.json into a
//               status and a failure signature; the writers below record it.
#include "sb_regress.h"

#include "sb_regress_coverage.h"
#include "sb_rtl_coverage.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace sb {
namespace {

constexpr double kDefaultTimeoutS = 600;
constexpr double kKillGraceS = 5;  // SIGTERM, then SIGKILL this much later
constexpr std::size_t kMaxWaves = 10;    // failed jobs rerun with --wave, at most
constexpr double kMaxWaveRerunS = 300;   // not for jobs that took longer than this
constexpr const char* kReproduceExe = "build/skybench";

volatile sig_atomic_t g_stop = 0;  // set by SIGINT / SIGTERM / SIGHUP
void on_stop_signal(int sig) { g_stop = sig; }

struct regress_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using clock_type = std::chrono::steady_clock;
double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

std::string fmt(double v, int prec = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

// Quotes for a POSIX shell only when needed, so commands stay copy-pasteable.
std::string shq(const std::string& s) {
  static const char* safe =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./=:+,@%-";
  if (!s.empty() && s.find_first_not_of(safe) == std::string::npos) return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string signal_name(int sig) {
  static const std::map<int, const char*> names = {
      {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
      {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"}, {SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"},
      {SIGHUP, "SIGHUP"},   {SIGPIPE, "SIGPIPE"}, {SIGQUIT, "SIGQUIT"}, {SIGTRAP, "SIGTRAP"},
      {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"}};
  auto it = names.find(sig);
  return it != names.end() ? it->second : "signal " + std::to_string(sig);
}

// ---------------------------------------------------------------------------
// 1. plan: the regression file and its jobs

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
  std::vector<std::string> run_args() const {
    std::vector<std::string> a = {"run", test->config};
    for (const auto& s : test->sets) a.insert(a.end(), {"--set", s});
    a.insert(a.end(), {"--seed", std::to_string(seed)});
    return a;
  }
  // What a backend executes (in the repository root): run_args + where to write.
  std::vector<std::string> exec_args(const fs::path& job_dir) const {
    std::vector<std::string> a = run_args();
    a.insert(a.end(), {"--out", job_dir.string(), "--quiet"});
    return a;
  }
  std::string reproduce() const {
    std::string s = kReproduceExe;
    for (const auto& a : run_args()) s += " " + shq(a);
    return s;
  }
};

class file_errors {
 public:
  explicit file_errors(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(const std::string& key, const std::string& reason, const YAML::Node* at = nullptr) const {
    std::string msg = file_ + ": " + (key.empty() ? "" : key + ": ") + reason;
    if (at != nullptr && at->Mark().line >= 0) msg += " (line " + std::to_string(at->Mark().line + 1) + ")";
    throw regress_error(msg);
  }

 private:
  std::string file_;
};

bool is_name(const std::string& s) { return std::regex_match(s, std::regex("[A-Za-z0-9_.-]+")); }

std::string scalar_of(const YAML::Node& n, const std::string& key, const file_errors& err) {
  if (!n.IsScalar()) err.fail(key, "must be a scalar", &n);
  return n.Scalar();
}

uint64_t uint_of(const YAML::Node& n, const std::string& key, const file_errors& err, uint64_t lo, uint64_t hi) {
  const std::string s = scalar_of(n, key, err);
  if (!std::regex_match(s, std::regex("[0-9]{1,19}")))
    err.fail(key, "must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + s + "'", &n);
  const uint64_t v = std::stoull(s);
  if (v < lo || v > hi)
    err.fail(key, "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + s, &n);
  return v;
}

void flatten_sets(const YAML::Node& m, const std::string& prefix, const std::string& key, const file_errors& err,
                  std::vector<std::string>& out) {
  for (const auto& kv : m) {
    const std::string k = prefix + scalar_of(kv.first, key, err);
    const YAML::Node& v = kv.second;
    if (v.IsMap()) {
      flatten_sets(v, k + ".", key, err, out);
    } else if (v.IsScalar()) {
      if (k == "run.seed") err.fail(key + "." + k, "the seed comes from seeds:, not from set:", &v);
      out.push_back(k + "=" + v.Scalar());
    } else {
      err.fail(key + "." + k, "must be a scalar value (key: value)", &v);
    }
  }
}

regression load_regression(const std::string& path) {
  const file_errors err(path);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) err.fail("", "cannot read the regression file");
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    err.fail("", std::string("YAML syntax: ") + e.what());
  }
  if (!doc.IsMap()) err.fail("", "expected a mapping with name: and tests:");
  regression r;
  r.file = path;
  r.root = fs::weakly_canonical(fs::absolute(path).parent_path() / ".." / "..");
  const std::set<std::string> top_keys = {"name", "description", "tests"};
  for (const auto& kv : doc) {
    const std::string k = kv.first.Scalar();
    if (!top_keys.count(k)) err.fail(k, "unknown key (expected name, description, tests)", &kv.first);
  }
  if (!doc["name"]) err.fail("name", "missing");
  r.name = scalar_of(doc["name"], "name", err);
  if (!is_name(r.name)) err.fail("name", "must match [A-Za-z0-9_.-]+, got '" + r.name + "'");
  if (doc["description"]) scalar_of(doc["description"], "description", err);
  const YAML::Node tests = doc["tests"];
  if (!tests) err.fail("tests", "missing");
  if (!tests.IsSequence() || tests.size() == 0) err.fail("tests", "must be a non-empty list of tests", &tests);
  const std::set<std::string> test_keys = {"name", "config", "set", "seeds", "labels", "timeout_s"};
  std::set<std::string> names;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const YAML::Node t = tests[i];
    const std::string where = "tests[" + std::to_string(i) + "]";
    if (!t.IsMap()) err.fail(where, "must be a mapping (name, config, seeds, ...)", &t);
    for (const auto& kv : t) {
      const std::string k = kv.first.Scalar();
      if (!test_keys.count(k))
        err.fail(where + "." + k, "unknown key (expected name, config, set, seeds, labels, timeout_s)", &kv.first);
    }
    for (const char* req : {"name", "config", "seeds"})
      if (!t[req]) err.fail(where + "." + req, "missing", &t);
    test_spec s;
    s.name = scalar_of(t["name"], where + ".name", err);
    if (!is_name(s.name)) err.fail(where + ".name", "must match [A-Za-z0-9_.-]+, got '" + s.name + "'", &t);
    if (!names.insert(s.name).second) err.fail(where + ".name", "duplicate test name '" + s.name + "'", &t);
    s.config = scalar_of(t["config"], where + ".config", err);
    const fs::path cfg = fs::path(s.config).is_absolute() ? fs::path(s.config) : r.root / s.config;
    if (!fs::is_regular_file(cfg, ec))
      err.fail(where + ".config", "no such file " + cfg.string() + " (config paths are relative to the repository root " +
                                      r.root.string() + ")");
    if (const YAML::Node set = t["set"]) {
      if (!set.IsMap()) err.fail(where + ".set", "must be a mapping {key: value, ...}", &set);
      flatten_sets(set, "", where + ".set", err, s.sets);
    }
    const YAML::Node seeds = t["seeds"];
    if (seeds.IsSequence()) {
      if (seeds.size() == 0) err.fail(where + ".seeds", "an empty list runs nothing", &seeds);
      std::set<uint64_t> seen;
      for (std::size_t j = 0; j < seeds.size(); ++j) {
        const uint64_t v = uint_of(seeds[j], where + ".seeds[" + std::to_string(j) + "]", err, 0, 9200000000000000000ULL);
        if (!seen.insert(v).second) err.fail(where + ".seeds", "seed " + std::to_string(v) + " listed twice", &seeds);
        s.seeds.push_back(v);
      }
    } else {
      const uint64_t n = uint_of(seeds, where + ".seeds", err, 1, 100000);
      for (uint64_t v = 1; v <= n; ++v) s.seeds.push_back(v);
    }
    if (const YAML::Node labels = t["labels"]) {
      if (!labels.IsSequence()) err.fail(where + ".labels", "must be a list of labels", &labels);
      for (std::size_t j = 0; j < labels.size(); ++j) {
        const std::string l = scalar_of(labels[j], where + ".labels", err);
        if (!std::regex_match(l, std::regex("[A-Za-z0-9_.:-]+")))
          err.fail(where + ".labels", "label must match [A-Za-z0-9_.:-]+, got '" + l + "'", &labels);
        s.labels.push_back(l);
      }
    }
    if (const YAML::Node to = t["timeout_s"]) {
      const std::string v = scalar_of(to, where + ".timeout_s", err);
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(d > 0) || d > 1e7)
        err.fail(where + ".timeout_s", "must be a number of seconds in (0, 1e7], got '" + v + "'", &to);
      s.timeout_s = d;
    }
    r.tests.push_back(std::move(s));
  }
  return r;
}

std::vector<job> expand(const regression& r) {
  std::vector<job> jobs;
  for (const auto& t : r.tests)
    for (uint64_t seed : t.seeds) jobs.push_back(job{t.name + ".s" + std::to_string(seed), &t, seed});
  return jobs;
}

}  // namespace

std::pair<int, std::string> run_program(const std::vector<std::string>& args, const fs::path& cwd, bool with_stdout) {
  std::vector<std::string> store = args;
  std::vector<char*> argv;
  for (auto& a : store) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string dir = cwd.string();
  int p[2];
  if (pipe(p) != 0) return {-1, "pipe failed"};
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int nul = open("/dev/null", O_RDWR);
    dup2(nul, 0);
    dup2(with_stdout ? p[1] : nul, 1);
    dup2(p[1], 2);
    close(p[0]);
    if (chdir(dir.c_str()) != 0) _exit(126);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(p[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(p[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) out.append(buf, size_t(n));
  close(p[0]);
  if (pid < 0) return {-1, "fork failed"};
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(st) && WEXITSTATUS(st) == 127) return {-1, args[0] + ": not found"};
  return {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), out};
}

namespace {

// Runs this skybench with ARGS in `cwd`, stdout discarded; returns (exit, stderr).
std::pair<int, std::string> run_capture(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> a = {"/proc/self/exe"};
  a.insert(a.end(), args.begin(), args.end());
  return run_program(a, cwd, false);
}

// Every test's config with its overrides, checked by `skybench config` before
// anything runs.
void validate_configs(const regression& r) {
  for (const auto& t : r.tests) {
    std::vector<std::string> args = {"config", t.config};
    for (const auto& s : t.sets) args.insert(args.end(), {"--set", s});
    args.insert(args.end(), {"--set", "run.seed=" + std::to_string(t.seeds.front())});
    auto [rc, err] = run_capture(args, r.root);
    if (rc != 0) {
      while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
      throw regress_error(r.file + ": test " + t.name + ": invalid config (" + t.config + " with its set: overrides): " + err);
    }
  }
}

// ---------------------------------------------------------------------------
// 2. launch: how a job's process ended

struct job_outcome {
  enum class how { exited, signaled, timed_out, not_started } end = how::not_started;
  int code = -1;    // exit status (exited) or signal number (signaled)
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

fs::path job_dir(const fs::path& out, const job& j) { return out / "jobs" / j.id; }

// Local processes: at most `parallel` at a time, each in its own process
// group (so a timeout or Ctrl-C kills everything it started).
class local_backend : public backend {
 public:
  local_backend(fs::path out, fs::path root, int parallel) : out_(std::move(out)), root_(std::move(root)), parallel_(parallel) {}

  void run(const std::vector<const job*>& jobs, const started_fn& started, const finished_fn& finished,
           const std::function<void()>& tick) override {
    struct proc {
      const job* j;
      clock_type::time_point t0;
      double timeout_s;
      bool term_sent = false, kill_sent = false;
      clock_type::time_point term_at;
    };
    std::map<pid_t, proc> running;
    std::size_t next = 0;
    bool stopping = false;
    clock_type::time_point stop_at;
    auto kill_group = [](pid_t pg, int sig) { kill(-pg, sig); };
    for (;;) {
      if (g_stop && !stopping) {
        stopping = true;
        stop_at = clock_type::now();
        for (auto& [pid, p] : running) kill_group(pid, SIGTERM);
      }
      if (stopping && seconds_since(stop_at) > kKillGraceS)
        for (auto& [pid, p] : running)
          if (!p.kill_sent) {
            kill_group(pid, SIGKILL);
            p.kill_sent = true;
          }
      while (!stopping && running.size() < size_t(parallel_) && next < jobs.size()) {
        const job& j = *jobs[next++];
        job_outcome o;
        const pid_t pid = launch(j, o.detail);
        if (pid < 0) {
          finished(j, o);
          continue;
        }
        running[pid] = proc{&j, clock_type::now(), j.test->timeout_s, false, false, clock_type::now()};
        started(j);
      }
      for (;;) {
        int st = 0;
        const pid_t pid = waitpid(-1, &st, WNOHANG);
        if (pid <= 0) break;
        auto it = running.find(pid);
        if (it == running.end()) continue;
        const proc p = it->second;
        running.erase(it);
        if (p.term_sent) kill_group(pid, SIGKILL);  // stragglers of a killed job
        if (stopping) continue;                     // interrupted: not a result
        job_outcome o;
        o.wall_s = seconds_since(p.t0);
        if (p.term_sent) {
          o.end = job_outcome::how::timed_out;
          o.code = WIFSIGNALED(st) ? WTERMSIG(st) : -1;
          o.detail = "no exit within timeout_s=" + fmt(p.timeout_s, p.timeout_s == double(int64_t(p.timeout_s)) ? 0 : 1) +
                     " s (SIGTERM" + (p.kill_sent ? ", then SIGKILL" : "") + ")";
        } else if (WIFSIGNALED(st)) {
          o.end = job_outcome::how::signaled;
          o.code = WTERMSIG(st);
        } else {
          o.end = job_outcome::how::exited;
          o.code = WEXITSTATUS(st);
        }
        finished(*p.j, o);
      }
      for (auto& [pid, p] : running) {
        const double t = seconds_since(p.t0);
        if (!p.term_sent && t >= p.timeout_s) {
          kill_group(pid, SIGTERM);
          p.term_sent = true;
          p.term_at = clock_type::now();
        } else if (p.term_sent && !p.kill_sent && seconds_since(p.term_at) >= kKillGraceS) {
          kill_group(pid, SIGKILL);
          p.kill_sent = true;
        }
      }
      tick();
      if (running.empty() && (stopping || next >= jobs.size())) break;
      const timespec ts{0, 20 * 1000 * 1000};
      nanosleep(&ts, nullptr);
    }
  }

 private:
  pid_t launch(const job& j, std::string& why) {
    const fs::path dir = job_dir(out_, j);
    std::error_code ec;
    fs::remove_all(dir, ec);  // a rerun starts clean: no stale report.json
    fs::create_directories(dir, ec);
    if (ec) {
      why = "cannot create " + dir.string() + ": " + ec.message();
      return -1;
    }
    std::vector<std::string> store = j.exec_args(dir);
    std::vector<char*> argv;
    static char exe[] = "/proc/self/exe";
    argv.push_back(exe);
    for (auto& a : store) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = (dir / "job.log").string(), cwd = root_.string();
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      setpgid(0, 0);
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int nul = open("/dev/null", O_RDONLY);
      if (fd < 0 || nul < 0) _exit(126);
      dup2(nul, 0);
      dup2(fd, 1);
      dup2(fd, 2);
      if (chdir(cwd.c_str()) != 0) _exit(126);
      execv(exe, argv.data());
      _exit(127);
    }
    if (pid < 0) {
      why = std::string("fork: ") + std::strerror(errno);
      return -1;
    }
    setpgid(pid, pid);  // also here: no race with an early kill(-pid)
    return pid;
  }

  fs::path out_, root_;
  int parallel_;
};


// Slurm: the same jobs as one job array. Each task runs its job's command
// line (from jobs.txt, in the repository root) under `timeout`, and records
// how it ended in jobs/<id>/exit; the backend polls for those files and for
// the array leaving the queue, so a task Slurm killed (time limit, node
// failure, scancel) is reported rather than waited for.
struct slurm_options {
  std::string partition;  // "" = the cluster's default
  std::string time;       // Slurm time limit of each task; "" = from the largest timeout_s
  int cpus = 1;           // CPUs per task
  int max_parallel = 0;   // array throttle (%N); 0 = none
};

bool write_file_atomic(const fs::path& p, const std::string& text);

class slurm_backend : public backend {
 public:
  slurm_backend(fs::path out, fs::path root, slurm_options o)
      : out_(std::move(out)), root_(std::move(root)), o_(std::move(o)) {}

  void run(const std::vector<const job*>& jobs, const started_fn& started, const finished_fn& finished,
           const std::function<void()>& tick) override {
    if (jobs.empty()) return;
    const fs::path sdir = out_ / "slurm";
    std::error_code ec;
    fs::create_directories(sdir, ec);
    std::string exe;
    {
      char buf[4096];
      const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
      exe = n > 0 ? std::string(buf, size_t(n)) : std::string("skybench");
    }
    // One line per array index: id, timeout, then the command.
    std::string table;
    double max_timeout = 0;
    for (const job* j : jobs) {
      const fs::path dir = job_dir(out_, *j);
      fs::remove_all(dir, ec);
      fs::create_directories(dir, ec);
      std::string cmd = shq(exe);
      for (const auto& a : j->exec_args(dir)) cmd += " " + shq(a);
      table += j->id + "\t" + fmt(j->test->timeout_s, 0) + "\t" + shq(dir.string()) + "\t" + cmd + "\n";
      max_timeout = std::max(max_timeout, j->test->timeout_s);
    }
    write_file_atomic(sdir / "jobs.txt", table);
    const std::string script =
        "#!/bin/bash\n"
        "# generated by skybench regress --backend slurm: array task N runs line N+1 of jobs.txt\n"
        "line=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " + shq((sdir / "jobs.txt").string()) + ")\n"
        "IFS=$'\\t' read -r id tmo dir cmd <<< \"$line\"\n"
        "cd " + shq(root_.string()) + " || exit 1\n"
        "mkdir -p \"$dir\"\n"
        "start=$(date +%s.%N)\n"
        "eval \"timeout --signal=TERM --kill-after=" + fmt(kKillGraceS, 0) + " $tmo $cmd\" > \"$dir/job.log\" 2>&1 < /dev/null\n"
        "rc=$?\n"
        "end=$(date +%s.%N)\n"
        "wall=$(echo \"$end - $start\" | bc -l 2>/dev/null || echo 0)\n"
        "late=$(echo \"$wall >= $tmo\" | bc -l 2>/dev/null || echo 0)\n"
        "if [ $rc -eq 124 ] || { [ $rc -eq 137 ] && [ \"$late\" = 1 ]; }; then how=timeout; code=$rc\n"
        "elif [ $rc -gt 128 ]; then how=signaled; code=$((rc - 128))\n"
        "else how=exited; code=$rc; fi\n"
        "echo \"$how $code $wall\" > \"$dir/exit.tmp\" && mv \"$dir/exit.tmp\" \"$dir/exit\"\n";
    write_file_atomic(sdir / "array.sh", script);
    fs::permissions(sdir / "array.sh", fs::perms::owner_all, fs::perm_options::add, ec);
    // The Slurm limit covers the longest job plus the kill grace and margin.
    std::string tlimit = o_.time;
    if (tlimit.empty()) {
      const int secs = int(max_timeout + kKillGraceS + 60);
      tlimit = std::to_string((secs + 59) / 60);  // minutes
    }
    std::vector<std::string> cmd = {"sbatch", "--parsable",
                                    "--array=0-" + std::to_string(jobs.size() - 1) +
                                        (o_.max_parallel > 0 ? "%" + std::to_string(o_.max_parallel) : ""),
                                    "--job-name=skybench-regress", "--time=" + tlimit,
                                    "--cpus-per-task=" + std::to_string(o_.cpus),
                                    "--output=" + (sdir / "task-%a.out").string(), "--chdir=" + root_.string()};
    if (!o_.partition.empty()) cmd.push_back("--partition=" + o_.partition);
    cmd.push_back((sdir / "array.sh").string());
    const auto [rc, text0] = run_program(cmd, root_);
    const std::string text = rc < 0 ? text0 + " (is Slurm installed and up? scripts/slurm-local-up)" : text0;
    std::string id = text.substr(0, text.find_first_of(";\n"));
    if (rc != 0 || id.empty() || !std::regex_match(id, std::regex("[0-9]+"))) {
      for (const job* j : jobs) {
        job_outcome o;
        o.detail = "sbatch failed (exit " + std::to_string(rc) + "): " + text;
        finished(*j, o);
      }
      return;
    }
    std::fprintf(stderr, "skybench: regress: Slurm job array %s, %zu tasks, time limit %s min\n", id.c_str(),
                 jobs.size(), tlimit.c_str());
    for (const job* j : jobs) started(*j);
    std::vector<bool> done(jobs.size(), false);
    std::size_t left = jobs.size();
    auto last_queue_check = clock_type::now();
    int empty_polls = 0;
    while (left > 0) {
      if (g_stop) {
        run_program({"scancel", id}, root_);
        return;
      }
      for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (done[i]) continue;
        const fs::path ef = job_dir(out_, *jobs[i]) / "exit";
        if (!fs::exists(ef, ec)) continue;
        std::ifstream f(ef);
        std::string how;
        job_outcome o;
        f >> how >> o.code >> o.wall_s;
        o.end = how == "timeout"    ? job_outcome::how::timed_out
                : how == "signaled" ? job_outcome::how::signaled
                                    : job_outcome::how::exited;
        if (o.end == job_outcome::how::timed_out)
          o.detail = "no exit within timeout_s=" + fmt(jobs[i]->test->timeout_s, 0) + " s (SIGTERM)";
        done[i] = true;
        --left;
        finished(*jobs[i], o);
      }
      // A task that left the queue without an exit file was killed by Slurm.
      if (left > 0 && seconds_since(last_queue_check) > 1.0) {
        last_queue_check = clock_type::now();
        const auto [qrc, q] = run_program({"squeue", "-h", "-j", id, "-o", "%i"}, root_);
        const bool queued = qrc == 0 && q.find_first_not_of(" \n") != std::string::npos;
        empty_polls = queued ? 0 : empty_polls + 1;
        if (empty_polls >= 3) {  // gone for 3 s and the files are still missing
          for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (done[i]) continue;
            job_outcome o;
            o.detail = "Slurm task " + id + "_" + std::to_string(i) +
                       " ended without a result (time limit, node failure or scancel); see " +
                       (sdir / ("task-" + std::to_string(i) + ".out")).string();
            done[i] = true;
            --left;
            finished(*jobs[i], o);
          }
        }
      }
      tick();
      const timespec ts{0, 200 * 1000 * 1000};
      nanosleep(&ts, nullptr);
    }
  }

 private:
  fs::path out_, root_;
  slurm_options o_;
};

// ---------------------------------------------------------------------------
// 3. collect: status and failure signature

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

  json to_json() const {
    return {{"id", id},         {"test", test},     {"seed", seed},   {"status", status},
            {"signature", signature.empty() ? json(nullptr) : json(signature)},
            {"wall_s", std::round(wall_s * 1000) / 1000}, {"exit", exit_code}, {"signal", signal},
            {"reproduce", reproduce}, {"report", report.empty() ? json(nullptr) : json(report)}, {"log", log},
            {"wave", wave.empty() ? json(nullptr) : json(wave)}};
  }
  static job_result from_json(const json& j) {
    job_result r;
    r.id = j.value("id", "");
    r.test = j.value("test", "");
    r.seed = j.value("seed", uint64_t(0));
    r.status = j.value("status", "");
    if (j.contains("signature") && j["signature"].is_string()) r.signature = j["signature"];
    r.wall_s = j.value("wall_s", 0.0);
    r.exit_code = j.value("exit", json(nullptr));
    r.signal = j.value("signal", json(nullptr));
    r.reproduce = j.value("reproduce", "");
    if (j.contains("report") && j["report"].is_string()) r.report = j["report"];
    r.log = j.value("log", "");
    if (j.contains("wave") && j["wave"].is_string()) r.wave = j["wave"];
    r.previous = true;
    return r;
  }
};

std::string last_log_line(const fs::path& log) {
  std::ifstream f(log);
  std::string line, last;
  while (std::getline(f, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  if (last.size() > 300) last = last.substr(0, 300) + "...";
  return last;
}

// The first failing check, in order of how close it usually is to the root
// cause (a cosim mismatch or an assertion explains a later loss), and its message.
std::string failure_signature(const json& report) {
  if (!report.contains("checks") || !report["checks"].is_object()) return "report.json has no checks";
  const json& checks = report["checks"];
  std::vector<std::string> order = {"cosim", "assertions", "lossless", "headroom", "storm", "drain"};
  for (const auto& [name, c] : checks.items())
    if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
  for (const auto& name : order) {
    if (!checks.contains(name)) continue;
    const json& c = checks[name];
    if (!c.is_object() || c.value("pass", true)) continue;
    if (name == "cosim" && c.contains("first_mismatch") && c["first_mismatch"].is_object()) {
      const json& m = c["first_mismatch"];
      auto s = [&](const char* k) {
        if (!m.contains(k)) return std::string("?");
        return m[k].is_string() ? m[k].get<std::string>() : m[k].dump();
      };
      std::string where = m.contains("port") ? "port " + s("port") : m.contains("end") ? "end " + s("end") : "";
      return "cosim: cycle " + s("cycle") + " block " + s("block") + (where.empty() ? "" : " " + where) + " " +
             s("signal") + "." + s("field") + " model " + s("model") + " rtl " + s("rtl");
    }
    if (name == "lossless" && c.contains("first_error") && c["first_error"].is_string())
      return "lossless: " + c["first_error"].get<std::string>();
    if (name == "assertions" && c.contains("failures") && c["failures"].is_array() && !c["failures"].empty())
      return "assertions: " + (c["failures"][0].is_string() ? c["failures"][0].get<std::string>() : c["failures"][0].dump());
    std::string sig = "checks." + name + ".pass false";
    if (c.contains("end") && c["end"].is_string()) sig += " (end " + c["end"].get<std::string>() + ")";
    return sig;
  }
  return "verdict " + report.value("verdict", std::string("?")) + " but no failing check";
}

job_result collect(const job& j, const job_outcome& o, const fs::path& out) {
  job_result r;
  r.id = j.id;
  r.test = j.test->name;
  r.seed = j.seed;
  r.wall_s = o.wall_s;
  r.reproduce = j.reproduce();
  const fs::path dir = job_dir(out, j);
  r.log = fs::relative(dir / "job.log", out).string();
  const fs::path rp = dir / "report.json";
  std::error_code ec;
  if (fs::is_regular_file(rp, ec)) r.report = fs::relative(rp, out).string();
  switch (o.end) {
    case job_outcome::how::not_started:
      r.status = "error";
      r.signature = "error: not started: " + o.detail;
      return r;
    case job_outcome::how::timed_out:
      r.status = "timeout";
      r.signature = "timeout: " + o.detail;
      if (o.code > 0) r.signal = signal_name(o.code);
      return r;
    case job_outcome::how::signaled:
      r.status = "crash";
      r.signal = signal_name(o.code);
      r.signature = "crash: killed by " + signal_name(o.code);
      return r;
    case job_outcome::how::exited:
      break;
  }
  r.exit_code = o.code;
  if (o.code != 0 && o.code != 1) {
    r.status = "error";
    const std::string last = last_log_line(dir / "job.log");
    r.signature = "error: exit " + std::to_string(o.code) + (last.empty() ? "" : ": " + last);
    return r;
  }
  if (r.report.empty()) {
    r.status = "error";
    r.signature = "error: exit " + std::to_string(o.code) + " but no report.json";
    return r;
  }
  json report;
  try {
    std::ifstream f(rp);
    report = json::parse(f);
  } catch (const std::exception& e) {
    r.status = "error";
    r.signature = std::string("error: report.json unreadable: ") + e.what();
    return r;
  }
  const bool verdict_pass = report.value("verdict", std::string()) == "pass";
  if (o.code == 0 && verdict_pass) {
    r.status = "pass";
  } else if (o.code == 1 && !verdict_pass) {
    r.status = "fail";
    r.signature = failure_signature(report);
  } else {
    r.status = "error";
    r.signature = "error: exit " + std::to_string(o.code) + " but verdict " + report.value("verdict", std::string("?"));
  }
  return r;
}

// Jobs whose failures look alike share a group: numbers (cycles, ports,
// values, seeds) are replaced by N.
std::string group_key(const std::string& signature) {
  static const std::regex num("0x[0-9a-fA-F]+|[0-9]+");
  return std::regex_replace(signature, num, "N");
}

// ---------------------------------------------------------------------------
// outputs

std::map<std::string, json> read_results(const fs::path& file) {
  std::map<std::string, json> last;  // id -> the last record (a later run wins)
  std::ifstream f(file);
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    try {
      json j = json::parse(line);
      if (j.is_object() && j.contains("id") && j["id"].is_string()) last[j["id"]] = j;
    } catch (const std::exception&) {
      // a line cut short by a kill: ignore it, the job reruns
    }
  }
  return last;
}

std::string xml_escape(const std::string& s, bool attr) {
  std::string o;
  for (unsigned char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += attr ? "&quot;" : "\""; break;
      case '\'': o += attr ? "&apos;" : "'"; break;
      case '\n': o += attr ? "&#10;" : "\n"; break;
      case '\r': o += attr ? "&#13;" : "\r"; break;
      case '\t': o += attr ? "&#9;" : "\t"; break;
      default:
        if (c < 0x20) o += "?";  // not allowed in XML 1.0
        else o += char(c);
    }
  }
  return o;
}

bool write_file_atomic(const fs::path& p, const std::string& text) {
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream f(tmp);
    f << text;
    if (!f) return false;
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  return !ec;
}

std::string junit_xml(const regression& reg, const std::vector<job_result>& results, double wall_s) {
  std::size_t failures = 0;
  for (const auto& r : results) failures += r.status != "pass";
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"" << xml_escape(reg.name, true) << "\" tests=\"" << results.size() << "\" failures=\""
    << failures << "\" errors=\"0\" time=\"" << fmt(wall_s, 3) << "\">\n";
  x << "  <testsuite name=\"" << xml_escape(reg.name, true) << "\" tests=\"" << results.size() << "\" failures=\""
    << failures << "\" errors=\"0\" skipped=\"0\" time=\"" << fmt(wall_s, 3) << "\">\n";
  for (const auto& r : results) {
    x << "    <testcase classname=\"" << xml_escape(r.test, true) << "\" name=\"" << xml_escape(r.id, true)
      << "\" time=\"" << fmt(r.wall_s, 3) << "\"";
    if (r.status == "pass") {
      x << "/>\n";
      continue;
    }
    x << ">\n      <failure message=\"" << xml_escape(r.signature, true) << "\" type=\"" << xml_escape(r.status, true)
      << "\">" << xml_escape("reproduce: " + r.reproduce + "\nlog: " + r.log +
                                 (r.report.empty() ? "" : "\nreport: " + r.report),
                             false)
      << "</failure>\n    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

struct group {
  std::string key, status;
  std::vector<const job_result*> jobs;
};

std::vector<group> group_failures(const std::vector<job_result>& results) {
  std::vector<group> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& r : results) {
    if (r.status == "pass") continue;
    const std::string k = r.status + "\n" + group_key(r.signature);
    auto it = index.find(k);
    if (it == index.end()) {
      index[k] = groups.size();
      groups.push_back(group{group_key(r.signature), r.status, {}});
      it = index.find(k);
    }
    groups[it->second].jobs.push_back(&r);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const group& a, const group& b) { return a.jobs.size() > b.jobs.size(); });
  return groups;
}

json summary_json(const regression& reg, const std::vector<job_result>& results, double wall_s, bool interrupted,
                  std::size_t not_run) {
  json by_status = json::object();
  std::size_t passed = 0;
  for (const auto& r : results) {
    by_status[r.status] = by_status.value(r.status, 0) + 1;
    passed += r.status == "pass";
  }
  json groups = json::array();
  for (const auto& g : group_failures(results)) {
    json ids = json::array(), seeds = json::array(), sigs = json::array();
    for (const auto* r : g.jobs) {
      ids.push_back(r->id);
      seeds.push_back(r->seed);
      sigs.push_back(r->signature);
    }
    groups.push_back({{"signature", g.key},
                      {"status", g.status},
                      {"count", g.jobs.size()},
                      {"jobs", ids},
                      {"seeds", seeds},
                      {"signatures", sigs},
                      {"reproduce", g.jobs.front()->reproduce},
                      {"wave", g.jobs.front()->wave.empty() ? json(nullptr) : json(g.jobs.front()->wave)}});
  }
  return {{"name", reg.name},
          {"file", reg.file},
          {"root", reg.root.string()},
          {"jobs", results.size()},
          {"passed", passed},
          {"failed", results.size() - passed},
          {"by_status", by_status},
          {"groups", groups},
          {"wall_s", std::round(wall_s * 1000) / 1000},
          {"interrupted", interrupted},
          {"not_run", not_run}};
}

void print_console_summary(const json& s, const fs::path& out) {
  std::string counts;
  for (const auto& [st, n] : s["by_status"].items())
    if (st != "pass") counts += (counts.empty() ? "" : ", ") + st + " " + std::to_string(n.get<int>());
  std::printf("regression %s: %zu jobs, %zu passed, %zu failed%s in %.1f s%s\n", s["name"].get<std::string>().c_str(),
              s["jobs"].get<std::size_t>(), s["passed"].get<std::size_t>(), s["failed"].get<std::size_t>(),
              counts.empty() ? "" : (" (" + counts + ")").c_str(), s["wall_s"].get<double>(),
              s["interrupted"].get<bool>()
                  ? (", INTERRUPTED (" + std::to_string(s["not_run"].get<std::size_t>()) + " jobs not run)").c_str()
                  : "");
  if (!s["groups"].empty()) std::printf("failures by signature (%zu):\n", s["groups"].size());
  for (const auto& g : s["groups"]) {
    std::printf("  [%s] %s  (%zu job%s)\n", g["status"].get<std::string>().c_str(),
                g["signatures"][0].get<std::string>().c_str(), g["count"].get<std::size_t>(),
                g["count"].get<std::size_t>() == 1 ? "" : "s");
    if (g["count"].get<std::size_t>() > 1) std::printf("    pattern    %s\n", g["signature"].get<std::string>().c_str());
    // Seeds per test, in order of appearance.
    std::vector<std::pair<std::string, std::string>> per_test;
    for (const auto& id : g["jobs"]) {
      const std::string sid = id.get<std::string>();
      const auto dot = sid.rfind(".s");
      const std::string test = sid.substr(0, dot), seed = sid.substr(dot + 2);
      auto it = std::find_if(per_test.begin(), per_test.end(), [&](const auto& p) { return p.first == test; });
      if (it == per_test.end()) per_test.push_back({test, seed});
      else it->second += " " + seed;
    }
    for (const auto& [test, seeds] : per_test) std::printf("    %-10s %s seeds %s\n", "jobs", test.c_str(), seeds.c_str());
    std::printf("    reproduce  %s\n", g["reproduce"].get<std::string>().c_str());
    if (g.contains("wave") && g["wave"].is_string())
      std::printf("    wave       %s/%s\n", out.string().c_str(), g["wave"].get<std::string>().c_str());
  }
  std::printf("outputs: %s/{junit.xml, summary.json, results.jsonl, jobs/<id>/}\n", out.string().c_str());
}

// Terminal: one line rewritten in place; CI logs: a line per finished job.
class progress {
 public:
  progress(std::size_t total, std::size_t already_done) : total_(total), done_(already_done), base_(already_done) {
    tty_ = isatty(STDERR_FILENO) != 0;
    t0_ = clock_type::now();
  }
  void started() { ++running_; redraw(false); }
  void finished(const job_result& r, bool was_running) {
    if (was_running && running_ > 0) --running_;
    ++done_;
    (r.status == "pass" ? pass_ : fail_)++;
    if (tty_) {
      if (r.status != "pass") {
        clear();
        std::fprintf(stderr, "%s %s: %s\n", r.id.c_str(), r.status.c_str(), r.signature.c_str());
      }
      redraw(true);
    } else {
      std::fprintf(stderr, "[%zu/%zu] %s %s %.1fs%s\n", done_, total_, r.id.c_str(), r.status.c_str(), r.wall_s,
                   r.status == "pass" ? "" : ("  " + r.signature).c_str());
    }
  }
  void tick() { redraw(false); }
  void end(bool interrupted) {
    if (tty_) clear();
    std::fprintf(stderr, "[%zu/%zu] %s: pass %zu fail %zu, elapsed %.0fs\n", done_, total_,
                 interrupted ? "interrupted" : "done", pass_, fail_, seconds_since(t0_));
  }

 private:
  void clear() { std::fprintf(stderr, "\r\033[K"); }
  void redraw(bool force) {
    if (!tty_) return;
    const double now = seconds_since(t0_);
    if (!force && now - last_ < 0.5) return;
    last_ = now;
    std::string eta = "?";
    const std::size_t ran = done_ - base_;
    if (ran > 0 && done_ < total_) eta = fmt(now / double(ran) * double(total_ - done_), 0) + "s";
    if (done_ >= total_) eta = "0s";
    std::fprintf(stderr, "\r[%zu/%zu] pass %zu fail %zu running %zu elapsed %.0fs eta %s\033[K", done_, total_, pass_,
                 fail_, running_, now, eta.c_str());
    std::fflush(stderr);
  }
  std::size_t total_, done_, base_, pass_ = 0, fail_ = 0, running_ = 0;
  bool tty_ = false;
  clock_type::time_point t0_;
  double last_ = -1;
};

int usage_of(const char* cmd, const std::string& msg) {
  std::cerr << "skybench: error: " << cmd << ": " << msg << "\n(see 'skybench " << cmd << " --help')\n";
  return 2;
}

constexpr const char* kRunOptionsHelp =
    "  --out DIR            output folder: results.jsonl, junit.xml, summary.json, jobs/<id>/\n"
    "                       (an existing DIR resumes: jobs recorded as pass are skipped)\n"
    "  --list               print the jobs (id, labels, timeout, reproduction command); run nothing\n"
    "  --no-waves           do not rerun failed simulations with --wave (FSTs of failures)\n"
    "  --coverage           merge the jobs' RTL coverage (coverage.dat) into DIR/coverage/: merged.dat,\n"
    "                       rtl.info (lcov), html/ (genhtml); needs a -DSKYBENCH_RTL_COVERAGE=ON build,\n"
    "                       where it is on by default (--no-coverage turns it off)\n"
    "  --filter REGEX       only jobs whose id or a label matches (ECMAScript, search)\n"
    "  --rerun-failed DIR   only the jobs whose last status in DIR/results.jsonl is not pass\n"
    "  -j, --jobs N         jobs in parallel (default: number of CPUs)\n"
    "  --backend local|slurm  where jobs run: local processes (-j N at a time), or one\n"
    "                       Slurm job array (sbatch; -j N throttles it to N tasks at once)\n"
    "  --partition P        Slurm partition (default: the cluster's)\n"
    "  --time T             Slurm time limit per task (default: largest timeout_s + 65 s)\n"
    "  --cpus N             Slurm CPUs per task (default 1)\n\n"
    "exit status: 0 all jobs passed, 1 a job failed (or the run was interrupted), 2 bad input\n";

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

enum class coverage_mode { automatic, on, off };

struct run_options {
  std::string out, filter, rerun_dir, backend_name = "local";
  slurm_options slurm;
  bool list = false, have_filter = false, have_jobs_option = false, with_waves = true;
  long parallel = 1;
  coverage_mode coverage = coverage_mode::automatic;
};

using value_fn = std::function<std::string(const char*)>;
// Takes an option (or a positional argument) the shared parser does not know;
// false = unknown.
using extra_fn = std::function<bool(const std::string& arg, const value_fn& value)>;

// The options regress and sweep share. Returns -1 to go on, else the exit
// status (0 after --help, 2 for a bad option).
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

// Called with the summary before it is written, to add to it (a sweep's table).
using summary_hook = std::function<void(json& summary, const fs::path& out, const std::vector<job_result>& results)>;

// Selects, validates, runs and records the jobs of REG (stages 1-3 above).
int execute(const regression& reg, const run_options& o, const char* cmd, const summary_hook& hook) {
  const std::string& file = reg.file;
  std::regex filter_re;
  if (o.have_filter) {
    try {
      filter_re = std::regex(o.filter, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return usage_of(cmd, "--filter: bad regular expression '" + o.filter + "': " + e.what());
    }
  }
  const std::vector<job> all = expand(reg);

  // Selection: --rerun-failed, then --filter.
  std::vector<const job*> selected;
  std::set<std::string> rerun_ids;
  if (!o.rerun_dir.empty()) {
    const fs::path rf = fs::path(o.rerun_dir) / "results.jsonl";
    std::error_code ec;
    if (!fs::is_regular_file(rf, ec)) return usage_of(cmd, "--rerun-failed: no " + rf.string());
    std::set<std::string> known;
    for (const auto& j : all) known.insert(j.id);
    for (const auto& [id, rec] : read_results(rf)) {
      if (rec.value("status", std::string()) == "pass") continue;
      if (known.count(id))
        rerun_ids.insert(id);
      else
        std::cerr << "skybench: warning: --rerun-failed: job " << id << " is not in " << file << " any more\n";
    }
  }
  for (const auto& j : all) {
    if (!o.rerun_dir.empty() && !rerun_ids.count(j.id)) continue;
    if (o.have_filter) {
      bool hit = std::regex_search(j.id, filter_re);
      for (const auto& l : j.test->labels) hit = hit || std::regex_search(l, filter_re);
      if (!hit) continue;
    }
    selected.push_back(&j);
  }
  if (selected.empty() && o.have_filter) return usage_of(cmd, "--filter '" + o.filter + "' matches no job of " + file);

  try {
    validate_configs(reg);
  } catch (const regress_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }

  if (o.list) {
    std::size_t w = 0;
    for (const auto* j : selected) w = std::max(w, j->id.size());
    for (const auto* j : selected) {
      std::string labels;
      for (const auto& l : j->test->labels) labels += (labels.empty() ? "" : ",") + l;
      std::printf("%-*s  [%s]  timeout %ss  %s\n", int(w), j->id.c_str(), labels.c_str(),
                  fmt(j->test->timeout_s, j->test->timeout_s == double(int64_t(j->test->timeout_s)) ? 0 : 1).c_str(),
                  j->reproduce().c_str());
    }
    std::fprintf(stderr, "%zu jobs (%zu in %s); run from %s\n", selected.size(), all.size(), file.c_str(),
                 reg.root.string().c_str());
    return 0;
  }
  if (!o.rerun_dir.empty() && selected.empty()) {
    std::cerr << "skybench: " << cmd << ": nothing to rerun: no failed job in " << o.rerun_dir << "/results.jsonl\n";
  }

  // Output folder; resume from its results.jsonl.
  const fs::path outp = fs::absolute(o.out).lexically_normal();
  std::error_code ec;
  fs::create_directories(outp / "jobs", ec);
  if (ec) return usage_of(cmd, "--out: cannot create '" + outp.string() + "': " + ec.message());
  const fs::path results_path = outp / "results.jsonl";
  std::map<std::string, job_result> previous;  // passed in an earlier run into this folder
  if (fs::is_regular_file(results_path, ec))
    for (const auto& [id, rec] : read_results(results_path))
      if (rec.value("status", std::string()) == "pass") previous[id] = job_result::from_json(rec);
  std::vector<const job*> to_run;
  std::size_t skipped = 0;
  for (const auto* j : selected) {
    if (previous.count(j->id))
      ++skipped;
    else
      to_run.push_back(j);
  }
  if (skipped > 0)
    std::cerr << "skybench: " << cmd << ": resuming in " << outp.string() << ": " << skipped
              << " job(s) already passed there (results.jsonl), skipped; " << to_run.size() << " to run\n";
  std::FILE* results_file = std::fopen(results_path.c_str(), "a");
  if (results_file == nullptr) return usage_of(cmd, "cannot write " + results_path.string());

  std::cerr << "skybench: " << cmd << " " << reg.name << ": " << to_run.size() << " jobs, " << o.parallel
            << (o.backend_name == "slurm" ? " as a Slurm job array" : " in parallel, backend local")
            << ", output " << outp.string() << "\n";

  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {}, old_hup {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  sigaction(SIGHUP, &sa, &old_hup);

  const auto t0 = clock_type::now();
  std::map<std::string, job_result> finished;
  progress prog(selected.size(), skipped);
  slurm_options slurm = o.slurm;
  if (o.backend_name == "slurm") slurm.max_parallel = o.have_jobs_option ? int(o.parallel) : 0;
  std::unique_ptr<backend> bep;
  if (o.backend_name == "slurm")
    bep = std::make_unique<slurm_backend>(outp, reg.root, slurm);
  else
    bep = std::make_unique<local_backend>(outp, reg.root, int(o.parallel));
  backend& be = *bep;
  be.run(
      to_run, [&](const job&) { prog.started(); },
      [&](const job& j, const job_outcome& oc) {
        job_result r = collect(j, oc, outp);
        const std::string line = r.to_json().dump() + "\n";
        std::fwrite(line.data(), 1, line.size(), results_file);
        std::fflush(results_file);
        fsync(fileno(results_file));
        prog.finished(r, oc.end != job_outcome::how::not_started);
        finished[j.id] = std::move(r);
      },
      [&] { prog.tick(); });
  const bool interrupted = g_stop != 0;
  // Waveforms for failed simulations: a lockstep mismatch has one already
  // (the run replays itself with tracing); any other failed check is rerun
  // once with --wave (RTL runs only; a model-only run has nothing to trace).
  std::size_t waves = 0;
  for (const auto* j : to_run) {
    if (interrupted || !o.with_waves || waves >= kMaxWaves) break;
    auto it = finished.find(j->id);
    if (it == finished.end() || it->second.status != "fail") continue;
    job_result& r = it->second;
    const fs::path dir = job_dir(outp, *j);
    std::ifstream rf(dir / "report.json");
    json rep = json::parse(rf, nullptr, false);
    if (!rep.is_discarded() && rep["checks"]["cosim"].contains("wave") && rep["checks"]["cosim"]["wave"].is_string()) {
      r.wave = fs::relative(fs::path(rep["checks"]["cosim"]["wave"].get<std::string>()), outp, ec).string();
    } else if (r.wall_s <= kMaxWaveRerunS) {
      std::vector<std::string> a = j->run_args();
      a.insert(a.end(), {"--out", (dir / "wave-rerun").string(), "--wave", "--quiet"});
      run_capture(a, reg.root);
      if (fs::exists(dir / "wave-rerun" / "wave.fst", ec)) r.wave = fs::relative(dir / "wave-rerun" / "wave.fst", outp, ec).string();
    }
    if (!r.wave.empty()) {
      ++waves;
      const std::string line = r.to_json().dump() + "\n";  // the last record of a job wins
      std::fwrite(line.data(), 1, line.size(), results_file);
      std::fflush(results_file);
    }
  }
  std::fclose(results_file);
  prog.end(interrupted);
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGHUP, &old_hup, nullptr);

  // Every selected job that has a result, in regression order.
  std::vector<job_result> results;
  std::size_t not_run = 0;
  for (const auto* j : selected) {
    if (auto it = finished.find(j->id); it != finished.end())
      results.push_back(it->second);
    else if (auto p = previous.find(j->id); p != previous.end())
      results.push_back(p->second);
    else
      ++not_run;
  }
  const double wall = seconds_since(t0);
  json summary = summary_json(reg, results, wall, interrupted, not_run);
  // Coverage: functional always (report.json points per testplan item); RTL
  // code coverage with --coverage, or by default in a coverage build.
  job_dir_list dirs;
  for (const auto& r : results) dirs.emplace_back(r.id, outp / "jobs" / r.id);
  try {
    summary["functional_coverage"] = merge_functional_coverage(reg.root, dirs);
  } catch (const std::exception& e) {
    std::cerr << "skybench: warning: functional coverage: " << e.what() << "\n";
  }
  const bool rtl_cov = o.coverage == coverage_mode::on || (o.coverage == coverage_mode::automatic && rtl_coverage_build());
  if (rtl_cov) summary["rtl_coverage"] = merge_rtl_coverage(outp, dirs);
  if (hook) hook(summary, outp, results);
  bool ok = write_file_atomic(outp / "junit.xml", junit_xml(reg, results, wall));
  ok = write_file_atomic(outp / "summary.json", summary.dump(2) + "\n") && ok;
  std::fflush(stderr);
  print_console_summary(summary, outp);
  print_coverage_summary(summary);
  std::fflush(stdout);
  if (!ok) std::cerr << "skybench: error: cannot write junit.xml / summary.json in " << outp.string() << "\n";
  const bool all_pass = summary["failed"].get<std::size_t>() == 0 && not_run == 0 && !interrupted;
  return all_pass && ok ? 0 : 1;
}

// ---------------------------------------------------------------------------
// sweeps: a regression built from --param lists instead of a file

struct sweep_param {
  std::string key;
  std::vector<std::string> values;
};

std::vector<std::string> split_values(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// The repository root of a config: the nearest folder up from it holding
// sim-configs/ and verif/ (testplans), else the current folder.
fs::path root_of_config(const fs::path& cfg) {
  std::error_code ec;
  for (fs::path d = cfg.parent_path(); !d.empty(); d = d.parent_path()) {
    if (fs::is_directory(d / "sim-configs", ec) && fs::is_directory(d / "verif", ec)) return d;
    if (d == d.root_path()) break;
  }
  return fs::current_path(ec);
}

std::string name_part(const std::string& s) {
  std::string o;
  for (char c : s) o += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ? c : '-';
  return o;
}

// The latency block a sweep reports: the load-store round trip (pod), the
// packet latency (crossbar, incast), else the link latency (LLR), else the first one.
const json* main_latency(const json& rep) {
  if (!rep.contains("latency") || !rep["latency"].is_object() || rep["latency"].empty()) return nullptr;
  const json& l = rep["latency"];
  for (const char* k : {"load_store_rtt", "packet", "link"})
    if (l.contains(k) && l[k].is_object()) return &l[k];
  return &l.begin().value();
}

json config_value(const json& cfg, const std::string& dotted) {
  const json* cur = &cfg;
  std::size_t b = 0;
  for (;;) {
    const auto e = dotted.find('.', b);
    const std::string k = dotted.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (!cur->is_object() || !cur->contains(k)) return nullptr;
    cur = &(*cur)[k];
    if (e == std::string::npos) return *cur;
    b = e + 1;
  }
}

std::string csv_cell(const json& v) {
  if (v.is_null()) return "";
  std::string s = v.is_string() ? v.get<std::string>() : v.dump();
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// sweep.json / sweep.csv: one row per job, in job order.
void write_sweep_table(json& summary, const fs::path& out, const std::vector<job_result>& results,
                       const std::vector<sweep_param>& params, const std::map<std::string, std::vector<std::string>>& values_of,
                       const std::string& config) {
  json rows = json::array();
  for (const auto& r : results) {
    json row = {{"job", r.id}, {"test", r.test}, {"seed", r.seed}, {"status", r.status}};
    json pv = json::object();
    const auto& vals = values_of.at(r.test);
    for (std::size_t i = 0; i < params.size(); ++i) pv[params[i].key] = vals[i];
    row["params"] = pv;
    std::ifstream f(out / "jobs" / r.id / "report.json");
    const json rep = json::parse(f, nullptr, false);
    row["verdict"] = nullptr;
    for (const char* k : {"p50", "p99", "p999"}) row[k] = nullptr;
    row["throughput"] = nullptr;
    row["offered"] = nullptr;
    row["load"] = nullptr;
    if (!rep.is_discarded() && rep.is_object()) {
      row["verdict"] = rep.value("verdict", json());
      if (const json* l = main_latency(rep))
        for (const char* k : {"p50", "p99", "p999"}) row[k] = l->value(k, json());
      if (rep.contains("throughput") && rep["throughput"].is_object()) {
        row["throughput"] = rep["throughput"].value("accepted", json());
        row["offered"] = rep["throughput"].value("offered", json());
        row["throughput_unit"] = rep["throughput"].value("unit", json());
      }
      row["load"] = config_value(rep.value("config", json::object()), "traffic.load");
    }
    rows.push_back(row);
  }
  json keys = json::array();
  for (const auto& p : params) keys.push_back({{"key", p.key}, {"values", p.values}});
  const json table = {{"config", config}, {"params", keys}, {"x", "traffic.load"}, {"rows", rows}};
  std::ostringstream csv;
  csv << "job,seed";
  for (const auto& p : params) csv << "," << csv_cell(p.key);
  csv << ",load,p50_ns,p99_ns,p999_ns,throughput,offered,verdict,status\n";
  for (const auto& row : rows) {
    csv << csv_cell(row["job"]) << "," << row["seed"].dump();
    for (const auto& p : params) csv << "," << csv_cell(row["params"][p.key]);
    for (const char* k : {"load", "p50", "p99", "p999", "throughput", "offered", "verdict", "status"})
      csv << "," << csv_cell(row[k]);
    csv << "\n";
  }
  const bool ok = write_file_atomic(out / "sweep.json", table.dump(2) + "\n") && write_file_atomic(out / "sweep.csv", csv.str());
  if (!ok) std::cerr << "skybench: error: cannot write sweep.json / sweep.csv in " << out.string() << "\n";
  summary["sweep"] = {{"config", config}, {"params", keys}, {"table", "sweep.csv"}, {"json", "sweep.json"}};
}

}  // namespace

int cmd_regress(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  run_options o;
  std::string file;
  const int rc = parse_run_options(
      "regress", args, o,
      [&](const std::string& a, const value_fn&) {
        if (a.empty() || a[0] == '-' || !file.empty()) return false;
        file = a;
        return true;
      },
      print_regress_help);
  if (rc >= 0) return rc;
  if (file.empty()) return usage_of("regress", "missing the regression FILE.yaml");
  regression reg;
  try {
    reg = load_regression(file);
  } catch (const regress_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  return execute(reg, o, "regress", nullptr);
}

int cmd_sweep(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  run_options o;
  std::string config, name, seeds_s = "1", timeout_s;
  std::vector<std::string> param_args, sets;
  const int rc = parse_run_options(
      "sweep", args, o,
      [&](const std::string& a, const value_fn& value) {
        if (a == "--param") param_args.push_back(value("--param"));
        else if (a == "--set") sets.push_back(value("--set"));
        else if (a == "--seeds") seeds_s = value("--seeds");
        else if (a == "--name") name = value("--name");
        else if (a == "--timeout") timeout_s = value("--timeout");
        else if (!a.empty() && a[0] != '-' && config.empty()) config = a;
        else return false;
        return true;
      },
      print_sweep_help);
  if (rc >= 0) return rc;
  if (config.empty()) return usage_of("sweep", "missing the base CONFIG.yaml");
  std::error_code ec;
  if (!fs::is_regular_file(config, ec)) return usage_of("sweep", config + ": no such config file");
  if (param_args.empty()) return usage_of("sweep", "no --param KEY=V1,V2,... given: nothing to sweep");
  std::vector<sweep_param> params;
  for (const auto& pa : param_args) {
    const auto eq = pa.find('=');
    if (eq == std::string::npos || eq == 0) return usage_of("sweep", "--param " + pa + ": expected KEY=V1,V2,...");
    sweep_param p{pa.substr(0, eq), split_values(pa.substr(eq + 1))};
    if (p.key == "run.seed") return usage_of("sweep", "--param run.seed: seeds come from --seeds N");
    for (const auto& q : params)
      if (q.key == p.key) return usage_of("sweep", "--param " + p.key + ": given twice; list every value in one --param");
    std::set<std::string> seen;
    for (const auto& v : p.values) {
      if (v.empty()) return usage_of("sweep", "--param " + p.key + ": empty value in '" + pa.substr(eq + 1) + "'");
      if (!seen.insert(v).second) return usage_of("sweep", "--param " + p.key + ": value '" + v + "' listed twice");
    }
    params.push_back(std::move(p));
  }
  if (!std::regex_match(seeds_s, std::regex("[0-9]{1,5}")) || std::stoul(seeds_s) < 1)
    return usage_of("sweep", "--seeds: expected a number of seeds >= 1, got '" + seeds_s + "'");
  double timeout = kDefaultTimeoutS;
  if (!timeout_s.empty()) {
    char* end = nullptr;
    timeout = std::strtod(timeout_s.c_str(), &end);
    if (*end != '\0' || !(timeout > 0) || timeout > 1e7)
      return usage_of("sweep", "--timeout: expected seconds in (0, 1e7], got '" + timeout_s + "'");
  }

  regression reg;
  const fs::path cfg_abs = fs::weakly_canonical(fs::absolute(config));
  reg.root = root_of_config(cfg_abs);
  reg.name = name.empty() ? "sweep_" + name_part(cfg_abs.stem().string()) : name;
  if (!is_name(reg.name)) return usage_of("sweep", "--name must match [A-Za-z0-9_.-]+, got '" + reg.name + "'");
  reg.file = config;
  // Config path for the jobs: relative to the root when inside it, so the
  // reproduction commands read like the regression files'.
  const fs::path rel = cfg_abs.lexically_relative(reg.root);
  const std::string job_config = !rel.empty() && *rel.begin() != ".." ? rel.string() : cfg_abs.string();

  // Each value on its own against the base config first: an unknown key or a
  // bad value is named as the --param it came from (exit 2, nothing run).
  for (const auto& p : params) {
    for (const auto& v : p.values) {
      std::vector<std::string> a = {"/proc/self/exe", "config", job_config};
      for (const auto& s : sets) a.insert(a.end(), {"--set", s});
      a.insert(a.end(), {"--set", p.key + "=" + v});
      auto [crc, err] = run_program(a, reg.root, false);
      if (crc != 0) {
        while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
        const std::string prefix = "skybench: error: ";
        if (err.rfind(prefix, 0) == 0) err = err.substr(prefix.size());
        std::cerr << "skybench: error: sweep: --param " << p.key << "=" << v << ": " << err << "\n";
        return 2;
      }
    }
  }

  // The cartesian product, the first --param varying slowest.
  std::map<std::string, std::vector<std::string>> values_of;  // test name -> one value per param
  std::set<std::string> names;
  std::vector<std::size_t> idx(params.size(), 0);
  for (bool more = true; more;) {
    test_spec t;
    t.config = job_config;
    t.sets = sets;
    std::vector<std::string> vals;
    std::string tname;
    for (std::size_t i = 0; i < params.size(); ++i) {
      const std::string& v = params[i].values[idx[i]];
      vals.push_back(v);
      t.sets.push_back(params[i].key + "=" + v);
      const std::string k = params[i].key.substr(params[i].key.rfind('.') + 1);
      tname += (tname.empty() ? "" : "_") + name_part(k + "-" + v);
    }
    for (std::string base = tname; !names.insert(tname).second;) tname = base + "-" + std::to_string(names.size());
    t.name = tname;
    for (unsigned long s = 1; s <= std::stoul(seeds_s); ++s) t.seeds.push_back(s);
    t.labels = {"sweep"};
    t.timeout_s = timeout;
    values_of[t.name] = vals;
    reg.tests.push_back(std::move(t));
    std::size_t i = params.size();
    for (more = false; i-- > 0;) {
      if (++idx[i] < params[i].values.size()) {
        more = true;
        break;
      }
      idx[i] = 0;
    }
  }
  std::cerr << "skybench: sweep: " << reg.tests.size() << " combinations x " << seeds_s << " seed(s) of " << job_config
            << "\n";
  return execute(reg, o, "sweep", [&](json& summary, const fs::path& out, const std::vector<job_result>& results) {
    write_sweep_table(summary, out, results, params, values_of, job_config);
  });
}

}  // namespace sb
