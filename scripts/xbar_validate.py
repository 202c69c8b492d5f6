#!/usr/bin/env python3
"""Validates the crossbar model against published results.

Sweeps offered load under uniform Bernoulli traffic with 1-flit packets (fixed
cells) for FIFO input queueing, VOQ + iSLIP (1 and 4 iterations) and VOQ + RRM,
at several port counts, and prints markdown tables:
  1. saturation throughput (accepted load at offered load 1.0) beside Karol,
     Hluchyj and Morgan 1987 (FIFO) and McKeown 1999 (iSLIP 100 %, RRM ~63 %);
  2. mean packet latency (cycles) versus load beside the output-queued
     (M/D/1-like) lower bound of Karol et al.
VOQs are deep (voq_depth 128) to approximate the infinite buffers of the
papers. Usage: scripts/xbar_validate.py [--ports 4,8,16,32] [--cycles N] [--out FILE]
"""
import argparse
import sys

from sb_runs import emit, run

# Karol, Hluchyj, Morgan 1987, Table I: FIFO saturation throughput for finite N.
KAROL = {2: 0.7500, 3: 0.6825, 4: 0.6553, 5: 0.6399, 6: 0.6302, 7: 0.6234, 8: 0.6184}
KAROL_INF = 0.5858

MODES = [
    ("fifo", {"xbar.queueing": "fifo", "xbar.allocator": "islip", "xbar.islip_iterations": 1}),
    ("islip-1", {"xbar.queueing": "voq", "xbar.allocator": "islip", "xbar.islip_iterations": 1}),
    ("islip-4", {"xbar.queueing": "voq", "xbar.allocator": "islip", "xbar.islip_iterations": 4}),
    ("rrm-1", {"xbar.queueing": "voq", "xbar.allocator": "rr", "xbar.islip_iterations": 1}),
]


def base(n):
    return {"impl.xbar": "model", "switch.ports": n, "switch.classes": 1, "traffic.pattern": "uniform",
            "traffic.packet_flits": 1, "xbar.voq_depth": 128, "xbar.pipeline": 1,
            "run.warmup_cycles": 2000, "run.stall_cycles": 10**9}


def oq_wait(n, p):
    # Output queueing, Bernoulli arrivals, uniform destinations (Karol et al. eq. 3):
    # mean wait = (N-1)/N * p / (2 (1 - p)) cycles.
    return (n - 1) / n * p / (2 * (1 - p))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ports", default="4,8,16,32")
    ap.add_argument("--cycles", type=int, default=30000)
    ap.add_argument("--out")
    a = ap.parse_args()
    ports = [int(x) for x in a.ports.split(",")]
    lines = []

    lines.append("### Saturation throughput, uniform traffic, 1-flit packets\n")
    lines.append("`@1.0`: accepted load with every input offered 1.0 (Karol's definition for FIFO). "
                 "`stable`: the highest offered load the switch carries (accepted >= 99 % of offered), "
                 "by bisection to 0.01 (the definition behind McKeown's figures).\n")
    lines.append("| N | fifo @1.0 | Karol 1987 | fifo stable | islip-1 stable | islip-4 stable | rrm-1 stable | islip-1 @1.0 | rrm-1 @1.0 |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for n in ports:
        at1, stable = {}, {}
        for name, knobs in MODES:
            s = base(n)
            s.update(knobs)
            s["xbar.islip_iterations"] = min(int(s["xbar.islip_iterations"]), n)
            s["traffic.load"] = 1.0
            r, _ = run("sim-configs/xbar.yaml", s, cycles=a.cycles)
            at1[name] = r["throughput"]["accepted"]
            lo, hi = 0.0, 1.0
            while hi - lo > 0.01:
                mid = (lo + hi) / 2
                s["traffic.load"] = round(mid, 4)
                r, _ = run("sim-configs/xbar.yaml", s, cycles=a.cycles)
                if r["throughput"]["accepted"] >= 0.99 * r["throughput"]["offered"]:
                    lo = mid
                else:
                    hi = mid
            stable[name] = lo
        karol = KAROL.get(n, KAROL_INF if n > 8 else None)
        kt = f"{karol:.4f}" + (" (N→∞)" if n not in KAROL else "")
        lines.append(f"| {n} | {at1['fifo']:.4f} | {kt} | {stable['fifo']:.2f} | {stable['islip-1']:.2f} | "
                     f"{stable['islip-4']:.2f} | {stable['rrm-1']:.2f} | {at1['islip-1']:.4f} | {at1['rrm-1']:.4f} |")
        print(lines[-1], file=sys.stderr)

    loads = [0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95]
    for n in ports:
        lines.append(f"\n### Mean packet latency (cycles), N = {n}, uniform, 1-flit packets\n")
        lines.append("Latency from generation to delivery; pipeline 1, so the zero-load latency is 2 cycles. "
                     "`OQ bound` = 2 + output-queueing wait (Karol et al.).\n")
        lines.append("| load | OQ bound | fifo | islip-1 | islip-4 | rrm-1 |")
        lines.append("|---|---|---|---|---|---|")
        for p in loads:
            cells = []
            for name, knobs in MODES:
                s = base(n)
                s.update(knobs)
                s["traffic.load"] = p
                s["xbar.islip_iterations"] = min(int(s["xbar.islip_iterations"]), n)
                r, _ = run("sim-configs/xbar.yaml", s, cycles=a.cycles)
                acc, off = r["throughput"]["accepted"], r["throughput"]["offered"]
                mean = r["latency"]["packet"]["cycles"]["mean"]
                # Past saturation the backlog grows for the whole run: say so, not a number.
                cells.append(f"{mean:.2f}" if acc > 0.98 * off else f"sat. ({acc:.3f})")
            lines.append(f"| {p:.2f} | {2 + oq_wait(n, p):.2f} | " + " | ".join(cells) + " |")
            print(lines[-1], file=sys.stderr)
    emit(lines, a.out)


if __name__ == "__main__":
    main()
