// sb_ls_tlm_port: the TLM-2.0 protocols (blocking, AT 2- and 4-phase) and
// the pod's side (parts taken, served, completed). Decoding, splitting and
// the memories: sb_ls_tlm_access.cpp.
#include "sb_ls_port.h"

namespace sb {

sb_ls_tlm_port::sb_ls_tlm_port(const sc_core::sc_module_name& name, int endpoint, int ports)
    : sc_core::sc_module(name), socket("socket"), mem_socket("mem_socket"), endpoint_(endpoint), ports_(ports) {
  socket.register_b_transport(this, &sb_ls_tlm_port::b_transport);
  socket.register_nb_transport_fw(this, &sb_ls_tlm_port::nb_transport_fw);
  socket.register_get_direct_mem_ptr(this, &sb_ls_tlm_port::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &sb_ls_tlm_port::transport_dbg);
  SC_HAS_PROCESS(sb_ls_tlm_port);
  SC_METHOD(send_responses_after_delay);
  sensitive << rsp_ev_;
  dont_initialize();
}

void sb_ls_tlm_port::attach(const std::vector<sb_ls_tlm_port*>& ports, ls_func_memory* mem) {
  peers_ = ports;
  mem_ = mem;
}

void sb_ls_tlm_port::end_of_elaboration() {
  driven_ = socket.get_base_port().size() > 0;
  mem_bound_ = mem_socket.size() > 0;
}

uint64_t sb_ls_tlm_port::request_time_cycle(double cycle_ns) const {
  return uint64_t(waiting_.front().x->issued.to_seconds() * 1e9 / cycle_ns);
}

void sb_ls_tlm_port::b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
  wait(delay);
  delay = sc_core::SC_ZERO_TIME;
  txn x;
  if (!decode(t, x)) return;
  x.issued = sc_core::sc_time_stamp();
  split(x);
  if (x.parts == 0) return t.set_response_status(tlm::TLM_OK_RESPONSE);  // every byte disabled: nothing to move
  while (!x.finished) wait(x.done);
}

tlm::tlm_sync_enum sb_ls_tlm_port::nb_transport_fw(tlm::tlm_generic_payload& t, tlm::tlm_phase& ph,
                                                   sc_core::sc_time& delay) {
  if (ph == tlm::BEGIN_REQ) {
    auto x = std::make_unique<txn>();
    x->at = true;
    if (!decode(t, *x)) {
      ph = tlm::BEGIN_RESP;
      return tlm::TLM_COMPLETED;  // refused at once, with the error status set
    }
    x->issued = sc_core::sc_time_stamp() + delay;  // not eligible before its annotated time
    split(*x);
    if (x->parts == 0) {
      t.set_response_status(tlm::TLM_OK_RESPONSE);
      ph = tlm::BEGIN_RESP;
      return tlm::TLM_COMPLETED;
    }
    if (t.has_mm()) t.acquire();
    pool_.emplace(x.get(), std::move(x));
    return tlm::TLM_ACCEPTED;
  }
  if (ph == tlm::END_RESP) {
    if (rsp_busy_ && rsp_busy_->trans == &t) {
      release(rsp_busy_);
      rsp_busy_ = nullptr;
      rsp_wait_ = true;  // the next BEGIN_RESP not before the END_RESP's time
      rsp_ev_.notify(delay);
    } else {
      SC_REPORT_ERROR(name(), "nb_transport_fw: END_RESP for a transaction without an outstanding BEGIN_RESP");
    }
    return tlm::TLM_COMPLETED;
  }
  SC_REPORT_ERROR(name(), "nb_transport_fw: unexpected phase (expected BEGIN_REQ or END_RESP)");
  return tlm::TLM_COMPLETED;
}

bool sb_ls_tlm_port::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  // Denied, for the whole address space (so that initiators need not ask again).
  dmi.init();
  dmi.set_dmi_ptr(nullptr);
  dmi.set_start_address(0);
  dmi.set_end_address(~uint64_t(0));
  dmi.allow_none();
  return false;
}

void sb_ls_tlm_port::accepted(uint16_t tag) {
  part p = waiting_.front();
  waiting_.pop_front();
  by_tag_[tag] = p;
  ++parts_;
  txn* x = p.x;
  if (x->at && ++x->taken == x->parts) {  // the whole request is in: the next may come
    tlm::tlm_phase ph = tlm::END_REQ;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    socket->nb_transport_bw(*x->trans, ph, d);
  }
}

void sb_ls_tlm_port::serve(uint16_t tag, sb_ls_tlm_port* target_port, ls_func_memory& mem, int) {
  auto it = by_tag_.find(tag);
  if (it != by_tag_.end()) func_access(it->second, target_port, mem);
}

void sb_ls_tlm_port::completed(uint16_t tag, ls_status st) {
  auto it = by_tag_.find(tag);
  if (it == by_tag_.end()) return;
  txn* x = it->second.x;
  by_tag_.erase(it);
  if (st != ls_status::ok) x->failed = true;
  if (--x->left == 0) finish(*x);
}

void sb_ls_tlm_port::finish(txn& x) {
  x.trans->set_response_status(x.failed ? tlm::TLM_GENERIC_ERROR_RESPONSE : tlm::TLM_OK_RESPONSE);
  x.finished = true;
  ++done_;
  if (x.at) {
    rsp_q_.push_back(&x);
    send_responses();
  } else {
    x.done.notify(sc_core::SC_ZERO_TIME);
  }
}

// BEGIN_RESP one at a time (the response exclusion rule).
void sb_ls_tlm_port::send_responses() {
  while (!rsp_busy_ && !rsp_wait_ && !rsp_q_.empty()) {
    txn* x = rsp_q_.front();
    rsp_q_.pop_front();
    tlm::tlm_phase ph = tlm::BEGIN_RESP;
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    const tlm::tlm_sync_enum r = socket->nb_transport_bw(*x->trans, ph, d);
    if (r == tlm::TLM_ACCEPTED || (r == tlm::TLM_UPDATED && ph != tlm::END_RESP)) {
      rsp_busy_ = x;  // END_RESP comes on the forward path
      continue;
    }
    release(x);  // TLM_COMPLETED, or END_RESP at once
    if (r == tlm::TLM_UPDATED && d != sc_core::SC_ZERO_TIME) {
      rsp_wait_ = true;
      rsp_ev_.notify(d);
    }
  }
}

void sb_ls_tlm_port::send_responses_after_delay() {
  rsp_wait_ = false;
  send_responses();
}

void sb_ls_tlm_port::release(txn* x) {
  if (x->trans->has_mm()) x->trans->release();
  pool_.erase(x);
}

}  // namespace sb
