// The audit trail: an append-only record of every state change (who, when, what, before -> after,
// comment). Services call record() inside the transaction that makes the change, so the event and
// the change commit or roll back together.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "platform/db/db.h"

namespace gk::audit {

// Who acts: a signed-in user, an API token's user, or the command line / system.
struct Actor {
  std::optional<int64_t> user_id;
  std::string name;  // display name or "命令行" / "系统"
  std::string ip;
};

struct Event {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> user_id;
  std::string actor;
  std::string entity;
  int64_t entity_id = 0;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
  std::string comment;
  std::string ip;
};

// Appends one event about a record of `agency_id` (the agency the record belongs to; nullopt for
// records of no agency). Must be called inside the write transaction of the change it records.
void record(db::Db& db, const Actor& actor, std::optional<int64_t> agency_id, std::string_view entity,
            int64_t entity_id, std::string_view action, const nlohmann::json& before, const nlohmann::json& after,
            std::string_view comment = "");

// Events of one record, oldest first.
std::vector<Event> for_entity(db::Db& db, std::string_view entity, int64_t entity_id);

// Which events recent() and count() return: those about records of `agency_ids` (empty: all), and
// with `accounts` false, none about users and API tokens (their trails hold sign-ins and addresses).
struct Scope {
  std::vector<int64_t> agency_ids;
  bool accounts = true;
};
// The newest events in the scope, newest first.
std::vector<Event> recent(db::Db& db, int limit, int offset, const Scope& scope = {});
// How many events recent() can page through with the same scope.
int64_t count(db::Db& db, const Scope& scope = {});

// Fields whose values differ between before and after (for the readable diff in the back office).
nlohmann::json changed_fields(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace gk::audit
