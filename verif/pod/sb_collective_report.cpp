// The collective engine's iterations, data check and report (sb_collective.h).
#include <algorithm>

#include "sb_collective.h"

namespace sb {

namespace {
constexpr uint64_t kElemBytes = 64 * kCollElemLines;
double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / double(v.size());
}
}  // namespace

void collective_engine::check_iteration() {
  const int n = nr();
  if (c_.op == coll_op::all_to_all) return;  // (verified as each slice arrives)
  std::vector<uint32_t> want(size_t(elems_), 0);
  for (int c = 0; c < n; ++c)
    for (uint64_t j = chunk(c).lo; j < chunk(c).hi; ++j) {
      uint32_t& w = want[size_t(j)];
      if (c_.op == coll_op::all_gather) w = input(c, j);
      else if (c_.op == coll_op::broadcast) w = input(c_.root, j);
      else
        for (int r = 0; r < n; ++r) w += input(r, j);
    }
  for (int p = 0; p < n; ++p) {
    const range r = c_.op == coll_op::reduce_scatter ? chunk(p) : range{0, elems_};
    for (uint64_t j = r.lo; j < r.hi; ++j) {
      ++checked_;
      if (ps_[size_t(p)].buf[size_t(j)] == want[size_t(j)]) continue;
      if (++mismatches_ == 1 && first_mismatch_.empty())
        first_mismatch_ = "rank " + std::to_string(p) + " (endpoint " + std::to_string(ep_of_[size_t(p)]) +
                          "): element " + std::to_string(j) + " is " + std::to_string(ps_[size_t(p)].buf[size_t(j)]) +
                          ", expected " + std::to_string(want[size_t(j)]) + " (iteration " + std::to_string(global_iter_) + ")";
    }
  }
}

void collective_engine::finish_iteration(uint64_t cycle) {
  uint64_t end = start_;
  for (const auto& p : ps_) end = std::max(end, p.end);
  check_iteration();
  times_ns_[size_idx_].push_back(double(end - start_) * cycle_ns_);
  if (ideal_ns_.size() <= size_idx_) {
    double ideal = 0, wire = 0, sent = 0, recv = 0;
    for (int p = 0; p < nr(); ++p) {
      const peer_state& s = ps_[size_t(p)];
      ideal = std::max(ideal, double(std::max(s.sent_bytes, s.recv_bytes)) / bw_[size_t(p)]);
      wire = std::max(wire, 64.0 * double(std::max(s.flits_up, s.flits_down)) / bw_[size_t(p)]);
      sent = std::max(sent, double(s.sent_bytes));
      recv = std::max(recv, double(s.recv_bytes));
    }
    ideal_ns_.push_back(ideal);
    wire_ns_.push_back(wire);
    max_sent_.push_back(sent);
    max_recv_.push_back(recv);
  }
  active_ = false;
  last_end_ = end;
  ++global_iter_;
  if (++iter_ < c_.iterations) return;
  iter_ = 0;
  if (on_window) on_window(size_idx_, false);
  if (++size_idx_ == sizes_.size()) done_ = true;
  (void)cycle;
}

bool collective_engine::pass() const { return done_ && mismatches_ == 0 && corrupt_lines_ == 0; }

nlohmann::json collective_engine::check_json() const {
  return {{"pass", pass()},
          {"completed", done_},
          {"elements_checked", checked_},
          {"mismatches", mismatches_},
          {"corrupt_lines", corrupt_lines_},
          {"first_mismatch", first_mismatch_}};
}

nlohmann::json collective_engine::json() const {
  const int n = nr();
  const double factor = c_.op == coll_op::all_reduce ? 2.0 * (n - 1) / n : c_.op == coll_op::broadcast ? 1.0 : double(n - 1) / n;
  nlohmann::json sim = nlohmann::json::array();
  for (size_t i = 0; i < times_ns_.size(); ++i)
    sim.push_back({{"bytes", sizes_[i]},
                   {"completion_ns", times_ns_[i]},
                   {"mean_ns", mean(times_ns_[i])},
                   {"ideal_ns", i < ideal_ns_.size() ? ideal_ns_[i] : 0.0}});
  // The message's time: simulated, or (sampled) extrapolated along the line
  // through the two simulated sizes (the pipeline full: time affine in size).
  const double S = double(c_.message_bytes);
  double t = 0, ideal = 0, wire = 0;
  const size_t last = times_ns_.size() - 1;
  if (!done_) {
    t = 0;
  } else if (sizes_.size() == 1) {
    t = mean(times_ns_[0]);
    ideal = ideal_ns_[0];
    wire = wire_ns_[0];
  } else {
    const double t1 = mean(times_ns_[0]), t2 = mean(times_ns_[last]);
    const double b1 = double(sizes_[0]), b2 = double(sizes_[last]);
    t = t2 + (t2 - t1) / (b2 - b1) * (S - b2);
    ideal = ideal_ns_[last] * S / b2;
    wire = wire_ns_[last] * S / b2;
  }
  // (all-to-all with combine: two all-to-alls of S each)
  const double moved = c_.op == coll_op::all_to_all && c_.combine ? 2 * S : S;
  const double algbw = t > 0 ? moved / t : 0.0;  // bytes/ns = GB/s
  nlohmann::json j = {{"op", to_string(c_.op)},
                      {"algorithm", to_string(c_.algo)},
                      {"ranks", n},
                      {"message_bytes", c_.message_bytes},
                      {"slice_bytes", c_.slice_bytes},
                      {"iterations", c_.iterations},
                      {"sampled", sizes_.size() > 1},
                      {"simulated", sim},
                      {"completion_ns", t},
                      {"algbw_bytes", moved},
                      {"algbw_gbps", algbw},
                      {"busbw_gbps", algbw * factor},
                      {"bus_factor", factor},
                      {"units", "algbw_gbps and busbw_gbps in GB/s (1e9 bytes/s), as nccl-tests prints them"},
                      {"ideal_ns", ideal},
                      {"efficiency", t > 0 ? ideal / t : 0.0},
                      // the same with every flit the algorithm puts on the busiest link direction
                      // (headers, write responses, flags): what the protocol allows at best
                      {"wire_ideal_ns", wire},
                      {"wire_efficiency", t > 0 ? wire / t : 0.0},
                      {"rank_gbytes_per_s", bw_.empty() ? 0.0 : *std::min_element(bw_.begin(), bw_.end())},
                      {"max_bytes_sent_per_rank", max_sent_.empty() ? 0.0 : max_sent_.back()},
                      {"max_bytes_received_per_rank", max_recv_.empty() ? 0.0 : max_recv_.back()},
                      {"data_check", check_json()}};
  if (c_.op == coll_op::broadcast) j["root"] = c_.root;
  // (nccl-tests' PERFORMANCE.md lists (n-1)/(n+1) for in-network all-reduce; busbw_gbps keeps 2(n-1)/n so that algorithms compare)
  if (c_.algo == coll_algo::in_switch) j["busbw_in_network_gbps"] = algbw * double(n - 1) / double(n + 1);
  if (c_.op == coll_op::all_to_all && !a2a_cnt_.empty()) {
    uint64_t tot = 0, hot = 0;
    for (int d = 0; d < n; ++d) {
      uint64_t in = 0;
      for (int r = 0; r < n; ++r) in += a2a_cnt_[size_t(r)][size_t(d)];
      tot += in;
      hot = std::max(hot, in);
    }
    j["all_to_all"] = {{"skew", c_.skew},
                       {"token_bytes", c_.token_bytes},
                       {"combine", c_.combine},
                       {"tokens_per_rank", elems_ * kElemBytes / std::max<uint64_t>(1, c_.token_bytes)},
                       {"hottest_expert_load", tot ? double(hot) * n / double(tot) : 0.0}};
  }
  return j;
}

}  // namespace sb
