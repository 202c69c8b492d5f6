#include "sb_framing.h"

#include <algorithm>
#include <stdexcept>

namespace sb {

const char* framing_name(link_framing f) {
  switch (f) {
    case link_framing::ualink: return "ualink";
    case link_framing::ethernet: return "ethernet";
    case link_framing::afh: return "afh";
    default: return "ideal";
  }
}

// docs/framing.md "Formats" names the sources of every figure.
framing_format framing_format_of(link_framing f) {
  framing_format m;
  switch (f) {
    case link_framing::ethernet:  // preamble/SFD 8 + Ethernet 14 + IPv4 20 + UDP 8, FCS 4, IPG 12
      m.head = 8 + 14 + 20 + 8;
      m.tail = 4;
      m.gap = 12;
      m.ctrl = 8;
      break;
    case link_framing::afh:  // preamble/SFD 8 + AI Fabric Header 10 (in place of the 46 B), IPG 12
      m.head = 8 + 10;
      m.gap = 12;
      m.ctrl = 8;
      break;
    case link_framing::ualink:  // 640-B DL flit: 3-B header + 5 segment headers + 628 B payload + 4-B CRC
      m.dl_bytes = 640;
      m.dl_payload = 640 - 3 - 5 - 4;
      break;
    default:
      break;
  }
  return m;
}

double framing_packet_wire_bytes(link_framing f, int n, int flit_bytes) {
  const framing_format m = framing_format_of(f);
  const double payload = double(n) * flit_bytes;
  if (f == link_framing::ualink) return payload * m.dl_bytes / m.dl_payload;
  return payload + m.head + m.tail + m.gap;
}

void wire_faults::merge(const wire_faults& o) {
  if (!(err || burst || ctrl_err) && (o.err || o.burst || o.ctrl_err)) bit = o.bit;
  if (!phy && o.phy) phy_bit = o.phy_bit;
  err |= o.err;
  burst |= o.burst;
  drop |= o.drop;
  down |= o.down;
  phy |= o.phy;
  ctrl_err |= o.ctrl_err;
  ctrl_drop |= o.ctrl_drop;
}

framer::framer(link_framing f, int flit_bytes) : kind_(f), fmt_(framing_format_of(f)), fb_(uint64_t(flit_bytes)) {
  if (f == link_framing::ideal) throw std::invalid_argument("framer: ideal framing needs no framer");
  if (f == link_framing::ualink && flit_bytes > fmt_.dl_payload)
    throw std::invalid_argument("framer: ualink packs flits of at most " + std::to_string(fmt_.dl_payload) + " B");
}

void framer::enter(uint64_t cycle, const llr_wire_t& h, const flit_t& d) {
  if (!h.valid) return;
  (h.ctrl ? ctrl_ : data_).push_back(item{h, d, cycle, wire_faults{}});
  c_.max_queue = std::max<uint64_t>(c_.max_queue, queued());
}

void framer::place(unit&& u, const wire_faults& f) {
  u.f.merge(f);  // it occupies part of this cycle
  ++c_.units;
  fly_.push_back(std::move(u));
}

namespace {
// The flit after `a` on the LLR's sequence (it wraps at a power of two).
bool follows(const llr_wire_t& a, const llr_wire_t& b) {
  return b.seq == a.seq + 1 || (b.seq == 0 && (a.seq & (a.seq + 1)) == 0);
}
constexpr uint64_t kStall = 8;  // cycles a packet's frame waits for its next flit before it goes as it is
}  // namespace

// Ethernet/AFH: the frame of the packet at the head once its last flit has
// come (store and forward: the LLR hands one flit a cycle), or the flits
// before a break in the sequence (a replay), or what waited kStall cycles.
bool framer::frame_ready(uint64_t cycle, size_t& n) const {
  if (data_.empty()) return false;
  for (size_t i = 0; i < data_.size(); ++i) {
    if (i > 0 && (data_[i].d.sop || !follows(data_[i - 1].h, data_[i].h))) {
      n = i;
      return true;
    }
    if (data_[i].d.eop) {
      n = i + 1;
      return true;
    }
  }
  n = data_.size();
  return cycle >= data_.back().arr + kStall;
}

void framer::frames(uint64_t cycle, const wire_faults& f) {
  const uint64_t t0 = cycle * fb_, t1 = t0 + fb_;
  while (wire_free_ < t1) {
    const uint64_t s = std::max(wire_free_, t0);
    unit u{};
    u.start = s;
    if (!ctrl_.empty()) {  // an ordered set between frames, ahead of data
      u.end = s + uint64_t(fmt_.ctrl);
      u.slots.push_back(ctrl_.front());
      ctrl_.pop_front();
      wire_free_ = u.end;
    } else {
      size_t n = 0;
      if (!frame_ready(cycle, n)) break;
      u.end = s + uint64_t(fmt_.head) + n * fb_ + uint64_t(fmt_.tail);
      for (size_t i = 0; i < n; ++i) {
        u.slots.push_back(data_.front());
        data_.pop_front();
      }
      wire_free_ = u.end + uint64_t(fmt_.gap);
    }
    c_.wire_bytes += wire_free_ - s;
    place(std::move(u), f);
  }
}

// UALink: back-to-back DL flits (NOP flits when there is nothing to send, not
// counted); each takes, when it starts, the control and the TL flits queued,
// up to its payload; a TL flit that does not fit goes on in the next one.
void framer::dl_flits(uint64_t cycle, const wire_faults& f) {
  const uint64_t t1 = (cycle + 1) * fb_;
  while (next_dl_ < t1) {
    unit u{};
    u.start = next_dl_;
    u.end = next_dl_ + uint64_t(fmt_.dl_bytes);
    next_dl_ = u.end;
    uint64_t room = uint64_t(fmt_.dl_payload);
    if (split_) {  // the rest of the TL flit the last DL flit could not hold
      u.slots.push_back(split_item_);
      u.carry_in = true;
      room -= split_left_;
      split_ = false;
    }
    while (!data_.empty() && room > 0) {
      if (room >= fb_) {
        u.slots.push_back(data_.front());
        room -= fb_;
      } else {
        split_ = true;
        split_item_ = data_.front();
        split_left_ = fb_ - room;
        u.carry_out = true;
        room = 0;
      }
      data_.pop_front();
    }
    for (const item& c : ctrl_) u.slots.push_back(c);
    ctrl_.clear();
    if (u.slots.empty() && !u.carry_out) continue;  // a NOP flit
    c_.wire_bytes += uint64_t(fmt_.dl_bytes);
    place(std::move(u), f);
  }
}

void framer::advance(uint64_t cycle, const wire_faults& f, std::vector<framed_slot>& done) {
  const uint64_t t1 = (cycle + 1) * fb_;
  if (f.any())
    for (unit& u : fly_) u.f.merge(f);
  if (kind_ == link_framing::ualink)
    dl_flits(cycle, f);
  else
    frames(cycle, f);
  while (!fly_.empty() && fly_.front().end <= t1) {
    unit& u = fly_.front();
    if (u.carry_out) {  // the split TL flit also carries this DL flit's faults
      if (fly_.size() > 1 && fly_[1].carry_in)
        fly_[1].slots.front().pre.merge(u.f);
      else
        split_item_.pre.merge(u.f);
    }
    for (size_t i = 0; i < u.slots.size(); ++i) {
      framed_slot s;
      s.h = u.slots[i].h;
      s.d = u.slots[i].d;
      s.f = u.f;
      s.f.merge(u.slots[i].pre);
      s.last_cycle = cycle;
      done.push_back(s);
    }
    fly_.pop_front();
  }
}

}  // namespace sb
