// Formal harness of sb_pfc_tx (scripts/formal.py job pfc_tx): the PFC
// reaction rule. Read by yosys only (read_verilog -formal -DYOSYS).
//
// Free inputs every cycle: pause frames (any classes, any times), offers,
// sop/eop. cfg_i: any legal value (classes 1..2, reaction 0..4, flit_bytes
// >= 1, watchdog >= 1), constant. A reference of docs/flow-control.md
// "sb_pfc_tx" steps 1-3 for classes 0..1 (rem = bytes of pause left, age =
// edges since the pause episode began, saturating at reaction) is compared
// with the grants:
//   reaction   no packet starts on a class whose pause has stood for at
//              least `reaction` edges (the rule);
//   select     otherwise the selection is exact: a packet in progress is
//              only continued, a new one starts on the highest class that
//              offers a head and is not blocked (a class is never blocked
//              beyond the rule: expiry or resume frees it at once);
//   inv_*      the reference's state equals the block's (makes the
//              properties inductive).
module pfc_tx_formal (
  input logic              clk_i,
  input sb_pkg::pfc_tx_cfg_t cfg_any,
  input sb_pkg::pause_t    pause_i,
  input logic [7:0]        offer_i,
  input logic [7:0]        sop_i,
  input logic [7:0]        eop_i
);
  localparam int NC = 2;  // classes checked (and in use)
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  // Constant legal configuration.
  reg [59:0] cfg_q;
  sb_pkg::pfc_tx_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.classes >= 4'd1 && cfg.classes <= 4'(NC));
    assume(cfg.reaction <= 16'd4);
    assume(cfg.flit_bytes >= 16'd1);
    assume(cfg.watchdog >= 24'd1);
  end

  sb_pkg::fc_sel_t      grant;
  sb_pkg::pfc_tx_stat_t stat;
  sb_pfc_tx dut (.clk_i, .rst_ni, .cfg_i(cfg), .pause_i, .offer_i, .sop_i, .eop_i,
                 .grant_o(grant), .stat_o(stat));

  logic [8*16-1:0] ptime;
  assign ptime = pause_i.time_q;

  // Reference state per class.
  reg [21:0] rem   [NC];
  reg [15:0] age   [NC];
  logic [NC-1:0] blk;     // blocked at this edge by the rule
  logic [NC-1:0] blk_q;   // ... at the previous edge
  reg            cur_q;   // reference: a packet in progress before the previous edge
  reg      [2:0] cur_cls_q;
  reg      [7:0] offer_q, sop_q, eop_q;
  logic          cur_now;  // after the previous edge
  logic    [2:0] cur_cls_now;
  reg      [3:0] classes_q;

  always @* begin
    for (int c = 0; c < NC; c++) begin
      blk[c] = (rem[c] != 22'd0) && (age[c] >= cfg.reaction);
    end
  end
  always @(posedge clk_i) begin
    for (int c = 0; c < NC; c++) begin
      if (init) begin
        rem[c] <= 22'd0;
        age[c] <= 16'd0;
      end else begin
        if (pause_i.valid && pause_i.class_en[c]) rem[c] <= {ptime[c*16 +: 16], 6'd0};
        else if (rem[c] > 22'(cfg.flit_bytes))   rem[c] <= rem[c] - 22'(cfg.flit_bytes);
        else                                      rem[c] <= 22'd0;
        if (!((pause_i.valid && pause_i.class_en[c] && ptime[c*16 +: 16] != 16'd0) ||
              (!(pause_i.valid && pause_i.class_en[c]) && rem[c] > 22'(cfg.flit_bytes))))
          age[c] <= 16'd0;
        else if (age[c] < cfg.reaction)
          age[c] <= age[c] + 16'd1;
      end
    end
    blk_q     <= blk;
    offer_q   <= offer_i;
    sop_q     <= sop_i;
    eop_q     <= eop_i;
    classes_q <= cfg.classes;
    cur_q     <= init ? 1'b0 : cur_now;
    cur_cls_q <= init ? 3'd0 : cur_cls_now;
  end
  // grant (registered) shows the selection of the previous edge.
  assign cur_now     = grant.valid ? !eop_q[grant.cls] : cur_q;
  assign cur_cls_now = grant.valid ? grant.cls : cur_cls_q;

  // Expected selection of the previous edge, from its inputs and state.
  logic       exp_vld;
  logic [2:0] exp_cls;
  always @* begin
    exp_vld = 1'b0;
    exp_cls = 3'd0;
    if (cur_q) begin
      exp_vld = offer_q[cur_cls_q];
      exp_cls = cur_cls_q;
    end else begin
      for (int c = 0; c < NC; c++) begin
        if (c < 32'(classes_q) && offer_q[c] && sop_q[c] && !blk_q[c]) begin
          exp_vld = 1'b1;
          exp_cls = 3'(c);
        end
      end
    end
  end

  reg past_valid = 1'b0;  // at least one edge out of reset lies behind
  always @(posedge clk_i) past_valid <= !init;

  // formal-probe: p_timer0 = dut.timer_q
  // formal-probe: p_age0 = dut.age_q
  // formal-probe: p_cur_valid = dut.cur_valid_q
  // formal-probe: p_cur_cls = dut.cur_cls_q
  (* keep *) wire [8*22-1:0] p_timer0;
  (* keep *) wire [8*16-1:0] p_age0;
  (* keep *) wire            p_cur_valid;
  (* keep *) wire [2:0]      p_cur_cls;

`ifdef FORMAL
  always @* begin
    if (past_valid) begin
      reaction: assert(!(grant.valid && !cur_q && grant.cls < 3'(NC) && blk_q[grant.cls]));
      select: assert(grant.valid == exp_vld && (!exp_vld || grant.cls == exp_cls));
    end
    if (!init) begin
      inv_timer: assert(p_timer0[0 +: 22] == rem[0] && p_timer0[22 +: 22] == rem[1]);
      inv_age: assert(p_age0[0 +: 16] == age[0] && p_age0[16 +: 16] == age[1] &&
                      age[0] <= cfg.reaction && age[1] <= cfg.reaction);
      inv_cur: assert(p_cur_valid == cur_now && (!cur_now || p_cur_cls == cur_cls_now) &&
                      p_cur_cls < 3'(NC));
    end
  end
`endif
endmodule
