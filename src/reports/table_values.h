// The figures of one annual report: a value per cell reference ("table3.r3_1.person", see format.h),
// plus the fixed-point representation of amounts and the derived subtotals of group rows.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/format.h"

namespace gk::reports {

// Amounts (表二 本年收费金额（单位：万元）, 2019 采购总金额) are decimals in the unit the column states. They are
// stored as integers of 1/1,000,000 of that unit, so 12.3456 万元 is 12'345'600 and one 分 (0.000001 万元)
// is 1: every figure a report prints (2–4 decimals of 万元) and every sum of fees recorded to the 分
// is exact, and adding up a county's units never rounds. Counts are stored as they are.
inline constexpr int64_t kAmountScale = 1'000'000;

// The fixed-point value of a decimal text such as "12.3456", "-3", "0.5", ".5" (ASCII digits, an
// optional sign, at most six decimals, no thousands separators). nullopt for anything else or on
// overflow.
std::optional<int64_t> parse_amount(std::string_view text);

// The decimal text of a fixed-point amount with at least `min_decimals` (0–6) decimals and no
// trailing zeros beyond them: 12'345'600 → "12.3456", 12'000'000 → "12.00", -500'000 → "-0.50".
std::string format_amount(int64_t scaled, int min_decimals = 2);

// A value as printed in column `column`: amounts through format_amount, counts in decimal.
std::string format_value(const Column& column, int64_t value);

// TableValues maps cell references to values. A cell that was never set is absent, which is not the
// same as 0 (check_identities treats the two differently, see identities.h). A value type; not
// synchronized: share it between threads only read-only.
class TableValues {
 public:
  // Sets the cell to `value`, replacing any earlier value.
  void set(std::string_view ref, int64_t value);
  // Adds `delta` to the cell (an absent cell counts as 0), e.g. to aggregate units.
  void add(std::string_view ref, int64_t delta);
  // The cell's value, or nullopt when absent.
  std::optional<int64_t> get(std::string_view ref) const;
  // The cell's value, or 0 when absent.
  int64_t get_or_zero(std::string_view ref) const;
  bool contains(std::string_view ref) const { return cells_.find(ref) != cells_.end(); }
  bool empty() const { return cells_.empty(); }
  // All cells, ordered by reference.
  const std::map<std::string, int64_t, std::less<>>& cells() const { return cells_; }

  bool operator==(const TableValues&) const = default;

 private:
  std::map<std::string, int64_t, std::less<>> cells_;
};

// Values with every cell of `format` set to 0: the starting point of a generated report.
TableValues zero_values(const Format& format);

// The references in `values` that name no cell of `format` (misspelled keys, a row of the other
// format), in order. Empty when all are valid.
std::vector<std::string> unknown_cells(const Format& format, const TableValues& values);

// The derived subtotal of row `row_key` in column `column_key` of table `table`: for a group row such as
// 表三 r3 (（三）不予公开), the sum of the data rows under it at any depth (absent cells count as 0;
// kTotal rows are left out, so the group 三、本年度办理结果 sums to what （七）总计 should be); for a data
// or total row, its own value. The official tables print no subtotal rows for （三）–（六）; renderers
// and checks that want one compute it here. Throws std::invalid_argument when the table, row or
// column does not exist or the column is a group (a programmer error).
int64_t subtotal(const Format& format, const TableValues& values, std::string_view table, std::string_view row_key,
                 std::string_view column_key);

}  // namespace gk::reports
