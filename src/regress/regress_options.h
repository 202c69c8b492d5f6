// Option parsing of `skybench regress` / `skybench sweep` (regress_options.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "regress_internal.h"

namespace sb::regress {

void print_regress_help();
void print_sweep_help();

using value_fn = std::function<std::string(const char*)>;
// Takes an option (or a positional argument) the shared parser does not know;
// false = unknown.
using extra_fn = std::function<bool(const std::string& arg, const value_fn& value)>;

// The options regress and sweep share. Returns -1 to go on, else the exit
// status (0 after --help, 2 for a bad option).
int parse_run_options(const char* cmd, const std::vector<std::string>& args, run_options& o, const extra_fn& extra,
                      const std::function<void()>& help);

}  // namespace sb::regress
