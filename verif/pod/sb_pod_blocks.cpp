#include "sb_pod_blocks.h"

#include <stdexcept>

#include "sb_fc_blocks.h"
#include "sb_llr_rtl.h"
#include "sb_xbar_rtl.h"

namespace sb {

namespace {

// One block type in lockstep: B has a port struct p; cmp compares the outputs.
template <class B, class Cmp>
class lockstep_of final : public B {
 public:
  lockstep_of(std::unique_ptr<B> m, std::unique_ptr<B> r, lockstep_ctx* ctx, int port, Cmp cmp)
      : m_(std::move(m)), r_(std::move(r)), ctx_(ctx), port_(port), cmp_(cmp) {
    this->p = m_->p;
  }
  void step() override {
    m_->p = this->p;
    r_->p = this->p;
    m_->step();
    r_->step();
    ++ctx_->compared_blocks;
    ++ctx_->compared_ports;
    cmp_(ctx_->log, ctx_->cycle, port_, m_->p, r_->p);
    this->p = m_->p;
  }
  std::vector<std::string> violations() const override { return m_->violations(); }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }

 private:
  std::unique_ptr<B> m_, r_;
  lockstep_ctx* ctx_;
  int port_;
  Cmp cmp_;
};
template <class B, class Cmp>
std::unique_ptr<B> lockstep(std::unique_ptr<B> m, std::unique_ptr<B> r, lockstep_ctx* ctx, int port, Cmp cmp) {
  return std::make_unique<lockstep_of<B, Cmp>>(std::move(m), std::move(r), ctx, port, cmp);
}

class xbar_rtl_block final : public xbar_block {
 public:
  explicit xbar_rtl_block(std::unique_ptr<xbar_rtl_model> m) : r_(std::move(m)) { r_->reset(); }
  std::vector<flit_t>& in() override { return r_->in_flit_i; }
  std::vector<uint8_t>& ready() override { return r_->out_ready_i; }
  const flit_t& out(int j) const override { return r_->out_flit_o(j); }
  const xbar_credit_t& credit(int i) const override { return r_->in_credit_o(i); }
  void step() override { r_->step(); }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }

 private:
  std::unique_ptr<xbar_rtl_model> r_;
};

class xbar_lockstep final : public xbar_block {
 public:
  xbar_lockstep(std::unique_ptr<xbar_block> m, std::unique_ptr<xbar_block> r, int n, lockstep_ctx* ctx)
      : m_(std::move(m)), r_(std::move(r)), n_(n), ctx_(ctx) {}
  std::vector<flit_t>& in() override { return m_->in(); }
  std::vector<uint8_t>& ready() override { return m_->ready(); }
  const flit_t& out(int j) const override { return m_->out(j); }
  const xbar_credit_t& credit(int i) const override { return m_->credit(i); }
  void step() override {
    r_->in() = m_->in();
    r_->ready() = m_->ready();
    m_->step();
    r_->step();
    ++ctx_->compared_blocks;
    ctx_->compared_ports += uint64_t(n_);
    mismatch mm;
    for (int j = 0; j < n_; ++j)
      ctx_->log.note(ctx_->cycle, j, "xbar", "out_flit_o", diff(m_->out(j), r_->out(j), mm), mm);
    for (int i = 0; i < n_; ++i)
      ctx_->log.note(ctx_->cycle, i, "xbar", "in_credit_o", diff(m_->credit(i), r_->credit(i), mm), mm);
  }
  std::vector<std::string> violations() const override { return m_->violations(); }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }

 private:
  std::unique_ptr<xbar_block> m_, r_;
  int n_;
  lockstep_ctx* ctx_;
};

class ls_model_block final : public ls_block {
 public:
  ls_model_block(const ls_params& p, ls_fault f, uint64_t at) : c_(p) {
    c_.inject_fault(f, at);
    publish();
  }
  void step() override {
    c_.req_i = req_i;
    c_.net_ready_i = net_ready_i;
    c_.rsp_i = rsp_i;
    c_.step();
    publish();
  }
  std::vector<std::string> violations() const override { return c_.violations(); }

 private:
  void publish() {
    req_ready_o = c_.req_ready_o();
    acc_o = c_.acc_o();
    net_o = c_.net_o();
    cpl_o = c_.cpl_o();
    stat_o = c_.stat_o();
  }
  ls_initiator_core c_;
};

class ls_lockstep final : public ls_block {
 public:
  ls_lockstep(std::unique_ptr<ls_block> m, std::unique_ptr<ls_block> r, int port, lockstep_ctx* ctx)
      : m_(std::move(m)), r_(std::move(r)), port_(port), ctx_(ctx) {
    publish();
  }
  void step() override {
    for (ls_block* b : {m_.get(), r_.get()}) {
      b->req_i = req_i;
      b->net_ready_i = net_ready_i;
      b->rsp_i = rsp_i;
      b->step();
    }
    ++ctx_->compared_blocks;
    ++ctx_->compared_ports;
    mismatch mm;
    lockstep_log& log = ctx_->log;
    const uint64_t k = ctx_->cycle;
    mm.field = "";
    mm.model = std::to_string(m_->req_ready_o);
    mm.rtl = std::to_string(r_->req_ready_o);
    log.note(k, port_, "ls_port", "req_ready_o", m_->req_ready_o != r_->req_ready_o, mm);
    log.note(k, port_, "ls_port", "acc_o", diff(m_->acc_o, r_->acc_o, mm), mm);
    log.note(k, port_, "ls_port", "net_o", diff(m_->net_o, r_->net_o, mm), mm);
    log.note(k, port_, "ls_port", "cpl_o", diff(m_->cpl_o, r_->cpl_o, mm), mm);
    log.note(k, port_, "ls_port", "stat_o", diff(m_->stat_o, r_->stat_o, mm), mm);
    publish();
  }
  std::vector<std::string> violations() const override { return m_->violations(); }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }

 private:
  void publish() {
    req_ready_o = m_->req_ready_o;
    acc_o = m_->acc_o;
    net_o = m_->net_o;
    cpl_o = m_->cpl_o;
    stat_o = m_->stat_o;
  }
  std::unique_ptr<ls_block> m_, r_;
  int port_;
  lockstep_ctx* ctx_;
};

template <class T>
T must(T v, const std::string& why) {
  if (!v) throw std::invalid_argument(why);
  return v;
}

}  // namespace

std::unique_ptr<xbar_block> make_pod_xbar(impl_mode m, const xbar_params& p, xbar_fault f, uint64_t at, lockstep_ctx* ctx) {
  if (m == impl_mode::model) return make_xbar_model(p, f, at);
  std::string why;
  auto rtl = std::make_unique<xbar_rtl_block>(must(make_xbar_rtl(p, &why), why));
  if (m == impl_mode::rtl) return rtl;
  return std::make_unique<xbar_lockstep>(make_xbar_model(p, f, at), std::move(rtl), p.ports, ctx);
}

std::unique_ptr<llr_end_block> make_pod_llr(impl_mode m, const llr_params& p, llr_fault f, uint64_t at, int port,
                                            const char* blk, lockstep_ctx* ctx) {
  if (m == impl_mode::model) return make_llr_end_model(p, f, at);
  std::string why;
  auto rtl = must(make_llr_end_rtl(p, std::string(blk) + std::to_string(port), &why), why);
  if (m == impl_mode::rtl) return rtl;
  return lockstep<llr_end_block>(make_llr_end_model(p, f, at), std::move(rtl), ctx, port,
                                 [blk](lockstep_log& log, uint64_t k, int port, const llr_end_ports& a, const llr_end_ports& b) {
                                   mismatch mm;
                                   mm.field = "";
                                   mm.model = std::to_string(a.up_ready_o);
                                   mm.rtl = std::to_string(b.up_ready_o);
                                   log.note(k, port, blk, "up_ready_o", a.up_ready_o != b.up_ready_o, mm);
                                   log.note(k, port, blk, "link_o", diff(a.link_o, b.link_o, mm), mm);
                                   log.note(k, port, blk, "link_data_o", diff(a.link_data_o, b.link_data_o, mm), mm);
                                   log.note(k, port, blk, "down_o", diff(a.down_o, b.down_o, mm), mm);
                                   log.note(k, port, blk, "stat_o", diff(a.stat_o, b.stat_o, mm), mm);
                                 });
}

std::unique_ptr<fc_tx_block> make_pod_fc_tx(impl_mode m, const fc_cfgs& c, int port, const std::string& name,
                                            lockstep_ctx* ctx) {
  if (m == impl_mode::model) return make_fc_tx_model(c, fc_fault::none);
  auto rtl = make_fc_tx_rtl(c, name);
  if (m == impl_mode::rtl) return rtl;
  const bool pfc = c.mode != fc_mode::cbfc;
  return lockstep<fc_tx_block>(make_fc_tx_model(c, fc_fault::none), std::move(rtl), ctx, port,
                               [pfc](lockstep_log& log, uint64_t k, int port, const fc_tx_ports& a, const fc_tx_ports& b) {
                                 mismatch mm;
                                 const char* blk = pfc ? "pfc_tx" : "cbfc_tx";
                                 log.note(k, port, blk, "grant_o", diff(a.grant_o, b.grant_o, mm), mm);
                                 if (pfc) {
                                   log.note(k, port, blk, "stat_o", diff(a.pfc_stat, b.pfc_stat, mm), mm);
                                 } else {
                                   log.note(k, port, blk, "cc_o", diff(a.cc_o, b.cc_o, mm), mm);
                                   log.note(k, port, blk, "stat_o", diff(a.cbfc_stat, b.cbfc_stat, mm), mm);
                                 }
                               });
}

std::unique_ptr<fc_rx_block> make_pod_fc_rx(impl_mode m, const fc_cfgs& c, int port, const std::string& name,
                                            lockstep_ctx* ctx) {
  if (m == impl_mode::model) return make_fc_rx_model(c);
  auto rtl = make_fc_rx_rtl(c, name);
  if (m == impl_mode::rtl) return rtl;
  const bool pfc = c.mode != fc_mode::cbfc;
  return lockstep<fc_rx_block>(make_fc_rx_model(c), std::move(rtl), ctx, port,
                               [pfc](lockstep_log& log, uint64_t k, int port, const fc_rx_ports& a, const fc_rx_ports& b) {
                                 mismatch mm;
                                 const char* blk = pfc ? "pfc_rx" : "cbfc_rx";
                                 if (pfc) {
                                   log.note(k, port, blk, "pause_o", diff(a.pause_o, b.pause_o, mm), mm);
                                   log.note(k, port, blk, "stat_o", diff(a.pfc_stat, b.pfc_stat, mm), mm);
                                 } else {
                                   log.note(k, port, blk, "credit_o", diff(a.credit_o, b.credit_o, mm), mm);
                                   log.note(k, port, blk, "stat_o", diff(a.cbfc_stat, b.cbfc_stat, mm), mm);
                                 }
                                 log.note(k, port, blk, "drop_o", diff(a.drop_o, b.drop_o, mm), mm);
                               });
}

std::unique_ptr<ls_block> make_pod_ls(impl_mode m, const ls_params& p, ls_fault f, uint64_t at, int port,
                                      lockstep_ctx* ctx) {
  if (m == impl_mode::model) return std::make_unique<ls_model_block>(p, f, at);
  std::string why;
  auto rtl = must(make_ls_rtl_block(p, &why), why);
  if (m == impl_mode::rtl) return rtl;
  return std::make_unique<ls_lockstep>(std::make_unique<ls_model_block>(p, f, at), std::move(rtl), port, ctx);
}

}  // namespace sb
