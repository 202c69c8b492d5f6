// Stage 1, plan: the regression file (docs/regressions.md) read and checked,
// expanded into jobs (tests x seeds), and every test's config validated
// in-process against the run schema before anything runs.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <yaml-cpp/yaml.h>

#include "regress_internal.h"
#include "sb_run_schema.h"

namespace sb::regress {

std::vector<std::string> job::run_args() const {
  std::vector<std::string> a = {"run", test->config};
  for (const auto& s : test->sets) a.insert(a.end(), {"--set", s});
  a.insert(a.end(), {"--seed", std::to_string(seed)});
  return a;
}

std::vector<std::string> job::exec_args(const fs::path& job_dir) const {
  std::vector<std::string> a = run_args();
  a.insert(a.end(), {"--out", job_dir.string(), "--quiet"});
  return a;
}

std::string job::reproduce() const {
  std::string s = kReproduceExe;
  for (const auto& a : run_args()) s += " " + shq(a);
  return s;
}

namespace {

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

void check_keys(const YAML::Node& m, const std::set<std::string>& allowed, const std::string& where,
                const std::string& expected, const file_errors& err) {
  for (const auto& kv : m) {
    const std::string k = kv.first.Scalar();
    if (!allowed.count(k))
      err.fail(where.empty() ? k : where + "." + k, "unknown key (expected " + expected + ")", &kv.first);
  }
}

std::vector<uint64_t> seeds_of(const YAML::Node& seeds, const std::string& where, const file_errors& err) {
  std::vector<uint64_t> out;
  if (!seeds.IsSequence()) {
    const uint64_t n = uint_of(seeds, where + ".seeds", err, 1, 100000);
    for (uint64_t v = 1; v <= n; ++v) out.push_back(v);
    return out;
  }
  if (seeds.size() == 0) err.fail(where + ".seeds", "an empty list runs nothing", &seeds);
  std::set<uint64_t> seen;
  for (std::size_t j = 0; j < seeds.size(); ++j) {
    const uint64_t v = uint_of(seeds[j], where + ".seeds[" + std::to_string(j) + "]", err, 0, 9200000000000000000ULL);
    if (!seen.insert(v).second) err.fail(where + ".seeds", "seed " + std::to_string(v) + " listed twice", &seeds);
    out.push_back(v);
  }
  return out;
}

std::vector<std::string> labels_of(const YAML::Node& labels, const std::string& where, const file_errors& err) {
  std::vector<std::string> out;
  if (!labels.IsSequence()) err.fail(where + ".labels", "must be a list of labels", &labels);
  for (std::size_t j = 0; j < labels.size(); ++j) {
    const std::string l = scalar_of(labels[j], where + ".labels", err);
    if (!std::regex_match(l, std::regex("[A-Za-z0-9_.:-]+")))
      err.fail(where + ".labels", "label must match [A-Za-z0-9_.:-]+, got '" + l + "'", &labels);
    out.push_back(l);
  }
  return out;
}

double timeout_of(const YAML::Node& to, const std::string& where, const file_errors& err) {
  const std::string v = scalar_of(to, where + ".timeout_s", err);
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !(d > 0) || d > 1e7)
    err.fail(where + ".timeout_s", "must be a number of seconds in (0, 1e7], got '" + v + "'", &to);
  return d;
}

// tests[i] of the file; `names` collects the test names (no duplicates).
test_spec load_test(const YAML::Node& t, std::size_t i, const regression& r, std::set<std::string>& names,
                    const file_errors& err) {
  const std::string where = "tests[" + std::to_string(i) + "]";
  if (!t.IsMap()) err.fail(where, "must be a mapping (name, config, seeds, ...)", &t);
  check_keys(t, {"name", "config", "set", "seeds", "labels", "timeout_s"}, where,
             "name, config, set, seeds, labels, timeout_s", err);
  for (const char* req : {"name", "config", "seeds"})
    if (!t[req]) err.fail(where + "." + req, "missing", &t);
  test_spec s;
  s.name = scalar_of(t["name"], where + ".name", err);
  if (!is_name(s.name)) err.fail(where + ".name", "must match [A-Za-z0-9_.-]+, got '" + s.name + "'", &t);
  if (!names.insert(s.name).second) err.fail(where + ".name", "duplicate test name '" + s.name + "'", &t);
  s.config = scalar_of(t["config"], where + ".config", err);
  const fs::path cfg = fs::path(s.config).is_absolute() ? fs::path(s.config) : r.root / s.config;
  std::error_code ec;
  if (!fs::is_regular_file(cfg, ec))
    err.fail(where + ".config", "no such file " + cfg.string() + " (config paths are relative to the repository root " +
                                    r.root.string() + ")");
  if (const YAML::Node set = t["set"]) {
    if (!set.IsMap()) err.fail(where + ".set", "must be a mapping {key: value, ...}", &set);
    flatten_sets(set, "", where + ".set", err, s.sets);
  }
  s.seeds = seeds_of(t["seeds"], where, err);
  if (const YAML::Node labels = t["labels"]) s.labels = labels_of(labels, where, err);
  if (const YAML::Node to = t["timeout_s"]) s.timeout_s = timeout_of(to, where, err);
  return s;
}

// load_config, the file read relative to `root` but named as given.
config load_config_in(const fs::path& root, const std::string& path, const std::vector<std::string>& sets) {
  const fs::path at = fs::path(path).is_absolute() ? fs::path(path) : root / path;
  std::error_code ec;
  if (fs::is_directory(at, ec)) throw config_error(path, "", std::string("cannot open: ") + std::strerror(EISDIR));
  errno = 0;
  std::ifstream in(at, std::ios::binary);
  if (!in) throw config_error(path, "", std::string("cannot open: ") + std::strerror(errno ? errno : ENOENT));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw config_error(path, "", std::string("cannot read: ") + std::strerror(errno ? errno : EIO));
  return load_config_string(text.str(), path, sets, run_schema());
}

}  // namespace

bool is_name(const std::string& s) { return std::regex_match(s, std::regex("[A-Za-z0-9_.-]+")); }

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
  check_keys(doc, {"name", "description", "tests"}, "", "name, description, tests", err);
  if (!doc["name"]) err.fail("name", "missing");
  r.name = scalar_of(doc["name"], "name", err);
  if (!is_name(r.name)) err.fail("name", "must match [A-Za-z0-9_.-]+, got '" + r.name + "'");
  if (doc["description"]) scalar_of(doc["description"], "description", err);
  const YAML::Node tests = doc["tests"];
  if (!tests) err.fail("tests", "missing");
  if (!tests.IsSequence() || tests.size() == 0) err.fail("tests", "must be a non-empty list of tests", &tests);
  std::set<std::string> names;
  for (std::size_t i = 0; i < tests.size(); ++i) r.tests.push_back(load_test(tests[i], i, r, names, err));
  return r;
}

std::vector<job> expand(const regression& r) {
  std::vector<job> jobs;
  for (const auto& t : r.tests)
    for (uint64_t seed : t.seeds) jobs.push_back(job{t.name + ".s" + std::to_string(seed), &t, seed});
  return jobs;
}

std::string config_check(const fs::path& root, const std::string& config, const std::vector<std::string>& sets) {
  try {
    load_config_in(root, config, sets);
  } catch (const config_error& e) {
    return std::string("skybench: error: ") + e.what();
  } catch (const std::exception& e) {
    return std::string("skybench: error: ") + config + ": " + e.what();
  }
  return "";
}

void validate_configs(const regression& r) {
  for (const auto& t : r.tests) {
    std::vector<std::string> sets = t.sets;
    sets.push_back("run.seed=" + std::to_string(t.seeds.front()));
    const std::string err = config_check(r.root, t.config, sets);
    if (!err.empty())
      throw regress_error(r.file + ": test " + t.name + ": invalid config (" + t.config + " with its set: overrides): " + err);
  }
}

}  // namespace sb::regress
