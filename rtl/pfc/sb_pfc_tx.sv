// PFC (802.1Qbb) sender: per-class pause timers, reaction time, packet-start
// gating, strict-priority class selection and a storm watchdog. Implements
// docs/flow-control.md "Cycle-level behaviour (normative)" / sb_pfc_tx cycle
// for cycle; the C++ model in systemc/pfc/ is compared against it on every
// output every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), timer1 the intermediate value of step 1.
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs; only scalar fields are
// selected on them. The packed 2-D field pause_t.time_q is never indexed
// through the struct: pause_i is copied to a flat vector (time_q[c] is bits
// [c*16 +: 16] of it). Per-class registers are flat packed vectors (class c
// at [c*W +: W]); stat_o is built by concatenation in the layout of
// pfc_tx_stat_t.

module sb_pfc_tx (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  sb_pkg::pfc_tx_cfg_t  cfg_i,
  input  sb_pkg::pause_t       pause_i,
  input  logic [7:0]           offer_i,
  input  logic [7:0]           sop_i,
  input  logic [7:0]           eop_i,
  output sb_pkg::fc_sel_t      grant_o,
  output sb_pkg::pfc_tx_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int NumCls = 8;
  localparam int ClsW   = sb_pkg::ClassW;      // 3
  localparam int TimeW  = sb_pkg::PauseTimeW;  // 16: pause time in quanta
  localparam int TmrW   = TimeW + 6;           // 22: bytes of line time, <= 64 * 65535
  localparam int AgeW   = 16;                  // age <= reaction (16 bits)
  localparam int WdW    = 32;                  // continuous paused cycles
  localparam int CntW   = 32;                  // statistics counters (wrap)
  localparam int PauseW = sb_pkg::PauseBits;   // 137
  localparam int SelW   = sb_pkg::FcSelBits;   // 4

  // ---------------------------------------------------------------------------
  // State (flat per-class vectors: class c at [c*W +: W])
  // ---------------------------------------------------------------------------
  logic [NumCls*TmrW-1:0] timer_q, timer_d;
  logic [NumCls*AgeW-1:0] age_q, age_d;
  logic [NumCls*WdW-1:0]  wd_q, wd_d;
  logic                   cur_valid_q, cur_valid_d;
  logic [ClsW-1:0]        cur_cls_q, cur_cls_d;
  logic [SelW-1:0]        grant_q, grant_d;
  logic [NumCls-1:0]      stat_paused_q, stat_paused_d;  // timer1[c] > 0
  logic [CntW-1:0]        frames_q, frames_d;
  logic [NumCls*CntW-1:0] storms_q, storms_d;
  logic [NumCls*CntW-1:0] pcyc_q, pcyc_d;                // paused_cycles

  // Combinational intermediates.
  logic [PauseW-1:0]      pause_flat;  // pause_i, {valid, class_en, time_q}
  logic [NumCls-1:0]      paused;      // timer[c] > 0 (pre-edge)
  logic [NumCls-1:0]      blocked;     // paused for at least reaction cycles
  logic [NumCls-1:0]      start_ok;    // class c < classes may start a packet
  logic                   sel_valid;
  logic [ClsW-1:0]        sel_cls;

  assign pause_flat = pause_i;

  // ---------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------
  always_comb begin : p_next
    logic [TmrW-1:0]  timer_c, timer1_c;
    logic [AgeW-1:0]  age_c;
    logic [WdW-1:0]   wd_inc;

    paused        = '0;
    blocked       = '0;
    start_ok      = '0;
    stat_paused_d = '0;
    storms_d      = storms_q;
    pcyc_d        = pcyc_q;

    for (int c = 0; c < NumCls; c++) begin
      timer_c = timer_q[c*TmrW +: TmrW];
      age_c   = age_q[c*AgeW +: AgeW];

      // 1. Timers.
      if (pause_i.valid && pause_i.class_en[c]) begin
        timer1_c = {pause_flat[c*TimeW +: TimeW], 6'b0};  // 64 * time_q[c]
      end else if (timer_c > TmrW'(cfg_i.flit_bytes)) begin
        timer1_c = timer_c - TmrW'(cfg_i.flit_bytes);
      end else begin
        timer1_c = '0;
      end
      paused[c] = (timer_c != '0);
      timer_d[c*TmrW +: TmrW] = timer1_c;
      stat_paused_d[c]        = (timer1_c != '0);

      // 2. Reaction.
      blocked[c] = paused[c] && (age_c >= cfg_i.reaction);
      if (timer1_c == '0) begin
        age_d[c*AgeW +: AgeW] = '0;
      end else if (age_c >= cfg_i.reaction) begin
        age_d[c*AgeW +: AgeW] = cfg_i.reaction;  // min(age + 1, reaction)
      end else begin
        age_d[c*AgeW +: AgeW] = age_c + AgeW'(1);
      end

      // 3. Selection candidates (new packets).
      start_ok[c] = (32'(c) < 32'(cfg_i.classes)) && offer_i[c] && sop_i[c] && !blocked[c];

      // 4. Statistics and watchdog.
      wd_inc = wd_q[c*WdW +: WdW] + 32'd1;
      if (paused[c]) begin
        pcyc_d[c*CntW +: CntW] = pcyc_q[c*CntW +: CntW] + 32'd1;
        wd_d[c*WdW +: WdW]     = wd_inc;
        if (wd_inc == 32'(cfg_i.watchdog)) begin
          storms_d[c*CntW +: CntW] = storms_q[c*CntW +: CntW] + 32'd1;
        end
      end else begin
        wd_d[c*WdW +: WdW] = '0;
      end
    end

    // 3. Selection: continue the packet in progress, else strict priority
    // (highest class index) among the classes allowed to start.
    sel_valid = 1'b0;
    sel_cls   = '0;
    if (cur_valid_q) begin
      sel_valid = offer_i[cur_cls_q];
      sel_cls   = cur_cls_q;
    end else begin
      for (int c = 0; c < NumCls; c++) begin
        if (start_ok[c]) begin
          sel_valid = 1'b1;
          sel_cls   = ClsW'(c);
        end
      end
    end

    cur_valid_d = cur_valid_q;
    cur_cls_d   = cur_cls_q;
    grant_d     = '0;  // all zero unless a class is selected
    if (sel_valid) begin
      grant_d     = {1'b1, sel_cls};
      cur_valid_d = !eop_i[sel_cls];
      cur_cls_d   = sel_cls;
    end

    frames_d = frames_q + 32'(pause_i.valid);
  end

  // ---------------------------------------------------------------------------
  // Registers
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      timer_q       <= '0;
      age_q         <= '0;
      wd_q          <= '0;
      cur_valid_q   <= 1'b0;
      cur_cls_q     <= '0;
      grant_q       <= '0;
      stat_paused_q <= '0;
      frames_q      <= '0;
      storms_q      <= '0;
      pcyc_q        <= '0;
    end else begin
      timer_q       <= timer_d;
      age_q         <= age_d;
      wd_q          <= wd_d;
      cur_valid_q   <= cur_valid_d;
      cur_cls_q     <= cur_cls_d;
      grant_q       <= grant_d;
      stat_paused_q <= stat_paused_d;
      frames_q      <= frames_d;
      storms_q      <= storms_d;
      pcyc_q        <= pcyc_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: registers, laid out as the packed structs (pfc_tx_stat_t =
  // {paused, frames, storms, paused_cycles}).
  // ---------------------------------------------------------------------------
  assign grant_o = grant_q;
  assign stat_o  = {stat_paused_q, frames_q, storms_q, pcyc_q};

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.
  logic            sva_start;          // a packet starts this edge
  logic            sva_start_blocked;  // ... on a class paused for >= reaction cycles
  logic [TmrW-1:0] sva_sel_timer;
  logic [AgeW-1:0] sva_sel_age;
  logic            sva_cnt_wrap;       // a statistics counter wraps this edge

  always_comb begin : p_sva_helpers
    sva_sel_timer     = timer_q[32'(sel_cls)*TmrW +: TmrW];
    sva_sel_age       = age_q[32'(sel_cls)*AgeW +: AgeW];
    sva_start         = sel_valid && !cur_valid_q;
    sva_start_blocked = sva_start && (sva_sel_timer != '0) && (sva_sel_age >= cfg_i.reaction);
    sva_cnt_wrap      = pause_i.valid && (frames_q == '1);
    for (int c = 0; c < NumCls; c++) begin
      if (paused[c] && (pcyc_q[c*CntW +: CntW] == '1)) sva_cnt_wrap = 1'b1;
      if ((storms_d[c*CntW +: CntW] != storms_q[c*CntW +: CntW]) && (storms_q[c*CntW +: CntW] == '1))
        sva_cnt_wrap = 1'b1;
    end
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.classes >= 4'd1 && cfg_i.classes <= 4'd8 && cfg_i.watchdog >= 24'd1)
    else $error("sb_pfc_tx: cfg_i out of range (classes=%0d watchdog=%0d)",
                cfg_i.classes, cfg_i.watchdog);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_pfc_tx: cfg_i changed while out of reset");

  // Pause honoured: no packet starts on a class paused for >= reaction cycles.
  NoStartPaused_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !sva_start_blocked)
    else $error("sb_pfc_tx: packet started on class %0d paused for at least the reaction time (timer %0d bytes, age %0d, reaction %0d)",
                sel_cls, sva_sel_timer, sva_sel_age, cfg_i.reaction);

  // Packets never interleave: a packet in progress is only continued.
  NoInterleave_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cur_valid_q && sel_valid |-> sel_cls == cur_cls_q)
    else $error("sb_pfc_tx: class %0d granted inside a packet of class %0d", sel_cls, cur_cls_q);

  // Statistics counters are sized never to wrap in a run.
  CntNoWrap_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !sva_cnt_wrap)
    else $error("sb_pfc_tx: a statistics counter wrapped");
`endif

endmodule
