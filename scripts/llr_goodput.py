#!/usr/bin/env python3
"""Goodput and latency added by LLR versus the link's flit error rate.

Runs sim-configs/llr.yaml (800G, 64 B flits, 2 m, FEC; the SystemC model by
default, --impl lockstep for model and RTL compared every cycle) at a range of
flit error rates for two replay-buffer depths: the depth the sizing rule asks
for (`skybench size`) and half of it. Prints a markdown table: goodput
(delivered / offered), link latency p50 / p99 / p99.9 / max, replays and
replayed flits, and whether the run was lossless.
Usage: scripts/llr_goodput.py [--cycles N] [--load L] [--impl model|lockstep] [--out FILE]
"""
import argparse
import sys

from sb_runs import emit, run

RATES = [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cycles", type=int, default=200000)
    ap.add_argument("--load", type=float, default=0.9)
    ap.add_argument("--impl", default="model", choices=["model", "lockstep"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    a = ap.parse_args()
    base = {"impl.llr": a.impl, "traffic.load": a.load, "link.bit_error_rate": 0, "link.burst_rate": 0,
            "link.ctrl_error_rate": 0, "run.warmup_cycles": a.cycles // 10}
    # The depth the sizing rule gives for these link settings, from a clean run.
    probe, _ = run("sim-configs/llr.yaml", dict(base, **{"impl.llr": "model", "run.warmup_cycles": 100}),
                   cycles=2000, seed=a.seed)
    needed = probe["llr"]["sizing"]["depth_needed"]
    ns = probe["link"]["cycle_ns"]
    lines = [f"Link: 800 Gb/s, 64 B flits ({ns:.2f} ns/cycle), one way {probe['link']['one_way_ns']:.0f} ns "
             f"= {probe['link']['one_way_cycles']} cycles; round trip {probe['llr']['sizing']['round_trip_cycles']} cycles; "
             f"ack_spacing 16; replay timer 1000 ns; load {a.load} flits/cycle each way; {a.cycles} cycles; impl {a.impl}.",
             "",
             "| replay depth | flit error rate | goodput | link p50 ns | p99 ns | p99.9 ns | max ns | replays | timer replays | replayed flits | lossless |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    failed = False
    for depth in (needed, needed // 2):
        for fer in RATES:
            r, rc = run("sim-configs/llr.yaml", dict(base, **{"llr.replay_depth": depth, "link.flit_error_rate": fer}),
                        cycles=a.cycles, seed=a.seed)
            lat, l = r["latency"]["link"], r["llr"]
            ok = r["checks"]["lossless"]["pass"] and r["verdict"] == "pass"
            failed |= not ok
            label = f"{depth} (needed)" if depth == needed else f"{depth} (half)"
            lines.append(f"| {label} | {fer:g} | {l['goodput']:.4f} | {lat['p50']:.1f} | {lat['p99']:.1f} | "
                         f"{lat['p999']:.1f} | {lat['max']:.1f} | {l['replays']} | {l['timer_replays']} | "
                         f"{l['replayed_flits']} | {'yes' if ok else 'NO'} |")
    emit(lines, a.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
