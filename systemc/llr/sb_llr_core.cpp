#include "sb_llr_core.h"

#include <algorithm>
#include <stdexcept>

#include "sb_llr_crc.h"

namespace sb {

std::string llr_params::validate() const {
  if (seq_bits < 4 || seq_bits > 20) return "seq_bits=" + std::to_string(seq_bits) + " outside 4..20";
  if (max_depth < 2 || max_depth > 65536 || (max_depth & (max_depth - 1)))
    return "max_depth=" + std::to_string(max_depth) + " is not a power of two in 2..65536";
  const int half = 1 << (seq_bits - 1);
  if (depth < 1 || depth > std::min(max_depth, half))
    return "depth=" + std::to_string(depth) + " outside 1.." + std::to_string(std::min(max_depth, half)) +
           " (at most half the sequence space 2^seq_bits and at most the storage " + std::to_string(max_depth) +
           ")";
  if (timer < 1 || timer > 0xFFFFFFu) return "timer=" + std::to_string(timer) + " cycles outside 1..16777215";
  if (max_replays < 1 || max_replays > 255) return "max_replays=" + std::to_string(max_replays) + " outside 1..255";
  if (ack_spacing < 1 || ack_spacing > 65535) return "ack_spacing=" + std::to_string(ack_spacing) + " outside 1..65535";
  if (retrain < 1 || retrain > 0xFFFFFFu) return "retrain=" + std::to_string(retrain) + " cycles outside 1..16777215";
  return "";
}

llr_cfg_t llr_params::cfg() const {
  llr_cfg_t c{};
  c.seq_bits = uint8_t(seq_bits);
  c.depth = uint16_t(depth);
  c.timer = timer;
  c.max_replays = uint8_t(max_replays);
  c.ack_spacing = uint16_t(ack_spacing);
  c.retrain = retrain;
  return c;
}

llr_core::llr_core(const llr_params& p) : p_(p) {
  const std::string why = p.validate();
  if (!why.empty()) throw std::invalid_argument("llr: " + why);
  mask_ = (1u << p.seq_bits) - 1;
  uint32_t storage = 1;
  while (storage < uint32_t(p.depth)) storage <<= 1;
  buf_mask_ = storage - 1;
  buf_.assign(storage, flit_t{});
  reset();
}

void llr_core::reset() {
  tx_state_ = 0;
  base_ = occ_ = hw_ = sent_ = timer_ = rcount_ = rt_ = 0;
  rx_state_ = 0;
  expected_ = unacked_ = age_ = 0;
  nack_pend_ = ack_pend_ = false;
  link_o_ = llr_wire_t{};
  link_data_o_ = flit_t{};
  down_o_ = flit_t{};
  stat_ = llr_stat_t{};
  have_last_delivered_ = false;
  cycle_ = 0;
  violations_.clear();
}

void llr_core::violation(const std::string& what) {
  if (violations_.size() < 16) violations_.push_back("cycle " + std::to_string(cycle_) + ": " + what);
}

void llr_core::step() {
  const uint32_t M = mask_ + 1;
  const bool ready = up_ready_o();  // before the edge

  // 1. Control output, from the flags set at the previous edge.
  const bool ctrl_now = nack_pend_ || ack_pend_;
  llr_wire_t out{};
  flit_t out_data{};
  if (ctrl_now) {
    out.valid = true;
    out.ctrl = true;
    out.kind = nack_pend_ ? llr_ctrl_e::NACK : llr_ctrl_e::ACK;
    uint32_t last_good = (expected_ - 1) & mask_;
    if (faulty(llr_fault::early_ack)) last_good = expected_ & mask_;
    out.seq = last_good;
    out.crc = llr_crc(out.kind, out.seq, out_data);
    if (nack_pend_)
      ++stat_.naks_sent;
    else
      ++stat_.acks_sent;
  }

  // 2. Receive.
  flit_t down{};
  bool deliver = false, dup = false, error = false;
  bool ctl_in = false;
  llr_ctrl_e ctl_kind = llr_ctrl_e::NONE;
  uint32_t ctl_seq = 0;
  uint8_t rx_state_n = rx_state_;
  uint32_t expected_n = expected_;
  if (link_i.valid) {
    const bool good = llr_crc(link_i.kind, link_i.seq, link_data_i) == link_i.crc;
    if (link_i.ctrl) {
      if (!good) {
        ++stat_.ctrl_errors;
      } else {
        ctl_in = true;
        ctl_kind = link_i.kind;
        ctl_seq = link_i.seq & mask_;
      }
    } else if (!good && !faulty(llr_fault::no_crc_check)) {
      ++stat_.crc_errors;
      error = true;
    } else {
      const uint32_t seq = link_i.seq & mask_;
      if (seq == expected_) {
        if (!good) violation("delivered a flit whose CRC is bad (seq " + std::to_string(seq) + ")");
        if (have_last_delivered_ && seq != ((last_delivered_ + 1) & mask_))
          violation("delivered seq " + std::to_string(seq) + " after " + std::to_string(last_delivered_));
        have_last_delivered_ = true;
        last_delivered_ = seq;
        down = link_data_i;
        ++stat_.delivered;
        expected_n = (expected_ + 1) & mask_;
        deliver = true;
        rx_state_n = 0;
      } else if (((expected_ - 1 - seq) & mask_) < M / 2) {
        ++stat_.dup_flits;
        dup = true;
      } else {
        ++stat_.seq_gaps;
        error = true;
      }
    }
  }
  bool nack_event = false;
  if (error && rx_state_ == 0) {
    rx_state_n = 1;
    nack_event = true;
  }
  uint32_t unacked_n, age_n;
  if (ctrl_now) {
    unacked_n = deliver ? 1 : 0;
    age_n = 0;
  } else {
    unacked_n = unacked_ + (deliver ? 1 : 0);
    age_n = unacked_ > 0 ? age_ + 1 : 0;
  }
  const uint32_t spacing = uint32_t(p_.ack_spacing);
  // A duplicate is acknowledged in either state: in NACK_SENT it may be the
  // only way out (docs/llr.md, "the duplicate rule").
  const bool ack_event = !nack_event && (dup || (rx_state_n == 0 && (unacked_n >= spacing ||
                                                                     (unacked_n > 0 && age_n >= spacing))));

  // 3. Acknowledgements received for our transmitter.
  uint32_t f = 0;
  bool valid_nack = false;
  if (ctl_in && (ctl_kind == llr_ctrl_e::ACK || ctl_kind == llr_ctrl_e::NACK)) {
    const uint32_t n = (ctl_seq - base_ + 1) & mask_;
    if (n <= hw_) {
      f = n;
      valid_nack = ctl_kind == llr_ctrl_e::NACK;
    }
  }
  const uint32_t base1 = (base_ + f) & mask_;
  const uint32_t occ1 = occ_ - f;
  const uint32_t hw1 = hw_ - f;
  uint32_t sent1 = sent_ > f ? sent_ - f : 0;
  const bool progress = f > 0;
  const uint32_t rcount1 = progress ? 0 : rcount_;

  // 4. Replay and the link-error state.
  uint8_t tx_state_n = tx_state_;
  uint32_t rcount_n = rcount1, rt_n = rt_;
  bool replay = false;
  if (tx_state_ == 0) {
    const bool timer_replay = !valid_nack && !progress && occ1 > 0 && timer_ + 1 >= p_.timer;
    if (valid_nack || timer_replay) {
      replay = true;
      if (!faulty(llr_fault::skip_replay)) sent1 = 0;
      ++stat_.replays;
      if (timer_replay) ++stat_.timer_replays;
      rcount_n = rcount1 + 1;
      if (rcount1 + 1 > uint32_t(p_.max_replays)) {
        tx_state_n = 1;
        rt_n = 0;
        ++stat_.link_errors;
      }
    }
  } else {
    if (!faulty(llr_fault::skip_replay)) sent1 = 0;
    if (rt_ + 1 >= p_.retrain) {
      tx_state_n = 0;
      rcount_n = 0;
      rt_n = 0;
    } else {
      rt_n = rt_ + 1;
    }
  }
  const uint32_t timer_n =
      (progress || replay || occ1 == 0 || tx_state_n != 0 || tx_state_ != 0) ? 0 : timer_ + 1;

  // 5. Transmit data.
  uint32_t sent_n = sent1, hw_n = hw1;
  if (tx_state_n == 0 && !ctrl_now && sent1 < occ1) {
    const uint32_t seq = (base1 + sent1) & mask_;
    out.valid = true;
    out.ctrl = false;
    out.kind = llr_ctrl_e::NONE;
    out.seq = seq;
    out_data = buf_[seq & buf_mask_];
    out.crc = llr_crc(out.kind, out.seq, out_data);
    sent_n = sent1 + 1;
    ++stat_.tx_flits;
    if (sent1 < hw1)
      ++stat_.replayed_flits;
    else
      hw_n = hw1 + 1;
  }

  // 6. Accept.
  uint32_t occ_n = occ1;
  if (up_i.valid && ready) {
    buf_[((base1 + occ1) & mask_) & buf_mask_] = up_i;
    occ_n = occ1 + 1;
    ++stat_.new_flits;
  }

  // Commit.
  tx_state_ = tx_state_n;
  base_ = base1;
  occ_ = occ_n;
  hw_ = hw_n;
  sent_ = sent_n;
  timer_ = timer_n;
  rcount_ = rcount_n;
  rt_ = rt_n;
  rx_state_ = rx_state_n;
  expected_ = expected_n;
  unacked_ = unacked_n;
  age_ = age_n;
  nack_pend_ = nack_event;
  ack_pend_ = ack_event;
  link_o_ = out;
  link_data_o_ = out_data;
  down_o_ = down;
  stat_.tx_state = tx_state_;
  stat_.rx_state = rx_state_;
  stat_.occ = uint16_t(occ_);
  ++cycle_;

  if (occ_ > uint32_t(p_.depth)) violation("occupancy " + std::to_string(occ_) + " above depth");
  if (hw_ > occ_) violation("hw " + std::to_string(hw_) + " above occupancy " + std::to_string(occ_));
  if (sent_ > occ_) violation("sent " + std::to_string(sent_) + " above occupancy " + std::to_string(occ_));
}

}  // namespace sb
