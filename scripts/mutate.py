#!/usr/bin/python3
"""Mutation score of the RTL blocks against the default suite's lockstep tests.

    scripts/mutate.py list  [--block B ...] [--count N] [--seed S]
    scripts/mutate.py run   [--block B ...] [--count N] [--seed S] [--jobs J]
                            [--build-dir DIR] [--json FILE] [--target PCT]
    scripts/mutate.py score FILE.json   # the table again, with the current equivalents

A mutant is one small change to one line of a block's RTL: an operator
swapped (== !=, < <=, > >=, && ||, & |, ^ |, + -, << >>), a negation
dropped (! ~), a constant changed (1'b0 <-> 1'b1, '0 <-> '1, a number
+-1), an `if` condition negated, or a procedural assignment dropped (the
register or signal keeps its value). The candidates of a file are every
such change on every line the rules recognise (single-line procedural
assignments, `assign` lines, `if` conditions; never declarations,
parameters, case labels, system tasks, nor the assertions and their helpers
inside `ifndef SYNTHESIS`, nor the test-only fault hooks `test_fault_*`); --count picks a seeded sample of
them per file (--count 0: all).

All the sampled mutants of all the blocks are compiled into ONE build
(mutant schemata): each mutated line becomes a choice between the original
and its mutants on `sb_mut_id`, a variable each mutated module reads once at
time 0 from the environment variable SB_MUTANT (0 or unset: the original
design). The script copies the repository's tracked files into
DIR/src (writing only the files that changed, so a rerun rebuilds only the
Verilated models of the blocks whose schemata changed), builds the
`skybench` CLI and the LS-port and telemetry test binaries in DIR/build, checks that the
original design (SB_MUTANT=0) passes every selected test, then runs each
mutant: the block's lockstep tests of the default suite, fastest first, up
to the first failure (killed) or all passing (survived). The real RTL
files are never touched.

A survivor is then checked by the default suite's lint tests (lint_*,
`verilator --lint-only -Wall`) with that one mutant applied to the real
RTL: a mutant only lint can see (a latch from a dropped default assignment,
a width mismatch) behaves like the original in every simulation and is
reported as "lint". Survivors that cannot change any output (equivalent
mutants) are listed, each with its reason, in verif/mutation_equivalent.yaml.
The score of a block is killed / (mutants - lint - equivalent): the share of
the mutants a simulation can tell apart that the lockstep tests kill. docs/verification.md "Mutation
score" has the results and the survivors. Exit status 0 when every block
reaches --target (default 90 %), 1 otherwise, 2 on bad arguments or a
failed build.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Block -> its RTL files and the default suite's lockstep tests that run it
# (ctest -R regex, without label long). A lockstep test of a checker that
# must fail (e.g. cosim_incast_pfc_storm) still requires cosim=pass, so a
# mutant that makes model and RTL disagree fails it too.
BLOCKS = {
    "xbar": dict(files=["rtl/xbar/sb_xbar.sv"], tests=r"^cosim_xbar_"),
    "llr": dict(files=["rtl/llr/sb_llr.sv"], tests=r"^cosim_llr_"),
    "pfc": dict(files=["rtl/pfc/sb_pfc_rx.sv", "rtl/pfc/sb_pfc_tx.sv"],
                tests=r"^cosim_incast_pfc_|^pod_lockstep_flow_control$"),
    "cbfc": dict(files=["rtl/cbfc/sb_cbfc_rx.sv", "rtl/cbfc/sb_cbfc_tx.sv"],
                 tests=r"^cosim_incast_cbfc|^pod_all_lockstep_cbfc$"),
    "ls_port": dict(files=["rtl/ls_port/sb_ls_port.sv"],
                    tests=r"^LS lockstep|^pod_lockstep_ls_port$"),
    "switch": dict(files=["rtl/switch/sb_ingress.sv", "rtl/switch/sb_egress.sv",
                          "rtl/switch/sb_switch.sv"],
                   tests=r"^switch_lockstep_|^pod_switch_lockstep_n8$"),
    "telemetry": dict(files=["rtl/telemetry/sb_telemetry.sv"], tests=r"^telemetry lockstep"),
}

EQUIVALENT_FILE = "verif/mutation_equivalent.yaml"

# Words that start a line the rules never mutate as a statement.
NOT_STATEMENT = {
    "logic", "wire", "reg", "bit", "byte", "int", "integer", "shortint", "longint",
    "localparam", "parameter", "typedef", "genvar", "assign", "for", "if", "else",
    "case", "casez", "unique", "unique0", "priority", "return", "input", "output",
    "inout", "import", "module", "end", "begin", "automatic", "static", "always",
    "always_ff", "always_comb", "always_latch", "initial", "final", "function",
    "task", "default", "assert", "cover", "assume", "enum", "struct", "var",
    "const", "endcase", "endfunction", "endmodule", "generate", "endgenerate",
    "while", "repeat", "foreach", "do", "forever", "break", "continue",
}

# Token scanner for expressions: longest operators first.
TOKEN = re.compile(r"""
    (?P<sized>\d+\s*'[sS]?[bBoOdDhH][0-9a-fA-F_xXzZ?]+)   # 8'd3, 1'b0
  | (?P<cast>[\w)]+\s*'\()                               # 32'(x), T'(x): a cast
  | (?P<fill>(?<![\w)'])'[01xXzZ])                        # '0 '1
  | (?P<num>(?<![\w'.])\d+(?![\w']))                      # 3
  | (?P<ident>[A-Za-z_$][\w$]*)
  | (?P<op><<<|>>>|<<|>>|&&|\|\||==|!=|<=|>=|\+:|-:|~&|~\||~\^|\^~|[-+<>&|^!~])
  """, re.X)

OP_SWAP = {
    "==": "!=", "!=": "==", "<": "<=", "<=": "<", ">": ">=", ">=": ">",
    "&&": "||", "||": "&&", "&": "|", "|": "&", "^": "|",
    "+": "-", "-": "+", "<<": ">>", ">>": "<<", "!": "", "~": "",
}


def expr_mutations(expr):
    """Every single-token mutation of an expression: [(what, new_expr)]."""
    out = []
    seen = {}
    for m in TOKEN.finditer(expr):
        kind = m.lastgroup
        tok = m.group(kind)
        a, b = m.span(kind)
        new = None
        if kind == "op" and tok in OP_SWAP:
            new = OP_SWAP[tok]
            what = f"'{tok}' -> '{new}'" if new else f"drop '{tok}'"
        elif kind == "sized":
            w, base, digits = re.match(r"(\d+)\s*'[sS]?([bBoOdDhH])(.+)", tok).groups()
            d = digits.replace("_", "")
            if not re.fullmatch(r"[0-9a-fA-F]+", d):
                continue
            radix = {"b": 2, "o": 8, "d": 10, "h": 16}[base.lower()]
            v = int(d, radix)
            nv = v + 1 if v == 0 else v - 1
            if base.lower() == "b":
                nv = v ^ 1
            digits_new = {2: format(nv, "b"), 8: format(nv, "o"), 10: str(nv), 16: format(nv, "x")}[radix]
            new = f"{w}'{base}{digits_new}"
            what = f"'{tok}' -> '{new}'"
        elif kind == "fill":
            new = {"'0": "'1", "'1": "'0"}.get(tok)
            if new is None:
                continue
            what = f"'{tok}' -> '{new}'"
        elif kind == "num":
            v = int(tok)
            new = str(v + 1 if v == 0 else v - 1)
            what = f"'{tok}' -> '{new}'"
        if new is None:
            continue
        seen[tok] = seen.get(tok, 0) + 1
        if seen[tok] > 1:
            what += f" (occurrence {seen[tok]})"
        out.append((what, expr[:a] + new + expr[b:]))
    return out


def split_comment(line):
    i = line.find("//")
    return (line, "") if i < 0 else (line[:i], line[i:])


def match_paren(s, i):
    """Index of the ')' matching the '(' at s[i], or -1."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "(":
            depth += 1
        elif s[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def assign_op(code):
    """(index, op) of a statement's assignment operator at bracket depth 0."""
    depth = 0
    for i, ch in enumerate(code):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in "<=":
            if code.startswith("<=", i):
                return i, "<="
            if ch == "=" and not code.startswith("==", i) and (i == 0 or code[i - 1] not in "=!<>"):
                if i > 0 and code[i - 1] in "+-*/|&^%":
                    return -1, None  # compound assignment: not mutated
                return i, "="
    return -1, None


def line_candidates(line, procedural):
    """The mutants of one source line: [(kind, what, data)].
    kind 'stmt': data = the mutated statement (the whole line's code);
    kind 'assign': data = the mutated right-hand side;
    kind 'cond': data = (start, end, new condition) of the if's condition."""
    code, _ = split_comment(line)
    s = code.strip()
    if not s or '"' in s or "$" in s:
        return []
    first = re.match(r"[A-Za-z_]\w*", s)
    word = first.group(0) if first else ""
    out = []
    if not procedural:
        # Module level: only continuous assignments (an `if` here is a
        # generate-if, whose condition must stay constant).
        m = re.match(r"(\s*assign\s+)([^=]+?)(\s*=\s*)(.+);\s*$", code)
        if m and "==" not in m.group(2):
            for what, e in expr_mutations(m.group(4)):
                out.append(("assign", what, e))
        return out
    # if / else if conditions.
    m = re.match(r"\s*(?:end\s+)?(?:else\s+)?(?:(?:unique|unique0|priority)\s+)?if\s*\(", code)
    if m:
        lp = m.end() - 1
        rp = match_paren(code, lp)
        if rp < 0:
            return []
        cond = code[lp + 1:rp]
        out.append(("cond", "negate the if condition", (lp + 1, rp, f"!({cond})")))
        for what, e in expr_mutations(cond):
            out.append(("cond", what, (lp + 1, rp, e)))
        return out
    # A single-line procedural assignment: lvalue (<=|=) expr;
    if word in NOT_STATEMENT or not s.endswith(";") or s.count(";") != 1 or "::" in s.split("=")[0]:
        return []
    i, op = assign_op(s)
    if i < 0:
        return []
    lhs, rhs = s[:i], s[i + len(op):-1]
    if not re.fullmatch(r"[A-Za-z_][\w.]*\s*", re.sub(r"\[[^\[\]]*\]", "", re.sub(r"\[[^\[\]]*\]", "", lhs))):
        return []
    out.append(("stmt", "drop the assignment", "begin end"))
    for what, e in expr_mutations(rhs):
        out.append(("stmt", what, f"{lhs}{op}{e};"))
    return out


def module_header_end(lines):
    """Index of the line that closes the first module's port list (its ');')."""
    text_started = False
    depth = 0
    groups = 0
    for idx, line in enumerate(lines):
        code, _ = split_comment(line)
        if not text_started:
            k = code.find("module ")
            if k < 0 or code.lstrip().startswith("//"):
                continue
            text_started = True
            code = code[k:]
        for j, ch in enumerate(code):
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    groups += 1
                    rest = code[j + 1:].strip()
                    if rest.startswith(";"):
                        return idx
    raise ValueError("no module port list found")


class Mutant:
    def __init__(self, block, file, lineno, kind, what, data, text):
        self.block, self.file, self.lineno = block, file, lineno
        self.kind, self.what, self.data, self.text = kind, what, data, text
        self.id = 0

    def key(self):
        return (self.file, self.text.strip(), self.what)

    def show(self):
        return f"{self.file}:{self.lineno}: {self.what}: {self.text.strip()}"


def file_candidates(block, rel):
    lines = open(os.path.join(ROOT, rel)).read().split("\n")
    out = []
    proc = None  # inside an always/initial block ("block"), a function or a task
    blocks, opened = 0, False
    depth = 0  # inside `ifndef SYNTHESIS: assertions and their helpers, not the design
    for n, line in enumerate(lines):
        st = line.strip()
        if st.startswith("`ifndef SYNTHESIS") or (depth and st.startswith("`if")):
            depth += 1
        elif depth and st.startswith("`endif"):
            depth -= 1
        code = split_comment(line)[0]
        starts = not proc and re.search(r"\b(always_ff|always_comb|always_latch|always|initial|final|function|task)\b", code)
        if starts:
            proc, blocks, opened = (starts.group(1) if starts.group(1) in ("function", "task") else "block"), 0, False
        here = bool(proc) and not starts
        if proc == "block":
            b = len(re.findall(r"\bbegin\b", code))
            blocks += b - len(re.findall(r"\bend\b", code))
            opened |= b > 0
            if (opened and blocks <= 0) or (not opened and code.rstrip().endswith(";")):
                proc = None
        elif proc and re.search(rf"\bend{proc}\b", code):
            proc, here = None, False
        if depth or "sva_" in line or "test_fault" in line:
            continue
        for kind, what, data in line_candidates(line, here):
            out.append(Mutant(block, rel, n + 1, kind, what, data, line))
    return out


def select(blocks, count, seed):
    """The sampled mutants, numbered from 1 in block and file order."""
    chosen = []
    for b in blocks:
        for rel in BLOCKS[b]["files"]:
            cands = file_candidates(b, rel)
            if count and len(cands) > count:
                rng = random.Random(f"{seed}:{rel}")
                picked = sorted(rng.sample(range(len(cands)), count))
                cands = [cands[i] for i in picked]
            chosen += cands
    for i, m in enumerate(chosen):
        m.id = i + 1
    return chosen


def schemata(rel, mutants):
    """The text of file rel with its mutants compiled in on sb_mut_id."""
    lines = open(os.path.join(ROOT, rel)).read().split("\n")
    by_line = {}
    for m in mutants:
        by_line.setdefault(m.lineno - 1, []).append(m)
    out = list(lines)
    for idx, ms in by_line.items():
        line = lines[idx]
        code, comment = split_comment(line)
        ind = re.match(r"\s*", code).group(0)
        kind = ms[0].kind
        if kind == "stmt":
            pre = " ".join(f"if (sb_mut_id == {m.id}) {m.data} else" for m in ms)
            out[idx] = f"{ind}{pre}\n{line}"
        elif kind == "assign":
            mm = re.match(r"(\s*assign\s+)([^=]+?)(\s*=\s*)(.+);\s*$", code)
            rhs = mm.group(4)
            sel = " ".join(f"(sb_mut_id == {m.id}) ? ({m.data}) :" for m in ms)
            out[idx] = f"{mm.group(1)}{mm.group(2)}{mm.group(3)}{sel} ({rhs}); {comment}".rstrip()
        else:
            a, b, _ = ms[0].data
            cond = code[a:b]
            sel = " ".join(f"(sb_mut_id == {m.id}) ? ({m.data[2]}) :" for m in ms)
            out[idx] = f"{code[:a]}{sel} ({cond}){code[b:]}{comment}"
    # sb_mut_id: read once, at time 0, from the environment.
    end = module_header_end(lines)
    decl = ('  int sb_mut_id;  // scripts/mutate.py: the mutant to enable (SB_MUTANT, 0 = none)\n'
            '  initial sb_mut_id = $c32("[]{ const char* e = std::getenv(\\"SB_MUTANT\\"); '
            'return e ? std::atoi(e) : 0; }()");')
    out[end] = out[end] + "\n" + decl
    return "\n".join(out)


def single(rel, m):
    """The text of file rel with only mutant m applied (for the lint stage)."""
    lines = open(os.path.join(ROOT, rel)).read().split("\n")
    line = lines[m.lineno - 1]
    code, comment = split_comment(line)
    ind = re.match(r"\s*", code).group(0)
    if m.kind == "stmt":
        # A dropped statement becomes the null statement, so that an `if (c)`
        # on the line before still has its statement.
        lines[m.lineno - 1] = ind + (";" if m.data == "begin end" else m.data)
    elif m.kind == "assign":
        mm = re.match(r"(\s*assign\s+)([^=]+?)(\s*=\s*)(.+);\s*$", code)
        lines[m.lineno - 1] = f"{mm.group(1)}{mm.group(2)}{mm.group(3)}{m.data};"
    else:
        a, b, e = m.data
        lines[m.lineno - 1] = code[:a] + e + code[b:] + comment
    return "\n".join(lines)


def lint_commands(build):
    """The default suite's lint tests: [(name, command)]."""
    r = subprocess.run(["ctest", "--test-dir", build, "--show-only=json-v1", "-R", "^lint_"],
                       capture_output=True, text=True, check=True)
    return [(t["name"], t["command"]) for t in json.loads(r.stdout)["tests"] if "command" in t]


def lint_kills(m, lints, src, tmp):
    """The lint test (of the default suite) that fails with mutant m alone
    applied to the real RTL, or None. A mutant that only lint can see (a
    latch from a dropped default assignment, a width mismatch) behaves like
    the original in every simulation."""
    path = os.path.join(tmp, f"mutant_{m.id}", os.path.basename(m.file))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(single(m.file, m))
    for name, cmd in lints:
        if not any(a.endswith("/" + m.file) for a in cmd):
            continue
        # The lint of the real files, this one file mutated.
        argv = [path if a.endswith("/" + m.file) else
                (os.path.join(ROOT, os.path.relpath(a, src)) if a.startswith(src + "/") else a) for a in cmd]
        if subprocess.run(argv, capture_output=True).returncode != 0:
            return name
    return None


def load_equivalent():
    path = os.path.join(ROOT, EQUIVALENT_FILE)
    if not os.path.exists(path):
        return {}
    data = yaml.safe_load(open(path)) or []
    eq = {}
    for i, e in enumerate(data):
        for k in ("file", "line", "mutation", "reason"):
            if k not in e:
                sys.exit(f"mutate.py: {EQUIVALENT_FILE}: entry {i + 1}: missing '{k}'")
        eq[(e["file"], e["line"].strip(), e["mutation"])] = e["reason"]
    return eq


def write_if_changed(path, text):
    if os.path.exists(path) and open(path, "rb").read() == text:
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text)
    return True


def sync_tree(src_dir, mutants):
    """DIR/src = the tracked files, with the schemata in place of the
    mutated RTL files. Only changed files are written."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    by_file = {}
    for m in mutants:
        by_file.setdefault(m.file, []).append(m)
    changed = 0
    for rel in filter(None, files):
        p = os.path.join(ROOT, rel)
        if not os.path.isfile(p):
            continue
        if rel in by_file:
            text = schemata(rel, by_file[rel]).encode()
        else:
            text = open(p, "rb").read()
        if write_if_changed(os.path.join(src_dir, rel), text):
            changed += 1
            if os.access(p, os.X_OK):
                os.chmod(os.path.join(src_dir, rel), 0o755)
    return changed


def ctest_escape(name):
    return re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", name)


def list_tests(build, regex):
    r = subprocess.run(["ctest", "--test-dir", build, "-N", "-LE", "long", "-R", regex],
                       capture_output=True, text=True)
    return [m.group(1) for m in re.finditer(r"^\s*Test\s+#\d+: (.+)$", r.stdout, re.M)]


def run_test(build, name, mutant, timeout):
    env = dict(os.environ, SB_MUTANT=str(mutant))
    t0 = time.time()
    try:
        r = subprocess.run(["ctest", "--test-dir", build, "-R", f"^{ctest_escape(name)}$",
                            "--timeout", str(int(timeout))],
                           env=env, capture_output=True, text=True, timeout=timeout + 60)
        ok = r.returncode == 0 and "100% tests passed" in r.stdout
    except subprocess.TimeoutExpired:
        ok = False
    return ok, time.time() - t0


def cmd_list(args):
    ms = select(args.block, args.count, args.seed)
    for m in ms:
        print(f"{m.id:4d} {m.block:8s} {m.show()}")
    per = {}
    for m in ms:
        per[m.block] = per.get(m.block, 0) + 1
    print("mutants: " + ", ".join(f"{b} {n}" for b, n in per.items()))


def cmd_run(args):
    ms = select(args.block, args.count, args.seed)
    eq = load_equivalent()
    bdir = os.path.abspath(args.build_dir)
    src, build = os.path.join(bdir, "src"), os.path.join(bdir, "build")
    t0 = time.time()
    changed = sync_tree(src, ms)
    print(f"mutate: {len(ms)} mutants in {len(set(m.file for m in ms))} files; {changed} files written to {src}",
          flush=True)
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        r = subprocess.run(["cmake", "-S", src, "-B", build, "-DCMAKE_BUILD_TYPE=Release"])
        if r.returncode:
            print("mutate: configure failed", file=sys.stderr)
            return 2
    r = subprocess.run(["cmake", "--build", build, "-j", str(args.jobs), "--target", "skybench", "test_ls_port", "test_telemetry"])
    if r.returncode:
        print("mutate: the schemata build failed (a mutation rule made invalid SystemVerilog?)", file=sys.stderr)
        return 2
    # Re-run the configure so that the Catch2 test lists are discovered.
    subprocess.run(["cmake", build], capture_output=True)
    tbuild = time.time() - t0
    print(f"mutate: build {tbuild:.0f} s", flush=True)

    results = {}
    lints = lint_commands(build)
    for b in args.block:
        tests = list_tests(build, BLOCKS[b]["tests"])
        if not tests:
            print(f"mutate: block {b}: no tests match {BLOCKS[b]['tests']}", file=sys.stderr)
            return 2
        # The original design must pass; its times order the tests.
        base = {}
        for t in tests:
            ok, dt = run_test(build, t, 0, 1800)
            if not ok:
                print(f"mutate: block {b}: test '{t}' fails on the original design", file=sys.stderr)
                return 2
            base[t] = dt
        order = sorted(tests, key=lambda t: base[t])
        bm = [m for m in ms if m.block == b]
        print(f"mutate: block {b}: {len(bm)} mutants, {len(tests)} tests ({sum(base.values()):.0f} s on the original)",
              flush=True)
        rows = []
        from concurrent.futures import ThreadPoolExecutor

        def one(m):
            t1 = time.time()
            for t in order:
                ok, _ = run_test(build, t, m.id, max(60, 5 * base[t]))
                if not ok:
                    return dict(id=m.id, mutant=m.show(), status="killed", by=t, seconds=round(time.time() - t1, 1))
            by = lint_kills(m, lints, src, bdir)
            if by:
                return dict(id=m.id, mutant=m.show(), status="lint", by=by, seconds=round(time.time() - t1, 1))
            return dict(id=m.id, mutant=m.show(), status="survived", key=list(m.key()),
                        seconds=round(time.time() - t1, 1))

        # One mutant at a time: a CLI test writes to its own fixed output
        # folder, so two mutants running the same test at once would clash.
        with ThreadPoolExecutor(max_workers=1) as ex:
            for row in ex.map(one, bm):
                rows.append(row)
                tag = row["status"] + (f" by {row['by']}" if row["status"] in ("killed", "lint") else "")
                print(f"  {row['id']:4d} {tag:60s} {row['mutant']}", flush=True)
        results[b] = dict(tests=len(tests), rows=rows)
    ok_all = summarize(results, eq, args)
    print(f"mutate: {time.time() - t0:.0f} s in all")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(seed=args.seed, count=args.count, results=results), f, indent=1)
    return 0 if ok_all else 1


def summarize(results, eq, args):
    """Print the score table and the survivors; a survivor listed in the
    equivalents file counts as equivalent. True when every block reaches
    the target."""
    ok_all = True
    print(f"\nmutation score (seed {args.seed}, {args.count or 'all'} per file; target {args.target:.0f} %)")
    print(f"{'block':8s} {'mutants':>7s} {'killed':>6s} {'lint':>4s} {'equiv':>5s} {'survived':>8s} {'score':>6s}")
    survivors = []
    for b, r in results.items():
        rows = r["rows"]
        for row in rows:
            if row["status"] in ("survived", "equivalent"):
                if "key" in row:
                    k = tuple(row["key"])
                else:  # a JSON written before rows kept their key: from "file:line: what: text"
                    f, _, what, text = row["mutant"].split(": ", 1)[0].split(":")[0], 0, *row["mutant"].split(": ", 2)[1:]
                    k = (f, text.strip(), what)
                row["status"] = "equivalent" if k in eq else "survived"
                row["reason"] = eq.get(k)
        n = {st: sum(row["status"] == st for row in rows) for st in ("killed", "lint", "equivalent", "survived")}
        denom = len(rows) - n["equivalent"] - n["lint"]
        score = 100.0 * n["killed"] / denom if denom else 100.0
        r.update(mutants=len(rows), score=round(score, 1), **n)
        ok_all &= score >= args.target
        print(f"{b:8s} {len(rows):7d} {n['killed']:6d} {n['lint']:4d} {n['equivalent']:5d} {n['survived']:8d}"
              f" {score:5.1f}%")
        survivors += [(b, row) for row in rows if row["status"] == "survived"]
    for b, row in survivors:
        print(f"survivor {b}: {row['mutant']}")
    return ok_all


def cmd_score(args):
    data = json.load(open(args.json))
    args.seed, args.count = data["seed"], data["count"]
    return 0 if summarize(data["results"], load_equivalent(), args) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("score", help="the table again from a run's --json, with the current equivalents file")
    sp.add_argument("json")
    sp.add_argument("--target", type=float, default=90.0)
    for name in ("list", "run"):
        p = sub.add_parser(name)
        p.add_argument("--block", action="append", choices=sorted(BLOCKS))
        p.add_argument("--count", type=int, default=20, help="mutants per file (0: all; default 20)")
        p.add_argument("--seed", type=int, default=1)
        if name == "run":
            p.add_argument("--jobs", type=int, default=2, help="build jobs (the tests run one mutant at a time)")
            p.add_argument("--build-dir", default=os.path.join(ROOT, "build-mutate"))
            p.add_argument("--json")
            p.add_argument("--target", type=float, default=90.0)
    args = ap.parse_args()
    if args.cmd == "score":
        return cmd_score(args)
    if not args.block:
        args.block = list(BLOCKS)
    if args.count < 0:
        ap.error("--count must be >= 0")
    return cmd_list(args) if args.cmd == "list" else cmd_run(args)


if __name__ == "__main__":
    sys.exit(main())
