#include "sb_group_keys.h"

#include <cmath>

#include "sb_ls_rtl.h"

namespace sb {

namespace {
std::string gk(int g, const char* field) { return "endpoints.groups." + std::to_string(g) + "." + field; }
const char* const kFields[] = {"name", "links", "role", "max_outstanding", "memory_latency_ns", "memory_bandwidth",
                               "read_fraction", "write_fraction", "size_bytes", "load"};
// The last group with endpoints (-1: none, a homogeneous pod).
int last_group(const config& c) {
  int last = -1;
  for (int g = 0; g < kMaxGroups; ++g)
    if (c.get_int(gk(g, "count")) > 0) last = g;
  return last;
}
// A group field's value, or the pod-wide key's when unset (its sentinel).
double real_or(const config& c, int g, const char* field, const char* pod_key, double unset) {
  const double v = c.get_real(gk(g, field));
  return v == unset ? c.get_real(pod_key) : v;
}
}  // namespace

void group_keys(config_schema& s) {
  for (int g = 0; g < kMaxGroups; ++g) {
    const std::string n = "group " + std::to_string(g);
    s.add(string_key(gk(g, "name"), "auto", n + ": its name in the report (auto = group" + std::to_string(g) + ")"));
    s.add(int_key(gk(g, "count"), "0", 0, 1024,
                  n + ": endpoints in the group (consecutive, group 0 first); 0 = no such group. With any group, the counts add up to switch.ports"));
    s.add(int_key(gk(g, "links"), "0", 0, 32,
                  n + ": planes its endpoints attach to, planes 0..links-1 (their ports on the other planes stay idle); 0 = pod.planes"));
    s.add(choice_key(gk(g, "role"), "both", {"both", "target"},
                     n + ": both = initiator and target (a GPU); target = serves requests, generates none (a memory-pool node)"));
    s.add(int_key(gk(g, "max_outstanding"), "0", 0, 4096, n + ": tags per LS port; 0 = endpoint.max_outstanding"));
    s.add(real_key(gk(g, "memory_latency_ns"), "-1", -1.0, 1e6, n + ": memory latency at its targets; -1 = endpoint.memory_latency_ns", "ns"));
    s.add(real_key(gk(g, "memory_bandwidth"), "0", 0.0, 1.0,
                   n + ": requests each of its target engines (one per link) starts per cycle; 0 = endpoint.memory_bandwidth", "requests/cycle"));
    s.add(real_key(gk(g, "read_fraction"), "-1", -1.0, 1.0, n + ": share of reads among its requests; -1 = traffic.read_fraction"));
    s.add(real_key(gk(g, "write_fraction"), "-1", -1.0, 1.0, n + ": share of writes; -1 = traffic.write_fraction"));
    s.add(choice_key(gk(g, "size_bytes"), "inherit", {"inherit", "64", "128", "192", "256", "mixed"},
                     n + ": data size of its reads and writes; inherit = traffic.size_bytes"));
    s.add(real_key(gk(g, "load"), "-1", -1.0, 1.0, n + ": offered load per attached link; -1 = traffic.load", "flits/cycle/link"));
  }
}

void group_rules(config_schema& s) {
  s.used_by("endpoints", {"pod"});
  for (int g = 0; g < kMaxGroups; ++g) {
    // The counts add up to switch.ports (named at the last group with endpoints).
    s.rule(gk(g, "count"), [g](const config& c) -> std::string {
      if (last_group(c) != g) return "";
      int64_t sum = 0;
      std::string terms;
      for (int i = 0; i <= g; ++i) {
        sum += c.get_int(gk(i, "count"));
        terms += (i ? " + " : "") + std::to_string(c.get_int(gk(i, "count")));
      }
      const int64_t n = c.get_int("switch.ports");
      return sum == n ? "" : "the groups' counts add up to " + std::to_string(sum) + " (" + terms + "), switch.ports is " + std::to_string(n);
    });
    // A field of a group without endpoints would be ignored.
    for (const char* f : kFields)
      s.rule(gk(g, f), [g, f](const config& c) -> std::string {
        return c.get_int(gk(g, "count")) > 0 || !c.is_set_explicitly(gk(g, f)) ? "" : "set, but group " + std::to_string(g) + " has no endpoints (endpoints.groups." + std::to_string(g) + ".count is 0)";
      });
    s.rule(gk(g, "links"), [g](const config& c) -> std::string {
      const int64_t l = c.get_int(gk(g, "links")), k = c.get_int("pod.planes");
      return l <= k ? "" : "must be at most pod.planes (" + std::to_string(k) + "), got " + std::to_string(l);
    });
    s.rule(gk(g, "write_fraction"), [g](const config& c) -> std::string {
      const double r = real_or(c, g, "read_fraction", "traffic.read_fraction", -1.0);
      const double w = real_or(c, g, "write_fraction", "traffic.write_fraction", -1.0);
      return r + w <= 1.0 + 1e-12 ? "" : "the group's read_fraction + write_fraction must be at most 1, got " + std::to_string(r + w);
    });
    s.rule(gk(g, "memory_bandwidth"), [g](const config& c) -> std::string {
      const double b = c.get_real(gk(g, "memory_bandwidth"));
      return b == 0 || b >= 0.001 ? "" : "must be 0 (inherit) or in [0.001, 1], got " + std::to_string(b);
    });
    s.rule(gk(g, "max_outstanding"), [g](const config& c) -> std::string {
      const int64_t m = c.get_int(gk(g, "max_outstanding"));
      if (m == 0 || c.get_string("impl.ls_port") == "model" || m <= ls_rtl_max_tags()) return "";
      return "impl.ls_port=" + c.get_string("impl.ls_port") + " needs at most the RTL build's MaxTags " + std::to_string(ls_rtl_max_tags());
    });
  }
  s.rule("fault.pod", [](const config& c) -> std::string {
    if (c.get_string("fault.pod") != "unattached_plane") return "";
    for (int g = 0; g < kMaxGroups; ++g) {
      const int64_t l = c.get_int(gk(g, "links"));
      if (c.get_int(gk(g, "count")) > 0 && l > 0 && l < c.get_int("pod.planes")) return "";
    }
    return "unattached_plane needs an endpoint group with fewer links than pod.planes (endpoints.groups.<i>.links)";
  });
}

std::vector<endpoint_group> groups_of(const config& c, const pod_bench_config& b) {
  std::vector<endpoint_group> out;
  const int last = last_group(c);
  const double cyc = b.link.cycle_ns();
  for (int g = 0; g <= last; ++g) {
    endpoint_group grp;
    grp.count = int(c.get_int(gk(g, "count")));
    grp.name = c.get_string(gk(g, "name"));
    if (grp.name == "auto" || grp.name.empty()) grp.name = "group" + std::to_string(g);
    endpoint_profile& p = grp.profile;
    p.group = g;
    p.links = c.get_int(gk(g, "links")) > 0 ? int(c.get_int(gk(g, "links"))) : b.planes;
    p.initiator = c.get_string(gk(g, "role")) == "both";
    p.ls = b.ls;
    if (c.get_int(gk(g, "max_outstanding")) > 0) p.ls.max_tags = int(c.get_int(gk(g, "max_outstanding")));
    p.target = b.target;
    if (c.get_real(gk(g, "memory_latency_ns")) >= 0)
      p.target.latency = uint32_t(std::ceil(c.get_real(gk(g, "memory_latency_ns")) / cyc - 1e-9));
    if (c.get_real(gk(g, "memory_bandwidth")) > 0) p.target.bandwidth = c.get_real(gk(g, "memory_bandwidth"));
    p.traffic = b.traffic;
    p.traffic.read_fraction = real_or(c, g, "read_fraction", "traffic.read_fraction", -1.0);
    p.traffic.write_fraction = real_or(c, g, "write_fraction", "traffic.write_fraction", -1.0);
    p.traffic.load = real_or(c, g, "load", "traffic.load", -1.0);
    const std::string sz = c.get_string(gk(g, "size_bytes"));
    if (sz != "inherit") p.traffic.size_flits = sz == "mixed" ? 0 : std::stoi(sz) / 64;
    if (grp.count > 0) out.push_back(grp);
  }
  return out;
}

}  // namespace sb
