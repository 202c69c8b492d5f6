// Cover points of the four flow-control blocks (PFC receiver and sender,
// CBFC receiver and sender), bound into each only in RTL-coverage builds
// (-DSKYBENCH_RTL_COVERAGE=ON, verif/CMakeLists.txt): Verilator --coverage
// counts `cover property` hits as its user (assertion/cover) points. A
// counter of stat_o that moved at an edge is "the event happened".
module sb_pfc_rx_cover (
  input logic                 clk_i,
  input logic                 rst_ni,
  input sb_pkg::flit_t        in_i,
  input sb_pkg::fc_sel_t      deq_i,
  input sb_pkg::pause_t       pause_o,
  input sb_pkg::fc_drop_t     drop_o,
  input sb_pkg::pfc_rx_stat_t stat_o
);
  logic [7:0] paused_q;
  always_ff @(posedge clk_i) paused_q <= stat_o.paused;
  Arrival_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) in_i.valid);
  Dequeue_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) deq_i.valid);
  Xoff_C:         cover property (@(posedge clk_i) disable iff (!rst_ni) (stat_o.paused & ~paused_q) != '0);
  Xon_C:          cover property (@(posedge clk_i) disable iff (!rst_ni) (paused_q & ~stat_o.paused) != '0);
  PauseFrame_C:   cover property (@(posedge clk_i) disable iff (!rst_ni) pause_o.valid);
  TwoPaused_C:    cover property (@(posedge clk_i) disable iff (!rst_ni) $countones(stat_o.paused) >= 2);
  BestEffortDrop_C: cover property (@(posedge clk_i) disable iff (!rst_ni) drop_o.valid && !drop_o.lossless);
  HeadroomViolation_C: cover property (@(posedge clk_i) disable iff (!rst_ni) drop_o.valid && drop_o.lossless);
endmodule

module sb_pfc_tx_cover (
  input logic                 clk_i,
  input logic                 rst_ni,
  input sb_pkg::pause_t       pause_i,
  input logic [7:0]           offer_i,
  input sb_pkg::fc_sel_t      grant_o,
  input sb_pkg::pfc_tx_stat_t stat_o
);
  PauseReceived_C: cover property (@(posedge clk_i) disable iff (!rst_ni) pause_i.valid);
  Paused_C:        cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.paused != '0);
  Granted_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) grant_o.valid);
  HeldBack_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) offer_i != '0 && !grant_o.valid);
  GrantWhilePaused_C: cover property (@(posedge clk_i) disable iff (!rst_ni) grant_o.valid && stat_o.paused != '0);
endmodule

module sb_cbfc_rx_cover (
  input logic                  clk_i,
  input logic                  rst_ni,
  input sb_pkg::flit_t         in_i,
  input sb_pkg::cc_update_t    cc_i,
  input sb_pkg::credit_t       credit_o,
  input sb_pkg::fc_drop_t      drop_o,
  input sb_pkg::cbfc_rx_stat_t stat_o
);
  logic [31:0] recovered_q;
  always_ff @(posedge clk_i) recovered_q <= stat_o.recovered;
  Arrival_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) in_i.valid);
  CreditUpdate_C:  cover property (@(posedge clk_i) disable iff (!rst_ni) credit_o.valid);
  SyncReceived_C:  cover property (@(posedge clk_i) disable iff (!rst_ni) cc_i.valid);
  Recovered_C:     cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.recovered != recovered_q);
  Overflow_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) drop_o.valid);
endmodule

module sb_cbfc_tx_cover (
  input logic                  clk_i,
  input logic                  rst_ni,
  input sb_pkg::credit_t       credit_i,
  input logic [7:0]            offer_i,
  input sb_pkg::fc_sel_t       grant_o,
  input sb_pkg::cc_update_t    cc_o,
  input sb_pkg::cbfc_tx_stat_t stat_o
);
  logic [31:0] stalls_q;
  always_ff @(posedge clk_i) stalls_q <= stat_o.stalls;
  CreditReceived_C: cover property (@(posedge clk_i) disable iff (!rst_ni) credit_i.valid);
  Granted_C:        cover property (@(posedge clk_i) disable iff (!rst_ni) grant_o.valid);
  Stall_C:          cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.stalls != stalls_q);
  SyncSent_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) cc_o.valid);
  HeldBack_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) offer_i != '0 && !grant_o.valid);
endmodule

bind sb_pfc_rx sb_pfc_rx_cover u_cover (.clk_i, .rst_ni, .in_i, .deq_i, .pause_o, .drop_o, .stat_o);
bind sb_pfc_tx sb_pfc_tx_cover u_cover (.clk_i, .rst_ni, .pause_i, .offer_i, .grant_o, .stat_o);
bind sb_cbfc_rx sb_cbfc_rx_cover u_cover (.clk_i, .rst_ni, .in_i, .cc_i, .credit_o, .drop_o, .stat_o);
bind sb_cbfc_tx sb_cbfc_tx_cover u_cover (.clk_i, .rst_ni, .credit_i, .offer_i, .grant_o, .cc_o, .stat_o);
