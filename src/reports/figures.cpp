// The yearly 表二 figures form: which cells it holds, parsing and validation, storage and audit.
#include "reports/figures.h"

#include <charconv>
#include <optional>
#include <variant>

#include "agencies/access.h"
#include "agencies/service.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::reports {
namespace {

constexpr int64_t kMaxFigure = 1'000'000'000;  // in the column's unit

// Full-width digits, point, plus and minus (as Chinese input methods type them) as ASCII; other
// bytes are kept, so anything else still fails the checks below.
std::string ascii_digits(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      const auto c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 2;
        continue;
      }
      if (c == 0x8E || c == 0x8D || c == 0x8B) {
        out += c == 0x8E ? '.' : (c == 0x8D ? '-' : '+');
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return text::trim(out);
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// An integer of at most 10 digits, or nullopt.
std::optional<int64_t> parse_digits(std::string_view s) {
  if (!all_digits(s) || s.size() > 10) return std::nullopt;
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// The parsed value of one cell, or the message for the field.
std::variant<int64_t, std::string> parse_cell(const Column& column, std::string_view raw) {
  const std::string s = ascii_digits(raw);
  switch (column.kind) {
    case ValueKind::kCount: {
      if (s.starts_with('-')) return std::string("不能为负数，请填写不小于0的整数");
      if (s.find('.') != std::string::npos) return std::string("应为整数，不能有小数");
      auto v = parse_digits(s);
      if (!v) return std::string("请填写不小于0的整数（阿拉伯数字）");
      if (*v > kMaxFigure) return std::string("数值过大，请核对");
      return *v;
    }
    case ValueKind::kSignedCount: {
      std::string_view digits = s;
      const bool negative = digits.starts_with('-');
      if (negative || digits.starts_with('+')) digits.remove_prefix(1);
      if (digits.find('.') != std::string_view::npos) return std::string("应为整数，不能有小数");
      auto v = parse_digits(digits);
      if (!v) return std::string("请填写整数，增加的填正数，减少的填负数（如 -2）");
      if (*v > kMaxFigure) return std::string("数值过大，请核对");
      return negative ? -*v : *v;
    }
    case ValueKind::kAmount: {
      if (s.starts_with('-')) return std::string("金额不能为负数");
      const size_t dot = s.find('.');
      const std::string_view whole = std::string_view(s).substr(0, dot);
      const std::string_view frac = dot == std::string::npos ? std::string_view() : std::string_view(s).substr(dot + 1);
      if (!all_digits(whole) || (dot != std::string::npos && !all_digits(frac))) {
        return std::string("请填写金额（阿拉伯数字，如 12.3456）");
      }
      if (frac.size() > 4) return std::string("金额最多保留四位小数");
      if (whole.size() > 10) return std::string("数值过大，请核对");
      auto v = parse_amount(s);
      if (!v || *v > kMaxFigure * kAmountScale) return std::string("数值过大，请核对");
      return *v;
    }
    case ValueKind::kGroup:
      break;
  }
  return std::string("该项不能填写");
}

nlohmann::json text_json(const Format& format, const TableValues& values) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [ref, text] : figures_text(format, values)) out[ref] = text;
  return out;
}

}  // namespace

std::vector<std::string> figure_refs(const Format& format) {
  std::vector<std::string> out;
  for (const std::string& ref : format.cell_refs()) {
    auto cell = format.resolve(ref);
    if (cell && cell->table->key == "table2" && cell->row->part != "item1") out.push_back(ref);
  }
  return out;
}

Result<TableValues> parse_figures(const Format& format, const FiguresInput& in) {
  TableValues out;
  FieldErrors errs;
  for (const std::string& ref : figure_refs(format)) {
    auto it = in.find(ref);
    if (it == in.end() || text::trim(it->second).empty()) continue;
    const Column& column = *format.resolve(ref)->column;
    auto parsed = parse_cell(column, it->second);
    if (auto* message = std::get_if<std::string>(&parsed)) {
      errs.add(ref, *message);
    } else {
      out.set(ref, std::get<int64_t>(parsed));
    }
  }
  if (!errs.empty()) return errs.to_error();
  return out;
}

FiguresInput figures_text(const Format& format, const TableValues& values) {
  FiguresInput out;
  for (const std::string& ref : figure_refs(format)) {
    auto v = values.get(ref);
    if (!v) continue;
    const Column& column = *format.resolve(ref)->column;
    out.emplace(ref, column.kind == ValueKind::kAmount ? format_amount(*v, 2) : std::to_string(*v));
  }
  return out;
}

Figures load_figures(db::Db& db, int64_t agency_id, int year) {
  Figures f;
  f.agency_id = agency_id;
  f.year = year;
  auto set = db.query_one(
      "SELECT s.id, s.updated_at, COALESCE(u.display_name, '') FROM report_figure_sets s "
      "LEFT JOIN users u ON u.id = s.updated_by WHERE s.agency_id = ? AND s.year = ?",
      {agency_id, year});
  if (!set) return f;
  f.updated_at = set->s(1);
  f.updated_by = set->s(2);
  for (const auto& r : db.query("SELECT ref, value FROM report_figures WHERE set_id = ? ORDER BY ref", {set->i(0)})) {
    f.values.set(r.s(0), r.i(1));
  }
  return f;
}

bool may_edit_figures(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (p.is_platform_admin()) return true;
  return agencies::can_act_for(db, p, agency_id) &&
         (p.has(accounts::Role::kDrafter) || p.has(accounts::Role::kAgencyAdmin));
}

Result<Figures> save_figures(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                             int year, const FiguresInput& in) {
  auto agency = agencies::get(db, agency_id);
  if (!agency) return agency.error();
  if (!may_edit_figures(db, p, agency_id)) return Error::forbidden("您无权填报该机关的年度报告数据");
  const Format* format = format_for_year(year);
  if (!format) return Error::field("year", std::to_string(year) + "年没有适用的年度报告格式（2019年起适用）");
  const int this_year = static_cast<int>(parse_date(today_cn())->year());
  if (year > this_year) return Error::field("year", "不能填报今后年度的数据");
  auto values = parse_figures(*format, in);
  if (!values) return values.error();
  const Figures before = load_figures(db, agency_id, year);
  auto st = db.write([&]() -> Status {
    auto set = db.query_one("SELECT id FROM report_figure_sets WHERE agency_id = ? AND year = ?", {agency_id, year});
    int64_t set_id = 0;
    if (set) {
      set_id = set->i(0);
      db.exec("UPDATE report_figure_sets SET updated_by = ?, updated_at = ? WHERE id = ?",
              {actor.user_id, now_iso(), set_id});
      db.exec("DELETE FROM report_figures WHERE set_id = ?", {set_id});
    } else {
      set_id = db.exec("INSERT INTO report_figure_sets(agency_id, year, updated_by, updated_at) VALUES (?,?,?,?)",
                       {agency_id, year, actor.user_id, now_iso()})
                   .last_insert_id;
    }
    for (const auto& [ref, value] : values->cells()) {
      db.exec("INSERT INTO report_figures(set_id, ref, value) VALUES (?,?,?)", {set_id, ref, value});
    }
    nlohmann::json after = text_json(*format, *values);
    after["year"] = year;
    nlohmann::json prior = text_json(*format, before.values);
    if (set) prior["year"] = year;
    audit::record(db, actor, agency_id, "report_figures", set_id, set ? "update" : "create", prior, after,
                  std::to_string(year) + "年度报告数据");
    return ok_status();
  });
  if (!st) return st.error();
  return load_figures(db, agency_id, year);
}

}  // namespace gk::reports
