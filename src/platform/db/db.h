// The Db interface: one connection to the database, with parameterised queries, a prepared-statement
// cache and transactions. Services and stores use only this interface; backend-specific SQL lives
// inside the backend (sqlite_db.cpp). A Db is used by one thread at a time: each server thread opens
// its own connection through a Database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/result.h"

namespace gk::db {

// Raw bytes for BLOB columns.
struct Blob {
  std::string bytes;
};

// A value bound to a parameter or read from a column.
class Value {
 public:
  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}            // NOLINT
  Value(int v) : v_(static_cast<int64_t>(v)) {}     // NOLINT
  Value(long v) : v_(static_cast<int64_t>(v)) {}    // NOLINT
  Value(long long v) : v_(static_cast<int64_t>(v)) {}  // NOLINT
  Value(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}  // NOLINT
  Value(double v) : v_(v) {}                        // NOLINT
  Value(const char* v) : v_(std::string(v)) {}      // NOLINT
  Value(std::string v) : v_(std::move(v)) {}        // NOLINT
  Value(std::string_view v) : v_(std::string(v)) {}  // NOLINT
  Value(Blob v) : v_(std::move(v)) {}               // NOLINT
  template <class T>
  Value(const std::optional<T>& v) : Value() {      // NOLINT
    if (v) *this = Value(*v);
  }

  bool is_null() const { return v_.index() == 0; }
  int64_t as_int() const;
  double as_double() const;
  std::string as_string() const;
  const std::variant<std::nullptr_t, int64_t, double, std::string, Blob>& raw() const { return v_; }

 private:
  std::variant<std::nullptr_t, int64_t, double, std::string, Blob> v_;
};

using Params = std::vector<Value>;

// One result row; columns by index in SELECT order.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const Value& operator[](size_t i) const { return values_.at(i); }
  int64_t i(size_t col) const { return values_.at(col).as_int(); }
  double d(size_t col) const { return values_.at(col).as_double(); }
  std::string s(size_t col) const { return values_.at(col).as_string(); }
  bool null(size_t col) const { return values_.at(col).is_null(); }
  std::optional<std::string> os(size_t col) const {
    return null(col) ? std::nullopt : std::optional<std::string>(s(col));
  }
  std::optional<int64_t> oi(size_t col) const {
    return null(col) ? std::nullopt : std::optional<int64_t>(i(col));
  }

 private:
  std::vector<Value> values_;
};

struct ExecResult {
  int64_t changes = 0;
  int64_t last_insert_id = 0;
};

// Thrown when the database reports a constraint violation; services translate it into an Error.
class ConstraintError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown for every other database failure (I/O, corruption, SQL errors): these are bugs or outages.
class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Db {
 public:
  virtual ~Db() = default;

  // Runs a statement with `?` placeholders and returns all rows. Throws DbError/ConstraintError.
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement that returns no rows.
  virtual ExecResult exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;

  // Starts, commits or rolls back a write transaction. Nested calls join the outer transaction.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;

  // Name of the backend ("sqlite"), for the few places that must know.
  virtual std::string_view backend() const = 0;

  // The first row, or nullopt when there is none.
  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  // The first column of the first row as an integer, or `fallback` when there is no row or it is NULL.
  int64_t scalar_int(std::string_view sql, const Params& params = {}, int64_t fallback = 0) {
    auto row = query_one(sql, params);
    return (!row || row->null(0)) ? fallback : row->i(0);
  }

  // Runs f() inside a write transaction. Commits when f returns an ok Result (or a non-Result
  // value), rolls back when it returns an error Result or throws. Nested use joins the outer one.
  template <class F>
  auto write(F&& f) -> decltype(f()) {
    const bool outer = !in_transaction();
    if (outer) begin();
    try {
      auto r = f();
      if (outer) {
        if constexpr (requires { r.ok(); }) {
          if (r.ok()) commit(); else rollback();
        } else {
          commit();
        }
      }
      return r;
    } catch (...) {
      if (outer) rollback();
      throw;
    }
  }
};

// "(?,?,…)" with one placeholder per id, the ids appended to `params`: the list of an `IN` clause.
// An empty list gives "(NULL)", which matches nothing.
inline std::string in_list(const std::vector<int64_t>& ids, Params& params) {
  if (ids.empty()) return "(NULL)";
  params.insert(params.end(), ids.begin(), ids.end());
  std::string s(ids.size() * 2 + 1, ',');
  s.front() = '(';
  for (size_t i = 0; i < ids.size(); ++i) s[2 * i + 1] = '?';
  s.back() = ')';
  return s;
}

// Database opens connections to one database; each thread gets its own connection via conn().
// Thread-safe.
class Database {
 public:
  // Opens (creating if needed) the SQLite database file at `path`.
  static std::shared_ptr<Database> open_sqlite(std::string path);
  virtual ~Database() = default;
  // The calling thread's connection (opened on first use).
  virtual Db& conn() = 0;
  // A new connection owned by the caller.
  virtual std::unique_ptr<Db> open() = 0;
  virtual const std::string& path() const = 0;
  // Copies the whole database to `out` with the backend's online backup (consistent while serving).
  virtual void backup_to(const std::string& out) = 0;
};

}  // namespace gk::db
