// Access rules over the agency tree.
#include "agencies/access.h"

#include "agencies/service.h"

namespace gk::agencies {

using accounts::Role;

bool can_act_for(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (p.is_platform_admin() || p.user.agency_id == agency_id) return true;
  return p.has(Role::kAgencyAdmin) && in_subtree(db, p.user.agency_id, agency_id);
}

bool can_read(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (can_act_for(db, p, agency_id)) return true;
  return p.has(Role::kSupervisor) && in_subtree(db, p.user.agency_id, agency_id);
}

bool can_administer(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (p.is_platform_admin()) return true;
  return p.has(Role::kAgencyAdmin) && in_subtree(db, p.user.agency_id, agency_id);
}

std::vector<int64_t> readable_agencies(db::Db& db, const accounts::Principal& p) {
  if (p.is_platform_admin()) {
    std::vector<int64_t> all;
    for (const auto& r : db.query("SELECT id FROM agencies ORDER BY id")) all.push_back(r.i(0));
    return all;
  }
  if (p.has(Role::kAgencyAdmin) || p.has(Role::kSupervisor)) return subtree_ids(db, p.user.agency_id);
  return {p.user.agency_id};
}

}  // namespace gk::agencies
