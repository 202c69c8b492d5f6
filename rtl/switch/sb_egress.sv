// Egress of one switch port: the fixed switch pipeline after the crossbar, a
// FIFO per class, the 2-entry skid in front of the LLR, the strict-priority /
// WRR offers to the flow-control sender and the crossbar backpressure.
// Implements docs/switch.md "sb_egress" cycle for cycle; the C++ model
// (systemc/switch/) is compared against the chip containing it on every pin
// every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), x1 an intermediate value (after the grant's pop).
//
// Storage (docs/switch.md "RTL"): the pipeline is a ring of MaxSwPipe flit
// slots of which switch_cfg.pipe are used, with a write pointer (each slot is
// read and rewritten once every `pipe` edges; only the valid bits are reset);
// each class queue is a ring buffer of MaxEgress slots (flit memory with one
// read port at the head, plus a 2-bit sop/eop memory read at the next head
// for the offers) with a count of the packet tails it holds (a class is
// offered only with a whole packet queued).
//
// The offers (offer_o, sop_o, eop_o) are the one combinational output: they
// are computed from the next state, i.e. from the registers and the inputs
// grant_i, up_ready_i and in_i, which are all registers of other blocks.
//
// yosys 0.23 compatibility (header of rtl/xbar/sb_xbar.sv): single-struct
// ports; struct fields only on ports and module-level scalar temporaries
// (*_tmp); per-class registers are flat packed vectors.

module sb_egress #(
  parameter int NumClasses = 2,    // C, 1..8
  parameter int MaxEgress  = 512,  // flit slots per class queue, 2..65535, >= sw_cfg_i.egress_cap
  parameter int MaxSwPipe  = 256   // pipeline slots, 1..65535, >= sw_cfg_i.pipe
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  sb_pkg::xbar_cfg_t    xbar_cfg_i,
  input  sb_pkg::switch_cfg_t  sw_cfg_i,
  input  sb_pkg::flit_t        in_i,        // xbar.out_flit_o[p]
  input  sb_pkg::fc_sel_t      grant_i,     // tx.grant_o
  input  logic                 up_ready_i,  // llr.up_ready_o
  output logic [7:0]           offer_o,     // combinational, bit c = class c
  output logic [7:0]           sop_o,
  output logic [7:0]           eop_o,
  output sb_pkg::flit_t        up_o,        // to llr.up_i (skid entry 0)
  output logic                 ready_o,     // to xbar.out_ready_i[p]
  output sb_pkg::egress_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int FlitW = sb_pkg::FlitBits;
  localparam int PW    = (MaxSwPipe > 1) ? $clog2(MaxSwPipe) : 1;  // pipeline slot
  localparam int EIdxW = (MaxEgress > 1) ? $clog2(MaxEgress) : 1;  // queue slot
  localparam int ECntW = $clog2(MaxEgress + 1);
  localparam int CntW  = 32;
  // Bit positions of sop / eop in a packed flit_t.
  localparam int SopBit = FlitW - 2;
  localparam int EopBit = FlitW - 3;

  if (NumClasses < 1 || NumClasses > 8) begin : gen_err_num_classes
    $fatal(1, "sb_egress: NumClasses=%0d outside 1..8", NumClasses);
  end
  if (MaxEgress < 2 || MaxEgress > 65535) begin : gen_err_max_egress
    $fatal(1, "sb_egress: MaxEgress=%0d outside 2..65535", MaxEgress);
  end
  if (MaxSwPipe < 1 || MaxSwPipe > 65535) begin : gen_err_max_sw_pipe
    $fatal(1, "sb_egress: MaxSwPipe=%0d outside 1..65535", MaxSwPipe);
  end
  if (NumClasses < 1 || NumClasses > 8 || MaxEgress < 2 || MaxEgress > 65535 ||
      MaxSwPipe < 1 || MaxSwPipe > 65535) begin : gen_err_params
    sb_egress_illegal_parameters u_illegal_parameters ();
  end

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  // Pipeline ring: valid bits (reset) and flit slots (not reset).
  logic [MaxSwPipe-1:0]          pv_q, pv_d;
  logic [FlitW-1:0]              pmem_q [MaxSwPipe];
  logic [PW-1:0]                 wp_q, wp_d;
  logic [15:0]                   pcnt_q, pcnt_d;
  // Class queues: ring buffers, class c at [c*W +: W].
  logic [NumClasses*EIdxW-1:0]   erd_q, erd_d;
  logic [NumClasses*EIdxW-1:0]   ewr_q, ewr_d;
  logic [NumClasses*ECntW-1:0]   ecnt_q, ecnt_d;
  logic [NumClasses*ECntW-1:0]   tails_q, tails_d;  // eop flits held per class queue
  // Skid: s[0] (= up_o) and s[1], and how many it holds.
  logic [FlitW-1:0]              s0_q, s0_d;
  logic [FlitW-1:0]              s1_q, s1_d;
  logic [1:0]                    ns_q, ns_d;
  // WRR.
  logic [NumClasses*8-1:0]       quota_q, quota_d;
  logic [NumClasses-1:0]         inpkt_q, inpkt_d;
  // Outputs and counters.
  logic                          ready_q, ready_d;
  logic [CntW-1:0]               flits_in_q, flits_in_d;
  logic [CntW-1:0]               flits_out_q, flits_out_d;
  logic [CntW-1:0]               ovf_q, ovf_d;
  logic [CntW-1:0]               badg_q, badg_d;

  // ---------------------------------------------------------------------------
  // Memory ports
  // ---------------------------------------------------------------------------
  logic [FlitW-1:0]              o_flit;       // pipe[wp], the flit leaving the pipeline
  logic [NumClasses*FlitW-1:0]   eq_head;      // eq[c] head (flit memory at erd)
  logic [NumClasses*2-1:0]       eq_next_se;   // {sop, eop} at erd' (the head after the edge)
  logic [NumClasses-1:0]         eq_we;        // push o into eq[c]

  always_ff @(posedge clk_i) begin : p_pipe_wr
    if (in_i.valid) pmem_q[wp_q] <= in_i;
  end
  assign o_flit = pmem_q[wp_q];

  for (genvar gc = 0; gc < NumClasses; gc++) begin : gen_cls
    logic [FlitW-1:0] mem_q [MaxEgress];
    logic [1:0]       se_q  [MaxEgress];

    always_ff @(posedge clk_i) begin : p_mem_wr
      if (eq_we[gc]) begin
        mem_q[ewr_q[gc*EIdxW +: EIdxW]] <= o_flit;
        se_q[ewr_q[gc*EIdxW +: EIdxW]]  <= {o_flit[SopBit], o_flit[EopBit]};
      end
    end

    assign eq_head[gc*FlitW +: FlitW] = mem_q[erd_q[gc*EIdxW +: EIdxW]];
    assign eq_next_se[gc*2 +: 2]      = se_q[erd_d[gc*EIdxW +: EIdxW]];
  end

  // ---------------------------------------------------------------------------
  // Next state (steps 1..5 and 7)
  // ---------------------------------------------------------------------------
  logic                        consumed;     // step 1
  logic                        pop;          // step 2: the grant takes eq[g]'s head
  logic                        bad_grant;
  logic                        skid_ovf;     // step 3: a third flit for the skid (never)
  logic                        o_vld;        // step 4: pipe[wp] holds a flit
  logic                        o_push;
  logic                        o_ovf;
  logic [NumClasses*ECntW-1:0] ecnt1;        // class queues after the pop
  logic [15:0]                 peff;         // pipe clamped to 1..MaxSwPipe
  logic [ECntW:0]              cap_eff;      // min(egress_cap, MaxEgress)
  logic [31:0]                 held_d;       // sum(occ') + pcnt'

  sb_pkg::flit_t   h_tmp;      // head granted
  sb_pkg::flit_t   o_tmp;      // flit leaving the pipeline
  sb_pkg::flit_t   in_tmp;
  logic [63:0]     weight_flat;  // sw_cfg_i.weight, weight[c] at [c*8 +: 8]

  assign in_tmp      = in_i;
  assign weight_flat = sw_cfg_i.weight;
  assign o_tmp   = o_flit;
  assign peff    = (sw_cfg_i.pipe == '0) ? 16'd1 :
                   (32'(sw_cfg_i.pipe) > MaxSwPipe) ? 16'(MaxSwPipe) : sw_cfg_i.pipe;
  assign cap_eff = (32'(sw_cfg_i.egress_cap) > MaxEgress) ? (ECntW+1)'(MaxEgress) :
                                                           (ECntW+1)'(sw_cfg_i.egress_cap);
  assign o_vld   = pv_q[wp_q];

  always_comb begin : p_next
    int              g;
    int              oc;
    logic            any_ne, served;

    g           = 32'(grant_i.cls);
    oc          = 32'(o_tmp.cls);
    any_ne      = 1'b0;
    served      = 1'b0;
    h_tmp       = '0;
    pop         = 1'b0;
    bad_grant   = 1'b0;
    skid_ovf    = 1'b0;
    o_push      = 1'b0;
    o_ovf       = 1'b0;
    eq_we       = '0;
    erd_d       = erd_q;
    ewr_d       = ewr_q;
    ecnt1       = ecnt_q;
    tails_d     = tails_q;
    inpkt_d     = inpkt_q;
    quota_d     = quota_q;
    flits_in_d  = flits_in_q + 32'(in_tmp.valid);
    flits_out_d = flits_out_q;
    ovf_d       = ovf_q;
    badg_d      = badg_q;

    // 1. To the LLR.
    consumed = s0_q[FlitW-1] && up_ready_i;
    if (consumed) flits_out_d = flits_out_q + 32'd1;

    // 2. Grant (the sender's grant of the last edge).
    if (grant_i.valid) begin
      if (g < NumClasses && ecnt_q[g*ECntW +: ECntW] != '0) begin
        pop   = 1'b1;
        // The granted class's head, by constant selects (a variable
        // part-select of eq_head made Verilator read past its temporary:
        // UBSan, sanitize preset).
        h_tmp = eq_head[0 +: FlitW];
        for (int c = 1; c < NumClasses; c++) begin
          if (g == c) h_tmp = eq_head[c*FlitW +: FlitW];
        end
        erd_d[g*EIdxW +: EIdxW] = (32'(erd_q[g*EIdxW +: EIdxW]) == MaxEgress - 1) ? '0 :
                                  erd_q[g*EIdxW +: EIdxW] + 1'b1;
        ecnt1[g*ECntW +: ECntW] = ecnt_q[g*ECntW +: ECntW] - 1'b1;
        if (h_tmp.sop && !h_tmp.eop) inpkt_d[g] = 1'b1;
        if (h_tmp.eop) begin
          inpkt_d[g] = 1'b0;
          tails_d[g*ECntW +: ECntW] = tails_q[g*ECntW +: ECntW] - 1'b1;
        end
        if (sw_cfg_i.sched && h_tmp.sop && quota_q[g*8 +: 8] != '0) begin
          quota_d[g*8 +: 8] = quota_q[g*8 +: 8] - 8'd1;
        end
      end else begin
        bad_grant = 1'b1;
        badg_d    = badg_q + 32'd1;
      end
    end

    // 3. Skid: s' = s without s[0] if consumed, then h appended.
    s0_d = consumed ? s1_q : s0_q;
    s1_d = consumed ? '0 : s1_q;
    ns_d = ns_q - 2'(consumed);
    if (pop) begin
      if (ns_d == 2'd0) begin
        s0_d = h_tmp;
        ns_d = 2'd1;
      end else if (ns_d == 2'd1) begin
        s1_d = h_tmp;
        ns_d = 2'd2;
      end else begin
        skid_ovf = 1'b1;  // cannot happen: offers need room (Skid_A)
      end
    end

    // 4. Pipeline: pipe[wp] leaves, in_i takes its slot.
    pv_d       = pv_q;
    pv_d[wp_q] = in_tmp.valid;
    wp_d       = (16'(wp_q) + 16'd1 >= peff) ? '0 : wp_q + 1'b1;
    pcnt_d     = pcnt_q + 16'(in_tmp.valid) - 16'(o_vld);
    ecnt_d     = ecnt1;
    if (o_vld) begin
      if (oc >= NumClasses || {1'b0, ecnt1[oc*ECntW +: ECntW]} >= cap_eff) begin
        o_ovf = 1'b1;
        ovf_d = ovf_q + 32'd1;
      end else begin
        o_push    = 1'b1;
        eq_we[oc] = 1'b1;
        ewr_d[oc*EIdxW +: EIdxW]  = (32'(ewr_q[oc*EIdxW +: EIdxW]) == MaxEgress - 1) ? '0 :
                                    ewr_q[oc*EIdxW +: EIdxW] + 1'b1;
        ecnt_d[oc*ECntW +: ECntW] = ecnt1[oc*ECntW +: ECntW] + 1'b1;
        if (o_tmp.eop) tails_d[oc*ECntW +: ECntW] = tails_d[oc*ECntW +: ECntW] + 1'b1;
      end
    end

    // 5. WRR reload: some class holds a whole packet, none of those with
    // quota or a packet in progress.
    if (sw_cfg_i.sched) begin
      for (int c = 0; c < NumClasses; c++) begin
        if (tails_d[c*ECntW +: ECntW] != '0) begin
          any_ne = 1'b1;
          if (quota_d[c*8 +: 8] != '0 || inpkt_d[c]) served = 1'b1;
        end
      end
      if (any_ne && !served) begin
        for (int c = 0; c < NumClasses; c++) quota_d[c*8 +: 8] = weight_flat[c*8 +: 8];
      end
    end

    // 7. Crossbar backpressure.
    held_d = 32'(pcnt_d);
    for (int c = 0; c < NumClasses; c++) held_d = held_d + 32'(ecnt_d[c*ECntW +: ECntW]);
    ready_d = (held_d + 32'(xbar_cfg_i.pipe) + 32'd2 <= 32'(sw_cfg_i.egress_cap));
  end

  // ---------------------------------------------------------------------------
  // 6. Offers, combinational from the next state: only classes holding a
  // packet's tail (whole packets; the sender never waits inside a packet).
  // ---------------------------------------------------------------------------
  always_comb begin : p_offer
    offer_o = '0;
    sop_o   = '0;
    eop_o   = '0;
    for (int c = 0; c < NumClasses; c++) begin
      if (tails_d[c*ECntW +: ECntW] != '0 && ns_d <= 2'd1 &&
          (!sw_cfg_i.sched || inpkt_d[c] || quota_d[c*8 +: 8] != '0)) begin
        offer_o[c] = 1'b1;
        if (ecnt1[c*ECntW +: ECntW] != '0) begin
          // The head after the edge was already queued.
          sop_o[c] = eq_next_se[c*2 + 1];
          eop_o[c] = eq_next_se[c*2];
        end else begin
          // The queue was empty after the pop: its head is the flit pushed.
          sop_o[c] = o_tmp.sop;
          eop_o[c] = o_tmp.eop;
        end
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Registers (synchronous active-low reset)
  // ---------------------------------------------------------------------------
  logic [NumClasses*8-1:0] quota_init;  // weight[c]
  assign quota_init = weight_flat[NumClasses*8-1:0];

  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      pv_q        <= '0;
      wp_q        <= '0;
      pcnt_q      <= '0;
      erd_q       <= '0;
      ewr_q       <= '0;
      ecnt_q      <= '0;
      tails_q     <= '0;
      s0_q        <= '0;
      s1_q        <= '0;
      ns_q        <= '0;
      quota_q     <= quota_init;
      inpkt_q     <= '0;
      ready_q     <= 1'b0;
      flits_in_q  <= '0;
      flits_out_q <= '0;
      ovf_q       <= '0;
      badg_q      <= '0;
    end else begin
      pv_q        <= pv_d;
      wp_q        <= wp_d;
      pcnt_q      <= pcnt_d;
      erd_q       <= erd_d;
      ewr_q       <= ewr_d;
      ecnt_q      <= ecnt_d;
      tails_q     <= tails_d;
      s0_q        <= s0_d;
      s1_q        <= s1_d;
      ns_q        <= ns_d;
      quota_q     <= quota_d;
      inpkt_q     <= inpkt_d;
      ready_q     <= ready_d;
      flits_in_q  <= flits_in_d;
      flits_out_q <= flits_out_d;
      ovf_q       <= ovf_d;
      badg_q      <= badg_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs (registers, except the offers above)
  // ---------------------------------------------------------------------------
  logic [8*16-1:0]      occ_flat;  // stat occ[c] at [c*16 +: 16]
  sb_pkg::egress_stat_t stat_tmp;

  always_comb begin : p_stat
    occ_flat = '0;
    for (int c = 0; c < NumClasses; c++) occ_flat[c*16 +: 16] = 16'(ecnt_q[c*ECntW +: ECntW]);
    stat_tmp            = '0;
    stat_tmp.occ        = occ_flat;
    stat_tmp.pipe       = pcnt_q;
    stat_tmp.flits_in   = flits_in_q;
    stat_tmp.flits_out  = flits_out_q;
    stat_tmp.overflows  = ovf_q;
    stat_tmp.bad_grants = badg_q;
  end

  assign up_o    = s0_q;
  assign ready_o = ready_q;
  assign stat_o  = stat_tmp;

  // Only some fields of the inputs and temporaries are read.
  logic unused_in;
  assign unused_in = ^{xbar_cfg_i.fifo, xbar_cfg_i.rr, xbar_cfg_i.iters, xbar_cfg_i.depth,
                       sw_cfg_i.fc_mode, sw_cfg_i.ingress_cap, weight_flat, h_tmp, o_tmp, in_tmp,
                       skid_ovf, o_push, o_ovf, bad_grant};

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.
  logic [31:0]       sva_held;        // sum(occ) + pcnt before the edge
  logic [31:0]       sva_pv_cnt;      // valid pipeline slots among 0..pipe-1
  logic [31:0]       sva_eq_total;
  logic              sva_weights_ok;
  logic              sva_skid_ok;     // ns agrees with the valid bits of s[0], s[1]
  logic [NumClasses-1:0] sva_tails_ok;  // tails[c] <= occ[c]
  logic              sva_out_inpkt_q; // the LLR has taken a packet's head and not its tail
  logic [2:0]        sva_out_cls_q;   // ... of this class
  sb_pkg::flit_t     sva_up;

  assign sva_up = s0_q;
  logic unused_sva_up;
  assign unused_sva_up = ^sva_up;

  always_comb begin : p_sva_helpers
    sva_eq_total = '0;
    for (int c = 0; c < NumClasses; c++) sva_eq_total = sva_eq_total + 32'(ecnt_q[c*ECntW +: ECntW]);
    sva_held   = sva_eq_total + 32'(pcnt_q);
    sva_pv_cnt = '0;
    for (int s = 0; s < MaxSwPipe; s++) begin
      if (32'(s) < 32'(peff) && pv_q[s]) sva_pv_cnt = sva_pv_cnt + 32'd1;
    end
    sva_weights_ok = 1'b1;
    for (int c = 0; c < NumClasses; c++) begin
      if (weight_flat[c*8 +: 8] == '0) sva_weights_ok = 1'b0;
    end
    for (int c = 0; c < NumClasses; c++) begin
      sva_tails_ok[c] = (tails_q[c*ECntW +: ECntW] <= ecnt_q[c*ECntW +: ECntW]);
    end
    sva_skid_ok = (ns_q <= 2'd2) && (s0_q[FlitW-1] == (ns_q >= 2'd1)) &&
                  (s1_q[FlitW-1] == (ns_q == 2'd2));
  end

  always_ff @(posedge clk_i) begin : p_sva_regs
    if (!rst_ni) begin
      sva_out_inpkt_q <= 1'b0;
      sva_out_cls_q   <= '0;
    end else if (consumed) begin
      sva_out_inpkt_q <= !sva_up.eop && (sva_up.sop || sva_out_inpkt_q);
      sva_out_cls_q   <= sva_up.cls;
    end
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sw_cfg_i.pipe >= 16'd1 && 32'(sw_cfg_i.pipe) <= MaxSwPipe &&
      32'(sw_cfg_i.egress_cap) >= 32'(sw_cfg_i.pipe) + 32'(xbar_cfg_i.pipe) + 32'd3 &&
      32'(sw_cfg_i.egress_cap) <= MaxEgress &&
      (!sw_cfg_i.sched || sva_weights_ok))
    else $error("sb_egress: cfg out of range (pipe=%0d MaxSwPipe=%0d egress_cap=%0d xbar pipe=%0d MaxEgress=%0d sched=%0d weights %h)",
                sw_cfg_i.pipe, MaxSwPipe, sw_cfg_i.egress_cap, xbar_cfg_i.pipe, MaxEgress,
                sw_cfg_i.sched, sw_cfg_i.weight);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) |-> $stable(sw_cfg_i) && $stable(xbar_cfg_i))
    else $error("sb_egress: cfg changed while out of reset");

  // Capacity: pipeline + class queues never above egress_cap; nothing
  // discarded; no grant of an empty class; the skid never overflows.
  HeldLeCap_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sva_held <= 32'(sw_cfg_i.egress_cap))
    else $error("sb_egress: %0d flits in the pipeline and class queues, egress_cap %0d",
                sva_held, sw_cfg_i.egress_cap);
  NoOverflow_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !o_ovf)
    else $error("sb_egress: class %0d queue full (egress_cap %0d): flit discarded",
                o_tmp.cls, sw_cfg_i.egress_cap);
  NoBadGrant_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !bad_grant)
    else $error("sb_egress: grant of class %0d, whose queue is empty", grant_i.cls);
  NoSkidOverflow_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !skid_ovf)
    else $error("sb_egress: a granted flit found the skid full");
  Skid_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_skid_ok)
    else $error("sb_egress: skid count %0d disagrees with its entries", ns_q);

  TailsLeOcc_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_tails_ok)
    else $error("sb_egress: more packet tails than flits in a class queue (ok mask %b)", sva_tails_ok);

  // Conservation: from the crossbar = held (pipeline, queues, skid) + taken
  // by the LLR + discarded.
  PipeCount_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_pv_cnt == 32'(pcnt_q))
    else $error("sb_egress: pipeline count %0d != valid slots %0d", pcnt_q, sva_pv_cnt);
  Conservation_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      flits_in_q == sva_held + 32'(ns_q) + flits_out_q + ovf_q)
    else $error("sb_egress: in %0d != held %0d + skid %0d + out %0d + overflows %0d",
                flits_in_q, sva_held, ns_q, flits_out_q, ovf_q);

  // Packets are not interleaved towards the LLR.
  NoInterleave_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      consumed && sva_out_inpkt_q |-> sva_up.cls == sva_out_cls_q)
    else $error("sb_egress: flit of class %0d sent inside a packet of class %0d",
                sva_up.cls, sva_out_cls_q);
  // Offers only for provisioned classes.
  OfferRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (32'(offer_o) >> NumClasses) == 32'd0)
    else $error("sb_egress: offer %b beyond NumClasses=%0d", offer_o, NumClasses);
`endif

endmodule
