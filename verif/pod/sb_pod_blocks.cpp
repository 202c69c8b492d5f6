// The pod's blocks as model, RTL or lockstep: make_block (sb_block.h) over
// each block's generated binding.
#include "sb_pod_blocks.h"

#include <stdexcept>

#include "sb_fc_blocks.h"
#include "sb_llr_rtl.h"
#include "sb_ls_rtl.h"
#include "sb_telemetry_rtl.h"
#include "sb_xbar_rtl.h"

namespace sb {

namespace {

template <class T>
T must(T v, const std::string& why) {
  if (!v) throw std::invalid_argument(why);
  return v;
}

}  // namespace

std::unique_ptr<xbar_block> make_pod_xbar(impl_mode m, const xbar_params& p, xbar_fault f, uint64_t at, lockstep_ctx* ctx) {
  return make_block<xbar_binding>(
      m, [&] { return make_xbar_model(p, f, at); },
      [&]() -> std::unique_ptr<xbar_block> {
        std::string why;
        auto r = must(make_xbar_rtl(p, &why), why);
        r->reset();
        return r;
      },
      ctx, 0, p.ports);
}

std::unique_ptr<llr_end_block> make_pod_llr(impl_mode m, const llr_params& p, llr_fault f, uint64_t at, int port,
                                            const char* blk, lockstep_ctx* ctx) {
  return make_block<llr_binding>(
      m, [&] { return make_llr_end_model(p, f, at); },
      [&] {
        std::string why;
        return must(make_llr_end_rtl(p, std::string(blk) + std::to_string(port), &why), why);
      },
      ctx, port, 1, blk);
}

std::unique_ptr<ls_block> make_pod_ls(impl_mode m, const ls_params& p, ls_fault f, uint64_t at, int port,
                                      lockstep_ctx* ctx) {
  return make_block<ls_port_binding>(
      m, [&]() -> std::unique_ptr<ls_block> { return make_ls_model(p, f, at); },
      [&] {
        std::string why;
        return must(make_ls_rtl(p, &why), why);
      },
      ctx, port);
}

std::unique_ptr<telemetry_block> make_pod_telemetry(impl_mode m, const telemetry_params& p, int port, const std::string& blk,
                                                    lockstep_ctx* ctx, uint64_t miscount_at) {
  return make_block<telemetry_binding>(
      m, [&] { return make_telemetry_model(p, miscount_at); },
      [&] {
        std::string why;
        return must(make_telemetry_rtl(p, blk + std::to_string(port), &why), "impl.telemetry: " + why);
      },
      ctx, port, 1, blk);
}

}  // namespace sb
