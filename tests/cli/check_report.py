#!/usr/bin/env python3
"""check_report.py REPORT.json [--expect pass|fail] [--check NAME=pass|fail]... [--min-compared N]
       [--mismatch-field FIELD] [--wave] [--cover NAME]... [--assertion-text TEXT]...
       [--min KEY=V]... [--max KEY=V]...   (KEY dotted, e.g. llr.replays; a number indexes a list)

Validates a skybench report against the report contract (README "Reading a
report"): every required key with the right type, internal consistency, and
the expectations given on the command line. Exit 0 when all hold.
"""
import json
import math
import os
import sys

errors = []


def need(obj, path, typ):
    cur = obj
    for k in path.split("."):
        if isinstance(cur, list) and k.isdigit() and int(k) < len(cur):  # a list element: groups.1.name
            cur = cur[int(k)]
            continue
        if not isinstance(cur, dict) or k not in cur:
            errors.append(f"missing key {path}")
            return None
        cur = cur[k]
    if typ is not None and not isinstance(cur, typ):
        errors.append(f"{path}: expected {typ}, got {type(cur).__name__} {cur!r}")
        return None
    return cur


NUM = (int, float)


def check_latency(r, metric):
    lat = r.get("latency", {})
    for part in metric.split("."):
        lat = lat.get(part) if isinstance(lat, dict) else None
    if not isinstance(lat, dict):
        errors.append(f"missing key latency.{metric}")
        lat = None
    if lat is None:
        return
    for unit, d in (("ns", lat), ("cycles", lat.get("cycles", {}))):
        for k in ("count", "min", "mean", "p50", "p90", "p99", "p999", "max"):
            if k not in d or not isinstance(d[k], NUM) or (isinstance(d[k], float) and not math.isfinite(d[k])):
                errors.append(f"latency.{metric} ({unit}): bad or missing {k}")
                return
        if d["count"] > 0 and not (d["min"] <= d["p50"] <= d["p90"] <= d["p99"] <= d["p999"] <= d["max"]):
            errors.append(f"latency.{metric} ({unit}): percentiles not ordered {d}")
        if d["count"] > 0 and not (d["min"] <= d["mean"] <= d["max"]):
            errors.append(f"latency.{metric} ({unit}): mean outside [min, max]")


def check_groups(r):
    """Heterogeneous endpoints: r.groups, one entry per endpoint group."""
    groups = need(r, "groups", list) or []
    total = 0
    for i, g in enumerate(groups):
        for k, typ in (("name", str), ("count", int), ("links", int), ("role", str), ("issued", int),
                       ("answered", int), ("unattached_link_flits", int)):
            need(r, f"groups.{i}.{k}", typ)
        for side in ("as_initiator", "as_target"):
            for k in ("count", "p50", "p99", "p999"):
                need(r, f"groups.{i}.latency.{side}.{k}", NUM)
        need(r, f"groups.{i}.throughput.accepted", NUM)
        if g.get("role") not in ("both", "target"):
            errors.append(f"groups.{i}.role: {g.get('role')!r}")
        if g.get("role") == "target" and g.get("issued"):
            errors.append(f"groups.{i}: a target-only group issued {g.get('issued')} transactions")
        if isinstance(g.get("answered"), int) and isinstance(g.get("issued"), int) and g["answered"] > g["issued"]:
            errors.append(f"groups.{i}: answered > issued")
        total += g.get("count", 0) if isinstance(g.get("count"), int) else 0
    n = r.get("pod", {}).get("endpoints")
    if isinstance(n, int) and groups and total != n:
        errors.append(f"groups: counts add up to {total}, pod.endpoints is {n}")


def check_study(r):
    """system link_health (docs/link-health-study.md): the study's figures, consistent."""
    for k in ("links", "link_hours", "interval_ns", "intervals", "visited_intervals", "codewords"):
        need(r, f"study.{k}", NUM)
    for det in ("detector", "baseline"):
        for k in ("raises", "links_alarmed", "links_with_uncorrectable", "alarmed_before_uncorrectable", "not_alarmed"):
            need(r, f"{det}.{k}", int)
        d = r.get(det, {})
        if isinstance(d.get("alarmed_before_uncorrectable"), int) and isinstance(d.get("links_with_uncorrectable"), int) \
                and d["alarmed_before_uncorrectable"] + d.get("not_alarmed", 0) > d["links_with_uncorrectable"]:
            errors.append(f"{det}: more links alarmed first or missed than links with an uncorrectable codeword")
        if r.get("study", {}).get("profile") == "stable":
            for k in ("false_alarms", "false_alarms_per_link_hour", "false_alarms_per_link_hour_upper95"):
                need(r, f"{det}.{k}", NUM)
    need(r, "links", list)


def check_collective(r):
    """workload.kind collective (docs/collectives.md): NCCL's figures, consistent."""
    for k in ("completion_ns", "algbw_gbps", "busbw_gbps", "bus_factor", "ideal_ns", "efficiency",
              "wire_ideal_ns", "wire_efficiency", "message_bytes"):
        need(r, f"collective.{k}", NUM)
    for k in ("elements_checked", "mismatches", "corrupt_lines"):
        need(r, f"collective.data_check.{k}", int)
    need(r, "collective.data_check.pass", bool)
    need(r, "collective.simulated", list)
    c = r.get("collective", {})
    if all(isinstance(c.get(k), NUM) for k in ("completion_ns", "algbw_gbps", "busbw_gbps", "bus_factor")) \
            and c["completion_ns"] > 0:
        if abs(c["algbw_gbps"] - c.get("algbw_bytes", -1) / c["completion_ns"]) > 1e-6 * max(1.0, c["algbw_gbps"]):
            errors.append("collective: algbw_gbps is not algbw_bytes / completion_ns")
        if c.get("algbw_bytes") != c["message_bytes"] * (2 if c.get("op") == "all_to_all" and
                                                         c.get("all_to_all", {}).get("combine") else 1):
            errors.append("collective: algbw_bytes is not message_bytes (x 2 for an all-to-all with its combine)")
        if abs(c["busbw_gbps"] - c["algbw_gbps"] * c["bus_factor"]) > 1e-6 * max(1.0, c["busbw_gbps"]):
            errors.append("collective: busbw_gbps is not algbw_gbps x bus_factor")
    d = c.get("data_check", {})
    if d.get("pass") and (d.get("mismatches") or d.get("corrupt_lines") or not d.get("elements_checked")):
        errors.append("collective.data_check: pass with wrong elements or none checked")
    if r.get("checks", {}).get("collective", {}).get("pass") != d.get("pass"):
        errors.append("checks.collective.pass differs from collective.data_check.pass")


def check_energy(r):
    """A pod's or a switch's energy (docs/energy.md): every figure there, joules the sum of the breakdown."""
    for k in ("joules", "duration_ns", "avg_w", "avg_w_per_link", "avg_w_per_switch"):
        v = need(r, f"energy.{k}", NUM)
        if v is not None and v < 0:
            errors.append(f"energy.{k} = {v} < 0")
    need(r, "energy.payload_bits", int)
    need(r, "energy.params", dict)
    e = r.get("energy", {})
    pj = e.get("pj_per_payload_bit", "missing")
    if pj is not None and not isinstance(pj, NUM):
        errors.append(f"energy.pj_per_payload_bit: {pj!r} is neither a number nor null")
    parts = [need(r, f"energy.breakdown.{k}", NUM) for k in ("serdes_j", "switch_buffer_j", "crossbar_j", "llr_j", "idle_j")]
    if None not in parts and isinstance(e.get("joules"), NUM) and abs(sum(parts) - e["joules"]) > 1e-9 * abs(e["joules"]) + 1e-18:
        errors.append(f"energy.joules {e['joules']} is not the sum of its breakdown {sum(parts)}")


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path = args.pop(0)
    expect, checks, min_compared, field, wave = None, {}, None, None, False
    covers = []  # NAME: coverage.NAME.hit must equal coverage.NAME.total
    texts = []  # substrings that must appear in checks.assertions.failures
    mins, maxs = [], []  # (dotted.key, bound): numeric report values that must be >= / <= bound
    while args:
        a = args.pop(0)
        if a == "--expect":
            expect = args.pop(0)
        elif a == "--check":
            k, v = args.pop(0).split("=")
            checks[k] = v
        elif a == "--min-compared":
            min_compared = int(args.pop(0))
        elif a == "--mismatch-field":
            field = args.pop(0)
        elif a == "--wave":
            wave = True
        elif a == "--assertion-text":
            texts.append(args.pop(0))
        elif a == "--cover":
            covers.append(args.pop(0))
        elif a == "--min":
            k, v = args.pop(0).split("=")
            mins.append((k, float(v)))
        elif a == "--max":
            k, v = args.pop(0).split("=")
            maxs.append((k, float(v)))
        else:
            print(f"unknown argument {a}")
            return 2
    with open(path) as f:
        r = json.load(f)
    verdict = need(r, "verdict", str)
    if verdict not in ("pass", "fail"):
        errors.append(f"verdict: {verdict!r}")
    need(r, "config", dict)
    need(r, "seed", int)
    need(r, "reproduce", str)
    system = r.get("config", {}).get("system", "xbar")
    # The link-health study moves no flits: no cosim, lossless, latency or throughput.
    flits = system != "link_health"
    if flits:
        for k in ("pass", "compared_cycles", "mismatches"):
            need(r, f"checks.cosim.{k}", (bool,) if k == "pass" else int)
        cosim_obj = need(r, "checks.cosim", dict)
        if cosim_obj is not None and "first_mismatch" not in cosim_obj:
            errors.append("missing key checks.cosim.first_mismatch")
        for k in ("injected", "delivered", "lost", "duplicated", "reordered", "corrupted"):
            need(r, f"checks.lossless.{k}", int)
        need(r, "checks.lossless.pass", bool)
        ll = r.get("checks", {}).get("lossless", {})
        if isinstance(ll.get("delivered"), int) and isinstance(ll.get("injected"), int):
            if ll["delivered"] > ll["injected"]:
                errors.append("checks.lossless: delivered > injected")
            if ll.get("pass") and (ll["lost"] or ll["duplicated"] or ll["reordered"] or ll["corrupted"]):
                errors.append("checks.lossless: pass with nonzero error counts")
    if "collective" in r:
        check_collective(r)
    if system == "link_health":
        check_study(r)
    elif system == "llr":
        check_latency(r, "link")
        for k in ("crc_errors", "naks_sent", "replays", "timer_replays", "replayed_flits",
                  "max_replay_occupancy", "link_error_events", "round_trip_cycles"):
            need(r, f"llr.{k}", int)
        g = need(r, "llr.goodput", NUM)
        if g is not None and not (0.0 <= g <= 1.0 + 1e-9):
            errors.append(f"llr.goodput = {g} outside [0, 1]")
        for k in ("depth_needed", "round_trip_cycles", "depth"):
            need(r, f"llr.sizing.{k}", int)
        llr = r.get("llr", {})
        if isinstance(llr.get("timer_replays"), int) and isinstance(llr.get("replays"), int) \
                and llr["timer_replays"] > llr["replays"]:
            errors.append("llr: timer_replays > replays")
    elif system == "incast":
        check_latency(r, "packet")
        mode = r.get("config", {}).get("flow_control", {}).get("mode", "pfc")
        if mode == "cbfc":
            for k in ("credit_stalls", "updates_sent", "updates_lost", "credits_recovered"):
                need(r, f"cbfc.{k}", int)
        else:
            for k in ("pause_frames_sent", "pause_frames_received", "headroom_violations", "storm_events"):
                need(r, f"pfc.{k}", int)
            for k in ("paused_cycles_per_class", "max_occupancy_per_class", "drops_per_class"):
                need(r, f"pfc.{k}", list)
    elif system == "pod":
        check_latency(r, "load_store_rtt")
        check_latency(r, "switch_traversal")
        for part in ("endpoint", "link", "llr_replay", "queueing", "crossbar", "switch_pipeline", "memory"):
            check_latency(r, f"breakdown.{part}")
        for k, typ in (("pass", bool), ("metric", str), ("percentile", NUM), ("budget_ns", NUM), ("measured_ns", NUM)):
            need(r, f"checks.latency_budget.{k}", typ)
        lb = r.get("checks", {}).get("latency_budget", {})
        if isinstance(lb.get("measured_ns"), NUM) and isinstance(lb.get("budget_ns"), NUM) and lb.get("pass") is True \
                and lb["measured_ns"] > lb["budget_ns"]:
            errors.append("checks.latency_budget: pass with measured_ns > budget_ns")
        for k in ("replays", "crc_errors", "link_faults_injected"):
            need(r, f"llr.{k}", int)
        check_energy(r)
        if "groups" in r:
            check_groups(r)
    elif system == "switch":
        check_latency(r, "packet")
        for k in ("ports", "pipeline_cycles", "egress_buffer_flits", "ingress_buffer_flits", "llr_replays_switch",
                  "llr_replays_partners", "link_faults_injected", "pfc_pause_frames_sent", "pfc_pause_frames_received",
                  "cbfc_egress_credit_stalls"):
            need(r, f"switch.{k}", int)
        need(r, "switch.flow_control", str)
        need(r, "switch.scheduler", str)
        check_energy(r)
    else:
        check_latency(r, "packet")
        check_latency(r, "switch")
    for k in ("offered", "accepted") if flits else ():
        v = need(r, f"throughput.{k}", NUM)
        if v is not None and not (0.0 <= v <= 1.0 + 1e-9):
            errors.append(f"throughput.{k} = {v} outside [0, 1]")
    for k in ("cycles", "wall_s", "cycles_per_s"):
        need(r, f"sim.{k}", NUM)
    checks_obj = r.get("checks", {})
    all_pass = all(isinstance(c, dict) and c.get("pass") is True for c in checks_obj.values())
    if verdict is not None and (verdict == "pass") != all_pass:
        errors.append(f"verdict {verdict} disagrees with the checks")
    if expect and verdict != expect:
        errors.append(f"verdict {verdict}, expected {expect}")
    for k, v in checks.items():
        c = checks_obj.get(k)
        if not isinstance(c, dict) or c.get("pass") != (v == "pass"):
            errors.append(f"checks.{k}.pass is {None if not isinstance(c, dict) else c.get('pass')}, expected {v}")
    cosim = checks_obj.get("cosim", {})
    if min_compared is not None and cosim.get("compared_port_cycles", 0) < min_compared:
        errors.append(f"compared_port_cycles {cosim.get('compared_port_cycles')} < {min_compared}")
    if field is not None:
        fm = cosim.get("first_mismatch")
        if not isinstance(fm, dict):
            errors.append("no first_mismatch")
        else:
            for k in ("cycle", "block", "port", "signal", "field", "model", "rtl"):
                if k not in fm:
                    errors.append(f"first_mismatch.{k} missing")
            if fm.get("field") != field:
                errors.append(f"first_mismatch.field {fm.get('field')!r}, expected {field!r}")
    if wave:
        w = cosim.get("wave")
        if not w or not os.path.isfile(w) or os.path.getsize(w) == 0:
            errors.append(f"waveform {w!r} missing or empty")
    fails = " ".join(r.get("checks", {}).get("assertions", {}).get("failures", []))
    for t in texts:
        if t not in fails:
            errors.append(f"checks.assertions.failures does not mention {t!r}: {fails!r}")
    for name in covers:
        c = r.get("coverage", {}).get(name)
        if not isinstance(c, dict) or c.get("hit") != c.get("total"):
            errors.append(f"coverage.{name} not closed: {c}")
    csvs = {"llr": ("latency_link.csv",), "incast": ("latency_packet.csv",), "switch": ("latency_packet.csv",),
            "pod": ("latency_load_store_rtt.csv", "latency_switch_traversal.csv")}.get(
        system, ("latency_packet.csv", "latency_switch.csv"))
    for d in csvs if flits else ():
        p = os.path.join(os.path.dirname(path), d)
        if not os.path.isfile(p):
            errors.append(f"{d} missing beside the report")
    for key, bound in mins + maxs:
        cur = r
        for part in key.split("."):
            if isinstance(cur, list) and part.isdigit():  # a list element by index: planes.per_plane.1.x
                cur = cur[int(part)] if int(part) < len(cur) else None
            else:
                cur = cur.get(part) if isinstance(cur, dict) else None
        if not isinstance(cur, NUM) or isinstance(cur, bool):
            errors.append(f"{key}: not a number ({cur!r})")
        elif (key, bound) in mins and cur < bound:
            errors.append(f"{key} = {cur} < {bound}")
        elif (key, bound) in maxs and cur > bound:
            errors.append(f"{key} = {cur} > {bound}")
    for e in errors:
        print(f"check_report: {path}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
