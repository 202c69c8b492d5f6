// Internal to sb_config: scalar parsing and formatting shared by the schema
// (sb_config.cpp) and the loader (sb_config_loader.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

#include "sb_config.h"

namespace sb::config_detail {

constexpr const char* kOverrideFile = "--set";

bool is_numeric(value_kind k);
std::string format_number(double v, value_kind kind);
bool has_range(const key_spec& s);
std::string quoted_list(const std::vector<std::string>& items);
std::string expectation(const key_spec& s);
std::string lower(std::string s);
bool digits_only(const std::string& s, std::size_t from, std::size_t to, bool hex);
std::string parse_int(const key_spec& spec, const std::string& t, int64_t& out);
std::string parse_real(const key_spec& spec, const std::string& t, double& out);
std::string check_range(const key_spec& spec, double v, const std::string& shown);
std::string parse_scalar(const key_spec& spec, const std::string& text, config_value& out);
bool valid_key_name(const std::string& key);
std::size_t edit_distance(const std::string& a, const std::string& b);
std::string last_segment(const std::string& path);
std::string describe_node(const YAML::Node& n);
int line_of(const YAML::Node& n);
std::string escape_md(const std::string& s);

}  // namespace sb::config_detail
