// Stage 3, collect: a job's outcome plus its report.json turned into a status
// and a failure signature; results.jsonl records; failures grouped by
// signature.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>

#include "regress_internal.h"

namespace sb::regress {

json job_result::to_json() const {
  return {{"id", id},         {"test", test},     {"seed", seed},   {"status", status},
          {"signature", signature.empty() ? json(nullptr) : json(signature)},
          {"wall_s", std::round(wall_s * 1000) / 1000}, {"exit", exit_code}, {"signal", signal},
          {"reproduce", reproduce}, {"report", report.empty() ? json(nullptr) : json(report)}, {"log", log},
          {"wave", wave.empty() ? json(nullptr) : json(wave)}};
}

job_result job_result::from_json(const json& j) {
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

namespace {

std::string last_log_line(const fs::path& log) {
  std::ifstream f(log);
  std::string line, last;
  while (std::getline(f, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  if (last.size() > 300) last = last.substr(0, 300) + "...";
  return last;
}

}  // namespace

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

}  // namespace sb::regress
