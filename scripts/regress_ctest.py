#!/usr/bin/env python3
"""Generate CTest entries from a regression file and its CTest checks.

    regress_ctest.py REGRESSION.yaml CHECKS.yaml OUT.cmake

REGRESSION.yaml is a `skybench regress` file (docs/regressions.md): the
tests' configs, `set:` overrides, seeds and labels. CHECKS.yaml holds what
only CTest needs, per test of the regression, keyed by its name:

    tests:
      cosim_llr_fer_1e-3:
        exit: 0                      # expected exit status of `skybench run` (default 0)
        args: [--quiet]              # extra `skybench run` arguments (after --set / --seed)
        will_fail: true              # CTest WILL_FAIL (a self-test of the checker)
        check: {expect: pass, checks: {cosim: pass}, min_compared: 40000,
                cover: [nack_replay], min: {llr.replays: 1}, max: {llr.goodput: 0.7},
                mismatch_field: sig, assertion_text: [NoOverflow_A], wave: true}

(`check:` is what tests/cli/check_report.py is given.) Every test of the
regression needs an entry and every entry a test. A test with one seed is the
CTest test of its name; a test with several seeds becomes one CTest test per
seed, `<name>_s<seed>`. OUT.cmake calls sb_regress_test(NAME EXIT CONFIG
LABELS WILL_FAIL RUN <args> CHECK <args>), defined by the includer.

Bad input (an unknown key, a wrong type, a missing field, a test without
checks) is exit 2 with `FILE: ENTRY: FIELD: REASON (line N)`; nothing is
written. Scalars are kept as written (`1e-3` stays `1e-3`), as the regress
parser (yaml-cpp) keeps them.
"""
import os
import re
import sys

import yaml

NAME_RE = re.compile(r"[A-Za-z0-9_.-]+$")
LABEL_RE = re.compile(r"[A-Za-z0-9_.:-]+$")
KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")
# The keys `skybench regress` accepts (src/sb_regress.cpp, load_regression).
REGRESS_TOP = ("name", "description", "tests")
REGRESS_TEST = ("name", "config", "set", "seeds", "labels", "timeout_s")
CHECKS_TOP = ("tests",)
CHECKS_TEST = ("exit", "args", "will_fail", "check")
CHECK_KEYS = ("expect", "checks", "min_compared", "cover", "min", "max", "mismatch_field", "assertion_text", "wave")


class Bad(Exception):
    pass


def fail(file, where, reason, node=None):
    line = f" (line {node.start_mark.line + 1})" if node is not None else ""
    raise Bad(f"{file}: {where}: {reason}{line}")


def scalar(file, where, node):
    if not isinstance(node, yaml.ScalarNode):
        fail(file, where, "must be a scalar", node)
    return node.value


def mapping(file, where, node, allowed=None, merge=False):
    """The (key, key node, value node) triples of a mapping, in order; duplicate
    keys and keys outside `allowed` are errors. `merge` resolves `<<: *anchor`."""
    if not isinstance(node, yaml.MappingNode):
        fail(file, where, "must be a mapping", node)
    out, seen = [], {}
    pairs = list(node.value)
    if merge:
        flat = []
        for k, v in pairs:
            if isinstance(k, yaml.ScalarNode) and k.value == "<<":
                srcs = v.value if isinstance(v, yaml.SequenceNode) else [v]
                for s in srcs:
                    if not isinstance(s, yaml.MappingNode):
                        fail(file, where + ".<<", "must merge a mapping", s)
                    flat.extend(s.value)
        pairs = flat + [(k, v) for k, v in pairs if not (isinstance(k, yaml.ScalarNode) and k.value == "<<")]
    for k, v in pairs:
        key = scalar(file, where, k)
        if key == "<<":
            fail(file, where + ".<<", "merge keys are not read by `skybench regress` (yaml-cpp): write the keys out", k)
        if allowed is not None and key not in allowed:
            fail(file, f"{where}.{key}", f"unknown key (expected {', '.join(allowed)})", k)
        if key in seen and not merge:
            fail(file, f"{where}.{key}", "duplicate key", k)
        seen[key] = len(out)
        out.append((key, k, v))
    if merge:  # a key given after the merge overrides the merged one
        last = {}
        for key, k, v in out:
            last[key] = (key, k, v)
        out = list(last.values())
    return out


def seq(file, where, node):
    if not isinstance(node, yaml.SequenceNode):
        fail(file, where, "must be a list", node)
    return node.value


def uint(file, where, node, lo=0):
    v = scalar(file, where, node)
    if not re.fullmatch(r"[0-9]{1,19}", v) or int(v) < lo:
        fail(file, where, f"must be an integer >= {lo}, got '{v}'", node)
    return int(v)


def compose(path):
    try:
        with open(path) as f:
            doc = yaml.compose(f)
    except OSError as e:
        raise Bad(f"{path}: cannot read: {e.strerror}")
    except yaml.YAMLError as e:
        raise Bad(f"{path}: YAML syntax: {e}")
    if doc is None:
        raise Bad(f"{path}: empty file")
    return doc


def flatten_sets(file, where, node, prefix, out):
    for key, k, v in mapping(file, where, node):
        full = prefix + key
        if isinstance(v, yaml.MappingNode):
            flatten_sets(file, where, v, full + ".", out)
            continue
        val = scalar(file, f"{where}.{full}", v)
        if not KEY_RE.match(full):
            fail(file, f"{where}.{full}", "not a dotted config key", k)
        if full == "run.seed":
            fail(file, f"{where}.{full}", "the seed comes from seeds:, not from set:", k)
        if any(f == full for f, _ in out):
            fail(file, f"{where}.{full}", "set twice", k)
        out.append((full, val))


def load_regression(path, root):
    doc = compose(path)
    tests = None
    for key, k, v in mapping(path, "(top)", doc, REGRESS_TOP):
        if key == "tests":
            tests = v
        else:
            scalar(path, key, v)
    if tests is None:
        fail(path, "tests", "missing", doc)
    out, names = [], set()
    for i, t in enumerate(seq(path, "tests", tests)):
        where = f"tests[{i}]"
        if isinstance(t, yaml.MappingNode):  # name the entry in every message, when it has a name
            where += "".join(f" ({v.value})" for k, v in t.value
                             if isinstance(k, yaml.ScalarNode) and k.value == "name" and isinstance(v, yaml.ScalarNode))
        fields = {key: v for key, _, v in mapping(path, where, t, REGRESS_TEST)}
        for req in ("name", "config", "seeds"):
            if req not in fields:
                fail(path, f"{where}.{req}", "missing", t)
        name = scalar(path, where + ".name", fields["name"])
        if not NAME_RE.match(name):
            fail(path, where + ".name", f"must match [A-Za-z0-9_.-]+, got '{name}'", fields["name"])
        if name in names:
            fail(path, where + ".name", f"duplicate test name '{name}'", fields["name"])
        names.add(name)
        config = scalar(path, where + ".config", fields["config"])
        if not os.path.isfile(os.path.join(root, config)):
            fail(path, where + ".config", f"no such file {config} (relative to the repository root {root})",
                 fields["config"])
        sets = []
        if "set" in fields:
            flatten_sets(path, where + ".set", fields["set"], "", sets)
        sn = fields["seeds"]
        if isinstance(sn, yaml.SequenceNode):
            seeds = [uint(path, f"{where}.seeds[{j}]", s) for j, s in enumerate(sn.value)]
            if not seeds:
                fail(path, where + ".seeds", "an empty list runs nothing", sn)
            if len(set(seeds)) != len(seeds):
                fail(path, where + ".seeds", "a seed listed twice", sn)
        else:
            seeds = list(range(1, uint(path, where + ".seeds", sn, 1) + 1))
        labels = []
        if "labels" in fields:
            for j, l in enumerate(seq(path, where + ".labels", fields["labels"])):
                lab = scalar(path, f"{where}.labels[{j}]", l)
                if not LABEL_RE.match(lab):
                    fail(path, f"{where}.labels[{j}]", f"label must match [A-Za-z0-9_.:-]+, got '{lab}'", l)
                labels.append(lab)
        if "timeout_s" in fields:
            scalar(path, where + ".timeout_s", fields["timeout_s"])
        out.append(dict(name=name, config=config, sets=sets, seeds=seeds, labels=labels, node=t))
    return out


def check_args(file, where, node):
    a = []
    for key, k, v in mapping(file, where, node, CHECK_KEYS, merge=True):
        w = f"{where}.{key}"
        if key == "expect":
            val = scalar(file, w, v)
            if val not in ("pass", "fail"):
                fail(file, w, f"must be pass or fail, got '{val}'", v)
            a += ["--expect", val]
        elif key == "checks":
            for name, _, r in mapping(file, w, v, merge=True):
                val = scalar(file, f"{w}.{name}", r)
                if val not in ("pass", "fail"):
                    fail(file, f"{w}.{name}", f"must be pass or fail, got '{val}'", r)
                a += ["--check", f"{name}={val}"]
        elif key == "min_compared":
            a += ["--min-compared", str(uint(file, w, v))]
        elif key in ("cover", "assertion_text"):
            opt = "--cover" if key == "cover" else "--assertion-text"
            for j, c in enumerate(seq(file, w, v)):
                a += [opt, scalar(file, f"{w}[{j}]", c)]
        elif key in ("min", "max"):
            for name, kn, r in mapping(file, w, v, merge=True):
                val = scalar(file, f"{w}.{name}", r)
                if not KEY_RE.match(name):
                    fail(file, f"{w}.{name}", "not a dotted report key", kn)
                try:
                    float(val)
                except ValueError:
                    fail(file, f"{w}.{name}", f"must be a number, got '{val}'", r)
                a += ["--" + key, f"{name}={val}"]
        elif key == "mismatch_field":
            a += ["--mismatch-field", scalar(file, w, v)]
        elif key == "wave":
            val = scalar(file, w, v)
            if val not in ("true", "false"):
                fail(file, w, f"must be true or false, got '{val}'", v)
            if val == "true":
                a.append("--wave")
    return a


def load_checks(path, tests):
    doc = compose(path)
    top = {key: v for key, _, v in mapping(path, "(top)", doc, CHECKS_TOP + ("anchors",))}
    if "tests" not in top:
        fail(path, "tests", "missing", doc)
    known = {t["name"]: t for t in tests}
    specs = {}
    for name, kn, spec in mapping(path, "tests", top["tests"]):
        if name not in known:
            fail(path, f"tests.{name}", "no test of this name in the regression file", kn)
        where = f"tests.{name}"
        s = dict(exit="0", args=[], will_fail=False, check=None)
        for key, _, v in mapping(path, where, spec, CHECKS_TEST, merge=True):
            w = f"{where}.{key}"
            if key == "exit":
                s["exit"] = str(uint(path, w, v))
            elif key == "args":
                s["args"] = [scalar(path, f"{w}[{j}]", x) for j, x in enumerate(seq(path, w, v))]
                for x in s["args"]:
                    if x in ("--out", "--seed", "--set") or x.startswith("--out="):
                        fail(path, w, f"'{x}' is set by the generator (set: and seeds: of the regression)", v)
            elif key == "will_fail":
                val = scalar(path, w, v)
                if val not in ("true", "false"):
                    fail(path, w, f"must be true or false, got '{val}'", v)
                s["will_fail"] = val == "true"
            elif key == "check":
                s["check"] = check_args(path, w, v)
        if s["check"] is None:
            fail(path, where + ".check", "missing (what check_report.py verifies)", spec)
        specs[name] = s
    for t in tests:
        if t["name"] not in specs:
            fail(path, f"tests.{t['name']}", "missing: every test of the regression needs its CTest checks here")
    return specs


def cmake_quote(s):
    if ";" in s:  # a CMake list separator: it would split the argument
        raise Bad(f"'{s}': a ';' cannot pass through CMake")
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def generate(reg, chk, root):
    tests = load_regression(reg, root)
    specs = load_checks(chk, tests)
    rel_reg, rel_chk = (os.path.relpath(os.path.abspath(p), root) for p in (reg, chk))
    lines = [f"# Generated by scripts/regress_ctest.py from {rel_reg} and {rel_chk} - do not edit."]
    ctest_names = set()
    for t in tests:
        s = specs[t["name"]]
        for seed in t["seeds"]:
            name = t["name"] if len(t["seeds"]) == 1 else f"{t['name']}_s{seed}"
            if name in ctest_names:
                raise Bad(f"{rel_reg}: {t['name']}: CTest name {name} twice")
            ctest_names.add(name)
            run = [x for k, v in t["sets"] for x in ("--set", f"{k}={v}")] + ["--seed", str(seed)] + s["args"]
            lines.append(f"sb_regress_test({name} EXIT {s['exit']} CONFIG {cmake_quote(t['config'])}"
                         f" WILL_FAIL {'TRUE' if s['will_fail'] else 'FALSE'}"
                         f" LABELS {' '.join(t['labels'])}")
            lines.append("  RUN " + " ".join(cmake_quote(x) for x in run))
            lines.append("  CHECK " + " ".join(cmake_quote(x) for x in s["check"]) + ")")
    return lines


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    reg, chk, out = sys.argv[1:]
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(reg)), "..", ".."))
    try:
        lines = generate(reg, chk, root)
    except Bad as e:
        sys.stderr.write(f"regress_ctest.py: error: {e}\n")
        return 2
    text = "\n".join(lines) + "\n"
    # Only rewrite on change: the includer's tests do not churn.
    if not os.path.exists(out) or open(out).read() != text:
        with open(out, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
