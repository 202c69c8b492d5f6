// The initial state of the Verilated RTL (run.rtl_init; docs/verification.md
// "Initial state"). Every Verilated build is made with `--x-assign unique
// --x-initial unique`: what the RTL leaves unknown (registers and memories
// before their reset, `x` assignments) takes its value from Verilator's
// runtime when the model is built. zero = all zeros, as the C++ models start
// (Verilated randReset 0); random = random values drawn from `seed`
// (randReset 2), so that a register without a reset differs from the model
// and the lockstep comparison catches it. Plain C++: set by the command line
// (or a test) before the first Verilated model of the process is built;
// applied to the process's one VerilatedContext (sb_verilated_ports.h).
#pragma once

#include <cstdint>

namespace sb {

struct rtl_initial_state {
  bool random = false;
  uint64_t seed = 1;
};

inline rtl_initial_state& rtl_init_setting() {
  static rtl_initial_state s;
  return s;
}

// Verilator's seed: non-zero (0 asks it for a seed of its own) and 31 bits.
inline int rtl_init_seed(uint64_t seed) { return int(seed % 0x7FFFFFFEull) + 1; }

}  // namespace sb
