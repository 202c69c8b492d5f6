// Built-in load-store traffic generators for an LS port (docs/ls_port.md),
// for users without a GPU or DMA model of their own: read/write/atomic mixes
// with size distributions, destination patterns (uniform, hotspot,
// permutation, incast, all-to-all exchange, ring all-reduce steps), open loop
// (an offered load) or closed loop (a fixed number outstanding).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sb_rng.h"
#include "sb_types.h"

namespace sb {

enum class ls_pattern { uniform, hotspot, permutation, incast, all_to_all, ring };
ls_pattern parse_ls_pattern(const std::string& s);  // throws std::invalid_argument
const char* to_string(ls_pattern p);

struct ls_traffic_params {
  ls_pattern pattern = ls_pattern::uniform;
  double load = 0.5;        // open loop: flits/cycle of each link carrying requests + responses
  bool closed = false;      // closed loop: keep `window` transactions outstanding
  int window = 16;
  double read_fraction = 0.5, write_fraction = 0.4;  // the rest are atomics
  int size_flits = 0;       // 1..4 = fixed 64..256 B; 0 = uniform over 64, 128, 192, 256 B
  double hotspot_fraction = 0.5;
  int hotspot_port = 0;
  int incast_target = 0;
  int address_lines = 64;   // 256-B blocks per (source, target) region: small = many same-address conflicts
  int ring_step_requests = 8;  // ring: writes to the neighbour per all-reduce step
};

// One generated request and when it was generated.
struct ls_gen_req {
  ls_req_t req{};
  uint64_t gen_cycle = 0;
};

class ls_traffic {
 public:
  // substream: an endpoint with several links runs one generator per link's
  // worth of load, each on its own random stream (0 = the first, as with one link).
  ls_traffic(int port, int ports, const ls_traffic_params& p, uint64_t seed, const std::vector<uint16_t>* perm,
             uint64_t substream = 0);
  // Requests generated up to and including `cycle`; `outstanding` is the
  // port's transactions in flight (closed loop keeps it + the queue at window).
  void generate(uint64_t cycle, uint64_t outstanding);
  bool empty() const { return q_.empty(); }
  const ls_gen_req& front() const { return q_.front(); }
  void pop() { q_.pop_front(); }
  size_t backlog() const { return q_.size(); }
  uint64_t generated() const { return generated_; }
  // Ring all-reduce: the bench grants each step's requests (all ports step together).
  void ring_grant(int n) { ring_allow_ += n; }
  // Mean request + response flits per transaction of this mix.
  double mean_flits_per_txn() const;

 private:
  ls_gen_req make(uint64_t cycle);
  int pick_dst();
  int port_, ports_;
  ls_traffic_params p_;
  rng rng_;
  const std::vector<uint16_t>* perm_;
  double inv_log_q_ = 0;
  uint64_t next_ = 0;
  uint64_t generated_ = 0;
  int a2a_ = 0;
  int ring_allow_ = 0;
  std::deque<ls_gen_req> q_;
};

}  // namespace sb
