// `skybench sweep`: a regression built from --param lists instead of a file
// (the cartesian product x seeds), plus its table sweep.csv / sweep.json.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "regress_internal.h"
#include "regress_options.h"
#include "sb_regress.h"

namespace sb::regress {
namespace {

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
  bool any_collective = false;
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
      if (rep.contains("collective") && rep["collective"].is_object()) {  // (a pod's collective workload)
        const json& c = rep["collective"];
        row["collective"] = json::object();
        for (const char* k : {"op", "algorithm", "message_bytes", "completion_ns", "algbw_gbps", "busbw_gbps", "ideal_ns", "efficiency"})
          row["collective"][k] = c.value(k, json());
        any_collective = true;
      }
    }
    rows.push_back(row);
  }
  json keys = json::array();
  for (const auto& p : params) keys.push_back({{"key", p.key}, {"values", p.values}});
  // x: the collectives' message size when the jobs ran collectives, else the load.
  const json table = {{"config", config}, {"params", keys}, {"x", any_collective ? "collective.message_bytes" : "traffic.load"}, {"rows", rows}};
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

struct sweep_args {
  std::string config, name, seeds_s = "1", timeout_s;
  std::vector<std::string> param_args, sets;
};

// --param KEY=V1,V2,... lists; returns -1 to go on, else the exit status.
int parse_params(const std::vector<std::string>& param_args, std::vector<sweep_param>& params) {
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
  return -1;
}

// Each value on its own against the base config first: an unknown key or a
// bad value is named as the --param it came from (exit 2, nothing run).
int validate_params(const fs::path& root, const std::string& job_config, const std::vector<std::string>& sets,
                    const std::vector<sweep_param>& params) {
  for (const auto& p : params) {
    for (const auto& v : p.values) {
      std::vector<std::string> s = sets;
      s.push_back(p.key + "=" + v);
      std::string err = config_check(root, job_config, s);
      if (err.empty()) continue;
      const std::string prefix = "skybench: error: ";
      if (err.rfind(prefix, 0) == 0) err = err.substr(prefix.size());
      std::cerr << "skybench: error: sweep: --param " << p.key << "=" << v << ": " << err << "\n";
      return 2;
    }
  }
  return -1;
}

// One test of the product: the values at `idx`.
test_spec combination(const std::vector<sweep_param>& params, const std::vector<std::size_t>& idx, const sweep_args& a,
                      const std::string& job_config, double timeout, std::set<std::string>& names,
                      std::vector<std::string>& vals) {
  test_spec t;
  t.config = job_config;
  t.sets = a.sets;
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
  for (unsigned long s = 1; s <= std::stoul(a.seeds_s); ++s) t.seeds.push_back(s);
  t.labels = {"sweep"};
  t.timeout_s = timeout;
  return t;
}

// The cartesian product, the first --param varying slowest; values_of: test name -> one value per param.
void add_product(regression& reg, const std::vector<sweep_param>& params, const sweep_args& a,
                 const std::string& job_config, double timeout,
                 std::map<std::string, std::vector<std::string>>& values_of) {
  std::set<std::string> names;
  std::vector<std::size_t> idx(params.size(), 0);
  for (bool more = true; more;) {
    std::vector<std::string> vals;
    test_spec t = combination(params, idx, a, job_config, timeout, names, vals);
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
}

// The options after parsing; returns -1 to go on, else the exit status.
int check_args(const sweep_args& a, std::vector<sweep_param>& params, double& timeout) {
  if (a.config.empty()) return usage_of("sweep", "missing the base CONFIG.yaml");
  std::error_code ec;
  if (!fs::is_regular_file(a.config, ec)) return usage_of("sweep", a.config + ": no such config file");
  if (a.param_args.empty()) return usage_of("sweep", "no --param KEY=V1,V2,... given: nothing to sweep");
  if (const int rc = parse_params(a.param_args, params); rc >= 0) return rc;
  if (!std::regex_match(a.seeds_s, std::regex("[0-9]{1,5}")) || std::stoul(a.seeds_s) < 1)
    return usage_of("sweep", "--seeds: expected a number of seeds >= 1, got '" + a.seeds_s + "'");
  timeout = kDefaultTimeoutS;
  if (!a.timeout_s.empty()) {
    char* end = nullptr;
    timeout = std::strtod(a.timeout_s.c_str(), &end);
    if (*end != '\0' || !(timeout > 0) || timeout > 1e7)
      return usage_of("sweep", "--timeout: expected seconds in (0, 1e7], got '" + a.timeout_s + "'");
  }
  return -1;
}

}  // namespace
}  // namespace sb::regress

namespace sb {

int cmd_sweep(int argc, char** argv) {
  using namespace regress;
  const std::vector<std::string> args(argv + 1, argv + argc);
  run_options o;
  sweep_args a;
  const int rc = parse_run_options(
      "sweep", args, o,
      [&](cli::parser& p) {
        p.value("--param", "KEY=V1,V2,...", "a swept key", [&](const std::string& v) { a.param_args.push_back(v); })
            .value("--set", "KEY=VALUE", "a fixed override", [&](const std::string& v) { a.sets.push_back(v); })
            .value("--seeds", "N", "seeds per combination", [&](const std::string& v) { a.seeds_s = v; })
            .value("--name", "NAME", "regression name", [&](const std::string& v) { a.name = v; })
            .value("--timeout", "S", "timeout_s of every job", [&](const std::string& v) { a.timeout_s = v; })
            .positional([&](const std::string& arg) {
              if (!a.config.empty()) return false;
              a.config = arg;
              return true;
            });
      },
      print_sweep_help);
  if (rc >= 0) return rc;
  std::vector<sweep_param> params;
  double timeout = 0;
  if (const int crc = check_args(a, params, timeout); crc >= 0) return crc;

  regression reg;
  const fs::path cfg_abs = fs::weakly_canonical(fs::absolute(a.config));
  reg.root = root_of_config(cfg_abs);
  reg.name = a.name.empty() ? "sweep_" + name_part(cfg_abs.stem().string()) : a.name;
  if (!is_name(reg.name)) return usage_of("sweep", "--name must match [A-Za-z0-9_.-]+, got '" + reg.name + "'");
  reg.file = a.config;
  // Config path for the jobs: relative to the root when inside it, so the
  // reproduction commands read like the regression files'.
  const fs::path rel = cfg_abs.lexically_relative(reg.root);
  const std::string job_config = !rel.empty() && *rel.begin() != ".." ? rel.string() : cfg_abs.string();
  if (const int vrc = validate_params(reg.root, job_config, a.sets, params); vrc >= 0) return vrc;

  std::map<std::string, std::vector<std::string>> values_of;
  add_product(reg, params, a, job_config, timeout, values_of);
  std::cerr << "skybench: sweep: " << reg.tests.size() << " combinations x " << a.seeds_s << " seed(s) of " << job_config
            << "\n";
  return execute(reg, o, "sweep", [&](json& summary, const fs::path& out, const std::vector<job_result>& results) {
    write_sweep_table(summary, out, results, params, values_of, job_config);
  });
}

}  // namespace sb
