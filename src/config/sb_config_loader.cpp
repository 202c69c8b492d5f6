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

#include "sb_config_detail.h"

namespace sb {

using namespace config_detail;

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
