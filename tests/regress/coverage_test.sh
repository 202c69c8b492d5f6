#!/usr/bin/env bash
# coverage_test.sh SKYBENCH OUTROOT CASE [COVERAGE_SKYBENCH]: coverage of a
# regression (docs/regressions.md "Coverage").
#   functional  tests/regress/coverage.yaml: report.json points merged as the
#               union of the jobs' bins (recomputed here from the job reports)
#               and totalled per testplan item in summary.json and the console
#   miss        tests/regress/coverage_miss.yaml: a permutation reaches 4 of 16
#               pairs, so xbar.lockstep_patterns must be reported as a miss
#   rtl         the same regression with a -DSKYBENCH_RTL_COVERAGE=ON skybench
#               (COVERAGE_SKYBENCH; exit 77 = skipped when there is none):
#               OUT/coverage/{merged.dat,rtl.info,html/index.html}, merged
#               totals >= every job's, totals in summary.json and the console;
#               the cover properties of the crossbar, LLR, flow-control and
#               LS-port RTL (verif/*/sb_*_cover.sv) counted and hit
#   off         a build without coverage says so in `skybench info`, and
#               `regress --coverage` is exit 2 with nothing created (in a
#               coverage build: --no-coverage writes no coverage)
set -u
sky=$1 outroot=$2 case=$3 covsky=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
die() { echo "coverage_test $case: $*" >&2; exit 1; }
rm -rf "$outroot"
mkdir -p "$outroot"
out=$outroot/out

case $case in
  functional|miss)
    f=$here/coverage.yaml; [ "$case" = miss ] && f=$here/coverage_miss.yaml
    "$sky" regress "$f" --out "$out" -j2 --no-coverage >"$outroot/console.txt" 2>"$outroot/stderr.txt" \
      || { cat "$outroot/console.txt" "$outroot/stderr.txt" >&2; die "regress failed"; }
    cat "$outroot/console.txt"
    grep -q '^functional coverage per testplan item' "$outroot/console.txt" || die "no functional coverage in the console"
    python3 - "$out" "$case" <<'PY' || exit 1
import json, os, sys
out, case = sys.argv[1], sys.argv[2]
s = json.load(open(os.path.join(out, "summary.json")))
fc = s.get("functional_coverage")
assert fc, "summary.json has no functional_coverage"
system_block = {"xbar": "xbar", "llr": "llr", "incast": "flow_control"}
# Recompute the union of bins (or the best job) per (block, point, total).
want = {}
for jid in os.listdir(os.path.join(out, "jobs")):
    rp = os.path.join(out, "jobs", jid, "report.json")
    if not os.path.isfile(rp):
        continue
    r = json.load(open(rp))
    block = system_block[r["config"]["system"]]
    for name, v in (r.get("coverage") or {}).items():
        if not isinstance(v, dict) or "total" not in v:
            continue
        w = want.setdefault((block, name, v["total"]), {"bins": set(), "best": 0, "have_bins": True, "hits": []})
        w["best"] = max(w["best"], v["hit"])
        w["hits"].append(v["hit"])
        if "bins" in v:
            w["bins"] |= set(v["bins"])
        else:
            w["have_bins"] = False
got = {(p["block"], p["point"], p["total"]): p for p in fc["points"]}
assert len(got) == len(want), f"points {sorted(got)} != {sorted(want)}"
for k, w in want.items():
    p = got[k]
    exp = len(w["bins"]) if w["have_bins"] else w["best"]
    assert p["hit"] == exp, f"{k}: merged hit {p['hit']}, expected {exp}"
    assert all(p["hit"] >= h for h in w["hits"]), f"{k}: merged below a job"
items = {(i["block"], i["testpoint"]): i for i in fc["items"]}
for key, i in items.items():
    if i["status"] == "not run":
        continue
    h = sum(p["hit"] for p in i["points"] if p.get("reported"))
    t = sum(p["total"] for p in i["points"] if p.get("reported"))
    assert (i["hit"], i["total"]) == (h, t), f"{key}: {i['hit']}/{i['total']} != sum of points {h}/{t}"
    assert (i["status"] == "hit") == (not i["missing"]), f"{key}: status {i['status']} but missing {i['missing']}"
lp = items[("xbar", "lockstep_patterns")]
pairs = next(p for p in lp["points"] if p["point"] == "pairs_carried")
if case == "functional":
    # Four xbar jobs of 4 ports: uniform traffic reaches every pair.
    assert pairs["hit"] == pairs["total"] == 16, f"pairs_carried {pairs}"
    for b in ("xbar", "llr", "flow_control"):
        assert any(i["block"] == b and i["status"] != "not run" for i in fc["items"]), f"no item of {b}"
    assert items[("flow_control", "pfc_reaction_and_timers")]["status"] == "hit", items[("flow_control", "pfc_reaction_and_timers")]
else:
    assert pairs["hit"] == 4 and pairs["total"] == 16, f"permutation pairs_carried {pairs}"
    assert lp["status"] == "miss" and any(m.startswith("pairs_carried 4/16") for m in lp["missing"]), lp
    assert items[("llr", "sequence_wrap")]["status"] == "not run"
print(f"coverage_test: {len(got)} points, {sum(1 for i in items.values() if i['status'] != 'not run')} items checked")
PY
    if [ "$case" = miss ]; then
      grep -q '^  MISS xbar.lockstep_patterns .*pairs_carried 4/16' "$outroot/console.txt" || die "console does not show the miss"
    fi
    # The HTML report has the per-item table.
    "$sky" report "$out" >/dev/null || die "skybench report failed"
    grep -q 'Functional coverage per testplan item' "$out/report.html" || die "report.html lacks the testplan table"
    grep -q 'xbar.lockstep_patterns' "$out/report.html" || die "report.html lacks xbar.lockstep_patterns"
    ;;
  rtl)
    if [ -z "$covsky" ] || [ ! -x "$covsky" ]; then
      echo "coverage_test rtl: no coverage build of skybench at '$covsky' (scripts/setup.sh test builds build-cov/): skipped"
      exit 77
    fi
    "$covsky" info | grep -q '^RTL coverage: on' || die "$covsky info does not say RTL coverage: on"
    "$covsky" regress "$here/coverage.yaml" --out "$out" -j2 >"$outroot/console.txt" 2>"$outroot/stderr.txt" \
      || { cat "$outroot/console.txt" "$outroot/stderr.txt" >&2; die "regress failed"; }
    cat "$outroot/console.txt"
    for f in coverage/merged.dat coverage/rtl.info coverage/html/index.html; do
      [ -s "$out/$f" ] || die "missing $out/$f"
    done
    grep -q '^SF:.*sb_xbar.sv' "$out/coverage/rtl.info" || die "rtl.info has no sb_xbar.sv record"
    grep -q '^RTL coverage (7 jobs with coverage.dat' "$outroot/console.txt" || die "console lacks the RTL coverage block"
    grep -qE '^  line points +[0-9]+/[0-9]+ \(' "$outroot/console.txt" || die "console lacks line totals"
    python3 - "$out" <<'PY' || exit 1
import json, os, sys
out = sys.argv[1]
s = json.load(open(os.path.join(out, "summary.json")))
c = s["rtl_coverage"]
assert not c["errors"], c["errors"]
assert c["jobs"] == 7 and len(c["per_job"]) == 7, c["jobs"]
t = c["totals"]
for k in ("line", "toggle"):
    assert t[k]["total"] > 0 and 0 < t[k]["hit"] <= t[k]["total"], (k, t[k])
for jid, j in c["per_job"].items():
    assert os.path.isfile(os.path.join(out, "jobs", jid, "coverage.dat")), jid
    for k in ("line", "toggle", "user", "all"):
        assert t[k]["hit"] >= j[k]["hit"], f"merged {k} {t[k]} below job {jid} {j[k]}"
# Merging several models (xbar, llr, fc) covers more than any one job.
assert t["all"]["hit"] > max(j["all"]["hit"] for j in c["per_job"].values())
print("coverage_test rtl: merged", {k: (t[k]["hit"], t[k]["total"]) for k in ("line", "toggle", "user")})
PY
    # The LS port's RTL runs only in the pod: one short pod job with it in
    # lockstep writes its own coverage.dat.
    "$covsky" run "$root/sim-configs/default.yaml" --out "$outroot/pod_ls" --quiet --set switch.ports=4 \
      --cycles 3000 --set run.warmup_cycles=300 --set impl.xbar=model --set impl.ls_port=lockstep \
      --set endpoint.max_outstanding=4 --set checks.latency_budget.budget_ns=100000 >/dev/null 2>"$outroot/pod_ls.stderr" \
      || { cat "$outroot/pod_ls.stderr" >&2; die "the pod job with the LS port in lockstep failed"; }
    # Every block's cover properties (verif/*/sb_*_cover.sv) are user points
    # of the merged file, and each file has points that were hit.
    python3 - "$out/coverage/merged.dat" "$outroot/pod_ls/coverage.dat" <<'PY' || exit 1
import collections, re, sys
points = collections.defaultdict(lambda: [0, 0])  # cover file -> [points, hit]
for path in sys.argv[1:]:
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C '(.*)' (\d+)$", line.rstrip("\n"))
        if not m:
            continue
        f = dict(kv.split("\x02", 1) for kv in m.group(1).split("\x01") if "\x02" in kv)
        name = f.get("f", "").rsplit("/", 1)[-1]
        if name.endswith("_cover.sv") and f.get("page", "").startswith("v_user/"):
            points[name][0] += 1
            points[name][1] += int(m.group(2)) > 0
for name in ("sb_xbar_cover.sv", "sb_llr_cover.sv", "sb_fc_cover.sv", "sb_ls_port_cover.sv"):
    n, hit = points[name]
    assert n > 0 and hit > 0, f"{name}: {n} cover points, {hit} hit"
print("coverage_test rtl: cover points (points, hit):", dict(points))
PY
    "$covsky" report "$out" >/dev/null || die "skybench report failed"
    grep -q 'RTL code coverage' "$out/report.html" || die "report.html lacks the RTL coverage section"
    grep -q 'coverage/html/index.html' "$out/report.html" || die "report.html does not link the genhtml page"
    ;;
  off)
    if "$sky" info | grep -q '^RTL coverage: on'; then
      # A coverage build: --no-coverage leaves no OUT/coverage/ and no rtl_coverage.
      "$sky" regress "$here/coverage_miss.yaml" --out "$out" --no-coverage >/dev/null 2>&1 || die "regress --no-coverage failed"
      [ ! -e "$out/coverage" ] || die "--no-coverage still wrote $out/coverage"
      ! grep -q '"rtl_coverage"' "$out/summary.json" || die "--no-coverage: summary.json has rtl_coverage"
      echo "coverage_test off: ok (coverage build, --no-coverage)"
      exit 0
    fi
    "$sky" info | grep -q '^RTL coverage: off' || die "info does not say RTL coverage: off"
    err=$("$sky" regress "$here/coverage_miss.yaml" --out "$out" --coverage 2>&1 >/dev/null); rc=$?
    echo "$err"
    [ "$rc" -eq 2 ] || die "regress --coverage without a coverage build: exit $rc, expected 2"
    grep -q 'SKYBENCH_RTL_COVERAGE=ON' <<<"$err" || die "message does not say how to get a coverage build"
    [ ! -e "$out" ] || die "$out was created on bad input"
    ;;
  *) die "unknown case" ;;
esac
echo "coverage_test $case: ok"
