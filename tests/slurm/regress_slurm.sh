#!/usr/bin/env bash
# regress_slurm.sh SKYBENCH REPO OUTDIR
# The same regressions run locally and as a Slurm job array on the local
# single-node cluster (scripts/slurm-local-up) must give identical results:
# the same status and failure signature for every job. Uses the smoke
# regression (all pass) and tests/regress/faults.yaml (a pass, a SIGSEGV, a
# hang past its timeout). Tears the cluster down on any exit.
set -u
sky=$1 repo=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
cleanup() { "$repo/scripts/slurm-local-down" >/dev/null 2>&1 || true; }
trap cleanup EXIT
env=$("$repo/scripts/slurm-local-up") || { echo "regress_slurm: slurm-local-up failed" >&2; exit 1; }
eval "$env"
fail=0
for reg in sim-configs/regressions/smoke.yaml tests/regress/faults.yaml; do
  name=$(basename "$reg" .yaml)
  "$sky" regress "$repo/$reg" --out "$out/$name-local" -j2 > "$out/$name-local.log" 2>&1
  rl=$?
  "$sky" regress "$repo/$reg" --backend slurm --out "$out/$name-slurm" > "$out/$name-slurm.log" 2>&1
  rs=$?
  echo "regress_slurm: $name: local exit $rl, slurm exit $rs"
  [ "$rl" -eq "$rs" ] || { echo "regress_slurm: $name: exit status differs" >&2; fail=1; }
  python3 - "$out/$name-local" "$out/$name-slurm" <<'PY' || fail=1
import json, sys
def load(d):
    r = {}
    for line in open(d + "/results.jsonl"):
        j = json.loads(line)
        r[j["id"]] = (j["status"], j["signature"])
    return r
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print(f"regress_slurm: {k}: local {a.get(k)} slurm {b.get(k)}")
    sys.exit(1)
import xml.etree.ElementTree as ET
ET.parse(sys.argv[2] + "/junit.xml")
print(f"regress_slurm: {len(a)} jobs, identical results")
PY
done
# The faults regression must show the crash and the timeout through Slurm too.
grep -q '"status":"crash"' "$out/faults-slurm/results.jsonl" || { echo "regress_slurm: no crash via slurm" >&2; fail=1; }
grep -q '"status":"timeout"' "$out/faults-slurm/results.jsonl" || { echo "regress_slurm: no timeout via slurm" >&2; fail=1; }
exit $fail
