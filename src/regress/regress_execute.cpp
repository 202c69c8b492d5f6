// `skybench regress`: the options shared with `skybench sweep`, and the
// driver that selects, validates, runs and records the jobs (stages 1-3 of
// regress_internal.h).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "regress_internal.h"
#include "regress_options.h"
#include "sb_regress.h"
#include "sb_regress_coverage.h"
#include "sb_rtl_coverage.h"

namespace sb::regress {

int usage_of(const char* cmd, const std::string& msg) {
  std::cerr << "skybench: error: " << cmd << ": " << msg << "\n(see 'skybench " << cmd << " --help')\n";
  return 2;
}

const char* const kRunOptionsHelp =
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

namespace {

// Selection: --rerun-failed, then --filter. Returns -1 to go on, else the exit status.
int select_jobs(const regression& reg, const run_options& o, const char* cmd, const std::vector<job>& all,
                std::vector<const job*>& selected) {
  std::regex filter_re;
  if (o.have_filter) {
    try {
      filter_re = std::regex(o.filter, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return usage_of(cmd, "--filter: bad regular expression '" + o.filter + "': " + e.what());
    }
  }
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
        std::cerr << "skybench: warning: --rerun-failed: job " << id << " is not in " << reg.file << " any more\n";
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
  if (selected.empty() && o.have_filter) return usage_of(cmd, "--filter '" + o.filter + "' matches no job of " + reg.file);
  return -1;
}

void list_jobs(const regression& reg, const std::vector<const job*>& selected, std::size_t total) {
  std::size_t w = 0;
  for (const auto* j : selected) w = std::max(w, j->id.size());
  for (const auto* j : selected) {
    std::string labels;
    for (const auto& l : j->test->labels) labels += (labels.empty() ? "" : ",") + l;
    std::printf("%-*s  [%s]  timeout %ss  %s\n", int(w), j->id.c_str(), labels.c_str(),
                fmt(j->test->timeout_s, j->test->timeout_s == double(int64_t(j->test->timeout_s)) ? 0 : 1).c_str(),
                j->reproduce().c_str());
  }
  std::fprintf(stderr, "%zu jobs (%zu in %s); run from %s\n", selected.size(), total, reg.file.c_str(),
               reg.root.string().c_str());
}

void append_result(std::FILE* f, const job_result& r, bool sync) {
  const std::string line = r.to_json().dump() + "\n";
  std::fwrite(line.data(), 1, line.size(), f);
  std::fflush(f);
  if (sync) fsync(fileno(f));
}

// One regression run into an output folder: resume, launch, waves, outputs.
class run_state {
 public:
  run_state(const regression& reg, const run_options& o, const char* cmd, std::vector<const job*> selected)
      : reg_(reg), o_(o), cmd_(cmd), selected_(std::move(selected)) {}

  int go(const summary_hook& hook) {
    if (const int rc = prepare(); rc >= 0) return rc;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_int {}, old_term {}, old_hup {};
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    const auto t0 = clock_type::now();
    progress prog(selected_.size(), skipped_);
    launch(prog);
    const bool interrupted = g_stop != 0;
    if (!interrupted && o_.with_waves) rerun_waves();
    std::fclose(results_file_);
    prog.end(interrupted);
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    sigaction(SIGHUP, &old_hup, nullptr);
    return finish(seconds_since(t0), interrupted, hook);
  }

 private:
  // Output folder; resume from its results.jsonl.
  int prepare() {
    outp_ = fs::absolute(o_.out).lexically_normal();
    std::error_code ec;
    fs::create_directories(outp_ / "jobs", ec);
    if (ec) return usage_of(cmd_, "--out: cannot create '" + outp_.string() + "': " + ec.message());
    const fs::path results_path = outp_ / "results.jsonl";
    if (fs::is_regular_file(results_path, ec))
      for (const auto& [id, rec] : read_results(results_path))
        if (rec.value("status", std::string()) == "pass") previous_[id] = job_result::from_json(rec);
    for (const auto* j : selected_) {
      if (previous_.count(j->id))
        ++skipped_;
      else
        to_run_.push_back(j);
    }
    if (skipped_ > 0)
      std::cerr << "skybench: " << cmd_ << ": resuming in " << outp_.string() << ": " << skipped_
                << " job(s) already passed there (results.jsonl), skipped; " << to_run_.size() << " to run\n";
    results_file_ = std::fopen(results_path.c_str(), "a");
    if (results_file_ == nullptr) return usage_of(cmd_, "cannot write " + results_path.string());
    std::cerr << "skybench: " << cmd_ << " " << reg_.name << ": " << to_run_.size() << " jobs, " << o_.parallel
              << (o_.backend_name == "slurm" ? " as a Slurm job array" : " in parallel, backend local")
              << ", output " << outp_.string() << "\n";
    return -1;
  }

  void launch(progress& prog) {
    slurm_options slurm = o_.slurm;
    if (o_.backend_name == "slurm") slurm.max_parallel = o_.have_jobs_option ? int(o_.parallel) : 0;
    const std::unique_ptr<backend> be = o_.backend_name == "slurm" ? make_slurm_backend(outp_, reg_.root, slurm)
                                                                  : make_local_backend(outp_, reg_.root, int(o_.parallel));
    be->run(
        to_run_, [&](const job&) { prog.started(); },
        [&](const job& j, const job_outcome& oc) {
          job_result r = collect(j, oc, outp_);
          append_result(results_file_, r, true);
          prog.finished(r, oc.end != job_outcome::how::not_started);
          finished_[j.id] = std::move(r);
        },
        [&] { prog.tick(); });
  }

  // Waveforms for failed simulations: a lockstep mismatch has one already
  // (the run replays itself with tracing); any other failed check is rerun
  // once with --wave (RTL runs only; a model-only run has nothing to trace).
  void rerun_waves() {
    std::size_t waves = 0;
    std::error_code ec;
    for (const auto* j : to_run_) {
      if (waves >= kMaxWaves) break;
      auto it = finished_.find(j->id);
      if (it == finished_.end() || it->second.status != "fail") continue;
      job_result& r = it->second;
      const fs::path dir = job_dir(outp_, *j);
      std::ifstream rf(dir / "report.json");
      json rep = json::parse(rf, nullptr, false);
      if (!rep.is_discarded() && rep["checks"]["cosim"].contains("wave") && rep["checks"]["cosim"]["wave"].is_string()) {
        r.wave = fs::relative(fs::path(rep["checks"]["cosim"]["wave"].get<std::string>()), outp_, ec).string();
      } else if (r.wall_s <= kMaxWaveRerunS) {
        std::vector<std::string> a = j->run_args();
        a.insert(a.end(), {"--out", (dir / "wave-rerun").string(), "--wave", "--quiet"});
        run_capture(a, reg_.root);
        if (fs::exists(dir / "wave-rerun" / "wave.fst", ec))
          r.wave = fs::relative(dir / "wave-rerun" / "wave.fst", outp_, ec).string();
      }
      if (!r.wave.empty()) {
        ++waves;
        append_result(results_file_, r, false);  // the last record of a job wins
      }
    }
  }

  // Every selected job that has a result, in regression order.
  std::vector<job_result> results(std::size_t& not_run) const {
    std::vector<job_result> out;
    not_run = 0;
    for (const auto* j : selected_) {
      if (auto it = finished_.find(j->id); it != finished_.end())
        out.push_back(it->second);
      else if (auto p = previous_.find(j->id); p != previous_.end())
        out.push_back(p->second);
      else
        ++not_run;
    }
    return out;
  }

  int finish(double wall, bool interrupted, const summary_hook& hook) const {
    std::size_t not_run = 0;
    const std::vector<job_result> res = results(not_run);
    json summary = summary_json(reg_, res, wall, interrupted, not_run);
    // Coverage: functional always (report.json points per testplan item); RTL
    // code coverage with --coverage, or by default in a coverage build.
    job_dir_list dirs;
    for (const auto& r : res) dirs.emplace_back(r.id, outp_ / "jobs" / r.id);
    try {
      summary["functional_coverage"] = merge_functional_coverage(reg_.root, dirs);
    } catch (const std::exception& e) {
      std::cerr << "skybench: warning: functional coverage: " << e.what() << "\n";
    }
    const bool rtl_cov =
        o_.coverage == coverage_mode::on || (o_.coverage == coverage_mode::automatic && rtl_coverage_build());
    if (rtl_cov) summary["rtl_coverage"] = merge_rtl_coverage(outp_, dirs);
    if (hook) hook(summary, outp_, res);
    bool ok = write_file_atomic(outp_ / "junit.xml", junit_xml(reg_, res, wall));
    ok = write_file_atomic(outp_ / "summary.json", summary.dump(2) + "\n") && ok;
    std::fflush(stderr);
    print_console_summary(summary, outp_);
    print_coverage_summary(summary);
    std::fflush(stdout);
    if (!ok) std::cerr << "skybench: error: cannot write junit.xml / summary.json in " << outp_.string() << "\n";
    const bool all_pass = summary["failed"].get<std::size_t>() == 0 && not_run == 0 && !interrupted;
    return all_pass && ok ? 0 : 1;
  }

  const regression& reg_;
  const run_options& o_;
  const char* cmd_;
  std::vector<const job*> selected_, to_run_;
  fs::path outp_;
  std::map<std::string, job_result> previous_, finished_;  // previous: passed in an earlier run into this folder
  std::size_t skipped_ = 0;
  std::FILE* results_file_ = nullptr;
};

}  // namespace

int execute(const regression& reg, const run_options& o, const char* cmd, const summary_hook& hook) {
  const std::vector<job> all = expand(reg);
  std::vector<const job*> selected;
  if (const int rc = select_jobs(reg, o, cmd, all, selected); rc >= 0) return rc;
  try {
    validate_configs(reg);
  } catch (const regress_error& e) {
    std::cerr << "skybench: error: " << e.what() << "\n";
    return 2;
  }
  if (o.list) {
    list_jobs(reg, selected, all.size());
    return 0;
  }
  if (!o.rerun_dir.empty() && selected.empty())
    std::cerr << "skybench: " << cmd << ": nothing to rerun: no failed job in " << o.rerun_dir << "/results.jsonl\n";
  return run_state(reg, o, cmd, std::move(selected)).go(hook);
}

}  // namespace sb::regress

namespace sb {

int cmd_regress(int argc, char** argv) {
  using namespace regress;
  const std::vector<std::string> args(argv + 1, argv + argc);
  run_options o;
  std::string file;
  const int rc = parse_run_options(
      "regress", args, o,
      [&](cli::parser& p) {
        p.positional([&](const std::string& a) {
          if (!file.empty()) return false;
          file = a;
          return true;
        });
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

}  // namespace sb
