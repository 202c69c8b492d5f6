#!/usr/bin/env bash
# regress_test.sh SKYBENCH OUTROOT CASE: one check of `skybench regress`
# (tests/regress/CMakeLists.txt). Cases: list, filter, faults, rerun, resume, bad.
set -u
sky=$1 outroot=$2 case=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
smoke=$root/sim-configs/regressions/smoke.yaml
faults=$here/faults.yaml
die() { echo "regress_test $case: $*" >&2; exit 1; }

# Runs the fault regression into $1 (fresh); expects exit 1.
run_faults() {
  rm -rf "$1"
  local t0=$SECONDS
  "$sky" regress "$faults" --out "$1" -j3 || [ $? -eq 1 ] || die "faults: exit status not 1"
  [ $((SECONDS - t0)) -lt 60 ] || die "faults took $((SECONDS - t0)) s"
}

case $case in
  list)
    n=$("$sky" regress "$smoke" --list | wc -l) || die "--list failed"
    [ "$n" -eq 9 ] || die "--list of smoke: $n jobs, expected 9"
    "$sky" regress "$smoke" --list | grep -q '^xbar_n4_uniform.s2 .*build/skybench run sim-configs/xbar.yaml .*--seed 2$' \
      || die "--list line format"
    ;;
  filter)
    out=$("$sky" regress "$smoke" --list --filter '^llr_') || die "--filter failed"
    [ "$(echo "$out" | wc -l)" -eq 2 ] || die "--filter ^llr_: expected 2 jobs, got: $out"
    n=$("$sky" regress "$smoke" --list --filter 'cbfc' | wc -l)   # a label
    [ "$n" -eq 1 ] || die "--filter cbfc (label): expected 1 job, got $n"
    "$sky" regress "$smoke" --list --filter 'nomatch_zzz' >/dev/null 2>&1
    [ $? -eq 2 ] || die "--filter matching nothing should exit 2"
    ;;
  faults)
    d=$outroot/faults
    run_faults "$d"
    python3 "$here/check_faults.py" "$d" || exit 1
    ;;
  rerun)
    d=$outroot/rerun-src
    run_faults "$d"
    r=$outroot/rerun
    rm -rf "$r"
    "$sky" regress "$faults" --rerun-failed "$d" --out "$r" -j2
    [ $? -eq 1 ] || die "--rerun-failed: exit status not 1"
    n=$(wc -l < "$r/results.jsonl")
    [ "$n" -eq 2 ] || die "--rerun-failed ran $n jobs, expected 2"
    grep -q '"id":"ok.s1"' "$r/results.jsonl" && die "--rerun-failed reran the passing job"
    python3 -c "import json,sys; s=json.load(open('$r/summary.json')); sys.exit(0 if s['jobs']==2 and s['failed']==2 else 1)" \
      || die "summary of the rerun"
    ;;
  resume)
    d=$outroot/resume
    run_faults "$d"
    err=$("$sky" regress "$faults" --out "$d" -j3 2>&1 >/dev/null)
    [ $? -eq 1 ] || die "resume: exit status not 1"
    echo "$err" | grep -q '1 job(s) already passed' || die "resume: no 'already passed' message: $err"
    [ "$(grep -c '"id":"ok.s1"' "$d/results.jsonl")" -eq 1 ] || die "resume reran the passed job"
    [ "$(grep -c '"id":"segv.s3"' "$d/results.jsonl")" -eq 2 ] || die "resume did not rerun the crash"
    python3 "$here/check_faults.py" "$d" || exit 1
    ;;
  bad)
    d=$outroot/bad
    rm -rf "$d"
    err=$("$sky" regress "$here/bad_unknown_key.yaml" --out "$d" 2>&1)
    rc=$?
    [ $rc -eq 2 ] || die "malformed file: exit status $rc, expected 2"
    echo "$err" | grep -Eq 'bad_unknown_key\.yaml: tests\[0\]\.seed: unknown key' || die "message: $err"
    [ -e "$d" ] && die "bad input but $d was created"
    err=$("$sky" regress "$smoke" --out "$d" --backend pbs 2>&1)
    [ $? -eq 2 ] && echo "$err" | grep -q "backend pbs: unknown backend" || die "--backend pbs: $err"
    [ -e "$d" ] && die "bad backend but $d was created"
    ;;
  waves)
    d=$outroot/waves
    rm -rf "$d"
    mkdir -p "$outroot"
    "$sky" regress "$here/waves.yaml" --out "$d" -j2 > "$d.log" 2>&1
    [ $? -eq 1 ] || die "waves: exit status not 1"
    python3 - "$d" <<'PY' || die "waves: summary"
import json, os, sys
d = sys.argv[1]
s = json.load(open(os.path.join(d, "summary.json")))
waves = {g["jobs"][0]: g.get("wave") for g in s["groups"]}
assert set(waves) == {"broken_scoreboard.s1", "mismatch.s1", "model_only.s1"}, waves
for job in ("broken_scoreboard.s1", "mismatch.s1"):
    w = waves[job]
    assert w and os.path.getsize(os.path.join(d, w)) > 0, (job, w)
assert waves["model_only.s1"] is None, waves
print("waves ok:", waves)
PY
    ;;
  *) die "unknown case" ;;
esac
echo "regress_test $case: ok"
