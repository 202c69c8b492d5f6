// The switch chip: NumPorts ports, each with its link's LLR end, the
// ingress-direction flow-control receiver (PFC and CBFC; sw_cfg_i.fc_mode
// selects one, the other is held in reset), the ingress buffer (VOQs), the
// egress (pipeline, class queues, skid, SP/WRR offers) and the
// egress-direction flow-control sender (PFC and CBFC, same rule); one shared
// crossbar. Wiring exactly as docs/switch.md "Wiring at the top"; the C++
// model (systemc/switch/) is compared against it on every pin every cycle.
//
// Per-port pins are flat packed vectors: port p's value of type T sits at
// [p*TBits +: TBits], the bit layout of a packed array `T [NumPorts-1:0]`
// (yosys 0.23 mis-reads packed arrays of structs as ports, see
// rtl/xbar/sb_xbar.sv; one port list then serves every tool). Outputs are
// registers of the blocks; the only logic at the top is the fc_mode
// selection (a pin of the unselected mode is 0).

module sb_switch #(
  parameter int NumPorts     = 8,     // N, 2..256
  parameter int NumClasses   = 2,     // C, 1..8 (crossbar, ingress and egress classes)
  parameter int XbarMaxDepth = 8,     // crossbar queue storage, >= xbar_cfg_i.depth
  parameter int XbarMaxPipe  = 4,     // crossbar output pipeline, >= xbar_cfg_i.pipe
  parameter int LlrMaxDepth  = 512,   // LLR replay storage, power of 2, >= llr_cfg_i.depth
  parameter int MaxIngress   = 1024,  // ingress slots per class, >= sw_cfg_i.ingress_cap
  parameter int MaxEgress    = 512,   // egress slots per class queue, >= sw_cfg_i.egress_cap
  parameter int MaxSwPipe    = 256    // egress pipeline slots, >= sw_cfg_i.pipe
) (
  input  logic                                      clk_i,
  input  logic                                      rst_ni,
  // Configuration (quasi-static, applied at reset)
  input  sb_pkg::xbar_cfg_t                         xbar_cfg_i,
  input  sb_pkg::llr_cfg_t                          llr_cfg_i,
  input  sb_pkg::pfc_rx_cfg_t                       pfc_rx_cfg_i,
  input  sb_pkg::pfc_tx_cfg_t                       pfc_tx_cfg_i,
  input  sb_pkg::cbfc_cfg_t                         cbfc_cfg_i,
  input  sb_pkg::switch_cfg_t                       sw_cfg_i,
  // Per-port inputs
  input  logic [NumPorts*sb_pkg::LlrWireBits-1:0]    link_i,
  input  logic [NumPorts*sb_pkg::FlitBits-1:0]       link_data_i,
  input  logic [NumPorts*sb_pkg::PauseBits-1:0]      pause_i,
  input  logic [NumPorts*sb_pkg::CreditBits-1:0]     credit_i,
  input  logic [NumPorts*sb_pkg::CcUpdateBits-1:0]   cc_i,
  // TEST ONLY (tie to 0): flips bit 0 of the payload signature of every flit
  // port 0's egress hands to its LLR, to prove the lockstep comparator sees a
  // broken RTL (fault.switch=rtl_corrupt_sig).
  input  logic                                      test_fault_i,
  // Per-port outputs
  output logic [NumPorts*sb_pkg::LlrWireBits-1:0]    link_o,
  output logic [NumPorts*sb_pkg::FlitBits-1:0]       link_data_o,
  output logic [NumPorts*sb_pkg::PauseBits-1:0]      pause_o,
  output logic [NumPorts*sb_pkg::CreditBits-1:0]     credit_o,
  output logic [NumPorts*sb_pkg::CcUpdateBits-1:0]   cc_o,
  output logic [NumPorts*sb_pkg::FcDropBits-1:0]     fc_drop_o,
  output logic [NumPorts*sb_pkg::LlrStatBits-1:0]    llr_stat_o,
  output logic [NumPorts*sb_pkg::PfcRxStatBits-1:0]  pfc_rx_stat_o,
  output logic [NumPorts*sb_pkg::PfcTxStatBits-1:0]  pfc_tx_stat_o,
  output logic [NumPorts*sb_pkg::CbfcRxStatBits-1:0] cbfc_rx_stat_o,
  output logic [NumPorts*sb_pkg::CbfcTxStatBits-1:0] cbfc_tx_stat_o,
  output logic [NumPorts*sb_pkg::IngressStatBits-1:0] ingress_stat_o,
  output logic [NumPorts*sb_pkg::EgressStatBits-1:0] egress_stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int FlitW    = sb_pkg::FlitBits;
  localparam int WireW    = sb_pkg::LlrWireBits;
  localparam int PauseW   = sb_pkg::PauseBits;
  localparam int CreditW  = sb_pkg::CreditBits;
  localparam int CcW      = sb_pkg::CcUpdateBits;
  localparam int DropW    = sb_pkg::FcDropBits;
  localparam int SelW     = sb_pkg::FcSelBits;
  localparam int XCrW     = sb_pkg::XbarCreditBits;
  localparam int LlrStW   = sb_pkg::LlrStatBits;
  localparam int PfcRxStW = sb_pkg::PfcRxStatBits;
  localparam int PfcTxStW = sb_pkg::PfcTxStatBits;
  localparam int CbRxStW  = sb_pkg::CbfcRxStatBits;
  localparam int CbTxStW  = sb_pkg::CbfcTxStatBits;
  localparam int InStW    = sb_pkg::IngressStatBits;
  localparam int EgStW    = sb_pkg::EgressStatBits;

  // ---------------------------------------------------------------------------
  // Flow-control mode: the unselected blocks are held in reset.
  // ---------------------------------------------------------------------------
  logic cbfc;       // sw_cfg_i.fc_mode: 1 = CBFC, 0 = PFC
  logic rst_pfc_n;
  logic rst_cbfc_n;

  assign cbfc       = sw_cfg_i.fc_mode;
  assign rst_pfc_n  = rst_ni && !cbfc;
  assign rst_cbfc_n = rst_ni && cbfc;

  // ---------------------------------------------------------------------------
  // Internal per-port wires (flat, port p at [p*W +: W])
  // ---------------------------------------------------------------------------
  logic [NumPorts*FlitW-1:0]    down;         // llr.down_o -> ingress.in_i, rx.in_i
  logic [NumPorts*FlitW-1:0]    up;           // egress.up_o -> llr.up_i
  logic [NumPorts*FlitW-1:0]    up_llr;       // up, with the test-only fault on port 0
  logic [NumPorts-1:0]          up_ready;     // llr.up_ready_o -> egress.up_ready_i
  logic [NumPorts*DropW-1:0]    pfc_drop, cbfc_drop, drop;  // rx.drop_o -> ingress.drop_i
  logic [NumPorts*SelW-1:0]     deq;          // ingress.deq_o -> rx.deq_i
  logic [NumPorts*FlitW-1:0]    xin;          // ingress.out_o -> xbar.in_flit_i
  logic [NumPorts*XCrW-1:0]     xcredit;      // xbar.in_credit_o -> ingress.credit_i
  logic [NumPorts*FlitW-1:0]    xout;         // xbar.out_flit_o -> egress.in_i
  logic [NumPorts-1:0]          eg_ready;     // egress.ready_o -> xbar.out_ready_i
  logic [NumPorts*SelW-1:0]     pfc_grant, cbfc_grant, grant;  // tx.grant_o -> egress.grant_i
  logic [NumPorts*8-1:0]        offer, sop, eop;  // egress -> tx (combinational)
  logic [NumPorts*PauseW-1:0]   pfc_pause;
  logic [NumPorts*CreditW-1:0]  cbfc_credit;
  logic [NumPorts*CcW-1:0]      cbfc_cc;
  logic [NumPorts*PfcRxStW-1:0] pfc_rx_stat;
  logic [NumPorts*PfcTxStW-1:0] pfc_tx_stat;
  logic [NumPorts*CbRxStW-1:0]  cbfc_rx_stat;
  logic [NumPorts*CbTxStW-1:0]  cbfc_tx_stat;

  // ---------------------------------------------------------------------------
  // Ports
  // ---------------------------------------------------------------------------
  // The flit's valid bit is its MSB, sig (32 bits) its LSBs.
  always_comb begin : p_test_fault
    up_llr = up;
    if (test_fault_i && up[FlitW-1]) up_llr[0] = ~up[0];
  end

  for (genvar gp = 0; gp < NumPorts; gp++) begin : gen_port
    sb_llr #(
      .MaxDepth (LlrMaxDepth)
    ) u_llr (
      .clk_i       (clk_i),
      .rst_ni      (rst_ni),
      .cfg_i       (llr_cfg_i),
      .up_i        (up_llr[gp*FlitW +: FlitW]),
      .up_ready_o  (up_ready[gp]),
      .link_o      (link_o[gp*WireW +: WireW]),
      .link_data_o (link_data_o[gp*FlitW +: FlitW]),
      .link_i      (link_i[gp*WireW +: WireW]),
      .link_data_i (link_data_i[gp*FlitW +: FlitW]),
      .down_o      (down[gp*FlitW +: FlitW]),
      .stat_o      (llr_stat_o[gp*LlrStW +: LlrStW])
    );

    // Ingress direction: the receiver towards the endpoint's sender.
    sb_pfc_rx u_pfc_rx (
      .clk_i   (clk_i),
      .rst_ni  (rst_pfc_n),
      .cfg_i   (pfc_rx_cfg_i),
      .in_i    (down[gp*FlitW +: FlitW]),
      .deq_i   (deq[gp*SelW +: SelW]),
      .pause_o (pfc_pause[gp*PauseW +: PauseW]),
      .drop_o  (pfc_drop[gp*DropW +: DropW]),
      .stat_o  (pfc_rx_stat[gp*PfcRxStW +: PfcRxStW])
    );

    sb_cbfc_rx u_cbfc_rx (
      .clk_i    (clk_i),
      .rst_ni   (rst_cbfc_n),
      .cfg_i    (cbfc_cfg_i),
      .in_i     (down[gp*FlitW +: FlitW]),
      .deq_i    (deq[gp*SelW +: SelW]),
      .cc_i     (cc_i[gp*CcW +: CcW]),
      .credit_o (cbfc_credit[gp*CreditW +: CreditW]),
      .drop_o   (cbfc_drop[gp*DropW +: DropW]),
      .stat_o   (cbfc_rx_stat[gp*CbRxStW +: CbRxStW])
    );

    sb_ingress #(
      .NumPorts   (NumPorts),
      .NumClasses (NumClasses),
      .MaxIngress (MaxIngress)
    ) u_ingress (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .xbar_cfg_i (xbar_cfg_i),
      .sw_cfg_i   (sw_cfg_i),
      .in_i       (down[gp*FlitW +: FlitW]),
      .drop_i     (drop[gp*DropW +: DropW]),
      .credit_i   (xcredit[gp*XCrW +: XCrW]),
      .out_o      (xin[gp*FlitW +: FlitW]),
      .deq_o      (deq[gp*SelW +: SelW]),
      .stat_o     (ingress_stat_o[gp*InStW +: InStW])
    );

    // Egress direction: the sender honouring the endpoint receiver.
    sb_egress #(
      .NumClasses (NumClasses),
      .MaxEgress  (MaxEgress),
      .MaxSwPipe  (MaxSwPipe)
    ) u_egress (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .xbar_cfg_i (xbar_cfg_i),
      .sw_cfg_i   (sw_cfg_i),
      .in_i       (xout[gp*FlitW +: FlitW]),
      .grant_i    (grant[gp*SelW +: SelW]),
      .up_ready_i (up_ready[gp]),
      .offer_o    (offer[gp*8 +: 8]),
      .sop_o      (sop[gp*8 +: 8]),
      .eop_o      (eop[gp*8 +: 8]),
      .up_o       (up[gp*FlitW +: FlitW]),
      .ready_o    (eg_ready[gp]),
      .stat_o     (egress_stat_o[gp*EgStW +: EgStW])
    );

    sb_pfc_tx u_pfc_tx (
      .clk_i   (clk_i),
      .rst_ni  (rst_pfc_n),
      .cfg_i   (pfc_tx_cfg_i),
      .pause_i (pause_i[gp*PauseW +: PauseW]),
      .offer_i (offer[gp*8 +: 8]),
      .sop_i   (sop[gp*8 +: 8]),
      .eop_i   (eop[gp*8 +: 8]),
      .grant_o (pfc_grant[gp*SelW +: SelW]),
      .stat_o  (pfc_tx_stat[gp*PfcTxStW +: PfcTxStW])
    );

    sb_cbfc_tx u_cbfc_tx (
      .clk_i    (clk_i),
      .rst_ni   (rst_cbfc_n),
      .cfg_i    (cbfc_cfg_i),
      .credit_i (credit_i[gp*CreditW +: CreditW]),
      .offer_i  (offer[gp*8 +: 8]),
      .sop_i    (sop[gp*8 +: 8]),
      .eop_i    (eop[gp*8 +: 8]),
      .grant_o  (cbfc_grant[gp*SelW +: SelW]),
      .cc_o     (cbfc_cc[gp*CcW +: CcW]),
      .stat_o   (cbfc_tx_stat[gp*CbTxStW +: CbTxStW])
    );

    // Mode selection: the selected blocks drive the internal wires; a pin of
    // the other mode is 0.
    assign drop[gp*DropW +: DropW]                 = cbfc ? cbfc_drop[gp*DropW +: DropW] :
                                                            pfc_drop[gp*DropW +: DropW];
    assign grant[gp*SelW +: SelW]                  = cbfc ? cbfc_grant[gp*SelW +: SelW] :
                                                            pfc_grant[gp*SelW +: SelW];
    assign fc_drop_o[gp*DropW +: DropW]            = drop[gp*DropW +: DropW];
    assign pause_o[gp*PauseW +: PauseW]            = cbfc ? '0 : pfc_pause[gp*PauseW +: PauseW];
    assign pfc_rx_stat_o[gp*PfcRxStW +: PfcRxStW]  = cbfc ? '0 : pfc_rx_stat[gp*PfcRxStW +: PfcRxStW];
    assign pfc_tx_stat_o[gp*PfcTxStW +: PfcTxStW]  = cbfc ? '0 : pfc_tx_stat[gp*PfcTxStW +: PfcTxStW];
    assign credit_o[gp*CreditW +: CreditW]         = cbfc ? cbfc_credit[gp*CreditW +: CreditW] : '0;
    assign cc_o[gp*CcW +: CcW]                     = cbfc ? cbfc_cc[gp*CcW +: CcW] : '0;
    assign cbfc_rx_stat_o[gp*CbRxStW +: CbRxStW]   = cbfc ? cbfc_rx_stat[gp*CbRxStW +: CbRxStW] : '0;
    assign cbfc_tx_stat_o[gp*CbTxStW +: CbTxStW]   = cbfc ? cbfc_tx_stat[gp*CbTxStW +: CbTxStW] : '0;
  end

  // ---------------------------------------------------------------------------
  // The crossbar
  // ---------------------------------------------------------------------------
  sb_xbar #(
    .NumPorts   (NumPorts),
    .NumClasses (NumClasses),
    .MaxDepth   (XbarMaxDepth),
    .MaxPipe    (XbarMaxPipe)
  ) u_xbar (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .cfg_i       (xbar_cfg_i),
    .in_flit_i   (xin),
    .out_ready_i (eg_ready),
    .in_credit_o (xcredit),
    .out_flit_o  (xout)
  );

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // Chip-level accounting between the pins and the blocks; each block checks
  // its own state (capacities, overflows, bad grants, configuration, the PFC
  // reaction time in sb_pfc_tx, ...).
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  logic [31:0] sva_xin_total;   // flits presented to the crossbar before the edges so far (all ports)
  logic [31:0] sva_xout_total;  // flits the egresses took from the crossbar (all ports)
  logic [31:0] sva_xbar_held;   // flits inside the crossbar (queues + output pipeline)
  logic [NumPorts*32-1:0] sva_xin_cnt;   // per port: xin_q
  logic [NumPorts*32-1:0] sva_xout_cnt;  // per port: egress flits_in

  for (genvar gp = 0; gp < NumPorts; gp++) begin : gen_sva_port
    sb_pkg::llr_stat_t     llr_st;
    sb_pkg::ingress_stat_t in_st;
    sb_pkg::egress_stat_t  eg_st;
    sb_pkg::flit_t         down_f, xin_f;
    sb_pkg::fc_drop_t      drop_f;
    logic                  arr_v_q;   // the ingress's arrival register holds a flit
    logic [31:0]           drops_q;   // receiver drops the ingress has seen
    logic [31:0]           xin_q;     // flits this ingress presented before the edges so far
    logic [31:0]           in_done;   // LLR deliveries the ingress has disposed of
    logic                  unused_views;

    assign llr_st = llr_stat_o[gp*LlrStW +: LlrStW];
    assign in_st  = ingress_stat_o[gp*InStW +: InStW];
    assign eg_st  = egress_stat_o[gp*EgStW +: EgStW];
    assign down_f = down[gp*FlitW +: FlitW];
    assign xin_f  = xin[gp*FlitW +: FlitW];
    assign drop_f = drop[gp*DropW +: DropW];
    assign in_done = in_st.flits_in + in_st.overflows + in_st.misrouted + drops_q;
    assign sva_xin_cnt[gp*32 +: 32]  = xin_q;
    assign sva_xout_cnt[gp*32 +: 32] = eg_st.flits_in;
    assign unused_views = ^{llr_st, in_st, eg_st, down_f, xin_f, drop_f};

    always_ff @(posedge clk_i) begin : p_sva_regs
      if (!rst_ni) begin
        arr_v_q <= 1'b0;
        drops_q <= '0;
        xin_q   <= '0;
      end else begin
        arr_v_q <= down_f.valid;
        drops_q <= drops_q + 32'(drop_f.valid);
        xin_q   <= xin_q + 32'(xin_f.valid);
      end
    end

    // LLR -> ingress: every delivered flit is stored, dropped by the
    // receiver, misrouted or overflowed, or is still on down_o / in arr.
    LlrToIngress_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
        32'(llr_st.delivered) == in_done + 32'(arr_v_q) + 32'(down_f.valid))
      else $error("sb_switch: port %0d: LLR delivered %0d != ingress stored %0d + overflows %0d + misrouted %0d + drops %0d + in flight %0d",
                  gp, llr_st.delivered, in_st.flits_in, in_st.overflows, in_st.misrouted, drops_q,
                  32'(arr_v_q) + 32'(down_f.valid));
    // A receiver drop always concerns the flit in the arrival register.
    DropArrival_A: assert property (@(posedge clk_i) disable iff (!rst_ni) drop_f.valid |-> arr_v_q)
      else $error("sb_switch: port %0d: drop without an arrival", gp);
    // Ingress -> crossbar: flits sent = flits presented on in_flit_i.
    IngressToXbar_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
        in_st.flits_out == xin_q + 32'(xin_f.valid))
      else $error("sb_switch: port %0d: ingress sent %0d != crossbar input %0d",
                  gp, in_st.flits_out, xin_q + 32'(xin_f.valid));
    // Egress -> LLR: flits taken by the LLR = flits the LLR accepted.
    EgressToLlr_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
        eg_st.flits_out == llr_st.new_flits)
      else $error("sb_switch: port %0d: egress sent %0d != LLR accepted %0d",
                  gp, eg_st.flits_out, llr_st.new_flits);
  end

  always_comb begin : p_sva_totals
    sva_xin_total  = '0;
    sva_xout_total = '0;
    for (int p = 0; p < NumPorts; p++) begin
      sva_xin_total  = sva_xin_total + sva_xin_cnt[p*32 +: 32];
      sva_xout_total = sva_xout_total + sva_xout_cnt[p*32 +: 32];
    end
  end
  assign sva_xbar_held = u_xbar.sva_occ_total + u_xbar.sva_pipe_total;

  // Crossbar: presented = taken by the egresses + still inside.
  XbarConservation_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sva_xin_total == sva_xout_total + sva_xbar_held)
    else $error("sb_switch: crossbar inputs %0d != egress inputs %0d + held in the crossbar %0d",
                sva_xin_total, sva_xout_total, sva_xbar_held);

  // Configuration: quasi-static while out of reset (each block checks its own
  // ranges; fc_mode selects which blocks run).
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) |-> $stable(sw_cfg_i))
    else $error("sb_switch: sw_cfg_i changed while out of reset");
`endif

endmodule
