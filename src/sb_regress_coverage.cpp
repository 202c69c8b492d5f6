// Regression coverage: RTL code coverage merged with verilator_coverage, and
// functional coverage merged per testplan item (sb_regress_coverage.h).
#include "sb_regress_coverage.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "sb_regress.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace sb {
namespace {

json ratio(uint64_t hit, uint64_t total) {
  return {{"hit", hit}, {"total", total}, {"pct", total ? std::round(1000.0 * double(hit) / double(total)) / 10 : 0.0}};
}

std::string trim_nl(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);  // the last line says why
}

// system (report.json config.system) -> testplan block
const std::map<std::string, std::string>& block_of_system() {
  static const std::map<std::string, std::string> m = {{"xbar", "xbar"}, {"llr", "llr"}, {"incast", "flow_control"}, {"pod", "pod"}};
  return m;
}

}  // namespace

// A coverage.dat line is  C '<key>' <count>  where <key> holds \001name\002value
// pairs; `page` starts with the kind: v_line/..., v_branch/..., v_toggle/...,
// v_user/... (cover properties).
json rtl_coverage_totals(const fs::path& dat) {
  std::ifstream f(dat);
  if (!f) throw std::runtime_error("cannot read " + dat.string());
  std::map<std::string, std::pair<uint64_t, uint64_t>> kinds = {{"line", {0, 0}}, {"toggle", {0, 0}}, {"user", {0, 0}}};
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("C '", 0) != 0) continue;
    const auto q = line.rfind('\'');
    if (q == std::string::npos || q < 3) continue;
    const std::string key = line.substr(3, q - 3);
    const uint64_t count = std::strtoull(line.c_str() + q + 1, nullptr, 10);
    std::string page;
    const std::string tag = "\001page\002";
    if (auto p = key.find(tag); p != std::string::npos) {
      const auto b = p + tag.size();
      page = key.substr(b, key.find('\001', b) - b);
    }
    std::string kind = page.substr(0, page.find('/'));
    if (kind.rfind("v_", 0) == 0) kind = kind.substr(2);
    if (kind == "branch") kind = "line";  // Verilator's line coverage counts branches as lines
    auto& k = kinds[kind.empty() ? "other" : kind];
    ++k.second;
    if (count > 0) ++k.first;
  }
  json out = json::object();
  uint64_t h = 0, t = 0;
  for (const auto& [k, v] : kinds) {
    out[k] = ratio(v.first, v.second);
    h += v.first;
    t += v.second;
  }
  out["all"] = ratio(h, t);
  return out;
}

json merge_rtl_coverage(const fs::path& out, const job_dir_list& jobs) {
  json r = {{"jobs", 0}, {"errors", json::array()}, {"per_job", json::object()}};
  std::vector<std::string> dats;
  for (const auto& [id, dir] : jobs) {
    const fs::path d = dir / "coverage.dat";
    std::error_code ec;
    if (!fs::is_regular_file(d, ec)) continue;
    dats.push_back(d.string());
    try {
      r["per_job"][id] = rtl_coverage_totals(d);
    } catch (const std::exception& e) {
      r["errors"].push_back(e.what());
    }
  }
  r["jobs"] = dats.size();
  if (dats.empty()) {
    r["errors"].push_back("no job wrote a coverage.dat (model-only jobs have no RTL)");
    return r;
  }
  const fs::path cdir = out / "coverage";
  std::error_code ec;
  fs::remove_all(cdir, ec);
  fs::create_directories(cdir, ec);
  const fs::path merged = cdir / "merged.dat", info = cdir / "rtl.info", html = cdir / "html";
  std::vector<std::string> a = {"verilator_coverage", "--write", merged.string()};
  a.insert(a.end(), dats.begin(), dats.end());
  auto [rc, msg] = run_program(a, out);
  if (rc != 0) {
    r["errors"].push_back("verilator_coverage --write failed (exit " + std::to_string(rc) + "): " + trim_nl(msg));
    return r;
  }
  r["merged"] = fs::relative(merged, out).string();
  r["totals"] = rtl_coverage_totals(merged);
  std::tie(rc, msg) = run_program({"verilator_coverage", "--write-info", info.string(), merged.string()}, out);
  if (rc != 0) {
    r["errors"].push_back("verilator_coverage --write-info failed (exit " + std::to_string(rc) + "): " + trim_nl(msg));
    return r;
  }
  r["rtl_info"] = fs::relative(info, out).string();
  std::tie(rc, msg) = run_program({"genhtml", "--quiet", "--ignore-errors", "source", "--title", "skybench RTL coverage",
                                   "--output-directory", html.string(), info.string()},
                                  out);
  if (rc != 0 || !fs::is_regular_file(html / "index.html", ec))
    r["errors"].push_back("genhtml failed (exit " + std::to_string(rc) + "; Debian package lcov): " + trim_nl(msg));
  else
    r["html"] = fs::relative(html / "index.html", out).string();
  return r;
}

// Points: a report.json coverage entry {hit, total[, bins]} of a job whose
// system maps to a testplan block. Jobs with the same point but a different
// total (another port count) cover another space: they merge separately,
// labelled name[total].
namespace {

struct point {
  uint64_t total = 0, best = 0;
  bool have_bins = true;
  std::set<uint64_t> bins;
  std::vector<std::string> hit_by;
  uint64_t reporting = 0;
};
// block -> name -> total -> point
using point_map = std::map<std::string, std::map<std::string, std::map<uint64_t, point>>>;

uint64_t merged_hit(const point& p) { return p.have_bins ? uint64_t(p.bins.size()) : p.best; }

void add_point(point& p, const json& v, uint64_t hit, uint64_t total, const std::string& id) {
  p.total = total;
  ++p.reporting;
  p.best = std::max(p.best, hit);
  if (v.contains("bins") && v["bins"].is_array()) {
    for (const auto& x : v["bins"])
      if (x.is_number_unsigned() && x.get<uint64_t>() < total) p.bins.insert(x.get<uint64_t>());
  } else {
    p.have_bins = false;
  }
  if (hit > 0) p.hit_by.push_back(id);
}

void collect_points(const job_dir_list& jobs, point_map& pts, std::map<std::string, uint64_t>& block_jobs) {
  for (const auto& [id, dir] : jobs) {
    std::ifstream f(dir / "report.json");
    const json rep = json::parse(f, nullptr, false);
    if (rep.is_discarded() || !rep.is_object()) continue;
    std::string system = "xbar";
    if (rep.contains("config") && rep["config"].is_object() && rep["config"].value("system", json()).is_string())
      system = rep["config"]["system"].get<std::string>();
    auto b = block_of_system().find(system);
    if (b == block_of_system().end()) continue;
    ++block_jobs[b->second];
    if (!rep.contains("coverage") || !rep["coverage"].is_object()) continue;
    for (const auto& [name, v] : rep["coverage"].items()) {
      if (!v.is_object() || !v.contains("hit") || !v.contains("total")) continue;  // counters are not points
      const uint64_t hit = v["hit"].get<uint64_t>(), total = v["total"].get<uint64_t>();
      add_point(pts[b->second][name][total], v, hit, total, id);
    }
  }
}

json points_json(const point_map& pts) {
  json points = json::array();
  for (const auto& [block, names] : pts)
    for (const auto& [name, totals] : names)
      for (const auto& [total, p] : totals) {
        json e = ratio(merged_hit(p), total);
        e["block"] = block;
        e["point"] = totals.size() > 1 ? name + "[" + std::to_string(total) + "]" : name;
        e["merge"] = p.have_bins ? "union of bins" : "best job";
        e["jobs_reporting"] = p.reporting;
        e["jobs_hitting"] = p.hit_by.size();
        points.push_back(e);
      }
  return points;
}

std::vector<fs::path> testplans(const fs::path& root) {
  std::vector<fs::path> plans;
  std::error_code ec;
  if (fs::is_directory(root / "verif", ec))
    for (const auto& d : fs::directory_iterator(root / "verif", ec))
      if (fs::is_regular_file(d.path() / "testplan.yaml", ec)) plans.push_back(d.path() / "testplan.yaml");
  std::sort(plans.begin(), plans.end());
  return plans;
}

// One testplan item: its points merged, and what is missing.
json testplan_item(const std::string& block, const YAML::Node& tp, const point_map& pts, bool ran) {
  json item = {{"block", block}, {"testpoint", tp["name"].as<std::string>("?")}, {"points", json::array()},
               {"missing", json::array()}};
  uint64_t hit = 0, total = 0;
  for (const auto& n : tp["coverage"]) {
    const std::string name = n.as<std::string>();
    auto bi = pts.find(block);
    const bool reported = bi != pts.end() && bi->second.count(name);
    if (!reported) {
      item["points"].push_back({{"point", name}, {"reported", false}});
      if (ran) item["missing"].push_back(name + " (no job of this block measured it)");
      continue;
    }
    const auto& totals = bi->second.at(name);
    for (const auto& [t, p] : totals) {
      const uint64_t h = merged_hit(p);
      json e = ratio(h, t);
      e["point"] = totals.size() > 1 ? name + "[" + std::to_string(t) + "]" : name;
      e["reported"] = true;
      item["points"].push_back(e);
      hit += h;
      total += t;
      if (h < t) item["missing"].push_back(e["point"].get<std::string>() + " " + std::to_string(h) + "/" + std::to_string(t));
    }
  }
  item.update(ratio(hit, total));
  item["status"] = !ran ? "not run" : item["missing"].empty() ? "hit" : "miss";
  return item;
}

}  // namespace

json merge_functional_coverage(const fs::path& root, const job_dir_list& jobs) {
  point_map pts;
  std::map<std::string, uint64_t> block_jobs;
  collect_points(jobs, pts, block_jobs);
  json items = json::array();
  for (const auto& plan : testplans(root)) {
    YAML::Node doc;
    try {
      doc = YAML::LoadFile(plan.string());
    } catch (const YAML::Exception& e) {
      throw std::runtime_error(plan.string() + ": " + e.what());
    }
    const std::string block = doc["block"] ? doc["block"].as<std::string>() : plan.parent_path().filename().string();
    if (!doc["testpoints"] || !doc["testpoints"].IsSequence()) continue;
    for (const auto& tp : doc["testpoints"]) {
      if (!tp["coverage"]) continue;
      if (!tp["coverage"].IsSequence())
        throw std::runtime_error(plan.string() + ": testpoint " + tp["name"].as<std::string>("?") +
                                 ": coverage: must be a list of point names");
      items.push_back(testplan_item(block, tp, pts, block_jobs.count(block) > 0));
    }
  }
  return {{"points", points_json(pts)}, {"items", items}, {"jobs_per_block", block_jobs}};
}

void print_coverage_summary(const json& s) {
  if (s.contains("rtl_coverage")) {
    const json& c = s["rtl_coverage"];
    std::printf("RTL coverage (%zu jobs with coverage.dat, merged):\n", c.value("jobs", std::size_t(0)));
    if (c.contains("totals")) {
      const json& t = c["totals"];
      for (const char* k : {"line", "toggle", "user"}) {
        const json& x = t[k];
        std::printf("  %-22s %llu/%llu (%.1f%%)\n",
                    std::string(k) == "user" ? "assertion/cover points" : (std::string(k) + " points").c_str(),
                    (unsigned long long)x["hit"].get<uint64_t>(), (unsigned long long)x["total"].get<uint64_t>(),
                    x["pct"].get<double>());
      }
      std::printf("  merged %s, lcov %s, html %s\n", c.value("merged", "-").c_str(), c.value("rtl_info", "-").c_str(),
                  c.value("html", "-").c_str());
    }
    for (const auto& e : c["errors"]) std::printf("  warning: %s\n", e.get<std::string>().c_str());
  }
  if (s.contains("functional_coverage")) {
    const json& f = s["functional_coverage"];
    std::size_t shown = 0, hit = 0, not_run = 0;
    for (const auto& it : f["items"]) {
      if (it["status"] == "not run") {
        ++not_run;
        continue;
      }
      if (shown++ == 0) std::printf("functional coverage per testplan item (merged across jobs):\n");
      hit += it["status"] == "hit";
      std::string pts;
      for (const auto& p : it["points"])
        pts += (pts.empty() ? "" : ", ") + p["point"].get<std::string>() + " " +
               (p.value("reported", false) ? std::to_string(p["hit"].get<uint64_t>()) + "/" + std::to_string(p["total"].get<uint64_t>())
                                           : std::string("not measured"));
      std::printf("  %-4s %s.%s  %llu/%llu (%.1f%%)  %s\n", it["status"] == "hit" ? "HIT" : "MISS",
                  it["block"].get<std::string>().c_str(), it["testpoint"].get<std::string>().c_str(),
                  (unsigned long long)it["hit"].get<uint64_t>(), (unsigned long long)it["total"].get<uint64_t>(),
                  it["pct"].get<double>(), pts.c_str());
    }
    if (shown) std::printf("  %zu of %zu items closed", hit, shown);
    if (shown && not_run) std::printf("; %zu items of blocks this regression did not run", not_run);
    if (shown) std::printf("\n");
  }
}

}  // namespace sb
