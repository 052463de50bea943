// Applies the SQL files in src/platform/db/migrations/ (named NNNN_name.sql), embedded at build time.
#include "platform/db/migrations.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "platform/embedded.h"
#include "platform/time.h"

namespace gk::db {
namespace {

constexpr std::string_view kPrefix = "src/platform/db/migrations/";

std::map<int, std::pair<std::string, std::string_view>> embedded_migrations() {
  std::map<int, std::pair<std::string, std::string_view>> out;
  for (const auto& [path, content] : embedded::all_files()) {
    if (!path.starts_with(kPrefix) || !path.ends_with(".sql")) continue;
    std::string name = path.substr(kPrefix.size());
    out.emplace(std::stoi(name.substr(0, 4)), std::make_pair(name, content));
  }
  return out;
}

}  // namespace

int latest_version() {
  auto m = embedded_migrations();
  return m.empty() ? 0 : m.rbegin()->first;
}

MigrationStatus migrate(Db& db) {
  db.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  MigrationStatus status;
  status.current_version = static_cast<int>(db.scalar_int("SELECT MAX(version) FROM schema_migrations"));
  // Every migration not yet recorded, also one numbered below the newest applied: migrations written
  // in parallel can land out of number order, and a database must still get each of them once.
  std::set<int64_t> applied;
  for (const auto& r : db.query("SELECT version FROM schema_migrations")) applied.insert(r.i(0));
  for (const auto& [version, m] : embedded_migrations()) {
    if (applied.count(version)) continue;
    db.write([&] {
      db.exec_script(m.second);
      db.exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
              {version, m.first, now_iso()});
      return 0;
    });
    status.current_version = std::max(status.current_version, version);
    status.applied.push_back(m.first);
  }
  return status;
}

}  // namespace gk::db
