// The registry: the list of systems (sb_system.h).
#include "sb_system.h"

namespace sb {

const std::vector<const system_def*>& systems() {
  static const std::vector<const system_def*> all = {&xbar_system(), &llr_system(), &incast_system(), &pod_system(),
                                                     &switch_system(),
                                                     &link_health_system()};
  return all;
}

const system_def* find_system(const std::string& name) {
  for (const system_def* s : systems())
    if (s->name == name) return s;
  return nullptr;
}

}  // namespace sb
