#!/usr/bin/env python3
"""PFC versus CBFC on the incast of sim-configs/incast.yaml.

Runs the same incast (7 senders at full rate into one output; optionally a
lighter load and a second, best-effort class) with flow_control.mode = pfc and
cbfc, and prints a markdown table: buffer per port and class the scheme needs
(PFC: XOFF + headroom; CBFC: the credits), peak occupancy, output throughput,
packet latency percentiles, pause frames or credit stalls, and losses.
Usage: scripts/fc_compare.py [--impl model|lockstep] [--cycles N] [--out FILE]
"""
import argparse
import sys

from sb_runs import emit, run

SCENARIOS = [
    ("incast 7:1, load 1.0", {}),
    ("incast 7:1, load 0.3", {"traffic.load": 0.3}),
    ("incast 7:1 + best-effort class", {"switch.classes": 2, "classes.0.lossless": "false",
                                        "classes.1.lossless": "true"}),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--impl", default="model", choices=["model", "lockstep"])
    ap.add_argument("--cycles", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    a = ap.parse_args()
    lines = ["| scenario | scheme | buffer/port/class (flits) | peak occupancy (flits) | output flits/cycle | "
             "p50 ns | p99 ns | p99.9 ns | pauses / credit stalls | lossless lost | best-effort drops | verdict |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    failed = False
    for name, sets in SCENARIOS:
        for mode in ("pfc", "cbfc"):
            s = dict(sets, **{"flow_control.mode": mode, "impl.flow_control": a.impl})
            r, rc = run("sim-configs/incast.yaml", s, cycles=a.cycles, seed=a.seed)
            lat = r["latency"]["packet"]
            ll = r["checks"]["lossless"]
            if mode == "pfc":
                p = r["pfc"]
                buf = p["limit_flits"]
                occ = max(p["max_occupancy_per_class"])
                ctl = f"{p['pause_frames_sent']} pauses"
            else:
                c = r["cbfc"]
                buf = c["credits_per_vc"]
                occ = max(c["max_occupancy_per_class"])
                ctl = f"{c['credit_stalls']} stall cycles"
            failed |= r["verdict"] != "pass"
            lines.append(f"| {name} | {mode.upper()} | {buf} | {occ} | {r['throughput']['accepted']:.3f} | "
                         f"{lat['p50']:.0f} | {lat['p99']:.0f} | {lat['p999']:.0f} | {ctl} | {ll['lost']} | "
                         f"{ll['best_effort_drops']} | {r['verdict']} |")
    emit(lines, a.out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
