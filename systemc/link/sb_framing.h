// Framing on the link (link.framing; docs/framing.md): what a link direction
// puts on the wire around the LLR's slots, and how long that takes. The
// framer sits between the LLR end's output and the far end's input (a model
// of the MAC/PCS, no RTL of its own: the RTL blocks see the same pins). The
// wire runs at flit_bytes per cycle (the link's bit rate); a unit (an
// Ethernet/AFH frame, a UALink DL flit) takes its wire bytes of time, and its
// slots reach the far end when the unit's last byte (its CRC/FCS) has
// arrived, one slot per cycle. Faults strike wire time: a unit is corrupted
// (or lost) when a fault falls on any cycle it occupies, and then every slot
// in it is, so the LLR replays the whole unit.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sb_types.h"

namespace sb {

enum class link_framing { ideal, ualink, ethernet, afh };

const char* framing_name(link_framing f);

// The framing's wire constants, bytes (docs/framing.md "Formats").
struct framing_format {
  int head = 0;       // ethernet/afh: preamble/SFD + headers before the payload
  int tail = 0;       // ethernet/afh: FCS after the payload
  int gap = 0;        // ethernet/afh: inter-packet gap after the frame
  int ctrl = 0;       // an ACK/NACK: an ordered set between frames (ethernet/afh); 0 = in the DL flit header (ualink)
  int dl_bytes = 0;   // ualink: the DL flit on the wire
  int dl_payload = 0; // ualink: its payload bytes (the rest: flit header, segment headers, CRC)
};
framing_format framing_format_of(link_framing f);

// Wire bytes of a packet of n flits of flit_bytes (arithmetic, full units;
// ualink: the packet's share of full DL flits).
double framing_packet_wire_bytes(link_framing f, int n, int flit_bytes);

// Faults of one wire cycle (drawn by the link direction, sb_link.cpp).
struct wire_faults {
  bool err = false, burst = false, drop = false, down = false, phy = false, ctrl_err = false, ctrl_drop = false;
  uint32_t bit = 0, phy_bit = 0;  // the bit a corruption flips (random; PHY: content-independent)
  bool any() const { return err || burst || drop || down || phy || ctrl_err || ctrl_drop; }
  void merge(const wire_faults& o);
};

// A slot whose unit has fully arrived, with the faults of the wire time its
// bytes occupied.
struct framed_slot {
  llr_wire_t h{};
  flit_t d{};
  wire_faults f{};
  uint64_t last_cycle = 0;  // the wire cycle of its unit's last byte
};

struct framer_counters {
  uint64_t units = 0;       // frames / DL flits that carried data or control
  uint64_t wire_bytes = 0;  // their wire bytes (with overhead; ethernet/afh: with the gap)
  uint64_t max_queue = 0;   // slots waiting for the wire, at most
};

class framer {
 public:
  framer(link_framing f, int flit_bytes);
  // The LLR's slot registered at edge `cycle` (valid ones only).
  void enter(uint64_t cycle, const llr_wire_t& h, const flit_t& d);
  // Wire cycle `cycle` passes with faults `f`; the slots whose unit ended in it are appended to `done`.
  void advance(uint64_t cycle, const wire_faults& f, std::vector<framed_slot>& done);
  const framer_counters& counters() const { return c_; }
  size_t queued() const { return data_.size() + ctrl_.size(); }

 private:
  struct item {
    llr_wire_t h;
    flit_t d;
    uint64_t arr;
    wire_faults pre;  // ualink: the faults of the DL flit that holds its first bytes
  };
  struct unit {
    uint64_t start, end;  // wire bytes [start, end)
    std::vector<item> slots;
    wire_faults f;
    bool carry_in = false, carry_out = false;  // ualink: its first slot began in the last DL flit; its last goes on in the next
  };
  void frames(uint64_t cycle, const wire_faults& f);
  void dl_flits(uint64_t cycle, const wire_faults& f);
  bool frame_ready(uint64_t cycle, size_t& n) const;
  void place(unit&& u, const wire_faults& f);

  link_framing kind_;
  framing_format fmt_;
  uint64_t fb_;
  std::deque<item> data_, ctrl_;
  std::deque<unit> fly_;  // units on the wire, in order of their end
  uint64_t wire_free_ = 0;
  // ualink: the next DL flit boundary, and the TL flit split across DL flits
  uint64_t next_dl_ = 0, split_left_ = 0;
  bool split_ = false;
  item split_item_{};
  wire_faults split_f_{};
  framer_counters c_;
};

}  // namespace sb
