// Writes the Verilated models' coverage counters to the run's coverage.dat.
#include "sb_rtl_coverage.h"

#include "sb_verilated_ports.h"

#if SB_RTL_COVERAGE
#include <verilated_cov.h>
#endif

namespace sb {

bool rtl_coverage_build() { return SB_RTL_COVERAGE != 0; }

nlohmann::json with_rtl_coverage(nlohmann::json report, const std::string& out_dir) {
#if SB_RTL_COVERAGE
  // Written while the bench (and so every model) is still alive: a model's
  // points leave the context with it.
  const std::shared_ptr<VerilatedContext> ctx = current_verilated_context();
  if (ctx && !out_dir.empty()) {
    const std::string path = out_dir + "/coverage.dat";
    ctx->coveragep()->write(path.c_str());
    report["rtl_coverage"] = {{"file", path}, {"kinds", "line, toggle, cover properties (verilator --coverage)"}};
  }
#else
  (void)out_dir;
#endif
  return report;
}

}  // namespace sb
