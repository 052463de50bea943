// Storage of audit events.
#include "platform/audit/audit.h"

#include <stdexcept>

#include "platform/time.h"

namespace gk::audit {
namespace {

Event from_row(const db::Row& r) {
  Event e;
  e.id = r.i(0);
  e.at = r.s(1);
  e.user_id = r.oi(2);
  e.actor = r.s(3);
  e.entity = r.s(4);
  e.entity_id = r.i(5);
  e.action = r.s(6);
  e.before = nlohmann::json::parse(r.s(7), nullptr, false);
  e.after = nlohmann::json::parse(r.s(8), nullptr, false);
  e.comment = r.s(9);
  e.ip = r.s(10);
  return e;
}

constexpr const char* kColumns =
    "SELECT e.id, e.at, e.user_id, e.actor, e.entity, e.entity_id, e.action, e.before_json, e.after_json, e.comment, "
    "e.ip FROM audit_events e ";

}  // namespace

void record(db::Db& db, const Actor& actor, std::optional<int64_t> agency_id, std::string_view entity,
            int64_t entity_id, std::string_view action, const nlohmann::json& before, const nlohmann::json& after,
            std::string_view comment) {
  if (!db.in_transaction()) throw std::logic_error("audit::record outside a transaction");
  // Invalid UTF-8 is replaced rather than thrown on: the trail must never block a change.
  auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
  db.exec(
      "INSERT INTO audit_events(at, user_id, actor, agency_id, entity, entity_id, action, before_json, after_json, "
      "comment, ip) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {now_iso(), actor.user_id, actor.name, agency_id, entity, entity_id, action, dump(before), dump(after), comment,
       actor.ip});
}

std::vector<Event> for_entity(db::Db& db, std::string_view entity, int64_t entity_id) {
  std::vector<Event> out;
  for (const auto& r : db.query(std::string(kColumns) + "WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.id",
                                {entity, entity_id})) {
    out.push_back(from_row(r));
  }
  return out;
}

namespace {

// The WHERE clause of a scope, with its parameters.
std::string scope_filter(const Scope& scope, db::Params& params) {
  std::string sql = "WHERE 1 = 1 ";
  if (!scope.accounts) sql += "AND e.entity NOT IN ('user', 'api_token') ";
  if (!scope.agency_ids.empty()) {
    sql += "AND e.agency_id IN (";
    for (size_t i = 0; i < scope.agency_ids.size(); ++i) {
      sql += i ? ",?" : "?";
      params.emplace_back(scope.agency_ids[i]);
    }
    sql += ") ";
  }
  return sql;
}

}  // namespace

int64_t count(db::Db& db, const Scope& scope) {
  db::Params params;
  return db.scalar_int("SELECT COUNT(*) FROM audit_events e " + scope_filter(scope, params), params);
}

std::vector<Event> recent(db::Db& db, int limit, int offset, const Scope& scope) {
  std::vector<Event> out;
  db::Params params;
  std::string sql = kColumns + scope_filter(scope, params);
  sql += "ORDER BY e.id DESC LIMIT ? OFFSET ?";
  params.emplace_back(limit);
  params.emplace_back(offset);
  for (const auto& r : db.query(sql, params)) out.push_back(from_row(r));
  return out;
}

nlohmann::json changed_fields(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json out = nlohmann::json::array();
  if (!before.is_object() || !after.is_object()) return out;
  for (auto it = after.begin(); it != after.end(); ++it) {
    const nlohmann::json old = before.contains(it.key()) ? before.at(it.key()) : nlohmann::json();
    if (old != it.value()) out.push_back({{"field", it.key()}, {"before", old}, {"after", it.value()}});
  }
  for (auto it = before.begin(); it != before.end(); ++it) {
    if (!after.contains(it.key())) out.push_back({{"field", it.key()}, {"before", it.value()}, {"after", nullptr}});
  }
  return out;
}

}  // namespace gk::audit
