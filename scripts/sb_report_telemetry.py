"""The telemetry part of a pod run's page (docs/link-health.md "Plots"):
the link-health alarms, a per-port utilisation heat map over time, the
queue depth over time of the busiest ports, and the FEC codeword histogram
over time of one link, all from DIR/telemetry.csv (columns interval, t_ns,
plane, port, counter, value) and report.json's link_health."""
import csv
import html
import math
import os


def read_telemetry(path):
    """{(plane, port): {counter: {interval: value}}} and the sorted intervals."""
    data, intervals = {}, set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (int(row["plane"]), int(row["port"]))
            iv = int(row["interval"])
            intervals.add(iv)
            data.setdefault(key, {}).setdefault(row["counter"], {})[iv] = float(row["value"])
    return data, sorted(intervals)


def _series(data, key, counter, intervals):
    c = data.get(key, {}).get(counter, {})
    return [c.get(i, 0.0) for i in intervals]


def chosen_link(lh, data):
    """The link the FEC plot shows: the first alarm's, else the one with the most uncorrectable codewords."""
    alarms = lh.get("alarms") or []
    if alarms:
        return (alarms[0]["plane"], alarms[0]["endpoint"])
    best, most = None, -1.0
    for key, cs in data.items():
        n = sum(cs.get("SAI_PORT_STAT_IF_IN_FEC_NOT_CORRECTABLE_FRAMES", {}).values())
        if n > most:
            best, most = key, n
    return best


def render_telemetry(page, plt, rep, run_dir, table, link=None):
    lh = rep.get("link_health")
    if not isinstance(lh, dict):
        return
    page.h2("Link health")
    alarms = lh.get("alarms") or []
    page.add(f"<p>{len(alarms)} detector transitions, {len(lh.get('baseline_alarms') or [])} baseline (SONiC predicted FLR) transitions.</p>")
    if alarms:
        page.add(table(["time (ns)", "endpoint", "plane", "level", "reason", "tail EWMA"],
                       [(a["time_ns"], a["endpoint"], a["plane"], a["level"], a["reason"], a["tail_ewma"]) for a in alarms]))
    links = lh.get("links") or []
    if links:
        page.add(table(["endpoint", "plane", "first alarm (ns)", "first baseline alarm (ns)", "first uncorrectable (ns)",
                        "first replay (ns)", "lead to uncorrectable (ns)"],
                       [(x["endpoint"], x["plane"], x.get("first_alarm_ns"), x.get("first_baseline_alarm_ns"),
                         x.get("first_uncorrectable_ns"), x.get("first_replay_ns"),
                         (x.get("lead_ns") or {}).get("alarm_to_uncorrectable")) for x in links]))
    path = os.path.join(run_dir, "telemetry.csv")
    if not os.path.isfile(path):
        page.add("<p>No telemetry.csv in the run folder (telemetry.enabled or telemetry.csv off).</p>")
        return
    data, intervals = read_telemetry(path)
    if not intervals:
        return
    interval_ns = float((lh.get("telemetry") or {}).get("interval_ns", 1000.0))
    gbps = float(rep.get("config", {}).get("link", {}).get("gbps", 800.0))
    cap = interval_ns * gbps / 8.0  # octets one direction carries in an interval
    xs = [i * interval_ns / 1000.0 for i in intervals]
    keys = sorted(data)
    # 1. Utilisation heat map: IF_OUT_OCTETS per port and interval over the line's capacity.
    grid = [[v / cap for v in _series(data, k, "SAI_PORT_STAT_IF_OUT_OCTETS", intervals)] for k in keys]
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, min(9.0, 0.18 * len(keys) + 1.5))))
    im = ax.imshow(grid, aspect="auto", interpolation="nearest", cmap="viridis", vmin=0, vmax=1,
                   extent=[xs[0] - interval_ns / 2000.0, xs[-1] + interval_ns / 2000.0, len(keys) - 0.5, -0.5])
    if len(keys) <= 40:
        ax.set_yticks(range(len(keys)))
        ax.set_yticklabels([f"p{k}.{p}" for k, p in keys], fontsize=6)
    ax.set_xlabel("time (us)")
    ax.set_ylabel("plane.port")
    ax.set_title("egress utilisation per switch port (IF_OUT_OCTETS / capacity)")
    fig.colorbar(im, ax=ax)
    page.plot(fig, "telemetry_utilisation", "per-port utilisation heat map")
    # 2. Queue depth over time, the four ports with the deepest egress watermark.
    def qdepth(k):
        cs = [c for c in data[k] if c.startswith("SB_QUEUE_WATERMARK_FLITS_C")]
        return [sum(t) for t in zip(*[_series(data, k, c, intervals) for c in cs])] if cs else [0.0] * len(intervals)
    depth = {k: qdepth(k) for k in keys}
    busiest = sorted(keys, key=lambda k: -max(depth[k]))[:4]
    fig, ax = plt.subplots(figsize=(6.5, 3.5))
    for k in busiest:
        ax.plot(xs, depth[k], label=f"plane {k[0]} port {k[1]}")
    ax.set_xlabel("time (us)")
    ax.set_ylabel("egress watermark (flits, all classes)")
    ax.set_title("queue depth over time, busiest ports")
    ax.legend(fontsize=7)
    page.plot(fig, "telemetry_queues", "queue depth over time")
    # 3. The FEC histogram over time of one link, log10(codewords) per bin, with the alarms.
    key = link if link in data else chosen_link(lh, data)
    if key is None:
        return
    bins = sorted((c for c in data[key] if c.startswith("SAI_PORT_STAT_IF_IN_FEC_CODEWORD_ERRORS_S")),
                  key=lambda c: int(c.rsplit("S", 1)[1]))
    if not bins:
        return
    hist = [[math.log10(v) if v > 0 else float("nan") for v in _series(data, key, b, intervals)] for b in bins]
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    im = ax.imshow(hist, aspect="auto", origin="lower", interpolation="nearest", cmap="magma",
                   extent=[xs[0] - interval_ns / 2000.0, xs[-1] + interval_ns / 2000.0, -0.5, len(bins) - 0.5])
    for a in alarms:
        if (a["plane"], a["endpoint"]) == key:
            ax.axvline(a["time_ns"] / 1000.0, color="cyan" if a["level"] == "degraded" else "red", linestyle="--",
                       label=f"{a['level']} ({a['reason']})")
    for x in links:
        if (x["plane"], x["endpoint"]) == key and x.get("first_uncorrectable_ns") is not None:
            ax.axvline(x["first_uncorrectable_ns"] / 1000.0, color="white", linestyle=":", label="first uncorrectable")
    ax.set_xlabel("time (us)")
    ax.set_ylabel("symbol errors (top bin: uncorr.)")
    ax.set_title(f"FEC histogram, plane {key[0]} port {key[1]} (log10 codewords/interval)")
    fig.colorbar(im, ax=ax)
    if alarms:
        ax.legend(fontsize=7, loc="upper left")
    page.plot(fig, "telemetry_fec", html.escape(f"FEC histogram over time, plane {key[0]} port {key[1]}"))
