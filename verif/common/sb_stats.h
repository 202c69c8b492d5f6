// Latency statistics on Boost.Histogram with one-cycle bins, so that every
// figure (count, min, mean, percentiles, max) is exact in cycles and comes
// from the histogram itself.
#pragma once

#include <array>
#include <boost/histogram.hpp>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace sb {

class latency_stats {
 public:
  explicit latency_stats(double ns_per_cycle = 1.0);
  // Short latencies are counted in a plain array and folded into the
  // histogram before any read (the same histogram, without a Boost fill per
  // sample on the hot path).
  void add(uint64_t cycles) {
    if (cycles < kDirect) {
      ++direct_[cycles];
      pending_ = true;
    } else {
      hist_(static_cast<int>(cycles < kMaxBin ? cycles : kMaxBin));
    }
  }
  uint64_t count() const;
  double percentile_cycles(double p) const;  // nearest rank, p in [0, 1]
  double mean_cycles() const;
  double min_cycles() const;
  double max_cycles() const;
  // {count, min, mean, p50, p90, p99, p999, max} in ns, and the same in cycles.
  nlohmann::json to_json() const;
  // "cycles,ns,count" for every non-empty bin.
  void write_csv(const std::string& path) const;

 private:
  static constexpr uint64_t kMaxBin = 1u << 24;  // ~16M cycles; larger values land in this bin
  static constexpr uint64_t kDirect = 1024;
  void flush() const;
  double ns_per_cycle_;
  using axis_t = boost::histogram::axis::integer<int, boost::histogram::use_default,
                                                 boost::histogram::axis::option::growth_t>;
  boost::histogram::histogram<std::tuple<axis_t>, boost::histogram::dense_storage<uint64_t>> mutable hist_;
  mutable std::array<uint64_t, kDirect> direct_{};
  mutable bool pending_ = false;
};

}  // namespace sb
