// Bench-only wrapper: the two ends of one link (a and b) in one Verilated
// model, so that one FST shows both. The link between them (latency, faults)
// is the C++ model in systemc/link/, driven by the bench: a.link_o reaches
// b.link_i through it and b.link_o reaches a.link_i. Not synthesized.
module sb_llr_pair #(
  parameter int MaxDepth = 1024
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  sb_pkg::llr_cfg_t  cfg_i,
  input  sb_pkg::flit_t     a_up_i,
  output logic              a_up_ready_o,
  output sb_pkg::llr_wire_t a_link_o,
  output sb_pkg::flit_t     a_link_data_o,
  input  sb_pkg::llr_wire_t a_link_i,
  input  sb_pkg::flit_t     a_link_data_i,
  output sb_pkg::flit_t     a_down_o,
  output sb_pkg::llr_stat_t a_stat_o,
  input  sb_pkg::flit_t     b_up_i,
  output logic              b_up_ready_o,
  output sb_pkg::llr_wire_t b_link_o,
  output sb_pkg::flit_t     b_link_data_o,
  input  sb_pkg::llr_wire_t b_link_i,
  input  sb_pkg::flit_t     b_link_data_i,
  output sb_pkg::flit_t     b_down_o,
  output sb_pkg::llr_stat_t b_stat_o
);
  sb_llr #(.MaxDepth(MaxDepth)) a (
    .clk_i, .rst_ni, .cfg_i,
    .up_i(a_up_i), .up_ready_o(a_up_ready_o), .link_o(a_link_o), .link_data_o(a_link_data_o),
    .link_i(a_link_i), .link_data_i(a_link_data_i), .down_o(a_down_o), .stat_o(a_stat_o));
  sb_llr #(.MaxDepth(MaxDepth)) b (
    .clk_i, .rst_ni, .cfg_i,
    .up_i(b_up_i), .up_ready_o(b_up_ready_o), .link_o(b_link_o), .link_data_o(b_link_data_o),
    .link_i(b_link_i), .link_data_i(b_link_data_i), .down_o(b_down_o), .stat_o(b_stat_o));
endmodule
