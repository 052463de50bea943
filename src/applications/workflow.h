// The handling of an application as one transition table: which action moves a case from which
// stage to which, and which roles may take it. The service enforces it, the back office offers
// exactly the actions it allows, and docs/applications.md prints it.
#pragma once

#include <array>
#include <set>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "applications/model.h"

namespace gk::applications {

using accounts::Role;

// Where an action leads.
enum class To {
  kStage,   // to `to`
  kStay,    // the stage does not change (extension, Art. 35, another consultation)
  kResume,  // back to the stage before the fee wait
};

struct Transition {
  std::string_view action;
  Stage from;
  To kind;
  Stage to;                             // for kStage
  std::array<Role, 2> roles;            // either role may act; duplicates mean one role
  std::string_view label;
  bool needs_comment;                   // returns and withdrawals must say why
};

// The clerk (信息员) and the agency administrator do the handling; the 审核 and 签发 steps and the
// approval of an extension (政府信息公开工作机构负责人, Art. 33) belong to reviewers and signers.
inline constexpr std::array<Role, 2> kClerk = {Role::kDrafter, Role::kAgencyAdmin};
inline constexpr std::array<Role, 2> kHead = {Role::kReviewer, Role::kSigner};

inline constexpr std::array<Transition, 45> kTransitions = {{
    {"confirm", Stage::kSubmitted, To::kStage, Stage::kRegistered, kClerk, "确认收到（登记）", false},
    {"accept", Stage::kRegistered, To::kStage, Stage::kAccepted, kClerk, "受理", false},
    {"request_correction", Stage::kRegistered, To::kStage, Stage::kCorrection, kClerk, "告知补正", false},
    {"receive_correction", Stage::kCorrection, To::kStage, Stage::kAccepted, kClerk, "收到补正", false},
    {"lapse_correction", Stage::kCorrection, To::kStage, Stage::kClosed, kClerk, "逾期未补正，视为放弃", false},
    {"assign", Stage::kAccepted, To::kStage, Stage::kAssigned, kClerk, "交办承办", false},
    {"assign", Stage::kAssigned, To::kStay, Stage::kAssigned, kClerk, "改派承办", false},
    {"consult", Stage::kAccepted, To::kStage, Stage::kConsulting, kClerk, "征求意见", false},
    {"consult", Stage::kAssigned, To::kStage, Stage::kConsulting, kClerk, "征求意见", false},
    {"consult", Stage::kConsulting, To::kStay, Stage::kConsulting, kClerk, "再征求意见", false},
    {"consult_answered", Stage::kConsulting, To::kStay, Stage::kConsulting, kClerk, "收到意见", false},
    {"fee_notice", Stage::kAccepted, To::kStage, Stage::kAwaitingFee, kClerk, "发出收费通知", false},
    {"fee_notice", Stage::kAssigned, To::kStage, Stage::kAwaitingFee, kClerk, "发出收费通知", false},
    {"fee_notice", Stage::kDrafted, To::kStage, Stage::kAwaitingFee, kClerk, "发出收费通知", false},
    {"fee_paid", Stage::kAwaitingFee, To::kResume, Stage::kAwaitingFee, kClerk, "已缴费", false},
    {"fee_waived", Stage::kAwaitingFee, To::kResume, Stage::kAwaitingFee, kHead, "减免或撤回收费", true},
    {"lapse_fee", Stage::kAwaitingFee, To::kStage, Stage::kClosed, kClerk, "逾期未缴费，视为放弃", false},
    {"extend", Stage::kAccepted, To::kStay, Stage::kAccepted, kHead, "批准延期答复", true},
    {"extend", Stage::kAssigned, To::kStay, Stage::kAssigned, kHead, "批准延期答复", true},
    {"extend", Stage::kConsulting, To::kStay, Stage::kConsulting, kHead, "批准延期答复", true},
    {"extend", Stage::kDrafted, To::kStay, Stage::kDrafted, kHead, "批准延期答复", true},
    {"extend", Stage::kReviewing, To::kStay, Stage::kReviewing, kHead, "批准延期答复", true},
    {"extend", Stage::kSigning, To::kStay, Stage::kSigning, kHead, "批准延期答复", true},
    {"delay", Stage::kAccepted, To::kStay, Stage::kAccepted, kHead, "确定延迟答复期限（第三十五条）", true},
    {"delay", Stage::kAssigned, To::kStay, Stage::kAssigned, kHead, "确定延迟答复期限（第三十五条）", true},
    {"draft_reply", Stage::kAccepted, To::kStage, Stage::kDrafted, kClerk, "拟写答复", false},
    {"draft_reply", Stage::kAssigned, To::kStage, Stage::kDrafted, kClerk, "拟写答复", false},
    {"draft_reply", Stage::kConsulting, To::kStage, Stage::kDrafted, kClerk, "拟写答复（不再等待意见）", false},
    {"draft_reply", Stage::kDrafted, To::kStay, Stage::kDrafted, kClerk, "修改答复", false},
    {"submit_review", Stage::kDrafted, To::kStage, Stage::kReviewing, kClerk, "送审核", false},
    {"approve", Stage::kReviewing, To::kStage, Stage::kSigning, {Role::kReviewer, Role::kReviewer}, "审核通过，送签发", false},
    {"return", Stage::kReviewing, To::kStage, Stage::kDrafted, {Role::kReviewer, Role::kReviewer}, "退回修改", true},
    {"sign", Stage::kSigning, To::kStage, Stage::kDelivering, {Role::kSigner, Role::kSigner}, "签发", false},
    {"return", Stage::kSigning, To::kStage, Stage::kDrafted, {Role::kSigner, Role::kSigner}, "退回修改", true},
    {"deliver", Stage::kDelivering, To::kStage, Stage::kClosed, kClerk, "送达，办结", false},
    {"withdraw", Stage::kSubmitted, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kRegistered, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kCorrection, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kAccepted, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kAssigned, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kConsulting, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kAwaitingFee, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kDrafted, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kReviewing, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
    {"withdraw", Stage::kSigning, To::kStage, Stage::kWithdrawn, kClerk, "申请人撤回", true},
}};

// The transition for `action` from `from`, or nullptr when the table has none.
const Transition* find_transition(std::string_view action, Stage from);
// True when a holder of `roles` may take `t`.
bool role_may(const Transition& t, const std::set<Role>& roles);
// Transitions from `from` that a holder of `roles` may take (one per action).
std::vector<const Transition*> allowed_transitions(Stage from, const std::set<Role>& roles);
// The stage a transition leads to from `from` (with `resume` for kResume).
Stage target(const Transition& t, Stage from, Stage resume);

}  // namespace gk::applications
