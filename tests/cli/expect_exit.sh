#!/usr/bin/env bash
# expect_exit.sh CODE STDERR_REGEX OUTDIR -- COMMAND...
# Runs COMMAND; passes when it exits with CODE, its stderr matches
# STDERR_REGEX (extended, "" = anything) and, for CODE 2 (bad input), when
# OUTDIR was not created (nothing half-run).
set -u
code=$1 regex=$2 outdir=$3
shift 3
[ "$1" = "--" ] && shift
rm -rf "$outdir"
err=$(mktemp)
"$@" 2>"$err" >/dev/null
rc=$?
cat "$err" >&2
fail=0
if [ "$rc" -ne "$code" ]; then echo "expect_exit: exit status $rc, expected $code" >&2; fail=1; fi
if [ -n "$regex" ] && ! grep -Eq -- "$regex" "$err"; then echo "expect_exit: stderr does not match /$regex/" >&2; fail=1; fi
if [ "$code" -eq 2 ] && [ -e "$outdir" ]; then echo "expect_exit: bad input but $outdir was created" >&2; fail=1; fi
rm -f "$err"
exit $fail
