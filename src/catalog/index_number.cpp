// Parsing and filling of 索引号 patterns.
#include "catalog/index_number.h"

#include <optional>
#include <vector>

namespace gk::catalog {
namespace {

enum class Field { kLiteral, kCreditCode, kRegionCode, kAgencyCode, kYear, kYearMonth, kSerial };

struct Piece {
  Field field = Field::kLiteral;
  std::string text;  // kLiteral only
  int width = 0;     // kSerial: zero-padding width, 0 for none
};

Error pattern_error(std::string message) { return Error::invalid("invalid_index_pattern", std::move(message)); }
Error input_error(std::string message) { return Error::invalid("index_number_inputs", std::move(message)); }

// The serial placeholder body "serial:0Nd" → N (1–9); nullopt when malformed.
std::optional<int> padded_serial_width(std::string_view name) {
  constexpr std::string_view kPrefix = "serial:0";
  if (name.size() != kPrefix.size() + 2 || !name.starts_with(kPrefix) || name.back() != 'd') return std::nullopt;
  char n = name[kPrefix.size()];
  if (n < '1' || n > '9') return std::nullopt;
  return n - '0';
}

std::optional<Piece> placeholder(std::string_view name) {
  if (name == "统一社会信用代码" || name == "USCC") return Piece{Field::kCreditCode, {}, 0};
  if (name == "区划代码") return Piece{Field::kRegionCode, {}, 0};
  if (name == "机构代码") return Piece{Field::kAgencyCode, {}, 0};
  if (name == "YYYY") return Piece{Field::kYear, {}, 0};
  if (name == "YYYYMM") return Piece{Field::kYearMonth, {}, 0};
  if (name == "serial") return Piece{Field::kSerial, {}, 0};
  if (auto width = padded_serial_width(name)) return Piece{Field::kSerial, {}, *width};
  return std::nullopt;
}

Result<std::vector<Piece>> parse_pattern(std::string_view pattern) {
  if (pattern.empty()) return pattern_error("索引号规则不能为空");
  std::vector<Piece> pieces;
  bool has_serial = false;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t brace = pattern.find_first_of("{}", i);
    if (brace == std::string_view::npos) brace = pattern.size();
    if (brace > i) pieces.push_back({Field::kLiteral, std::string(pattern.substr(i, brace - i)), 0});
    if (brace == pattern.size()) break;
    if (pattern[brace] == '}') return pattern_error("索引号规则中的“}”没有对应的“{”");
    size_t close = pattern.find_first_of("{}", brace + 1);
    if (close == std::string_view::npos || pattern[close] != '}') {
      return pattern_error("索引号规则中的“{”没有对应的“}”");
    }
    std::string_view name = pattern.substr(brace + 1, close - brace - 1);
    auto piece = placeholder(name);
    if (!piece) {
      return pattern_error("索引号规则中有无法识别的占位符“{" + std::string(name) +
                           "}”；可用：{统一社会信用代码}、{区划代码}、{机构代码}、{YYYY}、{YYYYMM}、{serial}、{serial:05d}");
    }
    has_serial = has_serial || piece->field == Field::kSerial;
    pieces.push_back(std::move(*piece));
    i = close + 1;
  }
  if (!has_serial) return pattern_error("索引号规则必须包含流水号占位符 {serial} 或 {serial:05d}，否则索引号会重复");
  return pieces;
}

std::string zero_pad(int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

}  // namespace

Status validate_index_pattern(std::string_view pattern) {
  auto pieces = parse_pattern(pattern);
  if (!pieces) return pieces.error();
  return ok_status();
}

Result<std::string> format_index_number(std::string_view pattern, const IndexNumberInputs& in) {
  auto pieces = parse_pattern(pattern);
  if (!pieces) return pieces.error();
  std::string out;
  for (const Piece& p : *pieces) {
    switch (p.field) {
      case Field::kLiteral:
        out += p.text;
        break;
      case Field::kCreditCode:
        if (in.credit_code.empty()) return input_error("尚未设置本机关的统一社会信用代码，无法生成索引号");
        out += in.credit_code;
        break;
      case Field::kRegionCode:
        if (in.region_code.empty()) return input_error("尚未设置行政区划代码，无法生成索引号");
        out += in.region_code;
        break;
      case Field::kAgencyCode:
        if (in.agency_code.empty()) return input_error("尚未设置机构代码，无法生成索引号");
        out += in.agency_code;
        break;
      case Field::kYear:
      case Field::kYearMonth:
        if (in.year < 1000 || in.year > 9999) return input_error("生成索引号所用的年份不正确");
        out += std::to_string(in.year);
        if (p.field == Field::kYearMonth) {
          if (in.month < 1 || in.month > 12) return input_error("生成索引号所用的月份不正确");
          out += zero_pad(in.month, 2);
        }
        break;
      case Field::kSerial:
        if (in.serial < 0) return input_error("索引号流水号不能为负数");
        out += zero_pad(in.serial, p.width);
        break;
    }
  }
  return out;
}

}  // namespace gk::catalog
