// Cover points of one LLR end, bound into sb_llr only in RTL-coverage builds
// (-DSKYBENCH_RTL_COVERAGE=ON, verif/CMakeLists.txt): Verilator --coverage
// counts `cover property` hits as its user (assertion/cover) points. An
// event counter of stat_o that moved at an edge is "the event happened".
module sb_llr_cover (
  input logic              clk_i,
  input logic              rst_ni,
  input sb_pkg::flit_t     up_i,
  input logic              up_ready_o,
  input sb_pkg::llr_wire_t link_o,
  input sb_pkg::llr_wire_t link_i,
  input sb_pkg::flit_t     down_o,
  input sb_pkg::llr_stat_t stat_o
);
  sb_pkg::llr_stat_t prev_q;
  always_ff @(posedge clk_i) prev_q <= stat_o;

  // The transmitter: new flits, a full replay buffer, replays.
  UpAccepted_C:     cover property (@(posedge clk_i) disable iff (!rst_ni) up_i.valid && up_ready_o);
  ReplayFull_C:     cover property (@(posedge clk_i) disable iff (!rst_ni) up_i.valid && !up_ready_o);
  ReplayStarted_C:  cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.replays != prev_q.replays);
  TimerReplay_C:    cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.timer_replays != prev_q.timer_replays);
  Replaying_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.replayed_flits != prev_q.replayed_flits);
  Retrain_C:        cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.tx_state);
  LinkError_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.link_errors != prev_q.link_errors);
  // The receiver: control flits both ways, the error kinds, delivery.
  AckSent_C:        cover property (@(posedge clk_i) disable iff (!rst_ni) link_o.valid && link_o.ctrl && link_o.kind == sb_pkg::LLR_CTRL_ACK);
  NackSent_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) link_o.valid && link_o.ctrl && link_o.kind == sb_pkg::LLR_CTRL_NACK);
  AckReceived_C:    cover property (@(posedge clk_i) disable iff (!rst_ni) link_i.valid && link_i.ctrl && link_i.kind == sb_pkg::LLR_CTRL_ACK);
  NackReceived_C:   cover property (@(posedge clk_i) disable iff (!rst_ni) link_i.valid && link_i.ctrl && link_i.kind == sb_pkg::LLR_CTRL_NACK);
  NackSentState_C:  cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.rx_state);
  CrcError_C:       cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.crc_errors != prev_q.crc_errors);
  CtrlError_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.ctrl_errors != prev_q.ctrl_errors);
  SeqGap_C:         cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.seq_gaps != prev_q.seq_gaps);
  DupFlit_C:        cover property (@(posedge clk_i) disable iff (!rst_ni) stat_o.dup_flits != prev_q.dup_flits);
  Delivered_C:      cover property (@(posedge clk_i) disable iff (!rst_ni) down_o.valid);
endmodule

bind sb_llr sb_llr_cover u_cover (
  .clk_i     (clk_i),
  .rst_ni    (rst_ni),
  .up_i      (up_i),
  .up_ready_o(up_ready_o),
  .link_o    (link_o),
  .link_i    (link_i),
  .down_o    (down_o),
  .stat_o    (stat_o)
);
