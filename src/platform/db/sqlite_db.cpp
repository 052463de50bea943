// The SQLite backend of the Db interface (SQLiteCpp): WAL journal, foreign keys, busy timeout,
// a prepared-statement cache per connection, and the online backup API.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/db/db.h"
#include "search/fts5.h"

namespace gk::db {

int64_t Value::as_int() const {
  if (auto p = std::get_if<int64_t>(&v_)) return *p;
  if (auto p = std::get_if<double>(&v_)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v_)) return std::stoll(*p);
  return 0;
}

double Value::as_double() const {
  if (auto p = std::get_if<double>(&v_)) return *p;
  if (auto p = std::get_if<int64_t>(&v_)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v_)) return std::stod(*p);
  return 0;
}

std::string Value::as_string() const {
  if (auto p = std::get_if<std::string>(&v_)) return *p;
  if (auto p = std::get_if<int64_t>(&v_)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v_)) return std::to_string(*p);
  if (auto p = std::get_if<Blob>(&v_)) return p->bytes;
  return {};
}

namespace {

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX) {
    db_.setBusyTimeout(10000);
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA foreign_keys=ON");
    db_.exec("PRAGMA synchronous=NORMAL");
    // The catalog search index (search_fts) needs its tokenizer on every connection that touches it.
    if (search::register_fts5(db_.getHandle()) != SQLITE_OK) throw DbError("cannot register the search tokenizer");
  }

  std::vector<Row> query(std::string_view sql, const Params& params) override {
    SQLite::Statement& st = prepare(sql, params);
    std::vector<Row> rows;
    try {
      const int n = st.getColumnCount();
      while (st.executeStep()) {
        std::vector<Value> values;
        values.reserve(static_cast<size_t>(n));
        for (int c = 0; c < n; ++c) values.push_back(column(st, c));
        rows.emplace_back(std::move(values));
      }
    } catch (const SQLite::Exception& e) {
      st.tryReset();
      rethrow(e, sql);
    }
    st.reset();
    return rows;
  }

  ExecResult exec(std::string_view sql, const Params& params) override {
    SQLite::Statement& st = prepare(sql, params);
    try {
      while (st.executeStep()) {
      }
    } catch (const SQLite::Exception& e) {
      st.tryReset();
      rethrow(e, sql);
    }
    st.reset();
    return {sqlite3_changes(db_.getHandle()), sqlite3_last_insert_rowid(db_.getHandle())};
  }

  void exec_script(std::string_view sql) override {
    try {
      db_.exec(std::string(sql));
    } catch (const SQLite::Exception& e) {
      rethrow(e, sql);
    }
  }

  // BEGIN IMMEDIATE takes the write lock at once, so two writers never deadlock on an upgrade.
  void begin() override {
    db_.exec("BEGIN IMMEDIATE");
    in_tx_ = true;
  }
  void commit() override {
    in_tx_ = false;
    db_.exec("COMMIT");
  }
  void rollback() override {
    in_tx_ = false;
    if (!sqlite3_get_autocommit(db_.getHandle())) db_.exec("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }
  std::string_view backend() const override { return "sqlite"; }

  SQLite::Database& raw() { return db_; }

 private:
  SQLite::Statement& prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      try {
        it = cache_.emplace(std::string(sql), std::make_unique<SQLite::Statement>(db_, std::string(sql))).first;
      } catch (const SQLite::Exception& e) {
        rethrow(e, sql);
      }
    }
    SQLite::Statement& st = *it->second;
    st.tryReset();
    st.clearBindings();
    int i = 1;
    for (const Value& v : params) {
      std::visit(
          [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) st.bind(i);
            else if constexpr (std::is_same_v<T, int64_t>) st.bind(i, static_cast<int64_t>(x));
            else if constexpr (std::is_same_v<T, double>) st.bind(i, x);
            else if constexpr (std::is_same_v<T, std::string>) st.bindNoCopy(i, x);
            else st.bindNoCopy(i, x.bytes.data(), static_cast<int>(x.bytes.size()));
          },
          v.raw());
      ++i;
    }
    return st;
  }

  static Value column(SQLite::Statement& st, int c) {
    SQLite::Column col = st.getColumn(c);
    switch (col.getType()) {
      case SQLITE_INTEGER: return Value(static_cast<long long>(col.getInt64()));
      case SQLITE_FLOAT: return Value(col.getDouble());
      case SQLITE_TEXT: return Value(std::string(col.getText(), static_cast<size_t>(col.getBytes())));
      case SQLITE_BLOB:
        return Value(Blob{std::string(static_cast<const char*>(col.getBlob()), static_cast<size_t>(col.getBytes()))});
      default: return Value();
    }
  }

  [[noreturn]] static void rethrow(const SQLite::Exception& e, std::string_view sql) {
    std::string msg = std::string(e.what()) + " [" + std::string(sql.substr(0, 200)) + "]";
    if ((e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
    throw DbError(msg);
  }

  SQLite::Database db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
  bool in_tx_ = false;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}

  Db& conn() override {
    std::lock_guard lock(mu_);
    auto& slot = conns_[std::this_thread::get_id()];
    if (!slot) slot = std::make_unique<SqliteDb>(path_);
    return *slot;
  }
  std::unique_ptr<Db> open() override { return std::make_unique<SqliteDb>(path_); }
  const std::string& path() const override { return path_; }

  void backup_to(const std::string& out) override {
    SqliteDb src(path_);
    SQLite::Database dst(out, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(dst, src.raw());
    // Copy in steps so writers are not blocked for the whole copy; restart if the source changes.
    int rc;
    do {
      rc = backup.executeStep(256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    if (rc != SQLITE_DONE) throw DbError("backup failed: " + std::string(sqlite3_errstr(rc)));
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<SqliteDb>> conns_;
};

}  // namespace

std::shared_ptr<Database> Database::open_sqlite(std::string path) {
  auto d = std::make_shared<SqliteDatabase>(std::move(path));
  d->conn();  // fail early when the file cannot be opened
  return d;
}

}  // namespace gk::db
