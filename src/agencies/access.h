// Who may do what over the agency tree: staff act for their own agency; agency admins act for and
// administer their subtree; supervisors read their subtree; platform admins everything. Every
// service that writes or reads back-office records asks these functions.
#pragma once

#include <cstdint>
#include <vector>

#include "accounts/model.h"
#include "platform/db/db.h"

namespace gk::agencies {

// May act on records of `agency_id`: own agency, or the subtree for agency and platform admins.
bool can_act_for(db::Db& db, const accounts::Principal& p, int64_t agency_id);
// May read back-office records of `agency_id`: can_act_for, or a supervisor over its subtree.
bool can_read(db::Db& db, const accounts::Principal& p, int64_t agency_id);
// May manage users, columns and settings of `agency_id`.
bool can_administer(db::Db& db, const accounts::Principal& p, int64_t agency_id);
// Agencies whose back-office records the principal may read.
std::vector<int64_t> readable_agencies(db::Db& db, const accounts::Principal& p);

}  // namespace gk::agencies
