// Cycle-accurate crossbar engine: the architecture reference of docs/xbar.md,
// in plain C++ so that unit tests and the SystemC module share one implementation.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sb_types.h"

namespace sb {

struct xbar_params {
  int ports = 16;         // N
  int classes = 1;        // C; class C-1 has the highest priority
  int depth = 8;          // flits per queue
  bool fifo = false;      // one FIFO per class per input instead of VOQs
  bool rr = false;        // RRM pointer update instead of iSLIP
  int iterations = 1;     // allocator iterations per cycle
  int pipeline = 1;       // cycles from the crossing edge to out_flit_o

  // Returns "" when valid, else the reason (names the parameter).
  std::string validate() const;
};

// Test-only fault hooks: break the model on purpose to prove that the
// lockstep comparator and the scoreboard catch it. Never on by default.
// corrupt_sig and drop_flit strike the first flit crossing at or after the
// fault cycle; skip_pointer_update freezes the allocator pointers from then on.
enum class xbar_fault { none, corrupt_sig, drop_flit, skip_pointer_update };

// A list of ports (outputs with a valid flit, inputs with a valid credit).
struct port_list {
  const int* first;
  int count;
  const int* begin() const { return first; }
  const int* end() const { return first + count; }
  int size() const { return count; }
  bool empty() const { return count == 0; }
};

class xbar_core {
 public:
  explicit xbar_core(const xbar_params& p);

  // Inputs, written by the bench before an edge.
  std::vector<flit_t> in_flit_i;
  std::vector<uint8_t> out_ready_i;

  // Registered outputs, valid after an edge.
  const flit_t& out_flit_o(int j) const { return pipe_[size_t(out_slot_) * n_ + j]; }
  const xbar_credit_t& in_credit_o(int i) const { return credit_q_[i]; }
  // The outputs with a valid out_flit_o and the inputs with a valid
  // in_credit_o after the last edge (so a bench need not scan every port).
  port_list valid_outputs() const { return {&row_ports_[size_t(out_slot_) * n_], row_n_[out_slot_]}; }
  port_list valid_credits() const { return {credit_ports_.data(), credit_n_}; }

  void reset();
  void step();  // one rising clock edge

  void inject_fault(xbar_fault f, uint64_t at_cycle) {
    fault_ = f;
    fault_cycle_ = at_cycle;
    fault_armed_ = f != xbar_fault::none;
  }

  // Model-side assertions (the RTL's SVA equivalents): a description of
  // every violation seen; empty in a correct run.
  const std::vector<std::string>& violations() const { return violations_; }
  uint64_t cycle() const { return cycle_; }
  uint64_t occupancy() const;  // flits in queues + pipeline stages not yet visible
  const xbar_params& params() const { return p_; }

  // Introspection for unit tests.
  int grant_ptr(int j) const { return gptr_[j]; }
  int accept_ptr(int i) const { return aptr_[i]; }
  int queue_count(int i, int q) const { return cnt_[i * nq_ + q]; }
  int out_lock(int j) const { return olock_in_[j]; }
  int in_lock(int i) const { return ilock_out_[i]; }
  // Pairs (input, output) matched by the allocator at the last edge (locked
  // transfers excluded), and the iteration that matched them.
  struct match { int in, out, cls, iteration; };
  struct match_list {
    const match* first;
    int count;
    const match* begin() const { return first; }
    const match* end() const { return first + count; }
    int size() const { return count; }
    bool empty() const { return count == 0; }
  };
  match_list last_matches() const { return {matches_.data(), match_n_}; }

 private:
  using word = uint64_t;
  int qidx(int dst, int cls) const { return p_.fifo ? cls : dst * p_.classes + cls; }
  const flit_t& head(int i, int q) const { return buf_[size_t(i) * cap_ + head_[size_t(i) * nq_ + q]]; }
  void req_on(int i, int cls, int dst);
  void req_off(int i, int cls, int dst);
  template <int W>
  void step_w();
  template <int W>
  void port_masks(word* free_out, word* busy_in) const;
  void locked_transfers();
  template <int W, bool OneClass>
  void allocate(const word* free_out, const word* busy_in);
  void matched_transfers();
  void enqueue();
  void dequeue_to(int i, int q, int j);
  void set_lock(int i, int j, int cls);
  void release_lock(int i, int j);
  void violation(const std::string& what);
  template <int W>
  static int pick_rr(const word* mask, int n, int from);

  xbar_params p_;
  int n_, nq_, w_;  // ports, queues per input, 64-bit words per port mask
  uint64_t cycle_ = 0;

  // Queue storage: per input a pool of cap_ = queues x depth flit slots; each
  // queue is a linked list through next_, and free slots are a LIFO stack so
  // that the slots in use stay few and hot in the cache (a real switch's
  // shared input buffer has the same shape).
  int cap_ = 0;
  std::vector<flit_t> buf_;
  std::vector<uint32_t> next_, free_;
  std::vector<int> free_top_;
  std::vector<uint32_t> head_, tail_;
  std::vector<uint16_t> cnt_;
  // Requests, maintained on every enqueue and dequeue instead of rebuilt per
  // cycle: per (class, output) the mask of inputs whose queue for it is
  // non-empty (VOQ) or whose class head goes to it (FIFO), and per output the
  // number of such (input, class) entries.
  std::vector<word> colm_;
  std::vector<int> out_req_cnt_;
  std::vector<word> out_any_;

  std::vector<int> olock_in_, olock_cls_, ilock_out_;
  word lock_in_m_[16] = {}, lock_out_m_[16] = {};  // locked inputs and outputs, as masks (up to 1024 ports)
  std::vector<int> gptr_, aptr_;

  std::vector<flit_t> pipe_;  // pipeline ring: pipeline rows of N flits
  std::vector<int> row_ports_;  // per row: the ports holding a valid flit (N slots, row_n_ used)
  std::vector<int> row_n_;
  int out_slot_ = 0, in_slot_ = 0;
  std::vector<xbar_credit_t> credit_q_;
  std::vector<int> credit_ports_;  // N slots, credit_n_ used
  int credit_n_ = 0;

  // allocator scratch (members to avoid per-cycle allocation)
  std::vector<word> gnt_;      // [class][input] mask of granting outputs
  std::vector<int> touched_in_;  // N slots: inputs granted in this iteration, in grant order
  std::vector<match> matches_;   // N slots, match_n_ used
  int match_n_ = 0;
  std::vector<std::pair<int*, int>> ptr_moves_;  // pointer updates applied at the end of the edge
  bool do_ptr_ = true;  // this edge updates the pointers (false under the skip_pointer_update fault)

  uint64_t queued_ = 0;
  int locked_ = 0;  // locked outputs
  bool fault_armed_ = false;
  std::vector<std::string> violations_;
  xbar_fault fault_ = xbar_fault::none;
  uint64_t fault_cycle_ = 0;
};

}  // namespace sb
