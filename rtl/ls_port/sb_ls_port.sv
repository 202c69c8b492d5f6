// Load-store (LS) port, initiator side: tag allocation and the outstanding
// table, the request packetizer (one-entry pending register), the response
// matcher and the timeout. Implements the cycle semantics documented in
// systemc/ls_port/sb_ls_core.h (class ls_initiator_core) cycle for cycle; the
// C++ model is compared against it on every output every cycle
// (tests/ls_port/test_ls_port.cpp).
//
// Signal names: x_q is the value before the edge, x_d the value after it.
//
// yosys 0.23 compatibility (header of rtl/xbar/sb_xbar.sv): the ports are
// single structs; struct fields are only selected on ports or on module-level
// scalar temporaries (the *_tmp variables and the struct registers); the
// per-tag table is kept in flat packed vectors (entry t at [t*W +: W]).

module sb_ls_port #(
  parameter int MaxTags = 64  // table storage, power of 2, 2..4096, >= cfg_i.max_tags
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  sb_pkg::ls_cfg_t  cfg_i,
  input  sb_pkg::ls_req_t  req_i,
  output logic             req_ready_o,
  output sb_pkg::ls_acc_t  acc_o,
  output sb_pkg::flit_t    net_o,
  input  logic             net_ready_i,
  input  sb_pkg::flit_t    rsp_i,
  output sb_pkg::ls_cpl_t  cpl_o,
  output sb_pkg::ls_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int TagW = sb_pkg::TagW;   // 12
  localparam int IdxW = (MaxTags > 1) ? $clog2(MaxTags) : 1;
  localparam int AgeW = 24;
  localparam int CntW = 13;             // ls_stat_t.outstanding, ls_cfg_t.max_tags
  localparam logic [AgeW-1:0] AgeMax = '1;

  localparam logic [1:0] StatusOk      = 2'd0;
  localparam logic [1:0] StatusTimeout = 2'd1;
  localparam logic [1:0] StatusError   = 2'd2;

  // Illegal parameters stop elaboration. $fatal names the problem; as the
  // -Wno-fatal of verilate() turns it into a mere warning, the branch also
  // instantiates a module that does not exist: a hard error in every tool.
  if (MaxTags < 2 || MaxTags > 4096 || (MaxTags & (MaxTags - 1)) != 0) begin : gen_err_max_tags
    $fatal(1, "sb_ls_port: MaxTags=%0d must be a power of two in 2..4096", MaxTags);
    sb_ls_port_illegal_parameters u_illegal_parameters ();
  end

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  // Outstanding table
  logic [MaxTags-1:0]      valid_q, valid_d;
  logic [MaxTags*2-1:0]    op_q, op_d;      // request op per tag
  localparam int DstW = sb_pkg::PortIdW;
  logic [MaxTags*DstW-1:0] dst_q, dst_d;    // request dst per tag
  logic [MaxTags*AgeW-1:0] age_q, age_d;    // cycles outstanding, saturating
  logic [MaxTags*TagW-1:0] tag_q, tag_d;    // the full tag {generation, index} last issued per entry
  logic [MaxTags-1:0]      used_q, used_d;  // the entry has been issued at least once
  // Response matcher
  logic                    in_rsp_q, in_rsp_d;
  logic                    rsp_hit_q, rsp_hit_d;
  logic                    rsp_err_q, rsp_err_d;
  logic [TagW-1:0]         rsp_tag_q, rsp_tag_d;
  // Packetizer: the packet on net_o and the pending request
  sb_pkg::ls_req_t         cur_q, cur_d;
  logic                    cur_masked_q, cur_masked_d;
  logic [31:0]             cur_msig_q, cur_msig_d;
  logic [TagW-1:0]         cur_tag_q, cur_tag_d;
  sb_pkg::ls_req_t         pend_q, pend_d;  // pend_q.valid: the pending register is full
  logic                    pend_masked_q, pend_masked_d;
  logic [31:0]             pend_msig_q, pend_msig_d;
  logic [TagW-1:0]         pend_tag_q, pend_tag_d;
  logic [3:0]              rem_q, rem_d;    // data flits of cur still to send (len - 1 <= 7)
  logic [3:0]              idx_q, idx_d;    // index of the next data flit
  // Registered outputs
  sb_pkg::flit_t           net_q, net_d;
  sb_pkg::ls_acc_t         acc_q, acc_d;
  sb_pkg::ls_cpl_t         cpl_q, cpl_d;
  // Counters
  logic [CntW-1:0]         outstanding_q, outstanding_d;
  logic [31:0]             issued_q, issued_d;
  logic [31:0]             completed_q, completed_d;
  logic [31:0]             timeouts_q, timeouts_d;
  logic [31:0]             errors_q, errors_d;
  logic [31:0]             stray_q, stray_d;
  logic [31:0]             stale_q, stale_d;
  logic [31:0]             req_flits_q, req_flits_d;

  // ---------------------------------------------------------------------------
  // Combinational signals
  // ---------------------------------------------------------------------------
  sb_pkg::ls_req_t         req_tmp;     // req_i
  sb_pkg::flit_t           rsp_tmp;     // rsp_i
  sb_pkg::ls_req_t         src_tmp;     // the request the next net_o flit is built from
  sb_pkg::flit_t           flit_tmp;    // the next net_o flit
  sb_pkg::ls_stat_t        stat_tmp;    // stat_o
  // Tag = {generation, index}: the index mask from cfg_i.max_tags
  logic [TagW-1:0]         idx_mask;    // all ones below the MSB of max_tags - 1
  logic [TagW:0]           tag_m1;      // max_tags - 1
  // Step 1
  logic [TagW-1:0]         rsp_idx_full;
  logic [IdxW-1:0]         rsp_idx;
  logic                    rsp_in_range;
  logic                    rsp_lookup;  // rsp_i's tag is outstanding (index and generation)
  logic                    rsp_stale;   // an issued index, no outstanding match: late
  logic                    rsp_bad;     // wrong ptype or src for that tag
  logic                    rsp_sop, rsp_eop;
  logic                    in_rsp1, rsp_hit1;
  logic                    rsp_done;    // a response completes at this edge
  // Step 2
  logic                    to_found;
  logic [IdxW-1:0]         to_idx;
  // Steps 1 + 2
  logic                    done;
  logic [IdxW-1:0]         done_idx;
  // Step 5
  logic                    accept;
  logic                    alloc_found;
  logic [IdxW-1:0]         alloc_idx;
  // Step 4
  logic                    slot_free;
  logic [7:0]              src_len;
  sb_pkg::ptype_e          src_ptype;
  logic [TagW-1:0]         src_tag;
  logic [TagW-1:0]         alloc_tag;   // the tag the entry alloc_idx issues next
  logic [TagW-1:0]         alloc_last;
  logic                    send_data, send_pend, send_new;
  logic                    src_masked;  // a partial write: a mask flit follows the header
  logic [3:0]              src_didx;    // the data flit index (idx_q, less the mask flit)
  logic [31:0]             src_msig;    // the mask flit's sig (ls_mask_sig)
  // req_i's mask flit; the pending and current packets keep only theirs
  // (1 + 32 bits, not the 128 mask bits: their skip fields are stored as 0)
  logic [63:0]             req_skip_f, req_skip_l;
  logic                    req_masked;
  logic [31:0]             req_msig;

  assign req_tmp = req_i;
  assign rsp_tmp = rsp_i;

  // The fields of rsp_i the matcher does not look at.
  logic unused_rsp;
  assign unused_rsp = ^{rsp_tmp.dst, rsp_tmp.cls, rsp_tmp.len, rsp_tmp.seq, rsp_tmp.sig,
                        cur_q.valid, tag_m1[TagW]};

  // req_ready_o: a function of registers (and the quasi-static cfg_i) only.
  assign req_ready_o = (outstanding_q < cfg_i.max_tags) && !pend_q.valid;

  // ---------------------------------------------------------------------------
  // Steps 1 and 2: response matcher, timeout
  // ---------------------------------------------------------------------------
  // The index mask: max_tags - 1 with every bit below its MSB set (ls_tag_index_mask).
  assign tag_m1   = (cfg_i.max_tags > CntW'(1)) ? cfg_i.max_tags - CntW'(1) : '0;
  always_comb begin : p_idx_mask
    idx_mask = tag_m1[TagW-1:0];
    for (int b = 1; b < TagW; b++) idx_mask = idx_mask | (idx_mask >> 1);
  end
  assign rsp_idx_full = rsp_tmp.tag & idx_mask;
  assign rsp_idx      = rsp_idx_full[IdxW-1:0];
  // An index below cfg_i.max_tags (<= MaxTags) indexes the table without aliasing.
  assign rsp_in_range = {1'b0, rsp_idx_full} < cfg_i.max_tags;
  assign rsp_lookup   = rsp_in_range && valid_q[rsp_idx] && (tag_q[rsp_idx*TagW +: TagW] == rsp_tmp.tag);
  assign rsp_stale    = rsp_in_range && !rsp_lookup && used_q[rsp_idx];
  assign rsp_bad    = (3'(rsp_tmp.ptype) != 3'(op_q[rsp_idx*2 +: 2]) + 3'd4) ||
                      (rsp_tmp.src != dst_q[rsp_idx*DstW +: DstW]);
  assign rsp_sop    = rsp_tmp.valid && rsp_tmp.sop;
  assign rsp_eop    = rsp_tmp.valid && rsp_tmp.eop;

  always_comb begin : p_match
    in_rsp_d  = in_rsp_q;
    rsp_hit1  = rsp_hit_q;
    rsp_err_d = rsp_err_q;
    rsp_tag_d = rsp_tag_q;
    stray_d   = stray_q;
    stale_d   = stale_q;
    if (rsp_sop) begin
      in_rsp_d  = 1'b1;
      rsp_tag_d = rsp_tmp.tag;
      rsp_hit1  = rsp_lookup;
      if (rsp_lookup) begin
        rsp_err_d = rsp_bad;
      end else if (rsp_stale) begin
        stale_d = stale_q + 32'd1;
      end else begin
        stray_d = stray_q + 32'd1;
      end
    end
    in_rsp1  = in_rsp_d;
    rsp_done = 1'b0;
    if (rsp_eop && in_rsp1) begin
      in_rsp_d = 1'b0;
      rsp_done = rsp_hit1;
    end
  end

  // Lowest outstanding tag with age >= timeout, when no response completes.
  always_comb begin : p_timeout
    to_found = 1'b0;
    to_idx   = '0;
    if (!rsp_done && cfg_i.timeout != '0) begin
      for (int t = 0; t < MaxTags; t++) begin
        if (!to_found && valid_q[t] && age_q[t*AgeW +: AgeW] >= cfg_i.timeout) begin
          to_found = 1'b1;
          to_idx   = IdxW'(t);
        end
      end
    end
  end

  logic [IdxW-1:0] rsp_done_idx;  // the index of the tag a completing response carries
  assign rsp_done_idx = IdxW'(rsp_tag_d & idx_mask);

  always_comb begin : p_done
    // The tag a completing response carries is the one its header looked
    // up (rsp_tag_d: this edge's header or an earlier one).
    done     = rsp_done || to_found;
    done_idx = rsp_done ? rsp_done_idx : to_idx;
    // A response still in progress whose tag times out at this edge is
    // ignored to its end (its transaction has completed with TIMEOUT).
    rsp_hit_d = rsp_hit1;
    if (to_found && in_rsp_d && rsp_hit1 && rsp_tag_d == tag_q[to_idx*TagW +: TagW]) rsp_hit_d = 1'b0;

    cpl_d       = '0;
    completed_d = completed_q;
    errors_d    = errors_q;
    timeouts_d  = timeouts_q;
    if (rsp_done) begin
      cpl_d.valid  = 1'b1;
      cpl_d.tag    = rsp_tag_d;
      cpl_d.status = rsp_err_d ? StatusError : StatusOk;
      if (rsp_err_d) errors_d = errors_q + 32'd1;
      else           completed_d = completed_q + 32'd1;
    end else if (to_found) begin
      cpl_d.valid  = 1'b1;
      cpl_d.tag    = tag_q[to_idx*TagW +: TagW];
      cpl_d.status = StatusTimeout;
      timeouts_d   = timeouts_q + 32'd1;
    end
  end

  // ---------------------------------------------------------------------------
  // Step 5: acceptance takes the lowest free tag of the table at the start of
  // the edge (a tag freed at this edge is free from the next one on)
  // ---------------------------------------------------------------------------
  always_comb begin : p_alloc
    alloc_found = 1'b0;
    alloc_idx   = '0;
    for (int t = 0; t < MaxTags; t++) begin
      if (!alloc_found && !valid_q[t] && CntW'(t) < cfg_i.max_tags) begin
        alloc_found = 1'b1;
        alloc_idx   = IdxW'(t);
      end
    end
  end
  assign accept = req_tmp.valid && req_ready_o;
  // ls_next_tag: generation + 1 of the entry's last tag, or generation 0 on its first use.
  assign alloc_last = tag_q[alloc_idx*TagW +: TagW];
  assign alloc_tag  = used_q[alloc_idx] ? (((alloc_last | idx_mask) + TagW'(1)) & ~idx_mask) | TagW'(alloc_idx)
                                        : TagW'(alloc_idx);

  // Steps 1, 2, 3 and 5 on the table: free, age (saturating), allocate.
  always_comb begin : p_table
    for (int t = 0; t < MaxTags; t++) begin
      valid_d[t] = valid_q[t];
      op_d[t*2 +: 2] = op_q[t*2 +: 2];
      dst_d[t*DstW +: DstW] = dst_q[t*DstW +: DstW];
      age_d[t*AgeW +: AgeW] = age_q[t*AgeW +: AgeW];
      tag_d[t*TagW +: TagW] = tag_q[t*TagW +: TagW];
      used_d[t] = used_q[t];
      if (done && done_idx == IdxW'(t)) begin
        valid_d[t] = 1'b0;
      end else if (valid_q[t] && age_q[t*AgeW +: AgeW] != AgeMax) begin
        age_d[t*AgeW +: AgeW] = age_q[t*AgeW +: AgeW] + AgeW'(1);
      end
      if (accept && alloc_idx == IdxW'(t)) begin
        valid_d[t] = 1'b1;
        op_d[t*2 +: 2] = req_tmp.op;
        dst_d[t*DstW +: DstW] = req_tmp.dst;
        age_d[t*AgeW +: AgeW] = '0;
        tag_d[t*TagW +: TagW] = alloc_tag;
        used_d[t] = 1'b1;
      end
    end
    outstanding_d = outstanding_q - CntW'(done) + CntW'(accept);
    issued_d      = issued_q + 32'(accept);
    acc_d         = '0;
    acc_d.valid   = accept;
    acc_d.tag     = accept ? alloc_tag : '0;
  end

  // ---------------------------------------------------------------------------
  // Step 4: packetizer
  // ---------------------------------------------------------------------------
  assign slot_free = !net_q.valid || net_ready_i;
  assign send_data = slot_free && (rem_q != '0);
  assign send_pend = slot_free && (rem_q == '0) && pend_q.valid;
  assign send_new  = slot_free && (rem_q == '0) && !pend_q.valid && accept;

  // The mask flit of a partial write (ls_req_masked, ls_mask_sig).
  assign req_skip_f = req_tmp.skip_first;
  assign req_skip_l = req_tmp.skip_last;
  assign req_masked = (req_tmp.op == 2'd1) && (req_skip_f != '0 || req_skip_l != '0);
  assign req_msig   = req_skip_f[31:0] ^ req_skip_f[63:32] ^ {req_skip_l[15:0], req_skip_l[31:16]} ^
                      {req_skip_l[47:32], req_skip_l[63:48]};

  always_comb begin : p_pkt
    // The request the flit is built from: the current packet (data), the
    // pending request or the one accepted at this edge (header).
    if (send_data) begin
      src_tmp    = cur_q;
      src_tag    = cur_tag_q;
      src_masked = cur_masked_q;
      src_msig   = cur_msig_q;
    end else if (send_pend) begin
      src_tmp    = pend_q;
      src_tag    = pend_tag_q;
      src_masked = pend_masked_q;
      src_msig   = pend_msig_q;
    end else begin
      src_tmp    = req_tmp;
      src_tag    = alloc_tag;
      src_masked = req_masked;
      src_msig   = req_msig;
    end
    // ptype = op + 1 (an illegal op 3 gives RD_RSP, as in the model)
    case (src_tmp.op)
      2'd0:    src_ptype = sb_pkg::PTYPE_RD_REQ;
      2'd1:    src_ptype = sb_pkg::PTYPE_WR_REQ;
      2'd2:    src_ptype = sb_pkg::PTYPE_AT_REQ;
      default: src_ptype = sb_pkg::PTYPE_RD_RSP;
    endcase
    src_didx   = idx_q - 4'(src_masked);
    src_len = (src_tmp.op == 2'd0) ? 8'd1 : (src_tmp.op == 2'd1) ? 8'd1 + 8'(src_tmp.size) + 8'(src_masked) : 8'd2;

    flit_tmp       = '0;
    flit_tmp.valid = 1'b1;
    flit_tmp.sop   = 1'b1;
    flit_tmp.eop   = (src_len == 8'd1);
    flit_tmp.src   = cfg_i.port;
    flit_tmp.dst   = src_tmp.dst;
    flit_tmp.cls   = cfg_i.req_cls;
    flit_tmp.ptype = src_ptype;
    flit_tmp.len   = src_len;
    flit_tmp.tag   = src_tag;
    flit_tmp.seq   = 20'(src_tmp.size);
    flit_tmp.sig   = src_tmp.addr;
    if (send_data) begin
      flit_tmp.sop = 1'b0;
      flit_tmp.eop = (8'(idx_q) == src_len - 8'd2);
      flit_tmp.seq = 20'(src_didx);
      flit_tmp.sig = (src_tmp.op == 2'd1) ? src_tmp.wdata + 32'(src_didx) : src_tmp.wdata;
      if (src_masked && idx_q == '0) begin  // the mask flit
        flit_tmp.seq = '0;
        flit_tmp.sig = src_msig;
      end
    end

    net_d      = net_q;
    cur_d      = cur_q;
    cur_masked_d  = cur_masked_q;
    cur_msig_d    = cur_msig_q;
    pend_masked_d = pend_masked_q;
    pend_msig_d   = pend_msig_q;
    cur_tag_d  = cur_tag_q;
    rem_d      = rem_q;
    idx_d      = idx_q;
    pend_d     = pend_q;
    pend_tag_d = pend_tag_q;
    if (send_data) begin
      net_d = flit_tmp;
      rem_d = rem_q - 4'd1;
      idx_d = idx_q + 4'd1;
    end else if (send_pend || send_new) begin
      net_d        = flit_tmp;
      cur_d        = src_tmp;
      cur_d.skip_first = '0;
      cur_d.skip_last  = '0;
      cur_masked_d = src_masked;
      cur_msig_d   = src_msig;
      cur_tag_d    = src_tag;
      rem_d        = 4'(src_len - 8'd1);
      idx_d        = '0;
      pend_d.valid = 1'b0;
    end else if (slot_free) begin
      net_d = '0;
    end
    if (accept && !send_new) begin
      pend_d       = req_tmp;  // req_tmp.valid = 1: the register is full
      pend_d.skip_first = '0;
      pend_d.skip_last  = '0;
      pend_masked_d = req_masked;
      pend_msig_d   = req_msig;
      pend_tag_d   = alloc_tag;
    end
    req_flits_d = req_flits_q + 32'(net_q.valid && net_ready_i);
  end

  // ---------------------------------------------------------------------------
  // Registers (synchronous active-low reset)
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      valid_q       <= '0;
      op_q          <= '0;
      dst_q         <= '0;
      age_q         <= '0;
      tag_q         <= '0;
      used_q        <= '0;
      in_rsp_q      <= 1'b0;
      rsp_hit_q     <= 1'b0;
      rsp_err_q     <= 1'b0;
      rsp_tag_q     <= '0;
      cur_q         <= '0;
      cur_tag_q     <= '0;
      cur_masked_q  <= 1'b0;
      cur_msig_q    <= '0;
      pend_masked_q <= 1'b0;
      pend_msig_q   <= '0;
      pend_q        <= '0;
      pend_tag_q    <= '0;
      rem_q         <= '0;
      idx_q         <= '0;
      net_q         <= '0;
      acc_q         <= '0;
      cpl_q         <= '0;
      outstanding_q <= '0;
      issued_q      <= '0;
      completed_q   <= '0;
      timeouts_q    <= '0;
      errors_q      <= '0;
      stray_q       <= '0;
      stale_q       <= '0;
      req_flits_q   <= '0;
    end else begin
      valid_q       <= valid_d;
      op_q          <= op_d;
      dst_q         <= dst_d;
      age_q         <= age_d;
      tag_q         <= tag_d;
      used_q        <= used_d;
      in_rsp_q      <= in_rsp_d;
      rsp_hit_q     <= rsp_hit_d;
      rsp_err_q     <= rsp_err_d;
      rsp_tag_q     <= rsp_tag_d;
      cur_q         <= cur_d;
      cur_tag_q     <= cur_tag_d;
      cur_masked_q  <= cur_masked_d;
      cur_msig_q    <= cur_msig_d;
      pend_masked_q <= pend_masked_d;
      pend_msig_q   <= pend_msig_d;
      pend_q        <= pend_d;
      pend_tag_q    <= pend_tag_d;
      rem_q         <= rem_d;
      idx_q         <= idx_d;
      net_q         <= net_d;
      acc_q         <= acc_d;
      cpl_q         <= cpl_d;
      outstanding_q <= outstanding_d;
      issued_q      <= issued_d;
      completed_q   <= completed_d;
      timeouts_q    <= timeouts_d;
      errors_q      <= errors_d;
      stray_q       <= stray_d;
      stale_q       <= stale_d;
      req_flits_q   <= req_flits_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: all registers (req_ready_o above)
  // ---------------------------------------------------------------------------
  always_comb begin : p_stat
    stat_tmp             = '0;
    stat_tmp.outstanding = outstanding_q;
    stat_tmp.issued      = issued_q;
    stat_tmp.completed   = completed_q;
    stat_tmp.timeouts    = timeouts_q;
    stat_tmp.errors      = errors_q;
    stat_tmp.stray       = stray_q;
    stat_tmp.stale       = stale_q;
    stat_tmp.req_flits   = req_flits_q;
  end

  assign acc_o  = acc_q;
  assign net_o  = net_q;
  assign cpl_o  = cpl_q;
  assign stat_o = stat_tmp;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock (as in rtl/llr/sb_llr.sv).
  logic            sva_req_valid;
  logic            sva_net_valid;
  logic            sva_acc_valid;
  logic [TagW-1:0] sva_rsp_tag;
  assign sva_req_valid = req_tmp.valid;
  assign sva_net_valid = net_q.valid;
  assign sva_acc_valid = acc_q.valid;
  assign sva_rsp_tag   = rsp_tmp.tag;

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.max_tags >= CntW'(1) && cfg_i.max_tags <= CntW'(MaxTags))
    else $error("sb_ls_port: cfg_i.max_tags=%0d outside 1..MaxTags=%0d", cfg_i.max_tags, MaxTags);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_ls_port: cfg_i changed while out of reset");

  // Tags: never issued while outstanding, always below max_tags.
  TagFree_A: assert property (@(posedge clk_i) disable iff (!rst_ni) accept |-> !valid_q[alloc_idx])
    else $error("sb_ls_port: tag %0d issued while outstanding", alloc_idx);
  TagRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      accept |-> alloc_found && CntW'(alloc_idx) < cfg_i.max_tags)
    else $error("sb_ls_port: tag %0d issued outside max_tags=%0d", alloc_idx, cfg_i.max_tags);

  // Every response header matches an outstanding tag or is a late (stale)
  // one of an issued index. Fires on a stray response (the bench injects one
  // on purpose in tests/ls_port).
  RspTagOutstanding_A: assert property (@(posedge clk_i) disable iff (!rst_ni) rsp_sop |-> rsp_lookup || rsp_stale)
    else $error("sb_ls_port: response header for tag %0d that is not outstanding", sva_rsp_tag);

  // A late response never completes a transaction: a completion by response
  // carries the tag its entry issued (generation included).
  RspDoneTag_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rsp_done |-> rsp_tag_d == tag_q[rsp_done_idx*TagW +: TagW])
    else $error("sb_ls_port: response tag %0h completed an entry that issued another tag", rsp_tag_d);

  // A completion frees an outstanding tag (never one already free).
  DoneOutstanding_A: assert property (@(posedge clk_i) disable iff (!rst_ni) done |-> valid_q[done_idx])
    else $error("sb_ls_port: completion of tag %0d that is not outstanding", done_idx);

  // The outstanding counter is the population of the table.
  OutstandingCount_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      32'(outstanding_q) == $countones(valid_q))
    else $error("sb_ls_port: outstanding=%0d but %0d tags valid", outstanding_q, $countones(valid_q));
  OutstandingMax_A: assert property (@(posedge clk_i) disable iff (!rst_ni) outstanding_q <= cfg_i.max_tags)
    else $error("sb_ls_port: outstanding=%0d exceeds max_tags=%0d", outstanding_q, cfg_i.max_tags);

  // A request is accepted only when ready (acc_o reports an edge with
  // req_i.valid && req_ready_o).
  AcceptReady_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sva_acc_valid |-> $past(sva_req_valid && req_ready_o))
    else $error("sb_ls_port: acc_o without a request accepted while ready");

  // net_o holds while it is not consumed.
  NetStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sva_net_valid && !net_ready_i |=> $stable(net_q))
    else $error("sb_ls_port: net_o changed while valid and not consumed");
`endif

endmodule
