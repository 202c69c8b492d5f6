#!/usr/bin/env bash
# scripts/sanitize.sh [ctest args...]
# The default suite under AddressSanitizer + UndefinedBehaviorSanitizer (and
# LeakSanitizer): configures and builds the `sanitize` preset into
# build-sanitize/, runs `ctest --preset sanitize` (the default suite without
# the lint, synthesis and formal tests, which run no C++ of the project;
# the one third-party exception is in CMakeLists.txt; docs/verification.md
# "Sanitizers"), and prints how long
# the build and the tests took and the pass/fail count. Extra arguments go
# to ctest (e.g. `-R pod_` or `-j4`). Exit status: ctest's (0 = all passed),
# 2 when the configure or the build failed.
#   SB_SANITIZE_JOBS=N   build jobs (default: the preset's 2)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
log=build-sanitize/sanitize-ctest.log

t0=$SECONDS
cmake --preset sanitize > /dev/null || { echo "sanitize: configure failed" >&2; exit 2; }
cmake --build --preset sanitize ${SB_SANITIZE_JOBS:+-j "$SB_SANITIZE_JOBS"} \
  || { echo "sanitize: build failed ($((SECONDS - t0)) s)" >&2; exit 2; }
t1=$SECONDS

ctest --preset sanitize "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
t2=$SECONDS

summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1)
# "97% tests passed, 3 tests failed out of 120"
failed=$(echo "$summary" | sed -nE 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/p')
total=$(echo "$summary" | sed -nE 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/p')
if [ -n "$total" ]; then
  echo "sanitize: build $((t1 - t0)) s, tests $((t2 - t1)) s: $((total - failed)) passed, $failed failed of $total (log: $log)"
else
  echo "sanitize: build $((t1 - t0)) s, tests $((t2 - t1)) s: no ctest summary (exit $rc, log: $log)"
fi
exit "$rc"
