#!/usr/bin/env bash
# sweep_test.sh SKYBENCH OUTROOT CASE: `skybench sweep` (docs/regressions.md "Sweeps").
#   list  the cartesian product x seeds, each job with its --set overrides
#   run   a tiny crossbar sweep (3 loads x 2 allocators): sweep.csv / sweep.json
#         rows with latency and throughput, summary.json, and `skybench report`
#         draws latency- and throughput-versus-load PNGs
#   pod   a tiny pod sweep: sweep.csv carries the load-store round trip
#   bad   unknown key, bad value, bad syntax, a key twice, run.seed: exit 2
#         naming the key, nothing created
set -u
sky=$1 outroot=$2 case=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cfg=$root/sim-configs/xbar.yaml
die() { echo "sweep_test $case: $*" >&2; exit 1; }
rm -rf "$outroot"
mkdir -p "$outroot"
out=$outroot/out
small=(--set switch.ports=4 --set run.cycles=2000 --set run.warmup_cycles=200)

case $case in
  list)
    "$sky" sweep "$cfg" "${small[@]}" --param traffic.load=0.1,0.5,0.9 --param xbar.allocator=islip,rr --seeds 2 --list \
      >"$outroot/list.txt" || die "--list failed"
    cat "$outroot/list.txt"
    [ "$(wc -l <"$outroot/list.txt")" -eq 12 ] || die "expected 3 x 2 x 2 seeds = 12 jobs"
    grep -q '^load-0.1_allocator-islip.s1 .*--set switch.ports=4 .*--set traffic.load=0.1 --set xbar.allocator=islip --seed 1$' \
      "$outroot/list.txt" || die "first job line"
    grep -q '^load-0.9_allocator-rr.s2 .*--set traffic.load=0.9 --set xbar.allocator=rr --seed 2$' "$outroot/list.txt" \
      || die "last job line"
    [ "$(cut -d' ' -f1 "$outroot/list.txt" | sort -u | wc -l)" -eq 12 ] || die "job ids not unique"
    ;;
  run)
    t0=$SECONDS
    "$sky" sweep "$cfg" "${small[@]}" --param traffic.load=0.2,0.6,0.9 --param xbar.allocator=islip,rr \
      --out "$out" -j2 >"$outroot/console.txt" 2>&1 || { cat "$outroot/console.txt" >&2; die "sweep failed"; }
    echo "sweep_test: sweep of 6 jobs took $((SECONDS - t0)) s"
    for f in sweep.csv sweep.json summary.json junit.xml results.jsonl; do [ -s "$out/$f" ] || die "missing $f"; done
    "$sky" report "$out" >/dev/null || die "skybench report failed"
    python3 - "$out" <<'PY' || exit 1
import csv, json, os, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(out, "sweep.csv"))))
assert len(rows) == 6, f"{len(rows)} csv rows"
for k in ("job", "seed", "traffic.load", "xbar.allocator", "load", "p50_ns", "p99_ns", "p999_ns", "throughput", "verdict"):
    assert k in rows[0], f"sweep.csv lacks column {k}: {list(rows[0])}"
combos = {(r["traffic.load"], r["xbar.allocator"]) for r in rows}
assert len(combos) == 6, combos
for r in rows:
    assert r["verdict"] == "pass", r
    assert float(r["load"]) == float(r["traffic.load"]), r          # the job really ran that load
    assert 0 < float(r["p50_ns"]) <= float(r["p99_ns"]) <= float(r["p999_ns"]), r
    assert abs(float(r["throughput"]) - float(r["load"])) < 0.15, r  # below saturation: accepted ~ offered
sw = json.load(open(os.path.join(out, "sweep.json")))
assert [p["key"] for p in sw["params"]] == ["traffic.load", "xbar.allocator"], sw["params"]
s = json.load(open(os.path.join(out, "summary.json")))
assert s["jobs"] == 6 and s["passed"] == 6 and s["sweep"]["table"] == "sweep.csv", s
# Latency grows with load on each curve.
for a in ("islip", "rr"):
    p99 = [float(r["p99_ns"]) for r in sorted(rows, key=lambda r: float(r["load"])) if r["xbar.allocator"] == a]
    assert p99[0] <= p99[-1], (a, p99)
page = open(os.path.join(out, "report.html")).read()
for png in ("sweep_latency_vs_load.png", "sweep_throughput_vs_load.png"):
    p = os.path.join(out, "plots", png)
    assert open(p, "rb").read(8) == b"\x89PNG\r\n\x1a\n", p
    assert png in page, f"report.html does not show {png}"
print("sweep_test run: csv, json, summary and plots ok")
PY
    ;;
  pod)
    # A pod sweep reports the load-store round trip (>= the ~520 ns zero-load
    # figure of docs/pod.md), not another latency block.
    "$sky" sweep "$root/sim-configs/default.yaml" --set switch.ports=4 --set run.cycles=3000 --set run.warmup_cycles=300 \
      --set impl.xbar=model --param traffic.load=0.2,0.6 --out "$out" -j2 >"$outroot/console.txt" 2>&1 \
      || { cat "$outroot/console.txt" >&2; die "pod sweep failed"; }
    python3 - "$out" <<'PY' || exit 1
import csv, os, sys
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "sweep.csv"))))
assert len(rows) == 2, rows
for r in rows:
    assert r["verdict"] == "pass", r
    assert 500 < float(r["p50_ns"]) < 1000, r
    # (a 2700-cycle window: deliveries lag the offers by about half a round trip)
    assert abs(float(r["offered"]) - float(r["traffic.load"])) < 0.05 and float(r["throughput"]) > 0.8 * float(r["offered"]), r
print("sweep_test pod: the round trip per load ok")
PY
    ;;
  collective)
    # A collective sweep: the rows carry the collective's figures, x is the
    # message size, busbw grows with it, and the page plots it.
    "$sky" sweep "$root/sim-configs/allreduce.yaml" --set switch.ports=4 --param collective.message_bytes=4096,262144 \
      --param collective.algorithm=ring,direct --out "$out" -j2 >"$outroot/console.txt" 2>&1 \
      || { cat "$outroot/console.txt" >&2; die "collective sweep failed"; }
    "$sky" report "$out" >/dev/null || die "skybench report failed"
    python3 - "$out" <<'PY' || exit 1
import json, os, sys
out = sys.argv[1]
sw = json.load(open(os.path.join(out, "sweep.json")))
assert sw["x"] == "collective.message_bytes", sw["x"]
rows = sw["rows"]
assert len(rows) == 4, rows
by = {(r["collective"]["algorithm"], r["collective"]["message_bytes"]): r["collective"] for r in rows}
for a in ("ring", "direct"):
    assert by[(a, 262144)]["busbw_gbps"] > 2 * by[(a, 4096)]["busbw_gbps"], (a, by)
    assert all(r["verdict"] == "pass" for r in rows), rows
# small messages: the one-shot algorithm's 2 hops beat the ring's 2(n-1)
assert by[("direct", 4096)]["completion_ns"] < by[("ring", 4096)]["completion_ns"], by
page = open(os.path.join(out, "report.html")).read()
for png in ("sweep_busbw_vs_size.png", "sweep_completion_vs_size.png"):
    assert os.path.getsize(os.path.join(out, "plots", png)) > 1000, png
    assert png in page, f"report.html does not show {png}"
print("sweep_test collective: the figures per size and the plots ok")
PY
    ;;
  bad)
    expect2() {  # expect2 KEY_TEXT ARGS...: exit 2, message names KEY_TEXT, $out not created
      local want=$1; shift
      local err rc
      err=$("$sky" sweep "$cfg" "$@" --out "$out" 2>&1 >/dev/null); rc=$?
      echo "$err" | head -3
      [ "$rc" -eq 2 ] || die "exit $rc for '$*', expected 2"
      grep -qF -- "$want" <<<"$err" || die "message for '$*' does not name '$want'"
      [ ! -e "$out" ] || die "$out created on bad input '$*'"
    }
    expect2 traffic.lod --param traffic.lod=0.1,0.2
    expect2 traffic.load --param traffic.load=0.1,7
    expect2 xbar.allocator --param traffic.load=0.1 --param xbar.allocator=islip,fastest
    expect2 "--param traffic.load" --param traffic.load
    expect2 "traffic.load: given twice" --param traffic.load=0.1 --param traffic.load=0.2
    expect2 "run.seed" --param run.seed=1,2
    expect2 "empty value" --param traffic.load=0.1,,0.3
    expect2 "--seeds" --param traffic.load=0.1 --seeds 0
    err=$("$sky" sweep "$cfg" --out "$out" 2>&1); [ $? -eq 2 ] || die "no --param: not exit 2"
    err=$("$sky" sweep "$root/nope.yaml" --param traffic.load=0.1 --out "$out" 2>&1); [ $? -eq 2 ] || die "missing config: not exit 2"
    grep -q nope.yaml <<<"$err" || die "missing config not named"
    ;;
  *) die "unknown case" ;;
esac
echo "sweep_test $case: ok"
