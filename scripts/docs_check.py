#!/usr/bin/env python3
"""Docs that cannot drift: check what the Markdown docs point at.

    docs_check.py --root REPO --skybench EXE [FILE.md ...]

FILEs default to REPO/README.md and REPO/docs/*.md. Reported, one line each
(`FILE:LINE: KIND: ...`), exit 1 if any:

  link     a relative link [text](target) whose file does not exist, leaves the
           repository, or whose #anchor is no heading of the target (GitHub's
           heading ids); http(s) and mailto links are not followed
  section  a section named in prose, `docs/X.md "Title"` or `README "Title"`
           (also `the README's "Title"`), that is no heading of that doc (a
           heading - or a paragraph's bold lead, `**Title.**` - equal to the
           title or starting with it and a space or colon)
  path     a repository path the text names (in backticks or plain) that does
           not exist; a path counts when its first part is a top-level entry of
           the repository (src/, verif/, scripts/, sim-configs/, CMakeLists.txt,
           ...); `<placeholder>`, `*` and `{a,b}` parts match as globs; a line
           number (`file.cpp:120`) is dropped
  key      the first cell of a table row that is a dotted config key
           (`llr.replay_depth`, `classes.<n>.lossless`, `xbar.*`) and is no key
           of `EXE config --list`; a row counts when its first dotted segment is
           a section of the config schema and the table's header names a key or
           a parameter (tables of report fields are not config tables)
  outside  a file outside the repository: /work/, /root/, /home/ anywhere, a
           ../ path that leaves the repository, or /tmp/ outside a fenced code
           block (example commands may write scratch output to /tmp/); system
           locations (/usr/, /etc/, /proc/, /dev/, /opt/) are allowed

Exit 0 when nothing is reported, 2 on bad usage.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

# Output locations the docs name on purpose: not files of the repository. Each
# entry is a first path component. (Generated files - `autogen/sb_types.h`, the
# build's tests/cli/ci_tests.cmake - are named under build/ or by a first part
# that is no top-level entry of the repository, so they are not checked.)
OUTPUT_PREFIXES = (
    "build",       # the default build folder (build/skybench, build/test-out/...)
    "build-cov",   # the coverage build (docs/regressions.md "Coverage"); any build-*/ is skipped too
    "out",         # run and regression output (`--out out/...`)
    "runs",        # scripts/sb_runs.py output
    "test-out",    # CTest run folders inside the build
)
# Table header words that mark a table of config keys (first column).
KEY_HEADERS = ("key", "setting", "knob", "config", "parameter", "option")

LINK_RE = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
PART = r"(?:[A-Za-z0-9_.+-]|<[^<>/\s]+>|\*|\{[^{}/\s]+\})+"
PATH_RE = re.compile(r"(?<![\w./<>{}*-])((?:\.\./)*" + PART + r"(?:/" + PART + r")+/?)")
OUTSIDE_RE = re.compile(r"(?<![\w.~-])(/(?:work|root|home|tmp)/[^\s`'\")\]]*)")
# A section named in prose: docs/verification.md "Formal", the README's "Reading a report".
SECTION_RE = re.compile(r"(?:([\w./-]+\.md)|\b(README)(?:\.md)?(?:'s|\u2019s)?),?\s+\"([^\"]+)\"")
KEY_RE = re.compile(r"^`?([a-z_][a-z0-9_]*(?:\.(?:[a-z0-9_]+|<[a-z_]+>|\*))+)`?$")


def slug(heading):
    """GitHub's id of a heading: lower case, punctuation dropped, spaces to -."""
    h = re.sub(r"`", "", heading.strip().lower())
    h = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", h)
    h = re.sub(r"[^\w\- ]", "", h)
    return h.replace(" ", "-")


def headings_of(path, cache={}):
    """(text, is_heading) of every heading and bold paragraph lead, in order."""
    if path not in cache:
        in_code, hs = False, []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.lstrip().startswith("```"):
                    in_code = not in_code
                if in_code:
                    continue
                m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    hs.append((m.group(1), True))
                b = re.match(r"\s*(?:- )?\*\*([^*]+?)\.?\*\*", line)
                if b:  # a paragraph's bold lead, **One source of truth.**, names a section too
                    hs.append((b.group(1), False))
        cache[path] = hs
    return cache[path]


def section_titles(path):
    return [t.replace("`", "") for t, _ in headings_of(path)]


def anchors_of(path):
    """GitHub's ids of the headings: a repeated slug gets -1, -2, ..."""
    ids, seen = set(), {}
    for text, is_heading in headings_of(path):
        if is_heading:
            s = slug(text)
            n = seen.get(s, 0)
            seen[s] = n + 1
            ids.add(s if n == 0 else f"{s}-{n}")
    return ids


def schema_keys(exe):
    try:
        out = subprocess.run([exe, "config", "--list"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.stderr.write(f"docs_check.py: cannot list the config schema with {exe} config --list: {e}\n")
        sys.exit(2)
    keys = set()
    for line in out.splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|", line)
        if m:
            keys.add(m.group(1))
    if not keys:
        sys.stderr.write(f"docs_check.py: {exe} config --list listed no keys\n")
        sys.exit(2)
    return keys


def key_known(key, keys):
    rx = "^" + re.escape(key).replace(r"\*", ".+") + "$"
    rx = re.sub(r"<[a-z_]+>", "[^.]+", rx)
    return any(re.match(rx, k) for k in keys)


def table_cells(line):
    s = line.strip()
    if not s.startswith("|"):
        return None
    return [c.strip() for c in s.strip("|").split("|")]


def inside(root, p):
    root = os.path.realpath(root)
    p = os.path.realpath(p)
    return p == root or p.startswith(root + os.sep)


class Checker:
    def __init__(self, root, keys):
        self.root = os.path.realpath(root)
        self.keys = keys
        self.sections = {k.split(".")[0] for k in keys}
        self.top = set(os.listdir(self.root)) - {".git"} - set(OUTPUT_PREFIXES)
        self.problems = []
        self.checked = {"link": 0, "section": 0, "path": 0, "key": 0}

    def report(self, file, lineno, kind, msg):
        self.problems.append(f"{os.path.relpath(file, self.root) if inside(self.root, file) else file}:{lineno}: {kind}: {msg}")

    def exists_glob(self, rel):
        rel = rel.rstrip("/")
        pattern = re.sub(r"<[^<>/]+>", "*", rel)
        if "{" in pattern:  # {a,b}: each alternative
            m = re.search(r"\{([^{}]*)\}", pattern)
            return any(self.exists_glob(pattern[:m.start()] + alt + pattern[m.end():]) for alt in m.group(1).split(","))
        if "*" in pattern:
            return bool(glob.glob(os.path.join(self.root, pattern)))
        return os.path.exists(os.path.join(self.root, pattern))

    def check_link(self, file, n, target):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            return
        path, _, anchor = target.partition("#")
        dest = os.path.normpath(os.path.join(os.path.dirname(file), path)) if path else file
        if not inside(self.root, dest):
            self.report(file, n, "outside", f"link ({target}) leaves the repository")
            return
        if not os.path.exists(dest):
            self.report(file, n, "link", f"({target}): no such file {os.path.relpath(dest, self.root)}")
            return
        self.checked["link"] += 1
        if anchor and dest.endswith(".md") and anchor not in anchors_of(dest):
            self.report(file, n, "link", f"({target}): no heading #{anchor} in {os.path.relpath(dest, self.root)}")

    def check_section(self, file, n, doc, title, readme):
        """`doc "Title"`: the doc has a heading that is the title or starts with it."""
        dest = os.path.join(self.root, "README.md") if readme else os.path.normpath(os.path.join(self.root, doc))
        if not readme and not os.path.exists(dest):
            dest = os.path.normpath(os.path.join(os.path.dirname(file), doc))
        if not os.path.isfile(dest) or not inside(self.root, dest):
            return  # the path check reports a missing file
        self.checked["section"] += 1
        if not any(h == title or h.startswith(title + " ") or h.startswith(title + ":") for h in section_titles(dest)):
            self.report(file, n, "section", f'{doc} "{title}": no such heading in {os.path.relpath(dest, self.root)}')

    def check_path(self, file, n, tok, code):
        tok = re.sub(r":[0-9]+(-[0-9]+)?$", "", tok).rstrip(".,:;")
        if tok.startswith("../"):
            if not inside(self.root, os.path.join(os.path.dirname(file), tok)):
                self.report(file, n, "outside", f"{tok} is outside the repository")
            return
        first = tok.split("/")[0]
        if first in OUTPUT_PREFIXES or first.startswith("build-"):
            return
        if first not in self.top:
            return
        self.checked["path"] += 1
        if not self.exists_glob(tok):
            self.report(file, n, "path", f"{tok}: no such file or folder in the repository")

    def check_file(self, file):
        with open(file, encoding="utf-8") as f:
            lines = f.read().split("\n")
        in_code = False
        key_table = False
        for n, line in enumerate(lines, 1):
            if line.lstrip().startswith("```"):
                in_code = not in_code
                continue
            for m in OUTSIDE_RE.finditer(line):
                if m.group(1).startswith("/tmp/") and in_code:
                    continue
                self.report(file, n, "outside", f"{m.group(1)} is outside the repository")
            links = list(LINK_RE.finditer(line)) if not in_code else []
            for m in links:
                self.check_link(file, n, m.group(2))
            if not in_code:
                for m in SECTION_RE.finditer(line):
                    self.check_section(file, n, m.group(1) or "README.md", m.group(3), bool(m.group(2)))
            text = LINK_RE.sub(lambda m: m.group(1), line) if links else line
            text = re.sub(r"https?://\S+", " ", text)
            for m in PATH_RE.finditer(text):
                self.check_path(file, n, m.group(1), in_code)
            cells = None if in_code else table_cells(line)
            if cells is None:
                key_table = False
                continue
            nxt = lines[n] if n < len(lines) else ""
            if re.match(r"^\s*\|?\s*:?-{3,}", nxt):  # a header row
                head = cells[0].lower().strip("` ")
                key_table = any(w in head for w in KEY_HEADERS) or bool(KEY_RE.match(cells[0]))
            elif re.match(r"^\s*\|?\s*:?-{3,}", line):
                continue
            if not key_table:
                continue
            first = re.findall(r"`([^`]+)`", cells[0]) or [cells[0]]
            for key in (m.group(1) for m in map(KEY_RE.match, first) if m):
                if key.split(".")[0] not in self.sections:
                    continue
                self.checked["key"] += 1
                if not key_known(key, self.keys):
                    self.report(file, n, "key", f"{key} is no key of the config schema (skybench config --list)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--skybench", required=True)
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or [os.path.join(a.root, "README.md")] + sorted(glob.glob(os.path.join(a.root, "docs", "*.md")))
    c = Checker(a.root, schema_keys(a.skybench))
    for f in files:
        c.check_file(os.path.abspath(f))
    for p in c.problems:
        print(p)
    counts = ", ".join(f"{v} {k}s" for k, v in c.checked.items())
    print(f"docs_check: {len(files)} files ({counts} checked), {len(c.problems)} problems")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
