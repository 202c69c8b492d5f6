// Lockstep helpers shared by the benches: the first mismatch's description,
// a field-by-field diff of two boundary structs, and a fixed-latency line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sb {

struct mismatch {
  uint64_t cycle = 0;
  int port = 0;
  std::string block, signal, field, model, rtl;
};

// True when a and b differ; m.field/model/rtl then name the first differing field.
template <class T>
bool diff(const T& a, const T& b, mismatch& m) {
  if (a == b) return false;
  for (int f = 0; f < T::kFields; ++f) {
    const int count = T::kFieldInfo[f].count;  // every element (tel_snap_t.fec_hist has 17)
    for (int e = 0; e < count; ++e) {
      if (a.field(f, e) != b.field(f, e)) {
        m.field = std::string(T::kFieldInfo[f].name) +
                  (T::kFieldInfo[f].count > 1 ? "[" + std::to_string(e) + "]" : std::string());
        m.model = std::to_string(a.field(f, e));
        m.rtl = std::to_string(b.field(f, e));
        return true;
      }
    }
  }
  return true;
}

// Counts mismatches and keeps (and prints) the first one.
struct lockstep_log {
  uint64_t mismatches = 0;
  bool have = false;
  bool quiet = false;  // true: keep the first mismatch without printing it
  mismatch first;
  // Records a difference found by diff() (differs = its result); false when one was found.
  bool note(uint64_t cycle, int port, const char* block, const char* signal, bool differs, const mismatch& m) {
    if (!differs) return true;
    ++mismatches;
    if (have) return false;
    have = true;
    first = m;
    first.cycle = cycle;
    first.port = port;
    first.block = block;
    first.signal = signal;
    if (quiet) return false;
    std::fprintf(stderr, "skybench: LOCKSTEP MISMATCH at cycle %llu, block %s, port %d, %s.%s: model %s, rtl %s\n",
                 (unsigned long long)cycle, block, port, signal, first.field.c_str(), first.model.c_str(),
                 first.rtl.c_str());
    return false;
  }
};

// checks.cosim.first_mismatch: {cycle, time_ns, block, port, signal, field, model, rtl}, or null.
inline nlohmann::json mismatch_json(const lockstep_log& log, double ns_per_cycle) {
  if (!log.have) return nullptr;
  const mismatch& f = log.first;
  return {{"cycle", f.cycle}, {"time_ns", double(f.cycle) * ns_per_cycle}, {"block", f.block}, {"port", f.port},
          {"signal", f.signal}, {"field", f.field}, {"model", f.model}, {"rtl", f.rtl}};
}

// checks.cosim of a lockstep run: cycles compared, port-cycles compared
// (a block with N ports counts N per cycle), mismatches and the first.
inline nlohmann::json cosim_json(const lockstep_log& log, uint64_t cycles, uint64_t port_cycles, double ns_per_cycle) {
  return {{"pass", !log.have},
          {"enabled", true},
          {"compared_cycles", cycles},
          {"compared_port_cycles", port_cycles},
          {"mismatches", log.mismatches},
          {"first_mismatch", mismatch_json(log, ns_per_cycle)}};
}

// A fixed-latency line of d + 1 slots: push after an edge, the front is what
// the far end sees at the next edge (as link_direction, without faults).
template <class T>
class delay_line {
 public:
  explicit delay_line(uint32_t d) : slots_(d + 1) {}
  const T& push(const T& v) {
    slots_[pos_] = v;
    pos_ = pos_ + 1 == slots_.size() ? 0 : pos_ + 1;
    return slots_[pos_];
  }

 private:
  std::vector<T> slots_;
  size_t pos_ = 0;
};

}  // namespace sb
