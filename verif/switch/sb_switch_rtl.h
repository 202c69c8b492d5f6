// The Verilated switch chip (rtl/switch/sb_switch.sv) behind the chip's pins
// (switch_port_pins, systemc/switch/sb_switch_pins.h): plain C++ inputs,
// registered outputs, one step per rising edge. One Verilator build per port
// count (SKYBENCH_SWITCH_RTL_BUILDS); the structural storage sizes are the
// same for every build (switch_rtl_build_sizes()), the algorithms are the
// configuration registers (switch_regs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sb_switch_pins.h"

namespace sb {

class switch_rtl {
 public:
  virtual ~switch_rtl() = default;
  // One entry per port: write the *_i fields before step(), read the *_o
  // fields after it.
  std::vector<switch_port_pins> pins;

  // Applies the configuration and a synchronous reset (two edges, inputs 0),
  // then samples the outputs. The configuration stays applied until the next
  // reset (the RTL asserts it is stable).
  virtual void reset(const switch_regs& regs) = 0;
  // Writes every port's inputs, one rising edge, samples every output.
  virtual void step() = 0;
  virtual void trace_open(const std::string& fst_path) = 0;
  virtual void trace_close() = 0;
  // Edges at which some SVA failed, since construction (messages on stdout).
  virtual uint64_t assertion_failures() const = 0;
  // TEST ONLY: the chip's test_fault_i pin (port 0's egress payload corrupted).
  virtual void set_test_fault(bool on) = 0;
  uint64_t cycle() const { return cycle_; }  // edges since the last reset
  int ports() const { return int(pins.size()); }

 protected:
  uint64_t cycle_ = 0;
};

// The Verilated build with this many ports, or nullptr with `why` set.
std::unique_ptr<switch_rtl> make_switch_rtl(int ports, std::string* why);
// The port counts of the builds compiled into this binary.
std::vector<int> switch_rtl_ports();
// The structural sizes shared by the builds (rtl/switch/sb_switch.sv
// parameters); `ports` is the largest build's.
switch_rtl_sizes switch_rtl_build_sizes();

}  // namespace sb
