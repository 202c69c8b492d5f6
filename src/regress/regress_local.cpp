// Stage 2, the local backend: jobs as local processes, at most `parallel` at
// a time, each in its own process group (so a timeout or Ctrl-C kills
// everything it started).
#include <fcntl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "regress_internal.h"

namespace sb::regress {

fs::path job_dir(const fs::path& out, const job& j) { return out / "jobs" / j.id; }

namespace {

void kill_group(pid_t pg, int sig) { kill(-pg, sig); }

class local_backend : public backend {
 public:
  local_backend(fs::path out, fs::path root, int parallel) : out_(std::move(out)), root_(std::move(root)), parallel_(parallel) {}

  void run(const std::vector<const job*>& jobs, const started_fn& started, const finished_fn& finished,
           const std::function<void()>& tick) override {
    running_.clear();
    stopping_ = false;
    std::size_t next = 0;
    for (;;) {
      check_stop();
      while (!stopping_ && running_.size() < size_t(parallel_) && next < jobs.size()) start(*jobs[next++], started, finished);
      reap(finished);
      enforce_timeouts();
      tick();
      if (running_.empty() && (stopping_ || next >= jobs.size())) break;
      const timespec ts{0, 20 * 1000 * 1000};
      nanosleep(&ts, nullptr);
    }
  }

 private:
  struct proc {
    const job* j;
    clock_type::time_point t0;
    double timeout_s;
    bool term_sent = false, kill_sent = false;
    clock_type::time_point term_at;
  };

  // g_stop: SIGTERM to every job, SIGKILL after the grace period.
  void check_stop() {
    if (g_stop && !stopping_) {
      stopping_ = true;
      stop_at_ = clock_type::now();
      for (auto& [pid, p] : running_) kill_group(pid, SIGTERM);
    }
    if (stopping_ && seconds_since(stop_at_) > kKillGraceS)
      for (auto& [pid, p] : running_)
        if (!p.kill_sent) {
          kill_group(pid, SIGKILL);
          p.kill_sent = true;
        }
  }

  void start(const job& j, const started_fn& started, const finished_fn& finished) {
    job_outcome o;
    const pid_t pid = launch(j, o.detail);
    if (pid < 0) {
      finished(j, o);
      return;
    }
    running_[pid] = proc{&j, clock_type::now(), j.test->timeout_s, false, false, clock_type::now()};
    started(j);
  }

  static job_outcome outcome_of(const proc& p, int st) {
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
    return o;
  }

  void reap(const finished_fn& finished) {
    for (;;) {
      int st = 0;
      const pid_t pid = waitpid(-1, &st, WNOHANG);
      if (pid <= 0) break;
      auto it = running_.find(pid);
      if (it == running_.end()) continue;
      const proc p = it->second;
      running_.erase(it);
      if (p.term_sent) kill_group(pid, SIGKILL);  // stragglers of a killed job
      if (stopping_) continue;                    // interrupted: not a result
      finished(*p.j, outcome_of(p, st));
    }
  }

  void enforce_timeouts() {
    for (auto& [pid, p] : running_) {
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
  }

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
  std::map<pid_t, proc> running_;
  bool stopping_ = false;
  clock_type::time_point stop_at_;
};

}  // namespace

std::unique_ptr<backend> make_local_backend(fs::path out, fs::path root, int parallel) {
  return std::make_unique<local_backend>(std::move(out), std::move(root), parallel);
}

}  // namespace sb::regress
