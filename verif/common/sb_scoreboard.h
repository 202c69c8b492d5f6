// End-to-end scoreboard for a switch: every packet injected is delivered
// exactly once, intact, in order per (source, destination, class). Keeps O(1)
// state per flow: the next expected packet number (tags carry it modulo 4096)
// and the payload signature of every flit is recomputed, so it needs no
// per-packet copies and runs at full simulation speed.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "sb_types.h"

namespace sb {

class scoreboard {
 public:
  // max_in_flight: an upper bound on the packets of one flow between head
  // injection and tail delivery (sizes the timestamp ring of each flow).
  scoreboard(int ports, int classes, int max_in_flight = 64);

  // A head flit entered the switch at `cycle` (for the switch-traversal latency).
  void on_inject_head(int src, int dst, int cls, uint64_t no, uint64_t gen_cycle, uint64_t cycle);
  void on_inject_packet() { ++injected_; }

  struct delivery {
    bool complete = false;  // a tail arrived and the packet was accounted
    bool in_order = false;  // delivered intact, in order: latencies below are valid
    uint64_t gen_cycle = 0, inject_cycle = 0;
  };
  // A flit left output `port` at `cycle`.
  delivery on_output(int port, const flit_t& f, uint64_t cycle);

  uint64_t injected() const { return injected_; }
  uint64_t delivered() const { return delivered_; }
  uint64_t in_flight() const {
    const uint64_t done = delivered_ + corrupted_;
    return injected_ > done ? injected_ - done : 0;
  }
  bool pass() const;
  nlohmann::json to_json() const;  // {pass, injected, delivered, lost, duplicated, reordered, corrupted}
  const std::string& first_error() const { return first_error_; }

 private:
  struct stamp {  // timestamps of an injected packet, in a per-flow ring keyed by packet number
    uint64_t no = ~uint64_t(0);
    uint64_t gen = 0, inj = 0;
  };
  struct out_state {
    bool active = false, ok = true;
    int flow = 0, idx = 0, len = 0, src = 0, cls = 0;
    uint64_t no = 0;
    int kind = 0;  // 0 in order, 1 reordered, 2 duplicate
  };
  int flow(int src, int dst, int cls) const { return (src * ports_ + dst) * classes_ + cls; }
  void error(const std::string& e, uint64_t cycle);
  void on_head(out_state& o, int port, const flit_t& f, uint64_t cycle);

  int ports_, classes_;
  std::vector<uint64_t> expect_;
  std::vector<stamp> stamps_;  // flows x ring_
  uint64_t ring_mask_ = 0;
  int ring_shift_ = 0;  // log2 of the ring size
  uint64_t stamp_overwrites_ = 0;
  std::vector<out_state> out_;
  std::unordered_set<uint64_t> missing_;  // (flow, packet no) skipped by a reordering
  uint64_t injected_ = 0, delivered_ = 0, duplicated_ = 0, reordered_ = 0, corrupted_ = 0;
  std::string first_error_;
};

}  // namespace sb
