#!/usr/bin/python3
"""Every CTest test carries its labels: exactly one level (`default`, the
suite CI runs, or `long`) and at least one block or kind label (`xbar`,
`unit`, `cosim`, ...), so that `ctest -L <label>` selects whole areas.

    check_labels.py ctest.json      (ctest --show-only=json-v1)

Exit 1 naming each test whose labels break the rule.
"""
import json
import sys


def labels_of(test):
    for p in test.get("properties", []):
        if p.get("name") == "LABELS":
            return list(p.get("value", []))
    return []


def main():
    with open(sys.argv[1]) as f:
        tests = json.load(f)["tests"]
    bad = []
    for t in tests:
        ls = labels_of(t)
        levels = [l for l in ls if l in ("default", "long")]
        others = [l for l in ls if l not in ("default", "long")]
        if len(levels) != 1 or not others:
            bad.append(f"{t['name']}: labels {ls or '(none)'}: need exactly one of default/long and a block or kind label")
    for b in bad:
        print(b)
    print(f"{len(tests)} tests, {len(bad)} with bad labels")
    return 1 if bad or not tests else 0


if __name__ == "__main__":
    sys.exit(main())
