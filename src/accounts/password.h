// Password hashing (argon2id via libsodium, INTERACTIVE limits) and the password policy.
#pragma once

#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::accounts {

// Hashes with argon2id. At most two hashes run at once (each uses 64 MiB), so a burst of logins
// cannot exhaust memory; further callers wait. Throws std::runtime_error when out of memory.
std::string hash_password(std::string_view password);
// True when `password` matches the stored argon2id hash.
bool verify_password(std::string_view password, const std::string& hash);
// The policy: 10 to 128 characters, at least three of: lower-case, upper-case, digits, symbols
// (Chinese characters count as symbols), not containing the user name. Returns a Chinese message.
Status check_password_policy(std::string_view password, std::string_view username);

// A random token of `bytes` bytes, hex-encoded (for sessions, CSRF, API tokens).
std::string random_token(size_t bytes = 32);
// SHA-256 of `s`, hex-encoded (what is stored for session and API tokens).
std::string sha256_hex(std::string_view s);
// Compares two strings in constant time.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace gk::accounts
