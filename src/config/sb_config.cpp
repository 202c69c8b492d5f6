// Configuration: key specs, the schema table, config_error and the typed
// getters of a loaded config (the loader: sb_config_loader.cpp). Schema
// mistakes (a programmer's) are std::logic_error.
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

#include "sb_config_detail.h"

namespace sb {

using namespace config_detail;

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

}  // namespace sb
