// Generating the figures of an annual report (政府信息公开工作年度报告) from gongkai's records, for one
// agency or for an agency and every unit under it, with the checks that must pass before publishing
// (issue 6 §2, §3, §5, §6). The tables follow the format of the report year (format.h); values are
// TableValues (table_values.h).
//
// 表二 第二十条第（一）项 is counted from the catalog. An item counts when it is 已发布 (state
// "published"; withdrawn and archived items do not count) and 主动公开; the row 规章 takes the 体裁
// 规章 (genre code "guizhang"), the row 行政规范性文件 (2019: 规范性文件) the 体裁 行政规范性文件
// ("guifanxing"). A 废止日期 is the date the item stopped being in force, 废止 or 失效 alike.
//   2021 format
//     本年制发件数   成文日期 in the year
//     本年废止件数   成文日期 given, 废止日期 in the year
//     现行有效件数   成文日期 on or before 31 December, no 废止日期 on or before 31 December
//   so that 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y) holds for the records (t2_in_force_continuity).
//   2019 trial format (its columns are about making and publishing, not validity)
//     本年新制作数量 成文日期 in the year (the same items as 本年制发件数)
//     本年新公开数量 发布日期 in the year, whatever the 成文日期
//     对外公开总数量 发布日期 on or before 31 December: every item disclosed by the end of the year,
//                  repealed ones included (they were disclosed)
// The rest of 表二 comes from the figures form (figures.h); a cell not filled in stays absent.
//
// 表三 and 表四 come from applications::table3_values / table4_values (report_counts.h) with their
// year-boundary rule. The 信息处理费 of section 六 come from the cases' events: fee_notice (data
// "amount", in 元) and fee_paid dated in the year; an amount collected is that of the case's latest
// fee notice before the payment.
//
// Checks (Finding): every identity of the format (identities.h; same-year ones, and cross-year ones
// against last year's figures generated the same way — errors block publication, warnings do not),
// and three warnings:
//   no_applications_but_reviews  表三 shows no application (新收 and 上年结转 总计 both 0) but 表四
//                                counts 行政复议 or 行政诉讼 cases;
//   sharp_change                 a cell whose value and last year's are both at least 10 (10 万元 for
//                                amounts) and one is more than 3 times the other (本年增/减 is not
//                                compared: it may be negative);
//   fees_missing                 行政事业性收费 not filled in on the figures form (per unit).
//
// Everything here reads the database through applications:: and catalog tables; nothing writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/db.h"
#include "platform/result.h"
#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

// 信息处理费 of the year (国办函〔2020〕109号), for section 六、其他需要报告的事项. Amounts in 分.
struct FeeFigures {
  int64_t notices = 0;        // 发出收费通知的件数
  int64_t notified_fen = 0;   // 收费通知的总金额
  int64_t payments = 0;       // 缴费的件数
  int64_t collected_fen = 0;  // 实际收取的总金额
  FeeFigures& operator+=(const FeeFigures& o);
  bool operator==(const FeeFigures&) const = default;
};

// An amount of 分 as 元 for people: "400", "12.50".
std::string format_yuan(int64_t fen);

// One problem of a report's figures.
struct Finding {
  Severity severity = Severity::kWarning;  // kError blocks publication
  std::string code;                        // an identity id ("t3_balance") or a warning code (see above)
  std::string message_zh;                  // a Chinese sentence naming the cells and their values
  std::vector<std::string> refs;           // this year's cells it concerns (for links), possibly empty
};

// The figures of one agency alone.
struct UnitValues {
  int64_t agency_id = 0;
  std::string agency_name;
  int depth = 0;       // below the report's agency (0 for the agency itself)
  TableValues values;  // 表二 (catalog cells always, figures when filled), 表三, 表四
  FeeFigures fees;
  bool fees_filled = false;  // every 行政事业性收费 cell of the figures form is filled in
};

// A generated report: the figures of the agency (or of its subtree, summed), the per-unit
// breakdown, last year's figures and the findings.
struct GeneratedReport {
  const Format* format = nullptr;  // of `year`; one of formats()
  int64_t agency_id = 0;
  std::string agency_name;
  int year = 0;
  bool subtree = false;
  TableValues values;                    // the sum over `units` (a figure absent in every unit stays absent)
  FeeFigures fees;                       // the sum over `units`
  std::vector<UnitValues> units;         // the agency first, then the units under it in tree order
  std::optional<TableValues> last_year;  // the same scope's figures of year − 1; nullopt before 2020
  std::vector<Finding> findings;         // errors first, then warnings

  bool has_errors() const;
};

// Generates the report of `agency_id` for `year`; with `subtree`, of the agency and every agency
// under it. Errors: kNotFound when the agency does not exist; kInvalid ("no_format") when the year
// has no report format (before 2019). Access is the caller's business.
Result<GeneratedReport> generate(db::Db& db, int64_t agency_id, int year, bool subtree);

// The checks above on given figures, pure: `units_without_fees` names the units whose 行政事业性收费
// is not filled in. `last_year` may be nullptr (no cross-year checks, no sharp_change).
std::vector<Finding> check_report(const Format& format, const TableValues& this_year, const TableValues* last_year,
                                  const std::vector<std::string>& units_without_fees);

// The dates of a catalog item that 表二 第二十条第（一）项 counts ("" when not set).
struct CatalogDates {
  std::string row;  // "rules" or "normative"
  std::string written_date, publish_date, repeal_date;
};
// 表二 第二十条第（一）项 of `year` in `format` from the items (every cell set, zeros included). Pure.
TableValues catalog_cells(const Format& format, int year, const std::vector<CatalogDates>& items);

// A case behind a cell, for the drill-down.
struct CaseRef {
  int64_t id = 0;
  std::string code;  // 依申请公开: the tracking code; 复议诉讼: the 案号 (may be "")
  std::string agency_name;
  std::string start_date;  // received (表三) or filed (表四)
  std::string end_date;    // closed or decided; "" while open
  std::string detail;      // outcome label (表三) or the group and result at year end (表四)
};

// The applications counted in 表三 cell `ref` ("table3.r1.person") of `year` for `agency_ids`, by the
// rules of applications::table3_values (same selection, same year boundary, same outcome rows), so
// their number is the cell's value. Error (kInvalid) when `ref` is not a 表三 cell of the year's format.
Result<std::vector<CaseRef>> table3_cases(db::Db& db, const std::vector<int64_t>& agency_ids, int year,
                                          std::string_view ref);
// The 行政复议 / 行政诉讼 cases counted in 表四 cell `ref`, by the rules of applications::table4_values.
Result<std::vector<CaseRef>> table4_cases(db::Db& db, const std::vector<int64_t>& agency_ids, int year,
                                          std::string_view ref);

}  // namespace gk::reports
