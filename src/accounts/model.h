// Accounts: users, their roles, and the signed-in principal a request acts as.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gk::accounts {

// Roles of the publishing chain and administration. One person may hold several.
enum class Role {
  kDrafter,        // 信息员: drafts items (站所提供)
  kSecrecy,        // 保密审查员: 保密审查
  kReviewer,       // 审核人 (分管领导)
  kSigner,         // 签批人 (主要领导)
  kAgencyAdmin,    // 机关管理员: users, columns and data of the agency and its subtree
  kPlatformAdmin,  // 平台管理员: everything
  kSupervisor,     // 监督员: read-only over the agency's subtree
};

struct RoleInfo {
  Role role;
  std::string_view code;
  std::string_view label;
};

inline constexpr std::array<RoleInfo, 7> kRoles = {{
    {Role::kDrafter, "drafter", "信息员"},
    {Role::kSecrecy, "secrecy", "保密审查员"},
    {Role::kReviewer, "reviewer", "审核人"},
    {Role::kSigner, "signer", "签批人"},
    {Role::kAgencyAdmin, "agency_admin", "机关管理员"},
    {Role::kPlatformAdmin, "platform_admin", "平台管理员"},
    {Role::kSupervisor, "supervisor", "监督员"},
}};

std::optional<Role> role_from_code(std::string_view code);
std::string_view role_code(Role r);
std::string_view role_label(Role r);

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  int64_t agency_id = 0;
  std::string agency_name;
  bool disabled = false;
  std::set<Role> roles;
  std::string email;  // where deadline reminders go (notify/staff_email.h); "" when none
};

// The user a request acts as, with the CSRF token of its session (empty for API tokens).
struct Principal {
  User user;
  std::string csrf_token;
  bool via_api_token = false;

  bool has(Role r) const { return user.roles.count(r) > 0; }
  bool is_platform_admin() const { return has(Role::kPlatformAdmin); }
};

}  // namespace gk::accounts
