// The switch chip model (docs/switch.md): N ports, each an LLR end, the
// ingress flow-control receiver (PFC or CBFC) with the ingress buffer, the
// egress with its class scheduler and the egress flow-control sender; one
// crossbar. One step() per rising edge at the pins (switch_pins.h). The
// sub-blocks are those of sb_blocks.h: models by default, or whatever a
// block_factory makes (the Verilated RTL of one block, or both in lockstep).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sb_blocks.h"
#include "sb_switch_blocks.h"
#include "sb_switch_pins.h"

namespace sb {

struct switch_params {
  int ports = 8;
  xbar_params xbar;  // ports is set from `ports`; classes = the chip's classes
  llr_params llr;
  fc_cfgs fc;
  uint8_t lossless = 0x3;
  uint32_t pipeline = 100;     // cycles after the crossbar
  uint32_t ingress_cap = 1024; // flits per class
  uint32_t egress_cap = 0;     // flits; 0 = pipeline + xbar pipeline + 32
  bool wrr = false;
  uint32_t max_packet_flits = 8;  // the longest packet the chip must hold whole at its egress
  std::array<uint8_t, 8> weights{{1, 1, 1, 1, 1, 1, 1, 1}};

  uint32_t egress_cap_flits() const { return egress_cap ? egress_cap : pipeline + uint32_t(xbar.pipeline) + 32; }
  switch_regs regs() const;     // the configuration registers of the chip
  std::string validate() const; // "" when valid, else the reason naming the field
};

// Makes the chip's sub-blocks; a null function member makes the model.
struct switch_block_factory {
  std::function<std::unique_ptr<xbar_block>(const xbar_params&)> xbar;
  std::function<std::unique_ptr<llr_end_block>(const llr_params&, int port)> llr;
  std::function<std::unique_ptr<fc_rx_block>(const fc_cfgs&, int port)> fc_rx;
  std::function<std::unique_ptr<fc_tx_block>(const fc_cfgs&, int port)> fc_tx;
};

// What a bench may observe inside the model (timestamps per boundary).
struct switch_probe {
  virtual ~switch_probe() = default;
  virtual void llr_delivered(int port, const flit_t& f) = 0;  // the switch's LLR end delivered f
  virtual void xbar_in(int port, const flit_t& f) = 0;        // f entered crossbar input `port`
  virtual void xbar_out(int port, const flit_t& f) = 0;       // f left crossbar output `port`
  virtual void llr_accepted(int port, const flit_t& f) = 0;   // the switch's LLR end took f towards the endpoint
};

class switch_core {
 public:
  explicit switch_core(const switch_params& p, const switch_block_factory& f = {});
  std::vector<switch_port_pins> pins;

  void step();  // one rising edge: pins' inputs in, pins' outputs registered
  void set_probe(switch_probe* p) { probe_ = p; }
  // TEST ONLY: at cycle `at`, port 0's egress sees a grant of class 0
  // whatever its sender did (a grant of an empty class: an assertion).
  void inject_bad_grant(uint64_t at) { bad_grant_at_ = at; }
  // Model assertions of every sub-block (and SVA failures of RTL sub-blocks).
  void collect_violations(std::vector<std::string>& out) const;
  uint64_t assertion_failures() const;
  uint64_t occupancy() const;  // flits held anywhere in the chip (not the LLR replay buffers)
  const switch_params& params() const { return p_; }
  uint64_t cycle() const { return cycle_; }

  // Sub-blocks, for traces and introspection.
  xbar_block& xbar() { return *xbar_; }
  llr_end_block& llr(int p) { return *llr_[size_t(p)]; }
  fc_rx_block& fc_rx(int p) { return *rx_[size_t(p)]; }
  fc_tx_block& fc_tx(int p) { return *tx_[size_t(p)]; }
  egress_core& egress(int p) { return eg_[size_t(p)]; }
  ingress_core& ingress(int p) { return in_[size_t(p)]; }

 private:
  void publish();
  switch_params p_;
  int n_;
  bool cbfc_;
  std::unique_ptr<xbar_block> xbar_;
  std::vector<std::unique_ptr<llr_end_block>> llr_;
  std::vector<std::unique_ptr<fc_rx_block>> rx_;
  std::vector<std::unique_ptr<fc_tx_block>> tx_;
  std::vector<ingress_core> in_;
  std::vector<egress_core> eg_;
  switch_probe* probe_ = nullptr;
  uint64_t cycle_ = 0, bad_grant_at_ = UINT64_MAX;
};

}  // namespace sb
