#include "sb_pod_scoreboard.h"

#include <algorithm>

namespace sb {

void plane_probe::llr_delivered(int, const flit_t& f) { sb_->stamp(k_, f, q_sw, r_sw, sb_->now); }
void plane_probe::xbar_in(int, const flit_t& f) { sb_->stamp(k_, f, q_xin, r_xin, sb_->now); }
void plane_probe::xbar_out(int, const flit_t& f) { sb_->stamp(k_, f, q_xout, r_xout, sb_->now); }
void plane_probe::llr_accepted(int, const flit_t& f) { sb_->stamp(k_, f, q_eg, r_eg, sb_->now); }

pod_scoreboard::pod_scoreboard(int endpoints, int planes, int tags, const pod_timing& t)
    : n_(endpoints),
      k_(planes),
      tags_(tags),
      t_(t),
      rtt_(t.cycle_ns), sw_(t.cycle_ns), bd_ep_(t.cycle_ns), bd_link_(t.cycle_ns), bd_llr_(t.cycle_ns),
      bd_queue_(t.cycle_ns), bd_xbar_(t.cycle_ns), bd_pipe_(t.cycle_ns), bd_mem_(t.cycle_ns) {
  txns_.assign(size_t(n_) * size_t(k_) * size_t(tags_), pod_txn{});
  for (int k = 0; k < k_; ++k) probes_.emplace_back(this, k);
  rtt_ep_.assign(size_t(n_), latency_stats(t.cycle_ns));
  shadow_.resize(size_t(n_));
  issue_order_.assign(size_t(n_) * n_, 0);
  serve_order_.assign(size_t(n_) * n_, 0);
  live_.assign(size_t(n_), 0);
  pair_hit.assign(size_t(n_) * n_, 0);
  groups_.assign(1, group_stats{0, 0, latency_stats(t.cycle_ns), latency_stats(t.cycle_ns)});
}

void pod_scoreboard::set_groups(const std::vector<int>& tags, const std::vector<int>& group_of, int groups) {
  tags_ep_ = tags;
  group_of_ = group_of;
  groups_.assign(size_t(groups), group_stats{0, 0, latency_stats(t_.cycle_ns), latency_stats(t_.cycle_ns)});
}

void pod_scoreboard::error(const std::string& what) {
  if (first_error.empty()) first_error = "cycle " + std::to_string(now) + ": " + what;
}

uint32_t pod_scoreboard::shadow(int src, int dst, uint32_t addr) const {
  auto it = shadow_[size_t(src)].find((uint64_t(dst) << 32) | addr);
  return it == shadow_[size_t(src)].end() ? ls_initial_line(dst, addr) : it->second;
}

void pod_scoreboard::stamp(int k, const flit_t& f, int req_ts, int rsp_ts, uint64_t cyc) {
  if (!f.valid || !f.sop) return;
  pod_txn* x = is_req(f) ? req_txn(k, f) : rsp_txn(k, f);
  if (x) x->t[size_t(is_req(f) ? req_ts : rsp_ts)] = cyc;
}

pod_txn* pod_scoreboard::accept(int e, int k, const ls_gen_req& g, uint16_t tag, uint64_t cyc, bool external) {
  const int i = ini(e, k);
  const int idx = ls_tag_index(tag, tags_of(e));
  if (idx >= tags_of(e)) {
    error("endpoint " + std::to_string(e) + ": tag " + std::to_string(tag) + " issued beyond max_tags");
    return nullptr;
  }
  // A tag issued again (its generations wrapped): older late packets can no longer be told apart.
  timed_out_.erase(late_key(i, tag));
  pod_txn& x = txns_[size_t(i) * tags_ + size_t(idx)];
  if (x.live) {
    ++duplicated;
    error("endpoint " + std::to_string(e) + ": tag " + std::to_string(tag) + " issued while outstanding");
  }
  x = pod_txn{};
  x.live = true;
  x.tag = tag;
  x.external = external;
  x.op = g.req.op;
  x.dst = g.req.dst;
  x.size = g.req.size;
  x.addr = g.req.addr;
  x.t[t_gen] = g.gen_cycle;
  x.t[t_acc] = cyc;
  if (k_ == 1)
    x.order = issue_order_[size_t(e) * n_ + x.dst]++;
  else
    x.order = addr_order_[(uint64_t(e) << 42) | (uint64_t(x.dst) << 32) | (x.addr >> 2)].issue++;
  // What the response must carry: this source's own region, so its last write wins.
  // (A user's TLM initiator moves its bytes functionally; its flits are not checked here.)
  if (!x.external) {
    if (x.op == 0) {
      for (int i = 0; i < x.size; ++i) x.expect[size_t(i)] = shadow(e, x.dst, x.addr + uint32_t(i));
    } else if (x.op == 1) {
      for (int i = 0; i < x.size; ++i)
        shadow_[size_t(e)][(uint64_t(x.dst) << 32) | (x.addr + uint32_t(i))] = g.req.wdata + uint32_t(i);
    } else {
      x.expect[0] = shadow(e, x.dst, x.addr);
      shadow_[size_t(e)][(uint64_t(x.dst) << 32) | x.addr] = x.expect[0] + g.req.wdata;
    }
  }
  ++injected;
  ++groups_[group_of_.empty() ? 0 : size_t(group_of_[size_t(e)])].issued;
  ++ops[x.op < 3 ? x.op : 0];
  ++live_[size_t(e)];
  pair_hit[size_t(e) * n_ + x.dst] = 1;
  tags_max_in_use = std::max(tags_max_in_use, live_[size_t(e)]);
  if (measured(x)) offered_flits += uint64_t(ls_req_len(g.req) + ls_rsp_len(x.op, x.size));
  return &x;
}

const pod_txn* pod_scoreboard::complete(int e, int k, const ls_cpl_t& c, uint64_t cyc) {
  pod_txn* px = live_txn(ini(e, k), c.tag);
  if (!px) {
    ++duplicated;
    error("endpoint " + std::to_string(e) + ": completion of tag " + std::to_string(c.tag) + " not outstanding");
    return nullptr;
  }
  pod_txn& x = *px;
  x.live = false;
  --live_[size_t(e)];
  last_progress = cyc;
  if (c.status == uint8_t(ls_status::timeout)) {
    ++timeouts;
    ++lost;
    timed_out_[late_key(ini(e, k), c.tag)] = x;
    error("endpoint " + std::to_string(e) + ": transaction tag " + std::to_string(c.tag) + " to " + std::to_string(x.dst) +
          " timed out (lost)");
    return &x;
  }
  if (c.status == uint8_t(ls_status::error)) {
    ++errors;
    ++corrupted;
    error("endpoint " + std::to_string(e) + ": tag " + std::to_string(c.tag) + " completed with ERROR");
    return &x;
  }
  const int want = ls_rsp_len(x.op, x.size) - 1;
  if (x.bad || x.got != want) {
    ++corrupted;
    if (x.got != want)
      error("endpoint " + std::to_string(e) + ": tag " + std::to_string(c.tag) + " response carried " +
            std::to_string(x.got) + " data flits, expected " + std::to_string(want));
    return &x;
  }
  ++answered;
  payload_flits += x.op == 2 ? 1 : x.size;
  x.t[t_done] = cyc;
  group_stats& gi = groups_[group_of_.empty() ? 0 : size_t(group_of_[size_t(e)])];
  ++gi.answered;
  if (measured(x)) {
    record_latency(x);
    rtt_ep_[size_t(e)].add(x.t[t_done] - x.t[t_gen]);
    gi.as_initiator.add(x.t[t_done] - x.t[t_gen]);
    // (as target: from the initiator's acceptance, without the queueing at the source)
    groups_[group_of_.empty() ? 0 : size_t(group_of_[x.dst])].as_target.add(x.t[t_done] - x.t[t_acc]);
  }
  return &x;
}

void pod_scoreboard::record_latency(const pod_txn& x) {
  const auto& t = x.t;
  rtt_.add(t[t_done] - t[t_gen]);
  if (!switch_observed) return;
  sw_.add(t[q_eg] - t[q_sw]);
  sw_.add(t[r_eg] - t[r_sw]);
  const uint64_t link = (t[q_sw] - t[q_up]) + (t[q_dst] - t[q_eg]) + (t[r_sw] - t[r_up]) + (t[r_dst] - t[r_eg]);
  const uint64_t fixed = 4ull * t_.link_fixed;
  bd_link_.add(std::min(link, fixed));
  bd_llr_.add(link > fixed ? link - fixed : 0);
  bd_ep_.add((t[q_up] - t[t_gen]) + (t[r_up] - t[r_rdy]) + (t[t_done] - t[r_dst]));
  const uint64_t pipe = t_.switch_fixed;
  const uint64_t eg_q = t[q_eg] - t[q_xout], eg_r = t[r_eg] - t[r_xout];
  bd_queue_.add((t[q_xin] - t[q_sw]) + (eg_q > pipe ? eg_q - pipe : 0) + (t[r_xin] - t[r_sw]) + (eg_r > pipe ? eg_r - pipe : 0));
  bd_xbar_.add((t[q_xout] - t[q_xin]) + (t[r_xout] - t[r_xin]));
  bd_pipe_.add(2 * pipe);
  bd_mem_.add(t[r_rdy] - t[q_dst]);
}

void pod_scoreboard::request_flit(int k, const flit_t& f, uint64_t cyc) {
  stamp(k, f, q_dst, r_dst, cyc);
  if (f.eop) {
    pod_txn* x = req_txn(k, f);
    if (x) x->t[q_last] = cyc;
  }
}

void pod_scoreboard::response_flit(int e, int k, const flit_t& f, uint64_t cyc) {
  pod_txn* x = rsp_txn(k, f);
  if (f.sop && late_in_network && late_key(ini(e, k), f.tag) == held_key_) {
    --late_in_network;  // the held packet arrived (however it is classified below)
    held_key_ = UINT64_MAX;
  }
  if (f.sop) {
    if (!x) {
      // A late response of a transaction that timed out: stale (the
      // initiator drops it), not an answer of the tag's next transaction.
      auto it = timed_out_.find(late_key(ini(e, k), f.tag));
      if (it != timed_out_.end() && f.src == it->second.dst) {
        ++stale_responses;
        timed_out_.erase(it);
        return;
      }
      ++duplicated;
      error("endpoint " + std::to_string(e) + ": response for tag " + std::to_string(f.tag) + " not outstanding");
      return;
    }
    x->got = 0;
    if (f.src != x->dst || f.ptype != ls_rsp_ptype(x->op) || f.sig != x->addr) x->bad = true;
    return;
  }
  if (!x) return;
  if (x->external) {
    ++x->got;
    return;
  }
  const int i = int(f.seq);
  if (i != x->got || i > 3 || f.sig != x->expect[size_t(i)]) {
    if (!x->bad)
      error("endpoint " + std::to_string(e) + ": tag " + std::to_string(f.tag) + " data flit " + std::to_string(i) +
            " from " + std::to_string(x->dst) + " carries " + std::to_string(f.sig) + ", expected " +
            std::to_string(i <= 3 ? x->expect[size_t(i & 3)] : 0));
    x->bad = true;
  }
  ++x->got;
  (void)cyc;
}

const pod_txn* pod_scoreboard::served(int e, int k, int src, uint16_t tag) {
  if (src >= n_) return nullptr;
  const pod_txn* x = live_txn(ini(src, k), tag);
  const pod_txn* late = nullptr;
  if (!x) {
    // The request of a transaction that already timed out, served late: its
    // place in the order still counts, its answer will be stale.
    auto it = timed_out_.find(late_key(ini(src, k), tag));
    if (it == timed_out_.end() || it->second.dst != e) return nullptr;
    late = &it->second;
    ++late_requests;
  }
  check_order(e, src, x ? *x : *late);
  return x;
}

// In issue order per (source, target) with one plane, per (source, target,
// address block) with several: a request older than one already served is
// reordered (a request that never arrives is not: it times out).
void pod_scoreboard::check_order(int e, int src, const pod_txn& t) {
  uint64_t* next = nullptr;
  const uint64_t key = (uint64_t(src) << 42) | (uint64_t(e) << 32) | (t.addr >> 2);
  auto it = addr_order_.end();
  if (k_ == 1) {
    next = &serve_order_[size_t(src) * n_ + e];
  } else {
    it = addr_order_.find(key);
    if (it == addr_order_.end()) return;  // (its record was released: every issue of it was served)
    next = &it->second.serve;
  }
  if (t.order < *next) {
    ++reordered;
    error("target " + std::to_string(e) + ": request " + std::to_string(t.order) + " from " + std::to_string(src) +
          (k_ == 1 ? "" : " to address " + std::to_string(t.addr)) + " served after request " +
          std::to_string(*next - 1));
  } else {
    *next = t.order + 1;
  }
  // Several planes: an address whose every issued request was served is forgotten (bounded memory).
  if (k_ > 1 && it->second.serve == it->second.issue) addr_order_.erase(it);
}

uint64_t pod_scoreboard::in_flight() const {
  uint64_t n = 0;
  for (uint64_t v : live_) n += v;
  return n;
}

bool pod_scoreboard::pass() const {
  return lost == 0 && duplicated == 0 && reordered == 0 && corrupted == 0 && in_flight() == 0 && lossless_drops == 0;
}

nlohmann::json pod_scoreboard::lossless_json(bool drained) const {
  return {{"pass", drained && pass()},
          {"unit", "transactions"},
          {"injected", injected},
          {"delivered", answered},
          {"lost", lost},
          {"timeouts", timeouts},
          {"duplicated", duplicated},
          {"reordered", reordered},
          {"corrupted", corrupted},
          {"stale_responses", stale_responses},
          {"late_requests", late_requests},
          {"in_flight", in_flight()},
          {"lossless_flit_drops", lossless_drops},
          {"first_error", first_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(first_error)}};
}

nlohmann::json pod_scoreboard::latency_json() const {
  nlohmann::json lat;
  lat["load_store_rtt"] = rtt_.to_json();
  lat["switch_traversal"] = sw_.to_json();
  lat["breakdown"] = {{"endpoint", bd_ep_.to_json()},   {"link", bd_link_.to_json()},
                      {"llr_replay", bd_llr_.to_json()}, {"queueing", bd_queue_.to_json()},
                      {"crossbar", bd_xbar_.to_json()},  {"switch_pipeline", bd_pipe_.to_json()},
                      {"memory", bd_mem_.to_json()}};
  return lat;
}

}  // namespace sb
