// Proves that the generated C++ packing (sb_types.h) and the generated
// SystemVerilog packed structs (sb_pkg.sv) agree bit for bit, through a
// Verilated loopback module: C++ packs -> SV unpacks, SV packs -> C++ unpacks.
#include <catch2/catch.hpp>

#include "Vsb_types_loopback.h"
#include "sb_types_check.h"
#include "verilated.h"

TEST_CASE("C++ packing equals the SystemVerilog packed structs bit for bit", "[types][unit]") {
  VerilatedContext ctx;
  Vsb_types_loopback top(&ctx);
  const auto errs = sb::typecheck::check_all(top, 1, 5000);
  for (const auto& e : errs) UNSCOPED_INFO(e);
  CHECK(errs.empty());
  top.final();
}

TEST_CASE("the bit-exact check catches a packing that is off by one bit", "[types][unit]") {
  VerilatedContext ctx;
  Vsb_types_loopback top(&ctx);
  const auto errs = sb::typecheck::check_all(top, 2, 200, 1u);
  CHECK_FALSE(errs.empty());
  top.final();
}
