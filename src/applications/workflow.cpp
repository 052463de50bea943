// Lookups over the application transition table, the stage vocabulary and the outcome table.
#include "applications/workflow.h"

#include "applications/outcomes.h"

namespace gk::applications {

std::string_view stage_code(Stage s) { return kStages[static_cast<size_t>(s)].code; }
std::string_view stage_label(Stage s) { return kStages[static_cast<size_t>(s)].label; }

std::optional<Stage> stage_from_code(std::string_view code) {
  for (size_t i = 0; i < kStages.size(); ++i) {
    if (kStages[i].code == code) return static_cast<Stage>(i);
  }
  return std::nullopt;
}

bool is_closed(Stage s) { return s == Stage::kClosed || s == Stage::kWithdrawn; }

const Transition* find_transition(std::string_view action, Stage from) {
  for (const auto& t : kTransitions) {
    if (t.action == action && t.from == from) return &t;
  }
  return nullptr;
}

bool role_may(const Transition& t, const std::set<Role>& roles) {
  return roles.contains(t.roles[0]) || roles.contains(t.roles[1]);
}

std::vector<const Transition*> allowed_transitions(Stage from, const std::set<Role>& roles) {
  std::vector<const Transition*> out;
  for (const auto& t : kTransitions) {
    if (t.from == from && role_may(t, roles)) out.push_back(&t);
  }
  return out;
}

Stage target(const Transition& t, Stage from, Stage resume) {
  switch (t.kind) {
    case To::kStage: return t.to;
    case To::kStay: return from;
    case To::kResume: return resume;
  }
  return from;
}

const Outcome* find_outcome(std::string_view code) {
  for (const auto& o : kOutcomes) {
    if (o.code == code) return &o;
  }
  return nullptr;
}

std::string_view table3_row(const Outcome& o, int report_year) { return report_year <= 2020 ? o.row_2019 : o.row_2021; }

}  // namespace gk::applications
