// The energy model's arithmetic (verif/common/sb_energy.h, docs/energy.md
// "Model") against counts whose energy is worked out by hand.
#include <catch2/catch.hpp>

#include "sb_energy.h"

using namespace sb;

namespace {

// Two links to one switch, 1000 cycles of 0.64 ns (64-B slots at 800 Gb/s),
// half the line busy.
energy_counts two_links() {
  energy_counts c;
  c.links = 2;
  c.switches = 1;
  c.switch_ports = 2;
  c.endpoint_ports = 2;
  c.cycle_ns = 0.64;
  c.cycles = 1000;
  c.line_bits = 1000ull * 512 * 2 * 2;  // 2,048,000
  c.busy_bits = c.line_bits / 2;
  c.buffer_bits = 409600;
  c.crossbar_bits = 102400;
  c.llr_switch_bits = 51200;
  c.llr_endpoint_bits = 51200;
  c.payload_bits = 512000;
  return c;
}

}  // namespace

TEST_CASE("energy: every part priced by its coefficient (worked by hand)", "[energy]") {
  const energy_params p;  // the defaults: 5 / 3.5 / 0.5 / 1.0 / 0.5 pJ/bit, 1.4 / 0.5 W
  const energy_breakdown b = energy_estimate(p, two_links());
  // SerDes: 1,024,000 busy bits x 5 pJ + 1,024,000 idle bits x 3.5 pJ = 8.704 uJ.
  CHECK(b.serdes_j == Approx(8.704e-6));
  CHECK(b.switch_buffer_j == Approx(409600 * 0.5e-12));
  CHECK(b.crossbar_j == Approx(102400 * 1.0e-12));
  CHECK(b.llr_j == Approx(102400 * 0.5e-12));
  CHECK(b.llr_switch_j == Approx(51200 * 0.5e-12));
  // Static: 640 ns x (2 x 1.4 W + 2 x 0.5 W) = 2.432 uJ.
  CHECK(b.duration_s == Approx(640e-9));
  CHECK(b.idle_j == Approx(2.432e-6));
  CHECK(b.idle_switch_j == Approx(1.792e-6));
  CHECK(b.joules() == Approx(11.4944e-6));
  // The switch: half the SerDes, buffers, crossbar, its LLR ends, its ports = 6.4768 uJ.
  CHECK(b.switch_j() == Approx(6.4768e-6));
}

TEST_CASE("energy: the report's averages and pJ per payload bit (worked by hand)", "[energy]") {
  const nlohmann::json j = energy_json(energy_params{}, two_links());
  CHECK(j["joules"].get<double>() == Approx(11.4944e-6));
  CHECK(j["duration_ns"].get<double>() == Approx(640.0));
  // A link: both directions half busy, 2 x 800 Gb/s x (5 + 3.5) / 2 pJ = 6.8 W.
  CHECK(j["avg_w_per_link"].get<double>() == Approx(6.8));
  CHECK(j["avg_w_per_switch"].get<double>() == Approx(6.4768e-6 / 640e-9));
  CHECK(j["avg_w"].get<double>() == Approx(11.4944e-6 / 640e-9));
  // 11.4944 uJ over 512,000 payload bits = 22.45 pJ/bit.
  CHECK(j["pj_per_payload_bit"].get<double>() == Approx(22.45));
  CHECK(j["payload_bits"].get<uint64_t>() == 512000);
  CHECK(j["breakdown"]["serdes_j"].get<double>() == Approx(8.704e-6));
  CHECK(j["params"]["serdes_pj_per_bit"].get<double>() == Approx(5.0));
}

TEST_CASE("energy: framing overhead and replays raise the energy per payload bit", "[energy]") {
  const energy_params p;
  energy_counts c = two_links();
  c.busy_bits = c.line_bits / 4;  // 512,000: a quarter of the line
  const double clean = energy_json(p, c)["pj_per_payload_bit"].get<double>();
  energy_counts framed = c;
  framed.busy_bits = c.busy_bits * 130 / 64;  // ethernet: 130 wire bytes per 64-B flit
  const double eth = energy_json(p, framed)["pj_per_payload_bit"].get<double>();
  // Each overhead bit costs serdes - idle = 1.5 pJ more: +528,000 bits x 1.5 pJ over 512,000 payload bits.
  CHECK(eth - clean == Approx((1040000.0 - 512000.0) * 1.5 / 512000.0));
  energy_counts replays = c;
  replays.llr_endpoint_bits += 51200;  // 100 flits replayed
  replays.busy_bits += 51200;          // and sent again
  const double rep = energy_json(p, replays)["pj_per_payload_bit"].get<double>();
  CHECK(rep - clean == Approx(51200.0 * (0.5 + 1.5) / 512000.0));
}

TEST_CASE("energy: a window is the difference of two snapshots", "[energy]") {
  energy_counts a = two_links(), b = two_links();
  b.cycles = 3000;
  b.line_bits = 3 * a.line_bits;
  b.busy_bits = a.busy_bits + 100;
  b.payload_bits = a.payload_bits + 4096;
  const energy_counts d = b - a;
  CHECK(d.cycles == 2000);
  CHECK(d.line_bits == 2 * a.line_bits);
  CHECK(d.busy_bits == 100);
  CHECK(d.buffer_bits == 0);
  CHECK(d.payload_bits == 4096);
  CHECK(d.links == 2);  // the structure is kept
  CHECK(d.cycle_ns == Approx(0.64));
  CHECK((a - b).cycles == 0);  // never negative
}

TEST_CASE("energy: busy bits beyond the line are clamped, no payload gives null", "[energy]") {
  energy_params p;
  p.switch_port_idle_w = p.endpoint_port_idle_w = 0;
  energy_counts c = two_links();
  c.busy_bits = c.line_bits + 5000;  // a unit booked ahead of the cycles counted
  CHECK(energy_estimate(p, c).serdes_j == Approx(double(c.line_bits) * 5e-12));
  c.payload_bits = 0;
  CHECK(energy_json(p, c)["pj_per_payload_bit"].is_null());
  energy_counts none;
  const nlohmann::json z = energy_json(p, none);
  CHECK(z["joules"].get<double>() == 0.0);
  CHECK(z["avg_w_per_link"].get<double>() == 0.0);
}
