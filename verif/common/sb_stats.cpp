#include "sb_stats.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace sb {

namespace bh = boost::histogram;

latency_stats::latency_stats(double ns_per_cycle)
    : ns_per_cycle_(ns_per_cycle),
      hist_(bh::make_histogram_with(bh::dense_storage<uint64_t>(), axis_t(0, 1))) {}

void latency_stats::flush() const {
  if (!pending_) return;
  for (uint64_t c = 0; c < kDirect; ++c) {
    if (direct_[c] == 0) continue;
    hist_(static_cast<int>(c), bh::weight(direct_[c]));
    direct_[c] = 0;
  }
  pending_ = false;
}

uint64_t latency_stats::count() const {
  flush();
  return uint64_t(bh::algorithm::sum(hist_));
}

double latency_stats::percentile_cycles(double p) const {
  flush();
  const uint64_t n = count();
  if (n == 0) return 0.0;
  // Nearest rank: the smallest value with at least ceil(p * n) samples at or below it.
  const uint64_t rank = std::max<uint64_t>(1, uint64_t(std::ceil(p * double(n))));
  uint64_t seen = 0;
  for (auto&& b : bh::indexed(hist_)) {
    seen += uint64_t(*b);
    if (seen >= rank) return double(b.bin());
  }
  return max_cycles();
}

double latency_stats::mean_cycles() const {
  flush();
  double sum = 0, n = 0;
  for (auto&& b : bh::indexed(hist_)) {
    sum += double(*b) * b.bin();
    n += double(*b);
  }
  return n > 0 ? sum / n : 0.0;
}

double latency_stats::min_cycles() const {
  flush();
  for (auto&& b : bh::indexed(hist_))
    if (*b) return b.bin();
  return 0.0;
}

double latency_stats::max_cycles() const {
  flush();
  double m = 0;
  for (auto&& b : bh::indexed(hist_))
    if (*b) m = b.bin();
  return m;
}

nlohmann::json latency_stats::to_json() const {
  const uint64_t n = count();
  nlohmann::json c, ns;
  auto put = [&](const char* k, double cyc) {
    c[k] = cyc;
    ns[k] = cyc * ns_per_cycle_;
  };
  c["count"] = n;
  ns["count"] = n;
  put("min", min_cycles());
  put("mean", mean_cycles());
  put("p50", percentile_cycles(0.50));
  put("p90", percentile_cycles(0.90));
  put("p99", percentile_cycles(0.99));
  put("p999", percentile_cycles(0.999));
  put("max", max_cycles());
  nlohmann::json j = ns;
  j["unit"] = "ns";
  j["cycles"] = c;
  return j;
}

void latency_stats::write_csv(const std::string& path) const {
  flush();
  std::ofstream f(path);
  if (!f) throw std::runtime_error("cannot write " + path);
  f << "cycles,ns,count\n";
  for (auto&& b : bh::indexed(hist_)) {
    if (*b == 0) continue;
    const int cyc = b.bin();
    f << cyc << ',' << double(cyc) * ns_per_cycle_ << ',' << uint64_t(*b) << '\n';
  }
}

}  // namespace sb
