// N x N input-queued crossbar with C traffic classes: per-input VOQ (or FIFO)
// queues, iSLIP / RRM allocator, cut-through packet locks and a fixed-latency
// output pipeline. Implements docs/xbar.md "Cycle-level behaviour" cycle for
// cycle; the SystemC model in systemc/xbar/ is compared against it every cycle.
//
// yosys 0.23 compatibility shapes this file. It mis-sizes packed arrays of
// structs (hence the YOSYS port variant), cannot select a field of an array
// element (a[i].f) or of a struct declared in a generate or procedural block,
// has no multi-dimensional packed arrays and no whole unpacked-array
// assignment. So structs appear only as module-level scalar temporaries (the
// *_tmp variables), arrays of registers are packed vectors (unpacked by port),
// and arrays crossing generate blocks are flat vectors.

module sb_xbar #(
  parameter int NumPorts   = 4,  // N, 2..256
  parameter int NumClasses = 2,  // classes provisioned, 1..8 (cfg uses <= this)
  parameter int MaxDepth   = 4,  // storage per queue, >= cfg_i.depth
  parameter int MaxPipe    = 4   // output pipeline stages, >= cfg_i.pipe, 1..31
) (
  input  logic                                clk_i,
  input  logic                                rst_ni,
  input  sb_pkg::xbar_cfg_t                   cfg_i,
`ifndef YOSYS
  input  sb_pkg::flit_t        [NumPorts-1:0] in_flit_i,
  input  logic                 [NumPorts-1:0] out_ready_i,
  output sb_pkg::xbar_credit_t [NumPorts-1:0] in_credit_o,
  output sb_pkg::flit_t        [NumPorts-1:0] out_flit_o
`else
  // yosys 0.23 silently drops the array dimension of a packed array of
  // structs (flit_t [N-1:0] becomes one flit). These flat vectors have the
  // identical bit layout: element i at [i*Bits +: Bits].
  input  logic [NumPorts*sb_pkg::FlitBits-1:0]       in_flit_i,
  input  logic [NumPorts-1:0]                        out_ready_i,
  output logic [NumPorts*sb_pkg::XbarCreditBits-1:0] in_credit_o,
  output logic [NumPorts*sb_pkg::FlitBits-1:0]       out_flit_o
`endif
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int FlitW   = sb_pkg::FlitBits;
  localparam int CreditW = sb_pkg::XbarCreditBits;
  localparam int NumQ    = NumPorts * NumClasses;  // queues per input (VOQ mode)
  localparam int Entries = NumQ * MaxDepth;        // flit slots per input
  localparam int PortW   = $clog2(NumPorts);
  localparam int ClsW    = (NumClasses > 1) ? $clog2(NumClasses) : 1;
  localparam int QW      = $clog2(NumQ);
  localparam int PtrW    = (MaxDepth > 1) ? $clog2(MaxDepth) : 1;
  localparam int CntW    = $clog2(MaxDepth + 1);
  localparam int AddrW   = (Entries > 1) ? $clog2(Entries) : 1;

  // Illegal parameters stop elaboration. $fatal names the problem; as the
  // -Wno-fatal of verilate() in verif/ turns it into a mere warning, the
  // branch also instantiates a module that does not exist: a hard error in
  // every tool.
  if (NumPorts < 2 || NumPorts > 256) begin : gen_err_num_ports
    $fatal(1, "sb_xbar: NumPorts=%0d outside 2..256 (flit dst is 8 bits)", NumPorts);
  end
  if (NumClasses < 1 || NumClasses > 8) begin : gen_err_num_classes
    $fatal(1, "sb_xbar: NumClasses=%0d outside 1..8 (flit cls is 3 bits)", NumClasses);
  end
  if (MaxDepth < 1) begin : gen_err_max_depth
    $fatal(1, "sb_xbar: MaxDepth=%0d must be >= 1", MaxDepth);
  end
  if (MaxPipe < 1 || MaxPipe > 31) begin : gen_err_max_pipe
    $fatal(1, "sb_xbar: MaxPipe=%0d outside 1..31 (cfg pipe is 5 bits)", MaxPipe);
  end
  if (NumPorts < 2 || NumPorts > 256 || NumClasses < 1 || NumClasses > 8 ||
      MaxDepth < 1 || MaxPipe < 1 || MaxPipe > 31) begin : gen_err_params
    sb_xbar_illegal_parameters u_illegal_parameters ();
  end

  // ---------------------------------------------------------------------------
  // State. Arrays of registers are packed vectors (see the note at the top):
  // element e of x_q sits at x_q[e*XW +: XW]; per-input and per-output arrays
  // are additionally unpacked by port to keep each vector small.
  // ---------------------------------------------------------------------------
  // Queues: ring buffers; element q of input i is queue q, whose slots are
  // q*MaxDepth .. q*MaxDepth+MaxDepth-1 of input i's memory.
  // VOQ: q = dst*NumClasses + cls; FIFO: q = cls.
  logic [NumQ*PtrW-1:0]            rd_ptr_q [NumPorts];
  logic [NumQ*PtrW-1:0]            rd_ptr_d [NumPorts];
  logic [NumQ*PtrW-1:0]            wr_ptr_q [NumPorts];
  logic [NumQ*PtrW-1:0]            wr_ptr_d [NumPorts];
  logic [NumQ*CntW-1:0]            cnt_q    [NumPorts];
  logic [NumQ*CntW-1:0]            cnt_d    [NumPorts];
  // Output locks (locked, input, class) and input locks (locked, output).
  logic [NumPorts-1:0]             out_lock_q, out_lock_d;
  logic [NumPorts*PortW-1:0]       out_lock_in_q, out_lock_in_d;
  logic [NumPorts*ClsW-1:0]        out_lock_cls_q, out_lock_cls_d;
  logic [NumPorts-1:0]             in_lock_q, in_lock_d;
  logic [NumPorts*PortW-1:0]       in_lock_out_q, in_lock_out_d;
  // Allocator pointers.
  logic [NumPorts*PortW-1:0]       grant_ptr_q, grant_ptr_d;
  logic [NumPorts*PortW-1:0]       accept_ptr_q, accept_ptr_d;
  // Output pipeline, element s of output j is stage s: the crossing flit
  // enters stage cfg_i.pipe-1 and moves down one stage per edge; out_flit_o
  // is stage 0 (a fixed tap: no variable-offset select of the wide vector).
  // Stages cfg_i.pipe.. stay 0. And the credit register.
  logic [MaxPipe*FlitW-1:0]        pipe_q [NumPorts];
  logic [MaxPipe*FlitW-1:0]        pipe_d [NumPorts];
  logic [NumPorts*CreditW-1:0]     credit_q, credit_d;

  // ---------------------------------------------------------------------------
  // Combinational signals
  // ---------------------------------------------------------------------------
  logic [NumPorts*FlitW-1:0]            in_flat;         // in_flit_i, flat
  logic [NumPorts*NumClasses*FlitW-1:0] head_flit_flat;  // head of queue (i, c), FIFO mode
  logic [sb_pkg::PortIdW-1:0]           head_dst [NumPorts*NumClasses];
  logic [NumPorts*FlitW-1:0]            deq_flit_flat;   // flit leaving input i
  // Per input: dequeue of this edge.
  logic [NumPorts-1:0]  deq_vld;
  logic [QW-1:0]        deq_q    [NumPorts];
  logic [AddrW-1:0]     deq_addr [NumPorts];
  // Per input: enqueue of this edge.
  logic [NumPorts-1:0]  enq_vld;
  logic [AddrW-1:0]     enq_addr [NumPorts];
  logic [CntW-1:0]      enq_occ  [NumPorts];  // occupancy after this edge's dequeue
  // Per output: crossing of this edge.
  logic [NumPorts-1:0]  xfer_vld;
  logic [NumPorts-1:0]  xfer_lck;  // 1: locked transfer (step 1), 0: new match (step 4)
  logic [PortW-1:0]     xfer_in  [NumPorts];
  logic [ClsW-1:0]      xfer_cls [NumPorts];
  // Allocator.
  logic [NumPorts-1:0]          req_vld [NumPorts];  // [i][j]
  logic [ClsW-1:0]              req_cls [NumPorts*NumPorts];  // [i*NumPorts + j]
  logic [NumPorts-1:0]          req_col [NumClasses*NumPorts];  // [c*NumPorts + j][i]: i requests j with class c
  // Grants of the current iteration, [(c*NumPorts + i)*NumPorts + j]: output j
  // grants input i with class c (a flat vector: the input is a variable index).
  logic [NumClasses*NumPorts*NumPorts-1:0] gnt_row;
  logic [NumPorts-1:0]          gnt_vld;  // per output, current iteration
  logic [PortW-1:0]             gnt_in  [NumPorts];
  logic [NumPorts-1:0]          in_match, out_match;
  logic [PortW-1:0]             mat_out [NumPorts];
  logic [ClsW-1:0]              mat_cls [NumPorts];
  logic [NumPorts-1:0]          acc_mat [NumPorts];  // [i][j] accepted, all iterations
  logic [NumPorts-1:0]          lck_mat [NumPorts];  // [i][j] locked transfer
  // out_flit_o, flat, and the pipeline stage a crossing flit enters.
  logic [NumPorts*FlitW-1:0]    out_flat;
  logic [4:0]                   tap;
  assign tap = cfg_i.pipe - 5'd1;  // pipe = 0 wraps to 31: out of range, outputs 0
  // Scalar struct temporaries (see the note at the top of the file).
  sb_pkg::flit_t        head_tmp;
  sb_pkg::flit_t        xfer_tmp;
  sb_pkg::flit_t        deq_tmp;
  sb_pkg::flit_t        in_tmp;
  sb_pkg::xbar_credit_t credit_tmp;
  // Each temporary is read only for some fields.
  logic unused_tmp;
  assign unused_tmp = ^{head_tmp, deq_tmp, in_tmp};

  assign in_flat = in_flit_i;

  // ---------------------------------------------------------------------------
  // Queue storage: one memory per input, one write port (the input), read by
  // the dequeue and, in FIFO mode, by the head of each class queue.
  // Storage is not reset: the reset state "queues empty" lives in the counters.
  // ---------------------------------------------------------------------------
  for (genvar gi = 0; gi < NumPorts; gi++) begin : gen_in
    logic [FlitW-1:0] mem_q [Entries];

    always_ff @(posedge clk_i) begin : p_mem_wr
      if (enq_vld[gi]) begin
        mem_q[enq_addr[gi]] <= in_flat[gi*FlitW +: FlitW];
      end
    end

    always_ff @(posedge clk_i) begin : p_queue_regs
      if (!rst_ni) begin
        rd_ptr_q[gi] <= '0;
        wr_ptr_q[gi] <= '0;
        cnt_q[gi]    <= '0;
      end else begin
        rd_ptr_q[gi] <= rd_ptr_d[gi];
        wr_ptr_q[gi] <= wr_ptr_d[gi];
        cnt_q[gi]    <= cnt_d[gi];
      end
    end

    assign deq_flit_flat[gi*FlitW +: FlitW] = mem_q[deq_addr[gi]];

    for (genvar gc = 0; gc < NumClasses; gc++) begin : gen_head
      assign head_flit_flat[(gi*NumClasses+gc)*FlitW +: FlitW] =
          mem_q[AddrW'(gc*MaxDepth) + AddrW'(rd_ptr_q[gi][gc*PtrW +: PtrW])];
    end
  end

  always_comb begin : p_head_dst
    head_tmp = '0;
    for (int k = 0; k < NumPorts*NumClasses; k++) begin
      head_tmp    = head_flit_flat[k*FlitW +: FlitW];
      head_dst[k] = head_tmp.dst;
    end
  end

  // ---------------------------------------------------------------------------
  // Allocation: spec steps 1 (locked transfers), 2 (requests), 3 (allocation)
  // and 4 (matched transfers). All iterations read the pointers as they were
  // before the edge; the first iteration's updates take effect at the edge.
  // ---------------------------------------------------------------------------
  // The first set bit of v at or after ptr, wrapping at NumPorts (v != 0).
  function automatic logic [PortW-1:0] rr_first(input logic [NumPorts-1:0] v,
                                                input logic [PortW-1:0]    ptr);
    logic [NumPorts-1:0] hi;
    logic [NumPorts-1:0] sel;
    logic [PortW-1:0]    r;
    hi  = v & ~((NumPorts'(1) << ptr) - NumPorts'(1));
    sel = (hi != '0) ? hi : v;
    r   = '0;
    for (int k = NumPorts - 1; k >= 0; k = k - 1) begin
      if (sel[k]) r = PortW'(k);
    end
    rr_first = r;
  endfunction

  always_comb begin : p_alloc
    logic [ClsW-1:0]     best_cls;
    logic                found;
    int                  idx;
    logic [PortW-1:0]    nxt;
    logic [QW-1:0]       q;
    logic [NumPorts-1:0] cand;

    best_cls     = '0;
    found        = 1'b0;
    idx          = 0;
    nxt          = '0;
    q            = '0;
    deq_vld      = '0;
    xfer_vld     = '0;
    xfer_lck     = '0;
    gnt_vld      = '0;
    in_match     = '0;
    out_match    = '0;
    grant_ptr_d  = grant_ptr_q;
    accept_ptr_d = accept_ptr_q;
    for (int i = 0; i < NumPorts; i++) begin
      deq_q[i]    = '0;
      deq_addr[i] = '0;
      xfer_in[i]  = '0;
      xfer_cls[i] = '0;
      gnt_in[i]   = '0;
      mat_out[i]  = '0;
      mat_cls[i]  = '0;
      req_vld[i]  = '0;
      acc_mat[i]  = '0;
      lck_mat[i]  = '0;
    end
    for (int k = 0; k < NumPorts*NumPorts; k++) begin
      req_cls[k] = '0;
    end
    for (int k = 0; k < NumClasses*NumPorts; k++) begin
      req_col[k] = '0;
    end
    gnt_row = '0;
    cand    = '0;

    // 1. Locked transfers.
    for (int j = 0; j < NumPorts; j++) begin
      if (out_lock_q[j] && out_ready_i[j]) begin
        idx = 32'(out_lock_in_q[j*PortW +: PortW]);
        q   = cfg_i.fifo ? QW'(out_lock_cls_q[j*ClsW +: ClsW]) :
                           QW'(j*NumClasses) + QW'(out_lock_cls_q[j*ClsW +: ClsW]);
        if (cnt_q[idx][32'(q)*CntW +: CntW] != '0) begin
          xfer_vld[j]  = 1'b1;
          xfer_lck[j]  = 1'b1;
          xfer_in[j]   = out_lock_in_q[j*PortW +: PortW];
          xfer_cls[j]  = out_lock_cls_q[j*ClsW +: ClsW];
          deq_vld[idx] = 1'b1;
          deq_q[idx]   = q;
          lck_mat[idx][j] = 1'b1;
        end
      end
    end

    // 2. Requests: free input to free output, highest class with a request.
    for (int i = 0; i < NumPorts; i++) begin
      for (int j = 0; j < NumPorts; j++) begin
        if (!in_lock_q[i] && !out_lock_q[j] && out_ready_i[j]) begin
          for (int c = 0; c < NumClasses; c++) begin
            if (cfg_i.fifo) begin
              if (cnt_q[i][c*CntW +: CntW] != '0 &&
                  head_dst[i*NumClasses + c] == sb_pkg::PortIdW'(j)) begin
                req_vld[i][j] = 1'b1;
                req_cls[i*NumPorts + j] = ClsW'(c);
              end
            end else if (cnt_q[i][(j*NumClasses + c)*CntW +: CntW] != '0) begin
              req_vld[i][j] = 1'b1;
              req_cls[i*NumPorts + j] = ClsW'(c);
            end
          end
          if (req_vld[i][j]) req_col[32'(req_cls[i*NumPorts + j])*NumPorts + j][i] = 1'b1;
        end
      end
    end

    // 3. Allocation iterations among inputs and outputs not yet matched.
    // Word-level form of the spec's scans: per (class, output) the column of
    // requesting inputs, per (class, input) the row of granting outputs; the
    // highest class with a candidate wins, then the first candidate at or
    // after the pointer (rr_first).
    for (int it = 0; it < NumPorts; it++) begin
      if (it < 32'(cfg_i.iters)) begin
        gnt_row = '0;
        // Grant: highest requested class, then round robin from grant_ptr.
        for (int j = 0; j < NumPorts; j++) begin
          gnt_vld[j] = 1'b0;
          gnt_in[j]  = '0;
          if (!out_match[j]) begin
            found = 1'b0;
            cand  = '0;
            for (int c = NumClasses - 1; c >= 0; c = c - 1) begin
              if (!found && (req_col[c*NumPorts + j] & ~in_match) != '0) begin
                found    = 1'b1;
                best_cls = ClsW'(c);
                cand     = req_col[c*NumPorts + j] & ~in_match;
              end
            end
            if (found) begin
              nxt        = rr_first(cand, grant_ptr_q[j*PortW +: PortW]);
              gnt_vld[j] = 1'b1;
              gnt_in[j]  = nxt;
              gnt_row[(32'(best_cls)*NumPorts + 32'(nxt))*NumPorts + j] = 1'b1;
            end
          end
        end
        // Accept: highest granted class, then round robin from accept_ptr.
        for (int i = 0; i < NumPorts; i++) begin
          if (!in_match[i]) begin
            found = 1'b0;
            cand  = '0;
            for (int c = NumClasses - 1; c >= 0; c = c - 1) begin
              if (!found && gnt_row[(c*NumPorts + i)*NumPorts +: NumPorts] != '0) begin
                found    = 1'b1;
                best_cls = ClsW'(c);
                cand     = gnt_row[(c*NumPorts + i)*NumPorts +: NumPorts];
              end
            end
            if (found) begin
              idx            = 32'(rr_first(cand, accept_ptr_q[i*PortW +: PortW]));
              in_match[i]    = 1'b1;
              out_match[idx] = 1'b1;
              mat_out[i]     = PortW'(idx);
              mat_cls[i]     = best_cls;
              acc_mat[i][idx] = 1'b1;
              if (it == 0) begin
                // Both allocators move accept_ptr on accepted pairs; iSLIP
                // also moves grant_ptr only on accepted pairs.
                nxt = (idx == NumPorts - 1) ? '0 : PortW'(idx + 1);
                accept_ptr_d[i*PortW +: PortW] = nxt;
                if (!cfg_i.rr) begin
                  nxt = (i == NumPorts - 1) ? '0 : PortW'(i + 1);
                  grant_ptr_d[idx*PortW +: PortW] = nxt;
                end
              end
            end
          end
        end
        // RRM: every output that granted in the first iteration moves its
        // grant pointer past the granted input, accepted or not.
        if (it == 0 && cfg_i.rr) begin
          for (int j = 0; j < NumPorts; j++) begin
            if (gnt_vld[j]) begin
              nxt = (32'(gnt_in[j]) == NumPorts - 1) ? '0 : gnt_in[j] + 1'b1;
              grant_ptr_d[j*PortW +: PortW] = nxt;
            end
          end
        end
      end
    end

    // 4. Matched transfers.
    for (int i = 0; i < NumPorts; i++) begin
      if (in_match[i]) begin
        idx = 32'(mat_out[i]);
        q   = cfg_i.fifo ? QW'(mat_cls[i]) : QW'(idx*NumClasses) + QW'(mat_cls[i]);
        deq_vld[i]    = 1'b1;
        deq_q[i]      = q;
        xfer_vld[idx] = 1'b1;
        xfer_in[idx]  = PortW'(i);
        xfer_cls[idx] = mat_cls[i];
      end
    end

    // Read address of each input's dequeue.
    for (int i = 0; i < NumPorts; i++) begin
      deq_addr[i] = AddrW'(32'(deq_q[i]) * MaxDepth) +
                    AddrW'(rd_ptr_q[i][32'(deq_q[i])*PtrW +: PtrW]);
    end
  end

  // ---------------------------------------------------------------------------
  // Next state: locks (steps 1 and 4), credits (5), pipeline (6), queues (7).
  // ---------------------------------------------------------------------------
  always_comb begin : p_next
    logic [QW-1:0]   q;
    logic [PtrW-1:0] ptr;
    logic [CntW-1:0] cnt;

    q              = '0;
    ptr            = '0;
    cnt            = '0;
    xfer_tmp       = '0;
    deq_tmp        = '0;
    in_tmp         = '0;
    credit_tmp     = '0;
    out_lock_d     = out_lock_q;
    out_lock_in_d  = out_lock_in_q;
    out_lock_cls_d = out_lock_cls_q;
    in_lock_d      = in_lock_q;
    in_lock_out_d  = in_lock_out_q;
    credit_d       = '0;
    enq_vld        = '0;
    for (int i = 0; i < NumPorts; i++) begin
      rd_ptr_d[i] = rd_ptr_q[i];
      wr_ptr_d[i] = wr_ptr_q[i];
      cnt_d[i]    = cnt_q[i];
      enq_addr[i] = '0;
      enq_occ[i]  = '0;
    end

    // Crossings: output pipeline and locks.
    for (int j = 0; j < NumPorts; j++) begin
      xfer_tmp = '0;
      if (xfer_vld[j]) begin
        xfer_tmp = deq_flit_flat[32'(xfer_in[j])*FlitW +: FlitW];
      end
      for (int s = 0; s < MaxPipe; s++) begin
        if (s == 32'(tap)) begin
          pipe_d[j][s*FlitW +: FlitW] = xfer_tmp;
        end else if (s < 32'(tap)) begin
          pipe_d[j][s*FlitW +: FlitW] = pipe_q[j][((s + 1) % MaxPipe)*FlitW +: FlitW];
        end else begin
          pipe_d[j][s*FlitW +: FlitW] = '0;
        end
      end
      if (xfer_vld[j]) begin
        if (xfer_lck[j]) begin
          if (xfer_tmp.eop) begin
            out_lock_d[j]         = 1'b0;
            in_lock_d[xfer_in[j]] = 1'b0;
          end
        end else if (!xfer_tmp.eop) begin
          out_lock_d[j]                                  = 1'b1;
          out_lock_in_d[j*PortW +: PortW]                = xfer_in[j];
          out_lock_cls_d[j*ClsW +: ClsW]                 = xfer_cls[j];
          in_lock_d[xfer_in[j]]                          = 1'b1;
          in_lock_out_d[32'(xfer_in[j])*PortW +: PortW]  = PortW'(j);
        end
      end
    end

    for (int i = 0; i < NumPorts; i++) begin
      // Dequeue and credit.
      deq_tmp = deq_flit_flat[i*FlitW +: FlitW];
      if (deq_vld[i]) begin
        credit_tmp       = '0;
        credit_tmp.valid = 1'b1;
        credit_tmp.dst   = deq_tmp.dst;
        credit_tmp.cls   = deq_tmp.cls;
        credit_d[i*CreditW +: CreditW] = credit_tmp;
        q   = deq_q[i];
        ptr = rd_ptr_q[i][32'(q)*PtrW +: PtrW];
        rd_ptr_d[i][32'(q)*PtrW +: PtrW] = (ptr == PtrW'(MaxDepth - 1)) ? '0 : ptr + 1'b1;
        cnt_d[i][32'(q)*CntW +: CntW]    = cnt_q[i][32'(q)*CntW +: CntW] - 1'b1;
      end
      // Enqueue, after the dequeue. Out-of-range dst/cls are a protocol error
      // (assertion below) and are dropped rather than written out of bounds.
      in_tmp = in_flat[i*FlitW +: FlitW];
      q = cfg_i.fifo ? QW'(in_tmp.cls) : QW'(32'(in_tmp.dst)*NumClasses) + QW'(in_tmp.cls);
      if (32'(in_tmp.dst) < NumPorts && 32'(in_tmp.cls) < NumClasses) begin
        ptr         = wr_ptr_q[i][32'(q)*PtrW +: PtrW];
        cnt         = cnt_d[i][32'(q)*CntW +: CntW];
        enq_vld[i]  = in_tmp.valid;
        enq_addr[i] = AddrW'(32'(q)*MaxDepth) + AddrW'(ptr);
        enq_occ[i]  = cnt;
        if (in_tmp.valid) begin
          wr_ptr_d[i][32'(q)*PtrW +: PtrW] = (ptr == PtrW'(MaxDepth - 1)) ? '0 : ptr + 1'b1;
          cnt_d[i][32'(q)*CntW +: CntW]    = cnt + 1'b1;
        end
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Registers (synchronous active-low reset)
  // ---------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      out_lock_q     <= '0;
      out_lock_in_q  <= '0;
      out_lock_cls_q <= '0;
      in_lock_q      <= '0;
      in_lock_out_q  <= '0;
      grant_ptr_q    <= '0;
      accept_ptr_q   <= '0;
      credit_q       <= '0;
    end else begin
      out_lock_q     <= out_lock_d;
      out_lock_in_q  <= out_lock_in_d;
      out_lock_cls_q <= out_lock_cls_d;
      in_lock_q      <= in_lock_d;
      in_lock_out_q  <= in_lock_out_d;
      grant_ptr_q    <= grant_ptr_d;
      accept_ptr_q   <= accept_ptr_d;
      credit_q       <= credit_d;
    end
  end

  for (genvar gj = 0; gj < NumPorts; gj++) begin : gen_out
    always_ff @(posedge clk_i) begin : p_pipe_regs
      if (!rst_ni) begin
        pipe_q[gj] <= '0;
      end else begin
        pipe_q[gj] <= pipe_d[gj];
      end
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs: out_flit_o is pipeline stage 0 (see the pipeline above).
  // ---------------------------------------------------------------------------
  always_comb begin : p_out
    for (int j = 0; j < NumPorts; j++) begin
      out_flat[j*FlitW +: FlitW] = '0;
      if (32'(tap) < MaxPipe) begin
        out_flat[j*FlitW +: FlitW] = pipe_q[j][FlitW-1:0];
      end
    end
  end

  assign out_flit_o  = out_flat;
  assign in_credit_o = credit_q;

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  default clocking cb @(posedge clk_i); endclocking

  // Helper state for flit conservation: flits ever enqueued and ever
  // delivered (left the last pipeline stage) since reset.
  logic [31:0] sva_enq_total_q, sva_enq_total_d;
  logic [31:0] sva_dlv_total_q, sva_dlv_total_d;
  logic [31:0] sva_occ_total;   // flits in all queues
  logic [31:0] sva_pipe_total;  // valid flits in pipeline stages 0..pipe-1
  logic [CntW-1:0] sva_deq_occ [NumPorts];  // occupancy of the queue dequeued
  logic [NumPorts-1:0] sva_xfer_sop;         // crossing flit is a packet head
  logic [NumPorts-1:0] sva_xfer_dst_ok;      // crossing flit's dst is its output
  logic [NumPorts-1:0] sva_in_range;         // valid input flit has dst/cls in range

  sb_pkg::flit_t sva_f;  // field view of one flit
  logic unused_sva_f;
  assign unused_sva_f = ^sva_f;

  always_comb begin : p_sva_helpers
    sva_enq_total_d = sva_enq_total_q + 32'($countones(enq_vld));
    sva_dlv_total_d = sva_dlv_total_q;
    sva_occ_total   = '0;
    sva_pipe_total  = '0;
    for (int j = 0; j < NumPorts; j++) begin
      sva_f = out_flat[j*FlitW +: FlitW];
      if (sva_f.valid) sva_dlv_total_d = sva_dlv_total_d + 1;
      for (int s = 0; s < MaxPipe; s++) begin
        // valid is the flit's top bit (sb_pkg::flit_t's first field)
        if (s < 32'(cfg_i.pipe) && pipe_q[j][s*FlitW + FlitW - 1]) sva_pipe_total = sva_pipe_total + 1;
      end
      sva_f = deq_flit_flat[32'(xfer_in[j])*FlitW +: FlitW];
      sva_xfer_sop[j]    = sva_f.sop;
      sva_xfer_dst_ok[j] = (32'(sva_f.dst) == j);
    end
    for (int i = 0; i < NumPorts; i++) begin
      for (int k = 0; k < NumQ; k++) begin
        sva_occ_total = sva_occ_total + 32'(cnt_q[i][k*CntW +: CntW]);
      end
      sva_deq_occ[i] = cnt_q[i][32'(deq_q[i])*CntW +: CntW];
      sva_f = in_flat[i*FlitW +: FlitW];
      sva_in_range[i] = !sva_f.valid || (32'(sva_f.dst) < NumPorts && 32'(sva_f.cls) < NumClasses);
    end
  end

  always_ff @(posedge clk_i) begin : p_sva_regs
    if (!rst_ni) begin
      sva_enq_total_q <= '0;
      sva_dlv_total_q <= '0;
    end else begin
      sva_enq_total_q <= sva_enq_total_d;
      sva_dlv_total_q <= sva_dlv_total_d;
    end
  end

  // Configuration: in range and quasi-static.
  CfgRange_A: assert property (disable iff (!rst_ni)
      cfg_i.depth >= 8'd1 && 32'(cfg_i.depth) <= MaxDepth &&
      cfg_i.pipe  >= 5'd1 && 32'(cfg_i.pipe)  <= MaxPipe &&
      cfg_i.iters >= 8'd1 && 32'(cfg_i.iters) <= NumPorts)
    else $error("sb_xbar: cfg_i out of range (depth=%0d MaxDepth=%0d pipe=%0d MaxPipe=%0d iters=%0d NumPorts=%0d)",
                cfg_i.depth, MaxDepth, cfg_i.pipe, MaxPipe, cfg_i.iters, NumPorts);
  CfgStable_A: assert property (disable iff (!rst_ni) $past(rst_ni) |-> $stable(cfg_i))
    else $error("sb_xbar: cfg_i changed while out of reset");

  // Flit conservation: queued + in flight == enqueued - delivered.
  Conservation_A: assert property (disable iff (!rst_ni)
      sva_occ_total + sva_pipe_total == sva_enq_total_q - sva_dlv_total_q)
    else $error("sb_xbar: flit conservation violated: queued %0d + in pipeline %0d != enqueued %0d - delivered %0d",
                sva_occ_total, sva_pipe_total, sva_enq_total_q, sva_dlv_total_q);

  for (genvar gi = 0; gi < NumPorts; gi++) begin : gen_sva_port
    // Per-port views: properties use only scalars and packed vectors
    // (Verilator 5.006 fails internally on unpacked array selects there).
    logic [NumPorts-1:0] acc_row, acc_col, xfer_row, xfer_col;
    logic [QW-1:0]       deq_queue;
    logic                deq_nonempty;
    logic [CntW-1:0]     occ_before_enq;
    logic [PortW-1:0]    lock_in, lock_out;
    logic                out_lock_paired, in_lock_paired;
    logic [sb_pkg::PortIdW-1:0] in_dst;
    logic [2:0]          in_cls;
    assign acc_row  = acc_mat[gi];
    assign xfer_row = acc_mat[gi] | lck_mat[gi];
    always_comb begin
      for (int k = 0; k < NumPorts; k++) begin
        acc_col[k]  = acc_mat[k][gi];
        xfer_col[k] = acc_mat[k][gi] | lck_mat[k][gi];
      end
    end
    assign deq_queue       = deq_q[gi];
    assign deq_nonempty    = (sva_deq_occ[gi] != '0);
    assign occ_before_enq  = enq_occ[gi];
    assign lock_in         = out_lock_in_q[gi*PortW +: PortW];
    assign lock_out        = in_lock_out_q[gi*PortW +: PortW];
    assign out_lock_paired = in_lock_q[lock_in] &&
                             32'(in_lock_out_q[32'(lock_in)*PortW +: PortW]) == gi;
    assign in_lock_paired  = out_lock_q[lock_out] &&
                             32'(out_lock_in_q[32'(lock_out)*PortW +: PortW]) == gi;
    assign in_dst          = in_flit_i[gi].dst;
    assign in_cls          = in_flit_i[gi].cls;

    // Grants one-hot: an input accepts at most one output, an output is
    // matched to at most one input; the same with locked transfers included.
    AccOneHotIn_A: assert property (disable iff (!rst_ni) $onehot0(acc_row))
      else $error("sb_xbar: input %0d matched to more than one output (%b)", gi, acc_row);
    AccOneHotOut_A: assert property (disable iff (!rst_ni) $onehot0(acc_col))
      else $error("sb_xbar: output %0d matched to more than one input (%b)", gi, acc_col);
    XferOneHotIn_A: assert property (disable iff (!rst_ni) $onehot0(xfer_row))
      else $error("sb_xbar: input %0d sends more than one flit (%b)", gi, xfer_row);
    XferOneHotOut_A: assert property (disable iff (!rst_ni) $onehot0(xfer_col))
      else $error("sb_xbar: output %0d receives more than one flit (%b)", gi, xfer_col);

    // No grant (or locked transfer) from an empty queue.
    NoDeqEmpty_A: assert property (disable iff (!rst_ni) deq_vld[gi] |-> deq_nonempty)
      else $error("sb_xbar: input %0d dequeues from empty queue %0d", gi, deq_queue);

    // A new match always starts at a packet head, and every flit crosses to
    // its own destination.
    MatchSop_A: assert property (disable iff (!rst_ni)
        xfer_vld[gi] && !xfer_lck[gi] |-> sva_xfer_sop[gi])
      else $error("sb_xbar: output %0d granted to a flit that is not a packet head", gi);
    XferDst_A: assert property (disable iff (!rst_ni) xfer_vld[gi] |-> sva_xfer_dst_ok[gi])
      else $error("sb_xbar: flit crossing to output %0d has another dst", gi);

    // No queue overflow: a valid flit never enters a queue already holding
    // cfg_i.depth flits after this edge's dequeue.
    NoOverflow_A: assert property (disable iff (!rst_ni)
        enq_vld[gi] |-> 32'(occ_before_enq) < 32'(cfg_i.depth))
      else $error("sb_xbar: queue overflow at input %0d (occupancy %0d, depth %0d)",
                  gi, occ_before_enq, cfg_i.depth);
    InRange_A: assert property (disable iff (!rst_ni) sva_in_range[gi])
      else $error("sb_xbar: input %0d flit dst=%0d / cls=%0d outside NumPorts=%0d / NumClasses=%0d",
                  gi, in_dst, in_cls, NumPorts, NumClasses);

    // Locks pair up: output j locked to input i <-> input i locked to j.
    OutLockPair_A: assert property (disable iff (!rst_ni) out_lock_q[gi] |-> out_lock_paired)
      else $error("sb_xbar: output %0d lock has no matching input lock", gi);
    InLockPair_A: assert property (disable iff (!rst_ni) in_lock_q[gi] |-> in_lock_paired)
      else $error("sb_xbar: input %0d lock has no matching output lock", gi);

    // Outputs never carry X on their qualifiers.
    OutValidKnown_A: assert property (disable iff (!rst_ni) !$isunknown(out_flit_o[gi].valid))
      else $error("sb_xbar: out_flit_o[%0d].valid is X", gi);
    CreditValidKnown_A: assert property (disable iff (!rst_ni) !$isunknown(in_credit_o[gi].valid))
      else $error("sb_xbar: in_credit_o[%0d].valid is X", gi);
  end
`endif

endmodule
