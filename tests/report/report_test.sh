#!/usr/bin/env bash
# report_test.sh SKYBENCH OUTDIR CASE SRCDIR
#   render:  an llr run and the smoke regression, rendered with `skybench report`;
#            each page must parse, reference >= 2 PNGs, and every reference must
#            exist (PNGs with the PNG signature).
#   telemetry: a pod run with one drifting link (sim-configs/link-health.yaml,
#            shortened): the page has the link-health section with its three
#            telemetry plots (heat map, queues, FEC histogram); --link picks the
#            link and a malformed --link is exit 2.
#   groups:  a heterogeneous pod run (sim-configs/pod-hetero.yaml, shortened):
#            the page has the endpoint-groups table (every group named) and
#            its per-group round-trip plot.
#   bad_dir: a missing folder is exit 2 naming the path.
set -u
sky=$1 out=$2 case=$3 src=$4
rm -rf "$out"
mkdir -p "$out"
fail() { echo "report_test: $*" >&2; exit 1; }

case "$case" in
bad_dir)
  missing="$out/does-not-exist"
  err=$("$sky" report "$missing" 2>&1 >/dev/null); rc=$?
  echo "$err" >&2
  [ "$rc" -eq 2 ] || fail "exit $rc for a missing folder, expected 2"
  grep -qF "$missing" <<<"$err" || fail "message does not name $missing"
  err=$("$sky" report "$out" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] || fail "exit $rc for a folder without report.json/summary.json, expected 2"
  echo "report_test: bad_dir ok"
  ;;
groups)
  "$sky" run "$src/sim-configs/pod-hetero.yaml" --cycles 4000 --set run.warmup_cycles=400 --out "$out/run" >"$out/run.log" 2>&1 \
    || { cat "$out/run.log" >&2; fail "skybench run failed"; }
  "$sky" report "$out/run" || fail "report of the run failed"
  for t in "Endpoint groups" gpu infer mempool plots/groups_rtt.png; do
    grep -qF "$t" "$out/run/report.html" || fail "report.html does not show $t"
  done
  [ -s "$out/run/plots/groups_rtt.png" ] || fail "missing plot groups_rtt.png"
  echo "report_test: groups ok"
  ;;
telemetry)
  "$sky" run "$src/sim-configs/link-health.yaml" --cycles 20000 --set link.phy.drift_ns=8000 --out "$out/run" >"$out/run.log" 2>&1 \
    || { cat "$out/run.log" >&2; fail "skybench run failed"; }
  [ -s "$out/run/telemetry.csv" ] || fail "no telemetry.csv"
  "$sky" report "$out/run" --link 1:2 || fail "report of the run failed"
  for p in telemetry_utilisation telemetry_queues telemetry_fec; do
    [ -s "$out/run/plots/$p.png" ] || fail "missing plot $p.png"
    grep -q "plots/$p.png" "$out/run/report.html" || fail "report.html does not show $p.png"
  done
  grep -q "Link health" "$out/run/report.html" || fail "no Link health section"
  grep -q "plane 1 port 2" "$out/run/report.html" || fail "--link 1:2 not plotted"
  err=$("$sky" report "$out/run" --link x 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] || fail "exit $rc for --link x, expected 2"
  grep -q "PLANE:PORT" <<<"$err" || fail "message does not say PLANE:PORT: $err"
  echo "report_test: telemetry ok"
  ;;
render)
  "$sky" run "$src/sim-configs/llr.yaml" --cycles 5000 --set run.warmup_cycles=1000 --out "$out/run" >"$out/run.log" 2>&1 \
    || { cat "$out/run.log" >&2; fail "skybench run failed"; }
  (cd "$src" && "$sky" regress sim-configs/regressions/smoke.yaml --out "$out/regress" -j2) >"$out/regress.log" 2>&1 \
    || { cat "$out/regress.log" >&2; fail "skybench regress failed"; }
  "$sky" report "$out/run" || fail "report of the run failed"
  "$sky" report "$out/regress" --out "$out/regress/index.html" || fail "report of the regression failed"
  python3 - "$out/run/report.html" "$out/regress/index.html" <<'PY' || exit 1
import os, sys
from html.parser import HTMLParser
from urllib.parse import urlparse, unquote

class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href") and v and not urlparse(v).scheme and not v.startswith("#"):
                self.refs.append(unquote(v))

bad = 0
def check(page, min_png=2, seen=None):
    global bad
    seen = seen if seen is not None else set()
    if page in seen:
        return
    seen.add(page)
    if not os.path.isfile(page):
        print(f"check: {page}: missing"); bad += 1; return
    p = Refs()
    p.feed(open(page, encoding="utf-8").read())
    p.close()
    pngs = [r for r in p.refs if r.lower().endswith(".png")]
    if len(pngs) < min_png:
        print(f"check: {page}: {len(pngs)} PNGs referenced, want >= {min_png}"); bad += 1
    for r in p.refs:
        f = os.path.normpath(os.path.join(os.path.dirname(page), r))
        if not os.path.exists(f):
            print(f"check: {page}: references missing {r}"); bad += 1
        elif f.lower().endswith(".png"):
            with open(f, "rb") as fh:
                if fh.read(8) != b"\x89PNG\r\n\x1a\n":
                    print(f"check: {page}: {r} is not a PNG"); bad += 1
        elif f.endswith(".html"):
            check(f, 1, seen)   # a job's own page
    print(f"check: {page}: {len(p.refs)} references, {len(pngs)} PNGs")

for page in sys.argv[1:]:
    check(page)
sys.exit(1 if bad else 0)
PY
  echo "report_test: render ok"
  ;;
*) fail "unknown case $case" ;;
esac
