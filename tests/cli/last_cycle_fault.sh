#!/usr/bin/env bash
# last_cycle_fault.sh SKYBENCH OUTDIR WANT_END FAULT CONFIG [run args...]
# Runs CONFIG once to learn the cycle it drains at, then again with FAULT
# (a --set key=value of a TEST ONLY fault that takes fault.at_cycle) striking
# in that very last cycle; the second run must fail (exit 1) and end with
# checks.drain.end == WANT_END: a checker that only samples now and then, or
# stops looking before the drain, would let it pass.
set -u
sky=$1 out=$2 want_end=$3 fault=$4 cfg=$5
shift 5
rm -rf "$out"
"$sky" run "$cfg" --out "$out/clean" "$@" || { echo "last_cycle_fault: the clean run failed" >&2; exit 1; }
end=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['sim']['cycles'])" "$out/clean/report.json")
"$sky" run "$cfg" --out "$out/fault" "$@" --set "$fault" --set fault.at_cycle="$end"
rc=$?
if [ "$rc" -ne 1 ]; then
  echo "last_cycle_fault: with $fault at cycle $end (the last) the run exited $rc, expected 1" >&2
  exit 1
fi
got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['checks']['drain']['end'])" "$out/fault/report.json")
if [ "$got" != "$want_end" ]; then
  echo "last_cycle_fault: the run ended '$got', expected '$want_end'" >&2
  exit 1
fi
echo "last_cycle_fault: $fault at the last cycle ($end) caught: $got"
