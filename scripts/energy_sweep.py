#!/usr/bin/python3
"""The energy model over load, flit error rate and framing (docs/energy.md "Sweep").

    energy_sweep.py [--skybench build/skybench] [--config sim-configs/default.yaml]
                    [--out out/energy-sweep] [--ports 8] [--cycles 20000]
                    [--loads 0.1,0.3,0.5,0.7,0.9] [--fer 0,1e-4,1e-3,1e-2]
                    [--framings ideal,ethernet] [-j 2] [--png FILE] [--md FILE]

Runs `skybench run` once per (framing, flit error rate, load) with the
crossbar model (impl.xbar=model) and a wide latency budget, reads each
report.json's `energy`, and writes OUT/energy_sweep.csv, a Markdown table
(--md, default OUT/energy_sweep.md) and a plot (--png, default
OUT/energy_sweep.png): pJ per delivered payload bit and W per switch against
the load. A run's transactions that timed out (overload: the offered load
beyond what a replaying link carries) are a column of the table; exit 1 if a
run does not drain.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys

FIELDS = ["framing", "flit_error_rate", "load", "accepted", "replayed_flits", "lost", "joules", "avg_w_per_link",
          "avg_w_per_switch", "pj_per_payload_bit", "serdes_j", "switch_buffer_j", "crossbar_j", "llr_j", "idle_j"]


def run_one(a, framing, fer, load):
    name = f"{framing}_fer{fer:g}_load{load:g}"
    out = os.path.join(a.out, name)
    cmd = [a.skybench, "run", a.config, "--quiet", "--out", out,
           "--set", f"switch.ports={a.ports}", "--set", f"run.cycles={a.cycles}",
           "--set", f"run.warmup_cycles={a.cycles // 10}", "--set", "impl.xbar=model",
           "--set", f"traffic.load={load}", "--set", f"link.flit_error_rate={fer}",
           "--set", f"link.framing={framing}", "--set", "checks.latency_budget.budget_ns=1000000"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    with open(os.path.join(out, "report.json")) as f:
        r = json.load(f)
    e, b = r["energy"], r["energy"]["breakdown"]
    ok = r["checks"]["drain"]["pass"]
    row = {"framing": framing, "flit_error_rate": fer, "load": load, "accepted": r["throughput"]["accepted"],
           "replayed_flits": r["llr"]["replayed_flits"], "lost": r["checks"]["lossless"]["lost"], "joules": e["joules"], "avg_w_per_link": e["avg_w_per_link"],
           "avg_w_per_switch": e["avg_w_per_switch"], "pj_per_payload_bit": e["pj_per_payload_bit"]}
    for k in ("serdes_j", "switch_buffer_j", "crossbar_j", "llr_j", "idle_j"):
        row[k] = b[k]
    return row, ok, " ".join(cmd)


def markdown(rows, a):
    lines = [f"Pod of {a.ports} endpoints x 1 plane, {a.cycles} cycles, uniform load-store traffic, crossbar model.",
             "",
             "| framing | flit error rate | load | accepted | replayed flits | timed out | W per link | W per switch | pJ per payload bit |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        pj = "-" if r["pj_per_payload_bit"] is None else f"{r['pj_per_payload_bit']:.2f}"
        lines.append(f"| {r['framing']} | {r['flit_error_rate']:g} | {r['load']:g} | {r['accepted']:.3f} | "
                     f"{r['replayed_flits']} | {r['lost']} | {r['avg_w_per_link']:.2f} | {r['avg_w_per_switch']:.1f} | {pj} |")
    return "\n".join(lines) + "\n"


def plot(rows, a, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12.5, 4.4))
    styles = {"ideal": ("-", "o"), "ualink": (":", "s"), "ethernet": ("--", "^"), "afh": ("-.", "d")}
    colours = ["tab:blue", "tab:green", "tab:orange", "tab:red", "tab:purple", "tab:brown"]
    for framing in a.framings:
        for i, fer in enumerate(a.fer):
            pts = [r for r in rows if r["framing"] == framing and r["flit_error_rate"] == fer
                   and r["pj_per_payload_bit"] is not None]
            if not pts:
                continue
            ls, mk = styles.get(framing, ("-", "o"))
            kw = dict(linestyle=ls, marker=mk, color=colours[i % len(colours)], label=f"{framing}, FER {fer:g}")
            ax1.plot([r["load"] for r in pts], [r["pj_per_payload_bit"] for r in pts], **kw)
            ax2.plot([r["load"] for r in pts], [r["avg_w_per_switch"] for r in pts], **kw)
    ax1.set_xlabel("offered load (of each link's flit slots)")
    ax1.set_ylabel("pJ per delivered payload bit")
    ax1.set_yscale("log")
    ax1.grid(True, which="both", alpha=0.3)
    ax2.set_xlabel("offered load")
    ax2.set_ylabel(f"average W per switch ({a.ports} ports of 800G)")
    ax2.grid(True, alpha=0.3)
    ax2.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.suptitle("skybench energy model: pod of %d endpoints (scripts/energy_sweep.py)" % a.ports)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--skybench", default="build/skybench")
    p.add_argument("--config", default="sim-configs/default.yaml")
    p.add_argument("--out", default="out/energy-sweep")
    p.add_argument("--ports", type=int, default=8)
    p.add_argument("--cycles", type=int, default=20000)
    p.add_argument("--loads", default="0.1,0.3,0.5,0.7,0.9")
    p.add_argument("--fer", default="0,1e-4,1e-3,1e-2")
    p.add_argument("--framings", default="ideal,ethernet")
    p.add_argument("-j", type=int, default=2)
    p.add_argument("--png")
    p.add_argument("--md")
    a = p.parse_args()
    a.loads = [float(x) for x in a.loads.split(",")]
    a.fer = [float(x) for x in a.fer.split(",")]
    a.framings = a.framings.split(",")
    os.makedirs(a.out, exist_ok=True)
    jobs = [(f, e, l) for f in a.framings for e in a.fer for l in a.loads]
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.j) as ex:
        results = list(ex.map(lambda j: run_one(a, *j), jobs))
    rows = [r for r, _, _ in results]
    bad = [cmd for _, ok, cmd in results if not ok]
    with open(os.path.join(a.out, "energy_sweep.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(rows)
    md = markdown(rows, a)
    with open(a.md or os.path.join(a.out, "energy_sweep.md"), "w") as f:
        f.write(md)
    plot(rows, a, a.png or os.path.join(a.out, "energy_sweep.png"))
    sys.stdout.write(md)
    for cmd in bad:
        print(f"energy_sweep: the run did not drain: {cmd}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
