#include <memory>

#include "sb_ls_rtl.h"
#include "sb_ls_rtl_if.h"

namespace sb {

namespace {

// The Verilated LS port (rtl/ls_port) behind the pod's ls_block boundary.
class ls_rtl_block : public ls_block {
 public:
  explicit ls_rtl_block(std::unique_ptr<ls_rtl_model> r) : r_(std::move(r)) { publish(); }
  void step() override {
    r_->req_i = req_i;
    r_->net_ready_i = net_ready_i;
    r_->rsp_i = rsp_i;
    r_->step();
    publish();
  }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }

 private:
  void publish() {
    req_ready_o = r_->req_ready_o();
    acc_o = r_->acc_o();
    net_o = r_->net_o();
    cpl_o = r_->cpl_o();
    stat_o = r_->stat_o();
  }
  std::unique_ptr<ls_rtl_model> r_;
};

}  // namespace

std::unique_ptr<ls_block> make_ls_rtl_block(const ls_params& p, std::string* why) {
  auto r = make_ls_rtl(p, why);
  if (!r) return nullptr;
  return std::make_unique<ls_rtl_block>(std::move(r));
}

}  // namespace sb
