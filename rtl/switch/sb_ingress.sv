// Ingress buffer of one switch port: virtual output queues per (class,
// destination), crossbar credit counters, the packet lock and a round-robin
// pointer per class, and the arrival register. Implements docs/switch.md
// "sb_ingress" cycle for cycle; the C++ model (systemc/switch/) is compared
// against the chip containing it on every pin every cycle.
//
// Signal names follow the spec: x_q is the value before the edge ("x"), x_d
// the value after it ("x'"), x1 an intermediate value (after the take).
//
// Storage (docs/switch.md "RTL"): per class one buffer of MaxIngress flit
// slots shared by that class's N VOQs. Each VOQ is a linked list (head, tail,
// non-empty flag; a next-pointer array beside the flit array); free slots are
// the never-used slots above a fill counter plus a ring of recycled slot
// numbers. Per class and edge at most one slot is freed (the take) and one
// allocated (the arrival); when both hit the same class the freed slot is
// reused directly. So each class needs one-read one-write flit, next-pointer
// and free-ring memories, and none of them is reset.
//
// yosys 0.23 compatibility (header of rtl/xbar/sb_xbar.sv): the ports are
// single structs; struct fields are only selected on ports or on module-level
// scalar temporaries (*_tmp); per-queue and per-class registers are flat
// packed vectors (element k at [k*W +: W]); memories live in a generate block
// per class and are addressed through flat vectors.

module sb_ingress #(
  parameter int NumPorts   = 4,    // N, 2..256
  parameter int NumClasses = 2,    // C, 1..8 (flits with cls >= C are misrouted)
  parameter int MaxIngress = 1024  // flit slots per class, 2..65535, >= sw_cfg_i.ingress_cap
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  sb_pkg::xbar_cfg_t     xbar_cfg_i,
  input  sb_pkg::switch_cfg_t   sw_cfg_i,
  input  sb_pkg::flit_t         in_i,      // the flit the LLR delivers (llr.down_o)
  input  sb_pkg::fc_drop_t      drop_i,    // the receiver's verdict on arr (rx.drop_o)
  input  sb_pkg::xbar_credit_t  credit_i,  // xbar.in_credit_o[p]
  output sb_pkg::flit_t         out_o,     // to xbar.in_flit_i[p]
  output sb_pkg::fc_sel_t       deq_o,     // to rx.deq_i
  output sb_pkg::ingress_stat_t stat_o
);

  // ---------------------------------------------------------------------------
  // Parameters
  // ---------------------------------------------------------------------------
  localparam int FlitW = sb_pkg::FlitBits;
  localparam int SelW  = sb_pkg::FcSelBits;
  localparam int NumQ  = NumClasses * NumPorts;           // VOQs, q = c*N + d
  localparam int QW    = (NumQ > 1) ? $clog2(NumQ) : 1;
  localparam int PortW = $clog2(NumPorts);
  localparam int IdxW  = (MaxIngress > 1) ? $clog2(MaxIngress) : 1;  // slot number
  localparam int OccW  = $clog2(MaxIngress + 1);         // 0..MaxIngress
  localparam int CrW   = 9;                              // credits, <= depth <= 255 (+1: no wrap on a protocol error)
  localparam int CntW  = 32;                             // statistics counters

  if (NumPorts < 2 || NumPorts > 256) begin : gen_err_num_ports
    $fatal(1, "sb_ingress: NumPorts=%0d outside 2..256", NumPorts);
  end
  if (NumClasses < 1 || NumClasses > 8) begin : gen_err_num_classes
    $fatal(1, "sb_ingress: NumClasses=%0d outside 1..8", NumClasses);
  end
  if (MaxIngress < 2 || MaxIngress > 65535) begin : gen_err_max_ingress
    $fatal(1, "sb_ingress: MaxIngress=%0d outside 2..65535 (16-bit occupancy)", MaxIngress);
  end
  if (NumPorts < 2 || NumPorts > 256 || NumClasses < 1 || NumClasses > 8 ||
      MaxIngress < 2 || MaxIngress > 65535) begin : gen_err_params
    sb_ingress_illegal_parameters u_illegal_parameters ();
  end

  // ---------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------
  // VOQs (linked lists), queue q = c*NumPorts + d.
  logic [NumQ*IdxW-1:0]       head_q, head_d;
  logic [NumQ*IdxW-1:0]       tail_q, tail_d;
  logic [NumQ-1:0]            ne_q, ne_d;        // queue non-empty
  // Crossbar credits: VOQ crossbar cr[d][c] at index d*C + c, FIFO cr[c] at c.
  logic [NumQ*CrW-1:0]        cr_q, cr_d;
  logic                       lock_vld_q, lock_vld_d;
  logic [QW-1:0]              lock_q_q, lock_q_d;
  logic [NumClasses*PortW-1:0] rr_q, rr_d;
  logic [NumClasses*OccW-1:0] occ_q, occ_d;
  // Free slots per class: fresh = slots ever used since reset (0..MaxIngress),
  // a ring of recycled slot numbers (read/write pointers, count).
  logic [NumClasses*OccW-1:0] fresh_q, fresh_d;
  logic [NumClasses*IdxW-1:0] frd_q, frd_d;
  logic [NumClasses*IdxW-1:0] fwr_q, fwr_d;
  logic [NumClasses*OccW-1:0] fcnt_q, fcnt_d;
  // Arrival register and outputs.
  logic [FlitW-1:0]           arr_q;
  logic [FlitW-1:0]           out_q, out_d;
  logic [SelW-1:0]            deq_q, deq_d;
  logic [CntW-1:0]            flits_in_q, flits_in_d;
  logic [CntW-1:0]            flits_out_q, flits_out_d;
  logic [CntW-1:0]            ovf_q, ovf_d;
  logic [CntW-1:0]            misr_q, misr_d;

  // ---------------------------------------------------------------------------
  // Memory ports (per class, flat: class c at [c*W +: W])
  // ---------------------------------------------------------------------------
  logic [IdxW-1:0]             rd_slot;        // head slot of the queue taken
  logic [NumClasses*FlitW-1:0] rd_flit;        // flit array[rd_slot]
  logic [NumClasses*IdxW-1:0]  rd_next;        // next array[rd_slot]
  logic [NumClasses*IdxW-1:0]  rd_free;        // free ring[frd]
  logic [NumClasses-1:0]       mem_we;         // flit array write (arrival)
  logic [NumClasses-1:0]       nxt_we;         // next array write (link behind the old tail)
  logic [NumClasses-1:0]       free_we;        // free ring write (slot freed by the take)
  logic [IdxW-1:0]             wr_slot;        // slot of the arrival
  logic [IdxW-1:0]             nxt_addr;       // the old tail
  logic [IdxW-1:0]             free_slot;      // slot freed

  for (genvar gc = 0; gc < NumClasses; gc++) begin : gen_cls
    logic [FlitW-1:0] mem_q  [MaxIngress];
    logic [IdxW-1:0]  nxt_q  [MaxIngress];
    logic [IdxW-1:0]  free_q [MaxIngress];

    always_ff @(posedge clk_i) begin : p_mem_wr
      if (mem_we[gc])  mem_q[wr_slot]  <= arr_q;
      if (nxt_we[gc])  nxt_q[nxt_addr] <= wr_slot;
      if (free_we[gc]) free_q[fwr_q[gc*IdxW +: IdxW]] <= free_slot;
    end

    assign rd_flit[gc*FlitW +: FlitW] = mem_q[rd_slot];
    assign rd_next[gc*IdxW +: IdxW]   = nxt_q[rd_slot];
    assign rd_free[gc*IdxW +: IdxW]   = free_q[frd_q[gc*IdxW +: IdxW]];
  end

  // ---------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------
  // Pick and take (steps 1, 2).
  logic              take_vld;
  logic [QW-1:0]     take_q;
  logic [2:0]        take_c;
  logic              take_single;  // the queue taken holds one flit
  logic [NumQ-1:0]   has_cr;       // the head of queue q has a credit
  // Arrival (step 4).
  logic              arr_store;    // arr is appended to a queue
  logic              arr_misr;
  logic              arr_ovf;
  logic [QW-1:0]     arr_q_idx;
  logic [OccW-1:0]   arr_occ1;     // occupancy of arr's class after the take
  logic [OccW:0]     cap_eff;      // min(ingress_cap, MaxIngress)

  sb_pkg::flit_t        take_tmp;
  sb_pkg::flit_t        arr_tmp;
  sb_pkg::fc_sel_t      deq_tmp;

  assign cap_eff = (32'(sw_cfg_i.ingress_cap) > MaxIngress) ? (OccW+1)'(MaxIngress) :
                                                              (OccW+1)'(sw_cfg_i.ingress_cap);
  assign arr_tmp = arr_q;

  // Credit of each queue's head: VOQ crossbar cr[d][c], FIFO crossbar cr[c].
  always_comb begin : p_has_cr
    int k;
    for (int c = 0; c < NumClasses; c++) begin
      for (int d = 0; d < NumPorts; d++) begin
        k = xbar_cfg_i.fifo ? c : d * NumClasses + c;
        has_cr[c*NumPorts + d] = (cr_q[k*CrW +: CrW] != '0);
      end
    end
  end

  // 1. Pick, from the queues and credits before the edge.
  always_comb begin : p_pick
    logic             found_lo, found_hi;
    logic [PortW-1:0] d_lo, d_hi, d_sel, rr_c;

    take_vld = 1'b0;
    take_q   = '0;
    take_c   = '0;
    rr_d     = rr_q;
    found_lo = 1'b0;
    found_hi = 1'b0;
    d_lo     = '0;
    d_hi     = '0;
    d_sel    = '0;
    rr_c     = '0;
    if (lock_vld_q) begin
      // A packet in progress: only its queue, and only with a credit.
      if (ne_q[lock_q_q] && has_cr[lock_q_q]) begin
        take_vld = 1'b1;
        take_q   = lock_q_q;
        take_c   = 3'(32'(lock_q_q) / NumPorts);
      end
    end else begin
      // Highest class first; within it round robin over the destinations.
      for (int c = NumClasses - 1; c >= 0; c--) begin
        if (!take_vld && occ_q[c*OccW +: OccW] != '0) begin
          rr_c     = rr_q[c*PortW +: PortW];
          found_lo = 1'b0;
          found_hi = 1'b0;
          d_lo     = '0;
          d_hi     = '0;
          for (int d = 0; d < NumPorts; d++) begin
            if (ne_q[c*NumPorts + d] && has_cr[c*NumPorts + d]) begin
              if (!found_lo) begin
                found_lo = 1'b1;
                d_lo     = PortW'(d);
              end
              if (!found_hi && PortW'(d) >= rr_c) begin
                found_hi = 1'b1;
                d_hi     = PortW'(d);
              end
            end
          end
          if (found_lo) begin
            d_sel    = found_hi ? d_hi : d_lo;
            take_vld = 1'b1;
            take_q   = QW'(c*NumPorts) + QW'(d_sel);
            take_c   = 3'(c);
            rr_d[c*PortW +: PortW] = (32'(d_sel) == NumPorts - 1) ? '0 : d_sel + 1'b1;
          end
        end
      end
    end
  end

  assign rd_slot     = head_q[32'(take_q)*IdxW +: IdxW];
  assign take_single = (head_q[32'(take_q)*IdxW +: IdxW] == tail_q[32'(take_q)*IdxW +: IdxW]);

  // 2. Take, 3. credit return, 4. arrival, 5. outputs and statistics.
  always_comb begin : p_next
    int              k;
    logic [IdxW-1:0] slot;
    logic [NumClasses*OccW-1:0] occ1;  // occupancies after the take (and, at the end, the arrival)

    // The taken class's head, by constant selects (a variable part-select
    // of rd_flit made Verilator read past its temporary: UBSan, sanitize preset).
    take_tmp    = rd_flit[0 +: FlitW];
    for (int c = 1; c < NumClasses; c++) begin
      if (32'(take_c) == c) take_tmp = rd_flit[c*FlitW +: FlitW];
    end
    deq_tmp     = '0;
    k           = 0;
    slot        = '0;
    head_d      = head_q;
    tail_d      = tail_q;
    ne_d        = ne_q;
    cr_d        = cr_q;
    lock_vld_d  = lock_vld_q;
    lock_q_d    = lock_q_q;
    occ_d       = occ_q;
    fresh_d     = fresh_q;
    frd_d       = frd_q;
    fwr_d       = fwr_q;
    fcnt_d      = fcnt_q;
    out_d       = '0;
    flits_in_d  = flits_in_q;
    flits_out_d = flits_out_q;
    ovf_d       = ovf_q;
    misr_d      = misr_q;
    mem_we      = '0;
    nxt_we      = '0;
    free_we     = '0;
    wr_slot     = '0;
    nxt_addr    = '0;
    free_slot   = rd_slot;
    arr_store   = 1'b0;
    arr_misr    = 1'b0;
    arr_ovf     = 1'b0;
    arr_q_idx   = '0;
    arr_occ1    = '0;
    occ1        = occ_q;

    // 2. Take: the head leaves its queue and its credit is used.
    if (take_vld) begin
      out_d         = take_tmp;
      deq_tmp.valid = 1'b1;
      deq_tmp.cls   = take_c;
      lock_vld_d    = !take_tmp.eop;
      lock_q_d      = take_q;
      head_d[32'(take_q)*IdxW +: IdxW] = rd_next[32'(take_c)*IdxW +: IdxW];
      if (take_single) ne_d[take_q] = 1'b0;
      k = xbar_cfg_i.fifo ? 32'(take_c) : (32'(take_q) % NumPorts) * NumClasses + 32'(take_c);
      cr_d[k*CrW +: CrW] = cr_d[k*CrW +: CrW] - 1'b1;
      occ1[32'(take_c)*OccW +: OccW] = occ1[32'(take_c)*OccW +: OccW] - 1'b1;
      flits_out_d   = flits_out_q + 32'd1;
    end

    // 3. Credit return (counts from the next edge). Out of range: ignored
    // (and flagged by CreditRange_A).
    if (credit_i.valid && 32'(credit_i.cls) < NumClasses &&
        (xbar_cfg_i.fifo || 32'(credit_i.dst) < NumPorts)) begin
      k = xbar_cfg_i.fifo ? 32'(credit_i.cls) : 32'(credit_i.dst) * NumClasses + 32'(credit_i.cls);
      cr_d[k*CrW +: CrW] = cr_d[k*CrW +: CrW] + 1'b1;
    end

    // 4. Arrival: the receiver's verdict first, then range, then capacity.
    if (arr_tmp.valid && !drop_i.valid) begin
      if (32'(arr_tmp.dst) >= NumPorts || 32'(arr_tmp.cls) >= NumClasses) begin
        arr_misr = 1'b1;
        misr_d   = misr_q + 32'd1;
      end else begin
        arr_occ1 = occ1[32'(arr_tmp.cls)*OccW +: OccW];
        if ({1'b0, arr_occ1} >= cap_eff) begin
          arr_ovf = 1'b1;
          ovf_d   = ovf_q + 32'd1;
        end else begin
          arr_store  = 1'b1;
          arr_q_idx  = QW'(32'(arr_tmp.cls) * NumPorts + 32'(arr_tmp.dst));
          flits_in_d = flits_in_q + 32'd1;
          occ1[32'(arr_tmp.cls)*OccW +: OccW] = occ1[32'(arr_tmp.cls)*OccW +: OccW] + 1'b1;
        end
      end
    end

    // Slot allocation: the slot the take frees in the same class, else a
    // recycled slot, else a never-used one.
    if (arr_store) begin
      k = 32'(arr_tmp.cls);
      if (take_vld && take_c == arr_tmp.cls) begin
        slot = rd_slot;
      end else if (fcnt_q[k*OccW +: OccW] != '0) begin
        slot = rd_free[k*IdxW +: IdxW];
        frd_d[k*IdxW +: IdxW]  = (32'(frd_q[k*IdxW +: IdxW]) == MaxIngress - 1) ? '0 :
                                 frd_q[k*IdxW +: IdxW] + 1'b1;
        fcnt_d[k*OccW +: OccW] = fcnt_q[k*OccW +: OccW] - 1'b1;
      end else begin
        slot = IdxW'(fresh_q[k*OccW +: OccW]);
        fresh_d[k*OccW +: OccW] = fresh_q[k*OccW +: OccW] + 1'b1;
      end
      mem_we[k] = 1'b1;
      wr_slot   = slot;
      if (ne_d[arr_q_idx]) begin
        // Link behind the tail (which the take did not touch: the queue
        // still holds a flit after it).
        nxt_we[k] = 1'b1;
        nxt_addr  = tail_q[32'(arr_q_idx)*IdxW +: IdxW];
      end else begin
        head_d[32'(arr_q_idx)*IdxW +: IdxW] = slot;
        ne_d[arr_q_idx] = 1'b1;
      end
      tail_d[32'(arr_q_idx)*IdxW +: IdxW] = slot;
    end
    // A slot freed and not reused goes to the recycled ring of its class.
    if (take_vld && !(arr_store && take_c == arr_tmp.cls)) begin
      k = 32'(take_c);
      free_we[k] = 1'b1;
      fwr_d[k*IdxW +: IdxW]  = (32'(fwr_q[k*IdxW +: IdxW]) == MaxIngress - 1) ? '0 :
                               fwr_q[k*IdxW +: IdxW] + 1'b1;
      fcnt_d[k*OccW +: OccW] = fcnt_q[k*OccW +: OccW] + 1'b1;
    end

    occ_d = occ1;
    deq_d = deq_tmp;
  end

  // ---------------------------------------------------------------------------
  // Registers (synchronous active-low reset)
  // ---------------------------------------------------------------------------
  logic [NumQ*CrW-1:0] cr_init;  // every counter at xbar_cfg_i.depth
  always_comb begin : p_cr_init
    for (int k = 0; k < NumQ; k++) cr_init[k*CrW +: CrW] = CrW'(xbar_cfg_i.depth);
  end

  always_ff @(posedge clk_i) begin : p_regs
    if (!rst_ni) begin
      head_q      <= '0;
      tail_q      <= '0;
      ne_q        <= '0;
      cr_q        <= cr_init;
      lock_vld_q  <= 1'b0;
      lock_q_q    <= '0;
      rr_q        <= '0;
      occ_q       <= '0;
      fresh_q     <= '0;
      frd_q       <= '0;
      fwr_q       <= '0;
      fcnt_q      <= '0;
      arr_q       <= '0;
      out_q       <= '0;
      deq_q       <= '0;
      flits_in_q  <= '0;
      flits_out_q <= '0;
      ovf_q       <= '0;
      misr_q      <= '0;
    end else begin
      head_q      <= head_d;
      tail_q      <= tail_d;
      ne_q        <= ne_d;
      cr_q        <= cr_d;
      lock_vld_q  <= lock_vld_d;
      lock_q_q    <= lock_q_d;
      rr_q        <= rr_d;
      occ_q       <= occ_d;
      fresh_q     <= fresh_d;
      frd_q       <= frd_d;
      fwr_q       <= fwr_d;
      fcnt_q      <= fcnt_d;
      arr_q       <= in_i;
      out_q       <= out_d;
      deq_q       <= deq_d;
      flits_in_q  <= flits_in_d;
      flits_out_q <= flits_out_d;
      ovf_q       <= ovf_d;
      misr_q      <= misr_d;
    end
  end

  // ---------------------------------------------------------------------------
  // Outputs (all registers)
  // ---------------------------------------------------------------------------
  logic [8*16-1:0]       occ_flat;  // stat occ[c] at [c*16 +: 16]
  sb_pkg::ingress_stat_t stat_tmp;

  always_comb begin : p_stat
    occ_flat = '0;
    for (int c = 0; c < NumClasses; c++) occ_flat[c*16 +: 16] = 16'(occ_q[c*OccW +: OccW]);
    stat_tmp           = '0;
    stat_tmp.occ       = occ_flat;
    stat_tmp.flits_in  = flits_in_q;
    stat_tmp.flits_out = flits_out_q;
    stat_tmp.overflows = ovf_q;
    stat_tmp.misrouted = misr_q;
  end

  assign out_o  = out_q;
  assign deq_o  = deq_q;
  assign stat_o = stat_tmp;

  // Only some fields of the inputs and temporaries are read.
  logic unused_in;
  assign unused_in = ^{drop_i.cls, drop_i.lossless, xbar_cfg_i.rr, xbar_cfg_i.iters,
                       xbar_cfg_i.pipe, sw_cfg_i.fc_mode, sw_cfg_i.sched, sw_cfg_i.pipe,
                       sw_cfg_i.egress_cap, sw_cfg_i.weight, take_tmp, arr_tmp, arr_misr,
                       arr_ovf};

  // ---------------------------------------------------------------------------
  // Assertions (simulation only; yosys reads this file with SYNTHESIS defined)
  // ---------------------------------------------------------------------------
`ifndef SYNTHESIS
  // Every property names its clock: Verilator 5.006 rejects a default
  // clocking block in a module instantiated more than once.

  // Per-queue flit counts kept beside the linked lists (simulation only):
  // they must agree with the non-empty flags and the class occupancies.
  logic [NumQ*OccW-1:0]  sva_qcnt_q, sva_qcnt_d;
  logic [31:0]           sva_occ_total;
  logic [NumQ-1:0]       sva_ne_ok;       // ne[q] == (count[q] != 0)
  logic [NumClasses-1:0] sva_cls_ok;      // sum of counts of class c == occ[c]
  logic [NumClasses-1:0] sva_occ_le_cap;  // occ[c] <= ingress_cap
  logic [NumClasses-1:0] sva_free_ok;     // recycled + held == ever used
  logic [NumQ-1:0]       sva_cr_ok;       // credits <= depth
  logic                  sva_lock_ok;     // a lock names a queue of the class range

  always_comb begin : p_sva_helpers
    logic [31:0] sum;
    sva_qcnt_d = sva_qcnt_q;
    if (take_vld) sva_qcnt_d[32'(take_q)*OccW +: OccW] = sva_qcnt_d[32'(take_q)*OccW +: OccW] - 1'b1;
    if (arr_store) sva_qcnt_d[32'(arr_q_idx)*OccW +: OccW] = sva_qcnt_d[32'(arr_q_idx)*OccW +: OccW] + 1'b1;
    sva_occ_total = '0;
    for (int c = 0; c < NumClasses; c++) begin
      sum = '0;
      for (int d = 0; d < NumPorts; d++) begin
        sum = sum + 32'(sva_qcnt_q[(c*NumPorts + d)*OccW +: OccW]);
        sva_ne_ok[c*NumPorts + d] = ne_q[c*NumPorts + d] == (sva_qcnt_q[(c*NumPorts + d)*OccW +: OccW] != '0);
      end
      sva_cls_ok[c]     = (sum == 32'(occ_q[c*OccW +: OccW]));
      sva_occ_le_cap[c] = (32'(occ_q[c*OccW +: OccW]) <= 32'(sw_cfg_i.ingress_cap));
      sva_free_ok[c]    = (32'(fcnt_q[c*OccW +: OccW]) + 32'(occ_q[c*OccW +: OccW]) ==
                           32'(fresh_q[c*OccW +: OccW]));
      sva_occ_total     = sva_occ_total + 32'(occ_q[c*OccW +: OccW]);
    end
    for (int k = 0; k < NumQ; k++) begin
      sva_cr_ok[k] = (xbar_cfg_i.fifo && k >= NumClasses) ||
                     (32'(cr_q[k*CrW +: CrW]) <= 32'(xbar_cfg_i.depth));
    end
    sva_lock_ok = !lock_vld_q || (32'(lock_q_q) < NumQ);
  end

  always_ff @(posedge clk_i) begin : p_sva_regs
    if (!rst_ni) sva_qcnt_q <= '0;
    else         sva_qcnt_q <= sva_qcnt_d;
  end

  // Configuration: legal and quasi-static while out of reset.
  CfgRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sw_cfg_i.ingress_cap >= 16'd1 && 32'(sw_cfg_i.ingress_cap) <= MaxIngress &&
      xbar_cfg_i.depth >= 8'd1)
    else $error("sb_ingress: cfg out of range (ingress_cap=%0d MaxIngress=%0d xbar depth=%0d)",
                sw_cfg_i.ingress_cap, MaxIngress, xbar_cfg_i.depth);
  CfgStable_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      $past(rst_ni) |-> $stable(sw_cfg_i) && $stable(xbar_cfg_i))
    else $error("sb_ingress: cfg changed while out of reset");

  // Capacity: no class above ingress_cap, and no arrival ever finds it full.
  OccLeCap_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_occ_le_cap)
    else $error("sb_ingress: a class holds more than ingress_cap=%0d flits (occ %h)",
                sw_cfg_i.ingress_cap, occ_q);
  NoOverflow_A: assert property (@(posedge clk_i) disable iff (!rst_ni) !arr_ovf)
    else $error("sb_ingress: class %0d storage full (%0d flits, ingress_cap %0d): flit discarded",
                arr_tmp.cls, arr_occ1, sw_cfg_i.ingress_cap);

  // Bookkeeping: VOQ counts, occupancies, free slots, conservation.
  QueueFlags_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_ne_ok)
    else $error("sb_ingress: a VOQ's non-empty flag disagrees with its flit count (ok mask %b)", sva_ne_ok);
  ClassOcc_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_cls_ok)
    else $error("sb_ingress: VOQ counts do not add up to the class occupancy (ok mask %b)", sva_cls_ok);
  FreeSlots_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_free_ok)
    else $error("sb_ingress: free-slot accounting broken (ok mask %b)", sva_free_ok);
  Conservation_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      sva_occ_total == flits_in_q - flits_out_q)
    else $error("sb_ingress: held %0d flits != stored %0d - sent %0d",
                sva_occ_total, flits_in_q, flits_out_q);

  // Crossbar credits: never above the queue depth; returns are in range.
  CreditLeDepth_A: assert property (@(posedge clk_i) disable iff (!rst_ni) &sva_cr_ok)
    else $error("sb_ingress: crossbar credit above depth %0d (ok mask %b)", xbar_cfg_i.depth, sva_cr_ok);
  CreditRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      credit_i.valid |-> 32'(credit_i.cls) < NumClasses && (xbar_cfg_i.fifo || 32'(credit_i.dst) < NumPorts))
    else $error("sb_ingress: credit for dst %0d cls %0d out of range", credit_i.dst, credit_i.cls);

  // Locks: in range; while a packet is in progress only its queue is served.
  LockRange_A: assert property (@(posedge clk_i) disable iff (!rst_ni) sva_lock_ok)
    else $error("sb_ingress: lock names queue %0d of %0d", lock_q_q, NumQ);
  LockHeld_A: assert property (@(posedge clk_i) disable iff (!rst_ni)
      lock_vld_q && take_vld |-> take_q == lock_q_q)
    else $error("sb_ingress: queue %0d served inside a packet of queue %0d", take_q, lock_q_q);

  // The receiver drops only a flit that arrived.
  DropArrival_A: assert property (@(posedge clk_i) disable iff (!rst_ni) drop_i.valid |-> arr_tmp.valid)
    else $error("sb_ingress: drop_i without an arrival");
`endif

endmodule
