// `skybench regress FILE --out DIR`: runs a regression (sim-configs/regressions/,
// docs/regressions.md) - tests x seeds expanded into jobs, each job one
// `skybench run` in its own process, results collected as each job ends.
// Exit status: 0 every job passed, 1 a job failed, 2 bad input (nothing ran).
#pragma once

namespace sb {

int cmd_regress(int argc, char** argv);

}  // namespace sb
