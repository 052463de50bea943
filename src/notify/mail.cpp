// See mail.h.
#include "notify/mail.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace gk::notify {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kCrlf = "\r\n";
// 36 bytes (twelve CJK characters) make a 60-character encoded-word, so that even the first one,
// after "Subject: ", keeps the line within 78 characters (RFC 5322 §2.1.1; RFC 2047 allows 75 per word).
constexpr size_t kWordBytes = 36;

bool plain_ascii(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch < 0x20 || ch >= 0x7f) return false;
  }
  // "=?" would be read as the start of an encoded-word.
  return s.find("=?") == std::string_view::npos;
}

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string encode_header(std::string_view text) {
  std::string clean(text);
  for (auto& ch : clean) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  }
  if (plain_ascii(clean)) return clean;
  std::string out;
  size_t pos = 0;
  while (pos < clean.size()) {
    size_t end = pos;
    while (end < clean.size()) {
      const size_t len = sequence_length(static_cast<unsigned char>(clean[end]));
      if (end + len - pos > kWordBytes) break;
      end += len;
    }
    if (end == pos) end = std::min(clean.size(), pos + 1);  // cannot happen with kWordBytes ≥ 4
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(pos, end - pos)) + "?=";
    pos = end;
  }
  return out;
}

std::string compose(const MailHeaders& h, std::string_view subject, std::string_view body) {
  std::string text;
  text.reserve(body.size() + 16);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') continue;
    if (body[i] == '\n')
      text += kCrlf;
    else
      text += body[i];
  }
  std::string out;
  auto header = [&](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append(kCrlf);
  };
  header("Date", h.date);
  header("From", "<" + h.from + ">");
  header("To", "<" + h.to + ">");
  header("Subject", encode_header(subject));
  header("Message-ID", "<" + h.message_id + ">");
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=UTF-8");
  header("Content-Transfer-Encoding", "base64");
  out += kCrlf;
  const std::string encoded = base64(text);
  for (size_t i = 0; i < encoded.size(); i += 76) out.append(encoded, i, 76).append(kCrlf);
  return out;
}

std::string rfc5322_date() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace gk::notify
