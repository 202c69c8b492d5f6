// One end of a link with Link Layer Retry: a transmitter (sequence numbers,
// replay buffer, replay timer, link-error/retrain state) for the direction
// leaving it and a receiver (CRC and sequence check, ACK/NACK generation) for
// the direction arriving at it. Implements docs/llr.md "Cycle-level behaviour
// (normative)" cycle for cycle; the C++ model in systemc/llr/ is compared
// against it on every output every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), x1 the intermediate values of steps 3 and 4.
//
// yosys 0.23 compatibility (docs/toolchain-notes.md, header of
// rtl/xbar/sb_xbar.sv): the ports are single structs, never arrays of
// structs; struct fields are only selected on ports or on module-level scalar
// temporaries (the *_tmp variables); the replay buffer is a plain unpacked
// array of packed vectors, written by one always_ff without reset.

module sb_llr #(
  parameter int MaxDepth = 1024  // replay buffer storage, power of 2, 2..65536, >= cfg_i.depth
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  sb_pkg::llr_cfg_t  cfg_i,
  input  sb_pkg::flit_t     up_i,
  output logic              up_ready_o,
  output sb_pkg::llr_wire_t link_o,
  output sb_pkg::flit_t     link_data_o,
  input  sb_pkg::llr_wire_t link_i,
  input  sb_pkg::flit_t     link_data_i,
  output sb_pkg::flit_t     down_o,
  output sb_pkg::llr_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int FlitW = sb_pkg::FlitBits;          // 101 with 10-bit port ids
  localparam int WireW = sb_pkg::LlrWireBits;       // 56
  localparam int SeqW  = sb_pkg::SeqW;              // 20
  localparam int CrcInW = 2 + SeqW + FlitW;         // {kind, seq, payload}: 123
  localparam int AddrW = (MaxDepth > 1) ? $clog2(MaxDepth) : 1;

  localparam logic [1:0] KindNone = 2'(sb_pkg::LLR_CTRL_NONE);
  localparam logic [1:0] KindAck  = 2'(sb_pkg::LLR_CTRL_ACK);
  localparam logic [1:0] KindNack = 2'(sb_pkg::LLR_CTRL_NACK);

  localparam logic TxAdvance = 1'b0;
  localparam logic TxRetrain = 1'b1;
  localparam logic RxNormal  = 1'b0;
  localparam logic RxNackSent = 1'b1;

  // Illegal parameters stop elaboration. $fatal names the problem; as the
  // -Wno-fatal of verilate() turns it into a mere warning, the branch also
  // instantiates a module that does not exist: a hard error in every tool.
  if (MaxDepth < 2 || MaxDepth > 65536 || (MaxDepth & (MaxDepth - 1)) != 0) begin : gen_err_max_depth
    $fatal(1, "sb_llr: MaxDepth=%0d must be a power of two in 2..65536", MaxDepth);
    sb_llr_illegal_parameters u_illegal_parameters ();
  end

  // ---------------------------------------------------------------------------
  // CRC-32: polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no
  // final XOR, over {kind, seq, payload}, most significant bit first.
  // ---------------------------------------------------------------------------
  function automatic logic [31:0] crc32(input logic [CrcInW-1:0] d);
    logic [31:0] c;
    c = 32'hFFFF_FFFF;
    for (int i = 0; i < CrcInW; i++) begin
      if (c[31] ^ d[CrcInW-1-i]) c = {c[30:0], 1'b0} ^ 32'h04C1_1DB7;
      else                       c = {c[30:0], 1'b0};
    end
    crc32 = c;
  endfunction

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  // TX
  logic             tx_state_q, tx_state_d;
  logic [SeqW-1:0]  base_q, base_d;
  logic [15:0]      occ_q, occ_d;
  logic [15:0]      hw_q, hw_d;
  logic [15:0]      sent_q, sent_d;
  logic [23:0]      timer_q, timer_d;
  logic [8:0]       rcount_q, rcount_d;  // <= max_replays + 1 <= 256
  logic [23:0]      rt_q, rt_d;
  logic [FlitW-1:0] mem_q [MaxDepth];   // replay buffer, entry of sequence s at s & (MaxDepth-1)
  // RX
  logic             rx_state_q, rx_state_d;
  logic [SeqW-1:0]  expected_q, expected_d;
  logic [31:0]      unacked_q, unacked_d;
  logic [31:0]      age_q, age_d;
  logic             nack_pend_q, nack_pend_d;
  logic             ack_pend_q, ack_pend_d;
  // Registered outputs
  logic [WireW-1:0] link_q, link_d;
  logic [FlitW-1:0] link_data_q, link_data_d;
  logic [FlitW-1:0] down_q, down_d;
  // Event counters
  logic [31:0] new_flits_q, new_flits_d;
  logic [31:0] tx_flits_q, tx_flits_d;
  logic [31:0] replayed_flits_q, replayed_flits_d;
  logic [31:0] replays_q, replays_d;
  logic [31:0] timer_replays_q, timer_replays_d;
  logic [31:0] link_errors_q, link_errors_d;
  logic [31:0] acks_sent_q, acks_sent_d;
  logic [31:0] naks_sent_q, naks_sent_d;
  logic [31:0] crc_errors_q, crc_errors_d;
  logic [31:0] ctrl_errors_q, ctrl_errors_d;
  logic [31:0] seq_gaps_q, seq_gaps_d;
  logic [31:0] dup_flits_q, dup_flits_d;
  logic [31:0] delivered_q, delivered_d;

  // ---------------------------------------------------------------------------
  // Combinational signals
  // ---------------------------------------------------------------------------
  logic [SeqW-1:0]  seq_mask;   // M - 1
  logic [SeqW-1:0]  seq_half;   // M / 2
  // Step 1
  logic             ctrl_now;
  sb_pkg::llr_ctrl_e ctrl_kind;
  logic [SeqW-1:0]  ctrl_seq;
  // Step 2
  logic [CrcInW-1:0] rx_crc_in;
  logic [31:0]      rx_crc;
  logic             rx_good;
  logic             rx_ctrl_bad, rx_ctrl_good;
  logic             rx_data_bad, rx_deliver, rx_dup, rx_gap;
  logic             rx_error, nack_event;
  // Step 3
  logic [SeqW-1:0]  ack_n;
  logic             ack_valid;
  logic [15:0]      ack_f;
  logic [SeqW-1:0]  base1;
  logic [15:0]      occ1, hw1;
  logic [15:0]      sent_ack;   // sent1 after step 3
  logic [15:0]      sent1;      // sent1 after step 4
  logic             progress;
  logic [8:0]       rcount1;
  // Step 4
  logic             nack_replay, timer_replay, replay;
  // Step 5
  logic             tx_data;
  logic [SeqW-1:0]  rd_seq;
  logic [FlitW-1:0] rd_flit;
  logic [CrcInW-1:0] tx_crc_in;
  logic [31:0]      tx_crc;
  // Step 6
  logic             accept;
  logic [AddrW-1:0] wr_addr;
  logic [AddrW-1:0] rd_addr;

  // Scalar struct temporaries (see the note at the top of the file).
  sb_pkg::llr_wire_t rx_tmp;    // link_i
  sb_pkg::flit_t     up_tmp;    // up_i
  sb_pkg::llr_wire_t tx_tmp;    // link_o'
  sb_pkg::flit_t     down_tmp;  // down_o'
  sb_pkg::llr_stat_t stat_tmp;  // stat_o

  assign rx_tmp = link_i;
  assign up_tmp = up_i;

  // Sequence arithmetic is modulo M = 2^seq_bits (20'(1) << 20 wraps to 0,
  // so the mask is all ones for seq_bits = 20).
  assign seq_mask = (SeqW'(1) << cfg_i.seq_bits) - SeqW'(1);
  assign seq_half = SeqW'(1) << (cfg_i.seq_bits - 5'd1);

  // up_ready_o: a function of registers (and the quasi-static cfg_i) only.
  assign up_ready_o = (tx_state_q == TxAdvance) && (occ_q < cfg_i.depth);

  // Replay buffer read (step 5) and write (step 6). The entry written at an
  // edge is never the one read at that edge (write: base+occ, read: an offset
  // < occ from base; occ <= depth <= min(MaxDepth, M/2)).
  assign rd_addr = rd_seq[AddrW-1:0];
  assign rd_flit = mem_q[rd_addr];

  always_ff @(posedge clk_i) begin : p_mem_wr
    if (accept) begin
      mem_q[wr_addr] <= up_tmp;
    end
  end

  // CRCs: one over the received slot, one over the slot about to be sent.
  assign rx_crc_in = {rx_tmp.kind, rx_tmp.seq, link_data_i};
  assign rx_crc    = crc32(rx_crc_in);
  assign tx_crc = crc32(tx_crc_in);

  // ---------------------------------------------------------------------------
  // Next state: spec steps 1 and 2 (receiver)
  // ---------------------------------------------------------------------------
  always_comb begin : p_rx
    // --- 1. Control output -------------------------------------------------
    ctrl_now  = nack_pend_q | ack_pend_q;
    ctrl_kind = nack_pend_q ? sb_pkg::LLR_CTRL_NACK : sb_pkg::LLR_CTRL_ACK;
    ctrl_seq  = (expected_q - SeqW'(1)) & seq_mask;

    // --- 2. Receive --------------------------------------------------------
    rx_good      = (rx_crc == rx_tmp.crc);
    rx_ctrl_bad  = rx_tmp.valid &&  rx_tmp.ctrl && !rx_good;
    rx_ctrl_good = rx_tmp.valid &&  rx_tmp.ctrl &&  rx_good;
    rx_data_bad  = rx_tmp.valid && !rx_tmp.ctrl && !rx_good;
    rx_deliver   = rx_tmp.valid && !rx_tmp.ctrl &&  rx_good && (rx_tmp.seq == expected_q);
    rx_dup       = rx_tmp.valid && !rx_tmp.ctrl &&  rx_good && (rx_tmp.seq != expected_q) &&
                   (((expected_q - SeqW'(1) - rx_tmp.seq) & seq_mask) < seq_half);
    rx_gap       = rx_tmp.valid && !rx_tmp.ctrl &&  rx_good && (rx_tmp.seq != expected_q) &&
                   !(((expected_q - SeqW'(1) - rx_tmp.seq) & seq_mask) < seq_half);
    rx_error     = rx_data_bad || rx_gap;
    nack_event   = rx_error && (rx_state_q == RxNormal);

    rx_state_d = rx_state_q;
    expected_d = expected_q;
    down_tmp   = '0;  // all zero unless a flit is delivered
    if (rx_deliver) begin
      down_tmp   = link_data_i;
      expected_d = (expected_q + SeqW'(1)) & seq_mask;
      rx_state_d = RxNormal;
    end
    if (nack_event) begin
      rx_state_d = RxNackSent;
    end
    down_d = down_tmp;

    // Acknowledgement bookkeeping
    if (ctrl_now) begin
      unacked_d = 32'(rx_deliver);
      age_d     = '0;
    end else begin
      unacked_d = unacked_q + 32'(rx_deliver);
      age_d     = (unacked_q != '0) ? age_q + 32'd1 : '0;
    end
    nack_pend_d = nack_event;
    // A duplicate is acknowledged in either state (docs/llr.md, "the
    // duplicate rule"): in NACK_SENT it may be the only way out.
    ack_pend_d  = !nack_event &&
                  (rx_dup ||
                   ((rx_state_d == RxNormal) &&
                    (unacked_d >= 32'(cfg_i.ack_spacing) ||
                     (unacked_d != '0 && age_d >= 32'(cfg_i.ack_spacing)))));

    crc_errors_d  = crc_errors_q  + 32'(rx_data_bad);
    ctrl_errors_d = ctrl_errors_q + 32'(rx_ctrl_bad);
    seq_gaps_d    = seq_gaps_q    + 32'(rx_gap);
    dup_flits_d   = dup_flits_q   + 32'(rx_dup);
    delivered_d   = delivered_q   + 32'(rx_deliver);
  end

  // ---------------------------------------------------------------------------
  // Next state: spec steps 3 and 4 (acknowledgements, replay, link error)
  // ---------------------------------------------------------------------------
  always_comb begin : p_ack
    // --- 3. Transmit side: acknowledgements ---------------------------------
    // Only ACK and NACK kinds free entries (a good control slot of another
    // kind is ignored).
    ack_n     = (rx_tmp.seq - base_q + SeqW'(1)) & seq_mask;
    ack_valid = rx_ctrl_good && (rx_tmp.kind == KindAck || rx_tmp.kind == KindNack) &&
                (ack_n <= SeqW'(hw_q));
    ack_f     = ack_valid ? ack_n[15:0] : '0;  // <= hw, fits
    base1     = (base_q + SeqW'(ack_f)) & seq_mask;
    occ1      = occ_q - ack_f;
    hw1       = hw_q - ack_f;
    sent_ack  = (sent_q > ack_f) ? sent_q - ack_f : '0;
    progress  = (ack_f != '0);
    rcount1   = progress ? '0 : rcount_q;

    // --- 4. Replay and the link-error state ---------------------------------
    nack_replay  = ack_valid && (rx_tmp.kind == KindNack);
    timer_replay = (tx_state_q == TxAdvance) && !nack_replay && !progress && (occ1 != '0) &&
                   ({1'b0, timer_q} + 25'd1 >= {1'b0, cfg_i.timer});
    replay       = (tx_state_q == TxAdvance) && (nack_replay || timer_replay);

    tx_state_d       = tx_state_q;
    rt_d             = rt_q;
    rcount_d         = rcount1;
    replays_d        = replays_q;
    timer_replays_d  = timer_replays_q;
    link_errors_d    = link_errors_q;
    sent1            = sent_ack;
    if (replay) begin
      sent1     = '0;
      replays_d = replays_q + 32'd1;
      if (timer_replay) timer_replays_d = timer_replays_q + 32'd1;
      rcount_d  = rcount1 + 9'd1;
      if ({1'b0, rcount1} + 10'd1 > {2'b0, cfg_i.max_replays}) begin
        tx_state_d    = TxRetrain;
        rt_d          = '0;
        link_errors_d = link_errors_q + 32'd1;
      end
    end
    if (tx_state_q == TxRetrain) begin
      sent1 = '0;
      if ({1'b0, rt_q} + 25'd1 >= {1'b0, cfg_i.retrain}) begin
        tx_state_d = TxAdvance;
        rcount_d   = '0;
        rt_d       = '0;
      end else begin
        rt_d = rt_q + 24'd1;
      end
    end
    if (progress || replay || occ1 == '0 || tx_state_d != TxAdvance || tx_state_q != TxAdvance) begin
      timer_d = '0;
    end else begin
      timer_d = timer_q + 24'd1;
    end
  end

  // Step 5 reads the replay buffer at sequence base1 + sent1.
  assign rd_seq    = (base1 + SeqW'(sent1)) & seq_mask;
  assign tx_crc_in = ctrl_now ? {ctrl_kind, ctrl_seq, {FlitW{1'b0}}} : {KindNone, rd_seq, rd_flit};

  // ---------------------------------------------------------------------------
  // Next state: spec steps 5 and 6 (transmit data, accept)
  // ---------------------------------------------------------------------------
  always_comb begin : p_tx
    // --- 5. Transmit side: data ---------------------------------------------
    tx_data   = (tx_state_d == TxAdvance) && !ctrl_now && (sent1 < occ1);

    tx_flits_d       = tx_flits_q;
    replayed_flits_d = replayed_flits_q;
    acks_sent_d      = acks_sent_q;
    naks_sent_d      = naks_sent_q;
    sent_d           = sent1;
    hw_d             = hw1;
    tx_tmp           = '0;
    link_data_d      = '0;
    if (ctrl_now) begin
      tx_tmp.valid = 1'b1;
      tx_tmp.ctrl  = 1'b1;
      tx_tmp.kind  = ctrl_kind;
      tx_tmp.seq   = ctrl_seq;
      tx_tmp.crc   = tx_crc;
      if (nack_pend_q) naks_sent_d = naks_sent_q + 32'd1;
      else             acks_sent_d = acks_sent_q + 32'd1;
    end else if (tx_data) begin
      tx_tmp.valid = 1'b1;
      tx_tmp.ctrl  = 1'b0;
      tx_tmp.kind  = sb_pkg::LLR_CTRL_NONE;
      tx_tmp.seq   = rd_seq;
      tx_tmp.crc   = tx_crc;
      link_data_d  = rd_flit;
      sent_d       = sent1 + 16'd1;
      tx_flits_d   = tx_flits_q + 32'd1;
      if (sent1 < hw1) begin
        replayed_flits_d = replayed_flits_q + 32'd1;
      end else begin
        hw_d = hw1 + 16'd1;
      end
    end
    link_d = tx_tmp;

    // --- 6. Accept ----------------------------------------------------------
    accept      = up_tmp.valid && up_ready_o;
    wr_addr     = AddrW'((base1 + SeqW'(occ1)) & seq_mask);
    occ_d       = occ1 + 16'(accept);
    new_flits_d = new_flits_q + 32'(accept);
    base_d      = base1;
  end

  // ---------------------------------------------------------------------------
  // Registers (synchronous active-low reset)
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      tx_state_q       <= TxAdvance;
      base_q           <= '0;
      occ_q            <= '0;
      hw_q             <= '0;
      sent_q           <= '0;
      timer_q          <= '0;
      rcount_q         <= '0;
      rt_q             <= '0;
      rx_state_q       <= RxNormal;
      expected_q       <= '0;
      unacked_q        <= '0;
      age_q            <= '0;
      nack_pend_q      <= 1'b0;
      ack_pend_q       <= 1'b0;
      link_q           <= '0;
      link_data_q      <= '0;
      down_q           <= '0;
      new_flits_q      <= '0;
      tx_flits_q       <= '0;
      replayed_flits_q <= '0;
      replays_q        <= '0;
      timer_replays_q  <= '0;
      link_errors_q    <= '0;
      acks_sent_q      <= '0;
      naks_sent_q      <= '0;
      crc_errors_q     <= '0;
      ctrl_errors_q    <= '0;
      seq_gaps_q       <= '0;
      dup_flits_q      <= '0;
      delivered_q      <= '0;
    end else begin
      tx_state_q       <= tx_state_d;
      base_q           <= base_d;
      occ_q            <= occ_d;
      hw_q             <= hw_d;
      sent_q           <= sent_d;
      timer_q          <= timer_d;
      rcount_q         <= rcount_d;
      rt_q             <= rt_d;
      rx_state_q       <= rx_state_d;
      expected_q       <= expected_d;
      unacked_q        <= unacked_d;
      age_q            <= age_d;
      nack_pend_q      <= nack_pend_d;
      ack_pend_q       <= ack_pend_d;
      link_q           <= link_d;
      link_data_q      <= link_data_d;
      down_q           <= down_d;
      new_flits_q      <= new_flits_d;
      tx_flits_q       <= tx_flits_d;
      replayed_flits_q <= replayed_flits_d;
      replays_q        <= replays_d;
      timer_replays_q  <= timer_replays_d;
      link_errors_q    <= link_errors_d;
      acks_sent_q      <= acks_sent_d;
      naks_sent_q      <= naks_sent_d;
      crc_errors_q     <= crc_errors_d;
      ctrl_errors_q    <= ctrl_errors_d;
      seq_gaps_q       <= seq_gaps_d;
      dup_flits_q      <= dup_flits_d;
      delivered_q      <= delivered_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: all registers (up_ready_o above)
  // ---------------------------------------------------------------------------
  always_comb begin : p_stat
    stat_tmp                = '0;
    stat_tmp.tx_state       = tx_state_q;
    stat_tmp.rx_state       = rx_state_q;
    stat_tmp.occ            = occ_q;
    stat_tmp.new_flits      = new_flits_q;
    stat_tmp.tx_flits       = tx_flits_q;
    stat_tmp.replayed_flits = replayed_flits_q;
    stat_tmp.replays        = replays_q;
    stat_tmp.timer_replays  = timer_replays_q;
    stat_tmp.link_errors    = link_errors_q;
    stat_tmp.acks_sent      = acks_sent_q;
    stat_tmp.naks_sent      = naks_sent_q;
    stat_tmp.crc_errors     = crc_errors_q;
    stat_tmp.ctrl_errors    = ctrl_errors_q;
    stat_tmp.seq_gaps       = seq_gaps_q;
    stat_tmp.dup_flits      = dup_flits_q;
    stat_tmp.delivered      = delivered_q;
  end

  assign link_o      = link_q;
  assign link_data_o = link_data_q;
  assign down_o      = down_q;
  assign stat_o      = stat_tmp;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once (sb_llr_pair).

  // Sequence of the last delivered flit; reset to all ones so that the first
  // delivery must carry sequence 0 (= M - 1 + 1 mod M).
  logic [SeqW-1:0] sva_last_seq_q;
  logic [SeqW-1:0] sva_next_seq;    // the sequence the next delivery must carry
  logic [SeqW-1:0] sva_rx_seq;
  logic [31:0]     sva_m;           // M
  logic [16:0]     sva_depth_max;   // min(MaxDepth, M/2)

  always_ff @(posedge clk_i) begin : p_sva_regs
    if (!rst_ni) begin
      sva_last_seq_q <= '1;
    end else if (rx_deliver) begin
      sva_last_seq_q <= rx_tmp.seq;
    end
  end

  assign sva_next_seq  = (sva_last_seq_q + SeqW'(1)) & seq_mask;
  assign sva_rx_seq    = rx_tmp.seq;
  assign sva_m         = 32'd1 << cfg_i.seq_bits;
  assign sva_depth_max = ((sva_m >> 1) < 32'(MaxDepth)) ? 17'(sva_m >> 1) : 17'(MaxDepth);

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cfg_i.seq_bits >= 5'd4 && cfg_i.seq_bits <= 5'd20 &&
      cfg_i.depth >= 16'd1 && 17'(cfg_i.depth) <= sva_depth_max &&
      cfg_i.timer >= 24'd1 && cfg_i.max_replays >= 8'd1 &&
      cfg_i.ack_spacing >= 16'd1 && cfg_i.retrain >= 24'd1)
    else $error("sb_llr: cfg_i out of range (seq_bits=%0d depth=%0d MaxDepth=%0d timer=%0d max_replays=%0d ack_spacing=%0d retrain=%0d)",
                cfg_i.seq_bits, cfg_i.depth, MaxDepth, cfg_i.timer, cfg_i.max_replays,
                cfg_i.ack_spacing, cfg_i.retrain);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_llr: cfg_i changed while out of reset");

  // Replay buffer bookkeeping.
  OccLeDepth_A: assert property (@(posedge clk_i) disable iff (!rst_ni) occ_q <= cfg_i.depth)
    else $error("sb_llr: replay buffer occupancy %0d exceeds depth %0d", occ_q, cfg_i.depth);
  HwLeOcc_A: assert property (@(posedge clk_i) disable iff (!rst_ni) hw_q <= occ_q)
    else $error("sb_llr: hw %0d exceeds occupancy %0d", hw_q, occ_q);
  SentLeOcc_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sent_q <= occ_q)
    else $error("sb_llr: sent %0d exceeds occupancy %0d", sent_q, occ_q);
  ReplayPtr_A: assert property (@(posedge clk_i) disable iff (!rst_ni) tx_data |-> sent1 < occ1)
    else $error("sb_llr: transmit offset %0d outside the replay buffer (occupancy %0d)", sent1, occ1);

  // Delivery: in sequence, and only from slots with a good CRC.
  DeliverSeq_A: assert property (@(posedge clk_i) disable iff (!rst_ni) rx_deliver |-> sva_rx_seq == sva_next_seq)
    else $error("sb_llr: delivered sequence %0d, expected previous delivered + 1 = %0d",
                sva_rx_seq, sva_next_seq);
  DeliverGoodCrc_A: assert property (@(posedge clk_i) disable iff (!rst_ni) rx_deliver |-> rx_good)
    else $error("sb_llr: flit with sequence %0d delivered from a slot with a bad CRC", sva_rx_seq);

  // Flow control: nothing accepted into a full buffer.
  ReadyFull_A: assert property (@(posedge clk_i) disable iff (!rst_ni) occ_q == cfg_i.depth |-> !up_ready_o)
    else $error("sb_llr: up_ready_o high with the replay buffer full (occupancy %0d)", occ_q);
`endif

endmodule
