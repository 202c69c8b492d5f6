// Unit tests of skybench's run schema (src/sb_run_schema.cpp, src/systems/): the system is
// required, a key the chosen system never reads is refused, and every choice
// value of every key maps to its enum through the one mapping function (a
// value without a mapping would otherwise turn into a silent default).
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "sb_run_schema.h"
#include "sb_system.h"

namespace {

const std::vector<std::string> kSystems = {"xbar", "llr", "incast", "pod", "switch"};

// Maps a loaded config the way `skybench run` does: through its system's entry in the registry.
void map_for(const sb::config& c) { (void)sb::find_system(c.get_string("system"))->prepare(c); }

sb::config_error error_of(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  try {
    sb::load_config_string(yaml, "t.yaml", sets, sb::run_schema());
  } catch (const sb::config_error& e) {
    return e;
  }
  FAIL("expected a config_error for: " << yaml);
  return sb::config_error("", "", "");
}

}  // namespace

TEST_CASE("run schema: an empty config is refused, naming the required key system", "[run_schema]") {
  const auto e = error_of("");
  CHECK(e.key == "system");
  CHECK(e.file == "t.yaml");
  CHECK(std::string(e.what()).find("required key missing (one of: ") != std::string::npos);
}

TEST_CASE("run schema: a key the chosen system does not read is refused, with its line", "[run_schema]") {
  auto e = error_of("system: pod\nswitch:\n  clock_ghz: 2.0\n");
  CHECK(e.key == "switch.clock_ghz");
  CHECK(e.line == 3);
  CHECK(std::string(e.what()).find("not read by system pod (only by system: xbar)") != std::string::npos);
  e = error_of("system: pod\n", {"fault.flow_control=ignore_pause"});
  CHECK(e.key == "fault.flow_control");
  e = error_of("system: llr\nswitch: {ports: 8}\n");
  CHECK(e.key == "switch.ports");
  e = error_of("system: incast\nlink: {flit_error_rate: 0.001}\n");
  CHECK(e.key == "link.flit_error_rate");
  // The same keys where their system reads them load fine.
  CHECK_NOTHROW(sb::load_config_string("system: xbar\nswitch: {clock_ghz: 2.0}\n", "t.yaml", {}, sb::run_schema()));
  CHECK_NOTHROW(sb::load_config_string("system: incast\nlink: {cable_m: 3}\n", "t.yaml", {}, sb::run_schema()));
}

TEST_CASE("run schema: every choice value of every key a system reads maps, none to a silent default",
          "[run_schema]") {
  const sb::config_schema schema = sb::run_schema();
  int mapped = 0;
  for (const auto& sys : kSystems) {
    for (const auto& spec : schema.keys()) {
      if (spec.kind != sb::value_kind::choice || spec.key == "system") continue;
      const auto users = schema.users_of(spec.key);
      if (std::find(users.begin(), users.end(), sys) == users.end()) continue;
      for (const auto& v : spec.choices) {
        sb::config c;
        try {
          c = sb::load_config_string("system: " + sys + "\n", "t.yaml", {spec.key + "=" + v}, schema);
        } catch (const sb::config_error&) {
          continue;  // a rule refuses this combination (e.g. a pattern of another system)
        }
        INFO(sys << ": " << spec.key << " = " << v);
        try {
          map_for(c);
          ++mapped;
        } catch (const std::invalid_argument&) {
          // refused with a user-facing reason (exit 2 in skybench run)
        } catch (const std::logic_error& e) {
          FAIL(e.what());
        }
      }
    }
  }
  CHECK(mapped > 60);  // 72 when written: every system, every choice it reads
}
