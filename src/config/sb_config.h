// Configuration: a schema (a data table of typed keys that each block
// extends) and the validated, immutable values loaded from a YAML file plus
// `--set key=value` overrides. Every value is checked at load time, so a bad
// file is refused before anything runs.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace sb {

class config;

enum class value_kind { integer, real, boolean, string, choice };

// One configuration key. Keys are dotted paths ("xbar.voq_depth"); in YAML
// each dot is a level of nesting (`xbar: {voq_depth: 16}`).
struct key_spec {
  std::string key;            // "xbar.voq_depth"; segments of [A-Za-z0-9_-]
  value_kind kind = value_kind::integer;
  std::string default_value;  // YAML scalar text; "" = required key
  double min = -std::numeric_limits<double>::infinity();  // inclusive, integer/real
  double max = std::numeric_limits<double>::infinity();   // inclusive, integer/real
  std::vector<std::string> choices;  // choice only, exact (case-sensitive) match
  std::string doc;            // one line: `skybench config --list`, docs tables
  std::string unit;           // optional: "cycles", "ns", "flits/cycle/port"
};

// Helpers that keep schema tables readable without C++20 designated
// initializers (min/max/choices are positional in key_spec).
key_spec int_key(std::string key, std::string default_value, double min, double max,
                 std::string doc, std::string unit = "");
key_spec real_key(std::string key, std::string default_value, double min, double max,
                  std::string doc, std::string unit = "");
key_spec bool_key(std::string key, std::string default_value, std::string doc);
key_spec string_key(std::string key, std::string default_value, std::string doc);
key_spec choice_key(std::string key, std::string default_value,
                    std::vector<std::string> choices, std::string doc);

// Bad user input. what() = "FILE: KEY: REASON", or "FILE:LINE: KEY: REASON"
// when the YAML line is known; KEY and its ": " are left out when empty.
// FILE is "--set" for errors in command-line overrides.
class config_error : public std::runtime_error {
 public:
  config_error(std::string file, std::string key, std::string reason, int line = 0);
  std::string file;
  std::string key;
  std::string reason;
  int line = 0;  // 1-based line in FILE, 0 = not known / not from a file
};

class config_schema {
 public:
  using rule_fn = std::function<std::string(const config&)>;

  // Throws std::logic_error on a duplicate key, a malformed key name, a key
  // that would also be a section ("a.b" and "a.b.c"), min > max, choices on a
  // non-choice key, or a default that does not pass its own validation.
  config_schema& add(key_spec spec);
  config_schema& add_table(const std::vector<key_spec>& specs);

  // Cross-field rule: fn returns "" when fine, else the reason. `key` (which
  // must already be in the schema) is the field the error names. Rules run
  // in registration order after all values are parsed; the first failure
  // throws.
  config_schema& rule(std::string key, rule_fn fn);

  // Keys that only some values of one choice key (the selector, e.g.
  // `system`) use. used_by("llr", {"llr", "pod"}) says every key of section
  // `llr` (or the key `llr`) is read only when the selector is llr or pod; the
  // most specific entry (the longest key or section) wins, and keys without
  // an entry are used by every value. A key set explicitly (in the file or by
  // an override) that the selected value does not use is refused: it would be
  // accepted and silently ignored. Checked after parsing, before the rules.
  config_schema& selector(std::string choice_key);
  config_schema& used_by(std::string key_or_section, std::vector<std::string> values);
  // The selector values that use `key` (all choices of the selector when no
  // entry names it); empty when the schema has no selector.
  std::vector<std::string> users_of(const std::string& key) const;

  const key_spec* find(const std::string& key) const;  // nullptr if absent
  bool is_section(const std::string& path) const;      // "xbar" for "xbar.voq_depth"
  std::vector<key_spec> keys() const;                  // sorted by key
  std::size_t size() const { return specs_.size(); }

  // | key | type | default | range | meaning |, one row per key, sorted.
  std::string markdown_table() const;

 private:
  friend class config_loader;
  std::map<std::string, key_spec> specs_;
  std::set<std::string> sections_;  // every proper dotted prefix of a key
  std::vector<std::pair<std::string, rule_fn>> rules_;
  std::string selector_;
  std::map<std::string, std::vector<std::string>> used_by_;
};

// A parsed value: integer → int64_t, real → double, boolean → bool,
// string and choice → std::string.
using config_value = std::variant<int64_t, double, bool, std::string>;

// Validated values for every key of a schema. Immutable once loaded.
// Asking for a key not in the schema, or with the wrong getter, is a
// programming error: std::logic_error. get_real also reads integer keys.
class config {
 public:
  config() = default;

  int64_t get_int(const std::string& key) const;
  double get_real(const std::string& key) const;
  bool get_bool(const std::string& key) const;
  std::string get_string(const std::string& key) const;  // string and choice keys

  // Given in the file or by an override (as opposed to the schema default).
  bool is_set_explicitly(const std::string& key) const;

  // Nested JSON of the effective configuration: every key, typed values.
  nlohmann::json to_json() const;

  std::string source() const { return source_; }  // file path (or test name)

 private:
  friend class config_loader;
  struct entry {
    value_kind kind = value_kind::integer;
    config_value v;
    bool explicit_set = false;
    int line = 0;  // line in source() where set, 0 = default or override
  };
  const entry& at(const std::string& key) const;

  std::map<std::string, entry> values_;
  std::string source_;
};

// Loads and validates. Overrides are "key=value" (value parsed as a YAML
// scalar with the same validation), applied after the file, last one wins.
// Throws config_error on any bad input.
config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   const config_schema& schema);
// Same, from text; `name` stands in for the file path in errors and source().
config load_config_string(const std::string& yaml_text, const std::string& name,
                          const std::vector<std::string>& overrides,
                          const config_schema& schema);

// Formatting shared by error messages, markdown_table and `config --list`.
std::string to_string(value_kind kind);  // "integer", "real", "boolean", ...
std::string range_text(const key_spec& spec);  // "[2, 128]", "[0, inf)", "islip, rr", ""

}  // namespace sb
