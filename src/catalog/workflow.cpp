// Lookups over the transition table.
#include "catalog/workflow.h"

#include <set>

namespace gk::catalog {

const Transition* find_transition(std::string_view action, State from) {
  for (const auto& t : kTransitions) {
    if (t.action == action && t.from == from) return &t;
  }
  return nullptr;
}

bool role_may(const Transition& t, const std::set<Role>& roles) {
  return roles.count(t.roles[0]) > 0 || roles.count(t.roles[1]) > 0;
}

std::vector<const Transition*> allowed_transitions(State from, const std::set<Role>& roles) {
  std::vector<const Transition*> out;
  for (const auto& t : kTransitions) {
    if (t.from == from && role_may(t, roles)) out.push_back(&t);
  }
  return out;
}

}  // namespace gk::catalog
