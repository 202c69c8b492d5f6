// Every block as model, rtl or lockstep, over its generated port struct and
// RTL binding (sb_block_ports.h, from rtl/common/sb_types.yaml "blocks:";
// docs/adding-a-block.md): one comparator and one lockstep wrapper for all.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "sb_bench_util.h"
#include "sb_block_base.h"
#include "sb_lockstep.h"

namespace sb {

// The lockstep state a composition shares between its blocks.
struct lockstep_ctx {
  lockstep_log log;
  uint64_t cycle = 0;            // the cycle being stepped, for the mismatch record
  uint64_t compared_blocks = 0;  // block-cycles compared
  uint64_t compared_ports = 0;   // port-cycles: a block with N ports counts N (docs/verification.md)
};

namespace detail {
template <class T, class = void>
struct is_packed : std::false_type {};
template <class T>
struct is_packed<T, std::void_t<decltype(T::kFields)>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
}  // namespace detail

// True when a and b differ; m then names the first differing field (a
// scalar pin has no field: "").
template <class T>
bool diff_value(const T& a, const T& b, mismatch& m) {
  if constexpr (detail::is_packed<T>::value) {
    return diff(a, b, m);
  } else {
    if (a == b) return false;
    m.field = "";
    m.model = std::to_string(+a);
    m.rtl = std::to_string(+b);
    return true;
  }
}

// Compares the outputs Binding lists of a (model) and b (RTL) at cycle k,
// each under its pin name; a vector port is compared per element, the
// element index as the port. False when any differs.
template <class Binding>
bool compare_outputs(lockstep_log& log, uint64_t k, int port, const char* block, const typename Binding::ports& a,
                     const typename Binding::ports& b) {
  bool ok = true;
  mismatch m;
  Binding::each_output([&](const char* sig, auto member) {
    const auto& x = a.*member;
    const auto& y = b.*member;
    if constexpr (detail::is_vector<std::decay_t<decltype(x)>>::value) {
      for (size_t j = 0; j < x.size(); ++j) ok &= log.note(k, int(j), block, sig, diff_value(x[j], y[j], m), m);
    } else {
      ok &= log.note(k, port, block, sig, diff_value(x, y, m), m);
    }
  });
  return ok;
}

// A replicated block (one pin set per port, sb_types.yaml `replicated`):
// every port's outputs, port by port, the index as the port.
template <class Binding>
bool compare_replicated(lockstep_log& log, uint64_t k, const char* block, const std::vector<typename Binding::ports>& a,
                        const std::vector<typename Binding::ports>& b) {
  bool ok = true;
  for (size_t p = 0; p < a.size(); ++p) ok &= compare_outputs<Binding>(log, k, int(p), block, a[p], b[p]);
  return ok;
}

// A block in lockstep: both implementations get the same inputs every edge,
// every output Binding lists is compared after it (mismatches to the shared
// log), and the composition sees the model's outputs. `ports` is the number
// of port-cycles one step counts.
template <class Binding>
class lockstep_block final : public block<typename Binding::ports> {
 public:
  using base = block<typename Binding::ports>;
  lockstep_block(std::unique_ptr<base> model, std::unique_ptr<base> rtl, lockstep_ctx* ctx, int port, int ports = 1,
                 std::string name = Binding::kBlock)
      : m_(std::move(model)), r_(std::move(rtl)), ctx_(ctx), port_(port), ports_(ports), name_(std::move(name)) {
    this->p = m_->p;
  }
  void step() override {
    m_->p = this->p;
    r_->p = this->p;
    m_->step();
    r_->step();
    ++ctx_->compared_blocks;
    ctx_->compared_ports += uint64_t(ports_);
    compare_outputs<Binding>(ctx_->log, ctx_->cycle, port_, name_.c_str(), m_->p, r_->p);
    this->p = m_->p;
  }
  const std::vector<std::string>& violations() const override { return m_->violations(); }
  uint64_t assertion_failures() const override { return r_->assertion_failures(); }
  void trace_open(const std::string& path) override { r_->trace_open(path); }
  void trace_close() override { r_->trace_close(); }
  base& model() { return *m_; }
  base& rtl() { return *r_; }

 private:
  std::unique_ptr<base> m_, r_;
  lockstep_ctx* ctx_;
  int port_, ports_;
  std::string name_;
};

// The block for impl.<block>: the model, the RTL, or both in lockstep.
// make_model() and make_rtl() build one implementation each.
template <class Binding, class MakeModel, class MakeRtl>
std::unique_ptr<block<typename Binding::ports>> make_block(impl_mode m, MakeModel make_model, MakeRtl make_rtl,
                                                           lockstep_ctx* ctx, int port, int ports = 1,
                                                           std::string name = Binding::kBlock) {
  if (m == impl_mode::model) return make_model();
  auto rtl = make_rtl();
  if (m == impl_mode::rtl) return rtl;
  return std::make_unique<lockstep_block<Binding>>(make_model(), std::move(rtl), ctx, port, ports, std::move(name));
}

}  // namespace sb
