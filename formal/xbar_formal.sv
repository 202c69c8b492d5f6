// Formal harness of sb_xbar (scripts/formal.py job xbar): one-hot grants
// and flit conservation. Read by yosys only (read_verilog -formal -DYOSYS,
// the flat-port variant of sb_xbar).
//
// N = 2 ports, 1 class, MaxDepth = 2, MaxPipe = 2. cfg: VOQ or FIFO, iSLIP
// or RRM, iters 1..2, depth 1..2, pipe 1..2, constant. Each input is a
// source that obeys the credit protocol (sends into a queue only while it
// holds fewer than depth flits by the returned credits) and keeps packets
// whole per queue; destinations, packet lengths (eop), idle cycles and the
// outputs' ready are free. Each flit carries src and, in sig, its number
// among the flits from src to dst (3 bits; never more than 6 in flight).
//   onehot_in     an input sends at most one flit per edge (matched or
//                 locked; the grants accepted are one-hot per input);
//   onehot_out    an output receives at most one (one-hot per output);
//   conservation  flits queued + in the pipeline == sent - delivered;
//   in_order      every delivered flit is the next one of its (src, dst)
//                 pair: nothing lost, duplicated, reordered or corrupted;
//   route         it leaves at its own dst;
//   whole         packets do not interleave at an output (sop/eop framing);
//   credit_ok     a returned credit matches a flit sent;
//   inv_lock      the input and output locks pair up (probes): with it the
//                 two one-hot properties are inductive on their own (job
//                 option --only onehot_in,onehot_out,inv_lock).
module xbar_formal (
  input logic              clk_i,
  input sb_pkg::xbar_cfg_t cfg_any,
  input logic [1:0]        snd_i,   // input i sends a flit
  input logic [1:0]        dst_i,   // ... to dst_i[i]
  input logic [1:0]        eop_i,   // ... that ends its packet
  input logic [1:0]        out_ready_i
);
  localparam int N  = 2;
  localparam int FW = sb_pkg::FlitBits;
  localparam int CW = sb_pkg::XbarCreditBits;
  logic rst_ni;
  reg init = 1'b1;
  always @(posedge clk_i) init <= 1'b0;
  assign rst_ni = !init;

  reg [sb_pkg::XbarCfgBits-1:0] cfg_q;
  sb_pkg::xbar_cfg_t cfg;
  always @(posedge clk_i) if (init) cfg_q <= cfg_any;
  assign cfg = init ? cfg_any : cfg_q;
  always @* begin
    assume(cfg.iters >= 8'd1 && cfg.iters <= 8'd2);
    assume(cfg.depth >= 8'd1 && cfg.depth <= 8'd2);
    assume(cfg.pipe >= 5'd1 && cfg.pipe <= 5'd2);
  end

  logic [N*FW-1:0] in_flat, out_flat;
  logic [N*CW-1:0] credit_flat;
  sb_xbar #(.NumPorts(N), .NumClasses(1), .MaxDepth(2), .MaxPipe(2)) dut (
    .clk_i, .rst_ni, .cfg_i(cfg), .in_flit_i(in_flat), .out_ready_i,
    .in_credit_o(credit_flat), .out_flit_o(out_flat));

  // Source state: queue q of input i (VOQ: q = dst; FIFO: q = 0).
  reg [1:0] qocc_q  [N][N];  // flits in the queue by the credits
  reg       inpkt_q [N][N];  // a packet is open in the queue
  reg       pdst_q  [N][N];  // ... to this dst
  reg [2:0] sent_q  [N][N];  // flits sent from i to dst j (mod 8)
  reg [2:0] rcvd_q  [N][N];  // flits from i delivered at j (mod 8)
  reg       oin_q   [N];     // output j is inside a packet
  reg       osrc_q  [N];     // ... from this src

  sb_pkg::flit_t fin0, fin1, fo0, fo1;
  sb_pkg::xbar_credit_t cr0, cr1;
  logic [1:0] q_of;  // queue of input i's flit
  always @* begin
    q_of[0] = cfg.fifo ? 1'b0 : dst_i[0];
    q_of[1] = cfg.fifo ? 1'b0 : dst_i[1];
    fin0 = '0;
    fin0.valid = snd_i[0];
    fin0.sop   = !inpkt_q[0][q_of[0]];
    fin0.eop   = eop_i[0];
    fin0.src   = '0;
    fin0.dst   = sb_pkg::PortIdW'(dst_i[0]);
    fin0.sig   = 32'(sent_q[0][dst_i[0]]);
    fin1 = '0;
    fin1.valid = snd_i[1];
    fin1.sop   = !inpkt_q[1][q_of[1]];
    fin1.eop   = eop_i[1];
    fin1.src   = sb_pkg::PortIdW'(1);
    fin1.dst   = sb_pkg::PortIdW'(dst_i[1]);
    fin1.sig   = 32'(sent_q[1][dst_i[1]]);
    in_flat = {fin1, fin0};
    fo0 = out_flat[0 +: FW];
    fo1 = out_flat[FW +: FW];
    cr0 = credit_flat[0 +: CW];
    cr1 = credit_flat[CW +: CW];
  end

  // Sources obey credits and keep packets whole per queue.
  always @* begin
    if (!init) begin
      for (int i = 0; i < N; i++) begin
        if (snd_i[i]) begin
          assume(32'(qocc_q[i][q_of[i]]) < 32'(cfg.depth));
          assume(!inpkt_q[i][q_of[i]] || pdst_q[i][q_of[i]] == dst_i[i]);
        end
      end
    end
  end

  logic cq0, cq1;  // queue of a returned credit
  assign cq0 = cfg.fifo ? 1'b0 : cr0.dst[0];
  assign cq1 = cfg.fifo ? 1'b0 : cr1.dst[0];

  always @(posedge clk_i) begin
    if (init) begin
      for (int i = 0; i < N; i++) begin
        oin_q[i]  <= 1'b0;
        osrc_q[i] <= 1'b0;
        for (int j = 0; j < N; j++) begin
          qocc_q[i][j]  <= 2'd0;
          inpkt_q[i][j] <= 1'b0;
          pdst_q[i][j]  <= 1'b0;
          sent_q[i][j]  <= 3'd0;
          rcvd_q[i][j]  <= 3'd0;
        end
      end
    end else begin
      for (int i = 0; i < N; i++) begin
        for (int q = 0; q < N; q++) begin
          qocc_q[i][q] <= qocc_q[i][q]
                          + 2'(snd_i[i] && q_of[i] == 1'(q))
                          - 2'((i == 0) ? (cr0.valid && cq0 == 1'(q)) : (cr1.valid && cq1 == 1'(q)));
        end
        if (snd_i[i]) begin
          inpkt_q[i][q_of[i]] <= !eop_i[i];
          pdst_q[i][q_of[i]]  <= dst_i[i];
          sent_q[i][dst_i[i]] <= sent_q[i][dst_i[i]] + 3'd1;
        end
      end
      if (fo0.valid) begin
        rcvd_q[fo0.src[0]][0] <= rcvd_q[fo0.src[0]][0] + 3'd1;
        oin_q[0]  <= !fo0.eop;
        osrc_q[0] <= fo0.src[0];
      end
      if (fo1.valid) begin
        rcvd_q[fo1.src[0]][1] <= rcvd_q[fo1.src[0]][1] + 3'd1;
        oin_q[1]  <= !fo1.eop;
        osrc_q[1] <= fo1.src[0];
      end
    end
  end

  // formal-probe: p_acc0 = dut.acc_mat[0]
  // formal-probe: p_acc1 = dut.acc_mat[1]
  // formal-probe: p_lck0 = dut.lck_mat[0]
  // formal-probe: p_lck1 = dut.lck_mat[1]
  // formal-probe: p_cnt0 = dut.cnt_q[0]
  // formal-probe: p_cnt1 = dut.cnt_q[1]
  // formal-probe: p_pipe0 = dut.pipe_q[0]
  // formal-probe: p_pipe1 = dut.pipe_q[1]
  // formal-probe: p_olock = dut.out_lock_q
  // formal-probe: p_olock_in = dut.out_lock_in_q
  // formal-probe: p_ilock = dut.in_lock_q
  // formal-probe: p_ilock_out = dut.in_lock_out_q
  (* keep *) wire [1:0] p_acc0, p_acc1, p_lck0, p_lck1;
  (* keep *) wire [1:0] p_olock, p_olock_in, p_ilock, p_ilock_out;  // N = 2: PortW = 1
  (* keep *) wire [2*2-1:0] p_cnt0, p_cnt1;     // NumQ = 2 counters of 2 bits
  (* keep *) wire [2*FW-1:0] p_pipe0, p_pipe1;  // MaxPipe = 2 stages

  logic [1:0] row0, row1, col0, col1;
  assign row0 = p_acc0 | p_lck0;
  assign row1 = p_acc1 | p_lck1;
  assign col0 = {p_acc1[0] | p_lck1[0], p_acc0[0] | p_lck0[0]};
  assign col1 = {p_acc1[1] | p_lck1[1], p_acc0[1] | p_lck0[1]};

  logic [4:0] queued, piped, inflight;
  always @* begin
    queued = 5'(p_cnt0[1:0]) + 5'(p_cnt0[3:2]) + 5'(p_cnt1[1:0]) + 5'(p_cnt1[3:2]);
    piped  = 5'(p_pipe0[FW-1]) + 5'(p_pipe1[FW-1]) +
             ((cfg.pipe == 5'd2) ? 5'(p_pipe0[2*FW-1]) + 5'(p_pipe1[2*FW-1]) : 5'd0);
    inflight = 5'(3'(sent_q[0][0] - rcvd_q[0][0])) + 5'(3'(sent_q[0][1] - rcvd_q[0][1])) +
               5'(3'(sent_q[1][0] - rcvd_q[1][0])) + 5'(3'(sent_q[1][1] - rcvd_q[1][1]));
  end

`ifdef FORMAL
  always @* begin
    if (!init) begin
      onehot_in: assert((row0 & (row0 - 2'd1)) == 2'd0 && (row1 & (row1 - 2'd1)) == 2'd0);
      onehot_out: assert((col0 & (col0 - 2'd1)) == 2'd0 && (col1 & (col1 - 2'd1)) == 2'd0);
      conservation: assert(queued + piped == inflight);
      in_order: assert((!fo0.valid || (fo0.src < 8'd2 && fo0.sig == 32'(rcvd_q[fo0.src[0]][0]))) &&
                       (!fo1.valid || (fo1.src < 8'd2 && fo1.sig == 32'(rcvd_q[fo1.src[0]][1]))));
      route: assert((!fo0.valid || fo0.dst == 8'd0) && (!fo1.valid || fo1.dst == 8'd1));
      whole: assert((!fo0.valid || (fo0.sop == !oin_q[0] && (!oin_q[0] || fo0.src[0] == osrc_q[0]))) &&
                    (!fo1.valid || (fo1.sop == !oin_q[1] && (!oin_q[1] || fo1.src[0] == osrc_q[1]))));
      // The locks pair up: input i locked to output j <=> output j locked
      // to input i (makes onehot_in / onehot_out inductive).
      inv_lock: assert((!p_ilock[0] || (p_olock[p_ilock_out[0]] && p_olock_in[p_ilock_out[0]] == 1'b0)) &&
                       (!p_ilock[1] || (p_olock[p_ilock_out[1]] && p_olock_in[p_ilock_out[1]] == 1'b1)) &&
                       (!p_olock[0] || (p_ilock[p_olock_in[0]] && p_ilock_out[p_olock_in[0]] == 1'b0)) &&
                       (!p_olock[1] || (p_ilock[p_olock_in[1]] && p_ilock_out[p_olock_in[1]] == 1'b1)));
      credit_ok: assert((!cr0.valid || qocc_q[0][cq0] != 2'd0) && (!cr1.valid || qocc_q[1][cq1] != 2'd0));
    end
  end
`endif
endmodule
