// Cover points of the LS port's initiator side, bound into sb_ls_port only in
// RTL-coverage builds (-DSKYBENCH_RTL_COVERAGE=ON, verif/CMakeLists.txt),
// where `verilator --coverage` counts `cover property` hits as its user
// (assertion/cover) points. A counter of stat_o that moved at an edge is
// "the event happened".
module sb_ls_port_cover (
  input logic             clk_i,
  input logic             rst_ni,
  input sb_pkg::ls_cfg_t  cfg_i,
  input sb_pkg::ls_req_t  req_i,
  input logic             req_ready_o,
  input sb_pkg::ls_acc_t  acc_o,
  input sb_pkg::flit_t    net_o,
  input logic             net_ready_i,
  input sb_pkg::flit_t    rsp_i,
  input sb_pkg::ls_cpl_t  cpl_o,
  input sb_pkg::ls_stat_t stat_o
);
  sb_pkg::ls_stat_t prev_q;
  always_ff @(posedge clk_i) prev_q <= stat_o;
  Accepted_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) acc_o.valid);
  TagsExhausted_C:  cover property (@(posedge clk_i) disable iff (!rst_ni) req_i.valid && !req_ready_o);
  AllTagsOut_C:     cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.outstanding == cfg_i.max_tags);
  NetStalled_C:     cover property (@(posedge clk_i) disable iff (!rst_ni) net_o.valid && !net_ready_i);
  Response_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) rsp_i.valid && rsp_i.sop);
  CompletedOk_C:    cover property (@(posedge clk_i) disable iff (!rst_ni) cpl_o.valid && cpl_o.status == 2'd0);
  TimedOut_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) cpl_o.valid && cpl_o.status == 2'd1);
  Error_C:          cover property (@(posedge clk_i) disable iff (!rst_ni) cpl_o.valid && cpl_o.status == 2'd2);
  Stray_C:          cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.stray != prev_q.stray);
  Stale_C:          cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.stale != prev_q.stale);
endmodule

bind sb_ls_port sb_ls_port_cover u_cover (.clk_i, .rst_ni, .cfg_i, .req_i, .req_ready_o, .acc_o, .net_o,
                                          .net_ready_i, .rsp_i, .cpl_o, .stat_o);
