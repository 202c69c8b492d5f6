// Option parsing of `skybench regress` / `skybench sweep` (regress_options.cpp).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "regress_internal.h"
#include "sb_cli.h"

namespace sb::regress {

void print_regress_help();
void print_sweep_help();

// Declares the command's own options and positionals.
using extra_fn = std::function<void(cli::parser& p)>;

// The options regress and sweep share. Returns -1 to go on, else the exit
// status (0 after --help, 2 for a bad option).
int parse_run_options(const char* cmd, const std::vector<std::string>& args, run_options& o, const extra_fn& extra,
                      const std::function<void()>& help);

}  // namespace sb::regress
