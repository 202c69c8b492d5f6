#!/usr/bin/python3
"""Formal proofs of the RTL blocks with yosys and yosys-smtbmc (z3) or
yosys' own SAT solver.

    scripts/formal.py list
    scripts/formal.py run JOB [--mode bmc|prove] [--depth N] [--engine smtbmc|sat]
                              [--only P1,P2,..] [--break NAME] [--expect-refuted PROP]
                              [--all-props]
                              [--out DIR] [--pkg sb_pkg.sv]

A job is a harness in formal/<block>_formal.sv (a wrapper module that
instantiates the block at small parameters, constrains its inputs with
`assume` and checks labelled immediate `assert`s under `ifdef FORMAL`) and
the RTL it reads. The flow: yosys `read_verilog -formal -sv -DYOSYS`,
`hierarchy`, `proc`, `flatten`, [`memory -nomap; memory_map` for a job with
memory_early], probes (below), `prep`, `memory_map`, `opt -fast`, [`opt
-full` for opt_full, `techmap; opt -fast` for techmap], `dffunmap`, written
once to elab.il; then per solver run: the removed assertions (`chformal
-remove`), and `write_smt2` + `yosys-smtbmc -s z3 --unroll` (engine smtbmc)
or `sat -tempinduct` (engine sat, bit-level MiniSat inside yosys):

  bmc    bounded model check of steps 0..N-1 from reset: no assertion fails
         on any input sequence of N cycles (status BOUNDED), or a
         counterexample (status REFUTED, trace.vcd).
  prove  smtbmc: the same BMC, then k-induction with k = N (`yosys-smtbmc
         -i`); an assertion that also passes the induction step holds in
         every reachable state (status PROVEN), one that fails it is only
         BOUNDED. sat: `sat -tempinduct -maxsteps N`: base case and
         induction step of length 1, 2, ... N; PROVEN at the first length
         whose induction step holds (for all remaining assertions
         together), else BOUNDED to N.

A counterexample names one assertion (sat does not name it: the driver
then checks each remaining assertion alone to that length). The driver
records it as REFUTED, removes that assertion and reruns, so every property
ends with its own status and time. Exit status 0 when nothing is REFUTED;
with --expect-refuted PROP (a broken variant), 0 only if PROP is REFUTED
with a counterexample trace written; a broken variant checks only PROP
(the other assertions are removed) unless --all-props is given.

Probes: a harness line `// formal-probe: WIRE = INSTANCE.SIGNAL` connects
the harness's (undriven) wire WIRE to a signal inside the flattened block
(`connect -set` after `flatten`), so a property can read internal state
without any formal code in the RTL file. A whole signal only: read a struct
field as a bit range of the probed vector.

Broken variants (--break): either a define the harness reads, or a textual
mutation of one RTL file (copied into the output folder; the mutation must
match exactly once). The real RTL files are never modified. Assertions
inside `ifdef FORMAL_<X> exist only with that define: a sanity variant
("reach") turns on an assertion that some interesting state never occurs,
which must be REFUTED (the assumptions are not vacuous).
"""
import argparse
import os
import resource
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> harness, top, RTL files (after the package), breaks, default depths.
JOBS = {
    "xbar": dict(
        harness="formal/xbar_formal.sv", top="xbar_formal",
        rtl=["rtl/xbar/sb_xbar.sv"],
        # z3 needed 138 s for 2 steps; yosys sat on the gate-level model
        # (only the flit bits the harness reads survive) does 6 in minutes.
        engine="sat",
        techmap=True,
        breaks={
            # Requests ignore the input lock: an input in the middle of a
            # packet to one output can also be matched to another one and
            # sends two flits at one edge (its grants are not one-hot).
            "grant_not_onehot": dict(
                file="rtl/xbar/sb_xbar.sv",
                old="if (!in_lock_q[i] && !out_lock_q[j] && out_ready_i[j]) begin",
                new="if (!out_lock_q[j] && out_ready_i[j]) begin"),
            # A dequeue does not decrement the queue's count: the flit is
            # sent and still counted (and sent again): conservation breaks.
            "count_leak": dict(
                file="rtl/xbar/sb_xbar.sv",
                old="cnt_d[i][32'(q)*CntW +: CntW]    = cnt_q[i][32'(q)*CntW +: CntW] - 1'b1;",
                new="cnt_d[i][32'(q)*CntW +: CntW]    = cnt_q[i][32'(q)*CntW +: CntW];"),
        }),
    "cbfc": dict(
        harness="formal/cbfc_formal.sv", top="cbfc_formal",
        rtl=["rtl/cbfc/sb_cbfc_tx.sv", "rtl/cbfc/sb_cbfc_rx.sv"],
        breaks={
            # The sender's credit check lets one flit more through than the
            # limit allows (in_use + cost <= limit + cost): its counter can
            # exceed the limit and the receiver overflows.
            "credit_overflow": dict(
                file="rtl/cbfc/sb_cbfc_tx.sv",
                old="ok[c] = (17'(in_use1[c*CrW +: CrW]) + 17'(cfg_i.cost)) <= 17'(cfg_i.limit);",
                new="ok[c] = 17'(in_use1[c*CrW +: CrW]) <= 17'(cfg_i.limit);"),
        }),
    "pfc_tx": dict(
        harness="formal/pfc_tx_formal.sv", top="pfc_tx_formal",
        rtl=["rtl/pfc/sb_pfc_tx.sv"],
        breaks={
            # Packet starts are not gated by pauses at all.
            "no_reaction": dict(
                file="rtl/pfc/sb_pfc_tx.sv",
                old="offer_i[c] && sop_i[c] && !blocked[c];",
                new="offer_i[c] && sop_i[c];"),
        }),
    "llr": dict(
        harness="formal/llr_formal.sv", top="llr_formal",
        rtl=["rtl/llr/sb_llr.sv"],
        # The replay buffer is mapped to registers before the probes, so
        # that the harness can read its entries (a.mem_q[i]).
        memory_early=True,
        engine="sat",
        # opt -full costs about 11 s of elaboration and saves about 40 % of
        # the solver time: worth it for the proof, not for a shallow BMC.
        opt_full="prove",
        breaks={
            # The receiver delivers every good data slot, whatever its
            # sequence: a replayed flit it already has is delivered again.
            "deliver_dup": dict(
                file="rtl/llr/sb_llr.sv",
                old="rx_deliver   = rx_tmp.valid && !rx_tmp.ctrl &&  rx_good && (rx_tmp.seq == expected_q);",
                new="rx_deliver   = rx_tmp.valid && !rx_tmp.ctrl &&  rx_good;"),
            # An acknowledgement frees one entry more than it covers: the
            # transmitter drops a flit the receiver does not have.
            "ack_overfree": dict(
                file="rtl/llr/sb_llr.sv",
                old="ack_n     = (rx_tmp.seq - base_q + SeqW'(1)) & seq_mask;",
                new="ack_n     = (rx_tmp.seq - base_q + SeqW'(2)) & seq_mask;"),
            # Sanity, not a bug: a harness assertion that a delivery after a
            # replay never happens must be refuted (the assumptions leave
            # the interesting behaviour reachable).
            "reach": dict(define="FORMAL_REACH"),
            # up_ready_o stays high with the buffer full: one flit too many.
            "ready_full": dict(
                file="rtl/llr/sb_llr.sv",
                old="assign up_ready_o = (tx_state_q == TxAdvance) && (occ_q < cfg_i.depth);",
                new="assign up_ready_o = (tx_state_q == TxAdvance) && (occ_q <= cfg_i.depth);"),
        }),
    "pfc_rx": dict(
        harness="formal/pfc_rx_formal.sv", top="pfc_rx_formal",
        rtl=["rtl/pfc/sb_pfc_rx.sv"],
        breaks={
            # Sanity, not a bug: "a resume after a headroom violation never
            # happens" must be refuted (the assumptions are not vacuous).
            "reach": dict(define="FORMAL_REACH"),
            # No hysteresis: a paused class resumes as soon as it holds less
            # than xoff (pause / resume chatter around one threshold).
            "no_hysteresis": dict(
                file="rtl/pfc/sb_pfc_rx.sv",
                old="end else if (occ_c <= cfg_i.xon) begin",
                new="end else if (occ_c < cfg_i.xoff) begin"),
            # The paused state is ignored: a pause frame goes out every
            # cycle while the class holds >= xoff (no refresh spacing).
            "xoff_repeat": dict(
                file="rtl/pfc/sb_pfc_rx.sv",
                old="if (!paused_q[c]) begin",
                new="if (!paused_q[c] || occ_c >= cfg_i.xoff) begin"),
        }),
    "ls_port": dict(
        harness="formal/ls_port_formal.sv", top="ls_port_formal",
        rtl=["rtl/ls_port/sb_ls_port.sv"],
        breaks={
            # The tag allocator ignores the valid bits: it issues tag 0 (or
            # the lowest below max_tags) even while it is outstanding.
            "tag_reuse": dict(
                file="rtl/ls_port/sb_ls_port.sv",
                old="if (!alloc_found && !valid_q[t] && CntW'(t) < cfg_i.max_tags) begin",
                new="if (!alloc_found && CntW'(t) < cfg_i.max_tags) begin"),
            # Reuse of an entry issues its index again (generation stuck at
            # 0): a late response of a timed-out transaction would match the
            # entry's next one.
            "gen_stuck": dict(
                file="rtl/ls_port/sb_ls_port.sv",
                old="assign alloc_tag  = used_q[alloc_idx] ?",
                new="assign alloc_tag  = 1'b0 ?"),
            # The response matcher compares the index only, not the
            # generation: a late response completes the entry's newer
            # transaction (the bug the generations fix).
            "stale_match": dict(
                file="rtl/ls_port/sb_ls_port.sv",
                old="assign rsp_lookup   = rsp_in_range && valid_q[rsp_idx] && (tag_q[rsp_idx*TagW +: TagW] == rsp_tmp.tag);",
                new="assign rsp_lookup   = rsp_in_range && valid_q[rsp_idx];"),
        }),
}

PROBE_RE = re.compile(r"//\s*formal-probe:\s*(\w+)\s*=\s*([\w.\[\]]+)")
ASSERT_RE = re.compile(r"^\s*(\w+)\s*:\s*assert\s*\(", re.M)
FAIL_RE = re.compile(r"Assert failed in \S+: (\S+)")


def log(msg):
    print(msg, flush=True)


def ensure_pkg(out, pkg):
    if pkg:
        return os.path.abspath(pkg)
    gen = os.path.join(out, "autogen")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/gen_types.py"),
                    os.path.join(ROOT, "rtl/common/sb_types.yaml"), gen],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(gen, "sb_pkg.sv")


def prepare_sources(job, brk, out):
    """Copies the RTL into out/rtl (mutated for a broken variant)."""
    defines = []
    files = []
    for rel in job["rtl"]:
        dst = os.path.join(out, "rtl", os.path.basename(rel))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(os.path.join(ROOT, rel)) as f:
            text = f.read()
        if brk and brk.get("file") == rel:
            n = text.count(brk["old"])
            if n != 1:
                raise SystemExit(f"formal: mutation text found {n} times in {rel} (must be exactly once)")
            text = text.replace(brk["old"], brk["new"])
        with open(dst, "w") as f:
            f.write(text)
        files.append(dst)
    if brk and "define" in brk:
        defines.append(brk["define"])
    return files, defines


IFDEF_RE = re.compile(r"`ifdef\s+(FORMAL_\w+)(.*?)`endif", re.S)


def harness_info(path, defines=()):
    with open(path) as f:
        text = f.read()
    # Assertions inside `ifdef FORMAL_<X> (e.g. the reachability checks of
    # a sanity variant) exist only when that define is given.
    text = IFDEF_RE.sub(lambda m: m.group(2) if m.group(1) in defines else "", text)
    probes = PROBE_RE.findall(text)
    props = ASSERT_RE.findall(text)
    return probes, props


def yosys_script(out, name, lines):
    ys = os.path.join(out, name + ".ys")
    with open(ys, "w") as f:
        f.write("# generated by scripts/formal.py\n" + "\n".join(lines) + "\n")
    logf = os.path.join(out, name + ".log")
    r = subprocess.run(["yosys", "-q", "-l", logf, "-s", ys],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        raise SystemExit(f"formal: yosys failed (see {logf})")
    with open(logf) as f:
        return f.read()


def build_model(job, pkg, rtl, defines, out, removed, final=None):
    """Elaborates the harness once per output folder (elab.il: probes
    connected, prep, memories mapped), then removes the assertions in
    `removed` and runs `final` (default write_smt2; the sat engine passes
    its sat command). Returns the log of the second script."""
    elab = os.path.join(out, "elab.il")
    if not os.path.exists(elab):
        harness = os.path.join(ROOT, job["harness"])
        probes, _ = harness_info(harness)
        dflags = " ".join(f"-D{d}" for d in ["YOSYS", "SYNTHESIS"] + defines)
        lines = [f"read_verilog -formal -sv {dflags} {pkg} {' '.join(rtl)} {harness}",
                 f"hierarchy -check -top {job['top']}",
                 "proc",
                 "flatten"]
        if job.get("memory_early"):
            # Memories become registers (name[i]) that probes can read.
            lines += ["memory -nomap", "memory_map"]
        lines.append(f"cd {job['top']}")
        for k, (wire, sig) in enumerate(probes):
            # A flattened name may hold brackets (an unpacked array element,
            # dut.x[1]): rename it to a plain name before the connection.
            lines.append(f"rename {sig} fprobe_{k}")
            lines.append(f"connect -set {wire} fprobe_{k}")
        lines.append("cd ..")
        lines += [f"prep -top {job['top']}",
                  "memory_map",
                  "opt -fast"]
        if job.get("opt_full"):
            # Fine-grained constant folding (e.g. the CRC's muxes between
            # x and x ^ polynomial): about half the SAT variables per step.
            lines += ["opt -full", "opt_expr -mux_undef -mux_bool -fine", "opt_clean"]
        if job.get("techmap"):
            # Gate level: opt_clean then drops every bit nothing observes
            # (e.g. the flit fields a harness never reads, in queue storage
            # and pipelines), which word-level cells keep whole.
            lines += ["dffunmap", "techmap", "opt -fast", "opt_clean"]
        lines += ["dffunmap",
                  f"write_rtlil {elab}"]
        yosys_script(out, "elab", lines)
    lines = [f"read_rtlil {elab}"]
    for p in removed:
        lines.append(f"chformal -assert -remove {job['top']}/{p}")
    lines += ["opt_clean",
              "check -assert",
              final or f"write_smt2 -wires {out}/model.smt2"]
    text = yosys_script(out, "model", lines)
    if final:
        with open(os.path.join(out, "sat.log"), "a") as f:
            f.write(text)
    return text


def sat(job, pkg, rtl, defines, out, removed, depth, induction, vcd):
    """The yosys `sat` engine (bit-level, MiniSat) on the same model:
    -tempinduct (base case and induction step of growing length up to
    depth) or -tempinduct-baseonly (BMC). Returns (result, length, seconds):
    "proven" (the induction step holds at that length), "bounded" (no
    counterexample in depth steps) or "refuted" (a counterexample of that
    many steps, step 1 = the reset cycle)."""
    cmd = ("sat -tempinduct" if induction else "sat -tempinduct-baseonly") + \
          f" -maxsteps {depth} -prove-asserts -set-assumes"
    if vcd:
        cmd += f" -dump_vcd {vcd}"
    t0 = time.time()
    text = build_model(job, pkg, rtl, defines, out, removed, final=cmd)
    dt = time.time() - t0
    lengths = re.findall(r"Trying induction with length (\d+)", text)
    n = int(lengths[-1]) if lengths else 0
    if "model found for base case: FAIL" in text:
        return "refuted", n, dt
    if "Induction step proven: SUCCESS" in text:
        return "proven", n, dt
    if "Reached maximum number of time steps" in text:
        return "bounded", depth, dt
    raise SystemExit("formal: yosys sat gave no result (see %s/sat.log)" % out)


def run_sat(args, job, pkg, rtl, defines, out, props, status, removed):
    """Per-property statuses with the sat engine. sat proves all remaining
    assertions together and does not name the one a counterexample
    violates: with more than one left, each is checked alone to that length
    to find it."""
    while True:
        live = [p for p in props if p not in removed]
        if not live:
            return
        tmp = os.path.join(out, "trace_tmp.vcd")
        res, n, dt = sat(job, pkg, rtl, defines, out, removed, args.depth, args.mode == "prove", tmp)
        if res == "proven":
            for p in live:
                status[p] = ("PROVEN", f"k-induction (yosys sat), length {n}", dt)
            return
        if res == "bounded":
            why = f"no counterexample in {args.depth} cycles"
            if args.mode == "prove":
                why += f"; induction does not close at length <= {args.depth}"
            for p in live:
                status[p] = ("BOUNDED", why, dt)
            return
        failed = live[0]
        if len(live) > 1:
            for p in live:
                others = [q for q in props if q != p]
                r2, n2, dt2 = sat(job, pkg, rtl, defines, out, others, n, False, tmp)
                dt += dt2
                if r2 == "refuted":
                    failed, n = p, n2
                    break
            else:
                raise SystemExit("formal: sat counterexample not attributable to one assertion")
        vcd = os.path.join(out, f"trace_{failed}.vcd")
        if os.path.exists(tmp):
            os.replace(tmp, vcd)
        status[failed] = ("REFUTED", f"counterexample at step {n - 1}, trace {vcd}", dt)
        removed.append(failed)


def smtbmc(out, depth, induction, vcd):
    cmd = ["yosys-smtbmc", "-s", "z3", "--unroll", "--presat", "-t", str(depth)]
    if induction:
        cmd.insert(3, "-i")
    if vcd:
        cmd += ["--dump-vcd", vcd]
    cmd.append(os.path.join(out, "model.smt2"))
    t0 = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dt = time.time() - t0
    with open(os.path.join(out, "smtbmc.log"), "a") as f:
        f.write("$ " + " ".join(cmd) + "\n" + r.stdout + "\n")
    passed = "Status: PASSED" in r.stdout
    m = FAIL_RE.search(r.stdout)
    step = None
    ms = re.findall(r"Checking assertions in step (\d+)", r.stdout)
    if ms:
        step = int(ms[-1])
    if not passed and not m:
        sys.stdout.write(r.stdout[-3000:])
        raise SystemExit("formal: yosys-smtbmc neither passed nor named a failed assertion")
    if "Assumptions are unsatisfiable" in r.stdout:
        raise SystemExit("formal: assumptions unsatisfiable (vacuous harness)")
    return passed, (m.group(1) if m else None), step, dt


def run(args):
    job = JOBS[args.job]
    brk = None
    if args.brk:
        if args.brk not in job["breaks"]:
            raise SystemExit(f"formal: job {args.job} has no broken variant {args.brk}")
        brk = job["breaks"][args.brk]
    tag = args.job + (f"-{args.brk}" if args.brk else "") + f"-{args.mode}{args.depth}"
    out = os.path.abspath(args.out or os.path.join(ROOT, "build-formal", "formal", tag))
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    pkg = ensure_pkg(out, args.pkg)
    rtl, defines = prepare_sources(job, brk, out)
    _, props = harness_info(os.path.join(ROOT, job["harness"]), defines)
    if job.get("opt_full") == "prove":
        job = dict(job, opt_full=(args.mode == "prove"))
    engine = args.engine or job.get("engine", "smtbmc")
    solver = "z3 (yosys-smtbmc)" if engine == "smtbmc" else "yosys sat (MiniSat)"

    log(f"formal: {args.job}" + (f" (broken variant {args.brk})" if args.brk else "") +
        f", mode {args.mode}, depth {args.depth}, solver {solver}, output {out}")
    status = {}
    removed = []
    if args.only:
        # A subset of the properties (e.g. the ones whose induction closes
        # on its own): the others are removed from the model.
        keep = args.only.split(",")
        for p in keep:
            if p not in props:
                raise SystemExit(f"formal: {args.job} has no property {p}")
        for p in props:
            if p not in keep:
                status[p] = ("-", "not checked (--only)", 0.0)
                removed.append(p)
    if args.expect_refuted and not args.all_props:
        # A broken variant checks only the property it must refute (the
        # others are removed: one solver run instead of one per refutation).
        if args.expect_refuted not in props:
            raise SystemExit(f"formal: {args.job} has no property {args.expect_refuted}")
        for p in props:
            if p != args.expect_refuted and p not in removed:
                status[p] = ("-", "not checked (broken variant: only the expected property)", 0.0)
                removed.append(p)
    t_start = time.time()
    if engine == "sat":
        run_sat(args, job, pkg, rtl, defines, out, props, status, removed)
    # BMC, removing each refuted property in turn.
    while engine == "smtbmc":
        t0 = time.time()
        build_model(job, pkg, rtl, defines, out, removed)
        tb = time.time() - t0
        vcd = None
        passed, failed, step, dt = smtbmc(out, args.depth, False, os.path.join(out, "trace_tmp.vcd"))
        if passed:
            for p in props:
                if p not in status:
                    status[p] = ("BOUNDED", f"no counterexample in {args.depth} cycles", tb + dt)
            break
        vcd = os.path.join(out, f"trace_{failed}.vcd")
        if os.path.exists(os.path.join(out, "trace_tmp.vcd")):
            os.replace(os.path.join(out, "trace_tmp.vcd"), vcd)
        status[failed] = ("REFUTED", f"counterexample at step {step}, trace {vcd}", tb + dt)
        removed.append(failed)
        if len(removed) >= len(props):
            break
    # k-induction on what BMC did not refute.
    if args.mode == "prove" and engine == "smtbmc":
        ind_removed = list(removed)
        while True:
            live = [p for p in props if p not in ind_removed]
            if not live:
                break
            t0 = time.time()
            build_model(job, pkg, rtl, defines, out, ind_removed)
            tb = time.time() - t0
            passed, failed, step, dt = smtbmc(out, args.depth, True, None)
            if passed:
                for p in live:
                    status[p] = ("PROVEN", f"k-induction, k = {args.depth}", status[p][2] + tb + dt)
                break
            status[failed] = ("BOUNDED", f"no counterexample in {args.depth} cycles; "
                              f"induction step fails at k = {args.depth}", status[failed][2] + tb + dt)
            ind_removed.append(failed)
    total = time.time() - t_start
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ru.ru_utime + ru.ru_stime
    w = max(len(p) for p in props)
    for p in props:
        st, why, dt = status[p]
        log(f"  {p:<{w}}  {st:<8} {dt:7.1f} s  {why}")
    log(f"formal: {args.job} total {total:.1f} s wall, {cpu:.1f} s CPU (yosys and solvers)")
    refuted = [p for p in props if status[p][0] == "REFUTED"]
    if args.expect_refuted:
        p = args.expect_refuted
        if p in refuted and os.path.exists(os.path.join(out, f"trace_{p}.vcd")):
            log(f"formal: broken variant refuted as expected ({p})")
            return 0
        log(f"formal: FAIL: broken variant {args.brk}: {p} was not refuted")
        return 1
    if refuted:
        log("formal: FAIL: refuted " + ", ".join(refuted))
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list")
    r = sub.add_parser("run")
    r.add_argument("job", choices=sorted(JOBS))
    r.add_argument("--mode", choices=["bmc", "prove"], default="bmc")
    r.add_argument("--depth", type=int, default=20)
    r.add_argument("--break", dest="brk")
    r.add_argument("--expect-refuted")
    r.add_argument("--all-props", action="store_true",
                   help="with --expect-refuted: check every property, not only the expected one")
    r.add_argument("--only", help="comma-separated properties: check only these")
    r.add_argument("--engine", choices=["smtbmc", "sat"],
                   help="smtbmc: yosys-smtbmc with z3 (per-property k-induction); sat: yosys' "
                        "own bit-level `sat -tempinduct` (default: the job's engine)")
    r.add_argument("--out")
    r.add_argument("--pkg", help="generated sb_pkg.sv (default: generate into the output folder)")
    a = ap.parse_args()
    if a.cmd == "list":
        for n, j in JOBS.items():
            _, props = harness_info(os.path.join(ROOT, j["harness"]))
            log(f"{n} [{j.get('engine', 'smtbmc')}]: {j['harness']} ({', '.join(props)}); "
                f"broken: {', '.join(j['breaks'])}")
        return 0
    if (a.engine or JOBS[a.job].get("engine", "smtbmc")) == "smtbmc" and shutil.which("z3") is None:
        raise SystemExit("formal: z3 not found (scripts/install-deps.sh installs it)")
    return run(a)


if __name__ == "__main__":
    sys.exit(main())
