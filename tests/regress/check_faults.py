#!/usr/bin/env python3
"""check_faults.py DIR [--expect-jobs N]: validates the outputs of
`skybench regress tests/regress/faults.yaml --out DIR` (one pass, one crash,
one timeout): results.jsonl, junit.xml, summary.json."""
import json
import sys
import xml.etree.ElementTree as ET

out = sys.argv[1]
errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


last = {}
for line in open(f"{out}/results.jsonl"):
    if line.strip():
        r = json.loads(line)
        last[r["id"]] = r
check(last.get("ok.s1", {}).get("status") == "pass", f"ok.s1 should pass: {last.get('ok.s1')}")
check(last.get("segv.s3", {}).get("status") == "crash", f"segv.s3 should be crash: {last.get('segv.s3')}")
check("SIGSEGV" in (last.get("segv.s3", {}).get("signature") or ""), "segv.s3 signature should name SIGSEGV")
check(last.get("hang.s5", {}).get("status") == "timeout", f"hang.s5 should be timeout: {last.get('hang.s5')}")
check(last.get("hang.s5", {}).get("wall_s", 99) < 15, "hang.s5 should be killed within timeout_s 5 + grace")
for r in last.values():
    check(r["reproduce"].startswith("build/skybench run sim-configs/xbar.yaml"), f"reproduce of {r['id']}: {r['reproduce']}")
    check(f"--seed {r['seed']}" in r["reproduce"] and "--out" not in r["reproduce"], f"reproduce of {r['id']}")

root = ET.parse(f"{out}/junit.xml").getroot()
cases = root.findall(".//testcase")
check(len(cases) == 3, f"junit.xml: {len(cases)} testcases, expected 3")
fails = root.findall(".//testcase/failure")
check(len(fails) == 2, f"junit.xml: {len(fails)} failures, expected 2")
for f in fails:
    check(f.get("message") and f.get("type") in ("crash", "timeout"), f"junit failure attributes: {f.attrib}")
    check("reproduce: build/skybench run" in (f.text or ""), "junit failure body has the reproduce command")
check(root.find(".//testsuite").get("name") == "faults", "testsuite name = regression name")

s = json.load(open(f"{out}/summary.json"))
check(s["name"] == "faults" and s["jobs"] == 3 and s["passed"] == 1 and s["failed"] == 2, f"summary counts: {s}")
check(s["by_status"] == {"pass": 1, "crash": 1, "timeout": 1}, f"by_status: {s['by_status']}")
groups = {g["status"]: g for g in s["groups"]}
check(set(groups) == {"crash", "timeout"}, f"groups: {list(groups)}")
check(groups.get("crash", {}).get("jobs") == ["segv.s3"] and groups["crash"]["seeds"] == [3], "crash group")
check(groups.get("timeout", {}).get("jobs") == ["hang.s5"] and groups["timeout"]["seeds"] == [5], "timeout group")
for g in s["groups"]:
    check(g["reproduce"].startswith("build/skybench run ") and "fault.process=" in g["reproduce"], f"group reproduce: {g}")

if errors:
    print("check_faults: FAILED\n  " + "\n  ".join(errors), file=sys.stderr)
    sys.exit(1)
print("check_faults: ok")
