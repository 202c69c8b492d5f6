// The keys of the pod's collective workloads (workload.kind = collective,
// collective.*; docs/collectives.md), their rules and their mapping.
#include "sb_collective_keys.h"

#include <cstdio>

#include "sb_run_schema.h"

namespace sb {

void collective_keys(config_schema& s) {
  s.add(choice_key("workload.kind", "traffic", {"traffic", "collective"},
                   "pod: what the endpoints do: traffic = the load-store generators of traffic.*; collective = one collective (collective.*) run collective.iterations times across every endpoint, each with the data checked, then the run ends"));
  s.add(choice_key("collective.op", "all_reduce", {"all_reduce", "all_gather", "reduce_scatter", "all_to_all", "broadcast"},
                   "the collective: all_reduce, all_gather, reduce_scatter, all_to_all (MoE dispatch, then combine), broadcast (from collective.root)"));
  s.add(choice_key("collective.algorithm", "ring", {"ring", "direct", "in_switch"},
                   "ring = the ring algorithm (all_to_all: direct); direct = one shot: every rank writes straight to every peer (all_reduce: reduce-scatter then all-gather); in_switch = all_reduce on the switch's reduction units (needs switch.reduction on)"));
  s.add(int_key("collective.message_bytes", "1048576", 4096, 67108864,
                "NCCL's size: the buffer of each rank (all_gather: its output; reduce_scatter: its input; all_to_all: the tokens it sends), rounded up to 256-B elements (all_to_all: to whole tokens)", "B"));
  s.add(int_key("collective.slice_bytes", "8192", 256, 67108864,
                "the granule of the flags: a rank fences and signals every slice it writes (a ring forwards a slice as soon as it is in)", "B"));
  s.add(int_key("collective.sample_max_bytes", "4194304", 8192, 16777216,
                "largest message simulated: a larger one is simulated at this size and at half of it and its time extrapolated along the line through the two (report: collective.sampled)", "B"));
  s.add(int_key("collective.iterations", "1", 1, 1000, "times the collective runs (back to back, a barrier between them); the report gives the mean"));
  s.add(int_key("collective.root", "0", 0, 1023, "broadcast: the rank that sends"));
  s.add(real_key("collective.skew", "0", 0.0, 10.0,
                 "all_to_all: Zipf exponent of the experts' popularity (0 = every expert alike; 1 = expert i gets 1/i of the tokens of the first)"));
  s.add(int_key("collective.token_bytes", "14336", 256, 1048576, "all_to_all: bytes per token (14336 = a 7168-wide bf16 hidden state)", "B"));
  s.add(bool_key("collective.combine", "true", "all_to_all: after the dispatch, each expert returns its tokens (combine)"));
  s.add(choice_key("switch.reduction", "off", {"off", "on"},
                   "pod: the switch chip's reduction units (collective.algorithm in_switch): one per accelerator port, each on an internal port of the chip (the crossbar grows to 2 x switch.ports ports), adding the contributions of every rank to its chunk and writing the sum once to every rank (model only)"));
  s.add(choice_key("fault.collective", "none", {"none", "skip_contribution", "wrong_offset"},
                   "TEST ONLY: skip_contribution = rank 0 does not add the first slice it reduces; wrong_offset = rank 0 writes its first slice one element off (the data check must catch both)"));
}

void collective_rules(config_schema& s) {
  s.rule("collective.root", [](const config& c) -> std::string {
    const int64_t r = c.get_int("collective.root"), n = c.get_int("switch.ports");
    return r < n ? "" : "rank " + std::to_string(r) + " does not exist: switch.ports is " + std::to_string(n);
  });
  s.rule("collective.sample_max_bytes", [](const config& c) -> std::string {
    return c.get_int("collective.sample_max_bytes") % 512 == 0 ? "" : "must be a multiple of 512 B (it is simulated at half of it too)";
  });
  s.rule("collective.algorithm", [](const config& c) -> std::string {
    const bool in = c.get_string("collective.algorithm") == "in_switch", red = c.get_string("switch.reduction") == "on";
    const bool coll = c.get_string("workload.kind") == "collective";
    if (in && (!red || !coll)) return "in_switch needs switch.reduction on and workload.kind collective";
    if (in && c.get_string("collective.op") != "all_reduce") return "in_switch reduces an all_reduce, not collective.op " + c.get_string("collective.op");
    return "";
  });
  s.rule("switch.reduction", [](const config& c) -> std::string {
    if (c.get_string("switch.reduction") != "on") return "";
    if (c.get_string("collective.algorithm") != "in_switch" || c.get_string("workload.kind") != "collective")
      return "the reduction units serve collective.algorithm in_switch (workload.kind collective) only";
    if (c.get_int("endpoints.groups.0.count") > 0) return "the reduction units are modelled in a pod without endpoints.groups";
    if (c.get_int("pod.planes") != 1) return "the reduction units are modelled in a pod of one plane, pod.planes is " + std::to_string(c.get_int("pod.planes"));
    if (c.get_int("switch.ports") * 2 > 1024) return "needs 2 x switch.ports <= 1024 (the units take ports of their own)";
    for (const char* k : {"impl.switch", "impl.xbar"})
      if (c.get_string(k) != "model") return std::string("a model only: needs ") + k + " model, got " + c.get_string(k);
    return "";
  });
  s.used_by("switch.reduction", {"pod"});
  s.used_by("workload", {"pod"});
  s.used_by("collective", {"pod"});
  s.used_by("fault.collective", {"pod"});
}

void print_collective(const nlohmann::json& c) {
  const auto& d = c["data_check"];
  std::printf("  collective  %s %s, %d ranks, %llu B per rank%s: %.2f us, algbw %.1f GB/s, busbw %.1f GB/s\n",
              c["op"].get<std::string>().c_str(), c["algorithm"].get<std::string>().c_str(), c["ranks"].get<int>(),
              (unsigned long long)c["message_bytes"].get<uint64_t>(), c["sampled"].get<bool>() ? " (sampled)" : "",
              double(c["completion_ns"]) / 1000.0, double(c["algbw_gbps"]), double(c["busbw_gbps"]));
  std::printf("              ideal %.2f us on these links (%.0f GB/s per rank), efficiency %.3f (%.3f of the %.2f us its flits need); data %s (%llu elements checked, %llu wrong)\n",
              double(c["ideal_ns"]) / 1000.0, double(c["rank_gbytes_per_s"]), double(c["efficiency"]),
              double(c["wire_efficiency"]), double(c["wire_ideal_ns"]) / 1000.0,
              d["pass"].get<bool>() ? "checked" : "WRONG", (unsigned long long)d["elements_checked"].get<uint64_t>(),
              (unsigned long long)(d["mismatches"].get<uint64_t>() + d["corrupt_lines"].get<uint64_t>()));
  if (!d["first_mismatch"].get<std::string>().empty()) std::printf("              first: %s\n", d["first_mismatch"].get<std::string>().c_str());
  if (!d["completed"].get<bool>()) std::printf("              NOT COMPLETED within run.cycles\n");
}

void set_collective(const config& c, pod_bench_config& b) {
  b.coll = collective_of(c);
  if (c.get_string("switch.reduction") != "on") return;
  b.units = b.ports;
  b.ports *= 2;
  b.xbar.ports = b.sw.ports = b.sw.xbar.ports = b.ports;
}

collective_config collective_of(const config& c) {
  collective_config k;
  k.on = c.get_string("workload.kind") == "collective";
  k.op = choice_of<coll_op>(c, "collective.op",
                            {{"all_reduce", coll_op::all_reduce}, {"all_gather", coll_op::all_gather},
                             {"reduce_scatter", coll_op::reduce_scatter}, {"all_to_all", coll_op::all_to_all},
                             {"broadcast", coll_op::broadcast}});
  k.algo = choice_of<coll_algo>(c, "collective.algorithm",
                                {{"ring", coll_algo::ring}, {"direct", coll_algo::direct}, {"in_switch", coll_algo::in_switch}});
  if (k.op == coll_op::all_to_all) k.algo = coll_algo::direct;
  k.message_bytes = uint64_t(c.get_int("collective.message_bytes"));
  k.slice_bytes = uint64_t(c.get_int("collective.slice_bytes"));
  k.sample_max_bytes = uint64_t(c.get_int("collective.sample_max_bytes"));
  k.iterations = int(c.get_int("collective.iterations"));
  k.root = int(c.get_int("collective.root"));
  k.skew = c.get_real("collective.skew");
  k.token_bytes = uint64_t(c.get_int("collective.token_bytes"));
  k.combine = c.get_bool("collective.combine");
  k.fault = choice_of<coll_fault>(c, "fault.collective",
                                  {{"none", coll_fault::none},
                                   {"skip_contribution", coll_fault::skip_contribution},
                                   {"wrong_offset", coll_fault::wrong_offset}});
  return k;
}

}  // namespace sb
