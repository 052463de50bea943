// See report_export.h.
#include "reports/report_export.h"

#include "platform/text/html_sanitizer.h"
#include "reports/document_html.h"
#include "reports/editions.h"
#include "reports/generate.h"
#include "reports/render_pdf.h"
#include "reports/render_xlsx.h"
#include "reports/report_json.h"

namespace gk::reports {
namespace {

constexpr std::string_view kPageCss = R"css(
body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
  line-height: 1.7; color: #111; }
h1 { font-size: 1.6em; text-align: center; font-weight: bold; }
h2 { font-size: 1.2em; font-family: "Noto Sans CJK SC", sans-serif; }
h3 { font-size: 1.05em; font-family: "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: .4em 0; }
table { border-collapse: collapse; margin: 1em 0; width: 100%; font-size: .9em; }
caption { font-weight: bold; margin-bottom: .4em; }
th, td { border: 1px solid #333; padding: .25em .4em; vertical-align: middle; }
thead th, th[scope=col] { text-align: center; }
td { text-align: center; }
@media (max-width: 40em) { table { display: block; overflow-x: auto; } }
@page { size: A4; margin: 20mm 18mm; }
@media print { body { margin: 0; max-width: none; } table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
)css";

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "json") return ExportFormat::kJson;
  if (name == "xlsx") return ExportFormat::kXlsx;
  if (name == "pdf") return ExportFormat::kPdf;
  if (name == "html") return ExportFormat::kHtml;
  return std::nullopt;
}

Result<ReportDocument> current_document(db::Db& db, int64_t agency_id, int year, bool subtree) {
  auto rep = generate(db, agency_id, year, subtree);
  if (!rep) return rep.error();
  return draft_document(*rep, load_draft(db, agency_id, year, subtree));
}

std::string standalone_html(const ReportDocument& doc) {
  const std::string title = report_title(doc);
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + text::escape_html(title) + "</title>\n";
  out += "<meta name=\"generator\" content=\"gongkai\">\n<style>";
  out += kPageCss;
  out += "</style>\n</head>\n<body>\n<main>\n<h1>" + text::escape_html(title) + "</h1>\n";
  out += document_html(doc);
  out += "\n<p class=\"signature\" style=\"text-align:right\">" + text::escape_html(doc.agency_name);
  if (!doc.published_at.empty()) out += "<br>" + text::escape_html(doc.published_at);
  out += "</p>\n</main>\n</body>\n</html>\n";
  return out;
}

Result<ExportFile> export_document(const ReportDocument& doc, ExportFormat format) {
  ExportFile f;
  const std::string base = report_title(doc);
  const std::string ascii = "annual-report-" + std::to_string(doc.agency_id) + "-" + std::to_string(doc.year) +
                            (doc.subtree ? "-subtree" : "");
  std::string ext;
  switch (format) {
    case ExportFormat::kJson:
      f.bytes = to_json_text(doc);
      f.content_type = "application/json; charset=utf-8";
      ext = ".json";
      break;
    case ExportFormat::kXlsx: {
      auto x = render_xlsx(doc);
      if (!x) return x.error();
      f.bytes = std::move(*x);
      f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      ext = ".xlsx";
      break;
    }
    case ExportFormat::kPdf: {
      auto p = render_report_pdf(doc);
      if (!p) return p.error();
      f.bytes = std::move(*p);
      f.content_type = "application/pdf";
      ext = ".pdf";
      break;
    }
    case ExportFormat::kHtml:
      f.bytes = standalone_html(doc);
      f.content_type = "text/html; charset=utf-8";
      ext = ".html";
      break;
  }
  f.filename = base + (doc.subtree ? "（汇总）" : "") + ext;
  f.ascii_filename = ascii + ext;
  return f;
}

}  // namespace gk::reports
