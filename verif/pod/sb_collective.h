// Collectives as a pod workload (workload.kind: collective, docs/collectives.md):
// all-reduce, all-gather, reduce-scatter, all-to-all (MoE dispatch and
// combine, skewed) and broadcast, built from the LS port's writes and
// atomics as load-store collectives are: a rank writes a slice of its data
// into a peer's memory (a receive area per source), waits for those writes'
// responses (the fence), then fetch-adds a flag line of its area at that
// peer; the peer, seeing its flag advance, consumes the slice from its
// memory (reduce or copy into its buffer: local compute takes no time).
//
// Data: the model carries a 32-bit signature per 64-B flit, not 64 bytes
// (docs/pod.md). A collective's element is one 256-B write (4 lines): its
// lines carry v, v+1, v+2, v+3 and v is the element's value; the reduction
// adds values mod 2^32. Every element every rank ends with is checked
// against the values computed from the inputs (data_check).
//
// With switch.reduction on, all-reduce runs on the switch's reduction
// units (algorithm in_switch): unit o owns chunk o; every rank writes each
// chunk once to its unit, the unit adds the contributions of all ranks and
// writes the result once to every rank. The units sit on internal ports of
// the switch chip (ports N..2N-1), each an endpoint of the pod whose link
// has no wire delay.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "sb_ls_traffic.h"

namespace sb {

struct ep_memory;

enum class coll_op { all_reduce, all_gather, reduce_scatter, all_to_all, broadcast };
enum class coll_algo { ring, direct, in_switch };
// TEST ONLY (fault.collective): the data check must catch both.
//   skip_contribution: rank 0 does not add the first slice it should reduce
//   wrong_offset:      rank 0 writes its first slice one element off
enum class coll_fault { none, skip_contribution, wrong_offset };

const char* to_string(coll_op o);
const char* to_string(coll_algo a);

struct collective_config {
  bool on = false;  // workload.kind = collective
  coll_op op = coll_op::all_reduce;
  coll_algo algo = coll_algo::ring;
  uint64_t message_bytes = 1 << 20;     // NCCL's size: the buffer per rank (all-gather: the output)
  uint64_t slice_bytes = 8 << 10;       // flag granule
  uint64_t sample_max_bytes = 4 << 20;  // larger messages: simulated at this and half of it, extrapolated
  int iterations = 1;
  int root = 0;                 // broadcast
  double skew = 0;              // all-to-all: Zipf exponent of the experts' popularity (0 = uniform)
  uint64_t token_bytes = 14336;  // all-to-all: bytes per token (7168 x bf16)
  bool combine = true;          // all-to-all: dispatch and then combine (the reverse)
  coll_fault fault = coll_fault::none;
};

constexpr int kCollElemLines = 4;     // lines per element (one 256-B write)
constexpr uint32_t kCollAreaB = 1u << 19;  // line offset of the second receive area in a source's region
constexpr uint32_t kCollFlagLine = (1u << 20) - 1;
constexpr uint64_t kCollMaxSimBytes = uint64_t(kCollAreaB) * 64 / 2;  // 16 MiB: what an area holds, with room

class collective_engine {
 public:
  // ranks: the endpoints taking part (rank i = endpoint ranks[i]); units:
  // the reduction units' endpoints (in_switch), one per rank.
  // link_bytes_per_ns: one rank's payload bandwidth, one direction, all its links.
  collective_engine(const collective_config& c, std::vector<int> ranks, std::vector<int> units, double cycle_ns,
                    std::vector<double> link_bytes_per_ns, uint64_t seed);
  void attach(int ep, ep_memory* m);  // the endpoint's memory (its flags and receive areas)
  // The next request endpoint ep sends (false: none now).
  bool next(int ep, uint64_t cycle, ls_gen_req& out);
  void completed(int ep, int dst, uint32_t addr);  // a transaction of ep completed
  void flag(int ep, uint32_t addr, uint32_t value);  // an atomic at ep's memory left this value
  void tick(uint64_t cycle);  // after each edge: iterations start and end
  bool done() const { return done_; }
  bool pass() const;
  nlohmann::json json() const;
  nlohmann::json check_json() const;
  // Called when the iterations of simulated size i begin and when they end (the energy windows).
  std::function<void(size_t i, bool begin)> on_window;
  size_t sizes() const { return sizes_.size(); }
  uint64_t size(size_t i) const { return sizes_[i]; }
  int iterations() const { return c_.iterations; }
  int ranks() const { return nr(); }

 private:
  struct range {
    uint64_t lo = 0, hi = 0;  // elements
  };
  // A slice to send: after `wait` (counter ctr >= need), write its elements to dst, fence, flag.
  struct unit {
    int dst = 0;  // rank or unit index (peer index, see peer_ep)
    range r;
    uint32_t area = 0;
    int ctr = -1;
    uint64_t need = 0;
    uint64_t issued = 0, done = 0;
    int vsrc = -1;      // the data: -1 = the sender's buffer; else the input of rank vsrc + vadd
    uint32_t vadd = 0;
    bool flag_sent = false;
  };
  // What a flag from a source means: consume these elements (reduce, copy or verify).
  enum class act { reduce, copy, verify };
  struct action {
    range r;
    uint32_t area = 0;
    act a = act::copy;
    int ctr = 0;  // counter bumped when consumed (once per slice)
    int owner = 0;     // verify: expected = input(owner) + add
    uint32_t add = 0;
  };
  struct peer_state {
    std::vector<unit> units;
    size_t cursor = 0;  // the unit issuing now
    std::vector<std::deque<action>> recv;  // per source peer
    std::vector<uint32_t> flags_seen;       // per source peer
    std::vector<uint64_t> ctr;
    std::vector<uint32_t> buf;              // the rank's elements
    std::unordered_map<uint64_t, size_t> inflight;  // (dst << 32 | addr) -> unit
    std::vector<std::deque<size_t>> dst_q;  // per dst peer: its units in order (flags go in this order)
    std::deque<int> flag_ready;             // dst peers whose front unit's writes all completed
    ep_memory* mem = nullptr;
    uint64_t pending_recv = 0, flags_out = 0, end = 0, sent_bytes = 0, recv_bytes = 0;
    uint64_t flits_up = 0, flits_down = 0;  // what the plan puts on this peer's links, each direction
    uint64_t unflagged = 0;                 // units whose flag has not gone yet
    bool finished = false;
  };
  int peers() const { return int(ps_.size()); }
  int peer_of(int ep) const { return ep < int(peer_.size()) ? peer_[size_t(ep)] : -1; }
  void start(uint64_t cycle);
  void finish_iteration(uint64_t cycle);
  void plan(uint64_t bytes);
  void plan_all_reduce();
  void plan_ring(int steps, int first_step, bool reduce_first);
  void plan_scatter(int first, int base);
  void plan_direct_ag(bool after_rs);
  void plan_in_switch();
  void plan_broadcast();
  void plan_all_to_all();
  // A transfer from peer `from` to `to` of range r (sliced): units at the
  // sender, actions at the receiver. wait: the sender's counter and the need
  // of its first slice (each later slice needs one more; need 0 = none).
  struct xfer {
    int from = 0, to = 0;
    range r;
    uint32_t area = 0;
    act a = act::copy;
    int wait_ctr = -1;
    uint64_t need = 0;
    bool need_same = false;  // every slice needs the same count (instead of one more each)
    bool ctr_per_slice = false;  // slice j waits on counter wait_ctr + j (instead of wait_ctr)
    int recv_ctr = 0;         // the receiver's counter bumped per slice; -1: ctr 1 + slice index
    int vsrc = -1, owner = 0;
    uint32_t vadd = 0, add = 0;
  };
  void transfer(const xfer& x);
  void flush();
  void add_slice(const xfer& x, size_t j, range r);
  std::vector<xfer> group_;
  std::vector<range> slices(range r) const;
  range chunk(int c) const;
  uint32_t input(int rank, uint64_t elem) const;
  void consume(int p, int src, const action& x);
  bool try_flag(int p, ls_gen_req& out, uint64_t cycle);
  void check_iteration();
  void update_done(int p, uint64_t cycle);
  int nr() const { return int(ranks_.size()); }

  collective_config c_;
  std::vector<int> ranks_, units_;
  std::vector<int> peer_;   // endpoint -> peer index (ranks first, then units), -1 none
  std::vector<int> ep_of_;  // peer index -> endpoint
  double cycle_ns_;
  std::vector<double> bw_;  // per rank
  uint64_t seed_;
  std::vector<peer_state> ps_;
  uint64_t elems_ = 0, slice_elems_ = 1;
  std::vector<std::vector<uint64_t>> a2a_cnt_;  // all-to-all: tokens' elements [src][dst]
  std::vector<std::vector<uint64_t>> a2a_off_;  // offsets in the source's buffer
  // iterations: the sizes simulated (one or, sampled, two), each `iterations` times
  std::vector<uint64_t> sizes_;
  size_t size_idx_ = 0;
  int iter_ = 0, global_iter_ = 0;
  bool active_ = false, done_ = false;
  uint64_t start_ = 0, first_start_ = 0, last_end_ = 0;
  std::vector<std::vector<double>> times_ns_;  // per size: each iteration's completion
  std::vector<double> ideal_ns_, wire_ns_, max_sent_, max_recv_;
  uint64_t checked_ = 0, mismatches_ = 0, corrupt_lines_ = 0;
  std::string first_mismatch_;
  bool faulted_ = false;
};

}  // namespace sb
