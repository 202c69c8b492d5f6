// Open-loop traffic sources for a switch input: packet arrivals at a given
// load and pattern, an unbounded source queue (so offered load is what the
// pattern says, not what the switch accepts), and credit-based injection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb_geometric.h"
#include "sb_rng.h"
#include "sb_types.h"

namespace sb {

enum class traffic_pattern { uniform, hotspot, permutation, incast, bursty };
traffic_pattern parse_pattern(const std::string& s);  // throws std::invalid_argument
const char* to_string(traffic_pattern p);

struct traffic_params {
  traffic_pattern pattern = traffic_pattern::uniform;
  double load = 0.5;              // offered flits / cycle / port
  int packet_flits = 1;
  int classes = 1;
  double hotspot_fraction = 0.5;  // hotspot: share of packets to hotspot_port
  int hotspot_port = 0;
  int incast_target = 0;          // incast: every other input sends to it
  double burst_packets = 8.0;     // bursty: mean packets per burst (one destination)
  bool ignore_credits = false;    // TEST ONLY: send without credit (overflows the switch)
};

struct packet_desc {
  uint16_t dst;
  uint8_t cls;
  uint16_t len;
  uint64_t no;         // packet number within its flow (src, dst, cls)
  uint64_t gen_cycle;  // cycle the packet was generated
};

// A FIFO of packets in a ring that doubles when full (a source's backlog:
// cheaper per packet than std::deque's chunk bookkeeping).
class packet_fifo {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const packet_desc& front() const { return buf_[head_]; }
  void pop_front() {
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
  }
  void push_back(const packet_desc& p) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = p;
    ++size_;
  }

 private:
  void grow() {
    std::vector<packet_desc> b(buf_.empty() ? 16 : buf_.size() * 2);
    for (size_t k = 0; k < size_; ++k) b[k] = buf_[(head_ + k) & (buf_.size() - 1)];
    buf_.swap(b);
    head_ = 0;
  }
  std::vector<packet_desc> buf_;  // a power of two entries
  size_t head_ = 0, size_ = 0;
};

class traffic_source {
 public:
  // queues: credit counters the source keeps (VOQ: ports*classes, FIFO: classes).
  traffic_source(int port, int ports, const traffic_params& p, bool fifo, int depth, uint64_t seed,
                 const std::vector<uint16_t>* perm);

  // Arrivals up to and including `cycle` (not called once generation stops).
  void generate(uint64_t cycle) {
    if (next_arrival_ <= cycle && active_) generate_slow(cycle);
  }
  // The flit to present for the next edge (valid = 0 when none), consuming a credit.
  flit_t next_flit() {
    if (q_.empty()) {
      head_presented_ = false;
      return flit_t{};
    }
    return next_flit_slow();
  }
  void credit(const xbar_credit_t& c) {
    if (c.valid) ++credits_[qidx(c.dst, c.cls)];
  }

  // Called by the bench when a head flit is presented, to timestamp injection.
  bool head_presented() const { return head_presented_; }
  const packet_desc& presented_packet() const { return presented_; }

  uint64_t credit_stalls() const { return credit_stalls_; }  // cycles a flit waited for a credit (queue full)
  uint64_t generated_flits() const { return gen_flits_; }
  uint64_t generated_packets() const { return gen_packets_; }
  uint64_t backlog_packets() const { return q_.size(); }
  bool idle() const { return q_.empty(); }
  int credits(int dst, int cls) const { return credits_[qidx(dst, cls)]; }
  uint64_t& flow_counter(int dst, int cls) { return next_no_[size_t(dst) * p_.classes + cls]; }

 private:
  int qidx(int dst, int cls) const { return fifo_ ? cls : dst * p_.classes + cls; }
  int pick_dst();
  void schedule_next(uint64_t now);
  void push_packet(int dst, uint64_t cycle);
  void generate_slow(uint64_t cycle);
  flit_t next_flit_slow();

  int port_, ports_;
  traffic_params p_;
  bool fifo_;
  rng rng_;
  const std::vector<uint16_t>* perm_;
  double pkt_rate_;         // packets per cycle
  double inv_log_q_;        // 1 / ln(1 - pkt_rate_), for geometric gaps
  geometric_sampler gap_;   // the same gaps as rng_.geometric_inv(inv_log_q_), without log()
  uint64_t next_arrival_;   // cycle of the next packet arrival
  int burst_left_ = 0, burst_dst_ = 0;
  bool first_burst_ = true;
  bool active_;
  packet_fifo q_;
  int flit_idx_ = 0;        // next flit of the head packet
  std::vector<int> credits_;
  std::vector<uint64_t> next_no_;
  uint64_t gen_flits_ = 0, gen_packets_ = 0, credit_stalls_ = 0;
  bool head_presented_ = false;
  packet_desc presented_{};
};

// The permutation used by the `permutation` pattern for a seed.
std::vector<uint16_t> make_permutation(int ports, uint64_t seed);

}  // namespace sb
