// Console summary lines shared by the systems, and the link sizing printouts
// (`skybench size`, and the warnings before a run).
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "sb_run_schema.h"

namespace sb {

std::string fmt(double v, int prec = 1);
// The verdict and the checks that failed.
void print_verdict(const nlohmann::json& r);
// The speed and where the report is.
void print_speed_and_report(const nlohmann::json& r, const std::string& report_path);
// The first lockstep mismatch (and its waveform), when there is one.
void print_mismatch(const nlohmann::json& cs);
// "cosim N cycles compared (M port-cycles), K mismatches" (PREFIX after "cosim").
void print_cosim_ports(const nlohmann::json& cs, const char* prefix);
// "lossless injected ..., corrupted N packets" and the first error.
void print_lossless_packets(const nlohmann::json& ll);
void print_first_error(const nlohmann::json& ll);
// "latency packet p50 ..." (the packet latency block).
void print_packet_latency(const nlohmann::json& lp);
void print_throughput_port(const nlohmann::json& r);
// The LLR sizing (docs/llr.md "Sizing"), or only a warning when undersized.
void print_llr_sizing(const llr_bench_config& b, FILE* to, bool always);
// PFC headroom (docs/flow-control.md "Sizing"), or only a warning when short.
void print_pfc_headroom(const config& c, FILE* to, bool always);

}  // namespace sb
