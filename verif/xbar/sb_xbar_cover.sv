// Cover points of the crossbar, bound into sb_xbar only in RTL-coverage builds
// (-DSKYBENCH_RTL_COVERAGE=ON, verif/CMakeLists.txt): Verilator --coverage
// counts `cover property` hits as its user (assertion/cover) points.
module sb_xbar_cover #(
  parameter int NumPorts = 4
) (
  input logic                                clk_i,
  input logic                                rst_ni,
  input sb_pkg::flit_t        [NumPorts-1:0] in_flit_i,
  input logic                 [NumPorts-1:0] out_ready_i,
  input sb_pkg::xbar_credit_t [NumPorts-1:0] in_credit_o,
  input sb_pkg::flit_t        [NumPorts-1:0] out_flit_o
);
  for (genvar gi = 0; gi < NumPorts; gi++) begin : gen_cover
    InFlit_C: cover property (@(posedge clk_i) disable iff (!rst_ni) in_flit_i[gi].valid);
    OutFlit_C: cover property (@(posedge clk_i) disable iff (!rst_ni) out_flit_o[gi].valid);
    OutBackpressured_C: cover property (@(posedge clk_i) disable iff (!rst_ni) !out_ready_i[gi]);
    CreditReturned_C: cover property (@(posedge clk_i) disable iff (!rst_ni) in_credit_o[gi].valid);
  end
endmodule

bind sb_xbar sb_xbar_cover #(.NumPorts(NumPorts)) u_cover (
  .clk_i      (clk_i),
  .rst_ni     (rst_ni),
  .in_flit_i  (in_flit_i),
  .out_ready_i(out_ready_i),
  .in_credit_o(in_credit_o),
  .out_flit_o (out_flit_o)
);
