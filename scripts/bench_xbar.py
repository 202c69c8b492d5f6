#!/usr/bin/env python3
"""Crossbar simulation speed benchmark (a benchmark: it prints figures, it
asserts nothing). For the SystemC model alone (N = 16, 32, 64, 128, 256), the Verilated
RTL alone and model + RTL in lockstep (the RTL builds compiled in), at loads
0.1 / 0.5 / 0.9, uniform traffic, 1-flit packets, VOQ + iSLIP (1 iteration),
all checkers on (scoreboard, latency histograms; the comparator in lockstep).

Prints: simulated cycles per second, port-cycles per second (cycles/s x N:
the cost-growth measure), delivered flits per second, peak RSS.
Usage: scripts/bench_xbar.py [--cycles-model N] [--cycles-rtl N] [--ports 16,64] [--loads 0.5]
                             [--model-only] [--out FILE]
"""
import argparse
import subprocess

from sb_runs import emit, run, skybench_path


def rtl_ports():
    out = subprocess.run([skybench_path(), "info"], capture_output=True, text=True).stdout
    ports = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("ports="):
            ports.append(int(line.split()[0].split("=")[1]))
    return sorted(set(ports))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles-model", type=int, default=200000)
    ap.add_argument("--cycles-rtl", type=int, default=50000)
    ap.add_argument("--ports", default="16,32,64,128,256", help="model sizes, comma separated")
    ap.add_argument("--loads", default="0.1,0.5,0.9", help="offered loads, comma separated")
    ap.add_argument("--model-only", action="store_true", help="skip the RTL and lockstep runs")
    ap.add_argument("--out")
    a = ap.parse_args()
    rows = []
    loads = [float(x) for x in a.loads.split(",")]
    plan = [("model", int(n), a.cycles_model) for n in a.ports.split(",")]
    for n in [] if a.model_only else rtl_ports():
        if n >= 16:
            plan += [("rtl", n, a.cycles_rtl), ("lockstep", n, a.cycles_rtl)]
    for impl, n, cycles in plan:
        for load in loads:
            s = {"impl.xbar": impl, "switch.ports": n, "switch.classes": 1, "traffic.pattern": "uniform",
                 "traffic.packet_flits": 1, "traffic.load": load, "xbar.queueing": "voq",
                 "xbar.allocator": "islip", "xbar.islip_iterations": 1, "xbar.voq_depth": 8,
                 "xbar.pipeline": 2, "run.warmup_cycles": 1000}
            r, rc = run("sim-configs/xbar.yaml", s, cycles=cycles)
            sim = r["sim"]
            rows.append((impl, n, load, sim["cycles"], sim["wall_s"], sim["cycles_per_s"], sim["flits_per_s"],
                         sim["peak_rss_mb"], r["verdict"]))
            print(f"{impl:8s} N={n:3d} load={load:.1f}: {sim['cycles_per_s']:12,.0f} cycles/s "
                  f"{sim['cycles_per_s'] * n:14,.0f} port-cycles/s "
                  f"{sim['flits_per_s']:14,.0f} flits/s  {sim['peak_rss_mb']:7.1f} MB  {r['verdict']}", flush=True)
    lines = ["| implementation | N | load | cycles | wall s | cycles/s | port-cycles/s | flits/s | peak RSS MB | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for impl, n, load, cyc, wall, cps, fps, rss, v in rows:
        lines.append(f"| {impl} | {n} | {load:.1f} | {cyc} | {wall:.2f} | {cps:,.0f} | {cps * n:,.0f} | {fps:,.0f} "
                     f"| {rss:.1f} | {v} |")
    emit(lines, a.out)


if __name__ == "__main__":
    main()
