// The switch chip's own blocks (docs/switch.md "Cycle-level behaviour"): the
// ingress buffer (VOQs per class and destination, crossbar credits, input
// arbitration) and the egress (fixed pipeline, class queues, skid, SP/WRR
// offers to the flow-control sender). Plain C++, one step() per rising edge;
// rtl/switch/sb_ingress.sv and sb_egress.sv implement the same behaviour.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

class ingress_core {
 public:
  // ports N, classes C, VOQ (or FIFO) crossbar credits of `depth` each.
  ingress_core(int ports, int classes, const xbar_cfg_t& xcfg, const switch_cfg_t& scfg);
  // inputs
  flit_t in_i{};
  fc_drop_t drop_i{};
  xbar_credit_t credit_i{};
  // registered outputs
  const flit_t& out_o() const { return out_o_; }
  const fc_sel_t& deq_o() const { return deq_o_; }
  const ingress_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  uint32_t occupancy() const;  // flits held (all classes) + the arrival register
  const std::vector<std::string>& violations() const { return violations_; }

 private:
  int cidx(int d, int c) const { return fifo_ ? c : d * c_ + c; }
  // The round-robin pick's bit masks (one bit per destination, w_ words per
  // class): the VOQ holds a flit (ne_), its crossbar credit is positive (ok_).
  void set_bit(std::vector<uint64_t>& m, int c, int d, bool v) {
    uint64_t& w = m[size_t(c * w_ + (d >> 6))];
    w = v ? w | (1ull << (d & 63)) : w & ~(1ull << (d & 63));
  }
  int first_ready(int c, int start) const;  // the first destination >= start (cyclic) eligible, or -1
  void credit_changed(int d, int c);
  int n_, c_, w_ = 1;
  std::vector<uint64_t> ne_, ok_;
  // The VOQs: linked lists in one pool of slots per port (a std::deque per
  // (class, destination) cost ~650 B each even when empty: 11 GB for a
  // 1024-endpoint, 8-plane pod).
  struct voq_pool {
    std::vector<flit_t> slot;
    std::vector<int32_t> next, head, tail;
    int32_t free = -1;
    void init(size_t queues) {
      slot.clear();
      next.clear();
      head.assign(queues, -1);
      tail.assign(queues, -1);
      free = -1;
    }
    bool empty(int q) const { return head[size_t(q)] < 0; }
    const flit_t& front(int q) const { return slot[size_t(head[size_t(q)])]; }
    void pop(int q) {
      const int32_t x = head[size_t(q)];
      head[size_t(q)] = next[size_t(x)];
      if (head[size_t(q)] < 0) tail[size_t(q)] = -1;
      next[size_t(x)] = free;
      free = x;
    }
    void push(int q, const flit_t& f) {
      int32_t x = free;
      if (x >= 0) {
        free = next[size_t(x)];
        slot[size_t(x)] = f;
      } else {
        x = int32_t(slot.size());
        slot.push_back(f);
        next.push_back(-1);
      }
      next[size_t(x)] = -1;
      if (tail[size_t(q)] >= 0) next[size_t(tail[size_t(q)])] = x;
      else head[size_t(q)] = x;
      tail[size_t(q)] = x;
    }
  };
  bool fifo_;
  uint32_t depth_, cap_;
  voq_pool q_;                         // queue c * N + d
  std::vector<int> cr_;                // crossbar credits
  std::vector<int> rr_;                // per class
  int lock_ = -1;
  flit_t arr_{}, out_o_{};
  fc_sel_t deq_o_{};
  ingress_stat_t stat_{};
  std::vector<std::string> violations_;
};

class egress_core {
 public:
  egress_core(int classes, const xbar_cfg_t& xcfg, const switch_cfg_t& scfg);
  // inputs
  flit_t in_i{};
  fc_sel_t grant_i{};
  bool up_ready_i = false;
  // combinational offers, from the state after the last step() (docs/switch.md step 6)
  uint8_t offer_o() const { return offer_; }
  uint8_t sop_o() const { return sop_; }
  uint8_t eop_o() const { return eop_; }
  // registered outputs
  const flit_t& up_o() const { return skid_[0]; }
  bool ready_o() const { return ready_o_; }
  const egress_stat_t& stat_o() const { return stat_; }
  void reset();
  void step();
  uint32_t occupancy() const;  // flits in the pipeline, class queues and skid
  const std::vector<std::string>& violations() const { return violations_; }
  // TEST ONLY: from cycle `at`, the first packet of class `cls` leaving the
  // pipeline is discarded whole (a switch that loses a packet).
  void inject_drop(int cls, uint64_t at) {
    drop_cls_ = cls;
    drop_at_ = at;
  }

 private:
  int c_;
  uint32_t xpipe_, p_, cap_;
  bool wrr_;
  std::vector<uint8_t> weight_;
  std::vector<flit_t> pipe_;
  uint32_t wp_ = 0, pcnt_ = 0;
  std::vector<std::deque<flit_t>> eq_;
  std::vector<uint32_t> tails_;  // per class: packet tails (eop flits) held, i.e. whole packets
  flit_t skid_[2]{};
  int nskid_ = 0;
  std::vector<int> quota_;
  std::vector<uint8_t> inpkt_;
  uint8_t offer_ = 0, sop_ = 0, eop_ = 0;
  bool ready_o_ = false;
  egress_stat_t stat_{};
  uint64_t cycle_ = 0;
  int drop_cls_ = -1;
  uint64_t drop_at_ = 0;
  int dropping_ = 0;  // 0 idle, 1 dropping the current packet, 2 done
  std::vector<std::string> violations_;
};

}  // namespace sb
