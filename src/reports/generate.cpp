// See generate.h.
#include "reports/generate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "agencies/service.h"
#include "applications/model.h"
#include "applications/outcomes.h"
#include "applications/report_counts.h"
#include "applications/reviews.h"
#include "reports/figures.h"
#include "reports/identities.h"

namespace gk::reports {
namespace {

// 体裁 of the rows of 第二十条第（一）项 (data/genres.json codes).
struct GenreRow {
  std::string_view row;
  std::string_view genre;
};
constexpr std::array<GenreRow, 2> kGenreRows = {{{"rules", "guizhang"}, {"normative", "guifanxing"}}};

constexpr int64_t kSharpFactor = 3;
constexpr int64_t kSharpFloor = 10;


std::string first_day(int year) { return std::to_string(year) + "-01-01"; }
std::string last_day(int year) { return std::to_string(year) + "-12-31"; }

// The catalog dates of an agency's published 主动公开 规章 and 行政规范性文件.
std::vector<CatalogDates> catalog_dates(db::Db& db, int64_t agency_id) {
  std::vector<CatalogDates> out;
  for (const auto& r : db.query(
           "SELECT genre, COALESCE(written_date, ''), COALESCE(publish_date, ''), COALESCE(repeal_date, '') FROM items "
           "WHERE agency_id = ? AND state = 'published' AND disclosure = 'proactive' AND genre IN (?, ?)",
           {agency_id, kGenreRows[0].genre, kGenreRows[1].genre})) {
    const std::string genre = r.s(0);
    for (const auto& g : kGenreRows) {
      if (g.genre == genre) out.push_back({std::string(g.row), r.s(1), r.s(2), r.s(3)});
    }
  }
  return out;
}

// An amount of a fee_notice event's data in 分: a number of 元 (integer or not) or its text.
int64_t amount_fen(const nlohmann::json& data) {
  if (!data.is_object() || !data.contains("amount")) return 0;
  const auto& a = data["amount"];
  if (a.is_number_integer()) return a.get<int64_t>() * 100;
  if (a.is_number()) return std::llround(a.get<double>() * 100);
  if (a.is_string()) {
    if (auto v = parse_amount(a.get<std::string>())) return *v / (kAmountScale / 100);
  }
  return 0;
}

FeeFigures fee_figures(db::Db& db, int64_t agency_id, int year) {
  FeeFigures f;
  const std::string first = first_day(year), last = last_day(year);
  int64_t current_case = 0, latest_notice = 0;
  for (const auto& r : db.query("SELECT e.application_id, e.kind, e.date, e.data_json FROM application_events e "
                                "JOIN applications a ON a.id = e.application_id "
                                "WHERE a.agency_id = ? AND e.kind IN ('fee_notice', 'fee_paid') AND e.date <= ? "
                                "ORDER BY e.application_id, e.date, e.id",
                                {agency_id, last})) {
    if (r.i(0) != current_case) {
      current_case = r.i(0);
      latest_notice = 0;
    }
    const bool in_year = r.s(2) >= first;
    if (r.s(1) == "fee_notice") {
      latest_notice = amount_fen(nlohmann::json::parse(r.s(3), nullptr, false));
      if (in_year) {
        ++f.notices;
        f.notified_fen += latest_notice;
      }
    } else if (in_year) {
      ++f.payments;
      f.collected_fen += latest_notice;
    }
  }
  return f;
}

bool merge(TableValues& into, const Result<TableValues>& part) {
  if (!part) return false;
  for (const auto& [ref, v] : part->cells()) into.set(ref, v);
  return true;
}

// One agency's figures of `year` in `format`; an error only when the year has no format.
Result<UnitValues> unit_values(db::Db& db, const Format& format, int64_t agency_id, int year) {
  UnitValues u;
  u.agency_id = agency_id;
  u.values = catalog_cells(format, year, catalog_dates(db, agency_id));
  const Figures figures = load_figures(db, agency_id, year);
  bool fees_filled = true;
  for (const std::string& ref : figure_refs(format)) {
    if (auto v = figures.values.get(ref)) {
      u.values.set(ref, *v);
    } else if (format.resolve(ref)->row->key == "fees") {
      fees_filled = false;
    }
  }
  u.fees_filled = fees_filled;
  auto t3 = applications::table3_values(db, {agency_id}, year);
  if (!merge(u.values, t3)) return t3.error();
  auto t4 = applications::table4_values(db, {agency_id}, year);
  if (!merge(u.values, t4)) return t4.error();
  u.fees = fee_figures(db, agency_id, year);
  return u;
}

void add_values(TableValues& into, const TableValues& from) {
  for (const auto& [ref, v] : from.cells()) into.add(ref, v);
}

// The agency and, with `subtree`, the agencies under it in tree order with depths relative to it.
std::vector<UnitValues> scope_units(db::Db& db, const agencies::Agency& root, bool subtree) {
  std::vector<UnitValues> out;
  if (!subtree) {
    out.push_back({root.id, root.name, 0, {}, {}, false});
    return out;
  }
  const auto ids = agencies::subtree_ids(db, root.id);
  const auto tree = agencies::tree(db);
  int root_depth = 0;
  for (const auto& e : tree) {
    if (e.agency.id == root.id) root_depth = e.depth;
  }
  out.push_back({root.id, root.name, 0, {}, {}, false});
  for (const auto& e : tree) {
    if (e.agency.id == root.id || std::find(ids.begin(), ids.end(), e.agency.id) == ids.end()) continue;
    out.push_back({e.agency.id, e.agency.name, e.depth - root_depth, {}, {}, false});
  }
  return out;
}

std::string value_text(const Format& format, std::string_view ref, int64_t v) {
  auto cell = format.resolve(ref);
  return cell ? format_value(*cell->column, v) : std::to_string(v);
}

std::vector<std::string> this_year_refs(const Violation& v) {
  std::vector<std::string> out;
  for (const auto* side : {&v.lhs, &v.rhs}) {
    for (const ViolationTerm& t : *side) {
      if (!t.term.last_year && std::find(out.begin(), out.end(), t.term.ref) == out.end()) out.push_back(t.term.ref);
    }
  }
  return out;
}

}  // namespace

FeeFigures& FeeFigures::operator+=(const FeeFigures& o) {
  notices += o.notices;
  notified_fen += o.notified_fen;
  payments += o.payments;
  collected_fen += o.collected_fen;
  return *this;
}

std::string format_yuan(int64_t fen) {
  const bool negative = fen < 0;
  const int64_t a = negative ? -fen : fen;
  std::string s = std::to_string(a / 100);
  if (a % 100 != 0) {
    const int64_t cents = a % 100;
    s += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  }
  return negative ? "-" + s : s;
}

bool GeneratedReport::has_errors() const {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::kError; });
}

TableValues catalog_cells(const Format& format, int year, const std::vector<CatalogDates>& items) {
  TableValues v;
  const Table* t2 = format.table("table2");
  const Part* item1 = t2 ? t2->part("item1") : nullptr;
  if (!item1) return v;
  for (const auto& g : kGenreRows) {
    for (const std::string& col : item1->columns) v.set(cell_ref("table2", g.row, col), 0);
  }
  const std::string first = first_day(year), last = last_day(year);
  auto in_year = [&](const std::string& d) { return !d.empty() && d >= first && d <= last; };
  auto by_end = [&](const std::string& d) { return !d.empty() && d <= last; };
  for (const CatalogDates& it : items) {
    if (!t2->row(it.row)) continue;
    auto bump = [&](std::string_view column) {
      const std::string ref = cell_ref("table2", it.row, column);
      if (format.resolve(ref)) v.add(ref, 1);
    };
    const bool written = !it.written_date.empty();
    // 2021 format.
    if (in_year(it.written_date)) bump("issued");
    if (written && in_year(it.repeal_date)) bump("repealed");
    if (by_end(it.written_date) && !by_end(it.repeal_date)) bump("in_force");
    // 2019 trial format.
    if (in_year(it.written_date)) bump("made");
    if (in_year(it.publish_date)) bump("published");
    if (by_end(it.publish_date)) bump("total_published");
  }
  return v;
}

std::vector<Finding> check_report(const Format& format, const TableValues& this_year, const TableValues* last_year,
                                  const std::vector<std::string>& units_without_fees) {
  std::vector<Finding> errors, warnings;
  for (const Violation& v : check_identities(format, this_year, last_year)) {
    Finding f{v.identity->severity, v.identity->id, v.message_zh, this_year_refs(v)};
    (f.severity == Severity::kError ? errors : warnings).push_back(std::move(f));
  }

  // Zero applications but review or litigation cases.
  const int64_t applications =
      this_year.get_or_zero("table3.new.total") + this_year.get_or_zero("table3.carried_over.total");
  if (applications == 0) {
    std::vector<std::string> refs;
    std::string listed;
    if (const Table* t4 = format.table("table4")) {
      for (const Row* row : t4->data_rows()) {
        const std::string ref = cell_ref("table4", row->key, "total");
        if (this_year.get_or_zero(ref) > 0) {
          refs.push_back(ref);
          listed += (listed.empty() ? "" : "、") + t4->qualified_label(*row) + "总计" +
                    std::to_string(this_year.get_or_zero(ref)) + "件";
        }
      }
    }
    if (!refs.empty()) {
      refs.insert(refs.begin(), {"table3.new.total", "table3.carried_over.total"});
      warnings.push_back({Severity::kWarning, "no_applications_but_reviews",
                          "表三本年新收和上年结转的政府信息公开申请均为0，但表四有" + listed +
                              "。因政府信息公开引起的复议、诉讼通常源于申请，请核对表三和表四。",
                          refs});
    }
  }

  // Sharp changes against last year.
  if (last_year) {
    for (const auto& [ref, now] : this_year.cells()) {
      auto cell = format.resolve(ref);
      if (!cell || cell->column->kind == ValueKind::kSignedCount) continue;
      auto before = last_year->get(ref);
      if (!before) continue;
      const int64_t floor = cell->column->kind == ValueKind::kAmount ? kSharpFloor * kAmountScale : kSharpFloor;
      if (now < floor || *before < floor) continue;
      if (now > kSharpFactor * *before || *before > kSharpFactor * now) {
        warnings.push_back({Severity::kWarning,
                            "sharp_change",
                            format.cell_label(ref) + "：本年" + value_text(format, ref, now) + "，上年" +
                                value_text(format, ref, *before) + "，变化超过" + std::to_string(kSharpFactor) +
                                "倍，请核对。",
                            {ref}});
      }
    }
  }

  // 行政事业性收费 not filled in (every format has the row; its cells are figures).
  std::vector<std::string> fee_refs;
  for (const std::string& ref : figure_refs(format)) {
    if (format.resolve(ref)->row->key == "fees") fee_refs.push_back(ref);
  }
  if (!units_without_fees.empty() && !fee_refs.empty()) {
    std::string names;
    for (const std::string& n : units_without_fees) names += (names.empty() ? "" : "、") + n;
    warnings.push_back({Severity::kWarning, "fees_missing",
                        "表二「" + format.resolve(fee_refs.front())->row->label + "」未填报：" + names +
                            "。没有收费的请填0；请在“年度报告数据填报”中补填。",
                        fee_refs});
  }

  errors.insert(errors.end(), std::make_move_iterator(warnings.begin()), std::make_move_iterator(warnings.end()));
  return errors;
}

Result<GeneratedReport> generate(db::Db& db, int64_t agency_id, int year, bool subtree) {
  auto agency = agencies::get(db, agency_id);
  if (!agency) return agency.error();
  const Format* format = format_for_year(year);
  if (!format) {
    return Error::invalid("no_format",
                          std::to_string(year) + "年没有适用的年度报告格式（国家格式自2019年度报告起适用）");
  }
  GeneratedReport rep;
  rep.format = format;
  rep.agency_id = agency_id;
  rep.agency_name = agency->name;
  rep.year = year;
  rep.subtree = subtree;
  rep.units = scope_units(db, *agency, subtree);
  std::vector<std::string> without_fees;
  for (UnitValues& u : rep.units) {
    auto got = unit_values(db, *format, u.agency_id, year);
    if (!got) return got.error();
    u.values = std::move(got->values);
    u.fees = got->fees;
    u.fees_filled = got->fees_filled;
    add_values(rep.values, u.values);
    rep.fees += u.fees;
    if (!u.fees_filled) without_fees.push_back(u.agency_name);
  }
  if (const Format* previous = format_for_year(year - 1)) {
    TableValues last;
    for (const UnitValues& u : rep.units) {
      auto got = unit_values(db, *previous, u.agency_id, year - 1);
      if (!got) return got.error();
      add_values(last, got->values);
    }
    rep.last_year = std::move(last);
  }
  rep.findings = check_report(*format, rep.values, rep.last_year ? &*rep.last_year : nullptr, without_fees);
  return rep;
}

namespace {

Result<Cell> table_cell(int year, std::string_view ref, std::string_view table) {
  const Format* format = format_for_year(year);
  if (!format) return Error::invalid("no_format", std::to_string(year) + "年没有适用的年度报告格式");
  auto cell = format->resolve(ref);
  if (!cell || cell->table->key != table) {
    return Error::invalid("bad_cell", "“" + std::string(ref) + "”不是" + std::to_string(year) + "年度报告" +
                                          (table == "table3" ? "表三" : "表四") + "的单元格");
  }
  return *cell;
}

}  // namespace

Result<std::vector<CaseRef>> table3_cases(db::Db& db, const std::vector<int64_t>& agency_ids, int year,
                                          std::string_view ref) {
  auto cell = table_cell(year, ref, "table3");
  if (!cell) return cell.error();
  const std::string& want_row = cell->row->key;
  const std::string& want_column = cell->column->key;
  std::vector<CaseRef> out;
  if (agency_ids.empty()) return out;
  db::Params params{last_day(year)};
  const std::string agencies = db::in_list(agency_ids, params);
  // Which rows a case counts in: the one rule of applications::table3_rows.
  for (const auto& r : db.query(
           "SELECT a.applicant_category, a.received_date, a.stage, a.closed_date, a.outcome, a.id, a.code, ag.name "
           "FROM applications a JOIN agencies ag ON ag.id = a.agency_id "
           "WHERE a.received_date IS NOT NULL AND a.received_date <= ? AND a.agency_id IN " +
               agencies + " ORDER BY a.received_date, a.id",
           params)) {
    const std::string column = r.s(0);
    if (want_column != "total" && want_column != column) continue;
    const std::string received = r.s(1);
    const std::string closed_date = r.s(3);
    const auto rows = applications::table3_rows(received, r.s(2), closed_date, r.s(4), year);
    if (rows.empty()) continue;
    const bool closed_in_year = rows.back() == "r7";
    std::string detail;
    if (closed_in_year) {
      const applications::Outcome* o = applications::find_outcome(r.s(4));
      detail = o ? std::string(o->label) : (r.s(2) == "withdrawn" ? "申请人撤回" : "其他处理");
    } else {
      detail = !closed_date.empty() ? "次年办结（" + closed_date + "）" : "年末仍在办理";
    }
    if (std::find(rows.begin(), rows.end(), want_row) == rows.end()) continue;
    out.push_back({r.i(5), r.s(6), r.s(7), received, closed_in_year ? closed_date : "", detail});
  }
  return out;
}

Result<std::vector<CaseRef>> table4_cases(db::Db& db, const std::vector<int64_t>& agency_ids, int year,
                                          std::string_view ref) {
  auto cell = table_cell(year, ref, "table4");
  if (!cell) return cell.error();
  const std::string& want_kind = cell->row->key;
  const std::string& want_result = cell->column->key;
  std::vector<CaseRef> out;
  if (agency_ids.empty()) return out;
  const std::string first = first_day(year), last = last_day(year);
  db::Params params{first, last, want_kind};
  const std::string agencies = db::in_list(agency_ids, params);
  // The selection and the year-end result mirror applications::table4_values (report_counts.cpp).
  for (const auto& r :
       db.query("SELECT r.result, r.decided_date, r.id, r.case_no, ag.name, r.filed_date FROM review_cases r "
                "JOIN agencies ag ON ag.id = r.agency_id "
                "WHERE r.filed_date >= ? AND r.filed_date <= ? AND r.kind = ? AND r.agency_id IN " +
                    agencies + " ORDER BY r.filed_date, r.id",
                params)) {
    std::string result = r.s(0);
    if (result != "pending" && (r.s(1).empty() || r.s(1) > last)) result = "pending";
    if (want_result != "total" && want_result != result) continue;
    out.push_back({r.i(2), r.s(3), r.s(4), r.s(5), result == "pending" ? "" : r.s(1),
                   std::string(applications::label_of(applications::kReviewKinds, want_kind)) + "：" +
                       std::string(applications::label_of(applications::kReviewResults, result))});
  }
  return out;
}

}  // namespace gk::reports
