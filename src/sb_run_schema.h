// The configuration keys of `skybench run` (the schema) and their mapping to
// the crossbar bench. Later blocks add their keys to the same schema.
#pragma once

#include "sb_config.h"
#include "sb_llr_bench.h"
#include "sb_xbar_bench.h"

namespace sb {

config_schema run_schema();
// Assumes a config validated against run_schema().
xbar_bench_config to_xbar_bench_config(const config& c);
llr_bench_config to_llr_bench_config(const config& c);

}  // namespace sb
