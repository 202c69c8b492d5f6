#!/usr/bin/env python3
"""The figures that decide the link-health detector's worth (docs/link-health-study.md).

Runs `system: link_health` (sim-configs/link-health-study.yaml: the PHY/FEC
model of many independent links, the switch's detector and the SONiC
baseline on each link's codeword stream) and prints two markdown tables:
 1. healthy links at nominal pre-FEC BERs: false alarms per link-hour of
    the detector and of the baseline with two windows (100 us, 10 ms) over
    --links seeds (95 % upper bound when none);
 2. drifting links (1e-8 -> 3e-3, drifts of 50 us, 1 ms and 1 s): the lead
    of each one's first alarm over the first uncorrectable codeword and over
    the first replay (one LLR round trip later).
Usage: scripts/link_health_study.py [--links N] [--scale F] [--out FILE]
  --scale multiplies every healthy row's simulated time (1 = the doc's figures).
"""
import argparse

from sb_runs import emit, run

CONFIG = "sim-configs/link-health-study.yaml"
# (BER, bursts of mean bits, simulated time per link in ns at scale 1)
HEALTHY = [(1e-9, 1, 2e9), (1e-8, 2, 2e9), (1e-6, 2, 2e8), (1e-5, 2, 5e7), (1e-4, 2, 1e7)]
# (drift time ns, share of --links: the slow drift costs most)
DRIFTS = [(5e4, 1.0), (1e6, 1.0), (1e9, 0.1)]
# The baseline two ways: the pod's window (100 intervals = 100 us, the
# length a µs-telemetry run affords) and an operator's (10,000 = 10 ms).
BASELINES = [("100 us", 100, 10), ("10 ms", 10000, 10000)]
DRIFT_START_NS = 12e6  # the long window is full before the drift begins


def fmt_rate(d):
    n = d["false_alarms"]
    if n == 0:
        return f"0 (< {d['false_alarms_per_link_hour_upper95']:.3g})"
    return f"{n} ({d['false_alarms_per_link_hour']:.3g})"


def us(st, k):
    return "-" if st is None else f"{st[k] / 1000:.3g}"


def lead(d):
    l = d["lead_ns"]
    return (f"{d['alarmed_before_uncorrectable']} of {d['links_with_uncorrectable']} | "
            f"{us(l, 'min')} / {us(l, 'median')} / {us(l, 'max')} | {us(d['lead_replay_ns'], 'median')}")


def baseline_sets(window, warmup):
    return {"link_health.baseline_window": window, "link_health.baseline_warmup": warmup}


def healthy(links, scale):
    head = "| pre-FEC BER | bursts (bits) | links x time | link-hours | detector |"
    head += "".join(f" baseline, {name} window |" for name, _, _ in BASELINES) + " wall s |"
    lines = [head, "|---" * (6 + len(BASELINES)) + "|"]
    for ber, burst, ns in HEALTHY:
        sets = {"link.phy.profile": "stable", "link.phy.ber": ber, "link.phy.burst_mean_bits": burst,
                "study.links": links, "study.duration_ns": ns * scale}
        cells, wall = [], 0.0
        for _, window, warmup in BASELINES:
            r, _ = run(CONFIG, {**sets, **baseline_sets(window, warmup)})
            cells.append(fmt_rate(r["baseline"]))
            wall += r["sim"]["wall_s"]
        lines.append(f"| {ber:g} | {burst} | {links} x {ns * scale / 1e9:g} s | {r['study']['link_hours']:.4g} | "
                     f"{fmt_rate(r['detector'])} | " + " | ".join(cells) + f" | {wall:.1f} |")
    return lines


def drifts(links):
    head = "| drift over | links | detector: alarmed first | lead, us (min / median / max) | to replay (median) | BER at alarm |"
    for name, _, _ in BASELINES:
        head += f" baseline {name}: alarmed first | lead, us (min / median / max) | to replay (median) |"
    lines = [head, "|---" * (6 + 3 * len(BASELINES)) + "|"]
    for drift_ns, share in DRIFTS:
        n = max(1, int(links * share))
        sets = {"link.phy.drift_ns": drift_ns, "link.phy.drift_start_ns": DRIFT_START_NS, "study.links": n,
                "study.duration_ns": DRIFT_START_NS + 2 * drift_ns}
        row = None
        for _, window, warmup in BASELINES:
            r, _ = run(CONFIG, {**sets, **baseline_sets(window, warmup)})
            if row is None:
                d = r["detector"]
                ber = d["ber_at_warning"]
                row = f"| {drift_ns / 1e3:g} us | {n} | {lead(d)} | {'-' if ber is None else format(ber['median'], '.2g')} |"
            row += f" {lead(r['baseline'])} |"
        lines.append(row)
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--links", type=int, default=200, help="independent links (seeds) per row")
    ap.add_argument("--scale", type=float, default=1.0, help="healthy rows: simulated time x this")
    ap.add_argument("--out")
    a = ap.parse_args()
    lines = ["Healthy links: false alarms (per link-hour; 95 % upper bound when none). "
             "Detector degraded_on 0.5; baseline threshold FLR 1e-9.", ""]
    lines += healthy(a.links, a.scale)
    lines += ["", f"Links drifting from 1e-8 to 3e-3 (2-bit bursts) from {DRIFT_START_NS / 1e6:g} ms on: "
              "lead of the first alarm over the first uncorrectable codeword (and the first replay).", ""]
    lines += drifts(a.links)
    emit(lines, a.out)


if __name__ == "__main__":
    main()
