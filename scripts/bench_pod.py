#!/usr/bin/env python3
"""Pod simulation speed benchmark (prints figures, asserts nothing).

Runs sim-configs/default.yaml (uniform, load 0.7) with every block the
SystemC model, with the crossbar in lockstep (the main job), with each other
block in lockstep in turn, with all four in lockstep, and (with --chip, for
a port count that has a switch RTL build) the whole switch chip as RTL and in
lockstep at its pins, for N endpoints.
Prints simulated cycles per second, delivered flits per second, transactions
per second and peak RSS.
With --planes: the pods with planes instead, every block a model, load 0.5
(16 x 1, 16 x 4, the NVL72 72 x 18 and the UALink-style 128 x 4 configs):
cycles/s, endpoint-link-cycles/s (endpoints x planes x cycles / wall s),
flits/s, peak RSS.
Usage: scripts/bench_pod.py [--ports N] [--cycles N] [--chip] [--planes] [--out FILE]
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


PLANE_PLANS = [
    ("16 x 1", "sim-configs/default.yaml", {"switch.ports": 16, "pod.planes": 1}),
    ("16 x 4", "sim-configs/default.yaml", {"switch.ports": 16, "pod.planes": 4}),
    ("128 x 4 (pod-ualink-128x4)", "sim-configs/pod-ualink-128x4.yaml", {}),
    ("72 x 18 (pod-nvl72)", "sim-configs/pod-nvl72.yaml", {}),
]


def planes(a):
    lines = [f"Pods with planes, every block a model, uniform load 0.5, {a.cycles} cycles of traffic (then the drain).", "",
             "| pod (endpoints x planes) | cycles | wall s | cycles/s | endpoint-link-cycles/s | flits/s | peak RSS MB | verdict |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, cfg, sets in PLANE_PLANS:
        s = {"impl.xbar": "model", "traffic.load": 0.5, "run.warmup_cycles": a.cycles // 10}
        s.update(sets)
        r, _ = run(cfg, s, cycles=a.cycles)
        sim = r["sim"]
        lines.append(f"| {name} | {sim['cycles']} | {sim['wall_s']:.2f} | {sim['cycles_per_s']:,.0f} | "
                     f"{sim['endpoint_link_cycles_per_s']:,.0f} | {sim['flits_per_s']:,.0f} | {sim['peak_rss_mb']:.1f} | "
                     f"{r['verdict']} |")
        print(lines[-1], flush=True)
    emit(lines, a.out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ports", type=int, default=16)
    ap.add_argument("--cycles", type=int, default=50000)
    ap.add_argument("--chip", action="store_true", help="also the switch chip as RTL and in lockstep")
    ap.add_argument("--planes", action="store_true", help="the pods with planes (every block a model) instead")
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.planes:
        return planes(a)
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
