// The report checker (年报体检, issue 7): reads a published annual report — a saved HTML page, plain
// text copied from one, or a PDF, in UTF-8 or GBK/GB18030 — and says what is in it and what is wrong:
// agency, year, publication date, format era, the six statutory sections, the tables 二、三、四 parsed
// into the generator's TableValues model (same format definition, same labels, same identities), the
// figures stated in prose, findings and a score. docs/checker.md documents the rules and the rubric.
//
// Everything here is a pure function of the bytes given (no database, no clock, no network); safe to
// call from several threads at once (PDF text extraction is serialized internally).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/result.h"
#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::checker {

// Inputs above this size are refused with Error code "too_large" (kind kTooLarge).
inline constexpr size_t kMaxInputBytes = 20u << 20;

enum class InputKind { kHtml, kText, kPdf };
enum class Era { kUnknown, kPre2019, k2019, k2021 };
enum class FindingSeverity { kError, kWarning, kInfo };

std::string_view input_kind_name(InputKind k);  // "html", "text", "pdf"
std::string_view era_name(Era e);               // "unknown", "pre2019", "2019", "2021"
std::string_view severity_name(FindingSeverity s);  // "error", "warning", "info"

// A figure stated in the prose, e.g. 「全年通过政府网站发布信息147条」 → {website_posts, 147, 条, sentence}.
struct Figure {
  std::string kind;      // a key of data/checker/figure_kinds.json, e.g. "applications_received"
  std::string label_zh;  // the kind's Chinese label
  int64_t value = 0;     // counts as stated; amounts (unit 元/万元) in fixed point, see reports::kAmountScale
  bool amount = false;
  std::string unit;      // as written: 条, 件, 宗, 期, 元, 万元 …; "" for a figure read from a "没有…" phrase
  std::string sentence;  // the sentence it came from (at most ~300 bytes)
};

struct SectionStatus {
  std::string key;      // the format's section key ("overview" …)
  std::string title;    // the official title ("一、总体情况")
  bool found = false;
  std::string heading;  // the heading as found in the report, "" when missing
  bool empty = false;   // found, but nothing is written under it before the next heading
};

struct TableStatus {
  std::string key;   // "table2", "table3", "table4"
  std::string name;  // "表二"
  bool found = false;
  int cells = 0;     // cells read with a value
  int blank = 0;     // cells of rows found that were blank or a dash
};

struct Finding {
  FindingSeverity severity = FindingSeverity::kWarning;
  std::string code;  // stable, see docs/checker.md (section_missing, table_missing, identity_violation, …)
  std::string message_zh;
};

struct CheckResult {
  InputKind input = InputKind::kText;
  std::string encoding;             // "UTF-8", "GB18030", "UTF-16"
  std::string agency;               // "" when not found
  std::string agency_level;         // "department", "government", "township" or "unknown" (see level_of)
  std::optional<int> year;          // the report year
  std::optional<std::string> published;  // "YYYY-MM-DD" when the report states it
  Era era = Era::kUnknown;
  const reports::Format* format = nullptr;  // the format the tables were read with; null for pre2019/unknown
  std::vector<SectionStatus> sections;
  std::vector<TableStatus> tables;
  reports::TableValues values;  // every cell read, under the format's cell references
  std::vector<Figure> figures;
  std::vector<Finding> findings;
  int score = 0;                // 0–100, rubric in docs/checker.md

  bool has_finding(std::string_view code) const;
};

struct CheckOptions {
  // Last year's report, already checked: enables the cross-year identities (carry-over).
  const CheckResult* previous = nullptr;
  // Used only when the report text states none: the date it was published on ("YYYY-MM-DD", e.g. the
  // catalog item's 发布日期) and the publishing agency's name (checking reports published on gongkai).
  std::optional<std::string> fallback_published = std::nullopt;
  std::string fallback_agency = {};
};

// Checks one report. Fails only when the input cannot be read at all: more than kMaxInputBytes
// ("too_large"), or empty ("empty_input"). Anything else, however broken, gives a result (whose
// findings say what could not be found).
Result<CheckResult> check_report(std::string_view bytes, const CheckOptions& options = {});

// The level of an agency for 条例第四十九条, guessed from its name (rule in docs/checker.md):
// "township" (乡、镇、街道), "government" (县级以上人民政府), "department" (any other organ), "unknown" ("").
std::string agency_level(std::string_view agency_name);

// The JSON of a result (schema in docs/checker.md). Amount values are decimal numbers.
nlohmann::json to_json(const CheckResult& result);

}  // namespace gk::checker
