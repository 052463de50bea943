// The annual report from draft to publication (issue 6 §4, §5, §7, §8, §9): the texts a clerk writes
// (with the factual draft of 一、总体情况 from draft_text.h), the checks before publishing, the
// publication of an edition — a frozen snapshot (the ReportDocument as JSON, report_json.h) and a
// published item in the catalog column 政府信息公开年报 — the difference between a published edition
// and the records as they are now, corrected editions (更正), and the Art. 49 deadline board.
//
// A report is identified by agency, year and scope (subtree: the agency and every unit under it,
// summed). Texts are stored per report (migration 0011, report_drafts); editions are never changed
// once stored (report_editions): a correction adds edition N+1 and replaces the body of the report's
// catalog item, which every edition shares.
//
// Roles. Texts: like the figures form (figures.h may_edit_figures): clerks (信息员) of the agency,
// agency admins over it, platform admins. Publication (may_publish): the 审核人 (分管领导) or 签批人
// (主要领导) of the agency — the 2021 format (四、明确责任) makes the leader in charge of disclosure
// 第一责任人 for the report, and the catalog's publishing chain ends with them — agency admins over
// the agency and platform admins. Clerks cannot publish alone.
//
// Everything that writes runs in one transaction with its audit events; a failed call writes nothing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "agencies/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"
#include "reports/document.h"
#include "reports/draft_text.h"
#include "reports/generate.h"

namespace gk::reports {

// ---- Texts -------------------------------------------------------------------------------------

// Text keys: the kOverviewParts keys, "problems" (五) and "other" (六, after the fee sentence).
using TextsInput = std::map<std::string, std::string, std::less<>>;
inline constexpr size_t kMaxTextBytes = 60000;  // per part (about 20,000 characters)

struct Draft {
  int64_t agency_id = 0;
  int year = 0;
  bool subtree = false;
  TextsInput texts;        // by text key; a missing key is empty
  TextsInput generated;    // overview part key → the text last generated for it
  std::string updated_at;  // "" when never saved
  std::string updated_by;

  std::string text(std::string_view key) const;
  // The five parts of 一 with their headings, in order.
  std::vector<TextPart> overview() const;
};

// The stored texts of a report (empty when never saved). No access check.
Draft load_draft(db::Db& db, int64_t agency_id, int year, bool subtree);

// True when `p` may write the texts of `agency_id`'s reports (clerks, agency admins, platform admins).
bool may_edit_texts(db::Db& db, const accounts::Principal& p, int64_t agency_id);

// Replaces the texts given in `in` (other keys are kept; unknown keys ignored). Errors: kNotFound for
// an unknown agency; kForbidden (may_edit_texts); kInvalid "year" without a format; field errors for
// a part over kMaxTextBytes. Audited (entity "report_draft", before → after texts).
Result<Draft> save_texts(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                         int year, bool subtree, const TextsInput& in);

// The facts of the draft of 一 for a generated report: its figures, the catalog's items published in
// the year and columns, and the on-time rate of the year's replies by the statutory clock.
DraftFacts draft_facts(db::Db& db, const GeneratedReport& report);

// (Re)fills 一、总体情况 with the factual draft: a part is replaced when it is empty or still the text
// last generated for it; with `overwrite`, every part is. Same access and audit as save_texts.
// Returns the draft and, in `kept`, the keys of the parts left alone because the clerk changed them.
Result<Draft> fill_overview(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                            int year, bool subtree, bool overwrite, std::vector<std::string>* kept = nullptr);

// Last year's 五、存在的主要问题及改进情况 of the same report, for reference beside the editor: from its
// latest published edition, else its draft; "" when there is none.
std::string last_year_problems(db::Db& db, int64_t agency_id, int year, bool subtree);

// The document of a generated report with the stored texts (no publication data).
ReportDocument draft_document(const GeneratedReport& report, const Draft& draft);

// ---- Checks ------------------------------------------------------------------------------------

// The checks of the texts (pure): errors "overview_empty" (every part of 一 empty) and
// "problems_empty" (五 empty), which block publication; warning "text_to_complete" while a text
// still holds kToComplete.
std::vector<Finding> text_findings(const ReportDocument& doc);

// Everything that is checked before publishing: the figures' findings and text_findings, errors
// first. Publication is refused while any is an error.
std::vector<Finding> publication_findings(const GeneratedReport& report, const ReportDocument& doc);

// ---- Editions ----------------------------------------------------------------------------------

struct Edition {
  int64_t id = 0;
  int64_t agency_id = 0;
  int year = 0;
  bool subtree = false;
  int edition = 0;
  int64_t item_id = 0;          // the catalog item (column 政府信息公开年报)
  std::string published_on;     // "YYYY-MM-DD" (China time)
  std::string published_at;     // ISO time
  std::string published_by;     // display name
  std::string correction_note;  // "" for edition 1
  std::string snapshot_json;    // report_json.h to_json of the document as published
};

// True when `p` may publish reports of `agency_id` (see the header comment).
bool may_publish(db::Db& db, const accounts::Principal& p, int64_t agency_id);

// The editions of a report, oldest first; the latest; one by id (nullopt when absent). No access check.
std::vector<Edition> editions(db::Db& db, int64_t agency_id, int year, bool subtree);
std::optional<Edition> latest_edition(db::Db& db, int64_t agency_id, int year, bool subtree);
std::optional<Edition> get_edition(db::Db& db, int64_t id);

// The document of an edition, read back from its snapshot.
Result<ReportDocument> edition_document(const Edition& e);

// Publishes edition 1 of the report from the records and the stored texts: the snapshot, and a
// published 主动公开 catalog item in the agency's column 政府信息公开年报 (created when missing) with
// 主题分类 综合政务\政务公开 (0201), 体裁 报告, the title of report_title and the body of
// document_html drawn from the snapshot, a 索引号 from the agency's pattern, indexed for search.
// Errors: kNotFound (agency), kForbidden (may_publish), kInvalid "no_format", kConflict
// "report_blocked" (message naming the errors) while publication_findings holds an error, kConflict
// "already_published" when edition 1 exists (publish a correction instead).
Result<Edition> publish(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                        int year, bool subtree);

// Publishes edition N+1 of a published report from the records and texts as they are now, with its
// 更正说明 `note` (required, printed at the top of the report), and replaces the catalog item's body
// and title with it. Errors as publish, plus kConflict "not_published" without edition 1 and field
// "correction_note" when the note is empty or too long.
Result<Edition> publish_correction(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                   int64_t agency_id, int year, bool subtree, std::string_view note);

// ---- Difference --------------------------------------------------------------------------------

struct CellChange {
  std::string ref;                 // cell reference
  std::string label;               // Format::cell_label
  std::string published, current;  // as printed; "未填报" when absent
};
struct ReportDiff {
  std::vector<CellChange> cells;  // in the format's order
  std::vector<CellChange> fees;   // ref "fees.notices" … with a Chinese label
  bool empty() const { return cells.empty() && fees.empty(); }
};

// Every cell and fee figure whose value differs between a published document and a fresh one of the
// same format (pure).
ReportDiff diff_documents(const ReportDocument& published, const ReportDocument& current);

// ---- Art. 49 deadline board ---------------------------------------------------------------------

// The statutory deadline of the report of `year` under 条例第四十九条, "YYYY-MM-DD", or "" when the
// article sets none. `government_level` is the level of the nearest people's government at or above
// the agency (the agency itself unless it is a department).
//   政府部门 of a 县级以上 government (province, city, county)   → 31 January of year + 1
//   县级以上地方人民政府 (province, city, county)                   → 31 March of year + 1
//   乡镇（街道） and departments under one: not 县级以上, no statutory date → ""
std::string art49_deadline(agencies::Level level, agencies::Level government_level, int year);

enum class BoardStatus { kNotStarted, kDrafting, kPublished, kOverdue };
std::string_view board_status_label(BoardStatus s);  // 未开始 起草中 已发布 逾期
std::string_view board_status_code(BoardStatus s);   // not_started drafting published overdue

// The status of one report on `today` ("YYYY-MM-DD"; dates compare as text). "…日前" includes the
// day itself: published on the deadline is on time, unpublished the day after is 逾期. Pure.
BoardStatus board_status(std::string_view deadline, std::string_view published_on, bool started,
                         std::string_view today);

struct BoardRow {
  int64_t agency_id = 0;
  std::string agency_name;
  int depth = 0;
  agencies::Level level = agencies::Level::kCounty;
  std::string deadline;  // "" when Art. 49 sets none
  BoardStatus status = BoardStatus::kNotStarted;
  std::string published_on;  // first edition; "" while unpublished
  bool late = false;         // published after the deadline
  int editions = 0;
  std::string updated_at;  // last change of texts or figures; "" when none
};

// One row per agency of the tree that `p` may read (agencies::can_read), in tree order, for the
// report of `year` (any scope counts as published; texts or figures saved count as started).
std::vector<BoardRow> deadline_board(db::Db& db, const accounts::Principal& p, int year, std::string_view today);

}  // namespace gk::reports
