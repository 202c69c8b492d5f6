#!/usr/bin/python3
"""Render a skybench run or regression folder as an HTML page with PNG plots.

  sb_report.py DIR [--out HTML] [--link PLANE:PORT]

DIR is either a run folder (DIR/report.json, written by `skybench run`) or a
regression folder (DIR/summary.json + results.jsonl + jobs/<id>/report.json,
written by `skybench regress`). The page goes to DIR/report.html by default;
its PNGs go to plots/ beside the page. In a regression every job that has a
report.json also gets its own page, jobs/<id>/report.html.

Exit status: 0 page written, 2 bad input (missing folder, no report.json or
summary.json, unreadable JSON). Needs python3 and matplotlib (Agg backend).
"""
import argparse
import csv
import glob
import html
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sb_report_telemetry import render_telemetry  # noqa: E402

BUDGET_NS = 1000.0
COUNTER_SECTIONS = ("llr", "pfc", "cbfc")


class BadInput(Exception):
    pass


def _plt():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def esc(v):
    return html.escape(str(v), quote=True)


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise BadInput(f"{path}: cannot read JSON: {e}")


def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.6g}"
    if v is None:
        return "-"
    if isinstance(v, (list, dict)):
        s = json.dumps(v)
        return s if len(s) <= 120 else s[:117] + "..."
    return str(v)


def table(headers, rows, cls=""):
    out = [f'<table class="{cls}"><tr>' + "".join(f"<th>{esc(h)}</th>" for h in headers) + "</tr>"]
    for r in rows:
        out.append("<tr>" + "".join(c if isinstance(c, Raw) else f"<td>{esc(fmt(c))}</td>" for c in r) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


class Raw(str):
    """A pre-rendered <td> cell."""


def status_cell(s):
    s = str(s)
    c = "pass" if s == "pass" else ("fail" if s else "")
    return Raw(f'<td class="{c}">{esc(s.upper() if s in ("pass", "fail") else s)}</td>')


def flatten(d, prefix="", depth=0):
    """Scalar leaves of nested dicts as dotted keys (lists kept whole)."""
    out = []
    for k in sorted(d):
        v = d[k]
        key = f"{prefix}{k}"
        if isinstance(v, dict) and depth < 3:
            out.extend(flatten(v, key + ".", depth + 1))
        else:
            out.append((key, v))
    return out


PAGE_HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; max-width: 1200px; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.2em 0; font-size: 0.9em; }}
th, td {{ border: 1px solid #bbb; padding: 2px 8px; text-align: left; }}
th {{ background: #eee; }}
td.pass {{ background: #d8f5d8; }} td.fail {{ background: #f8d0d0; }}
code, pre {{ background: #f4f4f4; }}
img {{ max-width: 100%; border: 1px solid #ddd; margin: 4px; }}
.verdict {{ font-size: 1.4em; font-weight: bold; }}
</style></head><body>
"""


class Page:
    def __init__(self, html_path, title):
        self.path = os.path.abspath(html_path)
        self.dir = os.path.dirname(self.path)
        self.plots = os.path.join(self.dir, "plots")
        self.parts = [PAGE_HEAD.format(title=esc(title)), f"<h1>{esc(title)}</h1>"]

    def add(self, s):
        self.parts.append(s)

    def h2(self, s):
        self.add(f"<h2>{esc(s)}</h2>")

    def plot(self, fig, name, alt):
        """Save fig as plots/<name>.png and reference it (only after it exists)."""
        plt = _plt()
        os.makedirs(self.plots, exist_ok=True)
        path = os.path.join(self.plots, name + ".png")
        fig.savefig(path, dpi=90, bbox_inches="tight")
        plt.close(fig)
        if os.path.isfile(path):
            rel = os.path.relpath(path, self.dir)
            self.add(f'<img src="{esc(rel)}" alt="{esc(alt)}">')

    def link(self, target, text):
        return f'<a href="{esc(os.path.relpath(target, self.dir))}">{esc(text)}</a>'

    def write(self):
        self.add("</body></html>\n")
        os.makedirs(self.dir, exist_ok=True)
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(self.parts))
        os.replace(tmp, self.path)


def read_latency_csv(path):
    ns, counts = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            try:
                n, c = float(row["ns"]), int(float(row["count"]))
            except (KeyError, TypeError, ValueError):
                continue
            if c > 0:
                ns.append(n)
                counts.append(c)
    return ns, counts


def coverage_points(cov):
    """{name: {hit,total,...}} entries; scalar entries are counters."""
    pts, other = {}, {}
    for k, v in (cov or {}).items():
        if isinstance(v, dict) and "hit" in v and "total" in v:
            pts[k] = v
        else:
            other[k] = v
    return pts, other


# --------------------------------------------------------------------------- run

def render_run(run_dir, out_html, title=None, link=None):
    run_dir = os.path.abspath(run_dir)
    rep = load_json(os.path.join(run_dir, "report.json"))
    if not isinstance(rep, dict):
        raise BadInput(f"{run_dir}/report.json: not a JSON object")
    plt = _plt()
    page = Page(out_html, title or f"skybench run: {run_dir}")
    verdict = str(rep.get("verdict", "?"))
    vcls = "pass" if verdict == "pass" else "fail"
    page.add(f'<p class="verdict">verdict: <span class="{vcls}">{esc(verdict.upper())}</span></p>')
    info = [("config", rep.get("config_file")), ("system", (rep.get("config") or {}).get("system")),
            ("seed", rep.get("seed")), ("skybench", rep.get("skybench")), ("reproduce", rep.get("reproduce"))]
    sim = rep.get("sim") or {}
    for k in ("cycles", "simulated_ns", "end", "wall_s", "cycles_per_s", "peak_rss_mb"):
        if k in sim:
            info.append((f"sim.{k}", sim[k]))
    for k, v in flatten(rep.get("throughput") or {}):
        info.append((f"throughput.{k}", v))
    page.add(table(["field", "value"], info))

    page.h2("Checks")
    rows = []
    for name, c in sorted((rep.get("checks") or {}).items()):
        if not isinstance(c, dict):
            rows.append((name, status_cell(""), c))
            continue
        p = c.get("pass")
        detail = ", ".join(f"{k}={fmt(v)}" for k, v in flatten({k: v for k, v in c.items() if k != "pass"})
                           if not isinstance(v, (list, dict)) or v)
        rows.append((name, status_cell("pass" if p else "fail" if p is False else "?"), detail))
    page.add(table(["check", "result", "detail"], rows) if rows else "<p>No checks in report.json.</p>")

    coll = rep.get("collective")
    if isinstance(coll, dict):
        page.h2("Collective")
        page.add(table(["field", "value"], [(k, v) for k, v in flatten(coll) if not isinstance(v, (list, dict))]))
    en = rep.get("energy")
    if isinstance(en, dict):
        page.h2("Energy (docs/energy.md)")
        page.add(table(["field", "value"], [(k, v) for k, v in flatten({k: v for k, v in en.items() if k != "counts"})
                                            if not isinstance(v, (list, dict))]))

    page.h2("Latency")
    lat = rep.get("latency") or {}
    if lat:
        rows = []
        for name, l in sorted(lat.items()):
            if isinstance(l, dict):
                rows.append((name, l.get("count"), l.get("unit", "ns"), l.get("min"), l.get("p50"), l.get("p90"),
                             l.get("p99"), l.get("p999"), l.get("max"), l.get("definition", "")))
        page.add(table(["latency", "count", "unit", "min", "p50", "p90", "p99", "p99.9", "max", "definition"], rows))
    csvs = sorted(glob.glob(os.path.join(run_dir, "latency_*.csv")))
    if not csvs:
        page.add("<p>No latency_*.csv in this folder.</p>")
    for path in csvs:
        name = os.path.basename(path)[len("latency_"):-len(".csv")]
        try:
            ns, counts = read_latency_csv(path)
        except OSError as e:
            page.add(f"<p>{esc(path)}: {esc(e)}</p>")
            continue
        if not ns:
            page.add(f"<p>{esc(os.path.basename(path))}: no samples.</p>")
            continue
        total = sum(counts)
        over = sum(c for n, c in zip(ns, counts) if n > BUDGET_NS)
        page.add(f"<h3>{esc(name)}</h3><p>{total} samples from {esc(os.path.basename(path))}; "
                 f"{over} ({100.0 * over / total:.3g}%) above the {BUDGET_NS:g} ns budget.</p>")
        fig, ax = plt.subplots(figsize=(6.5, 3.5))
        bins = min(80, max(10, len(ns)))
        ax.hist(ns, bins=bins, weights=counts, color="#4a7ebb")
        ax.axvline(BUDGET_NS, color="red", linestyle="--", label=f"budget {BUDGET_NS:g} ns")
        ax.set_xlabel("latency (ns)")
        ax.set_ylabel("count")
        ax.set_title(f"{name} latency histogram")
        ax.legend()
        page.plot(fig, f"latency_{name}_hist", f"{name} latency histogram")
        order = sorted(range(len(ns)), key=lambda i: ns[i])
        xs, ys, acc = [], [], 0
        for i in order:
            acc += counts[i]
            xs.append(ns[i])
            ys.append(acc / total)
        fig, ax = plt.subplots(figsize=(6.5, 3.5))
        ax.step(xs, ys, where="post", color="#4a7ebb")
        ax.axvline(BUDGET_NS, color="red", linestyle="--", label=f"budget {BUDGET_NS:g} ns")
        ax.set_xlabel("latency (ns)")
        ax.set_ylabel("fraction <= x")
        ax.set_ylim(0, 1.02)
        ax.set_title(f"{name} latency CDF")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right")
        page.plot(fig, f"latency_{name}_cdf", f"{name} latency CDF")

    render_planes(page, plt, rep)
    render_telemetry(page, plt, rep, run_dir, table, link)

    sections = [s for s in COUNTER_SECTIONS if isinstance(rep.get(s), dict)]
    if sections:
        page.h2("Key counters")
        rows = [(f"{s}.{k}", v) for s in sections for k, v in flatten(rep[s])]
        page.add(table(["counter", "value"], rows))

    page.h2("Coverage")
    pts, other = coverage_points(rep.get("coverage"))
    if pts:
        hit = sum(1 for v in pts.values() if v.get("total") and v.get("hit", 0) >= v["total"])
        page.add(f"<p>{hit} of {len(pts)} points fully hit.</p>")
        rows = []
        for k, v in sorted(pts.items()):
            full = v.get("total") and v.get("hit", 0) >= v["total"]
            rows.append((k, status_cell("hit" if full else "miss"), v.get("hit"), v.get("total"),
                         ", ".join(f"{a}={fmt(b)}" for a, b in sorted(v.items()) if a not in ("hit", "total"))))
        page.add(table(["point", "status", "hit", "total", "other"], rows))
    if other:
        page.add(table(["coverage counter", "value"], sorted(other.items())))
    if not pts and not other:
        page.add("<p>No coverage in report.json.</p>")
    page.write()
    return rep


def render_planes(page, plt, rep):
    """A pod's planes (docs/planes.md "Report"): utilisation per plane, the
    delivered-flits timeline per plane, every endpoint's p99.9 round trip."""
    planes, eps = rep.get("planes"), rep.get("endpoints")
    if not isinstance(planes, dict) or not isinstance(planes.get("per_plane"), list):
        return
    page.h2("Planes")
    per = planes["per_plane"]
    page.add(f"<p>{len(per)} planes; utilisation spread (max / mean) {fmt(planes.get('utilisation_spread'))}.</p>")
    page.add(table(["plane", "utilisation", "requests issued", "ingress queue max", "egress queue max"],
                   [(p.get("plane"), p.get("utilisation"), p.get("requests_issued"), p.get("ingress_queue_max_flits"),
                     p.get("egress_queue_max_flits")) for p in per]))
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    ax.bar([p.get("plane") for p in per], [p.get("utilisation", 0) for p in per], color="#4a7ebb")
    ax.set_xlabel("plane")
    ax.set_ylabel("utilisation")
    ax.set_title("per-plane utilisation")
    page.plot(fig, "planes_utilisation", "per-plane utilisation")
    tl = planes.get("timeline") or {}
    bins = tl.get("bins") or []
    if bins:
        fig, ax = plt.subplots(figsize=(6.5, 3.5))
        xs = [i * tl.get("bin_ns", 1000) / 1000.0 for i in range(len(bins))]
        for k in range(len(bins[0])):
            ax.plot(xs, [b[k] for b in bins], label=f"plane {k}" if len(bins[0]) <= 8 else None)
        ax.set_xlabel("time (us)")
        ax.set_ylabel("flits/cycle/link")
        ax.set_title("delivered flits per plane over time")
        if len(bins[0]) <= 8:
            ax.legend(fontsize=7)
        page.plot(fig, "planes_timeline", "delivered flits per plane over time")
    f = planes.get("fault")
    if isinstance(f, dict):
        page.add(table(["fault field", "value"], sorted(f.items())))
    if isinstance(eps, dict) and isinstance(eps.get("rtt"), list) and eps["rtt"]:
        fig, ax = plt.subplots(figsize=(6.5, 3.0))
        ax.bar([x["endpoint"] for x in eps["rtt"]], [x["p999_ns"] for x in eps["rtt"]], color="#bb7e4a")
        ax.axhline(BUDGET_NS, color="red", linestyle="--", label=f"budget {BUDGET_NS:g} ns")
        ax.set_xlabel("endpoint")
        ax.set_ylabel("round trip p99.9 (ns)")
        ax.set_title(f"per-endpoint round trip (worst: endpoint {eps.get('worst_endpoint')})")
        ax.legend()
        page.plot(fig, "endpoints_rtt", "per-endpoint round trip p99.9")
    render_groups(page, plt, rep.get("groups"))


def render_groups(page, plt, groups):
    """Heterogeneous endpoints (docs/pod.md "Heterogeneous endpoints"): one row per group
    and the p99.9 round trip of each, as initiator and as target."""
    if not isinstance(groups, list) or not groups:
        return
    page.h2("Endpoint groups")
    rows = []
    for g in groups:
        ini, tgt = g.get("latency", {}).get("as_initiator", {}), g.get("latency", {}).get("as_target", {})
        rows.append((g.get("name"), g.get("count"), g.get("links"), g.get("role"), g.get("issued"), g.get("answered"),
                     ini.get("p50"), ini.get("p99"), ini.get("p999"), tgt.get("p999"),
                     g.get("throughput", {}).get("accepted"), g.get("unattached_link_flits")))
    page.add(table(["group", "endpoints", "links", "role", "issued", "answered", "round trip p50 ns", "p99 ns",
                    "p99.9 ns", "served p99.9 ns", "flits/cycle/link", "unattached-link flits"], rows))
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    xs = list(range(len(groups)))
    ax.bar([x - 0.2 for x in xs], [r[8] or 0 for r in rows], width=0.4, label="as initiator", color="#4a7ebb")
    ax.bar([x + 0.2 for x in xs], [r[9] or 0 for r in rows], width=0.4, label="as target (served)", color="#bb7e4a")
    ax.set_xticks(xs)
    ax.set_xticklabels([str(r[0]) for r in rows])
    ax.set_ylabel("round trip p99.9 (ns)")
    ax.set_title("per-group round trip")
    ax.legend(fontsize=7)
    page.plot(fig, "groups_rtt", "per-group round trip p99.9")


# -------------------------------------------------------------------- regression

def render_regression(reg_dir, out_html):
    reg_dir = os.path.abspath(reg_dir)
    summ = load_json(os.path.join(reg_dir, "summary.json"))
    if not isinstance(summ, dict):
        raise BadInput(f"{reg_dir}/summary.json: not a JSON object")
    jobs, order = {}, []
    res_path = os.path.join(reg_dir, "results.jsonl")
    if os.path.isfile(res_path):
        with open(res_path) as f:
            for n, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    j = json.loads(line)
                except ValueError as e:
                    raise BadInput(f"{res_path}:{n}: bad JSON line: {e}")
                jid = str(j.get("id"))
                if jid not in jobs:
                    order.append(jid)
                jobs[jid] = j  # a later line (rerun/resume) wins
    plt = _plt()
    page = Page(out_html, f"skybench regression: {summ.get('name', reg_dir)}")
    page.add(table(["field", "value"], [
        ("folder", reg_dir), ("file", summ.get("file")), ("jobs", summ.get("jobs")),
        ("passed", summ.get("passed")), ("failed", summ.get("failed")), ("not run", summ.get("not_run")),
        ("interrupted", summ.get("interrupted")), ("wall_s", summ.get("wall_s"))]))
    by = summ.get("by_status") or {}
    if by:
        page.add(table(["status", "jobs"], [(status_cell(k), v) for k, v in sorted(by.items())]))

    page.h2("Failure groups")
    groups = summ.get("groups") or []
    if not groups:
        page.add("<p>No failures.</p>")
    for g in groups:
        rep = g.get("reproduce")
        rep = rep if isinstance(rep, list) else [rep] if rep else []
        page.add(f"<h3>{esc(g.get('status', ''))}: {esc(g.get('signature', ''))} "
                 f"({esc(g.get('count', len(g.get('jobs') or [])))} jobs)</h3>")
        page.add(f"<p>jobs: {esc(', '.join(map(str, g.get('jobs') or [])))}; "
                 f"seeds: {esc(', '.join(map(str, g.get('seeds') or [])))}</p>")
        if rep:
            page.add("<p>reproduce:</p><pre>" + esc("\n".join(map(str, rep))) + "</pre>")

    # Per-job pages, latency and coverage.
    reports, links = {}, {}
    for jid in order:
        j = jobs[jid]
        rp = j.get("report") or f"jobs/{jid}/report.json"
        rp = rp if os.path.isabs(rp) else os.path.join(reg_dir, rp)
        if not os.path.isfile(rp):
            continue
        jdir = os.path.dirname(rp)
        jhtml = os.path.join(jdir, "report.html")
        try:
            reports[jid] = render_run(jdir, jhtml, title=f"job {jid}")
            links[jid] = jhtml
        except BadInput as e:
            print(f"sb_report: warning: job {jid}: {e}", file=sys.stderr)

    page.h2("Jobs")
    rows = []
    for jid in order:
        j = jobs[jid]
        log = j.get("log")
        logp = os.path.join(reg_dir, log) if log and not os.path.isabs(log) else log
        rows.append((Raw(f"<td>{page.link(links[jid], jid)}</td>") if jid in links else jid,
                     status_cell(j.get("status", "")), j.get("wall_s"), j.get("exit"),
                     Raw(f"<td>{page.link(logp, 'log')}</td>") if logp and os.path.isfile(logp) else "-",
                     j.get("signature") or "", j.get("reproduce")))
    page.add(table(["job", "status", "wall_s", "exit", "log", "signature", "reproduce"], rows)
             if rows else "<p>No results.jsonl entries.</p>")

    walls = [(jid, float(jobs[jid].get("wall_s") or 0.0), jobs[jid].get("status")) for jid in order]
    if walls:
        fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(walls) + 1.2))
        ax.barh(range(len(walls)), [w for _, w, _ in walls],
                color=["#5cb85c" if s == "pass" else "#d9534f" for _, _, s in walls])
        ax.set_yticks(range(len(walls)))
        ax.set_yticklabels([j for j, _, _ in walls], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel("wall time (s)")
        ax.set_title("job wall time (green pass, red not pass)")
        page.plot(fig, "job_wall", "job wall times")

    lat_rows = []  # (jid, kind, p50, p99)
    for jid in order:
        for kind, l in sorted(((reports.get(jid) or {}).get("latency") or {}).items()):
            if isinstance(l, dict) and l.get("p50") is not None and l.get("p99") is not None:
                lat_rows.append((jid, kind, float(l["p50"]), float(l["p99"])))
    if lat_rows:
        page.h2("Latency by job")
        page.add(table(["job", "latency", "p50 (ns)", "p99 (ns)"], lat_rows))
        jids = [j for j in order if any(r[0] == j for r in lat_rows)]
        xi = {j: i for i, j in enumerate(jids)}
        fig, ax = plt.subplots(figsize=(7.5, 4))
        for k, kind in enumerate(sorted({r[1] for r in lat_rows})):
            pts = [r for r in lat_rows if r[1] == kind]
            c = f"C{k}"
            ax.plot([xi[r[0]] for r in pts], [r[2] for r in pts], "o", color=c, label=f"{kind} p50")
            ax.plot([xi[r[0]] for r in pts], [r[3] for r in pts], "^", color=c, mfc="none", label=f"{kind} p99")
        ax.axhline(BUDGET_NS, color="red", linestyle="--", label=f"budget {BUDGET_NS:g} ns")
        ax.set_yscale("log")
        ax.set_xticks(range(len(jids)))
        ax.set_xticklabels(jids, rotation=45, ha="right", fontsize=8)
        ax.set_ylabel("latency (ns)")
        ax.set_title("latency p50 / p99 by job")
        ax.legend(fontsize=7, loc="best")
        page.plot(fig, "latency_by_job", "latency p50 and p99 by job")

    if os.path.isfile(os.path.join(reg_dir, "sweep.json")):
        render_sweep(page, load_json(os.path.join(reg_dir, "sweep.json")), reg_dir)

    rtl = summ.get("rtl_coverage")
    if isinstance(rtl, dict):
        page.h2("RTL code coverage (Verilator, merged across jobs)")
        tot = rtl.get("totals") or {}
        rows = []
        for k, label in (("line", "line"), ("toggle", "toggle"), ("user", "assertion / cover points"), ("all", "all")):
            t = tot.get(k) or {}
            if t:
                rows.append((label, t.get("hit"), t.get("total"), t.get("pct")))
        page.add(f"<p>{esc(rtl.get('jobs', 0))} jobs wrote coverage.dat.</p>")
        if rows:
            page.add(table(["kind", "hit", "total", "%"], rows))
        links = []
        for k, text in (("html", "genhtml report"), ("rtl_info", "lcov rtl.info"), ("merged", "merged.dat")):
            f = rtl.get(k)
            if f and os.path.exists(os.path.join(reg_dir, f)):
                links.append(page.link(os.path.join(reg_dir, f), text))
        if links:
            page.add("<p>" + " | ".join(links) + "</p>")
        for e in rtl.get("errors") or []:
            page.add(f"<p>warning: {esc(e)}</p>")

    fc = summ.get("functional_coverage")
    if isinstance(fc, dict) and fc.get("items") is not None:
        page.h2("Functional coverage per testplan item (merged across jobs)")
        items = [i for i in fc.get("items") or [] if i.get("status") != "not run"]
        if items:
            closed = sum(1 for i in items if i.get("status") == "hit")
            page.add(f"<p>{closed} of {len(items)} testplan items closed (bins are the union over jobs).</p>")
            rows = []
            for i in items:
                pts = ", ".join(f"{p.get('point')} {p.get('hit')}/{p.get('total')}" if p.get("reported")
                                else f"{p.get('point')} not measured" for p in i.get("points") or [])
                rows.append((f"{i.get('block')}.{i.get('testpoint')}", status_cell(i.get("status")), i.get("hit"),
                             i.get("total"), i.get("pct"), pts))
            page.add(table(["testplan item", "status", "hit", "total", "%", "points"], rows))
        else:
            page.add("<p>No testplan item's block ran in this regression.</p>")
        pts = fc.get("points") or []
        if pts:
            page.add(table(["block", "point", "hit", "total", "%", "merge", "jobs reporting", "jobs hitting"],
                           [(p.get("block"), p.get("point"), p.get("hit"), p.get("total"), p.get("pct"),
                             p.get("merge"), p.get("jobs_reporting"), p.get("jobs_hitting")) for p in pts]))
        page.write()
        return

    page.h2("Coverage (merged across jobs)")
    merged = {}  # name -> [hit, total, jobs hitting, jobs reporting]
    for jid, rep in reports.items():
        pts, _ = coverage_points(rep.get("coverage"))
        for k, v in pts.items():
            m = merged.setdefault(k, [0, 0, [], 0])
            hit, tot = int(v.get("hit") or 0), int(v.get("total") or 0)
            m[0] = max(m[0], hit)
            m[1] = max(m[1], tot)
            m[3] += 1
            if hit > 0:
                m[2].append(jid)
    if merged:
        full = sum(1 for m in merged.values() if m[1] and m[0] >= m[1])
        page.add(f"<p>{full} of {len(merged)} points fully hit by at least one job "
                 "(a point with several bins counts the best single job's bins).</p>")
        rows = [(k, status_cell("hit" if m[1] and m[0] >= m[1] else "miss"), m[0], m[1], m[3],
                 ", ".join(m[2]) if len(m[2]) <= 6 else f"{len(m[2])} jobs")
                for k, m in sorted(merged.items())]
        page.add(table(["point", "status", "hit", "total", "jobs reporting", "hit by"], rows))
    else:
        page.add("<p>No job reported coverage.</p>")
    page.write()


def _num(v):
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def render_collective_sweep(page, sw, reg_dir):
    """Collectives: bus bandwidth and completion time against the message
    size, one curve per combination of the other swept parameters (seeds
    averaged), the ideal time on the links dotted, and the table."""
    plt = _plt()
    rows = [r for r in sw.get("rows") or [] if isinstance(r.get("collective"), dict)]
    keys = [p.get("key") for p in sw.get("params") or []]
    others = [k for k in keys if k != "collective.message_bytes"]
    page.h2("Sweep: collectives by message size")
    page.add(f"<p>{len(rows)} jobs over {esc(sw.get('config'))}; swept: {esc(', '.join(keys))}. "
             f"Table: {page.link(os.path.join(reg_dir, 'sweep.csv'), 'sweep.csv')}. Bandwidths in GB/s as nccl-tests "
             "prints them (busbw = algbw x the collective's factor).</p>")
    curves = {}  # label -> size -> [busbw, completion, ideal]
    for r in rows:
        c = r["collective"]
        x = _num(c.get("message_bytes"))
        if x is None:
            continue
        label = ", ".join(f"{k}={(r.get('params') or {}).get(k)}" for k in others) or "all"
        acc = curves.setdefault(label, {}).setdefault(x, [[], [], []])
        for i, k in enumerate(("busbw_gbps", "completion_ns", "ideal_ns")):
            v = _num(c.get(k))
            if v is not None:
                acc[i].append(v)
    mean = lambda v: sum(v) / len(v) if v else float("nan")
    if curves:
        for idx, name, ylabel, title in ((0, "sweep_busbw_vs_size", "bus bandwidth (GB/s)", "busbw vs message size"),
                                         (1, "sweep_completion_vs_size", "completion (ns)", "completion time vs message size")):
            fig, ax = plt.subplots(figsize=(7.5, 4.2))
            for n, (label, pts) in enumerate(sorted(curves.items())):
                xs = sorted(pts)
                ax.plot(xs, [mean(pts[x][idx]) for x in xs], "o-", color=f"C{n % 10}", label=label)
                if idx == 1:
                    ax.plot(xs, [mean(pts[x][2]) for x in xs], ":", color=f"C{n % 10}", label=f"{label} ideal")
            ax.set_xscale("log", base=2)
            if idx == 1:
                ax.set_yscale("log")
            ax.set_xlabel("message size per rank (B)")
            ax.set_ylabel(ylabel)
            ax.set_title(title)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=7, loc="best")
            page.plot(fig, name, title)
    page.add(table(["job", "seed"] + keys + ["op", "algorithm", "completion ns", "algbw GB/s", "busbw GB/s", "ideal ns",
                                             "efficiency", "verdict"],
                   [[r.get("job"), r.get("seed")] + [(r.get("params") or {}).get(k) for k in keys] +
                    [r["collective"].get(k) for k in ("op", "algorithm", "completion_ns", "algbw_gbps", "busbw_gbps",
                                                      "ideal_ns", "efficiency")] + [status_cell(r.get("verdict") or "")]
                    for r in rows]))


def render_sweep(page, sw, reg_dir):
    """Latency and throughput against traffic.load, one curve per combination
    of the other swept parameters (seeds averaged), and the table."""
    if sw.get("x") == "collective.message_bytes":
        return render_collective_sweep(page, sw, reg_dir)
    plt = _plt()
    rows = sw.get("rows") or []
    keys = [p.get("key") for p in sw.get("params") or []]
    xkey = sw.get("x", "traffic.load")
    others = [k for k in keys if k != xkey]
    page.h2("Sweep")
    page.add(f"<p>{len(rows)} jobs over {esc(sw.get('config'))}; swept: {esc(', '.join(keys))}. "
             f"Table: {page.link(os.path.join(reg_dir, 'sweep.csv'), 'sweep.csv')}.</p>")
    curves = {}  # other params -> load -> [p50s, p99s, p999s, thr]
    for r in rows:
        x = _num(r.get("load"))
        if x is None:
            continue
        label = ", ".join(f"{k}={(r.get('params') or {}).get(k)}" for k in others) or "all"
        acc = curves.setdefault(label, {}).setdefault(x, [[], [], [], []])
        for i, k in enumerate(("p50", "p99", "p999", "throughput")):
            v = _num(r.get(k))
            if v is not None:
                acc[i].append(v)
    mean = lambda v: sum(v) / len(v) if v else float("nan")

    def finish(ax, ylabel, title):
        ax.set_xlabel(xkey)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="best")
    if curves:
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        for n, (label, pts) in enumerate(sorted(curves.items())):
            xs = sorted(pts)
            c = f"C{n % 10}"
            ax.plot(xs, [mean(pts[x][1]) for x in xs], "o-", color=c, label=f"{label} p99")
            ax.plot(xs, [mean(pts[x][0]) for x in xs], "s--", color=c, mfc="none", label=f"{label} p50")
        ax.axhline(BUDGET_NS, color="red", linestyle=":", label=f"budget {BUDGET_NS:g} ns")
        ax.set_yscale("log")
        finish(ax, "latency (ns)", "latency vs load (p50 dashed, p99 solid)")
        page.plot(fig, "sweep_latency_vs_load", "latency versus load")
        fig, ax = plt.subplots(figsize=(7.5, 4.2))
        allx = sorted({x for pts in curves.values() for x in pts})
        for n, (label, pts) in enumerate(sorted(curves.items())):
            xs = sorted(pts)
            ax.plot(xs, [mean(pts[x][3]) for x in xs], "o-", color=f"C{n % 10}", label=label)
        ax.plot(allx, allx, ":", color="grey", label="accepted = offered")
        finish(ax, "accepted throughput", "throughput vs load")
        page.plot(fig, "sweep_throughput_vs_load", "throughput versus load")
    else:
        page.add("<p>No job reported traffic.load: no curves.</p>")
    page.add(table(["job", "seed"] + keys + ["load", "p50", "p99", "p99.9", "throughput", "verdict", "status"],
                   [[r.get("job"), r.get("seed")] + [(r.get("params") or {}).get(k) for k in keys] +
                    [r.get("load"), r.get("p50"), r.get("p99"), r.get("p999"), r.get("throughput"),
                     status_cell(r.get("verdict") or ""), r.get("status")] for r in rows]))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="skybench report", description=__doc__.split("\n")[0])
    ap.add_argument("dir", metavar="DIR")
    ap.add_argument("--out", metavar="HTML", help="output page (default DIR/report.html)")
    ap.add_argument("--link", metavar="PLANE:PORT", help="the link whose FEC histogram a run's page plots "
                    "(default: the first alarm's, else the one with the most uncorrectable codewords)")
    a = ap.parse_args(argv)
    d = a.dir
    try:
        if not os.path.isdir(d):
            raise BadInput(f"{d}: no such folder")
        out = a.out or os.path.join(d, "report.html")
        if os.path.isfile(os.path.join(d, "report.json")):
            link = None
            if a.link:
                try:
                    link = tuple(int(x) for x in a.link.split(":"))
                    assert len(link) == 2
                except (ValueError, AssertionError):
                    raise BadInput(f"--link: expected PLANE:PORT (two integers), got '{a.link}'")
            render_run(d, out, link=link)
        elif os.path.isfile(os.path.join(d, "summary.json")):
            render_regression(d, out)
        else:
            raise BadInput(f"{d}: neither report.json (a run) nor summary.json (a regression) in this folder")
    except BadInput as e:
        print(f"skybench report: error: {e}", file=sys.stderr)
        return 2
    except ImportError as e:
        print(f"skybench report: error: {e} (install python3-matplotlib, see scripts/install-deps.sh)",
              file=sys.stderr)
        return 2
    print(os.path.abspath(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
