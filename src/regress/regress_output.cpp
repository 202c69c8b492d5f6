// Outputs of a regression: junit.xml, summary.json, the console summary and
// the progress line (coverage: sb_regress_coverage.cpp).
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "regress_internal.h"

namespace sb::regress {
namespace {

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

}  // namespace

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

progress::progress(std::size_t total, std::size_t already_done) : total_(total), done_(already_done), base_(already_done) {
  tty_ = isatty(STDERR_FILENO) != 0;
  t0_ = clock_type::now();
}

void progress::started() {
  ++running_;
  redraw(false);
}

void progress::finished(const job_result& r, bool was_running) {
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

void progress::end(bool interrupted) {
  if (tty_) clear();
  std::fprintf(stderr, "[%zu/%zu] %s: pass %zu fail %zu, elapsed %.0fs\n", done_, total_,
               interrupted ? "interrupted" : "done", pass_, fail_, seconds_since(t0_));
}

void progress::clear() { std::fprintf(stderr, "\r\033[K"); }

void progress::redraw(bool force) {
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

}  // namespace sb::regress
