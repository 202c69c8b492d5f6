// sb_ls_tlm_port: decoding and splitting a TLM transaction into the
// fabric's requests, the functional access when a part is served, the debug
// transport, and the built-in memory (docs/ls_port.md "TLM-2.0").
#include <algorithm>
#include <cstring>

#include "sb_ls_port.h"

namespace sb {

namespace {
constexpr uint64_t kLsMemBytes = uint64_t(1) << 38;  // bits [37:0]: an endpoint's memory
constexpr uint64_t kAllBytes = ~uint64_t(0);

// Byte i of t's data is enabled (the repetition rule when byte_enable_length < length).
bool enabled(const tlm::tlm_generic_payload& t, unsigned i) {
  const unsigned char* be = t.get_byte_enable_ptr();
  return be == nullptr || be[i % t.get_byte_enable_length()] != TLM_BYTE_DISABLED;
}

// The enabled bytes of line l of a transaction at `off` (bit b = byte b of the line).
uint64_t line_mask(const tlm::tlm_generic_payload& t, uint64_t off, uint64_t l) {
  const uint64_t end = off + t.get_data_length();
  uint64_t m = 0;
  for (unsigned b = 0; b < 64; ++b) {
    const uint64_t a = l * 64 + b;
    if (a >= off && a < end && enabled(t, unsigned(a - off))) m |= uint64_t(1) << b;
  }
  return m;
}

// The target endpoint and offset of an address, or false when it is outside every endpoint's memory.
bool decode_address(uint64_t a, unsigned len, int ports, int& dst, uint64_t& off) {
  dst = int((a >> kLsEndpointShift) & 0xFF);
  off = a & (kLsMemBytes - 1);
  return (a >> 48) == 0 && ((a >> 38) & 3) == 0 && dst < ports && off + len <= kLsMemBytes;
}
}  // namespace

// --- the built-in memory --------------------------------------------------------

void ls_func_memory::read(int ep, uint64_t off, uint8_t* dst, unsigned n) const {
  for (unsigned i = 0; i < n; ++i) {
    const uint64_t a = off + i;
    auto it = lines_.find((uint64_t(ep) << 40) | (a / 64));
    dst[i] = it == lines_.end() ? 0 : it->second[a % 64];
  }
}

void ls_func_memory::write(int ep, uint64_t off, const uint8_t* src, unsigned n, const uint8_t* be) {
  for (unsigned i = 0; i < n; ++i) {
    if (be && be[i] == TLM_BYTE_DISABLED) continue;
    const uint64_t a = off + i;
    auto it = lines_.find((uint64_t(ep) << 40) | (a / 64));
    if (it == lines_.end()) it = lines_.emplace((uint64_t(ep) << 40) | (a / 64), line{}).first;
    it->second[a % 64] = src[i];
  }
}

// --- decoding and splitting --------------------------------------------------------

bool sb_ls_tlm_port::decode(tlm::tlm_generic_payload& t, txn& x) {
  const bool atomic = t.get_extension<ls_atomic_ext>() != nullptr;
  const unsigned len = t.get_data_length();
  int dst = 0;
  uint64_t off = 0;
  auto refuse = [&t](tlm::tlm_response_status s) {
    t.set_response_status(s);
    return false;
  };
  if (t.get_command() == tlm::TLM_IGNORE_COMMAND) return refuse(tlm::TLM_COMMAND_ERROR_RESPONSE);
  if (len == 0 || t.get_streaming_width() != len || t.get_data_ptr() == nullptr)
    return refuse(tlm::TLM_BURST_ERROR_RESPONSE);
  if (atomic && (len != 8 || !t.is_write())) return refuse(tlm::TLM_BURST_ERROR_RESPONSE);
  if (!decode_address(t.get_address(), len, ports_, dst, off) || (atomic && off % 8 != 0))
    return refuse(tlm::TLM_ADDRESS_ERROR_RESPONSE);
  if (t.get_byte_enable_ptr() != nullptr && (t.get_byte_enable_length() == 0 || atomic))
    return refuse(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  x.trans = &t;
  x.atomic = atomic;
  x.dst = dst;
  x.off = off;
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  return true;
}

// Lines of one 256-B block, consecutive and each with an enabled byte, make
// a part; a write's inner lines must be whole (only its first and last lines
// carry a mask).
void sb_ls_tlm_port::split(txn& x) {
  const tlm::tlm_generic_payload& t = *x.trans;
  if (x.atomic) return push_part(x, x.off / 64, x.off / 64, 0xFFull << (x.off % 64), kAllBytes);
  const bool wr = t.is_write();
  const uint64_t first = x.off / 64, last = (x.off + t.get_data_length() - 1) / 64;
  bool open = false;
  uint64_t s = 0, e = 0, ms = 0, me = 0;
  for (uint64_t l = first; l <= last; ++l) {
    const uint64_t m = line_mask(t, x.off, l);
    const bool join = open && m != 0 && l / 4 == s / 4 && (!wr || e == s || me == kAllBytes);
    if (join) {
      e = l;
      me = m;
      continue;
    }
    if (open) push_part(x, s, e, ms, me);
    open = m != 0;
    s = e = l;
    ms = me = m;
  }
  if (open) push_part(x, s, e, ms, me);
}

// The part of lines s..e (ms, me: the enabled bytes of lines s and e).
void sb_ls_tlm_port::push_part(txn& x, uint64_t s, uint64_t e, uint64_t ms, uint64_t me) {
  const tlm::tlm_generic_payload& t = *x.trans;
  part p;
  p.x = &x;
  p.lo = unsigned(std::max(x.off, s * 64) - x.off);
  p.hi = unsigned(std::min(x.off + t.get_data_length(), (e + 1) * 64) - x.off);
  ls_req_t& r = p.req;
  r.valid = true;
  r.op = x.atomic ? 2 : t.is_read() ? 0 : 1;
  r.dst = uint16_t(x.dst);
  r.size = uint8_t(e - s + 1);
  r.addr = uint32_t(s);
  if (r.op == 1) {
    r.skip_first = ~ms;
    r.skip_last = s == e ? 0 : ~me;
  }
  uint32_t w = 0;  // the flits' signature: the part's first bytes
  if (r.op != 0) std::memcpy(&w, t.get_data_ptr() + p.lo, std::min(4u, p.hi - p.lo));
  r.wdata = w;
  waiting_.push_back(p);
  ++x.parts;
  ++x.left;
}

// --- functional access ------------------------------------------------------------

unsigned sb_ls_tlm_port::mem_access(bool write, uint64_t off, uint8_t* data, unsigned n, const uint8_t* be,
                                    ls_func_memory& mem) {
  if (!mem_bound_) {
    if (write) {
      mem.write(endpoint_, off, data, n, be);
    } else {
      std::vector<uint8_t> tmp(n);
      mem.read(endpoint_, off, tmp.data(), n);
      for (unsigned i = 0; i < n; ++i)
        if (!be || be[i] != TLM_BYTE_DISABLED) data[i] = tmp[i];
    }
    return n;
  }
  tlm::tlm_generic_payload g;
  g.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  g.set_address(off);
  g.set_data_length(n);
  g.set_streaming_width(n);
  if (write) {  // a partial write with the byte enables
    g.set_data_ptr(data);
    if (be) {
      g.set_byte_enable_ptr(const_cast<uint8_t*>(be));
      g.set_byte_enable_length(n);
    }
    return mem_socket->transport_dbg(g);
  }
  std::vector<uint8_t> tmp(n);  // a read: only the enabled bytes reach data
  g.set_data_ptr(tmp.data());
  const unsigned got = mem_socket->transport_dbg(g);
  for (unsigned i = 0; i < n; ++i)
    if (!be || be[i] != TLM_BYTE_DISABLED) data[i] = tmp[i];
  return got;
}

void sb_ls_tlm_port::func_access(const part& p, sb_ls_tlm_port* tp, ls_func_memory& mem) {
  tlm::tlm_generic_payload& t = *p.x->trans;
  uint8_t* data = t.get_data_ptr();
  const uint64_t off = p.x->off;
  if (p.x->atomic) {  // fetch-add on the 8 bytes at off
    uint64_t old = 0, add = 0;
    tp->mem_access(false, off, reinterpret_cast<uint8_t*>(&old), 8, nullptr, mem);
    std::memcpy(&add, data, 8);
    uint64_t nv = old + add;
    tp->mem_access(true, off, reinterpret_cast<uint8_t*>(&nv), 8, nullptr, mem);
    std::memcpy(data, &old, 8);
    return;
  }
  const unsigned n = p.hi - p.lo;
  std::vector<uint8_t> be(n);
  bool all = true;
  for (unsigned i = 0; i < n; ++i) {
    be[i] = enabled(t, p.lo + i) ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
    all = all && be[i] != TLM_BYTE_DISABLED;
  }
  tp->mem_access(t.is_write(), off + p.lo, data + p.lo, n, all ? nullptr : be.data(), mem);
}

// Zero time, the target endpoint's memory; byte enables honoured, streaming width ignored.
unsigned sb_ls_tlm_port::transport_dbg(tlm::tlm_generic_payload& t) {
  int dst = 0;
  uint64_t off = 0;
  const unsigned len = t.get_data_length();
  if (t.get_command() == tlm::TLM_IGNORE_COMMAND || t.get_data_ptr() == nullptr || len == 0 || !mem_ ||
      !decode_address(t.get_address(), len, ports_, dst, off) || size_t(dst) >= peers_.size())
    return 0;
  std::vector<uint8_t> be;
  if (t.get_byte_enable_ptr() && t.get_byte_enable_length() > 0) {
    be.resize(len);
    for (unsigned i = 0; i < len; ++i) be[i] = enabled(t, i) ? TLM_BYTE_ENABLED : TLM_BYTE_DISABLED;
  }
  return peers_[size_t(dst)]->mem_access(t.is_write(), off, t.get_data_ptr(), len, be.empty() ? nullptr : be.data(),
                                         *mem_);
}

}  // namespace sb
