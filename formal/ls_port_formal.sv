// Formal harness of sb_ls_port (scripts/formal.py job ls_port): tag
// uniqueness of the initiator with {generation, index} tags (docs/ls_port.md
// "Tag generations"). Read by yosys only (read_verilog -formal).
//
// MaxTags = 4. Free inputs every cycle: requests (any op, size, dst), the
// network's ready, response flits (any tag, ptype, src: also stray, stale
// and wrong ones). cfg: max_tags 1..4, timeout 0..7, any port and class,
// constant. The harness computes the index mask from max_tags itself (the
// low bits max_tags - 1 needs: 0, 1, 2 or 2 bits for 1, 2, 3, 4) and keeps a
// reference per index: outstanding or not, the full tag outstanding there,
// the last tag issued there; it is set from acc_o and cleared by cpl_o.
//   tag_unique  an accepted request's index is not outstanding: no tag (and
//               no index) is issued twice while outstanding;
//   tag_range   ... its index is below max_tags;
//   tag_fresh   ... and on a reused index the tag differs from the one the
//               index issued last (its generation moved on, so a late
//               response of the old transaction cannot match the new one);
//   cpl_once    a completion (OK, ERROR or TIMEOUT) carries exactly the tag
//               outstanding at its index (generation included): every
//               transaction completes at most once, and a stale response
//               never completes a newer one;
//   count       stat_o.outstanding equals the reference's population, and
//               never exceeds max_tags;
//   hdr_order   request headers leave in acceptance order, each once: the
//               header that leaves carries the oldest accepted tag whose
//               header has not left (a FIFO of accepted tags, <= 3 deep:
//               net_o, the current packet and the pending register);
//   inv_*       the reference equals the block's table (probes): make the
//               properties inductive.
module ls_port_formal (
  input logic             clk_i,
  input sb_pkg::ls_cfg_t  cfg_any,
  input sb_pkg::ls_req_t  req_i,
  input logic             net_ready_i,
  input sb_pkg::flit_t    rsp_i
);
  localparam int MT = 4;
  localparam int TW = sb_pkg::TagW;
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  reg [sb_pkg::LsCfgBits-1:0] cfg_q;
  sb_pkg::ls_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.max_tags >= 13'd1 && cfg.max_tags <= 13'(MT));
    assume(cfg.timeout <= 24'd7);
  end

  logic            req_ready;
  sb_pkg::ls_acc_t acc;
  sb_pkg::flit_t   net;
  sb_pkg::ls_cpl_t cpl;
  sb_pkg::ls_stat_t stat;
  sb_ls_port #(.MaxTags(MT)) dut (.clk_i, .rst_ni, .cfg_i(cfg), .req_i, .req_ready_o(req_ready),
    .acc_o(acc), .net_o(net), .net_ready_i, .rsp_i, .cpl_o(cpl), .stat_o(stat));

  // The index mask of max_tags (ls_tag_index_mask), from the spec.
  logic [TW-1:0] mask;
  assign mask = (cfg.max_tags <= 13'd1) ? 12'h000 : (cfg.max_tags <= 13'd2) ? 12'h001 : 12'h003;
  logic [TW-1:0] acc_tag, cpl_tag, net_tag;
  logic [1:0]    acc_ix, cpl_ix;
  assign acc_tag = acc.tag;
  assign cpl_tag = cpl.tag;
  assign net_tag = net.tag;
  assign acc_ix  = 2'(acc_tag & mask);
  assign cpl_ix  = 2'(cpl_tag & mask);

  // Reference per index.
  reg   [MT-1:0]    outst_q, used_q;
  reg   [TW-1:0]    otag_q [MT];   // the tag outstanding at the index (last issued)
  logic [MT-1:0]    outst_now;
  logic [2:0]       cnt_now;
  always @* begin
    outst_now = outst_q;
    if (cpl.valid) outst_now[cpl_ix] = 1'b0;
    if (acc.valid) outst_now[acc_ix] = 1'b1;
    cnt_now = 3'(outst_now[0]) + 3'(outst_now[1]) + 3'(outst_now[2]) + 3'(outst_now[3]);
  end
  always @(posedge clk_i) begin
    outst_q <= init ? '0 : outst_now;
    used_q  <= init ? '0 : (used_q | (acc.valid ? (4'd1 << acc_ix) : 4'd0));
    for (int i = 0; i < MT; i++)
      if (init) otag_q[i] <= '0;
      else if (acc.valid && acc_ix == 2'(i)) otag_q[i] <= acc_tag;
  end

  // Accepted tags whose header has not left, oldest first (acc_o shows the
  // acceptance at the same edge as net_o shows a new header, so the header
  // that leaves may be the one acc_o shows at this cycle).
  reg   [TW-1:0] fq_q [3];
  reg   [1:0]    fn_q;
  logic [TW-1:0] fq_now [4];
  logic [2:0]    fn_now;
  logic          hdr_leaves;
  assign hdr_leaves = net.valid && net.sop && net_ready_i;
  always @* begin
    for (int i = 0; i < 3; i++) fq_now[i] = fq_q[i];
    fq_now[3] = '0;
    fn_now    = 3'(fn_q);
    if (acc.valid) begin
      fq_now[fn_q] = acc_tag;
      fn_now       = 3'(fn_q) + 3'd1;
    end
  end
  always @(posedge clk_i) begin
    if (init) begin
      fn_q <= '0;
      for (int i = 0; i < 3; i++) fq_q[i] <= '0;
    end else if (hdr_leaves) begin
      fn_q <= 2'(fn_now - 3'd1);
      for (int i = 0; i < 3; i++) fq_q[i] <= fq_now[i+1];
    end else begin
      fn_q <= 2'(fn_now);
      for (int i = 0; i < 3; i++) fq_q[i] <= fq_now[i];
    end
  end

  // formal-probe: p_valid = dut.valid_q
  // formal-probe: p_used = dut.used_q
  // formal-probe: p_tag = dut.tag_q
  // formal-probe: p_outstanding = dut.outstanding_q
  // formal-probe: p_pend = dut.pend_q
  // formal-probe: p_pend_tag = dut.pend_tag_q
  // formal-probe: p_in_rsp = dut.in_rsp_q
  // formal-probe: p_rsp_hit = dut.rsp_hit_q
  // formal-probe: p_rsp_tag = dut.rsp_tag_q
  (* keep *) wire [MT-1:0]    p_valid;
  (* keep *) wire [MT-1:0]    p_used;
  (* keep *) wire [MT*TW-1:0] p_tag;
  (* keep *) wire [12:0]      p_outstanding;
  (* keep *) wire [sb_pkg::LsReqBits-1:0] p_pend;  // ls_req_t
  (* keep *) wire [TW-1:0]    p_pend_tag;
  (* keep *) wire             p_in_rsp;
  (* keep *) wire             p_rsp_hit;
  (* keep *) wire [TW-1:0]    p_rsp_tag;

`ifdef FORMAL
  always @* begin
    if (!init) begin
      tag_unique: assert(!acc.valid || !outst_q[acc_ix]);
      tag_range: assert(!acc.valid || 13'(acc_ix) < cfg.max_tags);
      tag_fresh: assert(!acc.valid || !used_q[acc_ix] || acc_tag != otag_q[acc_ix]);
      cpl_once: assert(!cpl.valid || (13'(cpl_ix) < cfg.max_tags && outst_q[cpl_ix] &&
                                      cpl_tag == otag_q[cpl_ix]));
      count: assert(13'(cnt_now) == stat.outstanding && stat.outstanding <= cfg.max_tags);
      hdr_order: assert(!hdr_leaves || (fn_now != 3'd0 && net_tag == fq_now[0]));
      inv_table: assert(p_valid == outst_now && p_used == (used_q | (acc.valid ? (4'd1 << acc_ix) : 4'd0)) &&
                        (p_valid & ~p_used) == '0 &&
                        (p_valid >> cfg.max_tags) == '0 && p_outstanding == 13'(cnt_now));
      inv_tags: assert((!p_used[0] || p_tag[0*TW +: TW] == (acc.valid && acc_ix == 2'd0 ? acc_tag : otag_q[0])) &&
                       (!p_used[1] || p_tag[1*TW +: TW] == (acc.valid && acc_ix == 2'd1 ? acc_tag : otag_q[1])) &&
                       (!p_used[2] || p_tag[2*TW +: TW] == (acc.valid && acc_ix == 2'd2 ? acc_tag : otag_q[2])) &&
                       (!p_used[3] || p_tag[3*TW +: TW] == (acc.valid && acc_ix == 2'd3 ? acc_tag : otag_q[3])) &&
                       (p_tag[0*TW +: TW] & mask) == 12'd0 && (!p_used[1] || (p_tag[1*TW +: TW] & mask) == 12'd1) &&
                       (!p_used[2] || (p_tag[2*TW +: TW] & mask) == 12'd2) &&
                       (!p_used[3] || (p_tag[3*TW +: TW] & mask) == 12'd3));
      // The headers not yet gone: net_o's (a header) and the pending one
      // (p_pend[LsReqBits-1]: ls_req_t.valid).
      inv_fifo: assert(fn_now == 3'(net.valid && net.sop) + 3'(p_pend[sb_pkg::LsReqBits-1]) &&
                       (!(net.valid && net.sop) || fq_now[0] == net_tag) &&
                       (!p_pend[sb_pkg::LsReqBits-1] || fq_now[(net.valid && net.sop) ? 1 : 0] == p_pend_tag));
      // A response in progress that will complete carries the tag
      // outstanding at its index.
      inv_rsp: assert(!(p_in_rsp && p_rsp_hit) ||
                      (outst_now[2'(p_rsp_tag & mask)] && 13'(2'(p_rsp_tag & mask)) < cfg.max_tags &&
                       p_tag[(p_rsp_tag & mask)*TW +: TW] == p_rsp_tag));
    end
  end
`endif
endmodule
