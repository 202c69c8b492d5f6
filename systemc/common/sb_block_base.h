// The base of every block a composition (the switch chip, the endpoint, the
// benches) wires together: its generated port struct p (sb_block_ports.h,
// from rtl/common/sb_types.yaml "blocks:"). The composition writes the
// inputs of p, calls step() at a rising edge and reads the outputs of p
// (registers). Model and RTL implementations have the same boundary, so a
// composition holds model, RTL or both in lockstep alike (verif/common/sb_block.h).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sb_block_ports.h"

namespace sb {

// Every block: assertions of the model (violations) or of the RTL (SVA
// failures), waveforms where there is RTL.
class block_base {
 public:
  virtual ~block_base() = default;
  virtual void step() = 0;
  // (a reference: collected from every block every cycle, it must cost nothing when empty)
  virtual const std::vector<std::string>& violations() const {
    static const std::vector<std::string> none;
    return none;
  }
  virtual uint64_t assertion_failures() const { return 0; }
  virtual void trace_open(const std::string&) {}
  virtual void trace_close() {}
};

// A block behind its generated port struct (sb_block_ports.h): write the
// inputs of p, step(), read the outputs of p.
template <class Ports>
class block : public block_base {
 public:
  using ports = Ports;
  Ports p;
};

// A model block: a plain-C++ core behind Binding's ports through the
// generated core_pins (the core's public inputs and output accessors carry
// the RTL pin names). core() for fault injection and what a bench inspects.
template <class Binding, class Core>
class model_block final : public block<typename Binding::ports> {
 public:
  template <class... A>
  explicit model_block(A&&... a) : core_(std::forward<A>(a)...) {
    core_pins<Binding, Core>::init(core_, this->p);
  }
  void step() override {
    core_pins<Binding, Core>::drive(core_, this->p);
    core_.step();
    core_pins<Binding, Core>::sample(core_, this->p);
  }
  const std::vector<std::string>& violations() const override { return core_.violations(); }
  Core& core() { return core_; }
  const Core& core() const { return core_; }

 private:
  Core core_;
};

}  // namespace sb
