// The publishing workflow as one transition table: which action moves an item from which state to
// which, and which roles may take it. The service enforces it, the back office offers exactly the
// actions it allows, and docs/workflow.md prints it.
#pragma once

#include <array>
#include <initializer_list>
#include <set>
#include <optional>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "catalog/model.h"

namespace gk::catalog {

struct Transition {
  std::string_view action;
  State from;
  State to;
  std::array<accounts::Role, 2> roles;  // either role may act; duplicates mean one role
  std::string_view label;
  bool needs_comment;  // rejections and withdrawals must say why
};

using accounts::Role;
inline constexpr std::array<Transition, 11> kTransitions = {{
    {"submit", State::kDraft, State::kSecrecyReview, {Role::kDrafter, Role::kDrafter}, "提交保密审查", false},
    {"secrecy_pass", State::kSecrecyReview, State::kReview, {Role::kSecrecy, Role::kSecrecy}, "保密审查通过", false},
    {"secrecy_reject", State::kSecrecyReview, State::kDraft, {Role::kSecrecy, Role::kSecrecy}, "退回修改", true},
    {"review_pass", State::kReview, State::kSignoff, {Role::kReviewer, Role::kReviewer}, "审核通过，送签批", false},
    {"review_reject", State::kReview, State::kDraft, {Role::kReviewer, Role::kReviewer}, "退回修改", true},
    {"sign_publish", State::kSignoff, State::kPublished, {Role::kSigner, Role::kSigner}, "签批并发布", false},
    {"sign_reject", State::kSignoff, State::kDraft, {Role::kSigner, Role::kSigner}, "退回修改", true},
    {"withdraw", State::kPublished, State::kWithdrawn, {Role::kSigner, Role::kAgencyAdmin}, "撤回", true},
    {"archive", State::kPublished, State::kArchived, {Role::kAgencyAdmin, Role::kSigner}, "归档", false},
    {"archive_withdrawn", State::kWithdrawn, State::kArchived, {Role::kAgencyAdmin, Role::kAgencyAdmin}, "归档",
     false},
    {"redraft", State::kWithdrawn, State::kDraft, {Role::kDrafter, Role::kAgencyAdmin}, "重新编辑", false},
}};

// The transition for `action` from `from`, or nullptr when the table has none.
const Transition* find_transition(std::string_view action, State from);
// Transitions from `from` that a holder of `roles` may take.
std::vector<const Transition*> allowed_transitions(State from, const std::set<Role>& roles);
// True when a holder of `roles` may take `t`.
bool role_may(const Transition& t, const std::set<Role>& roles);

}  // namespace gk::catalog
