// Back-office page /admin/checker (年报体检): upload one or many published annual reports (HTML, text
// or PDF) and see what the checker finds in each. Read-only: nothing is stored, so any signed-in staff
// member may use it; the form carries the CSRF token like every other POST.
#include <nlohmann/json.hpp>

#include "checker/checker.h"
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

}  // namespace

void register_checker_admin(Routes& r) {
  r.get("/admin/checker", Access::kStaff, [](Ctx& c) {
    return page(c, "admin_checker", {{"results", nlohmann::json::array()}, {"max_files", kMaxFiles}}, "年报体检");
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
    return page(c, "admin_checker", data, "年报体检");
  });
}

}  // namespace gk::web
