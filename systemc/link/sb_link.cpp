#include "sb_link.h"

#include <cmath>

#include "sb_validated.h"

namespace sb {

uint32_t link_params::delay_cycles() const {
  // A small tolerance keeps exact multiples (e.g. 64 ns / 0.64 ns) from
  // rounding up through floating-point noise.
  return uint32_t(std::ceil(one_way_ns() / cycle_ns() - 1e-9));
}

double link_params::slot_error_rate() const {
  const double bits = 8.0 * flit_bytes;
  const double clean = (1.0 - flit_error_rate) * std::exp(bits * std::log1p(-bit_error_rate));
  return 1.0 - clean;
}

std::string link_params::validate() const {
  auto prob = [](const char* k, double v) -> std::string {
    return (v >= 0.0 && v <= 1.0) ? "" : std::string(k) + "=" + std::to_string(v) + " is not a probability in [0, 1]";
  };
  if (!(gbps > 0)) return "gbps must be positive";
  if (flit_bytes < 16 || flit_bytes > 4096) return "flit_bytes=" + std::to_string(flit_bytes) + " outside 16..4096";
  if (serdes_ns < 0 || fec_ns < 0 || cable_m < 0) return "latencies and cable length must be >= 0";
  for (auto [k, v] : {std::pair<const char*, double>{"flit_error_rate", flit_error_rate},
                      {"bit_error_rate", bit_error_rate}, {"burst_rate", burst_rate}, {"drop_rate", drop_rate},
                      {"ctrl_error_rate", ctrl_error_rate}, {"ctrl_drop_rate", ctrl_drop_rate}}) {
    const std::string why = prob(k, v);
    if (!why.empty()) return why;
  }
  if (burst_length < 1) return "burst_length must be >= 1";
  if (down_for_ns < 0) return "down_for_ns must be >= 0";
  if (framing == link_framing::ualink && flit_bytes > framing_format_of(framing).dl_payload)
    return "framing ualink: flit_bytes=" + std::to_string(flit_bytes) + " is longer than the DL flit's payload of " +
           std::to_string(framing_format_of(framing).dl_payload) + " B";
  if (phy.on()) {
    if (auto why = phy.validate(); !why.empty()) return "phy." + why;
    if (8 * flit_bytes > phy.codeword_bits())
      return "phy: a slot of " + std::to_string(8 * flit_bytes) + " bits is longer than a codeword of " +
             std::to_string(phy.codeword_bits()) + " bits (flit_bytes <= " + std::to_string(phy.codeword_bits() / 8) + ")";
  }
  return "";
}

llr_sizing llr_size(const link_params& link, int ack_spacing) {
  llr_sizing s;
  s.cycle_ns = link.cycle_ns();
  s.one_way_cycles = link.delay_cycles();
  s.round_trip_cycles = 2 * s.one_way_cycles + 4;
  s.depth_needed = s.round_trip_cycles + uint32_t(ack_spacing);
  return s;
}

link_direction::schedule::schedule(double p, uint64_t seed, uint64_t stream) : r(seed, stream) {
  if (p <= 0.0) return;
  inv_log_q = p >= 1.0 ? 0.0 : 1.0 / std::log1p(-p);
  next = r.geometric_inv(inv_log_q) - 1;  // first hit at slot index >= 0
}

bool link_direction::schedule::hit(uint64_t cycle) {
  if (cycle < next) return false;
  // Slots are pushed once per cycle, so cycle == next here.
  next = cycle + r.geometric_inv(inv_log_q);
  return true;
}

link_direction::link_direction(const link_params& p, uint64_t seed, uint64_t stream)
    : p_(validated(p, "link_params")),
      d_(p.delay_cycles()),
      hdr_line_(d_ + 1),
      data_line_(d_ + 1),
      err_(p.slot_error_rate(), seed, 0x11A0 + stream * 16),
      burst_(p.burst_rate, seed, 0x11A1 + stream * 16),
      drop_(p.drop_rate, seed, 0x11A2 + stream * 16),
      ctrl_err_(p.ctrl_error_rate, seed, 0x11A3 + stream * 16),
      ctrl_drop_(p.ctrl_drop_rate, seed, 0x11A4 + stream * 16),
      bits_(seed, 0x11A5 + stream * 16) {
  if (p.down_for_ns > 0 && p.down_at_ns >= 0) {
    const double c = p.cycle_ns();
    down_from_ = uint64_t(std::ceil(p.down_at_ns / c - 1e-9));
    down_to_ = uint64_t(std::ceil((p.down_at_ns + p.down_for_ns) / c - 1e-9));
  }
  if (p.phy.on()) {
    fec_ = std::make_unique<fec_channel>(p.phy, seed, 0x11A6 + stream * 16);
    fec_line_.assign(d_ + 1, fec_ev_t{});
    slot_bits_ = 8ull * uint64_t(p.flit_bytes);
    cw_bits_ = uint64_t(p.phy.codeword_bits());
  }
  if (p.framing != link_framing::ideal) fr_ = std::make_unique<framer>(p.framing, p.flit_bytes);
}

bool link_direction::phy_slot(uint64_t cycle, bool down, fec_ev_t& ev) {
  const uint64_t s0 = cycle * slot_bits_, s1 = s0 + slot_bits_;
  const double cyc = p_.cycle_ns();
  while (next_cw_ < s1) {
    pend_.push_back(pending_cw{next_cw_, next_cw_ + cw_bits_, fec_->next(double(next_cw_ / slot_bits_) * cyc)});
    next_cw_ += cw_bits_;
  }
  bool bad = false;
  size_t keep = 0;
  for (const pending_cw& w : pend_) {
    bad |= w.c.uncorr;  // (every pending codeword overlaps this slot)
    if (w.end > s1) {
      pend_[keep++] = w;
      continue;
    }
    if (down) continue;  // no lock, no decoded codeword
    ev = fec_ev_t{true, w.c.uncorr, uint8_t(w.c.errs)};
    ++c_.fec_cw;
    ++c_.fec_hist[w.c.uncorr ? 16 : std::min<uint32_t>(w.c.errs, 15)];
    if (w.c.uncorr) {
      ++c_.fec_uncorr;
      if (c_.first_uncorr == UINT64_MAX) c_.first_uncorr = cycle + d_;
    } else {
      c_.fec_symbols += w.c.errs;
      if (w.c.errs) ++c_.fec_corrected;
    }
  }
  pend_.resize(keep);
  return bad;
}

void link_direction::corrupt(llr_wire_t& h, flit_t& d, uint32_t b) {
  // Bit b of {kind, seq, crc, payload}; valid and ctrl are framing.
  if (b < 2) {
    h.kind = llr_ctrl_e(unsigned(h.kind) ^ (1u << b));
  } else if ((b -= 2) < 20) {
    h.seq ^= 1u << b;
  } else if ((b -= 20) < 32) {
    h.crc ^= 1u << b;
  } else {
    b -= 32;
    uint32_t w[4] = {0, 0, 0, 0};
    d.pack(w);
    w[b >> 5] ^= 1u << (b & 31);
    d.unpack(w);
  }
}

wire_faults link_direction::draw(uint64_t cycle, fec_ev_t& ev) {
  wire_faults f;
  // Every schedule advances at every slot, whatever the slot holds.
  f.err = err_.hit(cycle);
  if (burst_.hit(cycle)) burst_left_ = p_.burst_length;
  f.burst = burst_left_ > 0;
  if (f.burst) --burst_left_;
  f.drop = drop_.hit(cycle);
  f.ctrl_err = ctrl_err_.hit(cycle);
  f.ctrl_drop = ctrl_drop_.hit(cycle);
  f.down = (cycle >= down_from_ && cycle < down_to_) || (fec_ && p_.phy.flap_down(double(cycle) * p_.cycle_ns()));
  f.phy = fec_ && phy_slot(cycle, f.down, ev);
  f.phy_bit = uint32_t((cycle * 2654435761ull) % kCorruptBits);  // (content-independent)
  // The flipped bit is drawn whenever a corruption strikes, idle slot or not.
  f.bit = (f.err || f.burst || f.ctrl_err) ? bits_.below(kCorruptBits) : 0;
  return f;
}

void link_direction::apply(const wire_faults& f, llr_wire_t& h, flit_t& d) {
  if (!h.valid) return;
  if (f.down) {
    ++c_.down_dropped;
    h = llr_wire_t{};
    d = flit_t{};
  } else if (f.drop || (h.ctrl && f.ctrl_drop)) {
    ++(h.ctrl && f.ctrl_drop && !f.drop ? c_.ctrl_dropped : c_.dropped);
    h = llr_wire_t{};
    d = flit_t{};
  } else if (f.phy) {
    ++c_.phy_corrupted;
    corrupt(h, d, f.phy_bit);
  } else if (f.err || f.burst || (h.ctrl && f.ctrl_err)) {
    if (f.err || f.burst) {
      ++c_.corrupted;
      if (f.burst && !f.err) ++c_.burst_corrupted;
    } else {
      ++c_.ctrl_corrupted;
    }
    corrupt(h, d, f.bit);
  }
}

// link.framing: the slot enters the framer; the wire runs one cycle; the
// slots of the units that ended reach the far end after the line's delay,
// one a cycle.
void link_direction::push_framed(uint64_t cycle, const llr_wire_t& hdr, const flit_t& data, const wire_faults& f) {
  if (hdr.valid) ++c_.slots;
  fr_->enter(cycle, hdr, data);
  done_.clear();
  fr_->advance(cycle, f, done_);
  for (framed_slot& s : done_) {
    apply(s.f, s.h, s.d);
    if (s.h.valid) rx_.push_back(s);
  }
  c_.framing = fr_->counters();
  if (!rx_.empty() && rx_.front().last_cycle + d_ <= cycle) {
    out_hdr_ = rx_.front().h;
    out_data_ = rx_.front().d;
    rx_.pop_front();
  } else {
    out_hdr_ = llr_wire_t{};
    out_data_ = flit_t{};
  }
}

void link_direction::push(uint64_t cycle, const llr_wire_t& hdr, const flit_t& data) {
  fec_ev_t ev{};
  const wire_faults f = draw(cycle, ev);
  if (fr_) {
    push_framed(cycle, hdr, data, f);
    if (fec_) {
      fec_line_[pos_] = ev;
      pos_ = pos_ + 1 == fec_line_.size() ? 0 : pos_ + 1;
      out_fec_ = fec_line_[pos_];
    }
    return;
  }
  llr_wire_t h = hdr;
  flit_t d = data;
  if (h.valid) ++c_.slots;
  apply(f, h, d);
  hdr_line_[pos_] = h;
  data_line_[pos_] = d;
  if (fec_) fec_line_[pos_] = ev;
  pos_ = pos_ + 1 == hdr_line_.size() ? 0 : pos_ + 1;
  out_hdr_ = hdr_line_[pos_];
  out_data_ = data_line_[pos_];
  if (fec_) out_fec_ = fec_line_[pos_];
}

}  // namespace sb
