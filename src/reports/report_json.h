// The JSON of an annual report (issue 6 §7): the machine-readable output of a ReportDocument, keyed
// by the official section titles and the official row and column labels of the format, and the
// frozen snapshot of a published edition (§8), read back exactly by document_from_json. The schema,
// "gongkai.annual-report/1", is documented with an example in docs/report-json.md. In short:
//
//   {"schema": "gongkai.annual-report/1", "format": "2021",
//    "agency": {"id": 3, "name": "…"}, "year": 2025, "scope": "self" | "subtree",
//    "edition": 0, "published_at": "", "correction_note": "", "generated_at": "…",
//    "sections": [{"title": "一、总体情况", "parts": [{"key": "proactive", "title": "（一）主动公开", "text": "…"}, …]},
//                 {"title": "二、主动公开政府信息情况", "table": "二"}, …],
//    "tables": {"二": {"name": "表二", "parts": [{"label": "第二十条第（一）项", "columns": [...], "rows": [...]}]},
//               "三": {"name": "表三", "columns": ["自然人", …, "总计"],
//                      "rows": [{"label": "一、本年新收政府信息公开申请数量", "values": {"自然人": 0, …}}, …]},
//               "四": {…}},
//    "fees": {"notices": 2, "notified_fen": 10000, "payments": 1, "collected_fen": 5000},
//    "units": [{"agency": {"id": 3, "name": "…"}, "depth": 0, "tables": {…}, "fees": {…}}, …]}
//
// Rows: every row with numbers (group rows such as （三）不予公开 carry none and are not listed), in the
// printed order, labelled with Table::qualified_label ("（三）不予公开 1.属于国家秘密"). Columns: the
// labels of the value columns (leaf columns: "商业企业", not "法人或其他组织"), which are unique within a
// table. Values: counts are integers; amounts (kAmount columns, in the unit the label states) are
// decimal numbers with up to six decimals; a cell never filled in is null, which is not 0.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/result.h"
#include "reports/document.h"

namespace gk::reports {

inline constexpr std::string_view kReportJsonSchema = "gongkai.annual-report/1";

// The JSON of `doc` (doc.format must not be null). Every cell of the format appears under its row
// and column label, null when absent from the values. Ordered: fields as in the example above,
// sections, rows and the values of a row in the format's order (so "values" lists 自然人 … 总计 as
// the table prints them). Pure.
nlohmann::ordered_json to_json(const ReportDocument& doc);

// The JSON text of `doc`, pretty-printed with two-space indentation and UTF-8 left unescaped.
std::string to_json_text(const ReportDocument& doc);

// Reads back what to_json writes: document_from_json(to_json(d).dump()) equals d in every field
// (figures with absent cells kept absent, amounts, texts, units, publication data). Labels are
// matched with normalize_label (label.h), so "(七)总计" finds （七）总计; a row may also be named by its
// unqualified label. Error (kInvalid, code "invalid_report_json") naming the problem when the text is
// not JSON, the schema or format is unknown, a section, table, row or column label is not one of the
// format's, a value is not a number of the column's kind, or a field has the wrong type.
Result<ReportDocument> document_from_json(std::string_view text);

}  // namespace gk::reports
