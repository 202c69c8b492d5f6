// `skybench regress FILE --out DIR`: runs a regression (sim-configs/regressions/,
// docs/regressions.md) - tests x seeds expanded into jobs, each job one
// `skybench run` in its own process, results collected as each job ends.
// Exit status: 0 every job passed, 1 a job failed, 2 bad input (nothing ran).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sb {

int cmd_regress(int argc, char** argv);

// `skybench sweep CONFIG --param key=v1,v2 ... --out DIR`: the cartesian
// product of the parameter values (x seeds) run as a regression, plus
// sweep.csv / sweep.json (latency and throughput per combination).
int cmd_sweep(int argc, char** argv);

// Runs ARGS (argv[0] looked up in PATH, or a path) in `cwd`; returns the exit
// status (128 + signal if killed; -1 if it could not run) and its stderr,
// and its stdout too when `with_stdout` (else stdout is discarded).
std::pair<int, std::string> run_program(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                                        bool with_stdout = true);

}  // namespace sb
