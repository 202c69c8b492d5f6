// Configuration loading: walks the YAML tree against the schema table,
// parses and range-checks every scalar eagerly, applies --set overrides, then
// runs the cross-field rules. Every user-facing failure is a config_error;
// schema mistakes (a programmer's) are std::logic_error.
#include "sb_config.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <yaml-cpp/yaml.h>

namespace sb {

namespace {

constexpr const char* kOverrideFile = "--set";

std::string format_number(double v, value_kind kind) {
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  if (kind == value_kind::integer && std::fabs(v) < 9.2e18) {
    return std::to_string(static_cast<int64_t>(v));
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  return std::string(buf, res.ptr);
}

bool is_numeric(value_kind k) { return k == value_kind::integer || k == value_kind::real; }

bool has_range(const key_spec& s) {
  return is_numeric(s.kind) && (!std::isinf(s.min) || !std::isinf(s.max));
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += "'" + items[i] + "'";
  }
  return out;
}

// "an integer in [2, 128]", "one of 'islip', 'rr'", ...
std::string expectation(const key_spec& s) {
  const std::string range = has_range(s) ? " in " + range_text(s) : "";
  switch (s.kind) {
    case value_kind::integer: return "an integer" + range;
    case value_kind::real: return "a real number" + range;
    case value_kind::boolean: return "a boolean (true/false, yes/no, on/off)";
    case value_kind::string: return "a string";
    case value_kind::choice: return "one of " + quoted_list(s.choices);
  }
  return "a value";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool digits_only(const std::string& s, std::size_t from, std::size_t to, bool hex) {
  if (from >= to) return false;
  for (std::size_t i = from; i < to; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!(hex ? std::isxdigit(c) : std::isdigit(c))) return false;
  }
  return true;
}

// Decimal or 0x-hex integer with an optional sign, nothing else. Returns ""
// and sets out, or a reason.
std::string parse_int(const key_spec& spec, const std::string& t, int64_t& out) {
  const std::string bad = "expected " + expectation(spec) + ", got '" + t + "'";
  std::size_t i = 0;
  bool neg = false;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
  bool hex = false;
  if (t.size() - i > 2 && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X')) {
    hex = true;
    i += 2;
  }
  if (!digits_only(t, i, t.size(), hex)) return bad;
  uint64_t mag = 0;
  auto res = std::from_chars(t.data() + i, t.data() + t.size(), mag, hex ? 16 : 10);
  const uint64_t limit = neg ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (res.ec == std::errc::result_out_of_range || mag > limit) {
    return "out of range: " + t + " does not fit in a 64-bit integer";
  }
  if (res.ec != std::errc() || res.ptr != t.data() + t.size()) return bad;
  out = neg ? static_cast<int64_t>(0 - mag) : static_cast<int64_t>(mag);
  return "";
}

// [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?  — finite only,
// so "nan", "inf", ".inf" and hex floats are refused.
std::string parse_real(const key_spec& spec, const std::string& t, double& out) {
  const std::string bad = "expected " + expectation(spec) + ", got '" + t + "'";
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  const std::size_t num_start = i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++int_digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return bad;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == exp_start) return bad;
  }
  if (i != t.size()) return bad;
  // from_chars (locale-independent) takes no '+'; keep a '-'.
  const char* first = t.data() + (t[0] == '+' ? num_start : 0);
  double v = 0;
  auto res = std::from_chars(first, t.data() + t.size(), v, std::chars_format::general);
  if (res.ec == std::errc::result_out_of_range || !std::isfinite(v)) {
    return "out of range: " + t + " is not representable as a double";
  }
  if (res.ec != std::errc() || res.ptr != t.data() + t.size()) return bad;
  out = v;
  return "";
}

std::string check_range(const key_spec& spec, double v, const std::string& shown) {
  if (v < spec.min || v > spec.max) {
    return "out of range: " + shown + " not in " + range_text(spec);
  }
  return "";
}

// Parses `text` as a value of `spec` (type, then range). Returns "" and sets
// `out` on success, else the reason.
std::string parse_scalar(const key_spec& spec, const std::string& text, config_value& out) {
  switch (spec.kind) {
    case value_kind::integer: {
      int64_t v = 0;
      if (auto r = parse_int(spec, text, v); !r.empty()) return r;
      if (auto r = check_range(spec, static_cast<double>(v), std::to_string(v)); !r.empty()) {
        return r;
      }
      out = v;
      return "";
    }
    case value_kind::real: {
      double v = 0;
      if (auto r = parse_real(spec, text, v); !r.empty()) return r;
      if (auto r = check_range(spec, v, text); !r.empty()) return r;
      out = v;
      return "";
    }
    case value_kind::boolean: {
      const std::string l = lower(text);
      if (l == "true" || l == "yes" || l == "on") {
        out = true;
      } else if (l == "false" || l == "no" || l == "off") {
        out = false;
      } else {
        return "expected " + expectation(spec) + ", got '" + text + "'";
      }
      return "";
    }
    case value_kind::string:
      out = text;
      return "";
    case value_kind::choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
        return "expected " + expectation(spec) + ", got '" + text + "'";
      }
      out = text;
      return "";
  }
  return "unsupported kind";
}

bool valid_key_name(const std::string& key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  char prev = 0;
  for (char c : key) {
    if (c == '.' && prev == '.') return false;
    const unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '-' || c == '.')) return false;
    prev = c;
  }
  return true;
}

// Optimal string alignment distance (Levenshtein plus adjacent transposition,
// so "prots" is one edit from "ports").
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string last_segment(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string describe_node(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
  }
  return "an empty value";
}

int line_of(const YAML::Node& n) {
  const int line = n.Mark().line;
  return line >= 0 ? line + 1 : 0;
}

std::string escape_md(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- key_spec

key_spec int_key(std::string key, std::string default_value, double min, double max,
                 std::string doc, std::string unit) {
  return {std::move(key), value_kind::integer, std::move(default_value), min, max, {},
          std::move(doc), std::move(unit)};
}

key_spec real_key(std::string key, std::string default_value, double min, double max,
                  std::string doc, std::string unit) {
  return {std::move(key), value_kind::real, std::move(default_value), min, max, {},
          std::move(doc), std::move(unit)};
}

key_spec bool_key(std::string key, std::string default_value, std::string doc) {
  key_spec s;
  s.key = std::move(key);
  s.kind = value_kind::boolean;
  s.default_value = std::move(default_value);
  s.doc = std::move(doc);
  return s;
}

key_spec string_key(std::string key, std::string default_value, std::string doc) {
  key_spec s;
  s.key = std::move(key);
  s.kind = value_kind::string;
  s.default_value = std::move(default_value);
  s.doc = std::move(doc);
  return s;
}

key_spec choice_key(std::string key, std::string default_value,
                    std::vector<std::string> choices, std::string doc) {
  key_spec s;
  s.key = std::move(key);
  s.kind = value_kind::choice;
  s.default_value = std::move(default_value);
  s.choices = std::move(choices);
  s.doc = std::move(doc);
  return s;
}

std::string to_string(value_kind kind) {
  switch (kind) {
    case value_kind::integer: return "integer";
    case value_kind::real: return "real";
    case value_kind::boolean: return "boolean";
    case value_kind::string: return "string";
    case value_kind::choice: return "choice";
  }
  return "?";
}

std::string range_text(const key_spec& s) {
  if (s.kind == value_kind::choice) {
    std::string out;
    for (std::size_t i = 0; i < s.choices.size(); ++i) out += (i ? ", " : "") + s.choices[i];
    return out;
  }
  if (!has_range(s)) return "";
  const std::string lo = std::isinf(s.min) ? "(-inf" : "[" + format_number(s.min, s.kind);
  const std::string hi = std::isinf(s.max) ? "inf)" : format_number(s.max, s.kind) + "]";
  return lo + ", " + hi;
}

// ------------------------------------------------------------ config_error

namespace {
std::string error_text(const std::string& file, const std::string& key,
                       const std::string& reason, int line) {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  return out + reason;
}
}  // namespace

config_error::config_error(std::string file_, std::string key_, std::string reason_, int line_)
    : std::runtime_error(error_text(file_, key_, reason_, line_)),
      file(std::move(file_)),
      key(std::move(key_)),
      reason(std::move(reason_)),
      line(line_) {}

// ----------------------------------------------------------- config_schema

config_schema& config_schema::add(key_spec spec) {
  const std::string where = "config_schema: key '" + spec.key + "': ";
  if (!valid_key_name(spec.key)) {
    throw std::logic_error(where + "malformed name (dotted segments of [A-Za-z0-9_-])");
  }
  if (specs_.count(spec.key)) throw std::logic_error(where + "added twice");
  if (sections_.count(spec.key)) {
    throw std::logic_error(where + "is already a section of other keys");
  }
  for (auto dot = spec.key.find('.'); dot != std::string::npos; dot = spec.key.find('.', dot + 1)) {
    if (specs_.count(spec.key.substr(0, dot))) {
      throw std::logic_error(where + "its section '" + spec.key.substr(0, dot) +
                             "' is already a key");
    }
  }
  if (is_numeric(spec.kind)) {
    if (std::isnan(spec.min) || std::isnan(spec.max) || spec.min > spec.max) {
      throw std::logic_error(where + "bad range");
    }
  } else if (!std::isinf(spec.min) || !std::isinf(spec.max)) {
    throw std::logic_error(where + "min/max only apply to integer and real keys");
  }
  if ((spec.kind == value_kind::choice) == spec.choices.empty()) {
    throw std::logic_error(where + "choices are required for, and only for, choice keys");
  }
  if (!spec.default_value.empty()) {
    config_value v;
    if (auto r = parse_scalar(spec, spec.default_value, v); !r.empty()) {
      throw std::logic_error(where + "bad default: " + r);
    }
  }
  for (auto dot = spec.key.find('.'); dot != std::string::npos; dot = spec.key.find('.', dot + 1)) {
    sections_.insert(spec.key.substr(0, dot));
  }
  std::string key = spec.key;
  specs_.emplace(std::move(key), std::move(spec));
  return *this;
}

config_schema& config_schema::add_table(const std::vector<key_spec>& specs) {
  for (const auto& s : specs) add(s);
  return *this;
}

config_schema& config_schema::rule(std::string key, rule_fn fn) {
  if (!specs_.count(key)) {
    throw std::logic_error("config_schema: rule names unknown key '" + key +
                           "' (add the key before its rules)");
  }
  if (!fn) throw std::logic_error("config_schema: empty rule for '" + key + "'");
  rules_.emplace_back(std::move(key), std::move(fn));
  return *this;
}

config_schema& config_schema::selector(std::string choice_key) {
  auto it = specs_.find(choice_key);
  if (it == specs_.end() || it->second.kind != value_kind::choice)
    throw std::logic_error("config_schema: selector '" + choice_key + "' is not a choice key of the schema");
  selector_ = std::move(choice_key);
  return *this;
}

config_schema& config_schema::used_by(std::string key_or_section, std::vector<std::string> values) {
  if (selector_.empty()) throw std::logic_error("config_schema: used_by before selector");
  if (!specs_.count(key_or_section) && !sections_.count(key_or_section))
    throw std::logic_error("config_schema: used_by names unknown key or section '" + key_or_section + "'");
  const auto& choices = specs_.at(selector_).choices;
  for (const auto& v : values)
    if (std::find(choices.begin(), choices.end(), v) == choices.end())
      throw std::logic_error("config_schema: used_by('" + key_or_section + "'): '" + v + "' is not a value of " + selector_);
  if (!used_by_.emplace(std::move(key_or_section), std::move(values)).second)
    throw std::logic_error("config_schema: used_by given twice for one key or section");
  return *this;
}

std::vector<std::string> config_schema::users_of(const std::string& key) const {
  if (selector_.empty()) return {};
  // The most specific entry: the key itself, then each shorter section.
  for (std::string k = key;;) {
    auto it = used_by_.find(k);
    if (it != used_by_.end()) return it->second;
    const auto dot = k.rfind('.');
    if (dot == std::string::npos) break;
    k.resize(dot);
  }
  return specs_.at(selector_).choices;
}

const key_spec* config_schema::find(const std::string& key) const {
  auto it = specs_.find(key);
  return it == specs_.end() ? nullptr : &it->second;
}

bool config_schema::is_section(const std::string& path) const { return sections_.count(path) != 0; }

std::vector<key_spec> config_schema::keys() const {
  std::vector<key_spec> out;
  out.reserve(specs_.size());
  for (const auto& kv : specs_) out.push_back(kv.second);
  return out;
}

std::string config_schema::markdown_table() const {
  std::ostringstream os;
  const bool sel = !selector_.empty();
  os << "| key | type | default | range |" << (sel ? " " + selector_ + " |" : "") << " meaning |\n";
  os << "|-----|------|---------|-------|" << (sel ? "---|" : "") << "---------|\n";
  for (const auto& [key, s] : specs_) {
    std::string type = to_string(s.kind);
    if (!s.unit.empty()) type += " (" + s.unit + ")";
    const std::string def = s.default_value.empty() ? "*required*" : "`" + s.default_value + "`";
    os << "| `" << key << "` | " << escape_md(type) << " | " << escape_md(def) << " | "
       << escape_md(range_text(s)) << " | ";
    if (sel) {
      const auto users = users_of(key);
      std::string list;
      if (users.size() == specs_.at(selector_).choices.size()) {
        list = "all";
      } else {
        for (const auto& u : users) list += (list.empty() ? "" : ", ") + u;
      }
      os << escape_md(list) << " | ";
    }
    os << escape_md(s.doc) << " |\n";
  }
  return os.str();
}

// ------------------------------------------------------------------ config

const config::entry& config::at(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) {
    throw std::logic_error("config: no key '" + key + "' in the schema of " +
                           (source_.empty() ? "this config" : source_));
  }
  return it->second;
}

namespace {
[[noreturn]] void wrong_getter(const std::string& key, value_kind kind, const char* asked) {
  throw std::logic_error("config: key '" + key + "' is " + to_string(kind) + ", not " + asked);
}
}  // namespace

int64_t config::get_int(const std::string& key) const {
  const entry& e = at(key);
  if (e.kind != value_kind::integer) wrong_getter(key, e.kind, "integer");
  return std::get<int64_t>(e.v);
}

double config::get_real(const std::string& key) const {
  const entry& e = at(key);
  if (e.kind == value_kind::integer) return static_cast<double>(std::get<int64_t>(e.v));
  if (e.kind != value_kind::real) wrong_getter(key, e.kind, "real");
  return std::get<double>(e.v);
}

bool config::get_bool(const std::string& key) const {
  const entry& e = at(key);
  if (e.kind != value_kind::boolean) wrong_getter(key, e.kind, "boolean");
  return std::get<bool>(e.v);
}

std::string config::get_string(const std::string& key) const {
  const entry& e = at(key);
  if (e.kind != value_kind::string && e.kind != value_kind::choice) {
    wrong_getter(key, e.kind, "string/choice");
  }
  return std::get<std::string>(e.v);
}

bool config::is_set_explicitly(const std::string& key) const { return at(key).explicit_set; }

nlohmann::json config::to_json() const {
  nlohmann::json root = nlohmann::json::object();
  for (const auto& [key, e] : values_) {
    nlohmann::json* node = &root;
    std::size_t start = 0;
    for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
      nlohmann::json& child = (*node)[key.substr(start, dot - start)];
      if (child.is_null()) child = nlohmann::json::object();
      node = &child;
      start = dot + 1;
    }
    std::visit([&](const auto& v) { (*node)[key.substr(start)] = v; }, e.v);
  }
  return root;
}

// ------------------------------------------------------------------ loader

class config_loader {
 public:
  config_loader(const config_schema& schema, std::string file) : schema_(schema), file_(file) {
    cfg_.source_ = std::move(file);
  }

  config run(const std::string& text, const std::vector<std::string>& overrides) {
    for (const auto& [key, spec] : schema_.specs_) {
      config::entry e;
      e.kind = spec.kind;
      if (!spec.default_value.empty()) parse_scalar(spec, spec.default_value, e.v);  // checked in add()
      cfg_.values_.emplace(key, std::move(e));
    }
    load_text(text);
    for (const auto& o : overrides) apply_override(o);
    for (const auto& [key, spec] : schema_.specs_) {
      if (spec.default_value.empty() && !cfg_.values_.at(key).explicit_set) {
        std::string reason = "required key missing";
        if (spec.kind == value_kind::choice) reason += " (one of: " + range_text(spec) + ")";
        throw config_error(file_, key, reason);
      }
    }
    if (!schema_.selector_.empty()) {
      const std::string sel = std::get<std::string>(cfg_.values_.at(schema_.selector_).v);
      for (const auto& [key, e] : cfg_.values_) {
        if (!e.explicit_set) continue;
        const auto users = schema_.users_of(key);
        if (std::find(users.begin(), users.end(), sel) != users.end()) continue;
        std::string list;
        for (const auto& u : users) list += (list.empty() ? "" : ", ") + u;
        throw config_error(e.line ? file_ : kOverrideFile, key,
                           "not read by " + schema_.selector_ + " " + sel + " (only by " + schema_.selector_ + ": " +
                               list + "); it would be ignored: remove it",
                           e.line);
      }
    }
    for (const auto& [key, fn] : schema_.rules_) {
      const std::string reason = fn(cfg_);
      if (!reason.empty()) throw config_error(file_, key, reason, cfg_.values_.at(key).line);
    }
    return std::move(cfg_);
  }

 private:
  void load_text(const std::string& text) {
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      if (e.mark.is_null()) throw config_error(file_, "", "malformed YAML: " + e.msg);
      throw config_error(file_, "",
                         "malformed YAML at line " + std::to_string(e.mark.line + 1) +
                             ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg,
                         e.mark.line + 1);
    }
    if (docs.size() > 1) {
      throw config_error(file_, "",
                         "expected one YAML document, found " + std::to_string(docs.size()),
                         line_of(docs[1]));
    }
    if (docs.empty() || docs[0].IsNull()) return;  // empty file: all defaults
    if (!docs[0].IsMap()) {
      throw config_error(file_, "", "top level must be a map of keys, got " + describe_node(docs[0]),
                         line_of(docs[0]));
    }
    walk(docs[0], "");
  }

  void walk(const YAML::Node& map, const std::string& prefix) {
    std::map<std::string, int> seen_here;  // raw key -> line, for duplicates at this level
    for (const auto& kv : map) {
      const YAML::Node& k = kv.first;
      const YAML::Node& v = kv.second;
      const int line = line_of(k);
      if (!k.IsScalar()) {
        throw config_error(file_, prefix, "map keys must be plain names, got " + describe_node(k),
                           line);
      }
      const std::string path = prefix.empty() ? k.Scalar() : prefix + "." + k.Scalar();
      if (auto [it, fresh] = seen_here.emplace(k.Scalar(), line); !fresh) {
        throw config_error(file_, path, twice(it->second), line);
      }
      if (const key_spec* spec = schema_.find(path)) {
        // Also catches `a.b: 1` next to `a: {b: 2}`.
        if (auto [it, fresh] = leaf_lines_.emplace(path, line); !fresh) {
          throw config_error(file_, path, twice(it->second), line);
        }
        set_from_node(*spec, v, file_, line_of(v) ? line_of(v) : line);
      } else if (schema_.is_section(path)) {
        if (v.IsNull()) continue;  // `section:` with nothing under it
        if (!v.IsMap()) {
          throw config_error(file_, path,
                             "expected a section (a map with keys such as '" +
                                 example_key(path) + "'), got " + describe_node(v),
                             line_of(v) ? line_of(v) : line);
        }
        walk(v, path);
      } else {
        throw config_error(file_, path, unknown(path), line);
      }
    }
  }

  void apply_override(const std::string& o) {
    const auto eq = o.find('=');
    std::string key = eq == std::string::npos ? "" : o.substr(0, eq);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key.empty()) {
      throw config_error(kOverrideFile, "", "malformed override '" + o + "': expected key=value");
    }
    const key_spec* spec = schema_.find(key);
    if (!spec) {
      if (schema_.is_section(key)) {
        throw config_error(kOverrideFile, key,
                           "is a section, not a key (e.g. '" + example_key(key) + "=...')");
      }
      throw config_error(kOverrideFile, key, unknown(key));
    }
    const std::string text = o.substr(eq + 1);
    YAML::Node v;
    try {
      v = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw config_error(kOverrideFile, key, "malformed value '" + text + "': " + e.msg);
    }
    set_from_node(*spec, v, kOverrideFile, 0);
  }

  void set_from_node(const key_spec& spec, const YAML::Node& v, const std::string& file, int line) {
    if (!v.IsScalar()) {
      throw config_error(file, spec.key,
                         "expected " + expectation(spec) + ", got " + describe_node(v), line);
    }
    config::entry& e = cfg_.values_.at(spec.key);
    if (auto r = parse_scalar(spec, v.Scalar(), e.v); !r.empty()) {
      throw config_error(file, spec.key, r, line);
    }
    e.explicit_set = true;
    e.line = line;
  }

  static std::string twice(int first_line) {
    return "key given twice" +
           (first_line > 0 ? " (first at line " + std::to_string(first_line) + ")" : "");
  }

  std::string example_key(const std::string& section) const {
    auto it = schema_.specs_.lower_bound(section + ".");
    return it != schema_.specs_.end() ? it->first : section + ".?";
  }

  // "unknown key (did you mean 'xbar.voq_depth'?)"
  std::string unknown(const std::string& path) const {
    const std::string lp = lower(path);
    std::string best;
    std::size_t best_d = std::string::npos;
    auto consider = [&](const std::string& cand) {
      const std::size_t d = edit_distance(lp, lower(cand));
      if (d < best_d) best_d = d, best = cand;
    };
    for (const auto& kv : schema_.specs_) consider(kv.first);
    for (const auto& s : schema_.sections_) consider(s);
    const std::size_t limit = std::max<std::size_t>(2, std::min<std::size_t>(3, path.size() / 3));
    if (best_d > limit) {
      best.clear();
      // Right name in the wrong section: `xbar.ports` for `switch.ports`.
      const std::string leaf = last_segment(path);
      for (const auto& kv : schema_.specs_) {
        if (last_segment(kv.first) == leaf) {
          best = kv.first;
          break;
        }
      }
    }
    return best.empty() ? "unknown key" : "unknown key (did you mean '" + best + "'?)";
  }

  const config_schema& schema_;
  std::string file_;
  config cfg_;
  std::map<std::string, int> leaf_lines_;
};

config load_config_string(const std::string& yaml_text, const std::string& name,
                          const std::vector<std::string>& overrides,
                          const config_schema& schema) {
  return config_loader(schema, name).run(yaml_text, overrides);
}

config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const config_schema& schema) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw config_error(path, "", std::string("cannot open: ") + std::strerror(EISDIR));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno ? errno : ENOENT;
    throw config_error(path, "", std::string("cannot open: ") + std::strerror(err));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw config_error(path, "", std::string("cannot read: ") + std::strerror(errno ? errno : EIO));
  }
  return load_config_string(text.str(), path, overrides, schema);
}

}  // namespace sb
