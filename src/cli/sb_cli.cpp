#include "sb_cli.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace sb::cli {

namespace {
std::vector<std::string> split_names(const std::string& names) {
  std::vector<std::string> out;
  std::stringstream ss(names);
  for (std::string n; std::getline(ss, n, ',');) out.push_back(n);
  return out;
}
}  // namespace

parser& parser::flag(const std::string& names, const std::string& help, flag_fn on) {
  options_.push_back(option{split_names(names), "", help, "", std::move(on), nullptr});
  return *this;
}

parser& parser::value(const std::string& names, const std::string& metavar, const std::string& help, value_fn on,
                      const std::string& missing) {
  options_.push_back(option{split_names(names), metavar, help, missing, nullptr, std::move(on)});
  return *this;
}

parser& parser::positional(positional_fn on) {
  positional_ = std::move(on);
  return *this;
}

const parser::option* parser::find(const std::string& name) const {
  for (const auto& o : options_)
    for (const auto& n : o.names)
      if (n == name) return &o;
  return nullptr;
}

// One argument at args[i] (and its value); -1 to go on, else the exit status.
int parser::take(const std::vector<std::string>& args, std::size_t& i) const {
  const std::string& arg = args[i];
  std::string name = arg, val;
  bool inline_val = false;
  if (attached_ && arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos) {
    name = arg.substr(0, arg.find('='));
    val = arg.substr(arg.find('=') + 1);
    inline_val = true;
  } else if (attached_ && arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && find(arg.substr(0, 2)) &&
             find(arg.substr(0, 2))->on_value) {
    name = arg.substr(0, 2);
    val = arg.substr(2);
    inline_val = true;
  }
  const option* o = find(name);
  if (o == nullptr) {
    if (!arg.empty() && arg[0] == '-') return report_(msg_.unknown_option(arg));
    if (positional_ && positional_(arg)) return -1;
    return report_(msg_.unexpected_argument(arg));
  }
  if (o->on_flag) {
    o->on_flag();
    return -1;
  }
  if (!inline_val) {
    if (i + 1 >= args.size()) return report_(msg_.missing_value(o->missing.empty() ? name : o->missing));
    val = args[++i];
  }
  o->on_value(val);
  return -1;
}

int parser::parse(const std::vector<std::string>& args) const {
  try {
    for (std::size_t i = 0; i < args.size(); ++i)
      if (const int rc = take(args, i); rc >= 0) return rc;
  } catch (const usage_error& e) {
    return report_(e.what());
  } catch (const stop& s) {
    return s.status;
  }
  return -1;
}

void parser::print_options(std::ostream& os) const {
  for (const auto& o : options_) {
    std::string names;
    for (const auto& n : o.names) names += (names.empty() ? "" : ", ") + n;
    if (!o.metavar.empty()) names += " " + o.metavar;
    os << "  " << std::left << std::setw(22) << names << " " << o.help << "\n";
  }
}

int report_error(const std::string& msg, const std::string& see) {
  std::cerr << "skybench: error: " << msg << "\n(see 'skybench " << (see.empty() ? "" : see + " ") << "--help')\n";
  return 2;
}

}  // namespace sb::cli
