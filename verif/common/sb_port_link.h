// What joins a switch port to the block at the far end of its link (an
// endpoint, or a bench's link partner): the link in each direction (SerDes,
// FEC, cable, faults) and the ordered-set side channels of flow control —
// pause frames, credit updates and the CBFC credits-consumed sync — with the
// link's one-way delay (not replayed by LLR). `up` runs far end -> switch,
// `dn` switch -> far end. Push after every edge; read the far inputs for the
// next one.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sb_blocks.h"
#include "sb_link.h"
#include "sb_lockstep.h"
#include "sb_switch_pins.h"

namespace sb {

// The far end's flow-control pins.
struct far_fc_out {
  pause_t pause_o{};    // its receiver's pauses (PFC)
  credit_t credit_o{};  // its receiver's credits (CBFC)
  cc_update_t cc_o{};   // its sender's credits-consumed sync (CBFC)
};

class port_link {
 public:
  port_link(const link_params& l, uint64_t seed, int port) : port_link(l, l, seed, port) {}
  // Directions with parameters of their own (a PHY profile on one direction only).
  port_link(const link_params& l_up, const link_params& l_dn, uint64_t seed, int port)
      : up(l_up, seed, uint64_t(2 * port)),
        dn(l_dn, seed, uint64_t(2 * port + 1)),
        up_pause_(l_up.delay_cycles()),
        dn_pause_(l_dn.delay_cycles()),
        up_credit_(l_up.delay_cycles()),
        dn_credit_(l_dn.delay_cycles()),
        up_cc_(l_up.delay_cycles()),
        dn_cc_(l_dn.delay_cycles()) {}

  link_direction up, dn;

  // After edge k: what both ends registered enters the lines.
  void push(uint64_t k, const llr_end_ports& far_llr, const far_fc_out& far, const switch_port_pins& sw) {
    up.push(k, far_llr.link_o, far_llr.link_data_o);
    dn.push(k, sw.link_o, sw.link_data_o);
    sw_pause_i = up_pause_.push(far.pause_o);
    sw_credit_i = up_credit_.push(far.credit_o);
    sw_cc_i = up_cc_.push(far.cc_o);
    far_pause_i = dn_pause_.push(sw.pause_o);
    far_credit_i = dn_credit_.push(sw.credit_o);
    far_cc_i = dn_cc_.push(sw.cc_o);
  }
  // The switch port's inputs for the next edge.
  void drive_switch(switch_port_pins& pn) const {
    pn.link_i = up.out_hdr();
    pn.link_data_i = up.out_data();
    pn.pause_i = sw_pause_i;
    pn.credit_i = sw_credit_i;
    pn.cc_i = sw_cc_i;
  }
  // The far end's inputs for the next edge.
  void drive_far(llr_end_ports& l, fc_tx_ports& tx, fc_rx_ports& rx) const {
    l.link_i = dn.out_hdr();
    l.link_data_i = dn.out_data();
    tx.pause_i = far_pause_i;
    tx.credit_i = far_credit_i;
    rx.cc_i = far_cc_i;
  }
  uint64_t faults() const {
    uint64_t n = 0;
    for (const auto* d : {&up, &dn}) {
      const link_counters& c = d->counters();
      n += c.corrupted + c.dropped + c.ctrl_corrupted + c.ctrl_dropped + c.down_dropped + c.phy_corrupted;
    }
    return n;
  }

 private:
  delay_line<pause_t> up_pause_, dn_pause_;
  delay_line<credit_t> up_credit_, dn_credit_;
  delay_line<cc_update_t> up_cc_, dn_cc_;
  pause_t sw_pause_i{}, far_pause_i{};
  credit_t sw_credit_i{}, far_credit_i{};
  cc_update_t sw_cc_i{}, far_cc_i{};
};

// The receive side of a link's far end: the arrival register, a FIFO per
// class drained at `rate` flits per cycle (the highest class first; at most
// one flit a cycle; a packet is drained whole before another starts), and the dequeue its flow-control receiver counts one
// edge later. An arrival the receiver dropped (drop_i) is not stored.
class rx_buffer {
 public:
  rx_buffer(int classes, double rate) : q_(size_t(classes)), rate_(rate) {}
  flit_t in_i{};
  fc_drop_t drop_i{};
  const flit_t& out_o() const { return out_; }   // the flit drained at the last edge
  const fc_sel_t& deq_o() const { return deq_; }
  void step() {
    out_ = flit_t{};
    deq_ = fc_sel_t{};
    acc_ += rate_;
    if (acc_ >= 1.0) {
      for (int c = int(q_.size()) - 1; c >= 0; --c) {
        if (lock_ >= 0 && c != lock_) continue;  // a packet is drained whole before another
        auto& q = q_[size_t(c)];
        if (q.empty()) continue;
        out_ = q.front();
        q.pop_front();
        deq_ = fc_sel_t{true, uint8_t(c)};
        lock_ = out_.eop ? -1 : c;
        acc_ -= 1.0;
        break;
      }
      if (acc_ > 1.0) acc_ = 1.0;  // idle: no credit saved beyond one flit
    }
    if (arr_.valid && !drop_i.valid && arr_.cls < q_.size()) q_[arr_.cls].push_back(arr_);
    arr_ = in_i;
  }
  size_t held() const {
    size_t t = arr_.valid ? 1 : 0;
    for (const auto& x : q_) t += x.size();
    return t;
  }

 private:
  std::vector<std::deque<flit_t>> q_;
  double rate_, acc_ = 0;
  int lock_ = -1;
  flit_t arr_{}, out_{};
  fc_sel_t deq_{};
};

}  // namespace sb
