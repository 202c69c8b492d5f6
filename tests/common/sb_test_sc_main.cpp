// sc_main for the Catch2 test binaries (linked into every test executable by
// tests/CMakeLists.txt).
//
// Debian's libsystemc.so defines main() and references sc_main, which the
// program must define; ld checks that every shared library a program needs
// has its undefined symbols resolved. A test binary's main is Catch2's
// (Catch2WithMain), and the tests call sc_start themselves where they
// simulate, so this sc_main is never called - but it must exist in every
// test binary that keeps libsystemc.so. A Release build drops the library
// from the tests that reference nothing in it (test_traffic, test_fc,
// test_ls_port), because Debian's GCC links with --as-needed by default -
// except when a -fsanitize option is given (its spec has
// `%{!fsanitize=*:--as-needed}`, see `gcc -dumpspecs`). So under the
// sanitize preset they kept libsystemc.so and did not link (issue 13).
//
// Weak, so that a test that defines its own sc_main keeps it.
#include <cstdio>

// SystemC declares it extern "C" (sysc/kernel/sc_externs.h).
extern "C" __attribute__((weak)) int sc_main(int, char**) {
  std::fprintf(stderr, "sb_test_sc_main: sc_main called - this test binary must run Catch2's main, not SystemC's\n");
  return 1;
}
