// See report_counts.h.
#include "applications/report_counts.h"

#include "applications/model.h"
#include "applications/outcomes.h"
#include "applications/reviews.h"

namespace gk::applications {

Result<reports::TableValues> table3_values(db::Db& db, const std::vector<int64_t>& agency_ids, int year) {
  const reports::Format* format = reports::format_for_year(year);
  if (!format) return Error::invalid("no_format", std::to_string(year) + "年没有适用的年度报告格式");
  reports::TableValues v;
  const reports::Table* t3 = format->table("table3");
  for (const auto& ref : format->cell_refs()) {
    if (ref.starts_with("table3.")) v.set(ref, 0);
  }
  if (agency_ids.empty()) return v;
  const std::string first = std::to_string(year) + "-01-01";
  const std::string last = std::to_string(year) + "-12-31";
  db::Params params;
  const std::string agencies = db::in_list(agency_ids, params);
  const auto rows = db.query(
      "SELECT applicant_category, received_date, stage, closed_date, outcome FROM applications "
      "WHERE received_date IS NOT NULL AND received_date <= ? AND agency_id IN " + agencies,
      [&] {
        db::Params p{last};
        p.insert(p.end(), params.begin(), params.end());
        return p;
      }());
  auto bump = [&](std::string_view row, const std::string& column) {
    v.add(reports::cell_ref("table3", row, column), 1);
    v.add(reports::cell_ref("table3", row, "total"), 1);
  };
  for (const auto& r : rows) {
    const std::string column = r.s(0);
    const std::string received = r.s(1);
    const bool closed = r.s(2) == "closed" || r.s(2) == "withdrawn";
    const std::string closed_date = r.s(3);
    if (closed && !closed_date.empty() && closed_date < first) continue;  // finished before the year
    if (received >= first) bump("new", column);
    else bump("carried_over", column);
    if (closed && !closed_date.empty() && closed_date <= last) {
      const Outcome* o = find_outcome(r.s(4));
      const std::string_view row = o ? table3_row(*o, year) : (year <= 2020 ? "r6" : "r6_3");
      if (!t3->row(row)) return Error::invalid("bad_outcome", "结果“" + r.s(4) + "”在该年度格式中没有对应行");
      bump(row, column);
      bump("r7", column);
    } else {
      bump("carry_forward", column);
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
