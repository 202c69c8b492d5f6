#include "sb_traffic.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sb {

traffic_pattern parse_pattern(const std::string& s) {
  if (s == "uniform") return traffic_pattern::uniform;
  if (s == "hotspot") return traffic_pattern::hotspot;
  if (s == "permutation") return traffic_pattern::permutation;
  if (s == "incast") return traffic_pattern::incast;
  if (s == "bursty") return traffic_pattern::bursty;
  throw std::invalid_argument("unknown traffic pattern '" + s + "'");
}

const char* to_string(traffic_pattern p) {
  switch (p) {
    case traffic_pattern::uniform: return "uniform";
    case traffic_pattern::hotspot: return "hotspot";
    case traffic_pattern::permutation: return "permutation";
    case traffic_pattern::incast: return "incast";
    case traffic_pattern::bursty: return "bursty";
  }
  return "?";
}

std::vector<uint16_t> make_permutation(int ports, uint64_t seed) {
  std::vector<uint16_t> perm(ports);
  for (int i = 0; i < ports; ++i) perm[i] = uint16_t(i);
  rng r(seed, 0xfeed);
  for (int i = ports - 1; i > 0; --i) std::swap(perm[i], perm[r.below(uint32_t(i + 1))]);
  return perm;
}

traffic_source::traffic_source(int port, int ports, const traffic_params& p, bool fifo, int depth,
                               uint64_t seed, const std::vector<uint16_t>* perm)
    : port_(port), ports_(ports), p_(p), fifo_(fifo), rng_(seed, uint64_t(port) + 1), perm_(perm) {
  pkt_rate_ = p_.load / p_.packet_flits;
  inv_log_q_ = pkt_rate_ >= 1.0 || pkt_rate_ <= 0.0 ? 0.0 : 1.0 / std::log1p(-pkt_rate_);
  if (p_.pattern != traffic_pattern::bursty) gap_ = geometric_sampler(inv_log_q_);
  active_ = pkt_rate_ > 0 && !(p_.pattern == traffic_pattern::incast && port_ == p_.incast_target);
  credits_.assign(fifo_ ? p_.classes : size_t(ports_) * p_.classes, depth);
  next_no_.assign(size_t(ports_) * p_.classes, 0);
  // The first arrival: as if the process had started one cycle before 0.
  next_arrival_ = 0;
  if (active_) {
    if (p_.pattern == traffic_pattern::bursty) {
      schedule_next(0);
    } else {
      next_arrival_ = gap_.draw(rng_) - 1;
    }
  }
}

int traffic_source::pick_dst() {
  switch (p_.pattern) {
    case traffic_pattern::uniform: return int(rng_.below(uint32_t(ports_)));
    case traffic_pattern::hotspot:
      return rng_.bernoulli(p_.hotspot_fraction) ? p_.hotspot_port : int(rng_.below(uint32_t(ports_)));
    case traffic_pattern::permutation: return (*perm_)[port_];
    case traffic_pattern::incast: return p_.incast_target;
    case traffic_pattern::bursty: return burst_dst_;
  }
  return 0;
}

void traffic_source::schedule_next(uint64_t now) {
  if (p_.pattern != traffic_pattern::bursty) {
    next_arrival_ = now + gap_.draw(rng_);  // >= now + 1
    return;
  }
  // On/off source: bursts of back-to-back packets to one destination, with
  // off periods sized so that the long-run load is p_.load.
  if (burst_left_ > 0) {
    next_arrival_ = now + uint64_t(p_.packet_flits);
    return;
  }
  burst_left_ = int(rng_.geometric(1.0 / std::max(1.0, p_.burst_packets)));
  burst_dst_ = int(rng_.below(uint32_t(ports_)));
  const double on = double(burst_left_) * p_.packet_flits;
  const double off_mean = p_.load >= 1.0 ? 0.0 : on * (1.0 - p_.load) / p_.load;
  const uint64_t off = off_mean > 0 ? rng_.geometric(1.0 / (1.0 + off_mean)) - 1 : 0;
  // The first burst may start at cycle 0; later ones after the previous packet.
  next_arrival_ = now + off + (first_burst_ ? 0 : uint64_t(p_.packet_flits));
  first_burst_ = false;
}

void traffic_source::push_packet(int dst, uint64_t cycle) {
  const int cls = p_.classes > 1 ? int(rng_.below(uint32_t(p_.classes))) : 0;
  uint64_t& no = next_no_[size_t(dst) * p_.classes + cls];
  q_.push_back(packet_desc{uint16_t(dst), uint8_t(cls), uint16_t(p_.packet_flits), no++, cycle});
  gen_flits_ += uint64_t(p_.packet_flits);
  ++gen_packets_;
}

void traffic_source::generate_slow(uint64_t cycle) {
  if (p_.pattern == traffic_pattern::uniform && p_.classes == 1) {
    // The common case inline: the same draws in the same order as below
    // (destination, then the gap), without the pattern and class dispatch.
    const uint16_t len = uint16_t(p_.packet_flits);
    while (next_arrival_ <= cycle) {
      const uint64_t at = next_arrival_;
      const int dst = int(rng_.below(uint32_t(ports_)));
      q_.push_back(packet_desc{uint16_t(dst), 0, len, next_no_[size_t(dst)]++, at});
      gen_flits_ += len;
      ++gen_packets_;
      next_arrival_ = at + gap_.draw(rng_);
    }
    return;
  }
  while (active_ && next_arrival_ <= cycle) {
    const uint64_t at = next_arrival_;
    push_packet(pick_dst(), at);
    if (p_.pattern == traffic_pattern::bursty) --burst_left_;
    schedule_next(at);
  }
}

flit_t traffic_source::next_flit_slow() {
  head_presented_ = false;
  flit_t f{};
  const packet_desc& pk = q_.front();
  int& cr = credits_[qidx(pk.dst, pk.cls)];
  if (cr <= 0 && !p_.ignore_credits) {
    ++credit_stalls_;
    return f;
  }
  --cr;
  f.valid = true;
  f.sop = flit_idx_ == 0;
  f.eop = flit_idx_ == pk.len - 1;
  f.src = uint16_t(port_);
  f.dst = uint16_t(pk.dst);
  f.cls = uint8_t(pk.cls);
  f.ptype = ptype_e::DATA;
  f.len = uint8_t(pk.len);
  f.tag = uint16_t(pk.no & 0xfff);
  f.seq = 0;
  f.sig = payload_sig(uint32_t(port_), pk.dst, pk.cls, pk.no, uint32_t(flit_idx_));
  if (f.sop) {
    head_presented_ = true;
    presented_ = pk;
  }
  if (++flit_idx_ == pk.len) {
    flit_idx_ = 0;
    q_.pop_front();
  }
  return f;
}

}  // namespace sb
