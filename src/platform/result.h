// Result<T>: the value of an operation a user can make fail (bad input, missing record, wrong role),
// or an Error saying why in Chinese for the user and with a stable code for programs.
// Exceptions are kept for programmer errors and truly exceptional I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gk {

// Error is a failure a user can cause. `code` is a stable English identifier (for the JSON API and
// logs); `message` is the Chinese sentence shown to the user; `fields` maps form field names to the
// message shown beside that field.
struct Error {
  enum class Kind { kInvalid, kNotFound, kForbidden, kConflict, kUnauthenticated, kTooMany, kTooLarge };
  Kind kind = Kind::kInvalid;
  std::string code;
  std::string message;
  std::map<std::string, std::string> fields;

  static Error invalid(std::string code, std::string message) {
    return {Kind::kInvalid, std::move(code), std::move(message), {}};
  }
  static Error field(std::string field, std::string message) {
    Error e{Kind::kInvalid, "invalid_field", message, {}};
    e.fields.emplace(std::move(field), std::move(message));
    return e;
  }
  static Error not_found(std::string message) { return {Kind::kNotFound, "not_found", std::move(message), {}}; }
  static Error forbidden(std::string message) { return {Kind::kForbidden, "forbidden", std::move(message), {}}; }
  static Error conflict(std::string code, std::string message) {
    return {Kind::kConflict, std::move(code), std::move(message), {}};
  }
  static Error unauthenticated(std::string message) {
    return {Kind::kUnauthenticated, "unauthenticated", std::move(message), {}};
  }
  static Error too_many(std::string message) { return {Kind::kTooMany, "too_many_requests", std::move(message), {}}; }
  static Error too_large(std::string message) { return {Kind::kTooLarge, "too_large", std::move(message), {}}; }

  // HTTP status matching the kind.
  int http_status() const;
};

// Collects per-field validation messages; converts to an Error when any was added.
class FieldErrors {
 public:
  void add(const std::string& field, std::string message) { fields_.emplace(field, std::move(message)); }
  bool empty() const { return fields_.empty(); }
  Error to_error() const {
    Error e{Error::Kind::kInvalid, "invalid_fields", "提交的内容有误，请按提示修改后再提交。", fields_};
    if (fields_.size() == 1) e.message = fields_.begin()->second;
    return e;
  }

 private:
  std::map<std::string, std::string> fields_;
};

struct Unit {};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

inline int Error::http_status() const {
  switch (kind) {
    case Kind::kInvalid: return 400;
    case Kind::kNotFound: return 404;
    case Kind::kForbidden: return 403;
    case Kind::kConflict: return 409;
    case Kind::kUnauthenticated: return 401;
    case Kind::kTooMany: return 429;
    case Kind::kTooLarge: return 413;
  }
  return 400;
}

}  // namespace gk
