// CRC-32 of an LLR slot (docs/llr.md "Interface"): polynomial 0x04C11DB7,
// initial value 0xFFFFFFFF, no reflection, no final XOR, over the
// (2 + 20 + flit_t::kBits)-bit vector {kind, seq, payload flit_t} (123 bits
// with 10-bit port ids) fed most significant bit first. The RTL
// (rtl/llr/sb_llr.sv) computes the same function bit by bit.
#pragma once

#include <array>
#include <cstdint>

#include "sb_types.h"

namespace sb {

inline constexpr int kLlrCrcBits = 2 + 20 + flit_t::kBits;
static_assert(kLlrCrcBits <= 128, "the CRC vector is packed into four 32-bit words");

// The protected vector, little-endian 32-bit words (bit i in word i / 32).
inline void llr_crc_vector(llr_ctrl_e kind, uint32_t seq, const flit_t& payload, uint32_t w[4]) {
  w[0] = w[1] = w[2] = w[3] = 0;
  payload.pack_at(w, 0);
  put_bits(w, flit_t::kBits, 20, seq & 0xFFFFFu);
  put_bits(w, flit_t::kBits + 20, 2, uint64_t(kind));
}

// Reference implementation: one bit at a time, exactly as the RTL's loop.
inline uint32_t llr_crc_bitwise(const uint32_t w[4], int nbits = kLlrCrcBits) {
  uint32_t c = 0xFFFFFFFFu;
  for (int i = nbits - 1; i >= 0; --i) {
    const uint32_t fb = (c >> 31) ^ ((w[i >> 5] >> (i & 31)) & 1u);
    c = (c << 1) ^ (fb ? 0x04C11DB7u : 0u);
  }
  return c;
}

namespace detail {
struct crc_table {
  std::array<uint32_t, 256> t{};
  constexpr crc_table() {
    for (uint32_t b = 0; b < 256; ++b) {
      uint32_t c = b << 24;
      for (int k = 0; k < 8; ++k) c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : (c << 1);
      t[b] = c;
    }
  }
};
inline constexpr crc_table kCrcTable{};
}  // namespace detail

// Table-driven, byte at a time: the top (kLlrCrcBits mod 8) bits bitwise,
// then the whole bytes below them.
inline uint32_t llr_crc(const uint32_t w[4]) {
  auto bit = [&](int i) { return (w[i >> 5] >> (i & 31)) & 1u; };
  constexpr int kBytesTop = kLlrCrcBits / 8 * 8 - 1;  // the top bit of the whole bytes
  uint32_t c = 0xFFFFFFFFu;
  for (int i = kLlrCrcBits - 1; i > kBytesTop; --i) c = (c << 1) ^ (((c >> 31) ^ bit(i)) ? 0x04C11DB7u : 0u);
  for (int top = kBytesTop; top >= 7; top -= 8) {
    const int lo = top - 7;  // byte = bits [top:lo], lo is a multiple of 8
    const uint32_t byte = (w[lo >> 5] >> (lo & 31)) & 0xFFu;
    c = (c << 8) ^ detail::kCrcTable.t[((c >> 24) ^ byte) & 0xFFu];
  }
  return c;
}

inline uint32_t llr_crc(llr_ctrl_e kind, uint32_t seq, const flit_t& payload) {
  uint32_t w[4];
  llr_crc_vector(kind, seq, payload, w);
  return llr_crc(w);
}

}  // namespace sb
