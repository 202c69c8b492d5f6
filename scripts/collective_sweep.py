#!/usr/bin/env python3
"""All-reduce against message size on the 16-endpoint pod (docs/collectives.md).

Runs two `skybench sweep`s of sim-configs/allreduce.yaml over
collective.message_bytes 4 KiB .. 64 MiB: the ring and the direct (one-shot
reduce-scatter + all-gather) algorithms, and the switch's reduction units
(collective.algorithm in_switch, switch.reduction on). Messages above
collective.sample_max_bytes (4 MiB) are sampled: simulated at 2 and 4 MiB and
extrapolated. Then prints a markdown table (completion, algbw, busbw in
GB/s as nccl-tests prints them, the ideal time on the links, the in-switch
savings) and draws the busbw and completion plot.

Usage: scripts/collective_sweep.py [--skybench build/skybench] [--out out/sweep]
                                   [--png docs/collectives-sweep.png] [--sizes a,b,...]
`skybench report OUT/allreduce` draws each sweep's own plots too.
"""
import argparse
import json
import os
import subprocess
import sys

SIZES = [4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]


def sweep(skybench, out, extra, sizes, algos=None):
    cmd = [skybench, "sweep", "sim-configs/allreduce.yaml", "--param",
           "collective.message_bytes=" + ",".join(str(s) for s in sizes), "--out", out, "-j2"] + extra
    if algos:
        cmd += ["--param", "collective.algorithm=" + ",".join(algos)]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
        sys.exit(f"collective_sweep: {' '.join(cmd)} failed")
    with open(os.path.join(out, "sweep.json")) as f:
        return json.load(f)["rows"]


def fmt_size(b):
    return f"{b >> 20} MiB" if b >= 1 << 20 else f"{b >> 10} KiB"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skybench", default="build/skybench")
    ap.add_argument("--out", default="out/sweep")
    ap.add_argument("--png", default="docs/collectives-sweep.png")
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    rows = sweep(a.skybench, os.path.join(a.out, "allreduce"), [], sizes, ["ring", "direct"])
    rows += sweep(a.skybench, os.path.join(a.out, "allreduce_in_switch"),
                  ["--set", "switch.reduction=on", "--set", "collective.algorithm=in_switch"], sizes)
    res = {}  # (algorithm, size) -> collective
    for r in rows:
        c = r.get("collective") or {}
        if r.get("verdict") != "pass":
            sys.exit(f"collective_sweep: job {r.get('job')} did not pass")
        res[(c["algorithm"], c["message_bytes"])] = c
    algos = ["ring", "direct", "in_switch"]
    print("| size per rank | " + " | ".join(f"{x} us (busbw GB/s)" for x in algos) +
          " | ideal ring / in_switch us | in_switch vs ring |")
    print("|---|" + "---|" * (len(algos) + 2))
    for s in sizes:
        cells = []
        for x in algos:
            c = res[(x, s)]
            cells.append(f"{c['completion_ns'] / 1000:.2f} ({c['busbw_gbps']:.1f})")
        ring, ins = res[("ring", s)], res[("in_switch", s)]
        print(f"| {fmt_size(s)} | " + " | ".join(cells) +
              f" | {ring['ideal_ns'] / 1000:.2f} / {ins['ideal_ns'] / 1000:.2f}"
              f" | {ring['completion_ns'] / ins['completion_ns']:.2f}x faster |")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for n, x in enumerate(algos):
        ax1.plot(sizes, [res[(x, s)]["busbw_gbps"] for s in sizes], "o-", color=f"C{n}", label=x)
        ax2.plot(sizes, [res[(x, s)]["completion_ns"] / 1000 for s in sizes], "o-", color=f"C{n}", label=x)
        if x != "direct":
            ax2.plot(sizes, [res[(x, s)]["ideal_ns"] / 1000 for s in sizes], ":", color=f"C{n}", label=f"{x} ideal")
    ax1.axhline(100, color="grey", linestyle=":", label="link 100 GB/s")
    for ax in (ax1, ax2):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("message size per rank (B)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    ax1.set_ylabel("busbw (GB/s, nccl-tests)")
    ax1.set_title("all-reduce, 16 ranks, 800G links")
    ax2.set_yscale("log")
    ax2.set_ylabel("completion (us)")
    ax2.set_title("completion time (dotted: payload at line rate)")
    fig.tight_layout()
    fig.savefig(a.png, dpi=110)
    print(f"\nplot: {a.png}")


if __name__ == "__main__":
    main()
