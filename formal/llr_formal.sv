// Formal harness of sb_llr (scripts/formal.py job llr): two ends over a
// lossy link, in-order exactly-once delivery and the replay-pointer bounds.
// Read by yosys only (read_verilog -formal -DYOSYS).
//
// End a sends, end b receives (b's upstream is idle, so b's transmitter
// only sends ACK/NACKs and a's receiver only receives them). MaxDepth = 4;
// cfg (both ends): seq_bits 4 (M = 16), depth 1..4, timer 1..6,
// max_replays 1..2, ack_spacing 1..2, retrain 1..3, constant. The links are
// wires (D = 0 of docs/llr.md "The link": the slot link_o shows after edge t
// is sampled by the far end at edge t+1). Free inputs every cycle, each
// direction: drop (valid cleared: the slot vanishes) and corrupt (one bit of
// the CRC field flipped, at a free position). A corrupted slot behaves in
// the receiver exactly like one with any other single-bit error (CRC-32
// detects every single-bit error; a slot with a bad CRC is only counted, its
// kind, seq and payload are not looked at), so flipping a CRC bit stands for
// every detected corruption; undetected corruption (a CRC collision) is out
// of scope. up_i: valid free; the payload of the k-th accepted flit (k from
// 0, modulo 256) is the counter k in sig[7:0], every other field 0 (valid 1).
//   deliver_order  every flit b delivers is exactly the next one a accepted
//                  (payload = the delivery count), and a has accepted it:
//                  delivery in order, each accepted flit at most once, and
//                  nothing that was not sent;
//   tx_slot        a data slot a sends carries sequence k mod 16 and the
//                  payload of flit k, and k lies in the replay window
//                  [oldest unacknowledged, + occ): the read pointer stays in
//                  the window;
//   occ_bound      occ <= depth (never over-full), hw <= occ, sent <= occ;
//   ack_safe       a frees only flits b has delivered, and b never gets
//                  ahead of what a has transmitted: oldest unacknowledged
//                  <= delivered <= oldest unacknowledged + hw;
//   inv_*          the ends' sequence state equals the reference (base =
//                  oldest unacknowledged mod 16, expected = delivered mod
//                  16) and the replay buffer holds the window's payloads
//                  (make the properties inductive).
module llr_formal (
  input logic             clk_i,
  input sb_pkg::llr_cfg_t cfg_any,
  input logic             up_valid_i,
  input logic             drop_ab_i,
  input logic             corrupt_ab_i,
  input logic [4:0]       crcbit_ab_i,
  input logic             drop_ba_i,
  input logic             corrupt_ba_i,
  input logic [4:0]       crcbit_ba_i
);
  localparam int MD = 4;
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  reg [sb_pkg::LlrCfgBits-1:0] cfg_q;
  sb_pkg::llr_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.seq_bits == 5'd4);
    assume(cfg.depth >= 16'd1 && cfg.depth <= 16'(MD));
    assume(cfg.timer >= 24'd1 && cfg.timer <= 24'd6);
    assume(cfg.max_replays >= 8'd1 && cfg.max_replays <= 8'd2);
    assume(cfg.ack_spacing >= 16'd1 && cfg.ack_spacing <= 16'd2);
    assume(cfg.retrain >= 24'd1 && cfg.retrain <= 24'd3);
  end

  // The flit with counter k: valid (the top bit) and sig[7:0] (bits 7:0) of
  // flit_t, every other bit 0.
  function automatic [sb_pkg::FlitBits-1:0] mkflit(input logic [7:0] k);
    mkflit = {1'b1, (sb_pkg::FlitBits-9)'(0), k};
  endfunction

  reg [7:0] acc_q;   // flits a accepted
  reg [7:0] rcv_q;   // flits b delivered
  sb_pkg::flit_t     a_up, b_up;
  logic              a_ready, b_ready;
  sb_pkg::llr_wire_t a_link, b_link, a_in, b_in;
  sb_pkg::flit_t     a_data, b_data;
  sb_pkg::flit_t     a_down, b_down;
  sb_pkg::llr_stat_t a_stat, b_stat;

  assign a_up = {up_valid_i, (sb_pkg::FlitBits-9)'(0), acc_q};
  assign b_up = '0;

  // The links with faults.
  always @* begin
    b_in = a_link;
    if (drop_ab_i) b_in.valid = 1'b0;
    if (corrupt_ab_i) b_in.crc = a_link.crc ^ (32'd1 << crcbit_ab_i);
    a_in = b_link;
    if (drop_ba_i) a_in.valid = 1'b0;
    if (corrupt_ba_i) a_in.crc = b_link.crc ^ (32'd1 << crcbit_ba_i);
  end

  sb_llr #(.MaxDepth(MD)) a (.clk_i, .rst_ni, .cfg_i(cfg), .up_i(a_up), .up_ready_o(a_ready),
    .link_o(a_link), .link_data_o(a_data), .link_i(a_in), .link_data_i(b_data),
    .down_o(a_down), .stat_o(a_stat));
  sb_llr #(.MaxDepth(MD)) b (.clk_i, .rst_ni, .cfg_i(cfg), .up_i(b_up), .up_ready_o(b_ready),
    .link_o(b_link), .link_data_o(b_data), .link_i(b_in), .link_data_i(a_data),
    .down_o(b_down), .stat_o(b_stat));

  always @(posedge clk_i) begin
    acc_q <= init ? 8'd0 : acc_q + 8'(up_valid_i && a_ready);
    rcv_q <= init ? 8'd0 : rcv_q + 8'(b_down.valid);
  end

  // formal-probe: p_base = a.base_q
  // formal-probe: p_hw = a.hw_q
  // formal-probe: p_sent = a.sent_q
  // formal-probe: p_expected = b.expected_q
  // formal-probe: p_mem0 = a.mem_q[0]
  // formal-probe: p_mem1 = a.mem_q[1]
  // formal-probe: p_mem2 = a.mem_q[2]
  // formal-probe: p_mem3 = a.mem_q[3]
  (* keep *) wire [19:0] p_base;
  (* keep *) wire [15:0] p_hw;
  (* keep *) wire [15:0] p_sent;
  (* keep *) wire [19:0] p_expected;
  (* keep *) wire [sb_pkg::FlitBits-1:0] p_mem0, p_mem1, p_mem2, p_mem3;

  logic [15:0] occ;
  logic [7:0]  oldest;      // counter of the oldest unacknowledged flit
  logic [7:0]  k_tx;        // counter in the data slot a sends
  logic [7:0]  rcv_now;     // delivered, this cycle's delivery included
  assign occ     = a_stat.occ;
  assign oldest  = acc_q - occ[7:0];
  assign k_tx    = a_data.sig[7:0];
  assign rcv_now = rcv_q + 8'(b_down.valid);

  // The payload the replay buffer must hold at address i: the flit of the
  // window whose sequence is i mod 4 (when the window holds one).
  logic [3:0] mem_ok;
  always @* begin
    for (int i = 0; i < MD; i++) begin
      logic [7:0] off;      // offset of address i from base in the window
      logic [sb_pkg::FlitBits-1:0] m;
      off = 8'((2'(i) - p_base[1:0]) & 2'd3);
      m   = (i == 0) ? p_mem0 : (i == 1) ? p_mem1 : (i == 2) ? p_mem2 : p_mem3;
      mem_ok[i] = (16'(off) >= occ) || (m == mkflit(oldest + off));
    end
  end

`ifdef FORMAL
  always @* begin
    if (!init) begin
      deliver_order: assert(!b_down.valid || (b_down == mkflit(rcv_q) && acc_q != rcv_q));
      tx_slot: assert(!(a_link.valid && !a_link.ctrl) ||
                      (a_link.seq == 20'(k_tx[3:0]) && a_data == mkflit(k_tx) &&
                       16'(8'(k_tx - oldest)) < occ));
      occ_bound: assert(occ <= cfg.depth && p_hw <= occ && p_sent <= occ);
      ack_safe: assert(16'(8'(rcv_now - oldest)) <= p_hw);
      inv_seq: assert(p_base == 20'(oldest[3:0]) && p_expected == 20'(rcv_now[3:0]));
      inv_mem: assert(mem_ok == 4'hf);
`ifdef FORMAL_REACH
      // Sanity (variant reach): must be refuted, i.e. a delivery after a
      // replay is reachable under the assumptions (they are not vacuous).
      reach_replay_delivery: assert(!(b_down.valid && a_stat.replays != 32'd0));
`endif
    end
  end
`endif
endmodule
