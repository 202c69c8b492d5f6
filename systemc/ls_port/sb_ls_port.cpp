#include "sb_ls_port.h"

#include <cstring>

namespace sb {

void ls_func_memory::read(int ep, uint64_t line_addr, uint8_t* dst) const {
  auto it = lines_.find((uint64_t(ep) << 40) | line_addr);
  if (it == lines_.end())
    std::memset(dst, 0, 64);
  else
    std::memcpy(dst, it->second.data(), 64);
}

void ls_func_memory::write(int ep, uint64_t line_addr, const uint8_t* src) {
  std::memcpy(lines_[(uint64_t(ep) << 40) | line_addr].data(), src, 64);
}

sb_ls_tlm_port::sb_ls_tlm_port(const sc_core::sc_module_name& name, int endpoint, int ports)
    : sc_core::sc_module(name), socket("socket"), mem_socket("mem_socket"), endpoint_(endpoint), ports_(ports) {
  socket.register_b_transport(this, &sb_ls_tlm_port::b_transport);
  socket.register_nb_transport_fw(this, &sb_ls_tlm_port::nb_transport_fw);
}

void sb_ls_tlm_port::end_of_elaboration() {
  driven_ = socket.get_base_port().size() > 0;
  mem_bound_ = mem_socket.size() > 0;
}

uint64_t sb_ls_tlm_port::request_time_cycle(double cycle_ns) const {
  return uint64_t(waiting_.front()->issued.to_seconds() * 1e9 / cycle_ns);
}

bool sb_ls_tlm_port::decode(tlm::tlm_generic_payload& t, entry& e) {
  const uint64_t a = t.get_address();
  const int dst = int((a >> kLsEndpointShift) & 0xFF);
  const uint64_t off = a & ((uint64_t(1) << 38) - 1);
  const bool atomic = t.get_extension<ls_atomic_ext>() != nullptr;
  const unsigned len = t.get_data_length();
  if (t.get_command() == tlm::TLM_IGNORE_COMMAND) {
    t.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
    return false;
  }
  if ((a >> 48) != 0 || ((a >> 38) & 3) != 0 || dst >= ports_ || off % 64 != 0) {
    t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return false;
  }
  if (t.get_byte_enable_ptr() != nullptr) {
    t.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return false;
  }
  const bool len_ok = atomic ? (len == 8 && t.get_command() == tlm::TLM_WRITE_COMMAND)
                             : (len == 64 || len == 128 || len == 192 || len == 256);
  if (!len_ok || t.get_streaming_width() < len || t.get_data_ptr() == nullptr) {
    t.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return false;
  }
  e.trans = &t;
  e.req = ls_req_t{};
  e.req.valid = true;
  e.req.op = atomic ? 2 : t.is_read() ? 0 : 1;
  e.req.dst = uint16_t(dst);
  e.req.size = uint8_t(atomic ? 1 : len / 64);
  e.req.addr = uint32_t(off / 64);
  uint32_t w = 0;
  if (e.req.op != 0) std::memcpy(&w, t.get_data_ptr(), 4);  // the flits' signature
  e.req.wdata = w;
  e.issued = sc_core::sc_time_stamp();
  t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  return true;
}

void sb_ls_tlm_port::b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
  wait(delay);
  delay = sc_core::SC_ZERO_TIME;
  entry e;
  if (!decode(t, e)) return;
  waiting_.push_back(&e);
  while (!e.finished) wait(e.done);
}

tlm::tlm_sync_enum sb_ls_tlm_port::nb_transport_fw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph,
                                                   sc_core::sc_time& delay) {
  if (ph == tlm::BEGIN_REQ) {
    auto e = std::make_unique<entry>();
    e->at = true;
    if (!decode(t, *e)) {
      ph = tlm::BEGIN_RESP;
      return tlm::TLM_COMPLETED;  // refused at once, with the error status set
    }
    waiting_.push_back(e.get());
    pool_.push_back(std::move(e));
    return tlm::TLM_ACCEPTED;
  }
  if (ph == tlm::END_RESP) {
    for (auto it = pool_.begin(); it != pool_.end(); ++it)
      if ((*it)->trans == &t && (*it)->finished) {
        pool_.erase(it);
        break;
      }
    return tlm::TLM_COMPLETED;
  }
  SC_REPORT_ERROR(name(), "nb_transport_fw: unexpected phase (expected BEGIN_REQ or END_RESP)");
  return tlm::TLM_COMPLETED;
}

void sb_ls_tlm_port::accepted(uint16_t tag) {
  entry* e = waiting_.front();
  waiting_.pop_front();
  by_tag_[tag] = e;
  if (e->at) {
    tlm::tlm_phase ph = tlm::END_REQ;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    socket->nb_transport_bw(*e->trans, ph, d);
  }
}

void sb_ls_tlm_port::serve(uint16_t tag, sb_ls_tlm_port* target_port, ls_func_memory& mem, int target) {
  auto it = by_tag_.find(tag);
  if (it != by_tag_.end()) func_access(*it->second, target_port, mem, target);
}

void sb_ls_tlm_port::func_access(entry& e, sb_ls_tlm_port* tp, ls_func_memory& mem, int target) {
  tlm::tlm_generic_payload& t = *e.trans;
  uint8_t* data = t.get_data_ptr();
  const uint64_t off = uint64_t(e.req.addr) * 64;
  const bool user_mem = tp && tp->mem_bound_;
  auto dbg = [&](tlm::tlm_command cmd, uint64_t addr, uint8_t* p, unsigned n) {
    tlm::tlm_generic_payload g;
    g.set_command(cmd);
    g.set_address(addr);
    g.set_data_ptr(p);
    g.set_data_length(n);
    g.set_streaming_width(n);
    tp->mem_socket->transport_dbg(g);
  };
  if (e.req.op == 2) {  // fetch-add on the first 8 bytes of the line
    uint8_t line[64];
    if (user_mem)
      dbg(tlm::TLM_READ_COMMAND, off, line, 8);
    else
      mem.read(target, e.req.addr, line);
    uint64_t old = 0, add = 0;
    std::memcpy(&old, line, 8);
    std::memcpy(&add, data, 8);
    const uint64_t nv = old + add;
    std::memcpy(line, &nv, 8);
    if (user_mem)
      dbg(tlm::TLM_WRITE_COMMAND, off, line, 8);
    else
      mem.write(target, e.req.addr, line);
    std::memcpy(data, &old, 8);
    return;
  }
  const unsigned len = t.get_data_length();
  if (user_mem) {
    dbg(e.req.op == 0 ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND, off, data, len);
    return;
  }
  for (unsigned i = 0; i < len / 64; ++i) {
    if (e.req.op == 0)
      mem.read(target, e.req.addr + i, data + 64 * i);
    else
      mem.write(target, e.req.addr + i, data + 64 * i);
  }
}

void sb_ls_tlm_port::completed(uint16_t tag, ls_status st) {
  auto it = by_tag_.find(tag);
  if (it == by_tag_.end()) return;
  entry* e = it->second;
  by_tag_.erase(it);
  e->trans->set_response_status(st == ls_status::ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_GENERIC_ERROR_RESPONSE);
  e->finished = true;
  ++done_;
  if (e->at) {
    tlm::tlm_phase ph = tlm::BEGIN_RESP;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    if (socket->nb_transport_bw(*e->trans, ph, d) == tlm::TLM_COMPLETED) {
      for (auto p = pool_.begin(); p != pool_.end(); ++p)
        if (p->get() == e) {
          pool_.erase(p);
          break;
        }
    }
  } else {
    e->done.notify(sc_core::SC_ZERO_TIME);
  }
}

}  // namespace sb
