// Coverage of a regression (docs/regressions.md "Coverage"):
//   - RTL code coverage: every job's coverage.dat (a -DSKYBENCH_RTL_COVERAGE=ON
//     build) merged with verilator_coverage into OUT/coverage/merged.dat,
//     exported as lcov (rtl.info) and rendered with genhtml (html/);
//   - functional coverage: the report.json `coverage` points of every job,
//     merged (union of bins) and totalled per testplan item (the `coverage:`
//     list of a testpoint in verif/*/testplan.yaml).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sb {

// A finished job: its id and folder (OUT/jobs/<id>).
using job_dir_list = std::vector<std::pair<std::string, std::filesystem::path>>;

// {kind: {hit, total, pct}} for kinds line, toggle, user (cover properties)
// and all, from a Verilator coverage.dat; throws std::runtime_error when
// the file cannot be read.
nlohmann::json rtl_coverage_totals(const std::filesystem::path& dat);

// Merges the jobs' coverage.dat files into OUT/coverage/ and returns the
// summary.json `rtl_coverage` block ({jobs, merged, rtl_info, html, totals,
// per_job, errors}). Tools missing or failing are reported in `errors`.
nlohmann::json merge_rtl_coverage(const std::filesystem::path& out, const job_dir_list& jobs);

// The summary.json `functional_coverage` block: merged points and one entry
// per testplan item with a `coverage:` list (testplans under ROOT/verif/*/).
// Throws std::runtime_error for a testplan that cannot be read.
nlohmann::json merge_functional_coverage(const std::filesystem::path& root, const job_dir_list& jobs);

// Console lines for both blocks (nothing for an absent block).
void print_coverage_summary(const nlohmann::json& summary);

}  // namespace sb
