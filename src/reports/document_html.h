// The published page of an annual report: the whole ReportDocument as an HTML fragment — the
// 更正说明 of a corrected edition first, then the six sections in the format's order with their
// verbatim headings, the texts as paragraphs, the official tables (render_table_html, class
// "report-table", styled in static/site.css) and the fee sentence of 六. It is the body of the
// report's catalog item, drawn from the frozen snapshot at publication (editions.h), so the page
// never changes with the records. Every text is HTML-escaped; the result needs no sanitizing (the
// sanitizer would strip the headers/scope/id attributes that make the tables accessible).
#pragma once

#include <string>

#include "reports/document.h"

namespace gk::reports {

// The fragment for `doc` (doc.format must be set). Pure; safe from any thread.
std::string document_html(const ReportDocument& doc);

// The title of the published report: "<机关><年>年政府信息公开工作年度报告".
std::string report_title(const ReportDocument& doc);

}  // namespace gk::reports
