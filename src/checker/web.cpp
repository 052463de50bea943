// Back-office page /admin/checker (年报体检): upload one or many published annual reports (HTML, text
// or PDF) and see what the checker finds in each. Read-only: nothing is stored, so any signed-in staff
// member may use it; the form carries the CSRF token like every other POST.
// The second form (GET, read-only) checks the reports already published in the 政府信息公开年报
// columns of the agencies the signed-in staff member may read (checker/published.h).
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "agencies/access.h"
#include "agencies/service.h"
#include "checker/checker.h"
#include "checker/published.h"
#include "platform/time.h"
#include "web/modules.h"

namespace gk::web {
namespace {

constexpr size_t kMaxFiles = 30;

nlohmann::json result_json(const std::string& name, const checker::CheckResult& r) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : r.sections)
    sections.push_back({{"title", s.title}, {"found", s.found}, {"empty", s.empty}, {"heading", s.heading}});
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : r.tables) tables.push_back({{"name", t.name}, {"found", t.found}, {"cells", t.cells}});
  nlohmann::json figures = nlohmann::json::array();
  for (const auto& f : r.figures) {
    const std::string v = f.amount ? reports::format_amount(f.value) : std::to_string(f.value);
    figures.push_back({{"label", f.label_zh}, {"value", v + f.unit}, {"sentence", f.sentence}});
  }
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"severity", checker::severity_name(f.severity)},
                        {"error", f.severity == checker::FindingSeverity::kError},
                        {"code", f.code},
                        {"message", f.message_zh}});
  }
  return {{"file", name},
          {"ok", true},
          {"agency", r.agency.empty() ? "（未识别）" : r.agency},
          {"year", r.year ? std::to_string(*r.year) : "（未识别）"},
          {"published", r.published.value_or("（未载明）")},
          {"era", checker::era_name(r.era)},
          {"input", std::string(checker::input_kind_name(r.input)) + "／" + r.encoding},
          {"sections", sections},
          {"tables", tables},
          {"has_tables", !tables.empty()},
          {"figures", figures},
          {"has_figures", !figures.empty()},
          {"findings", findings},
          {"finding_count", findings.size()},
          {"score", r.score}};
}

// The year menu and the agency menu (the principal's readable agencies, in tree order).
nlohmann::json published_form(Ctx& c, int year, std::optional<int64_t> agency) {
  const int this_year = std::stoi(today_cn().substr(0, 4));
  nlohmann::json years = nlohmann::json::array();
  for (int y = this_year; y >= 2008; --y) years.push_back({{"year", y}, {"selected", y == year}});
  const auto readable = agencies::readable_agencies(c.db, c.me());
  const std::set<int64_t> scope(readable.begin(), readable.end());
  nlohmann::json options = nlohmann::json::array();
  for (const auto& e : agencies::tree(c.db)) {
    if (!scope.count(e.agency.id)) continue;
    options.push_back({{"id", e.agency.id},
                       {"name", std::string(static_cast<size_t>(e.depth) * 2, ' ') + e.agency.name},
                       {"selected", agency && *agency == e.agency.id}});
  }
  return {{"years", years}, {"agencies", options}, {"many_agencies", options.size() > 1}};
}

nlohmann::json published_json(const checker::PublishedSummary& s) {
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json details = nlohmann::json::array();
  for (const auto& pc : s.reports) {
    nlohmann::json row{{"item_id", pc.item_id},       {"agency", pc.agency_name}, {"title", pc.title},
                       {"publish_date", pc.publish_date}, {"ok", pc.result.has_value()}, {"message", pc.error}};
    if (pc.result) {
      const auto& r = *pc.result;
      int errors = 0, warnings = 0;
      for (const auto& f : r.findings) {
        if (f.severity == checker::FindingSeverity::kError) ++errors;
        else if (f.severity == checker::FindingSeverity::kWarning) ++warnings;
      }
      std::string missing;
      for (const auto& sec : r.sections)
        if (!sec.found) missing += (missing.empty() ? "" : "、") + sec.title;
      for (const auto& t : r.tables)
        if (!t.found) missing += (missing.empty() ? "" : "、") + t.name;
      const auto apps = r.values.get("table3.new.total");
      row.update({{"era", checker::era_name(r.era)},
                  {"score", r.score},
                  {"errors", errors},
                  {"warnings", warnings},
                  {"missing", missing.empty() ? "无" : missing},
                  {"applications", apps ? std::to_string(*apps) : "—"}});
      auto d = result_json(pc.title, r);
      d["anchor"] = "report-" + std::to_string(pc.item_id);
      d["source"] = pc.source == "body" ? "正文" : "附件 " + pc.source;
      details.push_back(d);
    }
    rows.push_back(row);
  }
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& m : s.missing) missing.push_back({{"id", m.agency_id}, {"name", m.name}});
  return {{"year", s.year},           {"rows", rows},          {"has_rows", !rows.empty()},
          {"missing", missing},       {"has_missing", !missing.empty()}, {"details", details}};
}

}  // namespace

void register_checker_admin(Routes& r) {
  r.get("/admin/checker", Access::kStaff, [](Ctx& c) {
    const std::string year_raw = c.req.query("year");
    const auto agency = parse_id(c.req.query("agency"));
    int year = std::stoi(today_cn().substr(0, 4)) - 1;
    bool run = false;
    if (year_raw.size() == 4 && std::all_of(year_raw.begin(), year_raw.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      year = std::stoi(year_raw);
      run = true;
    }
    nlohmann::json data{{"results", nlohmann::json::array()}, {"max_files", kMaxFiles}};
    data["pub_form"] = published_form(c, year, agency);
    if (run) {
      auto s = checker::check_published(c.db, c.me(), year, agency);
      if (!s) return error_page(c, s.error());
      data["published"] = published_json(*s);
    }
    return page(c, "admin_checker", data, "年报体检");
  });
  r.post("/admin/checker", Access::kStaff, [](Ctx& c) {
    nlohmann::json results = nlohmann::json::array();
    size_t n = 0;
    for (const auto& f : c.req.files()) {
      if (f.field != "files" || (f.filename.empty() && f.data.empty())) continue;
      if (++n > kMaxFiles) {
        results.push_back({{"file", f.filename}, {"ok", false}, {"message", "一次最多检查30个文件，其余未检查。"}});
        break;
      }
      auto res = checker::check_report(f.data);
      if (!res) {
        results.push_back({{"file", f.filename}, {"ok", false}, {"message", res.error().message}});
        continue;
      }
      results.push_back(result_json(f.filename, *res));
    }
    nlohmann::json data{{"results", results}, {"max_files", kMaxFiles}, {"checked", true},
                        {"none", results.empty()}};
    data["pub_form"] = published_form(c, std::stoi(today_cn().substr(0, 4)) - 1, std::nullopt);
    return page(c, "admin_checker", data, "年报体检");
  });
}

}  // namespace gk::web
