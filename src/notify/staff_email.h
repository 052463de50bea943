// The e-mail address of a back-office user, where deadline reminders go (users.email, migration
// 0009). Set on the user form (/admin/users, optional 电子邮箱) by whoever may manage the user, or
// on the command line (`gongkai notify staff-email`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "accounts/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::notify {

// Sets (or with "" clears) the address of user `user_id`: platform admins and administrators who may
// manage the user (accounts::may_manage; `by` nullptr = the command-line operator). Validated (applications::normalize_email), audited as entity "user" with
// before and after, in one transaction. Errors: kNotFound for an unknown user, kInvalid (field
// "email") for a bad address, kForbidden. Joins the caller's transaction when there is one (the user
// form saves the profile and the address together).
Status set_staff_email(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int64_t user_id,
                       std::string_view email);

// The address of user `user_id` ("" when none or no such user).
std::string staff_email(db::Db& db, int64_t user_id);

// How many enabled users holding drafter or agency_admin have an address (they receive reminders).
int64_t staff_with_email(db::Db& db);

}  // namespace gk::notify
