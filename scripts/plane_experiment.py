#!/usr/bin/env python3
"""The collision experiment (docs/planes.md): how the endpoints' plane
selection (endpoint.plane_select: hash, spray, adaptive) spreads load-store
traffic over K switch planes. A 16-endpoint pod with K = 4 and 8 planes,
every block its SystemC model; traffic uniform, permutation (with 64 and with
4 address blocks per (source, target): many flows, few flows), all-to-all and
hotspot; loads 0.3 .. 0.95 of every link. Prints (and with --out writes) the
table: accepted throughput, round trip p50 / p99 / p99.9, the per-plane
utilisation spread (max / mean), verdict; with --plot, the figure.

A script that prints: it asserts nothing.
Usage: scripts/plane_experiment.py [--cycles N] [--planes 4 8] [--loads ...] [--out FILE] [--plot PNG]
       scripts/plane_experiment.py --replot TABLE.md --plot PNG    (the figure from a table written before)
The plot needs python3-matplotlib (/usr/bin/python3 on Debian).
"""
import argparse

from sb_runs import emit, run

TRAFFIC = [
    ("uniform", {"traffic.pattern": "uniform"}),
    ("permutation, 64 blocks", {"traffic.pattern": "permutation"}),
    ("permutation, 4 blocks", {"traffic.pattern": "permutation", "traffic.address_blocks": 4}),
    ("all-to-all", {"traffic.pattern": "all_to_all"}),
    ("hotspot", {"traffic.pattern": "hotspot"}),
]
POLICIES = ["hash", "spray", "adaptive"]


def one(planes, policy, traffic, load, cycles):
    s = {"pod.planes": planes, "endpoint.plane_select": policy, "traffic.load": load, "impl.xbar": "model",
         "run.warmup_cycles": cycles // 10}
    s.update(traffic)
    r, _ = run("sim-configs/default.yaml", s, cycles=cycles)
    rtt = r["latency"]["load_store_rtt"]
    return {"accepted": r["throughput"]["accepted"], "offered": r["throughput"]["offered"], "p50": rtt["p50"],
            "p99": rtt["p99"], "p999": rtt["p999"], "spread": r["planes"]["utilisation_spread"],
            "lossless": r["checks"]["lossless"]["pass"], "verdict": r["verdict"]}


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, len(TRAFFIC), figsize=(4 * len(TRAFFIC), 7), squeeze=False)
    for j, (tname, _) in enumerate(TRAFFIC):
        for policy in POLICIES:
            pts = [(x["load"], x) for x in rows if x["traffic"] == tname and x["policy"] == policy and x["planes"] == 4]
            loads = [p[0] for p in pts]
            axes[0][j].plot(loads, [p[1]["accepted"] for p in pts], marker="o", label=policy)
            axes[1][j].plot(loads, [p[1]["p99"] for p in pts], marker="o", label=policy)
        axes[0][j].set_title(f"{tname} (K = 4)")
        axes[0][j].set_ylabel("accepted flits/cycle/link")
        axes[1][j].set_ylabel("round trip p99 ns")
        axes[1][j].set_xlabel("offered load per link")
        axes[1][j].set_yscale("log")
        axes[0][j].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def read_table(path):
    rows = []
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 11 or not cells[0].isdigit():
            continue
        rows.append({"planes": int(cells[0]), "traffic": cells[1], "load": float(cells[2]), "policy": cells[3],
                     "accepted": float(cells[4]), "p99": float(cells[6])})
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replot")
    ap.add_argument("--cycles", type=int, default=8000)
    ap.add_argument("--planes", type=int, nargs="+", default=[4, 8])
    ap.add_argument("--loads", type=float, nargs="+", default=[0.3, 0.5, 0.7, 0.95])
    ap.add_argument("--out")
    ap.add_argument("--plot")
    a = ap.parse_args()
    if a.replot:
        return plot(read_table(a.replot), a.plot)
    rows = []
    lines = [f"16 endpoints, every block a model, {a.cycles} cycles of traffic per run (then the drain); "
             "round trips in ns; spread = max / mean of the planes' utilisation.", "",
             "| K | traffic | load | policy | accepted | p50 | p99 | p99.9 | spread | lossless | verdict |",
             "|---:|---|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for k in a.planes:
        for tname, t in TRAFFIC:
            for load in a.loads:
                for policy in POLICIES:
                    x = one(k, policy, t, load, a.cycles)
                    x.update({"planes": k, "traffic": tname, "load": load, "policy": policy})
                    rows.append(x)
                    lines.append(f"| {k} | {tname} | {load:.2f} | {policy} | {x['accepted']:.3f} | {x['p50']:.0f} | "
                                 f"{x['p99']:.0f} | {x['p999']:.0f} | {x['spread']:.3f} | "
                                 f"{'yes' if x['lossless'] else 'NO'} | {x['verdict']} |")
                    print(lines[-1], flush=True)
    emit(lines, a.out)
    if a.plot:
        plot(rows, a.plot)


if __name__ == "__main__":
    main()
