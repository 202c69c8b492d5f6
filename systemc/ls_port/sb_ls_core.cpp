#include "sb_ls_core.h"

#include <algorithm>

#include "sb_validated.h"

namespace sb {

std::string ls_params::validate() const {
  if (port < 0 || port > 1023) return "ls_port.port: must be in [0, 1023], got " + std::to_string(port);
  if (max_tags < 1 || max_tags > 4096)
    return "endpoint.max_outstanding: must be in [1, 4096], got " + std::to_string(max_tags);
  if (timeout > 0xFFFFFF) return "endpoint.timeout: must be below 2^24 cycles, got " + std::to_string(timeout);
  if (req_cls < 0 || req_cls > 7) return "ls_port.req_cls: must be in [0, 7]";
  return "";
}

ls_cfg_t ls_params::cfg() const {
  ls_cfg_t c{};
  c.port = uint16_t(port);
  c.max_tags = uint16_t(max_tags);
  c.timeout = timeout;
  c.req_cls = uint8_t(req_cls);
  return c;
}

ls_initiator_core::ls_initiator_core(const ls_params& p) : p_(validated(p, "ls_params")) { reset(); }

void ls_initiator_core::reset() {
  tbl_.assign(size_t(p_.max_tags), entry{});
  used_.assign(size_t(p_.max_tags), 0);
  cur_ = pend_ = pkt{};
  pend_valid_ = false;
  rem_ = next_idx_ = 0;
  in_rsp_ = rsp_hit_ = rsp_err_ = false;
  rsp_tag_ = 0;
  net_o_ = flit_t{};
  acc_o_ = ls_acc_t{};
  cpl_o_ = ls_cpl_t{};
  stat_ = ls_stat_t{};
  cycle_ = 0;
  oldest_born_ = UINT64_MAX;
  violations_.clear();
}

int ls_initiator_core::tags_ever_used() const { return int(std::count(used_.begin(), used_.end(), 1)); }

void ls_initiator_core::violation(const std::string& what) {
  if (violations_.size() < 64)
    violations_.push_back("ls_port " + std::to_string(p_.port) + " cycle " + std::to_string(cycle_) + ": " + what);
}

flit_t ls_initiator_core::header(const pkt& q) const {
  flit_t f{};
  f.valid = true;
  f.sop = true;
  const int len = ls_req_len(q.req);
  f.eop = len == 1;
  f.src = uint16_t(p_.port);
  f.dst = q.req.dst;
  f.cls = uint8_t(p_.req_cls);
  f.ptype = ls_req_ptype(q.req.op);
  f.len = uint8_t(len);
  f.tag = q.tag;
  f.seq = q.req.size;
  f.sig = q.req.addr;
  return f;
}

flit_t ls_initiator_core::data(const pkt& q, int i) const {
  flit_t f = header(q);
  f.sop = false;
  f.eop = i == f.len - 2;
  const bool masked = ls_req_masked(q.req);
  if (masked && i == 0) {  // the mask flit
    f.seq = 0;
    f.sig = ls_mask_sig(q.req);
    return f;
  }
  const int d = i - (masked ? 1 : 0);
  f.seq = uint32_t(d);
  f.sig = q.req.op == 1 ? q.req.wdata + uint32_t(d) : q.req.wdata;
  return f;
}

void ls_initiator_core::step() {
  const bool ready = req_ready_o();
  ls_cpl_t cpl{};
  // 1. response matcher
  int completed_tag = -1;
  if (rsp_i.valid && !faulty(ls_fault::drop_rsp)) {
    if (rsp_i.sop) {
      in_rsp_ = true;
      rsp_tag_ = rsp_i.tag;
      const int idx = ls_tag_index(rsp_i.tag, p_.max_tags);
      const bool in_range = idx < p_.max_tags;
      rsp_hit_ = in_range && tbl_[size_t(idx)].valid && tbl_[size_t(idx)].tag == rsp_i.tag;
      if (!rsp_hit_ && in_range && used_[size_t(idx)]) {
        // A late response (its transaction timed out; the entry may have been
        // reused by another generation): dropped, never another's answer.
        ++stat_.stale;
      } else if (!rsp_hit_) {
        ++stat_.stray;
        violation("response for tag " + std::to_string(rsp_i.tag) + " that is not outstanding");
      } else {
        const entry& e = tbl_[size_t(idx)];
        rsp_err_ = rsp_i.ptype != ls_rsp_ptype(e.op) || rsp_i.src != e.dst;
      }
    }
    if (rsp_i.eop && in_rsp_) {
      in_rsp_ = false;
      if (rsp_hit_) {
        completed_tag = ls_tag_index(rsp_tag_, p_.max_tags);
        cpl.valid = true;
        cpl.tag = rsp_tag_;
        cpl.status = uint8_t(rsp_err_ ? ls_status::error : ls_status::ok);
        if (rsp_err_) ++stat_.errors; else ++stat_.completed;
      }
    }
  }
  // 2. timeout (lowest expired tag) when no response completes; the table is
  // scanned only when the oldest entry can have expired (oldest_born_).
  if (!cpl.valid && p_.timeout != 0 && oldest_born_ != UINT64_MAX && cycle_ >= oldest_born_ + 1 + p_.timeout) {
    uint64_t oldest = UINT64_MAX;
    for (int t = 0; t < p_.max_tags; ++t) {
      if (!tbl_[t].valid) continue;
      oldest = std::min(oldest, tbl_[t].born);
      if (!cpl.valid && age_of(tbl_[t]) >= p_.timeout) {
        completed_tag = t;
        cpl.valid = true;
        cpl.tag = tbl_[size_t(t)].tag;
        cpl.status = uint8_t(ls_status::timeout);
        ++stat_.timeouts;
        // A response already in progress for this tag is ignored to its
        // end: its transaction is complete (was: its eop completed the freed
        // tag a second time, and outstanding went below the table's count).
        if (in_rsp_ && rsp_hit_ && rsp_tag_ == tbl_[size_t(t)].tag) rsp_hit_ = false;
      }
    }
    oldest_born_ = oldest;
  }
  if (completed_tag >= 0) {
    tbl_[completed_tag].valid = false;
    --stat_.outstanding;
    if (stat_.outstanding == 0) oldest_born_ = UINT64_MAX;
  }
  // 3. ageing: implicit (age_of).
  // 4 + 5. packetizer and acceptance
  const bool accept = req_i.valid && ready;
  pkt nq{};
  if (accept) {
    if (req_i.op > 2) violation("request op " + std::to_string(req_i.op) + " is not read, write or atomic");
    if (req_i.size < 1 || req_i.size > 4) violation("request size " + std::to_string(req_i.size) + " is not 1..4 flits");
    // The table at the start of the edge decides: a tag freed at this edge
    // is free from the next one on (as in the RTL).
    int t = -1;
    if (faulty(ls_fault::reuse_tag)) {
      t = 0;
    } else {
      for (int i = 0; i < p_.max_tags; ++i)
        if (!tbl_[i].valid && i != completed_tag) { t = i; break; }
    }
    if (t < 0) {
      violation("accepted a request with no free tag");
    } else {
      if (tbl_[t].valid) violation("tag " + std::to_string(t) + " issued while outstanding");
      if (!tbl_[t].valid) ++stat_.outstanding;
      // (the reuse_tag fault hands out tag 0 itself: the same tag while outstanding)
      const uint16_t tag = faulty(ls_fault::reuse_tag) ? uint16_t(0) : ls_next_tag(t, tbl_[t].tag, used_[t] != 0, p_.max_tags);
      tbl_[t] = entry{true, req_i.op, req_i.dst, cycle_, tag};
      oldest_born_ = std::min(oldest_born_, cycle_);
      used_[t] = 1;
      nq.req = req_i;
      nq.tag = tag;
      ++stat_.issued;
    }
  }
  const bool consumed = net_o_.valid && net_ready_i;
  if (consumed) ++stat_.req_flits;
  bool placed = false;
  if (!net_o_.valid || net_ready_i) {
    if (rem_ > 0) {
      net_o_ = data(cur_, next_idx_++);
      --rem_;
    } else if (pend_valid_) {
      cur_ = pend_;
      pend_valid_ = false;
      net_o_ = header(cur_);
      rem_ = net_o_.len - 1;
      next_idx_ = 0;
    } else if (accept) {
      cur_ = nq;
      net_o_ = header(cur_);
      rem_ = net_o_.len - 1;
      next_idx_ = 0;
      placed = true;
    } else {
      net_o_ = flit_t{};
    }
  }
  if (accept && !placed) {
    pend_ = nq;
    pend_valid_ = true;
  }
  acc_o_ = ls_acc_t{};
  acc_o_.valid = accept;
  acc_o_.tag = nq.tag;
  cpl_o_ = cpl;
  ++cycle_;
}

// --- target -------------------------------------------------------------------

std::string ls_target_params::validate() const {
  if (bandwidth <= 0.0 || bandwidth > 1.0) return "endpoint.memory_bandwidth: must be in (0, 1] requests/cycle";
  if (rsp_cls < 0 || rsp_cls > 7) return "ls_port.rsp_cls: must be in [0, 7]";
  return "";
}

ls_target_core::ls_target_core(const ls_target_params& p) : p_(validated(p, "ls_target_params")) {}

void ls_target_core::violation(const std::string& what) {
  if (violations_.size() < 64)
    violations_.push_back("ls target " + std::to_string(p_.port) + " cycle " + std::to_string(cycle_) + ": " + what);
}

uint32_t ls_target_core::read_line(uint32_t addr) const {
  auto it = mem_.find(addr);
  return it == mem_.end() ? ls_initial_line(p_.port, addr) : it->second;
}

void ls_target_core::step() {
  served_.clear();
  // Request assembly.
  if (req_i.valid) {
    if (req_i.sop) {
      if (in_req_) violation("request header inside a request packet");
      asm_ = req{};
      asm_.src = req_i.src;
      asm_.op = uint8_t(int(req_i.ptype) - 1);
      asm_.size = uint8_t(req_i.seq);
      asm_.tag = req_i.tag;
      asm_.addr = req_i.sig;
      asm_.masked = asm_.op == 1 && req_i.len == asm_.size + 2;  // a mask flit comes first
      got_ = 0;
      in_req_ = true;
      if (asm_.op > 2 || req_i.dst != p_.port) violation("not a request for this endpoint");
    } else if (in_req_) {
      if (asm_.masked) {
        asm_.masked = false;  // (the mask itself moves with the TLM payload: docs/ls_port.md)
        asm_.mask_sig = req_i.sig;
        --got_;
      } else if (got_ == 0) asm_.wdata = req_i.sig;
      else if (asm_.op == 1 && req_i.sig != asm_.wdata + uint32_t(got_))
        asm_.wdata = 0xFFFFFFFFu, violation("write data flit out of sequence");
      ++got_;
    }
    if (req_i.eop && in_req_) {
      in_req_ = false;
      asm_.arrived = cycle_;
      waiting_.push_back(asm_);
    }
  }
  // Memory: in order, one request started per 1/bandwidth cycles; the
  // access happens when it starts, the response is ready latency cycles
  // after the request arrived.
  bw_acc_ = std::min(bw_acc_ + p_.bandwidth, 1.0);
  bool hold = false;
  if (reorder_armed_ && cycle_ >= reorder_at_ && !waiting_.empty()) {
    // TEST ONLY (inject_reorder): the next request of the front's source goes first.
    hold = true;
    for (size_t j = 1; j < waiting_.size(); ++j)
      if (waiting_[j].src == waiting_.front().src) {
        std::rotate(waiting_.begin(), waiting_.begin() + long(j), waiting_.begin() + long(j) + 1);
        reorder_armed_ = false;
        hold = false;
        break;
      }
  }
  if (!hold && !waiting_.empty() && bw_acc_ >= 1.0 - 1e-12) {
    bw_acc_ -= 1.0;
    req r = std::move(waiting_.front());
    waiting_.pop_front();
    const int n = r.op == 0 ? r.size : r.op == 2 ? 1 : 0;
    if (fwd_) {
      r.rdata = fwd_(fwd_ctx_, r.op, r.addr, r.size, r.wdata);
      r.rdata.resize(size_t(n));
    } else if (r.op == 0) {
      for (int i = 0; i < r.size; ++i) r.rdata.push_back(read_line(r.addr + uint32_t(i)));
    } else if (r.op == 1) {
      for (int i = 0; i < r.size; ++i) mem_[r.addr + uint32_t(i)] = r.wdata + uint32_t(i);
    } else {
      const uint32_t old = read_line(r.addr);
      mem_[r.addr] = old + r.wdata;
      r.rdata.push_back(old);
    }
    r.ready_at = std::max(r.arrived + p_.latency, cycle_ + 1);
    served_.push_back({r.src, r.tag, r.arrived, cycle_});
    ++requests_;
    ready_.push_back(std::move(r));
  }
  // Response packetizer.
  if (!net_o_.valid || net_ready_i) {
    if (rem_ > 0) {
      flit_t f = net_o_;
      f.sop = false;
      f.seq = uint32_t(idx_);
      f.sig = cur_.rdata[size_t(idx_)];
      ++idx_;
      --rem_;
      f.eop = rem_ == 0;
      net_o_ = f;
    } else if (!ready_.empty() && ready_.front().ready_at <= cycle_) {
      cur_ = std::move(ready_.front());
      ready_.pop_front();
      flit_t f{};
      f.valid = true;
      f.sop = true;
      f.src = uint16_t(p_.port);
      f.dst = cur_.src;
      f.cls = uint8_t(p_.rsp_cls);
      f.ptype = ls_rsp_ptype(cur_.op);
      f.len = uint8_t(ls_rsp_len(cur_.op, cur_.size));
      f.eop = f.len == 1;
      f.tag = cur_.tag;
      f.seq = cur_.size;
      f.sig = cur_.addr;
      rem_ = f.len - 1;
      idx_ = 0;
      net_o_ = f;
    } else {
      net_o_ = flit_t{};
    }
  }
  ++cycle_;
}

}  // namespace sb
