#include "sb_endpoint.h"

#include "sb_collective.h"
#include "sb_plane_health.h"
#include "sb_pod_bench.h"

namespace sb {

namespace {
// The static hash of (source, target, address block): a splitmix finaliser.
uint32_t flow_hash(int src, int dst, uint32_t block) {
  uint64_t x = (uint64_t(src) << 42) ^ (uint64_t(dst) << 21) ^ block;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return uint32_t(x ^ (x >> 31));
}
uint64_t block_key(int dst, uint32_t addr) { return (uint64_t(dst) << 32) | (addr >> 2); }
constexpr int kParkPerCycle = 64;  // requests moved to the parked queues per cycle at most
}  // namespace

endpoint::endpoint(int e, const pod_bench_config& cfg, const std::vector<uint16_t>* perm, lockstep_ctx* ctx,
                   pod_scoreboard* sb, sb_ls_tlm_port* port, ls_func_memory* mem, std::vector<sb_ls_tlm_port*>* ports,
                   const plane_health* health)
    : e_(e),
      k_count_(cfg.planes),
      cfg_(cfg),
      sb_(sb),
      port_(port),
      health_(health),
      parked_(size_t(cfg.planes)),
      rng_(cfg.seed, 0x16000 + uint64_t(e)),
      issued_(size_t(cfg.planes), 0) {
  mem_.port = e;
  for (int k = 0; k < cfg.planes; ++k)
    links_.push_back(std::make_unique<endpoint_link>(e, k, cfg, ctx, sb, port, mem, ports,
                                                     cfg.planes > 1 || cfg.coll.on ? &mem_ : nullptr));
  // One generator per attached link's worth of load (traffic.load is per
  // link); the closed loop and the ring steps have one, with the window
  // scaled; a target-only endpoint has none.
  const endpoint_profile& pf = cfg.profile(e);
  const bool one = pf.traffic.closed || pf.traffic.pattern == ls_pattern::ring;
  const int gens = !pf.initiator ? 0 : one ? 1 : pf.links;
  for (int j = 0; j < gens; ++j) {
    ls_traffic_params tp = pf.traffic;
    if (one) tp.window *= pf.links;
    gen_.emplace_back(e, cfg.ports, tp, cfg.seed, perm, uint64_t(j));
  }
}

void endpoint::generate(uint64_t k) {
  if (coll_) {  // a collective: a few requests ahead of the links, made as they can go (their data is current)
    ls_gen_req g;
    while (q_.size() < size_t(2 * k_count_) && coll_->next(e_, k, g)) q_.push_back({g, -1});
    return;
  }
  uint64_t outstanding = sb_->live(e_) + q_.size();
  for (const auto& pq : parked_) outstanding += pq.size();
  for (auto& g : gen_) {
    g.generate(k, outstanding);
    for (; !g.empty(); g.pop()) q_.push_back({g.front(), -1});
  }
}

void endpoint::wire(uint64_t k, bool gen) {
  now_ = k;
  const bool ext = driven();
  if (gen && !ext) generate(k);
  for (auto& l : links_) {
    l->wire(k, ext);
    if (coll_)
      for (const auto& [dst, addr] : l->completed()) coll_->completed(e_, dst, addr);
    if (k_count_ > 1)
      for (const auto& [dst, addr] : l->completed()) {
        auto it = bound_.find(block_key(dst, addr));
        if (it != bound_.end() && --it->second.live == 0) bound_.erase(it);
      }
  }
  issue(ext);
  for (auto& l : links_) l->finish();
}

void endpoint::bind(const ls_req_t& r, int p) {
  ++issued_[size_t(p)];
  if (k_count_ == 1) return;
  binding& b = bound_[block_key(r.dst, r.addr)];
  b.plane = p;
  ++b.live;
}

// Up to one request per link: first the parked ones whose plane can take
// one, then in order from the head (parking those bound to a busy plane).
void endpoint::issue(bool ext) {
  if (ext) return issue_ext();
  int issued = 0, parked = 0;
  for (int p = 0; p < k_count_ && k_count_ > 1; ++p) {
    auto& pq = parked_[size_t(p)];
    if (pq.empty() || !links_[size_t(p)]->can_offer()) continue;
    ++issued_[size_t(p)];  // (its binding was counted when it was parked)
    links_[size_t(p)]->offer(pq.front());
    pq.pop_front();
    ++issued;
  }
  while (issued < k_count_ && !q_.empty()) {
    waiting& w = q_.front();
    if (k_count_ > 1) {
      auto it = bound_.find(block_key(w.g.req.dst, w.g.req.addr));
      if (it != bound_.end()) {
        const int p = it->second.plane;
        if (!parked_[size_t(p)].empty() || !links_[size_t(p)]->can_offer()) {
          if (++parked > kParkPerCycle) break;
          ++it->second.live;  // parked: bound as if in flight (nothing may pass it)
          parked_[size_t(p)].push_back(w.g);
          q_.pop_front();
          continue;
        }
      }
    }
    const int p = choose(w.g.req, w.choice);
    if (p < 0) break;
    bind(w.g.req, p);
    links_[size_t(p)]->offer(w.g);
    q_.pop_front();
    ++issued;
  }
}

// A TLM initiator's requests, in order, one at a time.
void endpoint::issue_ext() {
  // (a TLM request stays at the port's front until accept() hands it its tag)
  for (const auto& l : links_)
    if (l->offered()) return;
  if (!port_->has_request()) return;
  const ls_req_t r = port_->request();
  int p = choose(r, ext_choice_);
  if (p < 0) return;
  if (p >= 16 && bound_.find(block_key(r.dst, r.addr)) == bound_.end()) {
    p %= 16;  // (a TLM port tells its transactions apart by tag | plane << 12: planes 0..15 carry them)
    if (!links_[size_t(p)]->can_offer()) return;
  }
  bind(r, p);
  ext_choice_ = -1;
  links_[size_t(p)]->offer(ls_gen_req{r, port_->request_time_cycle(cfg_.link.cycle_ns())});
}

// The planes a request to dst may use: 0..reach-1. (TEST ONLY
// unattached_plane: endpoint 0 ignores the link counts from fault_cycle on.)
int endpoint::reach(int dst) const {
  if (cfg_.fault == pod_fault::unattached_plane && e_ == 0 && now_ >= cfg_.fault_cycle) return k_count_;
  return cfg_.common_links(e_, dst);
}

bool endpoint::live(int k, int dst) const {
  return !health_ || (health_->alive(e_, k) && health_->alive(dst, k));
}

int endpoint::choose(const ls_req_t& r, int& choice) {
  auto ready = [&](int p) { return links_[size_t(p)]->can_offer() ? p : -1; };
  if (k_count_ == 1) return ready(0);
  auto it = bound_.find(block_key(r.dst, r.addr));
  if (it != bound_.end()) return ready(it->second.plane);  // same block in flight: same plane (order)
  // Only the planes both ends attach to (endpoints.groups.<i>.links).
  const int lim = reach(r.dst);
  alive_.clear();
  for (int k = 0; k < lim; ++k)
    if (live(k, r.dst)) alive_.push_back(k);
  if (alive_.empty())
    for (int k = 0; k < lim; ++k) alive_.push_back(k);
  const auto n = uint32_t(alive_.size());
  switch (cfg_.policy) {
    case plane_select::hash:
      return ready(alive_[flow_hash(e_, r.dst, r.addr >> 2) % n]);
    case plane_select::spray: {
      bool still = false;
      for (int p : alive_) still = still || p == choice;
      if (!still) {
        if (cfg_.spray_random) {
          choice = alive_[rng_.below(n)];
        } else {
          choice = alive_[0];
          for (int p : alive_)
            if (p >= rr_) {
              choice = p;
              break;
            }
          rr_ = (choice + 1) % k_count_;
        }
      }
      return ready(choice);
    }
    case plane_select::adaptive: {
      int best = -1;
      uint64_t best_load = 0;
      for (int i = 0; i < k_count_; ++i) {
        const int p = (rr_ + i) % k_count_;
        if (p >= lim || (!live(p, r.dst) && n < uint32_t(lim))) continue;
        if (!links_[size_t(p)]->can_offer()) continue;
        const uint64_t b = links_[size_t(p)]->backlog();
        if (best < 0 || b < best_load) best = p, best_load = b;
      }
      if (best >= 0) rr_ = (best + 1) % k_count_;
      return best;
    }
  }
  return -1;
}

uint64_t endpoint::pending() const {
  uint64_t n = q_.size() + (driven() && port_->queued() ? 1 : 0);
  for (const auto& pq : parked_) n += pq.size();
  for (const auto& l : links_) n += l->offered() ? 1 : 0;
  return n;
}

void endpoint::step() {
  for (auto& l : links_) l->step();
}

bool endpoint::empty() const {
  for (const auto& l : links_)
    if (!l->empty()) return false;
  return true;
}

void endpoint::collect_violations(std::vector<std::string>& out) const {
  for (const auto& l : links_) l->collect_violations(out);
}

uint64_t endpoint::assertion_failures() const {
  uint64_t n = 0;
  for (const auto& l : links_) n += l->assertion_failures();
  return n;
}

}  // namespace sb
