// See report_counts.h.
#include "applications/report_counts.h"

#include "applications/model.h"
#include "applications/outcomes.h"
#include "applications/reviews.h"

namespace gk::applications {

std::vector<std::string_view> table3_rows(std::string_view received, std::string_view stage,
                                          std::string_view closed_date, std::string_view outcome, int year) {
  const std::string first = std::to_string(year) + "-01-01";
  const std::string last = std::to_string(year) + "-12-31";
  if (received.empty() || received > last) return {};
  const bool closed = (stage == "closed" || stage == "withdrawn") && !closed_date.empty();
  if (closed && closed_date < first) return {};
  std::vector<std::string_view> rows = {received >= first ? "new" : "carried_over"};
  if (closed && closed_date <= last) {
    const Outcome* o = find_outcome(outcome);
    rows.push_back(o ? table3_row(*o, year) : (year <= 2020 ? "r6" : "r6_3"));
    rows.push_back("r7");
  } else {
    rows.push_back("carry_forward");
  }
  return rows;
}

Result<reports::TableValues> table3_values(db::Db& db, const std::vector<int64_t>& agency_ids, int year) {
  const reports::Format* format = reports::format_for_year(year);
  if (!format) return Error::invalid("no_format", std::to_string(year) + "年没有适用的年度报告格式");
  reports::TableValues v;
  const reports::Table* t3 = format->table("table3");
  for (const auto& ref : format->cell_refs()) {
    if (ref.starts_with("table3.")) v.set(ref, 0);
  }
  if (agency_ids.empty()) return v;
  db::Params params{std::to_string(year) + "-12-31"};
  const std::string agencies = db::in_list(agency_ids, params);
  const auto rows = db.query(
      "SELECT applicant_category, received_date, stage, closed_date, outcome FROM applications "
      "WHERE received_date IS NOT NULL AND received_date <= ? AND agency_id IN " + agencies,
      params);
  for (const auto& r : rows) {
    const std::string column = r.s(0);
    for (std::string_view row : table3_rows(r.s(1), r.s(2), r.s(3), r.s(4), year)) {
      if (!t3->row(row)) return Error::invalid("bad_outcome", "结果“" + r.s(4) + "”在该年度格式中没有对应行");
      v.add(reports::cell_ref("table3", row, column), 1);
      v.add(reports::cell_ref("table3", row, "total"), 1);
    }
  }
  return v;
}

Result<reports::TableValues> table4_values(db::Db& db, const std::vector<int64_t>& agency_ids, int year) {
  const reports::Format* format = reports::format_for_year(year);
  if (!format) return Error::invalid("no_format", std::to_string(year) + "年没有适用的年度报告格式");
  reports::TableValues v;
  for (const auto& ref : format->cell_refs()) {
    if (ref.starts_with("table4.")) v.set(ref, 0);
  }
  if (agency_ids.empty()) return v;
  const std::string first = std::to_string(year) + "-01-01";
  const std::string last = std::to_string(year) + "-12-31";
  db::Params params{first, last};
  const std::string agencies = db::in_list(agency_ids, params);
  for (const auto& r : db.query(
           "SELECT kind, result, decided_date FROM review_cases WHERE filed_date >= ? AND filed_date <= ? AND agency_id IN " +
               agencies,
           params)) {
    const std::string kind = r.s(0);
    std::string result = r.s(1);
    if (result != "pending" && (r.s(2).empty() || r.s(2) > last)) result = "pending";
    v.add(reports::cell_ref("table4", kind, result), 1);
    v.add(reports::cell_ref("table4", kind, "total"), 1);
  }
  return v;
}

}  // namespace gk::applications
