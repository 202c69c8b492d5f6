"""Shared helpers for the scripts that drive build/skybench (Debian python3 only)."""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def skybench_path():
    # SKYBENCH names another build's binary (e.g. one configured with more RTL sizes).
    p = os.environ.get("SKYBENCH") or os.path.join(ROOT, "build", "skybench")
    if not os.path.exists(p):
        sys.exit(f"{p} not found: build first (bash scripts/setup.sh build)")
    return p


def run(config, sets, cycles=None, seed=None, keep_dir=None):
    """Runs one simulation and returns its report (dict) and exit status."""
    out = keep_dir or tempfile.mkdtemp(prefix="skybench-")
    cmd = [skybench_path(), "run", os.path.join(ROOT, config), "--out", out, "--quiet"]
    for k, v in sets.items():
        cmd += ["--set", f"{k}={v}"]
    if cycles is not None:
        cmd += ["--cycles", str(cycles)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if rc.returncode == 2:
        sys.exit(f"skybench refused {' '.join(cmd)}:\n{rc.stderr}")
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    return report, rc.returncode


def emit(lines, out=None):
    """Prints the markdown lines, and writes them to `out` when given."""
    text = "\n".join(lines) + "\n"
    if out:
        with open(out, "w") as f:
            f.write(text)
    print(text)
