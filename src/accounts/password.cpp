// libsodium-based hashing and tokens.
#include "accounts/password.h"

#include <sodium.h>

#include <cctype>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

namespace gk::accounts {
namespace {

void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

// Caps concurrent argon2id computations.
class HashSlots {
 public:
  void acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release() {
    {
      std::lock_guard lock(mu_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_ = 2;
};

HashSlots& slots() {
  static HashSlots s;
  return s;
}

struct SlotGuard {
  SlotGuard() { slots().acquire(); }
  ~SlotGuard() { slots().release(); }
};

std::string to_hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  SlotGuard guard;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  ensure_sodium();
  SlotGuard guard;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status check_password_policy(std::string_view password, std::string_view username) {
  size_t chars = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if ((c & 0xC0) != 0x80) other = true;
  }
  if (chars < 10) return Error::field("password", "密码至少需要10个字符");
  if (password.size() > 128) return Error::field("password", "密码不能超过128个字节");
  if (lower + upper + digit + other < 3) {
    return Error::field("password", "密码须包含小写字母、大写字母、数字、符号中的至少三类");
  }
  std::string lowered(password);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!username.empty() && lowered.find(username) != std::string::npos) {
    return Error::field("password", "密码不能包含用户名");
  }
  return ok_status();
}

std::string random_token(size_t bytes) {
  ensure_sodium();
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string sha256_hex(std::string_view s) {
  ensure_sodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  return to_hex(out, sizeof out);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gk::accounts
