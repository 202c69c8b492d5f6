// Scalar parsing (integers, reals, booleans, choices) with range checks, and
// the formatting of values, ranges and YAML nodes in messages.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>

#include "sb_config_detail.h"

namespace sb::config_detail {

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

}  // namespace sb::config_detail
