// One direction of a link: SerDes + FEC + cable latency as a delay line of
// whole cycles (one cycle = one flit slot), and fault injection from config
// (docs/llr.md "The link"). Fault times are drawn from the seed on the slot
// index alone, never from the slot's content, so two links fed by different
// implementations of the same block see identical faults. With link.framing
// other than ideal a framer (sb_framing.h, docs/framing.md) puts the slots
// into wire units first; faults then strike the units' wire time.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "sb_framing.h"
#include "sb_phy.h"
#include "sb_rng.h"
#include "sb_types.h"

namespace sb {

struct link_params {
  double gbps = 800.0;        // line rate of one direction
  int flit_bytes = 64;        // bytes per flit slot on the wire
  double serdes_ns = 20.0;    // SerDes TX + RX, one way
  double fec_ns = 60.0;       // FEC encode + decode, one way
  double cable_m = 2.0;       // 5 ns/m
  double flit_error_rate = 0.0;  // per slot
  double bit_error_rate = 0.0;   // per bit; converted to a per-slot probability
  double burst_rate = 0.0;       // per slot: a burst of burst_length corrupted slots starts
  int burst_length = 4;
  double drop_rate = 0.0;        // per slot: the slot vanishes
  double ctrl_error_rate = 0.0;  // per control slot: corrupted
  double ctrl_drop_rate = 0.0;   // per control slot: lost
  double down_at_ns = -1.0;      // link down (both directions) from here ...
  double down_for_ns = 0.0;      // ... for this long (0 = never down)
  phy_params phy;                // link.phy.*: the PHY/FEC error model (off by default; sb_phy.h)
  link_framing framing = link_framing::ideal;  // link.framing: what goes on the wire around the slots (sb_framing.h)

  double cycle_ns() const { return 8.0 * flit_bytes / gbps; }
  double one_way_ns() const { return serdes_ns + fec_ns + 5.0 * cable_m; }
  // Cycles of the delay line: ceil(one_way_ns / cycle_ns).
  uint32_t delay_cycles() const;
  // Probability that a slot is corrupted: flit_error_rate combined with the BER.
  double slot_error_rate() const;
  std::string validate() const;  // "" when valid, else the reason naming the field
};

struct link_counters {
  uint64_t slots = 0;            // valid slots that entered the line
  uint64_t corrupted = 0;        // valid slots corrupted (random or burst)
  uint64_t burst_corrupted = 0;  // of which by a burst
  uint64_t dropped = 0;          // valid slots dropped (random)
  uint64_t ctrl_corrupted = 0;
  uint64_t ctrl_dropped = 0;
  uint64_t down_dropped = 0;     // valid slots lost while the link was down
  // The PHY/FEC model (link.phy.*): codewords decoded, by symbol errors.
  uint64_t fec_cw = 0, fec_symbols = 0, fec_corrected = 0, fec_uncorr = 0;
  uint64_t phy_corrupted = 0;    // valid slots marked bad by an uncorrectable codeword
  uint64_t first_uncorr = UINT64_MAX;  // cycle the first uncorrectable codeword reached the receiver
  uint64_t fec_hist[17] = {};    // codewords with i symbol errors, i <= 15; [16]: uncorrectable
  framer_counters framing;       // link.framing other than ideal: the wire units
};

// Replay-buffer sizing for full rate on a clean link (docs/llr.md "Sizing").
struct llr_sizing {
  uint32_t one_way_cycles = 0;    // D
  uint32_t round_trip_cycles = 0; // 2D + 4
  uint32_t depth_needed = 0;      // round trip + ack_spacing
  double cycle_ns = 0;
};
llr_sizing llr_size(const link_params& link, int ack_spacing);

class link_direction {
 public:
  // stream distinguishes the directions of one run (0 = A to B, 1 = B to A).
  link_direction(const link_params& p, uint64_t seed, uint64_t stream);

  // After edge `cycle`, the sender's registered slot enters the line; the
  // slot to present at the far end's input for the next edge is then out_*().
  void push(uint64_t cycle, const llr_wire_t& hdr, const flit_t& data);
  const llr_wire_t& out_hdr() const { return out_hdr_; }
  const flit_t& out_data() const { return out_data_; }
  // The codeword the far end's FEC decoder finished with this slot (link.phy; else never valid).
  const fec_ev_t& out_fec() const { return out_fec_; }
  const link_counters& counters() const { return c_; }
  uint32_t delay_cycles() const { return d_; }

 private:
  struct schedule {
    rng r;
    double inv_log_q = 0;  // 1 / ln(1 - p); 0 with p = 1
    uint64_t next = UINT64_MAX;
    schedule(double p, uint64_t seed, uint64_t stream);
    bool hit(uint64_t cycle);  // true at the drawn slots; advances the schedule
  };
  static constexpr uint32_t kCorruptBits = 2 + 20 + 32 + flit_t::kBits;
  static void corrupt(llr_wire_t& h, flit_t& d, uint32_t bit);
  struct pending_cw {
    uint64_t start, end;  // bits [start, end) of the direction's bit stream
    fec_codeword c;
  };
  // link.phy: codewords of this slot; true when one covering it is uncorrectable.
  bool phy_slot(uint64_t cycle, bool down, fec_ev_t& ev);
  // The faults of wire cycle `cycle` (every schedule advances, whatever the slot holds).
  wire_faults draw(uint64_t cycle, fec_ev_t& ev);
  // The faults f on a slot (with framing: those of its unit's wire time); h and d become what the far end sees.
  void apply(const wire_faults& f, llr_wire_t& h, flit_t& d);
  void push_framed(uint64_t cycle, const llr_wire_t& hdr, const flit_t& data, const wire_faults& f);

  link_params p_;
  uint32_t d_;
  std::vector<llr_wire_t> hdr_line_;
  std::vector<flit_t> data_line_;
  size_t pos_ = 0;
  llr_wire_t out_hdr_{};
  flit_t out_data_{};
  schedule err_, burst_, drop_, ctrl_err_, ctrl_drop_;
  rng bits_;
  int burst_left_ = 0;
  uint64_t down_from_ = UINT64_MAX, down_to_ = 0;  // cycles [from, to)
  link_counters c_;
  // link.phy
  std::unique_ptr<fec_channel> fec_;
  std::vector<fec_ev_t> fec_line_;
  std::vector<pending_cw> pend_;
  fec_ev_t out_fec_{};
  uint64_t next_cw_ = 0, slot_bits_ = 0, cw_bits_ = 0;
  // link.framing other than ideal: the framer, and its slots on their way to the far end
  std::unique_ptr<framer> fr_;
  std::deque<framed_slot> rx_;
  std::vector<framed_slot> done_;
};

}  // namespace sb
