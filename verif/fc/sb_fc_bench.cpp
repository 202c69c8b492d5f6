#include "sb_fc_bench.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <systemc>
#include <vector>

#include "sb_lockstep.h"
#include "sb_rng.h"
#include "sb_rtl_coverage.h"
#include "sb_stats.h"

namespace sb {

namespace {

struct flow {  // (source, class)
  uint64_t gen_packets = 0;     // packets generated
  uint64_t sent_flits = 0;      // flits put on the link
  uint64_t expected = 0;        // next flit index the sink expects
  uint64_t delivered = 0, dropped = 0, lost = 0, reordered = 0, corrupted = 0;
  std::deque<std::pair<uint64_t, uint64_t>> gen_cycle;  // (packet, generation cycle) not yet delivered
};

struct source {
  rng arrivals;
  rng cls_pick;
  std::vector<std::deque<uint64_t>> queue;  // per class: packet numbers waiting
  std::vector<int> head_flit;               // per class: flits of the head packet sent
  source(uint64_t seed, int s, int classes)
      : arrivals(seed, 0xFC00 + uint64_t(s)), cls_pick(seed, 0xFD00 + uint64_t(s)), queue(classes),
        head_flit(classes, 0) {}
};

class incast_bench : public sc_core::sc_module {
 public:
  incast_bench(const sc_core::sc_module_name& name, const incast_bench_config& cfg)
      : sc_core::sc_module(name),
        cfg_(cfg),
        n_(cfg.ports),
        c_(cfg.classes),
        clk_("clk", sc_core::sc_time(cfg.link.cycle_ns(), sc_core::SC_NS)),
        lat_(cfg.link.cycle_ns()),
        drain_rng_(cfg.seed, 0xFE00),
        upd_rng_(cfg.seed, 0xFE01),
        loss_rng_(cfg.seed, 0xFE02) {
    const uint32_t d = cfg.link.delay_cycles();
    for (int s = 0; s < n_; ++s) {
      src_.emplace_back(cfg.seed, s, c_);
      fwd_.emplace_back(d);
      fwd_cc_.emplace_back(d);
      rev_pause_.emplace_back(d);
      rev_credit_.emplace_back(d);
      ingress_.emplace_back(size_t(c_));
      // (port 0 is the congested output: its blocks are never stepped)
      tx_.push_back(make_fc_tx(cfg_.impl, cfg.fc, s == 1 ? cfg.fault : fc_fault::none, s, "tx" + std::to_string(s), &ctx_));
      rx_.push_back(make_fc_rx(cfg_.impl, cfg.fc, s, "rx" + std::to_string(s), &ctx_));
      presented_.push_back(flit_t{});
    }
    if (cfg_.impl != impl_mode::model && !cfg_.wave_path.empty()) {
      tx_[1]->trace_open(cfg_.wave_path + ".tx1.fst");
      rx_[1]->trace_open(cfg_.wave_path + ".rx1.fst");
    }
    flows_.assign(size_t(n_) * c_, flow{});
    upd_.assign(size_t(n_) * 8, upd_state{});
    max_occ_.assign(size_t(c_), 0);
    // The no-progress watchdog outlasts the PFC storm watchdog, so that a
    // storm is reported as one (with its port and class), not as a stall.
    watchdog_ = std::max<uint64_t>({cfg.stall_cycles, 8ull * d + 1000,
                                    cfg.fc.mode == fc_mode::pfc ? 2ull * cfg.fc.pfc_tx.watchdog + 1000 : 0ull});
    SC_HAS_PROCESS(incast_bench);
    SC_METHOD(tick);
    sensitive << clk_.posedge_event();
    dont_initialize();
    SC_METHOD(drive);
    sensitive << clk_.negedge_event();
    dont_initialize();
    drive_inputs(0);
  }

  nlohmann::json result(double wall_s) const;

 private:
  fc_tx_block& ref_tx(int s) const { return *tx_[size_t(s)]; }
  fc_rx_block& ref_rx(int s) const { return *rx_[size_t(s)]; }
  flow& fl(int s, int c) { return flows_[size_t(s) * c_ + c]; }
  const flow& fl(int s, int c) const { return flows_[size_t(s) * c_ + c]; }
  bool pfc() const { return cfg_.fc.mode != fc_mode::cbfc; }

  // A lockstep block compares its outputs at its own step (the mismatch
  // is recorded at the edge count after it, as drive() sees it).
  void tick() {
    ctx_.cycle = cycle_ + 1;
    for (int s = 1; s < n_; ++s) {
      tx_[size_t(s)]->step();
      rx_[size_t(s)]->step();
    }
    if (cfg_.impl == impl_mode::lockstep) ++compared_;
    ++cycle_;
  }
  void drive();
  void receive(int s);
  bool send(int s);
  void link_control(int s);
  bool storm_seen(uint64_t k);
  void drain(uint64_t k, bool measure);
  void score(int port, int cls, const flit_t& f, uint64_t k, bool measure);
  const char* end_condition(uint64_t k) const;
  nlohmann::json lossless_json(uint64_t& in_flight) const;
  nlohmann::json assertions_json() const;
  void pfc_json(nlohmann::json& r) const;
  void cbfc_json(nlohmann::json& r) const;
  void drive_inputs(uint64_t k);
  void finish(const std::string& why) {
    end_reason_ = why;
    sc_core::sc_stop();
  }
  static flit_t make_flit(int s, int c, uint64_t pkt, int idx, int len, uint64_t flow_idx) {
    flit_t f{};
    f.valid = true;
    f.sop = idx == 0;
    f.eop = idx == len - 1;
    f.src = uint16_t(s);
    f.dst = 0;
    f.cls = uint8_t(c);
    f.ptype = ptype_e::DATA;
    f.len = uint8_t(len);
    f.tag = uint16_t(pkt & 0xFFF);
    f.seq = uint32_t(flow_idx & 0xFFFFF);
    f.sig = payload_sig(uint32_t(s), 0, uint32_t(c), pkt, uint32_t(idx));
    return f;
  }

  incast_bench_config cfg_;
  int n_, c_;
  sc_core::sc_clock clk_;
  std::vector<source> src_;
  std::vector<delay_line<flit_t>> fwd_;
  std::vector<delay_line<cc_update_t>> fwd_cc_;
  std::vector<delay_line<pause_t>> rev_pause_;
  std::vector<delay_line<credit_t>> rev_credit_;
  std::vector<std::vector<std::deque<flit_t>>> ingress_;  // [port][class]
  lockstep_ctx ctx_;  // declared before the blocks that point at it
  std::vector<std::unique_ptr<fc_tx_block>> tx_;
  std::vector<std::unique_ptr<fc_rx_block>> rx_;
  std::vector<flit_t> presented_;  // the flit each port's receiver sees at the next edge
  std::vector<flow> flows_;
  std::vector<uint32_t> max_occ_;
  latency_stats lat_;
  rng drain_rng_, upd_rng_, loss_rng_;
  uint64_t link_flits_lost_ = 0;
  double drain_acc_ = 0;
  int rr_port_ = 1;
  uint64_t cycle_ = 0, watchdog_ = 0, last_delivery_ = 0;
  uint64_t delivered_window_ = 0, delivered_total_ = 0, updates_lost_ = 0, repeat_recovered_ = 0;
  struct upd_state {
    bool lost_pending = false;
    uint16_t lost_val = 0, seen_val = 0;
  };
  std::vector<upd_state> upd_;  // [port * 8 + vc]
  uint64_t compared_ = 0;
  std::string end_reason_ = "not finished";
  std::vector<nlohmann::json> storms_;
  uint64_t end_cycle_ = 0;
};

void incast_bench::drive() {
  const uint64_t k = cycle_;  // edges so far
  end_cycle_ = k;
  if (ctx_.log.have) return finish("mismatch");
  const bool measure = k >= cfg_.warmup && k < cfg_.cycles;
  for (int s = 1; s < n_; ++s) {
    receive(s);
    if (!send(s)) return finish("bench error: grant of an empty class");
    link_control(s);
  }
  if (pfc() && storm_seen(k)) return finish("pfc storm");
  drain(k, measure);
  if (const char* why = end_condition(k)) return finish(why);
  if (cfg_.progress && (k & 0xfffff) == 0 && k > 0)
    std::fprintf(stderr, "skybench: cycle %llu / %llu\n", (unsigned long long)k, (unsigned long long)cfg_.cycles);
  drive_inputs(k);
}

// Receiver of port s: the flit that arrived at this edge is queued unless dropped.
void incast_bench::receive(int s) {
  const flit_t& arrived = presented_[s];
  if (arrived.valid) {
    if (ref_rx(s).p.drop_o.valid) {
      ++fl(s, arrived.cls).dropped;
    } else {
      ingress_[s][arrived.cls].push_back(arrived);
    }
  }
  for (int c = 0; c < c_; ++c) max_occ_[c] = std::max<uint32_t>(max_occ_[c], uint32_t(ingress_[s][c].size()));
}

// Sender of port s: the granted class's head flit goes on the link. False
// when the grant names an empty class (a bench error).
bool incast_bench::send(int s) {
  fc_tx_block& tx = ref_tx(s);
  flit_t out{};
  if (tx.p.grant_o.valid) {
    const int c = tx.p.grant_o.cls;
    source& so = src_[s];
    flow& f = fl(s, c);
    if (so.queue[c].empty()) return false;
    const uint64_t pkt = so.queue[c].front();
    out = make_flit(s, c, pkt, so.head_flit[c], cfg_.packet_flits, f.sent_flits);
    ++f.sent_flits;
    if (++so.head_flit[c] == cfg_.packet_flits) {
      so.head_flit[c] = 0;
      so.queue[c].pop_front();
    }
  }
  // A data flit lost on the link (flow_control.flit_loss_rate; no LLR
  // here): the sender counted it, the receiver never sees it.
  if (out.valid && cfg_.flit_loss_rate > 0 && loss_rng_.bernoulli(cfg_.flit_loss_rate)) {
    ++link_flits_lost_;
    out = flit_t{};
  }
  presented_[s] = fwd_[s].push(out);
  return true;
}

// Control on the reverse link (pause frames or credit updates) and the
// credits-consumed sync on the forward one; the arriving flit to the receivers.
void incast_bench::link_control(int s) {
  const fc_rx_block& rx = ref_rx(s);
  if (pfc()) {
    const pause_t& pz = rev_pause_[s].push(rx.p.pause_o);
    tx_[size_t(s)]->p.pause_i = pz;
  } else {
    credit_t cr = rx.p.credit_o;
    // Lost updates: drawn every cycle, whatever the slot carries.
    const bool lose = cfg_.update_error_rate > 0 && upd_rng_.bernoulli(cfg_.update_error_rate);
    upd_state& us = upd_[size_t(s) * 8 + (cr.vc & 7)];
    if (lose && cr.valid) {
      ++updates_lost_;
      us.lost_pending = true;
      us.lost_val = cr.credits;
      cr = credit_t{};
    } else if (cr.valid) {
      // A later update returns the credits a lost one carried.
      if (us.lost_pending) repeat_recovered_ += uint16_t(us.lost_val - us.seen_val);
      us.lost_pending = false;
      us.seen_val = cr.credits;
    }
    const credit_t& cz = rev_credit_[s].push(cr);
    const cc_update_t& ccz = fwd_cc_[s].push(ref_tx(s).p.cc_o);
    tx_[size_t(s)]->p.credit_i = cz;
    rx_[size_t(s)]->p.cc_i = ccz;
  }
  rx_[size_t(s)]->p.in_i = presented_[s];
}

// Storm watchdog events of the PFC senders (each (port, class) once); true when any.
bool incast_bench::storm_seen(uint64_t k) {
  for (int s = 1; s < n_; ++s) {
    for (int c = 0; c < c_; ++c) {
      const uint32_t st = ref_tx(s).p.pfc_stat.storms[c];
      if (st > 0 && storms_.size() < 64) {
        bool known = false;
        for (const auto& j : storms_) known = known || (j["port"] == s && j["class"] == c);
        if (!known) storms_.push_back({{"port", s}, {"class", c}, {"cycle", k}});
      }
    }
  }
  return !storms_.empty();
}

// The output drains the ingress queues: highest class first, round-robin over ports.
void incast_bench::drain(uint64_t k, bool measure) {
  std::vector<fc_sel_t> deq(size_t(n_), fc_sel_t{});
  const bool stuck = cfg_.stuck_receiver && k >= cfg_.stuck_at_cycle &&
                     (cfg_.stuck_for_cycles == 0 || k < cfg_.stuck_at_cycle + cfg_.stuck_for_cycles);
  drain_acc_ += stuck ? 0.0 : cfg_.drain_rate;
  if (drain_acc_ >= 1.0) {
    int port = -1, cls = -1;
    for (int c = c_ - 1; c >= 0 && port < 0; --c) {
      for (int i = 0; i < n_ - 1; ++i) {
        const int s = 1 + (rr_port_ - 1 + i) % (n_ - 1);
        if (!ingress_[s][c].empty()) {
          port = s;
          cls = c;
          break;
        }
      }
    }
    if (port > 0) {
      drain_acc_ -= 1.0;
      rr_port_ = 1 + port % (n_ - 1);
      const flit_t f = ingress_[port][cls].front();
      ingress_[port][cls].pop_front();
      deq[port] = {true, uint8_t(cls)};
      score(port, cls, f, k, measure);
    } else {
      drain_acc_ = std::min(drain_acc_, 1.0);
    }
  }
  for (int s = 1; s < n_; ++s) rx_[size_t(s)]->p.deq_i = deq[s];
}

// Scoreboard: a drained flit against the flow's next expected one.
void incast_bench::score(int port, int cls, const flit_t& f, uint64_t k, bool measure) {
  flow& fw = fl(port, cls);
  last_delivery_ = k;
  ++delivered_total_;
  if (measure) ++delivered_window_;
  const uint64_t e = fw.expected;
  const int64_t delta = int64_t(int32_t(uint32_t(f.seq - uint32_t(e & 0xFFFFF)) << 12) >> 12);
  const uint64_t j = uint64_t(int64_t(e) + delta);
  const uint64_t pkt = j / uint64_t(cfg_.packet_flits);
  const int idx = int(j % uint64_t(cfg_.packet_flits));
  const flit_t want = make_flit(port, cls, pkt, idx, cfg_.packet_flits, j);
  if (!(f == want)) {
    ++fw.corrupted;
    ++fw.expected;
  } else if (delta < 0) {
    ++fw.reordered;
  } else {
    fw.lost += j - e;  // skipped flits: dropped (best effort) or lost
    fw.expected = j + 1;
    ++fw.delivered;
    // Packets whose tails were dropped (best effort) leave the list unmeasured.
    while (!fw.gen_cycle.empty() && fw.gen_cycle.front().first < pkt) fw.gen_cycle.pop_front();
    if (f.eop && !fw.gen_cycle.empty() && fw.gen_cycle.front().first == pkt) {
      const uint64_t g = fw.gen_cycle.front().second;
      fw.gen_cycle.pop_front();
      if (g >= cfg_.warmup && g < cfg_.cycles) lat_.add(k - g);
    }
  }
}

// Why the run ends after cycle k, or null.
const char* incast_bench::end_condition(uint64_t k) const {
  uint64_t pending = 0;
  for (int s = 1; s < n_; ++s)
    for (int c = 0; c < c_; ++c) {
      const flow& f = fl(s, c);
      pending += f.gen_packets * uint64_t(cfg_.packet_flits) - f.delivered - f.dropped;
    }
  if (k >= cfg_.cycles && pending == 0) return "drained";
  if (pending > 0 && k - last_delivery_ > watchdog_) return "stalled";
  for (int s = 1; s < n_; ++s)
    for (const block_base* b : {static_cast<const block_base*>(tx_[size_t(s)].get()), static_cast<const block_base*>(rx_[size_t(s)].get())}) {
      if (!b->violations().empty()) return "model assertion";
      if (b->assertion_failures()) return "rtl assertion";
    }
  return nullptr;
}

void incast_bench::drive_inputs(uint64_t k) {
  // Packet arrivals of cycle k, then the offers for the next edge.
  const double p_pkt = cfg_.load / double(cfg_.packet_flits);
  for (int s = 1; s < n_; ++s) {
    source& so = src_[s];
    if (k < cfg_.cycles && so.arrivals.bernoulli(p_pkt)) {
      const int c = int(so.cls_pick.below(uint32_t(c_)));
      flow& f = fl(s, c);
      f.gen_cycle.emplace_back(f.gen_packets, k);
      so.queue[c].push_back(f.gen_packets++);
    }
    uint8_t offer = 0, sop = 0, eop = 0;
    for (int c = 0; c < c_; ++c) {
      if (so.queue[c].empty()) continue;
      offer |= uint8_t(1u << c);
      if (so.head_flit[c] == 0) sop |= uint8_t(1u << c);
      if (so.head_flit[c] == cfg_.packet_flits - 1) eop |= uint8_t(1u << c);
    }
    fc_tx_ports& p = tx_[size_t(s)]->p;
    p.offer_i = offer;
    p.sop_i = sop;
    p.eop_i = eop;
  }
}

// checks.lossless over the lossless classes; in_flight: flits not delivered
// nor dropped when the run did not drain.
nlohmann::json incast_bench::lossless_json(uint64_t& in_flight) const {
  using nlohmann::json;
  const bool drained = end_reason_ == "drained";
  uint64_t injected = 0, delivered = 0, lost = 0, reordered = 0, corrupted = 0, be_drops = 0;
  in_flight = 0;
  std::string first_error;
  for (int s = 1; s < n_; ++s) {
    for (int c = 0; c < c_; ++c) {
      const flow& f = fl(s, c);
      const bool lossless = (cfg_.lossless >> c) & 1;
      const uint64_t gen = f.gen_packets * uint64_t(cfg_.packet_flits);
      if (!drained) in_flight += gen - f.delivered - f.dropped;
      if (!lossless) {
        be_drops += f.dropped;
        continue;
      }
      injected += gen;
      delivered += f.delivered;
      const uint64_t l = std::max(f.dropped, f.lost);
      lost += l;
      reordered += f.reordered;
      corrupted += f.corrupted;
      if (first_error.empty() && (l || f.reordered || f.corrupted))
        first_error = "port " + std::to_string(s) + " class " + std::to_string(c) + " (lossless): " +
                      std::to_string(l) + " flits dropped at the ingress, " + std::to_string(f.reordered) +
                      " reordered, " + std::to_string(f.corrupted) + " corrupted";
    }
  }
  if (first_error.empty() && !drained)
    first_error = "run ended (" + end_reason_ + ") with " + std::to_string(in_flight) + " flits in flight";
  return {{"pass", drained && lost == 0 && reordered == 0 && corrupted == 0},
          {"unit", "flits of lossless classes"},
          {"injected", injected},
          {"delivered", delivered},
          {"lost", lost},
          {"duplicated", 0},
          {"reordered", reordered},
          {"corrupted", corrupted},
          {"in_flight", drained ? 0 : in_flight},
          {"best_effort_drops", be_drops},
          {"first_error", first_error.empty() ? json(nullptr) : json(first_error)}};
}

// checks.assertions: the models' violations and the RTL's SVA failures.
nlohmann::json incast_bench::assertions_json() const {
  using nlohmann::json;
  json fails = json::array();
  uint64_t rtl_fails = 0;
  for (int s = 1; s < n_; ++s) {
    for (const auto& v : tx_[size_t(s)]->violations()) fails.push_back("model tx" + std::to_string(s) + ": " + v);
    for (const auto& v : rx_[size_t(s)]->violations()) fails.push_back("model rx" + std::to_string(s) + ": " + v);
    rtl_fails += tx_[size_t(s)]->assertion_failures() + rx_[size_t(s)]->assertion_failures();
  }
  if (rtl_fails) fails.push_back("rtl: " + std::to_string(rtl_fails) + " SVA failure(s)");
  return {{"pass", fails.empty()}, {"failures", fails}};
}

// The PFC counters, the headroom and storm checks, the pause coverage.
void incast_bench::pfc_json(nlohmann::json& r) const {
  using nlohmann::json;
  const uint32_t d = cfg_.link.delay_cycles();
  uint64_t sent = 0, recv = 0, viol = 0, storms = 0;
  std::vector<uint64_t> paused(c_, 0), drops(c_, 0), hv(c_, 0);
  for (int s = 1; s < n_; ++s) {
    const pfc_rx_stat_t& rs = ref_rx(s).p.pfc_stat;
    const pfc_tx_stat_t& ts = ref_tx(s).p.pfc_stat;
    sent += rs.frames;
    recv += ts.frames;
    for (int c = 0; c < c_; ++c) {
      paused[c] += ts.paused_cycles[c];
      drops[c] += rs.drops[c];
      hv[c] += rs.violations[c];
      viol += rs.violations[c];
      storms += ts.storms[c];
    }
  }
  r["pfc"] = {{"pause_frames_sent", sent},
              {"pause_frames_received", recv},
              {"paused_cycles_per_class", paused},
              {"max_occupancy_per_class", max_occ_},
              {"drops_per_class", drops},
              {"headroom_violations_per_class", hv},
              {"headroom_violations", viol},
              {"storm_events", storms},
              {"storms", storms_},
              {"xoff_flits", cfg_.fc.pfc_rx.xoff},
              {"xon_flits", cfg_.fc.pfc_rx.xon},
              {"limit_flits", cfg_.fc.pfc_rx.limit},
              {"headroom_flits", cfg_.fc.pfc_rx.limit - cfg_.fc.pfc_rx.xoff},
              {"headroom_needed_flits", pfc_headroom_flits(d, cfg_.fc.pfc_tx.reaction, uint32_t(cfg_.packet_flits))}};
  r["checks"]["headroom"] = {{"pass", viol == 0}, {"violations", viol}};
  r["checks"]["storm"] = {{"pass", storms_.empty()}, {"events", storms_}};
  // Coverage: every lossless class was paused (bins = class numbers).
  json bins = json::array();
  uint64_t n_lossless = 0;
  for (int c = 0; c < c_; ++c) {
    if (!((cfg_.lossless >> c) & 1)) continue;
    ++n_lossless;
    if (paused[c] > 0) bins.push_back(c);
  }
  r["coverage"] = {{"pause_every_lossless_class", {{"hit", bins.size()}, {"total", n_lossless}, {"bins", bins}}}};
}

// The CBFC counters, the overflow check, the credit coverage.
void incast_bench::cbfc_json(nlohmann::json& r) const {
  using nlohmann::json;
  const uint32_t d = cfg_.link.delay_cycles();
  uint64_t stalls = 0, sent = 0, recovered = 0, overflows = 0;
  for (int s = 1; s < n_; ++s) {
    stalls += ref_tx(s).p.cbfc_stat.stalls;
    sent += ref_rx(s).p.cbfc_stat.updates;
    recovered += ref_rx(s).p.cbfc_stat.recovered;
    overflows += ref_rx(s).p.cbfc_stat.overflows;
  }
  r["cbfc"] = {{"credit_stalls", stalls},
               {"link_flits_lost", link_flits_lost_},
               {"updates_sent", sent},
               {"updates_lost", updates_lost_},
               {"credits_recovered", recovered + repeat_recovered_},
               {"credits_recovered_by_update_repeat", repeat_recovered_},
               {"credits_recovered_by_sync", recovered},
               {"overflows", overflows},
               {"max_occupancy_per_class", max_occ_},
               {"credits_per_vc", cfg_.fc.cbfc.limit},
               {"credits_needed_full_rate", cbfc_credits_needed(d, cfg_.fc.cbfc.min_spacing, cfg_.fc.cbfc.cost)}};
  r["checks"]["headroom"] = {{"pass", overflows == 0}, {"violations", overflows}};
  // Coverage: a sender ran out of credit (credit starvation), a lost
  // update was repaired.
  r["coverage"] = {{"credit_starvation", {{"hit", stalls > 0 ? 1 : 0}, {"total", 1}, {"count", stalls}}},
                   {"lost_update_recovered",
                    {{"hit", recovered + repeat_recovered_ > 0 ? 1 : 0}, {"total", 1}, {"count", recovered + repeat_recovered_}}}};
}

nlohmann::json incast_bench::result(double wall_s) const {
  using nlohmann::json;
  json r;
  const double ns = cfg_.link.cycle_ns();
  const json cosim =
      cfg_.impl == impl_mode::lockstep ? cosim_json(ctx_.log, compared_, compared_ * uint64_t(n_ - 1), ns) : cosim_off();
  const bool drained = end_reason_ == "drained";
  uint64_t in_flight = 0;
  json lossless = lossless_json(in_flight);
  json drain = {{"pass", drained}, {"end", end_reason_}, {"flits_in_flight", drained ? 0 : in_flight}};
  r["checks"] = {{"cosim", cosim}, {"lossless", lossless}, {"drain", drain}, {"assertions", assertions_json()}};
  if (pfc())
    pfc_json(r);
  else
    cbfc_json(r);
  bool pass = true;
  for (auto& [k, v] : r["checks"].items()) pass = pass && v["pass"].get<bool>();
  r["verdict"] = pass ? "pass" : "fail";
  r["latency"] = {{"packet", lat_.to_json()}};
  r["latency"]["packet"]["definition"] = "generation at the source to the tail leaving the congested output";
  const uint64_t window = cfg_.cycles > cfg_.warmup ? cfg_.cycles - cfg_.warmup : 0;
  r["throughput"] = {{"unit", "flits/cycle at the congested output"},
                     {"offered", std::min(1.0, cfg_.load * double(n_ - 1))},
                     {"accepted", window ? double(delivered_window_) / double(window) : 0.0},
                     {"drain_rate", cfg_.drain_rate},
                     {"window_cycles", window}};
  r["sim"] = sim_json(end_cycle_, ns, wall_s, delivered_total_, end_reason_);
  if (!cfg_.out_dir.empty()) lat_.write_csv(cfg_.out_dir + "/latency_packet.csv");
  return r;
}

}  // namespace

nlohmann::json run_incast_bench(const incast_bench_config& cfg) {
  auto bench = std::make_unique<incast_bench>("bench", cfg);
  return run_captured(cfg.out_dir, [&](double wall_s) { return with_rtl_coverage(bench->result(wall_s), cfg.out_dir); });
}

}  // namespace sb
