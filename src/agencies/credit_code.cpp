// 统一社会信用代码 normalisation and check-character validation (GB 32100-2015, ogi-facts §5).
#include "agencies/credit_code.h"

#include <array>

namespace gk::agencies {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // value = index (0..30)
constexpr std::string_view kFirstChars = "123456789ANY";                    // 登记管理部门代码

// Value of `c` in the credit-code alphabet, or -1.
int alphabet_value(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Appends the code point starting at s[i] to `out` as half-width ASCII if it is full-width ASCII
// (U+FF01–U+FF5E) or the ideographic space (U+3000); otherwise copies it unchanged. Returns its byte length.
size_t append_halfwidth(std::string_view s, size_t i, std::string& out) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 == 0xEF && i + 2 < s.size()) {
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    auto b2 = static_cast<unsigned char>(s[i + 2]);
    // U+FF01..U+FF3F is EF BC 81..BF; U+FF40..U+FF5E is EF BD 80..9E.
    if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
      out.push_back(static_cast<char>(b2 - 0x81 + 0x21));
      return 3;
    }
    if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
      out.push_back(static_cast<char>(b2 - 0x80 + 0x60));
      return 3;
    }
  }
  if (b0 == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') {
    out.push_back(' ');
    return 3;
  }
  out.push_back(s[i]);
  return 1;
}

// Full-width → half-width, lower → upper case, then trims ASCII whitespace.
std::string to_halfwidth_upper_trimmed(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  for (size_t i = 0; i < input.size();) i += append_halfwidth(input, i, out);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  size_t b = 0, e = out.size();
  while (b < e && is_ascii_space(static_cast<unsigned char>(out[b]))) ++b;
  while (e > b && is_ascii_space(static_cast<unsigned char>(out[e - 1]))) --e;
  return out.substr(b, e - b);
}

// Number of UTF-8 code points (counts lead bytes), so "应为18位" is judged by what the user sees.
size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

Error credit_error(std::string message) { return Error::invalid("invalid_credit_code", std::move(message)); }

}  // namespace

char credit_code_check_char(std::string_view code) {
  static constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() < 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = alphabet_value(code[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  return kAlphabet[(31 - sum % 31) % 31];
}

Result<std::string> normalize_credit_code(std::string_view input) {
  std::string code = to_halfwidth_upper_trimmed(input);
  if (code.empty()) return credit_error("统一社会信用代码不能为空");
  if (utf8_length(code) != 18) {
    return credit_error("统一社会信用代码应为18位，当前为" + std::to_string(utf8_length(code)) + "位");
  }
  for (char c : code) {
    if (alphabet_value(c) < 0) return credit_error("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）");
  }
  if (kFirstChars.find(code[0]) == std::string_view::npos) {
    return credit_error("统一社会信用代码第1位（登记管理部门代码）应为1–9、A、N或Y");
  }
  for (size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') return credit_error("统一社会信用代码第3至8位（行政区划码）应为数字");
  }
  char expected = credit_code_check_char(code);
  if (code[17] != expected) {
    return credit_error(std::string("统一社会信用代码校验位不正确，应为") + expected);
  }
  return code;
}

bool org_code_check_ok(std::string_view code18) {
  static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
  if (code18.size() != 18) return false;
  std::string_view org = code18.substr(8, 9);
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    char c = org[i];
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      v = c - 'A' + 10;
    } else {
      return false;
    }
    sum += v * kWeights[i];
  }
  int check = 11 - sum % 11;
  char expected = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
  return org[8] == expected;
}

}  // namespace gk::agencies
