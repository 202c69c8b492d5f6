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

from sb_runs import run

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

    lines.append("### Saturation throughput, uniform traffic, 1-flit packets (offered load 1.0)\n")
    lines.append("| N | fifo (model) | fifo (Karol 1987) | islip-1 | islip-4 | rrm-1 |")
    lines.append("|---|---|---|---|---|---|")
    for n in ports:
        row = {}
        for name, knobs in MODES:
            s = base(n)
            s.update(knobs)
            s["traffic.load"] = 1.0
            s["xbar.islip_iterations"] = min(int(s["xbar.islip_iterations"]), n)
            # At overload the source queues grow without bound: stop generating at
            # run.cycles and do not wait for the backlog to drain.
            r, _ = run("sim-configs/xbar.yaml", s, cycles=a.cycles)
            row[name] = r["throughput"]["accepted"]
        karol = KAROL.get(n, KAROL_INF if n > 8 else None)
        kt = f"{karol:.4f}" + (" (N→∞)" if n not in KAROL else "")
        lines.append(f"| {n} | {row['fifo']:.4f} | {kt} | {row['islip-1']:.4f} | {row['islip-4']:.4f} | {row['rrm-1']:.4f} |")
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
    text = "\n".join(lines) + "\n"
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
