// A switch port's telemetry unit and link-health detector (docs/link-health.md):
// counter deltas of the port's stat registers, per-interval counts of its
// link slots, queue depths and FEC codewords, a snapshot register at each
// interval's last edge, and the tail-EWMA / replay / uncorrectable /
// link-error detector. Implements the cycle semantics documented in
// systemc/telemetry/sb_telemetry_core.h (telemetry_core::step and
// health_update) cycle for cycle; the C++ model is compared against it on
// snap_o and health_o every cycle (tests/telemetry/test_telemetry.cpp).
//
// Signal names: x_q is the value before the edge, x_d the value after it
// (the working counts: this edge's events included, before the interval end
// clears them).
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs; only scalar fields are
// selected on them. The packed 2-D fields (eg_i.occ, ing_i.occ) are never
// indexed through the struct: the port is copied to a flat vector and class
// c's occupancy is bits [OccLsb + c*16 +: 16] of it. Per-class and per-bin
// registers are flat packed vectors (element i at [i*W +: W]); snap_o and
// health_o are built by concatenation in the layout of tel_snap_t and
// tel_health_t.

module sb_telemetry (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  sb_pkg::tel_cfg_t      cfg_i,
  input  sb_pkg::llr_wire_t     rx_i,
  input  sb_pkg::flit_t         rx_data_i,
  input  sb_pkg::llr_wire_t     tx_i,
  input  sb_pkg::flit_t         tx_data_i,
  input  sb_pkg::llr_stat_t     llr_i,
  input  sb_pkg::pfc_rx_stat_t  pfc_rx_i,
  input  sb_pkg::pfc_tx_stat_t  pfc_tx_i,
  input  sb_pkg::cbfc_tx_stat_t cbfc_tx_i,
  input  sb_pkg::ingress_stat_t ing_i,
  input  sb_pkg::egress_stat_t  eg_i,
  input  sb_pkg::fec_ev_t       fec_i,
  output sb_pkg::tel_snap_t     snap_o,
  output sb_pkg::tel_health_t   health_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int NumCls  = 8;
  localparam int NumBins = 17;                          // tel_snap_t.fec_hist
  localparam int ClsW    = sb_pkg::ClassW;              // 3
  localparam int CntW    = 32;                          // counters (wrap)
  localparam int OctW    = 40;                          // in/out_octets, ewma
  localparam int OccW    = 16;                          // queue depths
  localparam int IvW     = 24;                          // tel_cfg_t.interval
  localparam int SnapW   = sb_pkg::TelSnapBits;         // 2064
  localparam int EgW     = sb_pkg::EgressStatBits;
  localparam int IngW    = sb_pkg::IngressStatBits;
  localparam int EgOccLsb  = EgW - NumCls * OccW;       // occ is the first field
  localparam int IngOccLsb = IngW - NumCls * OccW;
  localparam logic [OccW-1:0] OccMax = '1;

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  // Counter inputs of the previous edge (0 after reset).
  logic [CntW-1:0]         prev_crc_q, prev_naks_q, prev_rep_q, prev_repf_q, prev_lerr_q;
  logic [CntW-1:0]         prev_prx_q, prev_ptx_q, prev_stall_q;
  // The interval's working counts.
  logic [IvW-1:0]          cnt_q, cnt_d;            // cycles of the interval so far
  logic [OctW-1:0]         in_oct_q, in_oct_d, out_oct_q, out_oct_d;
  logic [NumCls*CntW-1:0]  in_fl_q, in_fl_d, out_fl_q, out_fl_d, pcyc_q, pcyc_d;
  logic [NumCls*OccW-1:0]  qmax_q, qmax_d;
  logic [OccW-1:0]         ingmax_q, ingmax_d;
  logic [CntW-1:0]         prx_q, prx_d, ptx_q, ptx_d, stall_q, stall_d;
  logic [CntW-1:0]         crc_q, crc_d, naks_q, naks_d, rep_q, rep_d, repf_q, repf_d;
  logic [OccW-1:0]         lerr_q, lerr_d;          // tel_snap_t.link_errors is 16 bits
  logic [CntW-1:0]         cw_q, cw_d, sym_q, sym_d, corr_q, corr_d, unc_q, unc_d;
  logic [NumBins*CntW-1:0] hist_q, hist_d;
  logic [OccW-1:0]         tail_q, tail_d;          // tail codewords, saturating
  // The snapshot and the detector (registered outputs).
  logic [SnapW-1:0]        snap_q, snap_d;
  logic [1:0]              level_q, level_d;
  logic [3:0]              reason_q, reason_d;
  logic [CntW-1:0]         since_q, since_d;
  logic [OctW-1:0]         ewma_q, ewma_d;
  logic [OccW-1:0]         htail_q, htail_d;
  logic [7:0]              hold_q, hold_d;          // failing intervals left to hold

  // Combinational intermediates.
  logic [EgW-1:0]          eg_flat;
  logic [IngW-1:0]         ing_flat;
  logic [NumCls*OccW-1:0]  eg_occ;                  // eg_i.occ, class c at [c*16 +: 16]
  logic [CntW-1:0]         snap_seq_q;              // snap_o.seq
  logic                    last;                    // this edge ends the interval
  logic [4:0]              bin;                     // fec_i's histogram bin
  logic                    tail_hit;                // fec_i counts as a tail codeword
  // The detector's causes at an interval end.
  logic [OctW-1:0]         ewma_new;
  logic                    rep_fail, rep_deg, unc_fail, lerr_fail, tail_deg, fail;
  logic [1:0]              level_new;

  assign eg_flat    = eg_i;
  assign ing_flat   = ing_i;
  assign eg_occ     = eg_flat[EgOccLsb +: NumCls*OccW];
  assign snap_seq_q = snap_q[SnapW-1 -: CntW];

  // ---------------------------------------------------------------------------
  // Working counts: this edge's events (steps 1 and 2 of the model)
  // ---------------------------------------------------------------------------
  always_comb begin : p_count
    logic [18:0]     ing_sum;
    logic [OccW-1:0] ing_sat, occ_c;
    logic [4:0]      last_bin;

    // 1. Counter deltas (mod 2^32).
    crc_d   = crc_q + (llr_i.crc_errors - prev_crc_q);
    naks_d  = naks_q + (llr_i.naks_sent - prev_naks_q);
    rep_d   = rep_q + (llr_i.replays - prev_rep_q);
    repf_d  = repf_q + (llr_i.replayed_flits - prev_repf_q);
    lerr_d  = lerr_q + OccW'(llr_i.link_errors - prev_lerr_q);
    prx_d   = prx_q + (pfc_tx_i.frames - prev_prx_q);    // pause frames received
    ptx_d   = ptx_q + (pfc_rx_i.frames - prev_ptx_q);    // pause frames sent
    stall_d = stall_q + (cbfc_tx_i.stalls - prev_stall_q);

    // 2. Link slots, queue depths, pauses.
    in_oct_d  = in_oct_q + (rx_i.valid ? OctW'(cfg_i.flit_bytes) : '0);
    out_oct_d = out_oct_q + (tx_i.valid ? OctW'(cfg_i.flit_bytes) : '0);
    in_fl_d   = in_fl_q;
    out_fl_d  = out_fl_q;
    pcyc_d    = pcyc_q;
    qmax_d    = qmax_q;
    ing_sum   = '0;
    for (int c = 0; c < NumCls; c++) begin
      if (rx_i.valid && !rx_i.ctrl && rx_data_i.cls == ClsW'(c))
        in_fl_d[c*CntW +: CntW] = in_fl_q[c*CntW +: CntW] + 32'd1;
      if (tx_i.valid && !tx_i.ctrl && tx_data_i.cls == ClsW'(c))
        out_fl_d[c*CntW +: CntW] = out_fl_q[c*CntW +: CntW] + 32'd1;
      if (pfc_tx_i.paused[c]) pcyc_d[c*CntW +: CntW] = pcyc_q[c*CntW +: CntW] + 32'd1;
      occ_c = eg_occ[c*OccW +: OccW];
      if (occ_c > qmax_q[c*OccW +: OccW]) qmax_d[c*OccW +: OccW] = occ_c;
      ing_sum = ing_sum + 19'(ing_flat[IngOccLsb + c*OccW +: OccW]);
    end
    ing_sat  = (ing_sum[18:16] != '0) ? OccMax : ing_sum[OccW-1:0];
    ingmax_d = (ing_sat > ingmax_q) ? ing_sat : ingmax_q;

    // 2. FEC codewords.
    last_bin = cfg_i.fec_bins - 5'd1;
    bin      = fec_i.uncorr ? last_bin : ((fec_i.errs < last_bin) ? fec_i.errs : last_bin);
    tail_hit = fec_i.valid && (fec_i.uncorr || fec_i.errs >= cfg_i.tail_bin);
    cw_d     = cw_q + 32'(fec_i.valid);
    unc_d    = unc_q + 32'(fec_i.valid && fec_i.uncorr);
    sym_d    = sym_q + ((fec_i.valid && !fec_i.uncorr) ? 32'(fec_i.errs) : 32'd0);
    corr_d   = corr_q + 32'(fec_i.valid && !fec_i.uncorr && fec_i.errs != '0);
    tail_d   = tail_q + OccW'(tail_hit && tail_q != OccMax);
    hist_d   = hist_q;
    for (int b = 0; b < NumBins; b++) begin
      if (fec_i.valid && bin == 5'(b)) hist_d[b*CntW +: CntW] = hist_q[b*CntW +: CntW] + 32'd1;
    end

    // 3. The interval's last edge: the cycle counter reaches interval - 1.
    last  = (25'(cnt_q) + 25'd1) >= 25'(cfg_i.interval);
    cnt_d = last ? '0 : cnt_q + IvW'(1);
  end

  // ---------------------------------------------------------------------------
  // The snapshot and the detector (step 3, health_update)
  // ---------------------------------------------------------------------------
  always_comb begin : p_health
    logic [OctW:0] e;  // one bit more than the EWMA: saturation

    // E' = E - (E >> ewma_shift) + (tail << 8), saturating at 2^40 - 1.
    e         = {1'b0, ewma_q} - {1'b0, ewma_q >> cfg_i.ewma_shift} + {17'b0, tail_d, 8'b0};
    ewma_new  = e[OctW] ? '1 : e[OctW-1:0];
    rep_fail  = (cfg_i.fail_replays != '0) && (rep_d >= 32'(cfg_i.fail_replays));
    rep_deg   = (cfg_i.deg_replays != '0) && (rep_d >= 32'(cfg_i.deg_replays));
    unc_fail  = (cfg_i.fail_uncorr != '0) && (unc_d >= 32'(cfg_i.fail_uncorr));
    lerr_fail = (lerr_d != '0);
    tail_deg  = (ewma_new >= cfg_i.deg_on) || ((level_q != 2'd0) && (ewma_new >= cfg_i.deg_off));
    fail      = unc_fail || lerr_fail || rep_fail;
    hold_d    = hold_q;
    if (fail) begin
      level_new = 2'd2;
      hold_d    = cfg_i.hold;
    end else if (level_q == 2'd2 && hold_q != '0) begin
      level_new = 2'd2;
      hold_d    = hold_q - 8'd1;
    end else begin
      level_new = (tail_deg || rep_deg) ? 2'd1 : 2'd0;
    end

    snap_d   = snap_q;
    level_d  = level_q;
    reason_d = reason_q;
    since_d  = since_q;
    ewma_d   = ewma_q;
    htail_d  = htail_q;
    if (last) begin
      // tel_snap_t = {seq, in_octets, out_octets, in_flits, out_flits,
      // pause_cycles, q_max, q_cur, ing_max, pause_rx, pause_tx,
      // credit_stall, crc_errors, naks, replays, replayed, link_errors,
      // fec_cw, fec_sym, fec_corr, fec_uncorr, fec_hist}
      snap_d = {snap_seq_q + 32'd1, in_oct_d, out_oct_d, in_fl_d, out_fl_d, pcyc_d, qmax_d, eg_occ,
                ingmax_d, prx_d, ptx_d, stall_d, crc_d, naks_d, rep_d, repf_d, lerr_d,
                cw_d, sym_d, corr_d, unc_d, hist_d};
      ewma_d  = ewma_new;
      htail_d = tail_d;
      if (level_new != level_q) begin
        level_d  = level_new;
        since_d  = snap_seq_q + 32'd1;
        reason_d = {lerr_fail, unc_fail, rep_fail || rep_deg, tail_deg};
      end
    end else begin
      hold_d = hold_q;
    end
  end

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      prev_crc_q   <= '0;
      prev_naks_q  <= '0;
      prev_rep_q   <= '0;
      prev_repf_q  <= '0;
      prev_lerr_q  <= '0;
      prev_prx_q   <= '0;
      prev_ptx_q   <= '0;
      prev_stall_q <= '0;
      cnt_q    <= '0;
      in_oct_q <= '0;
      out_oct_q <= '0;
      in_fl_q  <= '0;
      out_fl_q <= '0;
      pcyc_q   <= '0;
      qmax_q   <= '0;
      ingmax_q <= '0;
      prx_q    <= '0;
      ptx_q    <= '0;
      stall_q  <= '0;
      crc_q    <= '0;
      naks_q   <= '0;
      rep_q    <= '0;
      repf_q   <= '0;
      lerr_q   <= '0;
      cw_q     <= '0;
      sym_q    <= '0;
      corr_q   <= '0;
      unc_q    <= '0;
      hist_q   <= '0;
      tail_q   <= '0;
      snap_q   <= '0;
      level_q  <= '0;
      reason_q <= '0;
      since_q  <= '0;
      ewma_q   <= '0;
      htail_q  <= '0;
      hold_q   <= '0;
    end else begin
      prev_crc_q   <= llr_i.crc_errors;
      prev_naks_q  <= llr_i.naks_sent;
      prev_rep_q   <= llr_i.replays;
      prev_repf_q  <= llr_i.replayed_flits;
      prev_lerr_q  <= llr_i.link_errors;
      prev_prx_q   <= pfc_tx_i.frames;
      prev_ptx_q   <= pfc_rx_i.frames;
      prev_stall_q <= cbfc_tx_i.stalls;
      cnt_q    <= cnt_d;
      // The working counts clear at the interval's last edge.
      in_oct_q  <= last ? '0 : in_oct_d;
      out_oct_q <= last ? '0 : out_oct_d;
      in_fl_q  <= last ? '0 : in_fl_d;
      out_fl_q <= last ? '0 : out_fl_d;
      pcyc_q   <= last ? '0 : pcyc_d;
      qmax_q   <= last ? '0 : qmax_d;
      ingmax_q <= last ? '0 : ingmax_d;
      prx_q    <= last ? '0 : prx_d;
      ptx_q    <= last ? '0 : ptx_d;
      stall_q  <= last ? '0 : stall_d;
      crc_q    <= last ? '0 : crc_d;
      naks_q   <= last ? '0 : naks_d;
      rep_q    <= last ? '0 : rep_d;
      repf_q   <= last ? '0 : repf_d;
      lerr_q   <= last ? '0 : lerr_d;
      cw_q     <= last ? '0 : cw_d;
      sym_q    <= last ? '0 : sym_d;
      corr_q   <= last ? '0 : corr_d;
      unc_q    <= last ? '0 : unc_d;
      hist_q   <= last ? '0 : hist_d;
      tail_q   <= last ? '0 : tail_d;
      snap_q   <= snap_d;
      level_q  <= level_d;
      reason_q <= reason_d;
      since_q  <= since_d;
      ewma_q   <= ewma_d;
      htail_q  <= htail_d;
      hold_q   <= hold_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: registers, laid out as the packed structs (tel_health_t =
  // {level, reason, since, ewma, tail}).
  // ---------------------------------------------------------------------------
  assign snap_o   = snap_q;
  assign health_o = {level_q, reason_q, since_q, ewma_q, htail_q};

  // Of the inputs only the counters, valid/ctrl/cls, paused and the
  // occupancies are used.
  logic unused_in;
  assign unused_in = ^{rx_i, rx_data_i, tx_i, tx_data_i, llr_i, pfc_rx_i, pfc_tx_i, cbfc_tx_i, eg_flat, ing_flat};

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock (as in rtl/llr/sb_llr.sv).
  sb_pkg::tel_snap_t snap_tmp;
  logic [CntW-1:0]   sva_hist_sum;      // sum of snap_o.fec_hist
  logic [CntW+3:0]   sva_in_sum, sva_out_sum;  // data flits of the snapshot, all classes
  logic              sva_qcur_over;     // some q_cur[c] > q_max[c]
  logic              sva_pause_over;    // some pause_cycles[c] > interval
  logic [1:0]        sva_level;
  logic [CntW-1:0]   sva_since;
  logic [OccW-1:0]   sva_htail;

  logic              unused_sva;        // the snapshot's fields the properties do not read
  assign snap_tmp   = snap_q;
  assign unused_sva = ^snap_tmp;
  assign sva_level = level_q;
  assign sva_since = since_q;
  assign sva_htail = htail_q;
  always_comb begin : p_sva_helpers
    sva_hist_sum   = '0;
    sva_in_sum     = '0;
    sva_out_sum    = '0;
    sva_qcur_over  = 1'b0;
    sva_pause_over = 1'b0;
    for (int b = 0; b < NumBins; b++) sva_hist_sum = sva_hist_sum + snap_tmp.fec_hist[b];
    for (int c = 0; c < NumCls; c++) begin
      sva_in_sum  = sva_in_sum + 36'(snap_tmp.in_flits[c]);
      sva_out_sum = sva_out_sum + 36'(snap_tmp.out_flits[c]);
      if (snap_tmp.q_cur[c] > snap_tmp.q_max[c]) sva_qcur_over = 1'b1;
      if (snap_tmp.pause_cycles[c] > 32'(cfg_i.interval)) sva_pause_over = 1'b1;
    end
  end

  // Configuration: legal (telemetry_params::validate) and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.interval >= 24'd16 && cfg_i.flit_bytes >= 13'd16 && cfg_i.flit_bytes <= 13'd4096 &&
      cfg_i.fec_bins >= 5'd2 && cfg_i.fec_bins <= 5'd17 && cfg_i.tail_bin >= 5'd1 &&
      cfg_i.ewma_shift <= 4'd12 && cfg_i.deg_on != '0 && cfg_i.deg_off <= cfg_i.deg_on)
    else $error("sb_telemetry: cfg_i out of range (interval=%0d flit_bytes=%0d fec_bins=%0d tail_bin=%0d ewma_shift=%0d)",
                cfg_i.interval, cfg_i.flit_bytes, cfg_i.fec_bins, cfg_i.tail_bin, cfg_i.ewma_shift);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_telemetry: cfg_i changed while out of reset");

  // The snapshot changes only at an interval's last edge, and its seq then
  // advances by exactly one.
  SeqStep_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) |-> snap_tmp.seq == $past(snap_tmp.seq) + 32'($past(last)))
    else $error("sb_telemetry: snap_o.seq %0d after %0d (interval end: %0d)", snap_tmp.seq, $past(snap_tmp.seq),
                $past(last));
  SnapStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) && !$past(last) |-> $stable(snap_q))
    else $error("sb_telemetry: snap_o changed inside an interval");
  // The interval lasts cfg_i.interval edges.
  CntRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) cnt_q < cfg_i.interval)
    else $error("sb_telemetry: cycle counter %0d beyond interval %0d", cnt_q, cfg_i.interval);

  // Snapshot consistency: every codeword is in one histogram bin; corrected
  // and uncorrectable codewords are codewords; each corrected one has >= 1
  // symbol error; at most one data slot per edge and direction.
  HistSum_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_hist_sum == snap_tmp.fec_cw)
    else $error("sb_telemetry: fec_hist sums to %0d, fec_cw %0d", sva_hist_sum, snap_tmp.fec_cw);
  FecSplit_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      33'(snap_tmp.fec_corr) + 33'(snap_tmp.fec_uncorr) <= 33'(snap_tmp.fec_cw) && snap_tmp.fec_sym >= snap_tmp.fec_corr)
    else $error("sb_telemetry: fec_corr %0d + fec_uncorr %0d > fec_cw %0d or fec_sym %0d < fec_corr",
                snap_tmp.fec_corr, snap_tmp.fec_uncorr, snap_tmp.fec_cw, snap_tmp.fec_sym);
  FlitsOctets_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      53'(sva_in_sum) * 53'(cfg_i.flit_bytes) <= 53'(snap_tmp.in_octets) &&
      53'(sva_out_sum) * 53'(cfg_i.flit_bytes) <= 53'(snap_tmp.out_octets) &&
      sva_in_sum <= 36'(cfg_i.interval) && sva_out_sum <= 36'(cfg_i.interval))
    else $error("sb_telemetry: data flits (in %0d, out %0d) beyond the slots of the interval", sva_in_sum, sva_out_sum);
  QueueDepth_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !sva_qcur_over && !sva_pause_over)
    else $error("sb_telemetry: a q_cur above its q_max or pause_cycles beyond the interval");

  // Detector: three levels; the level changes only at an interval end, and
  // then since names that interval; a failing cause makes it failing; it
  // holds failing for hold intervals; the tail count is of the snapshot's codewords.
  LevelRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_level != 2'd3)
    else $error("sb_telemetry: health level 3");
  LevelAtEnd_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) && sva_level != $past(sva_level) |-> $past(last) && sva_since == snap_tmp.seq)
    else $error("sb_telemetry: level changed to %0d outside an interval end or since %0d != seq %0d", sva_level,
                sva_since, snap_tmp.seq);
  FailRaises_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) && $past(last && fail) |-> sva_level == 2'd2 && hold_q == cfg_i.hold)
    else $error("sb_telemetry: a failing cause without level 2");
  HoldFailing_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) && $past(sva_level) == 2'd2 && $past(hold_q) != '0 |-> sva_level == 2'd2)
    else $error("sb_telemetry: failing cleared with %0d hold intervals left", $past(hold_q));
  HoldRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) hold_q <= cfg_i.hold)
    else $error("sb_telemetry: hold counter %0d beyond hold %0d", hold_q, cfg_i.hold);
  TailCount_A: assert property (@(posedge clk_i) disable iff (!rst_ni) 32'(sva_htail) <= snap_tmp.fec_cw)
    else $error("sb_telemetry: health tail %0d beyond the snapshot's %0d codewords", sva_htail, snap_tmp.fec_cw);
`endif

endmodule
