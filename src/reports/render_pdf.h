// The annual report as an A4 PDF with embedded Chinese fonts (issue 6 §7): the title
// "<机关><年>年政府信息公开工作年度报告", the 更正说明 of a corrected edition, the six sections in the
// format's order with their verbatim headings and texts, the official tables 二、三、四 drawn from the
// format's merged-cell layout (platform/render/pdf.h TableGrid: every label verbatim, merged cells as
// the official format draws them, the numbers through format_value), the fee sentence of 六, and the
// agency and publication date at the end. Laid out by render_letter_pdf (page geometry, fonts,
// pagination, page numbers), with the report's title as the footer of every page.
#pragma once

#include <string>

#include "platform/render/pdf.h"
#include "platform/result.h"
#include "reports/document.h"

namespace gk::reports {

// The blocks the PDF is laid out from (exposed for tests and for a printable HTML view).
render::LetterDoc report_letter_doc(const ReportDocument& doc);

// The PDF bytes of `doc` (doc.format must be set). Errors as render_letter_pdf (no Chinese font,
// invalid UTF-8 in a text, cairo failure).
Result<std::string> render_report_pdf(const ReportDocument& doc);

}  // namespace gk::reports
