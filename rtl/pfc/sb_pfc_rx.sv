// PFC (802.1Qbb) receiver at a switch ingress port: per-class accounting,
// XOFF/XON with hysteresis, pause / refresh / resume frames, drops and
// headroom violations. Implements docs/flow-control.md "Cycle-level behaviour
// (normative)" / sb_pfc_rx cycle for cycle; the C++ model in systemc/pfc/ is
// compared against it on every output every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'").
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs; only scalar fields are
// selected on them. Per-class registers are flat packed vectors (class c at
// [c*W +: W]); the packed 2-D struct fields (pause_t.time_q, the stat arrays)
// are never indexed through the struct: the outputs are built by
// concatenation with the identical bit layout (element c of a
// logic [7:0][W-1:0] field is bits [c*W +: W] of that field).

module sb_pfc_rx (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  sb_pkg::pfc_rx_cfg_t  cfg_i,
  input  sb_pkg::flit_t        in_i,
  input  sb_pkg::fc_sel_t      deq_i,
  output sb_pkg::pause_t       pause_o,
  output sb_pkg::fc_drop_t     drop_o,
  output sb_pkg::pfc_rx_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int NumCls = 8;                   // classes a pause frame carries
  localparam int ClsW   = sb_pkg::ClassW;      // 3
  localparam int OccW   = 16;                  // occupancy (<= limit, 16 bits)
  localparam int TimeW  = sb_pkg::PauseTimeW;  // 16
  localparam int CntW   = 32;                  // statistics counters (wrap)
  localparam int PauseW = sb_pkg::PauseBits;   // 137
  localparam int DropW  = sb_pkg::FcDropBits;  // 5

  // ---------------------------------------------------------------------------
  // State (flat per-class vectors: class c at [c*W +: W])
  // ---------------------------------------------------------------------------
  logic [NumCls*OccW-1:0]  occ_q, occ_d;
  logic [NumCls*TimeW-1:0] rcnt_q, rcnt_d;      // cycles since the last pause/refresh
  logic [NumCls-1:0]       paused_q, paused_d;  // a pause for class c stands
  logic [CntW-1:0]         frames_q, frames_d;
  logic [NumCls*CntW-1:0]  drops_q, drops_d;
  logic [NumCls*CntW-1:0]  viol_q, viol_d;
  logic [PauseW-1:0]       pause_q, pause_d;
  logic [DropW-1:0]        drop_q, drop_d;

  // Combinational intermediates.
  logic [NumCls-1:0]       arr;      // a_c: the arrival of this edge is stored in class c
  logic [NumCls-1:0]       deq;      // the output takes a flit of class c
  logic [NumCls-1:0]       incl;     // class c is included in the pause frame
  logic [NumCls*TimeW-1:0] ptime;    // time_q of the pause frame, flat
  logic [NumCls-1:0]       lossless; // class c < classes and lossless: takes part in pausing

  // ---------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------
  always_comb begin : p_next
    logic [OccW-1:0]  occ_c;
    logic [TimeW-1:0] rcnt_c;

    arr      = '0;
    deq      = '0;
    incl     = '0;
    ptime    = '0;
    lossless = '0;
    drop_d   = '0;  // all zero unless an arrival is dropped
    drops_d  = drops_q;
    viol_d   = viol_q;
    rcnt_d   = rcnt_q;
    paused_d = paused_q;

    // 1. Arrival.
    if (in_i.valid) begin
      if (occ_q[32'(in_i.cls)*OccW +: OccW] < cfg_i.limit) begin
        arr[in_i.cls] = 1'b1;
      end else begin
        drop_d = {1'b1, in_i.cls, cfg_i.lossless[in_i.cls]};
        if (cfg_i.lossless[in_i.cls]) begin
          viol_d[32'(in_i.cls)*CntW +: CntW] = viol_q[32'(in_i.cls)*CntW +: CntW] + 32'd1;
        end else begin
          drops_d[32'(in_i.cls)*CntW +: CntW] = drops_q[32'(in_i.cls)*CntW +: CntW] + 32'd1;
        end
      end
    end

    for (int c = 0; c < NumCls; c++) begin
      occ_c  = occ_q[c*OccW +: OccW];
      rcnt_c = rcnt_q[c*TimeW +: TimeW];

      // 2. Occupancy. A dequeue from an empty class (illegal input, flagged by
      // DeqHolding_A) leaves the occupancy at 0 instead of wrapping.
      deq[c] = deq_i.valid && (deq_i.cls == ClsW'(c));
      if (deq[c] && !arr[c] && occ_c == '0) begin
        occ_d[c*OccW +: OccW] = occ_c;
      end else begin
        occ_d[c*OccW +: OccW] = occ_c + OccW'(arr[c]) - OccW'(deq[c]);
      end

      // 3. Pause frame, from the pre-edge occupancy.
      lossless[c] = (32'(c) < 32'(cfg_i.classes)) && cfg_i.lossless[c];
      if (lossless[c]) begin
        if (!paused_q[c]) begin
          if (occ_c >= cfg_i.xoff) begin           // XOFF crossed: pause
            incl[c]                  = 1'b1;
            ptime[c*TimeW +: TimeW]  = cfg_i.pause_time;
            paused_d[c]              = 1'b1;
            rcnt_d[c*TimeW +: TimeW] = '0;
          end
        end else if (occ_c <= cfg_i.xon) begin     // drained to XON: resume
          incl[c]     = 1'b1;
          paused_d[c] = 1'b0;
        end else if ({1'b0, rcnt_c} + 17'd1 >= {1'b0, cfg_i.refresh}) begin  // refresh
          incl[c]                  = 1'b1;
          ptime[c*TimeW +: TimeW]  = cfg_i.pause_time;
          rcnt_d[c*TimeW +: TimeW] = '0;
        end else begin
          rcnt_d[c*TimeW +: TimeW] = rcnt_c + TimeW'(1);
        end
      end
    end

    if (incl != '0) begin
      pause_d  = {1'b1, incl, ptime};
      frames_d = frames_q + 32'd1;
    end else begin
      pause_d  = '0;
      frames_d = frames_q;
    end
  end

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      occ_q    <= '0;
      rcnt_q   <= '0;
      paused_q <= '0;
      frames_q <= '0;
      drops_q  <= '0;
      viol_q   <= '0;
      pause_q  <= '0;
      drop_q   <= '0;
    end else begin
      occ_q    <= occ_d;
      rcnt_q   <= rcnt_d;
      paused_q <= paused_d;
      frames_q <= frames_d;
      drops_q  <= drops_d;
      viol_q   <= viol_d;
      pause_q  <= pause_d;
      drop_q   <= drop_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: registers, laid out as the packed structs
  // (pause_t = {valid, class_en, time_q}; pfc_rx_stat_t = {paused, frames,
  // occ, drops, violations}).
  // ---------------------------------------------------------------------------
  assign pause_o = pause_q;
  assign drop_o  = drop_q;
  assign stat_o  = {paused_q, frames_q, occ_q, drops_q, viol_q};

  // Only valid, cls of the arriving flit are used.
  logic unused_in;
  assign unused_in = ^in_i;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.
  logic          sva_occ_over;   // some class holds more than limit
  logic [NumCls-1:0] sva_underflow;  // occ[c] + a_c - deq[c] would be negative
  logic [OccW-1:0]   sva_deq_occ;    // pre-edge occupancy of the dequeued class
  logic              sva_deq_arr;    // the dequeued class stores an arrival this edge
  logic              sva_cnt_wrap;   // a statistics counter wraps this edge

  always_comb begin : p_sva_helpers
    sva_occ_over  = 1'b0;
    sva_underflow = '0;
    sva_cnt_wrap  = (incl != '0) && (frames_q == '1);
    for (int c = 0; c < NumCls; c++) begin
      if (occ_q[c*OccW +: OccW] > cfg_i.limit) sva_occ_over = 1'b1;
      sva_underflow[c] = deq[c] && !arr[c] && (occ_q[c*OccW +: OccW] == '0);
      if ((drops_d[c*CntW +: CntW] != drops_q[c*CntW +: CntW]) && (drops_q[c*CntW +: CntW] == '1))
        sva_cnt_wrap = 1'b1;
      if ((viol_d[c*CntW +: CntW] != viol_q[c*CntW +: CntW]) && (viol_q[c*CntW +: CntW] == '1))
        sva_cnt_wrap = 1'b1;
    end
    sva_deq_occ = occ_q[32'(deq_i.cls)*OccW +: OccW];
    sva_deq_arr = arr[deq_i.cls];
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.classes >= 4'd1 && cfg_i.classes <= 4'd8 &&
      cfg_i.xon < cfg_i.xoff && cfg_i.xoff <= cfg_i.limit && cfg_i.refresh >= 16'd1)
    else $error("sb_pfc_rx: cfg_i out of range (classes=%0d xon=%0d xoff=%0d limit=%0d refresh=%0d)",
                cfg_i.classes, cfg_i.xon, cfg_i.xoff, cfg_i.limit, cfg_i.refresh);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_pfc_rx: cfg_i changed while out of reset");

  // Accounting.
  OccLeLimit_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !sva_occ_over)
    else $error("sb_pfc_rx: a class holds more than limit %0d flits (occ %h)", cfg_i.limit, occ_q);
  DeqHolding_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      deq_i.valid |-> (sva_deq_occ != '0 || sva_deq_arr))
    else $error("sb_pfc_rx: dequeue from class %0d, which holds no flit", deq_i.cls);
  OccNoUnderflow_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_underflow == '0)
    else $error("sb_pfc_rx: occupancy underflow (classes %b)", sva_underflow);

  // Statistics counters are sized never to wrap in a run.
  CntNoWrap_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !sva_cnt_wrap)
    else $error("sb_pfc_rx: a statistics counter wrapped");
`endif

endmodule
