#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (or an existing checkout):
# installs what is missing, configures and builds into build/, then
#   setup.sh run  [skybench run args]  runs the main job (default: sim-configs/default.yaml, the pod)
#   setup.sh test [ctest args]         runs the default test suite (after also building
#                                      build-cov/skybench, a small RTL-coverage build)
#   setup.sh build                     only installs and builds
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-build}
[ $# -gt 0 ] && shift

bash scripts/install-deps.sh

jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build -j "$jobs"

# test: also a small RTL-coverage build (only skybench, one crossbar size) for
# regress_rtl_coverage; docs/regressions.md "RTL coverage" has its cost.
if [ "$mode" = test ]; then
  if [ ! -f build-cov/CMakeCache.txt ]; then
    # Small RTL storage too: toggle coverage of a 2048-flit replay buffer or a
    # 256-tag table is most of the coverage build's compile time.
    cmake -S . -B build-cov -DCMAKE_BUILD_TYPE=Release -DSKYBENCH_RTL_COVERAGE=ON -DSKYBENCH_XBAR_RTL_BUILDS=4:4:8:8 \
      -DSKYBENCH_LLR_RTL_MAX_DEPTH=256 -DSKYBENCH_LS_RTL_MAX_TAGS=16 -DSKYBENCH_SWITCH_RTL_BUILDS=
  fi
  cmake --build build-cov --target skybench -j "$jobs"
fi

case "$mode" in
  build) ;;
  run)
    if [ $# -eq 0 ]; then set -- sim-configs/default.yaml; fi
    exec build/skybench run "$@" ;;
  test)
    cd build
    exec ctest --output-on-failure -j "$jobs" -LE long "$@" ;;
  *) echo "setup.sh: unknown mode '$mode' (run | test | build)" >&2; exit 2 ;;
esac
