// TableValues, fixed-point amounts and derived subtotals.
#include "reports/table_values.h"

#include <limits>
#include <stdexcept>

namespace gk::reports {

std::optional<int64_t> parse_amount(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if ((whole.empty() && frac.empty()) || frac.size() > 6) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t units = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    if (units > (kMax - (c - '0')) / 10) return std::nullopt;
    units = units * 10 + (c - '0');
  }
  if (units > kMax / kAmountScale) return std::nullopt;
  int64_t fraction = 0;
  int64_t scale = kAmountScale;
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    scale /= 10;
    fraction += (c - '0') * scale;
  }
  if (units * kAmountScale > kMax - fraction) return std::nullopt;
  const int64_t v = units * kAmountScale + fraction;
  return negative ? -v : v;
}

std::string format_amount(int64_t scaled, int min_decimals) {
  if (min_decimals < 0) min_decimals = 0;
  if (min_decimals > 6) min_decimals = 6;
  const bool negative = scaled < 0;
  // Magnitude as unsigned so that INT64_MIN does not overflow.
  const uint64_t mag = negative ? uint64_t{0} - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  const auto scale = static_cast<uint64_t>(kAmountScale);
  std::string frac = std::to_string(mag % scale);
  frac.insert(0, 6 - frac.size(), '0');
  while (frac.size() > static_cast<size_t>(min_decimals) && frac.back() == '0') frac.pop_back();
  std::string out = negative ? "-" : "";
  out += std::to_string(mag / scale);
  if (!frac.empty()) out += "." + frac;
  return out;
}

std::string format_value(const Column& column, int64_t value) {
  return column.kind == ValueKind::kAmount ? format_amount(value) : std::to_string(value);
}

void TableValues::set(std::string_view ref, int64_t value) {
  auto it = cells_.find(ref);
  if (it == cells_.end()) {
    cells_.emplace(std::string(ref), value);
  } else {
    it->second = value;
  }
}

void TableValues::add(std::string_view ref, int64_t delta) {
  auto it = cells_.find(ref);
  if (it == cells_.end()) {
    cells_.emplace(std::string(ref), delta);
  } else {
    it->second += delta;
  }
}

std::optional<int64_t> TableValues::get(std::string_view ref) const {
  auto it = cells_.find(ref);
  if (it == cells_.end()) return std::nullopt;
  return it->second;
}

int64_t TableValues::get_or_zero(std::string_view ref) const { return get(ref).value_or(0); }

TableValues zero_values(const Format& format) {
  TableValues v;
  for (const std::string& ref : format.cell_refs()) v.set(ref, 0);
  return v;
}

std::vector<std::string> unknown_cells(const Format& format, const TableValues& values) {
  std::vector<std::string> out;
  for (const auto& [ref, value] : values.cells()) {
    if (!format.resolve(ref)) out.push_back(ref);
  }
  return out;
}

int64_t subtotal(const Format& format, const TableValues& values, std::string_view table, std::string_view row_key,
                 std::string_view column_key) {
  const Table* t = format.table(table);
  const Row* row = t ? t->row(row_key) : nullptr;
  const Column* column = t ? t->column(column_key) : nullptr;
  if (!row || !column || !column->has_values()) {
    throw std::invalid_argument("subtotal of unknown cell " + cell_ref(table, row_key, column_key));
  }
  if (row->has_values()) {
    const std::string ref = cell_ref(table, row_key, column_key);
    if (!format.resolve(ref)) throw std::invalid_argument("subtotal of unknown cell " + ref);
    return values.get_or_zero(ref);
  }
  int64_t sum = 0;
  for (const Row* r : t->descendants(*row)) {
    if (r->kind == RowKind::kData) sum += values.get_or_zero(cell_ref(table, r->key, column_key));
  }
  return sum;
}

}  // namespace gk::reports
