// Verilator code coverage (line, toggle and cover-property points) of the
// RTL models of this process. Compiled in only with -DSKYBENCH_RTL_COVERAGE=ON
// (docs/regressions.md "RTL coverage"): instrumented models simulate slower.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sb {

// True in a build configured with -DSKYBENCH_RTL_COVERAGE=ON.
bool rtl_coverage_build();

// Adds report["rtl_coverage"] after writing OUT_DIR/coverage.dat, when this
// is a coverage build, OUT_DIR is set and a Verilated model is alive (a
// model-only run has no RTL and no coverage.dat). Returns the report.
nlohmann::json with_rtl_coverage(nlohmann::json report, const std::string& out_dir);

}  // namespace sb
