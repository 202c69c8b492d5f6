#include "sb_ls_lockstep.h"

#include <chrono>
#include <map>
#include <memory>
#include <set>

#include "sb_block.h"
#include "sb_ls_rtl.h"
#include "sb_rng.h"

namespace sb {

namespace {

// A response the bench responder owes: the request's fields and when it may start.
struct ls_job {
  uint16_t tag = 0;
  uint8_t op = 0, size = 0;
  uint16_t src = 0;  // src: the responding endpoint (the request's dst)
  uint32_t addr = 0;
  bool bad_type = false, bad_src = false;
};

// Responses out of order: each becomes ready after its own random delay.
class ls_responder {
 public:
  ls_responder(const ls_lockstep_cfg& c, rng& r) : c_(c), r_(r) {}

  // The network consumed request flit f at edge `now`. Packets leave in
  // acceptance order, so the n-th packet is the n-th accepted request;
  // `open(n)` tells whether that transaction is still outstanding (one that
  // timed out before its request left gets no response).
  template <class Open>
  void take(const flit_t& f, uint64_t now, Open open) {
    if (f.sop) {
      pkt_no_ = pkts_++;
      asm_ = ls_job{};
      asm_.tag = f.tag;
      asm_.op = uint8_t(int(f.ptype) - 1);
      asm_.size = uint8_t(f.seq);
      asm_.src = f.dst;
      asm_.addr = f.sig;
    }
    if (!f.eop || !open(pkt_no_)) return;
    if (r_.bernoulli(c_.drop)) return;  // lost: the transaction times out
    if (r_.bernoulli(c_.bad)) {
      if (r_.bernoulli(0.5)) asm_.bad_type = true;
      else asm_.bad_src = true;
    }
    const uint32_t span = c_.max_delay - c_.min_delay + 1;
    jobs_.emplace(now + c_.min_delay + r_.below(span), asm_);
  }

  // The transaction of `tag` completed without its response (timeout): a
  // response not started yet is withdrawn (one already arriving runs on),
  // or, with probability late, sent anyway after the timeout (the initiator
  // must count it stale, never complete another transaction with it).
  // Returns whether a late response stays queued.
  bool cancel(uint16_t tag) {
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it)
      if (it->second.tag == tag) {
        if (c_.late > 0 && r_.bernoulli(c_.late)) return true;
        jobs_.erase(it);
        return false;
      }
    return false;
  }

  // rsp_i for edge `now`; `free_tag` picks a tag that is not outstanding.
  template <class FreeTag>
  flit_t next(uint64_t now, FreeTag free_tag) {
    if (rem_ > 0) {
      if (r_.bernoulli(c_.rsp_gap)) return flit_t{};
      flit_t f = hdr_;
      f.sop = false;
      f.seq = uint32_t(idx_);
      f.sig = uint32_t(r_.next());
      f.eop = idx_ == f.len - 2;
      ++idx_;
      --rem_;
      return f;
    }
    in_progress_ = false;
    if (c_.stray > 0 && r_.bernoulli(c_.stray)) {
      ls_job j;
      j.tag = free_tag();
      j.op = 1;  // a 1-flit write response
      j.size = 1;
      return header(j);
    }
    auto it = jobs_.begin();
    if (it == jobs_.end() || it->first > now) return flit_t{};
    const ls_job j = it->second;
    jobs_.erase(it);
    hdr_ = header(j);
    rem_ = hdr_.len - 1;
    idx_ = 0;
    in_progress_ = rem_ > 0;
    tag_ = j.tag;
    return hdr_;
  }

  // A multi-flit response whose header was sent is still arriving.
  bool in_progress(uint16_t tag) const { return in_progress_ && tag_ == tag; }

 private:
  flit_t header(const ls_job& j) const {
    flit_t f{};
    f.valid = true;
    f.sop = true;
    f.src = j.bad_src ? uint16_t(j.src ^ 1u) : j.src;
    f.dst = uint16_t(c_.p.port);
    f.cls = 1;
    f.ptype = ls_rsp_ptype(j.bad_type ? (j.op + 1) % 3 : j.op);
    f.len = uint8_t(ls_rsp_len(j.op, j.size));
    f.eop = f.len == 1;
    f.tag = j.tag;
    f.seq = j.size;
    f.sig = j.addr;
    return f;
  }

  const ls_lockstep_cfg& c_;
  rng& r_;
  std::multimap<uint64_t, ls_job> jobs_;  // by ready time
  ls_job asm_{};
  uint64_t pkts_ = 0, pkt_no_ = 0;
  flit_t hdr_{};
  int rem_ = 0, idx_ = 0;
  bool in_progress_ = false;
  uint16_t tag_ = 0;
};

ls_req_t random_request(rng& r) {
  ls_req_t q{};
  q.valid = true;
  q.op = uint8_t(r.below(3));
  q.size = q.op == 2 ? 1 : uint8_t(1 + r.below(4));
  q.dst = uint8_t(r.below(256));
  q.addr = uint32_t(r.next());
  q.wdata = uint32_t(r.next());
  if (r.below(3) == 0) {  // byte masks (a write then carries a mask flit; other ops ignore them)
    q.skip_first = r.below(2) ? r.next() : 0;
    q.skip_last = r.below(2) ? r.next() : ~q.skip_first;
  }
  return q;
}

// A stray tag: its index beyond max_tags or never issued (any generation);
// failing that, one that matches no outstanding transaction (then the
// initiator counts it stale).
uint16_t stray_tag(rng& r, const ls_initiator_core& model, int max_tags) {
  uint16_t t = 0;
  for (int tries = 0; tries < 64; ++tries) {
    t = uint16_t(r.below(4096));
    const int idx = ls_tag_index(t, max_tags);
    if (idx >= max_tags || !model.ever_used(idx)) return t;
  }
  for (int tries = 0; tries < 256; ++tries) {
    t = uint16_t(r.below(4096));
    const int idx = ls_tag_index(t, max_tags);
    if (!model.outstanding(idx) || model.last_tag(idx) != t) break;
  }
  return t;
}

// The bench's view of the transactions: issue order of the outstanding
// tags, completions out of issue order, timed-out ones still answered.
struct ls_book {
  std::map<uint16_t, uint64_t> issue_no;  // outstanding tag -> issue number
  std::set<uint64_t> open;                // issue numbers outstanding
  uint64_t issued = 0;
  void accepted(uint16_t tag) {
    issue_no[tag] = issued;
    open.insert(issued++);
  }
  void completed(const ls_cpl_t& cpl, ls_responder& rsp, ls_lockstep_result& res) {
    if (!cpl.valid) return;
    if (cpl.status == uint8_t(ls_status::timeout)) {
      if (rsp.cancel(cpl.tag)) ++res.late_sent;
      if (rsp.in_progress(cpl.tag)) ++res.rsp_in_progress_timeouts;
    }
    auto it = issue_no.find(cpl.tag);
    if (it != issue_no.end()) {
      if (!open.empty() && *open.begin() != it->second) ++res.out_of_order;
      open.erase(it->second);
      issue_no.erase(it);
    }
  }
};

}  // namespace

ls_lockstep_result ls_lockstep_run(const ls_lockstep_cfg& c) {
  ls_lockstep_result res;
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<ls_block> rtl = make_ls_rtl(c.p, &res.why);
  if (!rtl) return res;
  std::unique_ptr<ls_model_block> mblk = make_ls_model(c.p, c.fault, c.fault_cycle);
  const ls_initiator_core& model = mblk->core();
  const ls_port_ports& mp = mblk->p;
  if (!c.fst.empty()) rtl->trace_open(c.fst);

  rng r(c.seed, 0x15);
  ls_responder rsp(c, r);
  ls_req_t offered{};
  ls_book book;

  // Every output the RTL binding lists, field by field (sb_block.h).
  lockstep_log log;
  log.quiet = true;
  auto compare = [&](uint64_t cyc) {
    ++res.compared;
    if (compare_outputs<ls_port_binding>(log, cyc, 0, "ls_port", mp, rtl->p)) return true;
    if (res.mismatches++ == 0) {
      const mismatch& f = log.first;
      res.first_mismatch_cycle = cyc;
      res.first_mismatch = f.signal + (f.field.empty() ? "" : "." + f.field) + ": model " + f.model + " rtl " + f.rtl;
    }
    return false;
  };

  bool ok = compare(0);
  for (uint64_t k = 0; k < c.cycles && (ok || !c.stop_at_mismatch); ++k) {
    // Inputs of this edge, from the model's outputs (identical to the RTL's
    // while they agree).
    if (!offered.valid && r.bernoulli(c.req_rate)) offered = random_request(r);
    if (offered.valid && !model.req_ready_o()) ++res.not_ready_cycles;
    if (model.stat_o().outstanding == uint32_t(c.p.max_tags)) ++res.full_cycles;
    const bool net_ready = r.bernoulli(c.net_ready);
    if (model.net_o().valid && !net_ready) ++res.stalled_cycles;
    if (model.net_o().valid && net_ready) rsp.take(model.net_o(), k, [&](uint64_t n) { return book.open.count(n) != 0; });
    const flit_t rsp_flit = rsp.next(k, [&] { return stray_tag(r, model, c.p.max_tags); });
    for (ls_block* b : {static_cast<ls_block*>(mblk.get()), rtl.get()}) {
      b->p.req_i = offered;
      b->p.net_ready_i = net_ready;
      b->p.rsp_i = rsp_flit;
      b->step();
    }
    ++res.cycles;
    ok = compare(k + 1);

    // Bench bookkeeping from the model's outputs.
    if (model.acc_o().valid) {
      if (ls_req_masked(offered)) ++res.masked_writes;
      offered = ls_req_t{};
      book.accepted(model.acc_o().tag);
    }
    book.completed(model.cpl_o(), rsp, res);
  }
  res.assertion_failures = rtl->assertion_failures();
  res.stat = model.stat_o();
  res.model_violations = mblk->violations();
  rtl->trace_close();
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return res;
}

}  // namespace sb
