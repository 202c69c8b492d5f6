// The pod's blocks as model, RTL or both in lockstep (impl.xbar, impl.llr,
// impl.flow_control, impl.ls_port): a lockstep block holds both, gives both
// the same inputs every edge, compares every output after it (the first
// difference goes to the shared lockstep log) and drives the composition
// with the model's outputs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sb_bench_util.h"
#include "sb_block.h"
#include "sb_blocks.h"
#include "sb_lockstep.h"
#include "sb_ls_block.h"
#include "sb_telemetry_block.h"

namespace sb {

std::unique_ptr<xbar_block> make_pod_xbar(impl_mode m, const xbar_params& p, xbar_fault f, uint64_t at, lockstep_ctx* ctx);
// blk names the end in a mismatch ("llr_endpoint", "llr_switch").
std::unique_ptr<llr_end_block> make_pod_llr(impl_mode m, const llr_params& p, llr_fault f, uint64_t at, int port,
                                            const char* blk, lockstep_ctx* ctx);
std::unique_ptr<ls_block> make_pod_ls(impl_mode m, const ls_params& p, ls_fault f, uint64_t at, int port,
                                      lockstep_ctx* ctx);
// A switch port's telemetry unit; blk names it in a mismatch ("telemetry", "telemetry_p1").
std::unique_ptr<telemetry_block> make_pod_telemetry(impl_mode m, const telemetry_params& p, int port, const std::string& blk,
                                                    lockstep_ctx* ctx, uint64_t miscount_at = UINT64_MAX);

}  // namespace sb
