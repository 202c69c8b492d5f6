#!/usr/bin/env python3
"""check_testplan.py CTEST_JSON TESTPLAN.yaml...

Checks the testplans against the registered tests (`ctest --show-only=json-v1`):
every test a testplan names exists, and every registered test maps to a
testpoint. A test reference is a CTest name, a prefix pattern ending in '*',
or 'label:NAME' for every test with that CTest label. Exit 0 when both hold.
"""
import fnmatch
import json
import sys

import yaml


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    with open(sys.argv[1]) as f:
        ctest = json.load(f)
    tests = {}
    for t in ctest.get("tests", []):
        labels = []
        for p in t.get("properties", []):
            if p.get("name") == "LABELS":
                labels = p.get("value", [])
        tests[t["name"]] = set(labels)
    errors, covered = [], set()
    for path in sys.argv[2:]:
        with open(path) as f:
            plan = yaml.safe_load(f)
        for tp in plan.get("testpoints", []):
            if not tp.get("tests"):
                errors.append(f"{path}: testpoint {tp.get('name')} lists no test")
            for ref in tp.get("tests", []):
                if ref.startswith("label:"):
                    hit = {n for n, l in tests.items() if ref[6:] in l}
                else:
                    hit = {n for n in tests if fnmatch.fnmatchcase(n, ref)}
                if not hit:
                    errors.append(f"{path}: testpoint {tp['name']}: no test matches '{ref}'")
                covered |= hit
    for n in sorted(set(tests) - covered):
        errors.append(f"test '{n}' maps to no testpoint in {', '.join(sys.argv[2:])}")
    for e in errors:
        print(f"check_testplan: {e}")
    print(f"check_testplan: {len(tests)} tests, {len(covered)} mapped, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
