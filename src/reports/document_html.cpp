// The published page of an annual report as an HTML fragment.
#include "reports/document_html.h"

#include "platform/text/html_sanitizer.h"
#include "reports/render_html.h"

namespace gk::reports {
namespace {

using text::escape_html;

// Plain text as paragraphs: one <p> per non-empty line.
std::string paragraphs(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) out += "<p>" + escape_html(line) + "</p>\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string report_title(const ReportDocument& doc) {
  return doc.agency_name + std::to_string(doc.year) + "年政府信息公开工作年度报告";
}

std::string document_html(const ReportDocument& doc) {
  const Format& f = *doc.format;
  std::string out = "<div class=\"annual-report\">\n";
  if (doc.edition > 1 && !doc.correction_note.empty()) {
    out += "<div class=\"report-correction\" role=\"note\" aria-label=\"更正说明\">\n<p><strong>更正说明（第" +
           std::to_string(doc.edition) + "版" + (doc.published_at.empty() ? "" : "，" + escape_html(doc.published_at)) +
           "）</strong></p>\n" + paragraphs(doc.correction_note) + "</div>\n";
  }
  out += "<p class=\"report-meta\">发布机关：" + escape_html(doc.agency_name) + "　报告年度：" +
         std::to_string(doc.year) + "年" + (doc.subtree ? "（含下属单位汇总）" : "") + "　适用格式：" +
         escape_html(f.name) + "（" + escape_html(f.decree) + "）</p>\n";
  for (const Section& s : f.sections) {
    out += "<h2>" + escape_html(s.title) + "</h2>\n";
    if (s.key == "overview") {
      for (const TextPart& p : doc.overview) {
        if (!p.title.empty()) out += "<h3>" + escape_html(p.title) + "</h3>\n";
        out += paragraphs(p.text);
      }
    } else if (s.key == "problems") {
      out += paragraphs(doc.problems.text);
    } else if (s.key == "other") {
      out += "<p>" + escape_html(fee_sentence(doc.fees)) + "</p>\n" + paragraphs(doc.other.text);
    }
    for (const Table& t : f.tables) {
      if (t.section != s.key) continue;
      HtmlTableOptions opt;
      opt.id_prefix = "report-";
      out += "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"" + escape_html(t.name) + "\">\n" +
             render_table_html(f, t.key, doc.values, opt) + "\n</div>\n";
    }
  }
  out += "</div>\n";
  return out;
}

}  // namespace gk::reports
