#include "sb_ls_traffic.h"

#include <cmath>
#include <stdexcept>

namespace sb {

ls_pattern parse_ls_pattern(const std::string& s) {
  for (ls_pattern p : {ls_pattern::uniform, ls_pattern::hotspot, ls_pattern::permutation, ls_pattern::incast,
                       ls_pattern::all_to_all, ls_pattern::ring})
    if (s == to_string(p)) return p;
  throw std::invalid_argument("unknown load-store traffic pattern '" + s + "'");
}

const char* to_string(ls_pattern p) {
  switch (p) {
    case ls_pattern::uniform: return "uniform";
    case ls_pattern::hotspot: return "hotspot";
    case ls_pattern::permutation: return "permutation";
    case ls_pattern::incast: return "incast";
    case ls_pattern::all_to_all: return "all_to_all";
    case ls_pattern::ring: return "ring";
  }
  return "?";
}

ls_traffic::ls_traffic(int port, int ports, const ls_traffic_params& p, uint64_t seed,
                       const std::vector<uint16_t>* perm, uint64_t substream)
    : port_(port), ports_(ports), p_(p), rng_(seed, 0x15000 + uint64_t(port) + (substream << 32)), perm_(perm) {
  const double rate = p_.load / mean_flits_per_txn();  // transactions per cycle
  inv_log_q_ = rate >= 1.0 ? 0.0 : rate <= 0.0 ? 0.0 : 1.0 / std::log1p(-rate);
  next_ = rate > 0.0 ? rng_.geometric_inv(inv_log_q_) - 1 : UINT64_MAX;
  a2a_ = port;
}

double ls_traffic::mean_flits_per_txn() const {
  const double s = p_.size_flits > 0 ? p_.size_flits : 2.5;
  const double at = 1.0 - p_.read_fraction - p_.write_fraction;
  // read: 1 + (1 + s); write: (1 + s) + 1; atomic: 2 + 2
  return (p_.read_fraction + p_.write_fraction) * (2.0 + s) + at * 4.0;
}

int ls_traffic::pick_dst() {
  auto other = [&] {
    int d = int(rng_.next() % uint64_t(ports_ - 1));
    return d >= port_ ? d + 1 : d;
  };
  switch (p_.pattern) {
    case ls_pattern::uniform: return other();
    case ls_pattern::hotspot:
      if (p_.hotspot_port != port_ && rng_.bernoulli(p_.hotspot_fraction)) return p_.hotspot_port;
      return other();
    case ls_pattern::permutation: return (*perm_)[size_t(port_)];
    case ls_pattern::incast: return port_ == p_.incast_target ? other() : p_.incast_target;
    case ls_pattern::all_to_all: {
      a2a_ = (a2a_ + 1) % ports_;
      if (a2a_ == port_) a2a_ = (a2a_ + 1) % ports_;
      return a2a_;
    }
    case ls_pattern::ring: return (port_ + 1) % ports_;
  }
  return other();
}

ls_gen_req ls_traffic::make(uint64_t cycle) {
  ls_gen_req g;
  ls_req_t& r = g.req;
  r.valid = true;
  const double u = rng_.uniform();
  const bool ring = p_.pattern == ls_pattern::ring;
  r.op = ring ? 1 : u < p_.read_fraction ? 0 : u < p_.read_fraction + p_.write_fraction ? 1 : 2;
  r.dst = uint16_t(pick_dst());
  r.size = r.op == 2 ? 1 : uint8_t(p_.size_flits > 0 ? p_.size_flits : 1 + int(rng_.next() % 4));
  // Each source owns a region at each target, so that what a read returns
  // is known at the source: the value of its own last write there.
  const uint32_t block = uint32_t(rng_.next() % uint64_t(p_.address_lines));
  r.addr = (uint32_t(port_) << 20) | (block << 2);
  r.wdata = uint32_t(rng_.next());
  g.gen_cycle = cycle;
  ++generated_;
  return g;
}

void ls_traffic::generate(uint64_t cycle, uint64_t outstanding) {
  if (p_.pattern == ls_pattern::ring) {
    while (ring_allow_ > 0) {
      q_.push_back(make(cycle));
      --ring_allow_;
    }
    return;
  }
  if (p_.closed) {
    while (outstanding + q_.size() < uint64_t(p_.window)) q_.push_back(make(cycle));
    return;
  }
  while (next_ <= cycle) {
    q_.push_back(make(cycle));
    next_ += rng_.geometric_inv(inv_log_q_);
  }
}

}  // namespace sb
