#!/usr/bin/env bash
# run_and_check.sh SKYBENCH OUTDIR EXIT CONFIG [run args...] -- [check_report.py args...]
# Runs `SKYBENCH run CONFIG --out OUTDIR ...`, requires exit status EXIT, then
# validates OUTDIR/report.json with check_report.py and the given expectations.
set -u
sky=$1 out=$2 want=$3 cfg=$4
shift 4
run=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do run+=("$1"); shift; done
[ $# -gt 0 ] && shift
rm -rf "$out"
"$sky" run "$cfg" --out "$out" "${run[@]}"
rc=$?
if [ "$rc" -ne "$want" ]; then
  echo "run_and_check: exit status $rc, expected $want" >&2
  exit 1
fi
exec python3 "$(dirname "$0")/check_report.py" "$out/report.json" "$@"
