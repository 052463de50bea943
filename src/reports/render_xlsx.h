// The annual report as an Excel workbook (issue 6 §7): one sheet per official table (表二, 表三, 表四)
// drawn from the format's merged-cell layout (format.h Layout) exactly as the official tables — the
// same merged ranges, every label verbatim, every figure written as a number (amounts as decimals with
// their fractional digits, shown with 2–6 decimals), borders, wrapped labels, A4 print setup — then a
// sheet "正文" with the title, the six section headings and their texts, and for a subtree report a
// sheet "分单位情况" with the key figures of each unit.
//
// On each table sheet, row 1 holds the caption (e.g. "表三 收到和处理政府信息公开申请情况", merged across
// the table) and the layout starts at row 3 (kXlsxFirstRow, zero-based 2), column A: grid cell (r, c)
// of the layout is sheet cell (r + 2, c). A cell absent from the values is left blank.
#pragma once

#include <string>

#include "platform/result.h"
#include "reports/document.h"

namespace gk::reports {

inline constexpr int kXlsxFirstRow = 2;  // zero-based sheet row of the layout's first row

// The .xlsx bytes of `doc` (doc.format must be set). libxlsxwriter writes to a temporary file, removed
// before returning. Errors (kInvalid "xlsx_failed") when the file cannot be written.
Result<std::string> render_xlsx(const ReportDocument& doc);

// The caption of a table: its name and its section's title without the numbering
// ("表三 收到和处理政府信息公开申请情况").
std::string table_caption(const Format& format, const Table& table);

}  // namespace gk::reports
