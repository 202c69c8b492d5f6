// Credit-based flow control (UEC CBFC), receiver end: per-VC occupancy,
// credits freed (rcf) and consumed (rcc, from arrivals and the sender's
// credits-consumed synchronisation), credit-freed updates with minimum and
// maximum spacing picked round-robin, and recovery of credits lost with
// flits. Implements docs/flow-control.md "Cycle-level behaviour (normative)"
// -> sb_cbfc_rx cycle for cycle; the C++ model in systemc/cbfc/ is compared
// against it on every output every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), x1 the intermediate values of steps 1, 2 and 4.
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs (yosys reads the packed
// 2-D fields cc_update_t.cc and cbfc_rx_stat_t.occ of these port types
// correctly, so no flat port variant is needed); struct fields are only
// selected on ports or on module-level scalar temporaries (the *_tmp
// variables); per-VC registers are flat packed vectors, VC c at
// [c*W +: W].

module sb_cbfc_rx (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  sb_pkg::cbfc_cfg_t     cfg_i,
  input  sb_pkg::flit_t         in_i,
  input  sb_pkg::fc_sel_t       deq_i,
  input  sb_pkg::cc_update_t    cc_i,
  output sb_pkg::credit_t       credit_o,
  output sb_pkg::fc_drop_t      drop_o,
  output sb_pkg::cbfc_rx_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int NumVc = 8;                  // VCs the types carry (cls is 3 bits)
  localparam int CrW   = sb_pkg::CreditW;    // 16: cyclic credit counters
  localparam int SpW   = 24;                 // since counters (max_spacing width)

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  logic [NumVc*CrW-1:0] occ_q, occ_d;        // flits held per VC
  logic [NumVc*CrW-1:0] rcf_q, rcf_d;        // credits freed, cyclic
  logic [NumVc*CrW-1:0] rcc_q, rcc_d;        // credits consumed, cyclic
  logic [NumVc*CrW-1:0] sent_q, sent_d;      // the last rcf sent per VC
  logic [NumVc*SpW-1:0] since_q, since_d;    // cycles since the last update, <= max_spacing
  logic [2:0]           rr_q, rr_d;          // round-robin pointer, < classes

  logic [31:0] updates_q, updates_d;
  logic [31:0] recovered_q, recovered_d;
  logic [31:0] overflows_q, overflows_d;

  logic [sb_pkg::CreditBits-1:0] credit_q, credit_d;
  logic [sb_pkg::FcDropBits-1:0] drop_q, drop_d;

  // ---------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------
  logic [15:0]          cap;       // limit / cost: flits a VC may hold
  logic [NumVc*CrW-1:0] cc_in;     // cc_i.cc, VC c at [c*CrW +: CrW]
  logic [NumVc-1:0]     a;         // the arrival of this edge is stored in VC c
  logic [NumVc*CrW-1:0] rcc1, rcf1;
  logic [15:0]          d;         // cyclic credits recovered for one VC
  logic [NumVc*25-1:0]  since1;    // since + 1 (25 bits: no wrap)
  logic [NumVc-1:0]     due;
  logic                 pick_vld;  // a VC sends an update at this edge
  logic [2:0]           pick;

  sb_pkg::credit_t  credit_tmp;
  sb_pkg::fc_drop_t drop_tmp;

  assign cap   = cfg_i.limit / 16'(cfg_i.cost);
  assign cc_in = cc_i.cc;

  // Only valid and cls of an arriving flit matter here.
  logic unused_in;
  assign unused_in = ^{in_i.sop, in_i.eop, in_i.src, in_i.dst, in_i.ptype,
                       in_i.len, in_i.tag, in_i.seq, in_i.sig};

  always_comb begin : p_next
    // 1. Arrival.
    a           = '0;
    rcc1        = rcc_q;
    drop_tmp    = '0;
    overflows_d = overflows_q;
    if (in_i.valid) begin
      if (17'(occ_q[32'(in_i.cls)*CrW +: CrW]) + 17'd1 <= 17'(cap)) begin
        a[in_i.cls] = 1'b1;
        rcc1[32'(in_i.cls)*CrW +: CrW] = rcc_q[32'(in_i.cls)*CrW +: CrW] + CrW'(cfg_i.cost);
      end else begin
        drop_tmp.valid    = 1'b1;
        drop_tmp.cls      = in_i.cls;
        drop_tmp.lossless = 1'b1;
        overflows_d       = overflows_q + 32'd1;
      end
    end

    // 2. Dequeue.
    rcf1 = rcf_q;
    for (int c = 0; c < NumVc; c++) begin
      if (deq_i.valid && 32'(deq_i.cls) == c) begin
        occ_d[c*CrW +: CrW] = occ_q[c*CrW +: CrW] + CrW'(a[c]) - CrW'(1);
        rcf1[c*CrW +: CrW]  = rcf_q[c*CrW +: CrW] + CrW'(cfg_i.cost);
      end else begin
        occ_d[c*CrW +: CrW] = occ_q[c*CrW +: CrW] + CrW'(a[c]);
      end
    end

    // 3. Sync: credits consumed by flits that never arrived are freed.
    rcf_d       = rcf1;
    rcc_d       = rcc1;
    recovered_d = recovered_q;
    d           = '0;
    if (cc_i.valid) begin
      for (int c = 0; c < NumVc; c++) begin
        if (c < 32'(cfg_i.classes)) begin
          d = cc_in[c*CrW +: CrW] - rcc1[c*CrW +: CrW];
          rcf_d[c*CrW +: CrW] = rcf1[c*CrW +: CrW] + d;
          rcc_d[c*CrW +: CrW] = cc_in[c*CrW +: CrW];
          recovered_d = recovered_d + 32'(d);
        end
      end
    end

    // 4. Update: the first due VC at or after rr (cyclically, c < classes).
    for (int c = 0; c < NumVc; c++) begin
      since1[c*25 +: 25] = 25'(since_q[c*SpW +: SpW]) + 25'd1;
      due[c] = (c < 32'(cfg_i.classes)) &&
               (since1[c*25 +: 25] >= 25'(cfg_i.max_spacing) ||
                (rcf_d[c*CrW +: CrW] != sent_q[c*CrW +: CrW] &&
                 since1[c*25 +: 25] >= 25'(cfg_i.min_spacing)));
    end
    pick_vld = 1'b0;
    pick     = '0;
    // Two ordered passes: c in [rr, classes), then c in [0, rr).
    for (int c = NumVc - 1; c >= 0; c--) begin
      if (due[c] && 32'(c) < 32'(rr_q)) begin
        pick_vld = 1'b1;
        pick     = 3'(c);
      end
    end
    for (int c = NumVc - 1; c >= 0; c--) begin
      if (due[c] && 32'(c) >= 32'(rr_q)) begin
        pick_vld = 1'b1;
        pick     = 3'(c);
      end
    end

    credit_tmp = '0;
    sent_d     = sent_q;
    rr_d       = rr_q;
    updates_d  = updates_q;
    for (int c = 0; c < NumVc; c++) begin
      if (pick_vld && 32'(pick) == c) begin
        since_d[c*SpW +: SpW] = '0;
        sent_d[c*CrW +: CrW]  = rcf_d[c*CrW +: CrW];
      end else if (since1[c*25 +: 25] >= 25'(cfg_i.max_spacing)) begin
        since_d[c*SpW +: SpW] = cfg_i.max_spacing;
      end else begin
        since_d[c*SpW +: SpW] = since1[c*25 +: SpW];
      end
    end
    if (pick_vld) begin
      credit_tmp.valid   = 1'b1;
      credit_tmp.vc      = pick;
      credit_tmp.credits = rcf_d[32'(pick)*CrW +: CrW];
      rr_d      = (32'(pick) + 32'd1 >= 32'(cfg_i.classes)) ? 3'd0 : pick + 3'd1;
      updates_d = updates_q + 32'd1;
    end

    credit_d = credit_tmp;
    drop_d   = drop_tmp;
  end

  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      occ_q       <= '0;
      rcf_q       <= '0;
      rcc_q       <= '0;
      sent_q      <= '0;
      since_q     <= '0;
      rr_q        <= '0;
      updates_q   <= '0;
      recovered_q <= '0;
      overflows_q <= '0;
      credit_q    <= '0;
      drop_q      <= '0;
    end else begin
      occ_q       <= occ_d;
      rcf_q       <= rcf_d;
      rcc_q       <= rcc_d;
      sent_q      <= sent_d;
      since_q     <= since_d;
      rr_q        <= rr_d;
      updates_q   <= updates_d;
      recovered_q <= recovered_d;
      overflows_q <= overflows_d;
      credit_q    <= credit_d;
      drop_q      <= drop_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs (all registers)
  // ---------------------------------------------------------------------------
  sb_pkg::cbfc_rx_stat_t stat_tmp;

  always_comb begin : p_stat
    stat_tmp           = '0;
    stat_tmp.occ       = occ_q;
    stat_tmp.updates   = updates_q;
    stat_tmp.recovered = recovered_q;
    stat_tmp.overflows = overflows_q;
  end

  assign credit_o = credit_q;
  assign drop_o   = drop_q;
  assign stat_o   = stat_tmp;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.

  // Per-VC checks folded into vectors (no array selects inside properties).
  logic [NumVc-1:0] sva_occ_ok;     // occ[c] <= limit / cost
  logic [NumVc-1:0] sva_since_ok;   // since[c] <= max_spacing
  logic [15:0]      sva_deq_occ;    // occ + a of the VC dequeued

  always_comb begin : p_sva_helpers
    for (int c = 0; c < NumVc; c++) begin
      sva_occ_ok[c]   = occ_q[c*CrW +: CrW] <= cap;
      sva_since_ok[c] = since_q[c*SpW +: SpW] <= cfg_i.max_spacing;
    end
    sva_deq_occ = occ_q[32'(deq_i.cls)*CrW +: CrW] + CrW'(a[deq_i.cls]);
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.classes >= 4'd1 && cfg_i.classes <= 4'd8 &&
      cfg_i.cost >= 8'd1 && cfg_i.limit >= 16'(cfg_i.cost) &&
      cfg_i.min_spacing >= 16'd1 && cfg_i.max_spacing > 24'(cfg_i.min_spacing) &&
      cfg_i.cc_period >= 24'd1)
    else $error("sb_cbfc_rx: cfg_i out of range (classes=%0d limit=%0d cost=%0d min_spacing=%0d max_spacing=%0d cc_period=%0d)",
                cfg_i.classes, cfg_i.limit, cfg_i.cost, cfg_i.min_spacing,
                cfg_i.max_spacing, cfg_i.cc_period);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_cbfc_rx: cfg_i changed while out of reset");

  // Occupancy never above the buffer (limit / cost flits).
  OccLeCap_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_occ_ok)
    else $error("sb_cbfc_rx: occupancy above limit/cost = %0d flits (per-VC ok mask %b)",
                cap, sva_occ_ok);

  // Dequeue only from a VC holding a flit (this edge's stored arrival counts).
  DeqNonEmpty_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      deq_i.valid |-> sva_deq_occ != 16'd0)
    else $error("sb_cbfc_rx: dequeue from empty VC %0d", deq_i.cls);
  DeqClass_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      deq_i.valid |-> 32'(deq_i.cls) < 32'(cfg_i.classes))
    else $error("sb_cbfc_rx: dequeue from VC %0d, classes=%0d", deq_i.cls, cfg_i.classes);

  // Saturating spacing counters and the round-robin pointer stay in range.
  SinceLeMax_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_since_ok)
    else $error("sb_cbfc_rx: update spacing counter above max_spacing %0d (per-VC ok mask %b)",
                cfg_i.max_spacing, sva_since_ok);
  RrRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) 32'(rr_q) < 32'(cfg_i.classes))
    else $error("sb_cbfc_rx: round-robin pointer %0d not below classes %0d", rr_q, cfg_i.classes);
`endif

endmodule
