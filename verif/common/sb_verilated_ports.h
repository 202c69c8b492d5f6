// Copy packed-struct words to and from Verilated ports.
#pragma once

#include <verilated.h>
#include <verilated_fst_c.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>
#include <algorithm>

#include "sb_rtl_init.h"
#include "sb_types.h"

namespace sb {

// Verilator ports are CData/SData/IData/QData up to 64 bits and VlWide above.
template <class P>
inline void port_from_words(P& p, const uint32_t* w) {
  uint64_t v = w[0];
  if constexpr (sizeof(P) > 4) v |= uint64_t(w[1]) << 32;
  p = static_cast<P>(v);
}
template <std::size_t N>
inline void port_from_words(VlWide<N>& p, const uint32_t* w) {
  for (std::size_t i = 0; i < N; ++i) p[i] = w[i];
}
template <class P>
inline void port_to_words(const P& p, uint32_t* w) {
  const uint64_t v = p;
  w[0] = uint32_t(v);
  if constexpr (sizeof(P) > 4) w[1] = uint32_t(v >> 32);
}
template <std::size_t N>
inline void port_to_words(const VlWide<N>& p, uint32_t* w) {
  for (std::size_t i = 0; i < N; ++i) w[i] = p[i];
}

// A boundary struct of sb_types.h (pack/unpack to words) to and from a port.
template <class T, class P>
inline void put_port(P& port, const T& v) {
  uint32_t w[T::kWords + 2] = {};
  v.pack(w);
  port_from_words(port, w);
}
template <class T, class P>
inline void get_port(const P& port, T& v) {
  uint32_t w[T::kWords + 2] = {};
  port_to_words(port, w);
  v.unpack(w);
}

// One pin of a generated binding (sb_block_pins.h): a packed struct through
// its words, a scalar directly.
template <class P, class T>
inline void put_pin(P& port, const T& v) {
  if constexpr (std::is_class_v<T>) {
    put_port(port, v);
  } else {
    port = static_cast<P>(v);
  }
}
template <class P, class T>
inline void get_pin(const P& port, T& v) {
  if constexpr (std::is_class_v<T>) {
    get_port(port, v);
  } else {
    v = static_cast<T>(port);
  }
}
// True when bits [lsb, lsb + width) of w are all zero.
inline bool bits_zero(const uint32_t* w, int lsb, int width) {
  const int first = lsb >> 5, last = (lsb + width - 1) >> 5;
  const uint32_t lo = ~0u << (lsb & 31);
  const int top = (lsb + width) & 31;
  const uint32_t hi = top ? ((1u << top) - 1u) : ~0u;
  if (first == last) return (w[first] & lo & hi) == 0;
  if (w[first] & lo) return false;
  for (int k = first + 1; k < last; ++k)
    if (w[k]) return false;
  return (w[last] & hi) == 0;
}
// The callers (put_vector, put_replicated) zero the words first, so an
// all-zero element (an idle flit, a 0 scalar) needs no packing, and an
// all-zero field of the port unpacks to T{} (every boundary field is 0
// there) without the field-by-field decode: most of the per-cycle pin
// cost at low and medium load.
template <class T>
inline void pack_elem(const T& v, uint32_t* w, int off, int width) {
  if constexpr (std::is_class_v<T>) {
    if (v == T{}) return;
    v.pack_at(w, off);
  } else {
    if (v == T{}) return;
    put_bits(w, off, width, uint64_t(v));
  }
}
template <class T>
inline void unpack_elem(T& v, const uint32_t* w, int off, int width) {
  if constexpr (std::is_class_v<T>) {
    if (bits_zero(w, off, width)) {
      v = T{};
      return;
    }
    v.unpack_at(w, off);
  } else {
    v = static_cast<T>(get_bits(w, off, width));
  }
}
// A pin that packs one element per port, element i at [i * width +: width]:
// a vector of values, or one member of a vector of port structs.
template <class P, class T>
inline void put_vector(P& port, const std::vector<T>& v, int width, std::vector<uint32_t>& w) {
  std::fill(w.begin(), w.end(), 0);
  for (size_t i = 0; i < v.size(); ++i) pack_elem(v[i], w.data(), int(i) * width, width);
  port_from_words(port, w.data());
}
template <class P, class T>
inline void get_vector(const P& port, std::vector<T>& v, int width, std::vector<uint32_t>& w) {
  port_to_words(port, w.data());
  for (size_t i = 0; i < v.size(); ++i) unpack_elem(v[i], w.data(), int(i) * width, width);
}
template <class P, class S, class T>
inline void put_replicated(P& port, const std::vector<S>& v, T S::*m, int width, std::vector<uint32_t>& w) {
  std::fill(w.begin(), w.end(), 0);
  for (size_t i = 0; i < v.size(); ++i) pack_elem(v[i].*m, w.data(), int(i) * width, width);
  port_from_words(port, w.data());
}
template <class P, class S, class T>
inline void get_replicated(const P& port, std::vector<S>& v, T S::*m, int width, std::vector<uint32_t>& w) {
  port_to_words(port, w.data());
  for (size_t i = 0; i < v.size(); ++i) unpack_elem(v[i].*m, w.data(), int(i) * width, width);
}
// Scratch words for the pins of `ports` ports of a block whose widest port
// has `bits` bits (plus slack for the last VlWide word).
inline std::vector<uint32_t> pin_words(int ports, int bits) {
  return std::vector<uint32_t>(size_t(ports) * size_t(bits / 32 + 1) + 8, 0);
}

// The one VerilatedContext of the process, shared by every Verilated model
// (created with the first, destroyed after the last). One context, not one
// per model: Verilator 5.006 unregisters a model's scopes through the
// thread's current context, so models destroyed after another context has
// gone deadlock or crash (verilator/verilator#8265).
inline std::weak_ptr<VerilatedContext>& verilated_context_slot() {
  static std::weak_ptr<VerilatedContext> weak;
  return weak;
}
// The context while a Verilated model lives, else null (never creates one).
inline std::shared_ptr<VerilatedContext> current_verilated_context() { return verilated_context_slot().lock(); }
inline std::shared_ptr<VerilatedContext> shared_verilated_context() {
  std::weak_ptr<VerilatedContext>& weak = verilated_context_slot();
  std::shared_ptr<VerilatedContext> ctx = weak.lock();
  if (!ctx) {
    ctx = std::make_shared<VerilatedContext>();
    ctx->fatalOnError(false);  // SVA failures are counted and reported, not aborts
    ctx->traceEverOn(true);
    // Unknown initial state (run.rtl_init): zeros, or random from the run's seed.
    const rtl_initial_state& init = rtl_init_setting();
    ctx->randReset(init.random ? 2 : 0);
    if (init.random) ctx->randSeed(rtl_init_seed(init.seed));
    Verilated::threadContextp(ctx.get());
    weak = ctx;
  }
  return ctx;
}

// One Verilated model clocked by hand: a rising edge per edge() (assertion
// failures of that edge counted), optional FST tracing.
template <class V>
class verilated_harness {
 public:
  explicit verilated_harness(const char* name) : ctx(shared_verilated_context()) {
    top = std::make_unique<V>(ctx.get(), name);
  }
  ~verilated_harness() {
    trace_close();
    top->final();
  }
  verilated_harness(const verilated_harness&) = delete;
  verilated_harness& operator=(const verilated_harness&) = delete;

  // Inputs are set: eval with the clock low (Verilator samples assertion
  // inputs at the start of eval), then the rising edge.
  void edge() {
    top->clk_i = 0;
    top->eval();
    if (tfp) tfp->dump(ctx->time());
    ctx->timeInc(1);
    top->clk_i = 1;
    top->eval();
    if (tfp) tfp->dump(ctx->time());
    ctx->timeInc(1);
    if (ctx->gotError()) {
      ++failures;
      ctx->gotError(false);
    }
  }
  void trace_open(const std::string& path) {
    if (tfp) return;
    tfp = std::make_unique<VerilatedFstC>();
    top->trace(tfp.get(), 99);
    tfp->open(path.c_str());
  }
  void trace_close() {
    if (!tfp) return;
    tfp->close();
    tfp.reset();
  }

  std::shared_ptr<VerilatedContext> ctx;  // declared first: destroyed after the model
  std::unique_ptr<V> top;
  std::unique_ptr<VerilatedFstC> tfp;
  uint64_t failures = 0;
};

}  // namespace sb
