#!/usr/bin/env python3
"""Size limits of the simulator's own C++ (src/ and verif/): no file over
--max-file lines, no function body over --max-function lines.

Usage: check_code_size.py [--max-file N] [--max-function N] ROOT [DIR...]

A function is a brace block whose opening line ends a declarator (`) {`,
`) const {`, `) override {`, a constructor's initializer list), not a
namespace, class, struct, enum, lambda or control statement. Lines are
counted from the opening to the closing brace. Exit 0 when every file and
function is within the limits, 1 with one line per excess otherwise.
"""
import argparse
import os
import re
import sys

CONTROL = re.compile(r"\b(namespace|class|struct|union|enum|switch|for|while|if|else|do|try|catch)\b")
DECL_END = re.compile(r"\)\s*(const\s*)?(noexcept\s*)?(override\s*)?(final\s*)?(->\s*[^{]*)?\{\s*$")
INIT_LIST = re.compile(r"^\s*:\s*\w+[({]")


def strip(line):
    """The code of one line: no comments, no string or character literals."""
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split("//", 1)[0]


def functions(lines):
    """(first line, length, header) of every function body in the file."""
    code = [strip(l) for l in lines]
    stack, out = [], []
    in_block_comment = False
    for i, c in enumerate(code):
        if in_block_comment:
            if "*/" not in c:
                continue
            c = c.split("*/", 1)[1]
            in_block_comment = False
        if "/*" in c and "*/" not in c.split("/*", 1)[1]:
            c = c.split("/*", 1)[0]
            in_block_comment = True
        for ch in c:
            if ch == "{":
                head = c[: c.index("{") + 1] if c.count("{") == 1 else c
                is_fn = bool(DECL_END.search(head)) and not CONTROL.search(head) and "[" not in head.split("(")[0]
                # a constructor whose initializer list ends on this line
                if not is_fn and i > 0 and head.strip().startswith(":") is False and INIT_LIST.match(code[i]):
                    is_fn = True
                stack.append((i, is_fn, lines[i].strip()))
            elif ch == "}" and stack:
                start, is_fn, header = stack.pop()
                if is_fn:
                    out.append((start + 1, i - start + 1, header))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-file", type=int, default=600)
    ap.add_argument("--max-function", type=int, default=80)
    ap.add_argument("root")
    ap.add_argument("dirs", nargs="*", default=["src", "verif"])
    a = ap.parse_args()
    problems, files = [], 0
    for d in a.dirs:
        for base, _, names in os.walk(os.path.join(a.root, d)):
            for n in sorted(names):
                if not n.endswith((".cpp", ".h")):
                    continue
                path = os.path.join(base, n)
                rel = os.path.relpath(path, a.root)
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                files += 1
                if len(lines) > a.max_file:
                    problems.append(f"{rel}: {len(lines)} lines (limit {a.max_file})")
                for first, length, header in functions(lines):
                    if length > a.max_function:
                        problems.append(f"{rel}:{first}: function of {length} lines (limit {a.max_function}): {header[:80]}")
    for p in problems:
        print(f"check_code_size: {p}")
    print(f"check_code_size: {files} files, {len(problems)} over the limits")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
