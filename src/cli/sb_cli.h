// One declarative command-line parser for every skybench subcommand: options
// (flags, values, repeatable values), positionals, help text; errors go
// through the command's own reporter (`skybench: error: ...`, exit 2).
#pragma once

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace sb::cli {

// Thrown by an option's handler for a bad value: the message is reported.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by a handler to end parsing with an exit status (0 after --help).
struct stop {
  int status = 0;
};

// What the parser reports, per command (the wording each command keeps).
struct messages {
  std::function<std::string(const std::string& arg)> unknown_option;
  std::function<std::string(const std::string& arg)> unexpected_argument;
  std::function<std::string(const std::string& option)> missing_value;
};

class parser {
 public:
  using flag_fn = std::function<void()>;
  using value_fn = std::function<void(const std::string& value)>;
  // Returns false when it takes no (more) positional arguments.
  using positional_fn = std::function<bool(const std::string& arg)>;
  using report_fn = std::function<int(const std::string& msg)>;

  parser(messages m, report_fn report) : msg_(std::move(m)), report_(std::move(report)) {}

  // `names`: "--out" or "-j,--jobs"; a value option is repeatable (its
  // handler sees every occurrence). `missing` names the option in the
  // missing-value message (default: the name as given).
  parser& flag(const std::string& names, const std::string& help, flag_fn on);
  parser& value(const std::string& names, const std::string& metavar, const std::string& help, value_fn on,
                const std::string& missing = "");
  parser& positional(positional_fn on);
  // --opt=value for long options, -jN for short ones.
  parser& attached_values(bool on = true) {
    attached_ = on;
    return *this;
  }

  // -1 when parsed; else the exit status (2: reported).
  int parse(const std::vector<std::string>& args) const;
  // One line per option: names, metavar, help.
  void print_options(std::ostream& os) const;

 private:
  struct option {
    std::vector<std::string> names;
    std::string metavar, help, missing;
    flag_fn on_flag;
    value_fn on_value;
  };
  const option* find(const std::string& name) const;
  int take(const std::vector<std::string>& args, std::size_t& i) const;

  messages msg_;
  report_fn report_;
  std::vector<option> options_;
  positional_fn positional_;
  bool attached_ = false;
};

// "skybench: error: MSG\n(see 'skybench SEE --help')\n" (SEE "" = the top
// level); returns 2.
int report_error(const std::string& msg, const std::string& see = "");

}  // namespace sb::cli
