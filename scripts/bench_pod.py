#!/usr/bin/env python3
"""Pod simulation speed benchmark (prints figures, asserts nothing).

Runs sim-configs/default.yaml (uniform, load 0.7) with every block the
SystemC model, with the crossbar in lockstep (the main job), with each other
block in lockstep in turn, with all four in lockstep, and (with --chip, for
a port count that has a switch RTL build) the whole switch chip as RTL and in
lockstep at its pins, for N endpoints.
Prints simulated cycles per second, delivered flits per second, transactions
per second and peak RSS.
Usage: scripts/bench_pod.py [--ports N] [--cycles N] [--chip] [--out FILE]
"""
import argparse

from sb_runs import emit, run

PLANS = [
    ("all model", {}),
    ("xbar lockstep (main job)", {"impl.xbar": "lockstep"}),
    ("llr lockstep", {"impl.llr": "lockstep"}),
    ("flow control lockstep", {"impl.flow_control": "lockstep"}),
    ("ls_port lockstep", {"impl.ls_port": "lockstep"}),
    ("all lockstep", {"impl.xbar": "lockstep", "impl.llr": "lockstep", "impl.flow_control": "lockstep",
                      "impl.ls_port": "lockstep"}),
]
CHIP_PLANS = [
    ("switch chip rtl", {"impl.switch": "rtl"}),
    ("switch chip lockstep", {"impl.switch": "lockstep"}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ports", type=int, default=16)
    ap.add_argument("--cycles", type=int, default=50000)
    ap.add_argument("--chip", action="store_true", help="also the switch chip as RTL and in lockstep")
    ap.add_argument("--out")
    a = ap.parse_args()
    lines = [f"Pod, {a.ports} endpoints, uniform load 0.7, {a.cycles} cycles of traffic (then the drain).", "",
             "| blocks | cycles | wall s | cycles/s | flits/s | transactions/s | peak RSS MB | verdict |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, sets in PLANS + (CHIP_PLANS if a.chip else []):
        s = {"impl.xbar": "model", "switch.ports": a.ports, "run.warmup_cycles": a.cycles // 10}
        s.update(sets)
        r, _ = run("sim-configs/default.yaml", s, cycles=a.cycles)
        sim = r["sim"]
        tps = r["checks"]["lossless"]["delivered"] / sim["wall_s"] if sim["wall_s"] > 0 else 0
        lines.append(f"| {name} | {sim['cycles']} | {sim['wall_s']:.2f} | {sim['cycles_per_s']:,.0f} | "
                     f"{sim['flits_per_s']:,.0f} | {tps:,.0f} | {sim['peak_rss_mb']:.1f} | {r['verdict']} |")
        print(lines[-1], flush=True)
    emit(lines, a.out)


if __name__ == "__main__":
    main()
