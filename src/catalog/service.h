// CatalogService: drafts, edits, attachments, the publishing workflow (with 索引号 assignment),
// validity changes, columns, and the queries behind the portal, the back office and the API.
// Every write checks the principal's role and agency in this layer, runs in one transaction and
// writes an audit event; public reads never return unpublished or non-主动公开 items.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "agencies/model.h"
#include "catalog/model.h"
#include "catalog/workflow.h"
#include "clock/clock.h"
#include "platform/audit/audit.h"
#include "platform/calendar/calendar.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::catalog {

using accounts::Principal;

// Drafts and edits. A draft may be edited by drafters of its agency and by agency admins above it.
Result<Item> create_draft(db::Db& db, const Principal& p, const audit::Actor& actor, const ItemInput& in);
Result<Item> update_draft(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id, const ItemInput& in);
// The editable fields of an item, as an input to start an edit from.
ItemInput input_of(const Item& item);

// Assigns the next 索引号 of `agency` for the year of `publish_date` ("YYYY-MM-DD", valid): the
// serial row is bumped inside the caller's write transaction, so concurrent publications serialize
// on it and never share a number; a number already taken (the pattern changed) is skipped. For
// signing (transition) and for items the system publishes itself (the annual report).
// Error (conflict "index_exhausted") when no free number is found.
Result<std::string> assign_index_number(db::Db& db, const agencies::Agency& agency, std::string_view publish_date);
// Validates without writing (for the editor's inline messages). Returns the normalized input.
Result<ItemInput> validate_input(db::Db& db, const ItemInput& in);

// Attachments (drafts only). The type is sniffed from the bytes; the file is stored by SHA-256.
Result<Attachment> add_attachment(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t item_id,
                                  std::string_view filename, std::string_view bytes);
Status remove_attachment(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t item_id,
                         int64_t attachment_id);

// Takes a workflow action (see workflow.h). Rejections and withdrawals need a comment.
// sign_publish assigns the 索引号 and the 发布日期.
Result<Item> transition(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                        std::string_view action, std::string_view comment);

// Changes 有效性 of a published item (e.g. a 规范性文件 is 废止): signers and agency admins.
Result<Item> set_validity(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                          std::string_view validity, std::string_view repeal_date, std::string_view comment);

// Reads.
// Any item, for the back office (access-checked: can_read on its agency).
Result<Item> get_for_staff(db::Db& db, const Principal& p, int64_t id);
// A published 主动公开 item, or NotFound.
Result<Item> get_public(db::Db& db, int64_t id);
// Item without access check (internal).
std::optional<Item> load(db::Db& db, int64_t id);

struct ListFilter {
  std::optional<int64_t> agency_id;
  bool include_subtree = false;
  std::optional<int64_t> column_id;
  std::string subject;   // first- or second-level code
  std::string genre;
  std::optional<int> year;  // 发布日期 year
  std::string validity;
  std::vector<std::string> states;  // staff lists only
  std::vector<int64_t> agency_scope;  // staff lists: restrict to these agencies
  std::string title_contains;  // staff lists: plain substring search on the title
  int page = 1;
  int per_page = 20;
};
struct ItemPage {
  std::vector<Item> items;  // without body and attachments
  int64_t total = 0;
  int page = 1;
  int per_page = 20;
  int pages() const { return per_page > 0 ? static_cast<int>((total + per_page - 1) / per_page) : 1; }
};
// Published 主动公开 items, newest first.
ItemPage list_public(db::Db& db, const ListFilter& f);
// Items in any state within the filter's agency_scope, newest change first.
ItemPage list_staff(db::Db& db, const ListFilter& f);
// Published interpretations (政策解读) of a policy.
std::vector<Item> interpretations_of(db::Db& db, int64_t policy_id);
// Years that have published items (for filter menus), newest first.
std::vector<int> public_years(db::Db& db, std::optional<int64_t> agency_id);

// Art. 26: the publication limit of an item: 20 working days (on the holiday calendar, 调休
// included) after its 成文日期 (clock::proactive_due, with the platform's start-day rule); "near"
// at the platform's 临期 threshold. state "unknown" when the calendar lacks a year the count needs.
struct Art26Status {
  std::string deadline;  // YYYY-MM-DD, "" when the item has no 成文日期
  int days_left = 0;     // working days from today (negative: overdue)
  std::string state;     // "ok", "near", "overdue", "met", "late" (published after the limit), "none", "unknown"
  std::string label;     // Chinese
};
Art26Status art26_status(const Item& item, std::string_view today, const clock::Settings& settings = {},
                         const calendar::Calendar& cal = *calendar::current());

// Columns.
std::vector<Column> columns_of(db::Db& db, int64_t agency_id);
Result<Column> get_column(db::Db& db, int64_t id);
// Creates the standard columns (政府信息公开制度, 法定主动公开内容, 政府信息公开年报) if missing.
void ensure_standard_columns(db::Db& db, int64_t agency_id);
Result<Column> create_column(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t agency_id,
                             std::string_view name, std::string_view slug, int sort_order);
Result<Column> rename_column(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                             std::string_view name, int sort_order);

// Attachment bytes by SHA-256 (served only if attached to a public item, or to staff).
struct BlobData {
  std::string mime;
  std::string bytes;
};
std::optional<BlobData> blob(db::Db& db, std::string_view sha256);
// True when the blob is attached to at least one published 主动公开 item.
bool blob_is_public(db::Db& db, std::string_view sha256);

// Where an attachment is downloaded: /files/{sha256}/{filename}.
std::string attachment_url(const Attachment& a);
// JSON views (the API's and the templates'); with the body, attachments carry their URL.
nlohmann::json to_json(const Item& item, bool with_body);
nlohmann::json column_json(const Column& c);

}  // namespace gk::catalog
