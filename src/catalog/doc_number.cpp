// 发文字号 normalisation (brackets, full-width digits) and validation against GB/T 9704 rules.
#include "catalog/doc_number.h"

#include <array>

namespace gk::catalog {
namespace {

constexpr std::string_view kExample = "文号格式应为“机关代字〔年份〕序号号”，如 国办发〔2017〕47号";
constexpr std::string_view kOpen = "〔";
constexpr std::string_view kClose = "〕";
constexpr std::string_view kHao = "号";
constexpr std::string_view kDi = "第";
constexpr std::string_view kLingDi = "令第";

// Brackets accepted around the year on input; all become 〔〕.
constexpr std::array<std::string_view, 8> kOpeners = {"〔", "【", "[", "(", "（", "［", "﹝", "〖"};
constexpr std::array<std::string_view, 8> kClosers = {"〕", "】", "]", ")", "）", "］", "﹞", "〗"};

Error doc_error(std::string_view message) { return Error::invalid("invalid_doc_number", std::string(message)); }

// Length in bytes of the bracket starting at s[i] that is one of `set`, or 0.
size_t bracket_at(std::string_view s, size_t i, const std::array<std::string_view, 8>& set) {
  for (auto b : set) {
    if (s.substr(i, b.size()) == b) return b.size();
  }
  return 0;
}

bool contains_bracket(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (bracket_at(s, i, kOpeners) || bracket_at(s, i, kClosers)) return true;
  }
  return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Removes whitespace (ASCII, U+3000 ideographic space, U+00A0) and maps full-width digits to ASCII.
std::string strip_and_halfwidth_digits(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      ++i;
    } else if (in.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else if (in.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (c == 0xEF && i + 2 < in.size() && in[i + 1] == '\xBC' && static_cast<unsigned char>(in[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(in[i + 2]) <= 0x99) {
      out.push_back(static_cast<char>('0' + (static_cast<unsigned char>(in[i + 2]) - 0x90)));
      i += 3;
    } else {
      out.push_back(in[i]);
      ++i;
    }
  }
  return out;
}

// Parses a serial written as digits followed by 号 (the whole of `s`). Returns the Chinese problem, or
// "" when fine (and sets `serial`).
std::string_view check_serial(std::string_view s, int& serial) {
  if (s.starts_with(kDi)) return "发文顺序号前不加“第”字，如 国办发〔2017〕47号";
  if (!s.ends_with(kHao)) return "发文顺序号后应加“号”字，如 国办发〔2017〕47号";
  std::string_view digits = s.substr(0, s.size() - kHao.size());
  if (!all_digits(digits)) return kExample;
  if (digits[0] == '0') return "发文顺序号不编虚位（如1不编为01），且不能为0";
  if (digits.size() > 9) return "发文顺序号过大";
  serial = std::stoi(std::string(digits));
  return "";
}

// Order form: <issuer>令第<N>号, issuer non-empty and bracket-free.
std::optional<DocNumberParts> parse_order(std::string_view s) {
  auto pos = s.rfind(kLingDi);
  if (pos == std::string_view::npos || pos == 0) return std::nullopt;
  std::string_view issuer = s.substr(0, pos);
  if (contains_bracket(issuer)) return std::nullopt;
  std::string_view rest = s.substr(pos + kLingDi.size());
  if (!rest.ends_with(kHao)) return std::nullopt;
  std::string_view digits = rest.substr(0, rest.size() - kHao.size());
  if (!all_digits(digits) || digits[0] == '0' || digits.size() > 9) return std::nullopt;
  return DocNumberParts{std::string(issuer) + "令", 0, std::stoi(std::string(digits))};
}

// Locates the year group: an opener, exactly 4 ASCII digits, a closer. Sets the byte ranges.
bool find_year_group(std::string_view s, size_t& open_at, size_t& year_at, size_t& rest_at) {
  for (size_t i = 0; i < s.size(); ++i) {
    size_t ol = bracket_at(s, i, kOpeners);
    if (ol == 0) continue;
    size_t y = i + ol;
    if (y + 4 > s.size() || !all_digits(s.substr(y, 4))) continue;
    size_t cl = bracket_at(s, y + 4, kClosers);
    if (cl == 0) continue;
    open_at = i;
    year_at = y;
    rest_at = y + 4 + cl;
    return true;
  }
  return false;
}

}  // namespace

Result<std::string> normalize_doc_number(std::string_view input) {
  std::string s = strip_and_halfwidth_digits(input);
  if (s.empty()) return std::string();
  if (parse_order(s)) return s;

  size_t open_at = 0, year_at = 0, rest_at = 0;
  if (!find_year_group(s, open_at, year_at, rest_at)) return doc_error(kExample);
  std::string_view view = s;
  std::string_view issuer = view.substr(0, open_at);
  if (issuer.empty()) return doc_error("文号缺少发文机关代字，如 国办发〔2017〕47号");
  if (contains_bracket(issuer)) return doc_error("发文机关代字中不能含有括号");
  int year = std::stoi(std::string(view.substr(year_at, 4)));
  if (year < 1949 || year > 2100) return doc_error("文号中的年份应在1949至2100之间");
  int serial = 0;
  if (auto problem = check_serial(view.substr(rest_at), serial); !problem.empty()) return doc_error(problem);
  return std::string(issuer) + std::string(kOpen) + std::to_string(year) + std::string(kClose) +
         std::to_string(serial) + std::string(kHao);
}

std::optional<DocNumberParts> parse_doc_number(std::string_view normalized) {
  // Normalised text has no whitespace or full-width digits left.
  if (normalized.empty() || strip_and_halfwidth_digits(normalized) != normalized) return std::nullopt;
  if (auto order = parse_order(normalized)) return order;
  auto open = normalized.find(kOpen);
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  std::string_view issuer = normalized.substr(0, open);
  if (contains_bracket(issuer)) return std::nullopt;
  std::string_view after = normalized.substr(open + kOpen.size());
  if (after.size() < 4 || !all_digits(after.substr(0, 4)) || !after.substr(4).starts_with(kClose)) return std::nullopt;
  int year = std::stoi(std::string(after.substr(0, 4)));
  if (year < 1949 || year > 2100) return std::nullopt;
  int serial = 0;
  if (!check_serial(after.substr(4 + kClose.size()), serial).empty()) return std::nullopt;
  return DocNumberParts{std::string(issuer), year, serial};
}

}  // namespace gk::catalog
