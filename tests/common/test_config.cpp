// Unit tests for sb_config: every kind of bad input is refused with the
// file, the key and a reason; good input yields typed values.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "sb_config.h"

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

sb::config_schema test_schema() {
  sb::config_schema s;
  s.add_table({
      sb::int_key("switch.ports", "16", 2, 128, "Switch radix", "ports"),
      sb::int_key("switch.classes", "2", 1, 8, "Traffic classes"),
      sb::int_key("xbar.voq_depth", "16", 1, kInf, "VOQ depth per input and class", "flits"),
      sb::int_key("xbar.speedup", "1", 1, 4, "Crossbar speedup"),
      sb::choice_key("xbar.allocator", "islip", {"islip", "rr", "wavefront"}, "Allocator"),
      sb::real_key("link.ber", "0", 0, 1, "Bit error rate"),
      sb::real_key("endpoint.load", "0.5", 0, 1, "Offered load", "flits/cycle/port"),
      sb::bool_key("llr.enable", "true", "Link-level retry on"),
      sb::string_key("run.name", "default", "Run name | shown in reports"),
      sb::int_key("run.seed", "1", -kInf, kInf, "Seed"),
  });
  // A speedup above 1 only makes sense with at least 4 VOQ slots.
  s.rule("xbar.voq_depth", [](const sb::config& c) -> std::string {
    if (c.get_int("xbar.speedup") > 1 && c.get_int("xbar.voq_depth") < 4) {
      return "must be >= 4 when xbar.speedup > 1";
    }
    return "";
  });
  return s;
}

sb::config load(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  return sb::load_config_string(yaml, "t.yaml", overrides, test_schema());
}

// Runs fn, which must throw config_error; returns it for inspection.
sb::config_error error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const sb::config_error& e) {
    return e;
  }
  FAIL("no config_error thrown");
  return sb::config_error("", "", "");
}

sb::config_error load_error(const std::string& yaml,
                            const std::vector<std::string>& overrides = {}) {
  return error_of([&] { load(yaml, overrides); });
}

void check(const sb::config_error& e, const std::string& file, const std::string& key,
           const std::string& reason_part) {
  INFO("what(): " << e.what());
  CHECK(e.file == file);
  CHECK(e.key == key);
  CHECK_THAT(e.reason, Catch::Contains(reason_part));
}

}  // namespace

TEST_CASE("defaults apply when the file is empty", "[config]") {
  for (const std::string text : {"", "# only a comment\n", "---\n"}) {
    const sb::config c = load(text);
    CHECK(c.get_int("switch.ports") == 16);
    CHECK(c.get_string("xbar.allocator") == "islip");
    CHECK(c.get_real("endpoint.load") == 0.5);
    CHECK(c.get_bool("llr.enable"));
    CHECK(c.get_string("run.name") == "default");
    CHECK_FALSE(c.is_set_explicitly("switch.ports"));
    CHECK(c.source() == "t.yaml");
  }
}

TEST_CASE("nested and dotted keys load typed values", "[config]") {
  const sb::config c = load(
      "switch:\n  ports: 64\n  classes: 4\n"
      "xbar: {voq_depth: 0x20, allocator: wavefront}\n"
      "link.ber: 1e-12\n"
      "endpoint:\n  load: .75\n"
      "llr: {enable: off}\n"
      "run: {name: 'nightly run', seed: -3}\n");
  CHECK(c.get_int("switch.ports") == 64);
  CHECK(c.get_int("switch.classes") == 4);
  CHECK(c.get_int("xbar.voq_depth") == 32);
  CHECK(c.get_string("xbar.allocator") == "wavefront");
  CHECK(c.get_real("link.ber") == 1e-12);
  CHECK(c.get_real("endpoint.load") == 0.75);
  CHECK_FALSE(c.get_bool("llr.enable"));
  CHECK(c.get_string("run.name") == "nightly run");
  CHECK(c.get_int("run.seed") == -3);
  CHECK(c.get_real("switch.ports") == 64.0);  // integer keys widen to real
}

TEST_CASE("is_set_explicitly tells file and overrides from defaults", "[config]") {
  const sb::config c = load("switch: {ports: 16}\n", {"xbar.speedup=2"});
  CHECK(c.is_set_explicitly("switch.ports"));  // given, even though equal to default
  CHECK(c.is_set_explicitly("xbar.speedup"));
  CHECK_FALSE(c.is_set_explicitly("switch.classes"));
  CHECK_FALSE(c.is_set_explicitly("xbar.voq_depth"));
}

TEST_CASE("unknown key is refused with a suggestion", "[config]") {
  check(load_error("switch:\n  portz: 16\n"), "t.yaml", "switch.portz",
        "unknown key (did you mean 'switch.ports'?)");
  check(load_error("swich:\n  ports: 16\n"), "t.yaml", "swich",
        "unknown key (did you mean 'switch'?)");
  check(load_error("xbar: {voq_dpeth: 3}\n"), "t.yaml", "xbar.voq_dpeth",
        "did you mean 'xbar.voq_depth'?");
  // Right name in the wrong section.
  check(load_error("link: {ports: 3}\n"), "t.yaml", "link.ports", "did you mean 'switch.ports'?");
  const auto far = load_error("completely_unrelated: 1\n");
  check(far, "t.yaml", "completely_unrelated", "unknown key");
  CHECK_THAT(far.reason, !Catch::Contains("did you mean"));
  CHECK(far.line == 1);
}

TEST_CASE("what() reads FILE:LINE: KEY: REASON", "[config]") {
  const auto e = load_error("switch:\n  ports: 200\n");
  CHECK(e.line == 2);
  CHECK(std::string(e.what()) == "t.yaml:2: switch.ports: out of range: 200 not in [2, 128]");
  const sb::config_error no_key("f.yaml", "", "cannot open: No such file or directory");
  CHECK(std::string(no_key.what()) == "f.yaml: cannot open: No such file or directory");
}

TEST_CASE("integer keys refuse non-integers", "[config]") {
  for (const std::string bad : {"1.5", "12abc", "''", "true", "1e3", "0x", "--3", "abc"}) {
    INFO("value " << bad);
    check(load_error("switch: {ports: " + bad + "}\n"), "t.yaml", "switch.ports",
          "expected an integer in [2, 128], got '");
  }
  check(load_error("run: {seed: 99999999999999999999}\n"), "t.yaml", "run.seed",
        "does not fit in a 64-bit integer");
  check(load_error("switch: {ports: [1, 2]}\n"), "t.yaml", "switch.ports",
        "expected an integer in [2, 128], got a sequence");
  check(load_error("switch: {ports: {a: 1}}\n"), "t.yaml", "switch.ports", "got a map");
  check(load_error("switch: {ports: }\n"), "t.yaml", "switch.ports", "got an empty value");
}

TEST_CASE("real keys refuse non-numbers, NaN and infinity", "[config]") {
  for (const std::string bad : {"abc", "nan", "inf", ".inf", "-.inf", "1e", "0x1p3", "1.2.3", "."}) {
    INFO("value " << bad);
    check(load_error("endpoint: {load: " + bad + "}\n"), "t.yaml", "endpoint.load",
          "expected a real number in [0, 1], got '" + bad + "'");
  }
  CHECK(load("endpoint: {load: 1}\n").get_real("endpoint.load") == 1.0);
  CHECK(load("endpoint: {load: +5E-1}\n").get_real("endpoint.load") == 0.5);
}

TEST_CASE("boolean keys accept true/false/yes/no/on/off only", "[config]") {
  for (const std::string t : {"true", "yes", "on", "True", "YES"}) {
    CHECK(load("llr: {enable: " + t + "}\n").get_bool("llr.enable"));
  }
  for (const std::string f : {"false", "no", "off", "False"}) {
    CHECK_FALSE(load("llr: {enable: " + f + "}\n").get_bool("llr.enable"));
  }
  for (const std::string bad : {"1", "0", "maybe", "y"}) {
    check(load_error("llr: {enable: " + bad + "}\n"), "t.yaml", "llr.enable",
          "expected a boolean (true/false, yes/no, on/off), got '" + bad + "'");
  }
}

TEST_CASE("choice keys list the allowed values", "[config]") {
  check(load_error("xbar: {allocator: fifo}\n"), "t.yaml", "xbar.allocator",
        "expected one of 'islip', 'rr', 'wavefront', got 'fifo'");
  check(load_error("xbar: {allocator: ISLIP}\n"), "t.yaml", "xbar.allocator",
        "got 'ISLIP'");  // case-sensitive
}

TEST_CASE("out-of-range values are refused at both ends", "[config]") {
  check(load_error("switch: {ports: 200}\n"), "t.yaml", "switch.ports",
        "out of range: 200 not in [2, 128]");
  check(load_error("switch: {ports: 1}\n"), "t.yaml", "switch.ports",
        "out of range: 1 not in [2, 128]");
  check(load_error("endpoint: {load: 1.5}\n"), "t.yaml", "endpoint.load",
        "out of range: 1.5 not in [0, 1]");
  check(load_error("endpoint: {load: -0.1}\n"), "t.yaml", "endpoint.load",
        "out of range: -0.1 not in [0, 1]");
  check(load_error("xbar: {voq_depth: 0}\n"), "t.yaml", "xbar.voq_depth",
        "out of range: 0 not in [1, inf)");
  // Edges are inclusive.
  CHECK(load("switch: {ports: 2}\n").get_int("switch.ports") == 2);
  CHECK(load("switch: {ports: 128}\n").get_int("switch.ports") == 128);
}

TEST_CASE("a missing file is refused", "[config]") {
  const std::string path = "/nonexistent/dir/none.yaml";
  const auto e = error_of([&] { sb::load_config(path, {}, test_schema()); });
  check(e, path, "", "cannot open: No such file or directory");
  const auto dir = error_of([&] { sb::load_config("/tmp", {}, test_schema()); });
  check(dir, "/tmp", "", "cannot open: Is a directory");
}

TEST_CASE("a file on disk loads and names itself", "[config]") {
  const std::string path = "sb_test_config_tmp.yaml";
  { std::ofstream(path) << "switch:\n  ports: 32\n  portz: 3\n"; }
  const auto e = error_of([&] { sb::load_config(path, {}, test_schema()); });
  check(e, path, "switch.portz", "unknown key");
  CHECK(e.line == 3);
  { std::ofstream(path) << "switch:\n  ports: 32\n"; }
  const sb::config c = sb::load_config(path, {"switch.classes=3"}, test_schema());
  CHECK(c.get_int("switch.ports") == 32);
  CHECK(c.get_int("switch.classes") == 3);
  CHECK(c.source() == path);
  std::remove(path.c_str());
}

TEST_CASE("malformed YAML reports line and column", "[config]") {
  const auto e = load_error("switch:\n  ports: 16\n xbar: [1,\n");
  check(e, "t.yaml", "", "malformed YAML at line ");
  CHECK_THAT(e.reason, Catch::Contains("column"));
  CHECK(e.line > 0);
  const auto indent = load_error("switch:\n  ports: 16\n    classes: 2\n");
  check(indent, "t.yaml", "", "malformed YAML at line 3");
  check(load_error("a: 1\n---\nb: 2\n"), "t.yaml", "", "expected one YAML document, found 2");
}

TEST_CASE("structure errors name the key", "[config]") {
  check(load_error("- 1\n- 2\n"), "t.yaml", "", "top level must be a map of keys, got a sequence");
  check(load_error("just text\n"), "t.yaml", "", "top level must be a map of keys, got 'just text'");
  check(load_error("switch: 16\n"), "t.yaml", "switch",
        "expected a section (a map with keys such as 'switch.classes'), got '16'");
  check(load_error("switch: [1, 2]\n"), "t.yaml", "switch", "got a sequence");
  check(load_error("switch: {? [a]: 1}\n"), "t.yaml", "switch", "map keys must be plain names");
  // An empty section is fine.
  CHECK(load("switch:\n").get_int("switch.ports") == 16);
}

TEST_CASE("duplicate keys are refused", "[config]") {
  const auto e = load_error("switch:\n  ports: 16\n  ports: 32\n");
  check(e, "t.yaml", "switch.ports", "key given twice (first at line 2)");
  CHECK(e.line == 3);
  check(load_error("switch: {ports: 16}\nswitch: {classes: 2}\n"), "t.yaml", "switch",
        "key given twice");
  check(load_error("switch.ports: 16\nswitch: {ports: 32}\n"), "t.yaml", "switch.ports",
        "key given twice");
}

TEST_CASE("overrides: format, unknown key, range, last wins", "[config]") {
  check(load_error("", {"switch.ports"}), "--set", "", "malformed override 'switch.ports'");
  check(load_error("", {"=3"}), "--set", "", "expected key=value");
  const auto unknown = load_error("", {"switch.portz=3"});
  check(unknown, "--set", "switch.portz", "unknown key (did you mean 'switch.ports'?)");
  CHECK(std::string(unknown.what()) ==
        "--set: switch.portz: unknown key (did you mean 'switch.ports'?)");
  check(load_error("", {"switch=3"}), "--set", "switch", "is a section, not a key");
  check(load_error("", {"switch.ports=200"}), "--set", "switch.ports",
        "out of range: 200 not in [2, 128]");
  check(load_error("", {"switch.ports=1.5"}), "--set", "switch.ports", "expected an integer");
  check(load_error("", {"switch.ports=[1,"}), "--set", "switch.ports", "malformed value");
  check(load_error("", {"switch.ports="}), "--set", "switch.ports", "got an empty value");
  check(load_error("", {"switch.ports=a: b"}), "--set", "switch.ports", "got a map");

  const sb::config c = load("switch: {ports: 8}\n",
                            {"switch.ports=32", "xbar.allocator=rr", "switch.ports=64",
                             " run.name = 'a=b' ", "llr.enable=no"});
  CHECK(c.get_int("switch.ports") == 64);
  CHECK(c.get_string("xbar.allocator") == "rr");
  CHECK(c.get_string("run.name") == "a=b");
  CHECK_FALSE(c.get_bool("llr.enable"));
  // The file's bad value is reported even when an override would fix it.
  check(load_error("switch: {ports: 500}\n", {"switch.ports=8"}), "t.yaml", "switch.ports",
        "out of range");
}

TEST_CASE("required keys must be given", "[config]") {
  sb::config_schema s = test_schema();
  s.add(sb::string_key("run.out_dir", "", "Output directory"));
  const auto e = error_of([&] { sb::load_config_string("", "r.yaml", {}, s); });
  check(e, "r.yaml", "run.out_dir", "required key missing");
  CHECK(sb::load_config_string("run: {out_dir: /x}\n", "r.yaml", {}, s).get_string("run.out_dir") ==
        "/x");
  CHECK(sb::load_config_string("", "r.yaml", {"run.out_dir=/y"}, s).get_string("run.out_dir") ==
        "/y");
}

TEST_CASE("cross-field rules run after parsing", "[config]") {
  CHECK(load("xbar: {speedup: 2, voq_depth: 4}\n").get_int("xbar.speedup") == 2);
  const auto e = load_error("xbar:\n  speedup: 2\n  voq_depth: 2\n");
  check(e, "t.yaml", "xbar.voq_depth", "must be >= 4 when xbar.speedup > 1");
  CHECK(e.line == 3);
  // The offending combination may come from an override.
  check(load_error("xbar: {voq_depth: 2}\n", {"xbar.speedup=2"}), "t.yaml", "xbar.voq_depth",
        "must be >= 4");
}

TEST_CASE("to_json round-trips typed values", "[config]") {
  const sb::config c = load(
      "switch: {ports: 64}\nxbar: {allocator: rr}\nendpoint: {load: 0.1}\n"
      "llr: {enable: false}\nrun: {name: \"quote \\\" and: colon\", seed: -9}\n");
  const nlohmann::json j = c.to_json();
  CHECK(j["switch"]["ports"] == 64);
  CHECK(j["switch"]["ports"].is_number_integer());
  CHECK(j["endpoint"]["load"].is_number_float());
  CHECK(j["endpoint"]["load"] == 0.1);
  CHECK(j["link"]["ber"].is_number_float());  // defaults are included, typed
  CHECK(j["llr"]["enable"] == false);
  CHECK(j["xbar"]["allocator"] == "rr");
  CHECK(j["run"]["name"] == "quote \" and: colon");
  CHECK(j["run"]["seed"] == -9);
  // JSON is YAML: loading the dump gives the same configuration.
  const sb::config again = load(j.dump());
  CHECK(again.to_json() == j);
}

TEST_CASE("markdown_table lists every key", "[config]") {
  const sb::config_schema s = test_schema();
  const std::string md = s.markdown_table();
  CHECK_THAT(md, Catch::StartsWith("| key | type | default | range | meaning |\n"));
  for (const auto& k : s.keys()) CHECK_THAT(md, Catch::Contains("| `" + k.key + "` |"));
  CHECK_THAT(md, Catch::Contains("| `switch.ports` | integer (ports) | `16` | [2, 128] | Switch radix |"));
  CHECK_THAT(md, Catch::Contains("islip, rr, wavefront"));
  CHECK_THAT(md, Catch::Contains("Run name \\| shown"));  // pipes escaped
}

TEST_CASE("schema keys are sorted and findable", "[config]") {
  const sb::config_schema s = test_schema();
  const auto keys = s.keys();
  REQUIRE(keys.size() == s.size());
  for (std::size_t i = 1; i < keys.size(); ++i) CHECK(keys[i - 1].key < keys[i].key);
  REQUIRE(s.find("xbar.voq_depth") != nullptr);
  CHECK(s.find("xbar.voq_depth")->unit == "flits");
  CHECK(s.find("xbar") == nullptr);
  CHECK(s.is_section("xbar"));
}

TEST_CASE("schema mistakes are logic errors", "[config]") {
  sb::config_schema s = test_schema();
  CHECK_THROWS_AS(s.add(sb::int_key("switch.ports", "4", 1, 8, "dup")), std::logic_error);
  CHECK_THROWS_AS(s.add(sb::int_key("switch", "4", 1, 8, "is a section")), std::logic_error);
  CHECK_THROWS_AS(s.add(sb::int_key("switch.ports.x", "4", 1, 8, "under a key")),
                  std::logic_error);
  CHECK_THROWS_AS(s.add(sb::int_key("bad..name", "4", 1, 8, "")), std::logic_error);
  CHECK_THROWS_AS(s.add(sb::int_key("a.b", "40", 1, 8, "bad default")), std::logic_error);
  CHECK_THROWS_AS(s.add(sb::int_key("a.c", "4", 8, 1, "min > max")), std::logic_error);
  CHECK_THROWS_AS(s.add(sb::choice_key("a.d", "x", {}, "no choices")), std::logic_error);
  CHECK_THROWS_AS(s.rule("no.such", [](const sb::config&) { return std::string(); }),
                  std::logic_error);

  const sb::config c = load("");
  CHECK_THROWS_AS(c.get_int("no.such"), std::logic_error);
  CHECK_THROWS_AS(c.get_int("endpoint.load"), std::logic_error);
  CHECK_THROWS_AS(c.get_bool("switch.ports"), std::logic_error);
  CHECK_THROWS_AS(c.is_set_explicitly("switch"), std::logic_error);
}

TEST_CASE("two schemas coexist without shared state", "[config]") {
  sb::config_schema a, b;
  a.add(sb::int_key("x.n", "1", 0, 10, ""));
  b.add(sb::int_key("x.n", "5", 0, 100, ""));
  CHECK(sb::load_config_string("", "a", {}, a).get_int("x.n") == 1);
  CHECK(sb::load_config_string("x: {n: 50}", "b", {}, b).get_int("x.n") == 50);
  check(error_of([&] { sb::load_config_string("x: {n: 50}", "a", {}, a); }), "a", "x.n",
        "out of range: 50 not in [0, 10]");
}
