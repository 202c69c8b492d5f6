#!/usr/bin/env python3
"""Load-store round trip versus offered load in the pod (sim-configs/default.yaml).

Runs the pod (all blocks the SystemC model by default) at a range of offered
loads for each traffic pattern asked for, and prints a markdown table: the
round trip p50 / p99 / p99.9 / max, the switch traversal p99.9, the accepted
throughput, whether the p99.9 <= 1000 ns budget holds and whether nothing was
lost. With --plot FILE.png also draws p50 and p99.9 versus load with the
budget line (python3-matplotlib).
Usage: scripts/pod_sweep.py [--loads 0.1,0.3,...] [--patterns uniform,hotspot]
                            [--cycles N] [--ports N] [--seed N] [--out FILE.md] [--plot FILE.png]
"""
import argparse

from sb_runs import emit, run

LOADS = [0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--loads", default=",".join(str(x) for x in LOADS))
    ap.add_argument("--patterns", default="uniform")
    ap.add_argument("--cycles", type=int, default=60000)
    ap.add_argument("--ports", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--plot")
    a = ap.parse_args()
    loads = [float(x) for x in a.loads.split(",")]
    lines = [f"Pod: {a.ports} endpoints, sim-configs/default.yaml (800G, 2 m, light FEC, switch pipeline 100 ns, "
             f"memory 100 ns, 256 tags), every block the SystemC model; {a.cycles} cycles, seed {a.seed}.",
             "",
             "| pattern | offered load | accepted | RTT p50 ns | p99 ns | p99.9 ns | max ns | switch p99.9 ns | budget p99.9 <= 1000 ns | lossless |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    curves = {}
    for pat in a.patterns.split(","):
        for load in loads:
            sets = {"impl.xbar": "model", "switch.ports": a.ports, "traffic.pattern": pat, "traffic.load": load,
                    "run.warmup_cycles": a.cycles // 10}
            r, _ = run("sim-configs/default.yaml", sets, cycles=a.cycles, seed=a.seed)
            rt = r["latency"]["load_store_rtt"]
            sw = r["latency"]["switch_traversal"]
            ck = r["checks"]
            lines.append(f"| {pat} | {load:.2f} | {r['throughput']['accepted']:.3f} | {rt['p50']:.1f} | {rt['p99']:.1f} | "
                         f"{rt['p999']:.1f} | {rt['max']:.1f} | {sw['p999']:.1f} | "
                         f"{'met' if ck['latency_budget']['pass'] else 'missed'} | "
                         f"{'yes' if ck['lossless']['pass'] else 'NO'} |")
            curves.setdefault(pat, []).append((load, rt["p50"], rt["p999"]))
    emit(lines, a.out)
    if a.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 4.2))
        for pat, pts in curves.items():
            ax.plot([p[0] for p in pts], [p[2] for p in pts], "o-", label=f"{pat} p99.9")
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "s--", label=f"{pat} p50")
        ax.axhline(1000, color="red", lw=1, label="budget 1000 ns")
        ax.set_xlabel("offered load (flits/cycle/link)")
        ax.set_ylabel("load-store round trip (ns)")
        ax.set_title(f"Pod, {a.ports} endpoints: round trip versus load")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(a.plot, dpi=110)


if __name__ == "__main__":
    main()
