// Formal harness of sb_pfc_rx (scripts/formal.py job pfc_rx): the XOFF/XON
// hysteresis rule of the PFC receiver. Read by yosys only (read_verilog
// -formal -DYOSYS).
//
// Classes 0..1 (cfg.classes 1..2, any lossless bits); cfg: limit 1..6,
// xon < xoff <= limit, refresh 1..4, any pause_time, constant. Free inputs
// every cycle: an arrival (valid, class 0..1) and a dequeue (class 0..1,
// only from a class that holds a flit or stores one at this edge: the
// block's DeqHolding_A input rule). The harness keeps per class the
// occupancy, the paused state and the refresh count of the last edge's
// pre-edge state (o_q, p_q, r_q: what the pause frame that pause_o shows
// was computed from), updated by docs/flow-control.md "sb_pfc_rx" steps 1-3:
//   xoff        a lossless class that is not paused and holds >= xoff gets
//               a pause (time pause_time) in the next frame;
//   xon         a paused class that has drained to <= xon gets a resume
//               (time 0);
//   hysteresis  in between nothing changes: a class that is not paused and
//               holds < xoff, or any class not lossless or not in use, is
//               never in a frame; a paused class that holds > xon is never
//               resumed (only refreshed, time pause_time): one pause per
//               crossing of XOFF, one resume per crossing of XON;
//   refresh     ... and is refreshed exactly when refresh cycles have passed
//               since its pause or last refresh;
//   frame       pause_o is valid exactly when some class is included, and
//               the time of a class not included is 0;
//   occ_drop    the occupancy follows arrivals and dequeues, stays <= limit,
//               and an arrival is dropped (drop_o) exactly when its class is
//               full;
//   inv_state   the block's paused bits and refresh counts equal the
//               reference (makes the properties inductive).
module pfc_rx_formal (
  input logic                clk_i,
  input sb_pkg::pfc_rx_cfg_t cfg_any,
  input logic                in_valid_i,
  input logic                in_cls_i,
  input logic                deq_valid_i,
  input logic                deq_cls_i
);
  localparam int NC = 2;
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  reg [sb_pkg::PfcRxCfgBits-1:0] cfg_q;
  sb_pkg::pfc_rx_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.classes >= 4'd1 && cfg.classes <= 4'(NC));
    assume(cfg.limit >= 16'd1 && cfg.limit <= 16'd6);
    assume(cfg.xon < cfg.xoff && cfg.xoff <= cfg.limit);
    assume(cfg.refresh >= 16'd1 && cfg.refresh <= 16'd4);
  end

  // Inputs as the block's structs (only valid and cls matter).
  sb_pkg::flit_t   in_flit;
  sb_pkg::fc_sel_t deq_sel;
  always @* begin
    in_flit       = '0;
    in_flit.valid = in_valid_i;
    in_flit.cls   = {2'd0, in_cls_i};
    deq_sel       = '0;
    deq_sel.valid = deq_valid_i;
    deq_sel.cls   = {2'd0, deq_cls_i};
  end

  sb_pkg::pause_t       pause;
  sb_pkg::fc_drop_t     drop;
  sb_pkg::pfc_rx_stat_t stat;
  sb_pfc_rx dut (.clk_i, .rst_ni, .cfg_i(cfg), .in_i(in_flit), .deq_i(deq_sel),
                 .pause_o(pause), .drop_o(drop), .stat_o(stat));

  // Reference state now (after the last edge) and as it was before it.
  reg [15:0] occ [NC];
  reg        paused [NC];
  reg [15:0] rcnt [NC];
  reg [15:0] o_q [NC];
  reg        p_q [NC];
  reg [15:0] r_q [NC];
  reg        arr_q, full_q, in_cls_q;  // the last edge's arrival and whether its class was full
  reg        past_valid = 1'b0;       // at least one edge out of reset lies behind

  logic [NC-1:0] ll;       // class c takes part in pausing
  logic [NC-1:0] holds;    // the dequeued class holds a flit or stores one now
  logic          full_now;
  always @* begin
    for (int c = 0; c < NC; c++) ll[c] = (32'(c) < 32'(cfg.classes)) && cfg.lossless[c];
    full_now = occ[in_cls_i] >= cfg.limit;
    holds = '0;
    for (int c = 0; c < NC; c++)
      holds[c] = occ[c] != 16'd0 || (in_valid_i && in_cls_i == 1'(c) && !full_now);
  end
  always @* if (!init && deq_valid_i) assume(holds[deq_cls_i]);

  always @(posedge clk_i) begin
    past_valid <= !init;
    arr_q      <= !init && in_valid_i;
    full_q     <= full_now;
    in_cls_q   <= in_cls_i;
    for (int c = 0; c < NC; c++) begin
      o_q[c] <= occ[c];
      p_q[c] <= paused[c];
      r_q[c] <= rcnt[c];
      if (init) begin
        occ[c]    <= 16'd0;
        paused[c] <= 1'b0;
        rcnt[c]   <= 16'd0;
      end else begin
        occ[c] <= occ[c] + 16'(in_valid_i && in_cls_i == 1'(c) && !full_now)
                         - 16'(deq_valid_i && deq_cls_i == 1'(c));
        if (ll[c]) begin
          if (!paused[c]) begin
            if (occ[c] >= cfg.xoff) begin
              paused[c] <= 1'b1;
              rcnt[c]   <= 16'd0;
            end
          end else if (occ[c] <= cfg.xon) begin
            paused[c] <= 1'b0;
          end else if (17'(rcnt[c]) + 17'd1 >= 17'(cfg.refresh)) begin
            rcnt[c] <= 16'd0;
          end else begin
            rcnt[c] <= rcnt[c] + 16'd1;
          end
        end
      end
    end
  end

  logic [7:0]      en;
  logic [8*16-1:0] tq;
  logic [8*16-1:0] occ_flat;
  assign en       = pause.class_en;
  assign tq       = pause.time_q;
  assign occ_flat = stat.occ;

  // formal-probe: p_rcnt = dut.rcnt_q
  (* keep *) wire [8*16-1:0] p_rcnt;

`ifdef FORMAL
  always @* begin
    if (past_valid) begin
      xoff: assert(!(ll[0] && !p_q[0] && o_q[0] >= cfg.xoff) ||
                   (pause.valid && en[0] && tq[0 +: 16] == cfg.pause_time));
      xoff_1: assert(!(ll[1] && !p_q[1] && o_q[1] >= cfg.xoff) ||
                     (pause.valid && en[1] && tq[16 +: 16] == cfg.pause_time));
      xon: assert(!(ll[0] && p_q[0] && o_q[0] <= cfg.xon) || (en[0] && tq[0 +: 16] == 16'd0));
      xon_1: assert(!(ll[1] && p_q[1] && o_q[1] <= cfg.xon) || (en[1] && tq[16 +: 16] == 16'd0));
      hysteresis: assert((ll[0] || !en[0]) && (ll[1] || !en[1]) && en[7:2] == 6'd0 &&
                         !(!p_q[0] && o_q[0] < cfg.xoff && en[0]) &&
                         !(!p_q[1] && o_q[1] < cfg.xoff && en[1]) &&
                         !(p_q[0] && o_q[0] > cfg.xon && en[0] && tq[0 +: 16] != cfg.pause_time) &&
                         !(p_q[1] && o_q[1] > cfg.xon && en[1] && tq[16 +: 16] != cfg.pause_time));
      refresh: assert(!(ll[0] && p_q[0] && o_q[0] > cfg.xon) ||
                      (en[0] == (17'(r_q[0]) + 17'd1 >= 17'(cfg.refresh))));
      refresh_1: assert(!(ll[1] && p_q[1] && o_q[1] > cfg.xon) ||
                        (en[1] == (17'(r_q[1]) + 17'd1 >= 17'(cfg.refresh))));
      frame: assert(pause.valid == (en != 8'd0) &&
                    (en[0] || tq[0 +: 16] == 16'd0) && (en[1] || tq[16 +: 16] == 16'd0) &&
                    tq[8*16-1:32] == '0);
`ifdef FORMAL_REACH
      // Sanity (variant reach): must be refuted: a resume after a pause,
      // with an arrival dropped on the way, is reachable.
      reach_resume: assert(!(en[0] && tq[0 +: 16] == 16'd0 && stat.violations[0] != 32'd0));
`endif
      occ_drop: assert(drop.valid == (arr_q && full_q) && (!drop.valid || drop.cls == {2'd0, in_cls_q}));
    end
    if (!init) begin
      occ_ref: assert(occ_flat[0 +: 16] == occ[0] && occ_flat[16 +: 16] == occ[1] &&
                      occ_flat[8*16-1:32] == '0 && occ[0] <= cfg.limit && occ[1] <= cfg.limit);
      inv_state: assert(stat.paused == {6'd0, paused[1], paused[0]} &&
                        p_rcnt[0 +: 16] == rcnt[0] && p_rcnt[16 +: 16] == rcnt[1] &&
                        rcnt[0] < cfg.refresh && rcnt[1] < cfg.refresh &&
                        (ll[0] || !paused[0]) && (ll[1] || !paused[1]));
    end
  end
`endif
endmodule
