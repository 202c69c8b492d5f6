#!/usr/bin/env python3
"""Goodput of each link framing (link.framing; docs/framing.md): arithmetic beside the pod.

For reads, writes and atomics of 8, 64, 128 and 256 B, and each framing
(ideal, ualink, ethernet, afh), prints a markdown table of
  - the wire efficiency: payload bytes / wire bytes of one transaction's
    packets (arithmetic; the header flit and the framing's overhead both count),
  - the predicted link throughput at saturation (flits/cycle/link: the wire's
    bytes per cycle, the LLR ACKs, one slot per cycle at the LLR's pins),
  - the measured throughput of the pod at saturation (closed loop, every
    endpoint 1024 transactions outstanding) and its ratio to the prediction,
  - the payload goodput (Gb/s per link direction) measured,
  - the measured load-store round trip (p50, p99) at half the predicted
    saturation load (open loop),
  - the round trip the framing adds to ideal's at low load (0.05 flits/cycle):
    the arithmetic (per link hop, a packet's unit(s) end, then its flits go
    out one a cycle; four hops a transaction) and the measured mean.
The pod: sim-configs/default.yaml on 4 endpoints (permutation traffic, every
link carries one source's requests and one target's responses, so the link
is the bottleneck), llr.ack_spacing 64 and llr.replay_depth 512 (so neither
the ACK slots at the LLR's pins nor the replay window limits before the wire).
An 8-B read or write is a 64-B one (one data flit, 56 B of it unused): the
LS port moves 64..256 B; the 8-B atomic is a fetch-add (one operand flit out,
one old-value flit back).

Usage: scripts/framing_goodput.py [--cycles N] [--out FILE] [--json FILE]
       scripts/framing_goodput.py --check [--framing F] [--tolerance T]
--check runs the saturation point of a 64-B read and a 256-B write for the
framing(s) given and fails (exit 1) unless every run passes (lossless) and
its throughput is within the tolerance (default 1 %) of the prediction, and
the round trip a 64-B read gains over ideal at low load (0.05 flits/cycle)
is within 2 ns or 10 % of the arithmetic.
"""
import argparse
import json
import sys

from sb_runs import emit, run

F = 64                      # link.flit_bytes: the TL flit
GBPS = 800.0                # link.gbps
CYCLE_NS = 8.0 * F / GBPS   # one flit slot
ACK_SPACING = 64
LOW_LOAD = 0.05             # flits/cycle: the low-load point of the added round trip
LAT_TOL_NS = 2.0            # --check: the added round trip within 2 ns or 10 % of the arithmetic
FRAMINGS = ["ideal", "ualink", "ethernet", "afh"]
# Per framing: bytes added to each packet (frame) and the bytes of one ACK/NACK on the wire.
FORMAT = {
    "ideal": {"packet": 0, "ctrl": F},               # a flit slot each, an ACK a slot
    "ualink": {"dl": (640, 628), "ctrl": 0},         # 640-B DL flit, 628 B payload; ACKs in its header
    "ethernet": {"packet": 8 + 14 + 20 + 8 + 4 + 12, "ctrl": 8},  # preamble, Eth, IPv4, UDP, FCS, IPG; 8-B ordered set
    "afh": {"packet": 8 + 10 + 12, "ctrl": 8},       # preamble, AI fabric header, IPG
}
# (label, traffic sets, payload bytes, request flits, response flits)
WORKLOADS = []
for size in (8, 64, 128, 256):
    n = max(1, size // F)
    run_size = str(max(size, F))
    WORKLOADS.append((f"read {size} B", {"traffic.read_fraction": 1, "traffic.write_fraction": 0,
                                         "traffic.size_bytes": run_size}, size, 1, 1 + n))
    WORKLOADS.append((f"write {size} B", {"traffic.read_fraction": 0, "traffic.write_fraction": 1,
                                          "traffic.size_bytes": run_size}, size, 1 + n, 1))
WORKLOADS.append(("atomic 8 B", {"traffic.read_fraction": 0, "traffic.write_fraction": 0,
                                 "traffic.size_bytes": "64"}, 8, 2, 2))


def wire(framing, n):
    """Wire bytes of a packet of n flits."""
    f = FORMAT[framing]
    if "dl" in f:
        return n * F * f["dl"][0] / f["dl"][1]
    return n * F + f["packet"]


def predict(framing, a, b):
    """Flits/cycle on a link direction at saturation: a request of a flits and a
    response of b flits per transaction each way; ACKs (one per ACK_SPACING
    flits, or per ACK_SPACING + 1 cycles when flits come slower) take their wire
    bytes and a slot at the LLR's pins."""
    per_flit = (wire(framing, a) + wire(framing, b)) / (a + b)
    ctrl = FORMAT[framing]["ctrl"]

    def fits(f):
        acks = max(f / ACK_SPACING, 1.0 / (ACK_SPACING + 1))
        return f * per_flit + acks * ctrl <= F and f + acks <= 1.0

    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


def added_cycles(framing, n):
    """Cycles a packet of n flits (handed over one a cycle) reaches the far end
    later than with ideal, one link hop at low load: its unit(s) end, then its
    flits go out one a cycle. ualink: averaged over the DL flit boundary's
    phase (every 10 cycles; a flit joins the DL flit starting at or after it)."""
    f = FORMAT[framing]
    if framing == "ideal":
        return 0.0
    if "dl" not in f:  # store and forward: the frame starts when the last flit has come
        over = f["packet"] - 12  # the gap follows the frame
        return (over + n * F - 1) // F + n - 1
    per = f["dl"][0] // F  # cycles per DL flit
    total = 0
    for phase in range(per):  # the first boundary at or after flit 0, in cycles
        t = -1
        for i in range(n):
            start = phase if i <= phase else phase + per * -(-(i - phase) // per)
            t = max(start + per - 1, t + 1)
        total += t - (n - 1)
    return total / per


def base_sets(framing):
    return {"switch.ports": 4, "impl.xbar": "model", "traffic.pattern": "permutation",
            "link.framing": framing, "llr.ack_spacing": ACK_SPACING, "llr.replay_depth": 512,
            "endpoint.max_outstanding": 1024, "checks.latency_budget.budget_ns": 1e9}


def measure(framing, sets, mode, load, cycles, seed):
    s = dict(base_sets(framing), **sets)
    if mode == "closed":
        s.update({"traffic.mode": "closed", "traffic.outstanding": 1024})
    else:
        s.update({"traffic.mode": "open", "traffic.load": round(load, 4)})
    s["run.warmup_cycles"] = cycles // 4
    r, rc = run("sim-configs/default.yaml", s, cycles=cycles, seed=seed)
    ok = rc == 0 and r["verdict"] == "pass"
    return r, ok


def table(a):
    rows, lines, failed = [], [], False
    lines += [f"Pod: 4 endpoints, permutation traffic, 800 Gb/s links of {F}-B flits ({CYCLE_NS:.2f} ns/cycle), "
              f"llr.ack_spacing {ACK_SPACING}, llr.replay_depth 512; {a.cycles} cycles (a quarter warm-up), seed {a.seed}.",
              "Saturation: closed loop, 1024 outstanding per endpoint. Round trip: open loop at half the predicted saturation load. "
              f"Added RTT: the mean round trip at load {LOW_LOAD} above ideal's, against the arithmetic.",
              "",
              "| workload | framing | wire efficiency | predicted flits/cycle | measured flits/cycle | measured / predicted "
              "| payload Gb/s (measured) | RTT p50 ns | RTT p99 ns | added RTT at low load, arithmetic ns | measured ns | lossless |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    cache = {}
    for label, sets, payload, rq, rs in WORKLOADS:
        for fr in FRAMINGS:
            eff = payload / (wire(fr, rq) + wire(fr, rs))
            pred = predict(fr, rq, rs)
            key = (fr, json.dumps(sets, sort_keys=True))
            if key not in cache:
                sat, ok1 = measure(fr, sets, "closed", 0, a.cycles, a.seed)
                half, ok2 = measure(fr, sets, "open", 0.5 * pred, a.cycles, a.seed)
                cache[key] = (sat, half, ok1 and ok2)
            sat, half, ok = cache[key]
            failed |= not ok
            got = sat["throughput"]["accepted"]
            gbps = got / (rq + rs) * payload * 8 / CYCLE_NS
            rtt = half["latency"]["load_store_rtt"]
            lkey = key + ("low",)
            if lkey not in cache:
                cache[lkey] = measure(fr, sets, "open", LOW_LOAD, a.cycles, a.seed)
            low, ok3 = cache[lkey]
            failed |= not ok3
            low_ns = low["latency"]["load_store_rtt"]["mean"]
            if fr == "ideal":
                ideal_low = low_ns
            arith_ns = 2 * (added_cycles(fr, rq) + added_cycles(fr, rs)) * CYCLE_NS
            meas_ns = low_ns - ideal_low
            rows.append({"workload": label, "framing": fr, "efficiency": eff, "predicted": pred, "measured": got,
                         "payload_gbps": gbps, "rtt_p50_ns": rtt["p50"], "rtt_p99_ns": rtt["p99"],
                         "low_load_added_ns": {"arithmetic": arith_ns, "measured": meas_ns}, "lossless": ok and ok3})
            lines.append(f"| {label} | {fr} | {eff:.1%} | {pred:.3f} | {got:.3f} | {got / pred:.3f} | {gbps:.0f} | "
                         f"{rtt['p50']:.0f} | {rtt['p99']:.0f} | {arith_ns:.1f} | {meas_ns:.1f} | {'yes' if ok and ok3 else 'NO'} |")
    emit(lines, a.out)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if failed else 0


def check(a):
    failed, ideal_low = False, None
    for fr in a.framing:
        for label, sets, payload, rq, rs in WORKLOADS:
            if label not in ("read 64 B", "write 256 B"):
                continue
            pred = predict(fr, rq, rs)
            r, ok = measure(fr, sets, "closed", 0, a.cycles, a.seed)
            got = r["throughput"]["accepted"]
            within = abs(got / pred - 1) <= a.tolerance
            print(f"{fr:9s} {label:12s} predicted {pred:.4f} measured {got:.4f} ({got / pred - 1:+.2%}) "
                  f"verdict {r['verdict']}{'' if within and ok else '  <-- FAIL'}")
            failed |= not (within and ok)
            if label != "read 64 B":
                continue
            # The round trip the framing adds at low load, against the arithmetic.
            if ideal_low is None:
                ideal_low = measure("ideal", sets, "open", LOW_LOAD, a.cycles, a.seed)[0]["latency"]["load_store_rtt"]["mean"]
            r, ok = measure(fr, sets, "open", LOW_LOAD, a.cycles, a.seed)
            meas = r["latency"]["load_store_rtt"]["mean"] - ideal_low
            arith = 2 * (added_cycles(fr, rq) + added_cycles(fr, rs)) * CYCLE_NS
            within = abs(meas - arith) <= max(LAT_TOL_NS, 0.1 * arith)
            print(f"{fr:9s} {label:12s} round trip added at load {LOW_LOAD}: arithmetic {arith:.1f} ns, "
                  f"measured {meas:.1f} ns{'' if within and ok else '  <-- FAIL'}")
            failed |= not (within and ok)
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cycles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out")
    ap.add_argument("--json")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--framing", nargs="+", default=FRAMINGS, choices=FRAMINGS)
    ap.add_argument("--tolerance", type=float, default=0.01)
    a = ap.parse_args()
    return check(a) if a.check else table(a)


if __name__ == "__main__":
    sys.exit(main())
