// A whole annual report as published (issue 6 §4, §7, §8): the figures of a generated report plus the
// text of its sections, the publication data of its edition, and the per-unit breakdown. It is the
// one model every output is drawn from — the published HTML page, XLSX, PDF and JSON — and the JSON
// is also the frozen snapshot of a published edition (report_json.h), so a published report renders
// exactly as it was published whatever happens to the records later.
//
// Sections follow the format (format.h Section): the tables of 二、三、四 come from `values`; the
// text sections are 一、总体情况 (the 2021 guidance's five sub-headings, see kOverviewParts),
// 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 (whose 信息处理费 figures come from `fees`).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/format.h"
#include "reports/generate.h"
#include "reports/table_values.h"

namespace gk::reports {

// The five sub-headings of 一、总体情况 in the 2021 guidance, in order: key and verbatim heading.
struct OverviewPart {
  std::string_view key;
  std::string_view title;
};
inline constexpr std::array<OverviewPart, 5> kOverviewParts{{
    {"proactive", "（一）主动公开"},
    {"applications", "（二）依申请公开"},
    {"management", "（三）政府信息管理"},
    {"platforms", "（四）平台建设"},
    {"supervision", "（五）监督保障"},
}};

// The text of one section or sub-section. Plain text (never HTML): a line feed separates paragraphs;
// renderers escape it.
struct TextPart {
  std::string key;    // overview: a kOverviewParts key; otherwise the section key ("problems", "other")
  std::string title;  // heading printed above the text ("" for none)
  std::string text;
};

// One unit of the breakdown of a subtree report (the agency first, then the units under it).
struct DocumentUnit {
  int64_t agency_id = 0;
  std::string agency_name;
  int depth = 0;
  TableValues values;
  FeeFigures fees;
};

struct ReportDocument {
  const Format* format = nullptr;  // never null in a valid document
  int64_t agency_id = 0;
  std::string agency_name;  // 发布机关, as of generation or publication
  int year = 0;             // the report year (the year reported on, not of publication)
  bool subtree = false;     // the figures sum the agency and every unit under it
  TableValues values;       // 表二, 表三, 表四
  FeeFigures fees;          // section 六
  std::vector<DocumentUnit> units;  // breakdown; empty or one entry when not a subtree report

  std::vector<TextPart> overview;  // 一、总体情况: the five parts of kOverviewParts, in order
  TextPart problems;               // 五、存在的主要问题及改进情况 (required before publishing)
  TextPart other;                  // 六、其他需要报告的事项: free text printed after the fee sentence

  // Publication (empty / 0 while a draft).
  int edition = 0;               // 1 for the first publication, 2… for corrected editions (更正)
  std::string published_at;      // "YYYY-MM-DD" of publication
  std::string correction_note;   // 更正说明 of a corrected edition; "" for edition 1
  std::string generated_at;      // ISO time the figures were generated from the records
};

// The document of a generated report with the given texts (no publication data). `overview` may be
// shorter than kOverviewParts or empty: missing parts get their heading and empty text.
ReportDocument make_document(const GeneratedReport& report, std::vector<TextPart> overview, TextPart problems,
                             TextPart other);

// The sentence of section 六 on 信息处理费, from the fee figures, e.g.
// "本年度共发出收费通知2件，金额合计100元；实际收取信息处理费1件，金额合计50元。" or, with no notice,
// "本年度未收取信息处理费。". Pure.
std::string fee_sentence(const FeeFigures& fees);

}  // namespace gk::reports
