#!/usr/bin/env python3
"""Switch chip simulation speed benchmark (prints figures, asserts nothing).

Runs sim-configs/switch.yaml (uniform load 0.7, 4-flit packets, flit errors
1e-4, PFC both directions, receive sides at 0.75 flits/cycle) with the chip as
the SystemC model, the Verilated sb_switch, and both in lockstep at the pins,
for each port count given. Sizes without a switch RTL build get model rows
only. SKYBENCH=path/to/skybench selects another build (one configured with
-DSKYBENCH_SWITCH_RTL_BUILDS="8;16", say).
Usage: scripts/bench_switch.py [--ports 4,8,16] [--cycles N] [--out FILE]
"""
import argparse
import subprocess

from sb_runs import emit, run, skybench_path


def rtl_builds():
    out = subprocess.run([skybench_path(), "info"], capture_output=True, text=True).stdout
    ports, section = set(), False
    for line in out.splitlines():
        if line.startswith("Verilated switch chip builds"):
            section = True
        elif not line.startswith("  "):
            section = False
        elif section and "ports=" in line:
            ports.add(int(line.split("ports=")[1].split()[0]))
    return ports


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ports", default="4,8,16")
    ap.add_argument("--cycles", type=int, default=20000)
    ap.add_argument("--out")
    a = ap.parse_args()
    builds = rtl_builds()
    lines = [f"Switch chip, sim-configs/switch.yaml, {a.cycles} cycles of traffic (then the drain).", "",
             "| ports | impl.switch | cycles | wall s | cycles/s | port-cycles/s | flits/s | peak RSS MB | verdict |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for n in [int(x) for x in a.ports.split(",")]:
        for impl in ("model", "rtl", "lockstep"):
            if impl != "model" and n not in builds:
                continue
            r, _ = run("sim-configs/switch.yaml", {"switch.ports": n, "impl.switch": impl,
                                                   "run.warmup_cycles": a.cycles // 10}, cycles=a.cycles)
            sim = r["sim"]
            lines.append(f"| {n} | {impl} | {sim['cycles']} | {sim['wall_s']:.2f} | {sim['cycles_per_s']:,.0f} | "
                         f"{sim['cycles_per_s'] * n:,.0f} | {sim['flits_per_s']:,.0f} | {sim['peak_rss_mb']:.1f} | "
                         f"{r['verdict']} |")
            print(lines[-1], flush=True)
    emit(lines, a.out)


if __name__ == "__main__":
    main()
