// Formal harness of sb_cbfc_tx + sb_cbfc_rx (scripts/formal.py job cbfc):
// the CBFC credit bounds. Read by yosys only (read_verilog -formal -DYOSYS).
//
// The sender's grants become flits on a one-cycle link into the receiver;
// its credits-consumed syncs travel on the same link (same delay, in order).
// Credit updates come back on a one-cycle link and may be lost (free input
// lose_i: the sync recovers nothing then, the updates repeat). Free inputs:
// offers, sop/eop, the receiver's dequeues (only from a VC that holds a
// flit). cfg: any legal constant with classes 1..2, cost 1..2, limit
// cost..6, min_spacing 1..2, max_spacing min_spacing+1..4, cc_period 1..4.
//   no_overflow   the receiver never drops a flit (a lossless overflow);
//   in_use_le     the sender's credits in use never exceed limit;
//   occ_le_cap    the receiver never holds more than limit/cost flits per VC;
//   credit_safe   the sender's credits in use cover every flit on the link
//                 and in the receiver's buffer (cost each): the invariant
//                 behind the first two.
module cbfc_formal (
  input logic              clk_i,
  input sb_pkg::cbfc_cfg_t cfg_any,
  input logic [7:0]        offer_i,
  input logic [7:0]        sop_i,
  input logic [7:0]        eop_i,
  input sb_pkg::fc_sel_t   deq_any,
  input logic              lose_i
);
  localparam int NC = 2;
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  reg [sb_pkg::CbfcCfgBits-1:0] cfg_q;
  sb_pkg::cbfc_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.classes >= 4'd1 && cfg.classes <= 4'(NC));
    assume(cfg.cost >= 8'd1 && cfg.cost <= 8'd2);
    assume(cfg.limit >= 16'(cfg.cost) && cfg.limit <= 16'd6);
    assume(cfg.min_spacing >= 16'd1 && cfg.min_spacing <= 16'd2);
    assume(cfg.max_spacing > 24'(cfg.min_spacing) && cfg.max_spacing <= 24'd4);
    assume(cfg.cc_period >= 24'd1 && cfg.cc_period <= 24'd4);
  end

  sb_pkg::fc_sel_t       grant;
  sb_pkg::cc_update_t    cc_o, cc_link;
  sb_pkg::credit_t       credit_o, credit_link;
  sb_pkg::flit_t         flit_link;
  sb_pkg::fc_drop_t      drop;
  sb_pkg::cbfc_tx_stat_t tx_stat;
  sb_pkg::cbfc_rx_stat_t rx_stat;
  sb_pkg::fc_sel_t       deq;

  // Links: one register each way.
  reg [sb_pkg::FcSelBits-1:0]    grant_q;
  reg [sb_pkg::CcUpdateBits-1:0] cc_q;
  reg [sb_pkg::CreditBits-1:0]   credit_q;
  always @(posedge clk_i) begin
    grant_q  <= init ? '0 : grant;
    cc_q     <= init ? '0 : cc_o;
    credit_q <= (init || lose_i) ? '0 : credit_o;
  end
  sb_pkg::fc_sel_t g_link;
  assign g_link = grant_q;
  always @* begin
    flit_link       = '0;
    flit_link.valid = g_link.valid;
    flit_link.cls   = g_link.cls;
  end
  assign cc_link     = cc_q;
  assign credit_link = credit_q;

  sb_cbfc_tx tx (.clk_i, .rst_ni, .cfg_i(cfg), .credit_i(credit_link), .offer_i, .sop_i, .eop_i,
                 .grant_o(grant), .cc_o, .stat_o(tx_stat));
  sb_cbfc_rx rx (.clk_i, .rst_ni, .cfg_i(cfg), .in_i(flit_link), .deq_i(deq), .cc_i(cc_link),
                 .credit_o, .drop_o(drop), .stat_o(rx_stat));

  logic [8*16-1:0] occ_flat, in_use_flat;
  assign occ_flat    = rx_stat.occ;
  assign in_use_flat = tx_stat.in_use;

  // Dequeue only from a VC in use that holds a flit.
  always @* begin
    deq = deq_any;
    if (!init) assume(!deq_any.valid ||
                      (deq_any.cls < 3'(NC) && 32'(deq_any.cls) < 32'(cfg.classes) &&
                       occ_flat[32'(deq_any.cls)*16 +: 16] != 16'd0));
  end

  // formal-probe: p_cc = tx.cc_q
  // formal-probe: p_cf = tx.cf_q
  (* keep *) wire [8*16-1:0] p_cc;
  (* keep *) wire [8*16-1:0] p_cf;

  logic [15:0] cap;
  assign cap = cfg.limit / 16'(cfg.cost);
  logic [NC-1:0] safe, occ_ok, use_ok;
  always @* begin
    for (int c = 0; c < NC; c++) begin
      // flits of VC c on the link into the receiver, and held by it
      safe[c] = 16'(p_cc[c*16 +: 16] - p_cf[c*16 +: 16]) >=
                16'(cfg.cost) * (occ_flat[c*16 +: 16] +
                                 16'(g_link.valid && g_link.cls == 3'(c)) +
                                 16'(grant.valid && grant.cls == 3'(c)));
      occ_ok[c] = occ_flat[c*16 +: 16] <= cap;
      use_ok[c] = in_use_flat[c*16 +: 16] <= cfg.limit;
    end
  end

`ifdef FORMAL
  always @* begin
    if (!init) begin
      no_overflow: assert(!drop.valid);
      in_use_le: assert(&use_ok);
      occ_le_cap: assert(&occ_ok);
      credit_safe: assert(&safe);
    end
  end
`endif
endmodule
