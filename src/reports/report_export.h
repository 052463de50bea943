// One annual report as a downloadable file (issue 6 §7, §10): the document of a report generated from
// the records with its stored texts, rendered as JSON (report_json.h), XLSX (render_xlsx.h), PDF
// (render_pdf.h) or a standalone HTML page, with the media type and file name to serve it under.
// Shared by `gongkai report` (app/report_cli.h) and GET /api/v1/reports/{agency_id}/{year}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/db/db.h"
#include "platform/result.h"
#include "reports/document.h"

namespace gk::reports {

enum class ExportFormat { kJson, kXlsx, kPdf, kHtml };

// "json", "xlsx", "pdf", "html" → the format; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view name);

struct ExportFile {
  std::string bytes;
  std::string content_type;  // e.g. "application/json; charset=utf-8"
  std::string filename;      // e.g. "某某县人民政府2025年政府信息公开工作年度报告.xlsx" (UTF-8)
  std::string ascii_filename;  // fallback for old clients, e.g. "annual-report-7-2025.xlsx"
};

// The document of the report of `agency_id` for `year` (with `subtree`, of the agency and every unit
// under it) as the records and the stored texts (editions.h load_draft) give it now: figures
// generated, no publication data. Errors as generate (kNotFound agency, kInvalid "no_format").
// Access is the caller's business.
Result<ReportDocument> current_document(db::Db& db, int64_t agency_id, int year, bool subtree);

// `doc` in `format`. Errors from the renderers (kInvalid).
Result<ExportFile> export_document(const ReportDocument& doc, ExportFormat format);

// A complete standalone HTML page of `doc`: the sections and tables of document_html with an inline
// stylesheet (ruled tables, A4 print margins), no scripts and no external resources.
std::string standalone_html(const ReportDocument& doc);

}  // namespace gk::reports
