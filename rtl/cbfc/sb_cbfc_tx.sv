// Credit-based flow control (UEC CBFC), sender end: per-VC credits consumed
// (cc) and freed (cf, from the receiver's updates), class selection only with
// credit (strict priority, packets never interleaved) and the periodic
// credits-consumed synchronisation. Implements docs/flow-control.md
// "Cycle-level behaviour (normative)" -> sb_cbfc_tx cycle for cycle; the C++
// model in systemc/cbfc/ is compared against it on every output every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), x1 the intermediate values of step 1.
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs (yosys reads the packed
// 2-D fields cc_update_t.cc and cbfc_tx_stat_t.in_use of these port types
// correctly, so no flat port variant is needed); struct fields are only
// selected on ports or on module-level scalar temporaries (the *_tmp
// variables); per-VC registers are flat packed vectors, VC c at
// [c*W +: W].

module sb_cbfc_tx (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  sb_pkg::cbfc_cfg_t     cfg_i,
  input  sb_pkg::credit_t       credit_i,
  input  logic [7:0]            offer_i,
  input  logic [7:0]            sop_i,
  input  logic [7:0]            eop_i,
  output sb_pkg::fc_sel_t       grant_o,
  output sb_pkg::cc_update_t    cc_o,
  output sb_pkg::cbfc_tx_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int NumVc = 8;                  // VCs the types carry (cls is 3 bits)
  localparam int CrW   = sb_pkg::CreditW;    // 16: cyclic credit counters

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  logic [NumVc*CrW-1:0] cc_q, cc_d;          // credits consumed, cyclic
  logic [NumVc*CrW-1:0] cf_q, cf1;           // credits freed (last update), cyclic
  logic                 cur_valid_q, cur_valid_d;  // a packet is in progress
  logic [2:0]           cur_cls_q, cur_cls_d;      // its class
  logic [23:0]          cct_q, cct_d;        // cycles since the last sync

  logic [31:0] stalls_q, stalls_d;
  logic [31:0] updates_q, updates_d;
  logic [31:0] cc_sent_q, cc_sent_d;
  logic [NumVc*CrW-1:0] in_use_q, in_use_d;  // stat_o.in_use (cc' - cf1)

  logic [sb_pkg::FcSelBits-1:0]    grant_q, grant_d;
  logic [sb_pkg::CcUpdateBits-1:0] cco_q, cco_d;

  // ---------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------
  logic [NumVc*CrW-1:0] in_use1;   // cc - cf1 per VC, cyclic
  logic [NumVc-1:0]     ok;        // in_use1[c] + cost <= limit
  logic                 cc_now;    // a sync goes out at this edge
  logic                 sel_vld;   // a class is selected at this edge
  logic [2:0]           sel_cls;
  logic                 starved;   // some c < classes offers without credit

  sb_pkg::fc_sel_t    grant_tmp;
  sb_pkg::cc_update_t cco_tmp;

  always_comb begin : p_next
    // 1. Credit update.
    cf1       = cf_q;
    updates_d = updates_q;
    if (credit_i.valid) begin
      cf1[32'(credit_i.vc)*CrW +: CrW] = credit_i.credits;
      updates_d = updates_q + 32'd1;
    end
    for (int c = 0; c < NumVc; c++) begin
      in_use1[c*CrW +: CrW] = cc_q[c*CrW +: CrW] - cf1[c*CrW +: CrW];
      ok[c] = (17'(in_use1[c*CrW +: CrW]) + 17'(cfg_i.cost)) <= 17'(cfg_i.limit);
    end

    // 2. Sync due.
    cc_now    = (25'(cct_q) + 25'd1) >= 25'(cfg_i.cc_period);
    cco_tmp   = '0;
    cc_sent_d = cc_sent_q;
    if (cc_now) begin
      cco_tmp.valid = 1'b1;
      cco_tmp.cc    = cc_q;
      cc_sent_d     = cc_sent_q + 32'd1;
      cct_d         = '0;
    end else begin
      cct_d = cct_q + 24'd1;
    end

    // 3. Selection: a packet in progress continues, else strict priority
    // (highest class index) among the classes that may start.
    sel_vld = 1'b0;
    sel_cls = '0;
    if (!cc_now) begin
      if (cur_valid_q) begin
        if (offer_i[cur_cls_q] && ok[cur_cls_q]) begin
          sel_vld = 1'b1;
          sel_cls = cur_cls_q;
        end
      end else begin
        for (int c = 0; c < NumVc; c++) begin
          if (c < 32'(cfg_i.classes) && offer_i[c] && sop_i[c] && ok[c]) begin
            sel_vld = 1'b1;
            sel_cls = 3'(c);
          end
        end
      end
    end

    grant_tmp   = '0;
    cc_d        = cc_q;
    cur_valid_d = cur_valid_q;
    cur_cls_d   = cur_cls_q;
    if (sel_vld) begin
      grant_tmp.valid = 1'b1;
      grant_tmp.cls   = sel_cls;
      cc_d[32'(sel_cls)*CrW +: CrW] = cc_q[32'(sel_cls)*CrW +: CrW] + CrW'(cfg_i.cost);
      cur_valid_d = !eop_i[sel_cls];
      cur_cls_d   = sel_cls;
    end

    // 4. Statistics.
    starved = 1'b0;
    for (int c = 0; c < NumVc; c++) begin
      if (c < 32'(cfg_i.classes) && offer_i[c] && !ok[c]) starved = 1'b1;
    end
    stalls_d = stalls_q;
    if (!cc_now && !sel_vld && starved) stalls_d = stalls_q + 32'd1;
    for (int c = 0; c < NumVc; c++) begin
      in_use_d[c*CrW +: CrW] = cc_d[c*CrW +: CrW] - cf1[c*CrW +: CrW];
    end

    grant_d = grant_tmp;
    cco_d   = cco_tmp;
  end

  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      cc_q        <= '0;
      cf_q        <= '0;
      cur_valid_q <= 1'b0;
      cur_cls_q   <= '0;
      cct_q       <= '0;
      stalls_q    <= '0;
      updates_q   <= '0;
      cc_sent_q   <= '0;
      in_use_q    <= '0;
      grant_q     <= '0;
      cco_q       <= '0;
    end else begin
      cc_q        <= cc_d;
      cf_q        <= cf1;
      cur_valid_q <= cur_valid_d;
      cur_cls_q   <= cur_cls_d;
      cct_q       <= cct_d;
      stalls_q    <= stalls_d;
      updates_q   <= updates_d;
      cc_sent_q   <= cc_sent_d;
      in_use_q    <= in_use_d;
      grant_q     <= grant_d;
      cco_q       <= cco_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs (all registers)
  // ---------------------------------------------------------------------------
  sb_pkg::cbfc_tx_stat_t stat_tmp;

  always_comb begin : p_stat
    stat_tmp         = '0;
    stat_tmp.in_use  = in_use_q;
    stat_tmp.stalls  = stalls_q;
    stat_tmp.updates = updates_q;
    stat_tmp.cc_sent = cc_sent_q;
  end

  assign grant_o = grant_q;
  assign cc_o    = cco_q;
  assign stat_o  = stat_tmp;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.

  // Per-VC checks folded into vectors (no array selects inside properties).
  logic [NumVc-1:0] sva_in_use_ok;   // in_use[c] = cc - cf <= limit
  logic [15:0]      sva_sel_in_use;  // in_use1 of the selected class

  always_comb begin : p_sva_helpers
    for (int c = 0; c < NumVc; c++) begin
      sva_in_use_ok[c] = (cc_q[c*CrW +: CrW] - cf_q[c*CrW +: CrW]) <= cfg_i.limit;
    end
    sva_sel_in_use = in_use1[32'(sel_cls)*CrW +: CrW];
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.classes >= 4'd1 && cfg_i.classes <= 4'd8 &&
      cfg_i.cost >= 8'd1 && cfg_i.limit >= 16'(cfg_i.cost) &&
      cfg_i.min_spacing >= 16'd1 && cfg_i.max_spacing > 24'(cfg_i.min_spacing) &&
      cfg_i.cc_period >= 24'd1)
    else $error("sb_cbfc_tx: cfg_i out of range (classes=%0d limit=%0d cost=%0d min_spacing=%0d max_spacing=%0d cc_period=%0d)",
                cfg_i.classes, cfg_i.limit, cfg_i.cost, cfg_i.min_spacing,
                cfg_i.max_spacing, cfg_i.cc_period);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_cbfc_tx: cfg_i changed while out of reset");

  // Credits never negative: the cyclic difference cc - cf never exceeds the
  // limit (a "negative" in_use wraps to a large value).
  InUseLeLimit_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_in_use_ok)
    else $error("sb_cbfc_tx: credits in use above limit %0d (per-VC ok mask %b): freed more than consumed",
                cfg_i.limit, sva_in_use_ok);

  // A grant only with credit, only for a class in use, never during a sync.
  GrantCredit_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sel_vld |-> 17'(sva_sel_in_use) + 17'(cfg_i.cost) <= 17'(cfg_i.limit))
    else $error("sb_cbfc_tx: grant for VC %0d holding %0d credits in use, cost %0d, limit %0d",
                sel_cls, sva_sel_in_use, cfg_i.cost, cfg_i.limit);
  GrantClass_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sel_vld |-> 32'(sel_cls) < 32'(cfg_i.classes) && offer_i[sel_cls] && !cc_now)
    else $error("sb_cbfc_tx: grant for VC %0d (classes=%0d, offered=%b, sync=%b)",
                sel_cls, cfg_i.classes, offer_i[sel_cls], cc_now);

  // Packets never interleave: while one is in progress only its class goes.
  NoInterleave_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sel_vld && cur_valid_q |-> sel_cls == cur_cls_q)
    else $error("sb_cbfc_tx: grant for VC %0d inside a packet of VC %0d", sel_cls, cur_cls_q);

  // The sync timer stays below its period.
  CctRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) cct_q < cfg_i.cc_period)
    else $error("sb_cbfc_tx: sync timer %0d not below cc_period %0d", cct_q, cfg_i.cc_period);
`endif

endmodule
