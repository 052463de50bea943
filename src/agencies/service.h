// AgencyService: create, edit and read agencies. Writes are validated, transactional and audited;
// reads are open (agencies are public information).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "accounts/model.h"
#include "agencies/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::agencies {

// Validates an input: name, level, credit code (check digit), region code, parent rules, 索引号 pattern.
// Returns the normalized input or field errors.
Result<AgencyInput> validate(const AgencyInput& in);

// Creates or edits an agency. `by` is the signed-in principal whose rights are checked (platform
// admins anywhere; agency admins only within their own subtree, and their own agency keeps its
// place); nullptr means the command-line operator, who is trusted.
Result<Agency> create(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const AgencyInput& in);
Result<Agency> update(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int64_t id,
                      const AgencyInput& in);

// The agency, or NotFound.
Result<Agency> get(db::Db& db, int64_t id);
std::optional<Agency> find_by_name(db::Db& db, std::string_view name);
// All agencies in tree order (depth-first, by sort_order then name), with their depth.
struct TreeEntry {
  Agency agency;
  int depth = 0;
};
std::vector<TreeEntry> tree(db::Db& db);
// Ids of `root` and all its descendants.
std::vector<int64_t> subtree_ids(db::Db& db, int64_t root);
// True when `id` is `root` or below it.
bool in_subtree(db::Db& db, int64_t root, int64_t id);
// Children of an agency (or the roots when nullopt).
std::vector<Agency> children(db::Db& db, std::optional<int64_t> parent);

nlohmann::json to_json(const Agency& a);

}  // namespace gk::agencies
