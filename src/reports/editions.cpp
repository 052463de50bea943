// Texts, checks, publication with freeze, corrected editions and the Art. 49 board of the annual report.
#include "reports/editions.h"

#include <algorithm>

#include "agencies/access.h"
#include "agencies/service.h"
#include "applications/service.h"
#include "catalog/service.h"
#include "clock/settings_store.h"
#include "platform/cache/page_cache.h"
#include "platform/text/strings.h"
#include "platform/time.h"
#include "reports/document_html.h"
#include "reports/figures.h"
#include "reports/report_json.h"
#include "search/index.h"

namespace gk::reports {
namespace {

using accounts::Role;

constexpr std::string_view kSubject = "0201";  // 综合政务\政务公开 (data/subjects.json)
constexpr std::string_view kGenre = "baogao";  // 报告: the 公文种类 of a report submitted under Art. 49
constexpr size_t kMaxNoteBytes = 6000;         // 更正说明, about 2,000 characters

std::string scope_code(bool subtree) { return subtree ? "subtree" : "self"; }

bool is_text_key(std::string_view key) {
  if (key == "problems" || key == "other") return true;
  return std::any_of(kOverviewParts.begin(), kOverviewParts.end(), [&](const auto& p) { return p.key == key; });
}

nlohmann::json map_json(const TextsInput& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

TextsInput json_map(const nlohmann::json& j) {
  TextsInput out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

// Line endings as typed in a browser (\r\n) stored as \n.
std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    if (ch != '\r') out += ch;
  }
  return text::trim(out);
}

void store_draft(db::Db& db, const audit::Actor& actor, const Draft& before, const Draft& after) {
  const nlohmann::json texts = {{"texts", map_json(after.texts)}, {"generated", map_json(after.generated)}};
  auto row = db.query_one("SELECT id FROM report_drafts WHERE agency_id = ? AND year = ? AND scope = ?",
                          {after.agency_id, after.year, scope_code(after.subtree)});
  int64_t id = 0;
  if (row) {
    id = row->i(0);
    db.exec("UPDATE report_drafts SET texts_json = ?, updated_by = ?, updated_at = ? WHERE id = ?",
            {texts.dump(), actor.user_id, now_iso(), id});
  } else {
    id = db.exec(
               "INSERT INTO report_drafts(agency_id, year, scope, texts_json, updated_by, updated_at) "
               "VALUES (?,?,?,?,?,?)",
               {after.agency_id, after.year, scope_code(after.subtree), texts.dump(), actor.user_id, now_iso()})
             .last_insert_id;
  }
  nlohmann::json prior = map_json(before.texts);
  nlohmann::json now = map_json(after.texts);
  now["year"] = after.year;
  now["scope"] = scope_code(after.subtree);
  if (row) {
    prior["year"] = before.year;
    prior["scope"] = scope_code(before.subtree);
  }
  audit::record(db, actor, after.agency_id, "report_draft", id, row ? "update" : "create", prior, now,
                std::to_string(after.year) + "年度报告文字部分");
}

Status check_access_and_year(db::Db& db, const accounts::Principal& p, int64_t agency_id, int year) {
  auto agency = agencies::get(db, agency_id);
  if (!agency) return agency.error();
  if (!may_edit_texts(db, p, agency_id)) return Error::forbidden("您无权编写该机关的年度报告");
  if (!format_for_year(year))
    return Error::field("year", std::to_string(year) + "年没有适用的年度报告格式（2019年起适用）");
  return ok_status();
}

Edition edition_from_row(const db::Row& r) {
  Edition e;
  e.id = r.i(0);
  e.agency_id = r.i(1);
  e.year = static_cast<int>(r.i(2));
  e.subtree = r.s(3) == "subtree";
  e.edition = static_cast<int>(r.i(4));
  e.item_id = r.i(5);
  e.published_on = r.s(6);
  e.published_at = r.s(7);
  e.published_by = r.s(8);
  e.correction_note = r.s(9);
  e.snapshot_json = r.s(10);
  return e;
}

constexpr const char* kEditionSelect =
    "SELECT e.id, e.agency_id, e.year, e.scope, e.edition, e.item_id, e.published_on, e.published_at, "
    "COALESCE(u.display_name, ''), e.correction_note, e.snapshot_json FROM report_editions e "
    "LEFT JOIN users u ON u.id = e.published_by ";

// The agency's column 政府信息公开年报, created with the standard columns when missing.
int64_t annual_report_column(db::Db& db, int64_t agency_id) {
  auto find = [&] {
    return db.query_one("SELECT id FROM columns WHERE agency_id = ? AND kind = 'annual_report' ORDER BY id LIMIT 1",
                        {agency_id});
  };
  if (auto row = find()) return row->i(0);
  catalog::ensure_standard_columns(db, agency_id);
  return find()->i(0);
}

std::string blocking_message(const std::vector<Finding>& findings) {
  std::string msg = "年度报告有错误，改正前不能发布：";
  int n = 0;
  for (const auto& f : findings) {
    if (f.severity != Severity::kError) continue;
    if (n++ == 3) {
      msg += "……";
      break;
    }
    msg += (n > 1 ? "；" : "") + f.message_zh;
  }
  return msg;
}

// The document to publish from the records and texts as they are now, or why it may not be.
Result<ReportDocument> publishable_document(db::Db& db, int64_t agency_id, int year, bool subtree) {
  auto rep = generate(db, agency_id, year, subtree);
  if (!rep) return rep.error();
  ReportDocument doc = draft_document(*rep, load_draft(db, agency_id, year, subtree));
  const auto findings = publication_findings(*rep, doc);
  if (std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::kError; })) {
    return Error::conflict("report_blocked", blocking_message(findings));
  }
  return doc;
}

// Stores edition `doc.edition` and returns it; the body of the catalog item is drawn from the stored
// snapshot read back, so the page shows exactly what was frozen.
Result<Edition> store_edition(db::Db& db, const accounts::Principal& p, ReportDocument& doc, int64_t item_id) {
  const std::string snapshot = to_json(doc).dump();
  db.exec(
      "INSERT INTO report_editions(agency_id, year, scope, edition, snapshot_json, correction_note, item_id, "
      "published_on, published_at, published_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {doc.agency_id, doc.year, scope_code(doc.subtree), doc.edition, snapshot, doc.correction_note, item_id,
       doc.published_at, now_iso(), p.user.id});
  return *latest_edition(db, doc.agency_id, doc.year, doc.subtree);
}

nlohmann::json edition_audit(const Edition& e) {
  return {{"year", e.year},       {"scope", scope_code(e.subtree)}, {"edition", e.edition},
          {"item_id", e.item_id}, {"published_on", e.published_on}, {"correction_note", e.correction_note}};
}

std::string cell_text(const Format& f, std::string_view ref, const TableValues& v) {
  auto got = v.get(ref);
  if (!got) return "未填报";
  auto cell = f.resolve(ref);
  return cell ? format_value(*cell->column, *got) : std::to_string(*got);
}

}  // namespace

// ---- Texts ---------------------------------------------------------------------------------------

std::string Draft::text(std::string_view key) const {
  auto it = texts.find(key);
  return it == texts.end() ? "" : it->second;
}

std::vector<TextPart> Draft::overview() const {
  std::vector<TextPart> out;
  for (const auto& part : kOverviewParts)
    out.push_back({std::string(part.key), std::string(part.title), text(part.key)});
  return out;
}

Draft load_draft(db::Db& db, int64_t agency_id, int year, bool subtree) {
  Draft d;
  d.agency_id = agency_id;
  d.year = year;
  d.subtree = subtree;
  auto row = db.query_one(
      "SELECT d.texts_json, d.updated_at, COALESCE(u.display_name, '') FROM report_drafts d "
      "LEFT JOIN users u ON u.id = d.updated_by WHERE d.agency_id = ? AND d.year = ? AND d.scope = ?",
      {agency_id, year, scope_code(subtree)});
  if (!row) return d;
  auto j = nlohmann::json::parse(row->s(0), nullptr, false);
  if (j.is_object()) {
    d.texts = json_map(j.value("texts", nlohmann::json::object()));
    d.generated = json_map(j.value("generated", nlohmann::json::object()));
  }
  d.updated_at = row->s(1);
  d.updated_by = row->s(2);
  return d;
}

bool may_edit_texts(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  return may_edit_figures(db, p, agency_id);
}

Result<Draft> save_texts(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                         int year, bool subtree, const TextsInput& in) {
  if (auto st = check_access_and_year(db, p, agency_id, year); !st) return st.error();
  FieldErrors errs;
  for (const auto& [key, value] : in) {
    if (is_text_key(key) && value.size() > kMaxTextBytes) errs.add(key, "内容过长（不超过20000字）");
  }
  if (!errs.empty()) return errs.to_error();
  return db.write([&]() -> Result<Draft> {
    const Draft before = load_draft(db, agency_id, year, subtree);
    Draft after = before;
    for (const auto& [key, value] : in) {
      if (is_text_key(key)) after.texts[key] = normalize_text(value);
    }
    store_draft(db, actor, before, after);
    return load_draft(db, agency_id, year, subtree);
  });
}

DraftFacts draft_facts(db::Db& db, const GeneratedReport& report) {
  DraftFacts f;
  f.format = report.format;
  f.agency_name = report.agency_name;
  f.year = report.year;
  f.subtree = report.subtree;
  f.units = static_cast<int>(report.units.size());
  f.values = report.values;
  std::vector<int64_t> ids;
  for (const auto& u : report.units) ids.push_back(u.agency_id);
  std::string in = "(";
  db::Params params;
  for (size_t i = 0; i < ids.size(); ++i) {
    in += i ? ",?" : "?";
    params.emplace_back(ids[i]);
  }
  in += ")";
  f.columns = db.scalar_int("SELECT COUNT(*) FROM columns WHERE agency_id IN " + in, params);
  db::Params item_params = params;
  item_params.emplace_back(std::to_string(report.year) + "-01-01");
  item_params.emplace_back(std::to_string(report.year + 1) + "-01-01");
  f.proactive_items = db.scalar_int(
      "SELECT COUNT(*) FROM items WHERE agency_id IN " + in +
          " AND state = 'published' AND disclosure = 'proactive' AND publish_date >= ? AND publish_date < ?",
      item_params);
  // The replies among the applications 表三 counts as handled in the year, read by the clock.
  auto cases = table3_cases(db, ids, report.year, "table3.r7.total");
  if (cases) {
    const clock::Settings settings = clock::load_settings(db);
    const auto today = *parse_date(today_cn());
    int64_t read = 0;
    bool unreadable = false;
    for (const auto& ref : *cases) {
      auto c = applications::load(db, ref.id);
      if (!c) {
        unreadable = true;
        break;
      }
      if (c->reply_date.empty()) continue;  // withdrawn or abandoned: not a reply
      auto reading = applications::clock_of(*c, today, settings);
      if (!reading) {
        unreadable = true;
        break;
      }
      ++read;
      if (reading->replied_on_time) ++f.replies_on_time;
    }
    if (!unreadable) f.replies_read = read;
  }
  return f;
}

Result<Draft> fill_overview(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                            int year, bool subtree, bool overwrite, std::vector<std::string>* kept) {
  if (auto st = check_access_and_year(db, p, agency_id, year); !st) return st.error();
  auto rep = generate(db, agency_id, year, subtree);
  if (!rep) return rep.error();
  const auto parts = overview_draft(draft_facts(db, *rep));
  return db.write([&]() -> Result<Draft> {
    const Draft before = load_draft(db, agency_id, year, subtree);
    Draft after = before;
    for (const TextPart& part : parts) {
      const std::string current = before.text(part.key);
      auto last = before.generated.find(part.key);
      const bool untouched = current.empty() || (last != before.generated.end() && last->second == current);
      if (overwrite || untouched) {
        after.texts[part.key] = part.text;
      } else if (kept) {
        kept->push_back(part.key);
      }
      after.generated[part.key] = part.text;
    }
    store_draft(db, actor, before, after);
    return load_draft(db, agency_id, year, subtree);
  });
}

std::string last_year_problems(db::Db& db, int64_t agency_id, int year, bool subtree) {
  if (auto e = latest_edition(db, agency_id, year - 1, subtree)) {
    if (auto doc = edition_document(*e)) return doc->problems.text;
  }
  return load_draft(db, agency_id, year - 1, subtree).text("problems");
}

ReportDocument draft_document(const GeneratedReport& report, const Draft& draft) {
  ReportDocument d = make_document(report, draft.overview(), TextPart{"problems", "", draft.text("problems")},
                                   TextPart{"other", "", draft.text("other")});
  d.generated_at = now_iso();
  return d;
}

// ---- Checks --------------------------------------------------------------------------------------

std::vector<Finding> text_findings(const ReportDocument& doc) {
  std::vector<Finding> out;
  const bool overview_empty = std::all_of(doc.overview.begin(), doc.overview.end(),
                                          [](const TextPart& p) { return text::trim(p.text).empty(); });
  if (overview_empty) {
    out.push_back({Severity::kError,
                   "overview_empty",
                   "“一、总体情况”尚未填写（五个部分均为空），请填写或“用数据生成草稿”后修改。",
                   {}});
  }
  if (text::trim(doc.problems.text).empty()) {
    out.push_back({Severity::kError, "problems_empty", "“五、存在的主要问题及改进情况”为必填内容，尚未填写。", {}});
  }
  std::vector<std::string> todo;
  for (const TextPart& p : doc.overview) {
    if (p.text.find(kToComplete) != std::string::npos) todo.push_back(p.title);
  }
  if (doc.problems.text.find(kToComplete) != std::string::npos) todo.push_back("五");
  if (doc.other.text.find(kToComplete) != std::string::npos) todo.push_back("六");
  if (!todo.empty()) {
    std::string where;
    for (const auto& t : todo) where += (where.empty() ? "" : "、") + t;
    out.push_back({Severity::kWarning,
                   "text_to_complete",
                   "文字部分仍有标注“" + std::string(kToComplete) + "”的内容（" + where + "），请补充或删除后再发布。",
                   {}});
  }
  return out;
}

std::vector<Finding> publication_findings(const GeneratedReport& report, const ReportDocument& doc) {
  std::vector<Finding> out = report.findings;
  for (auto& f : text_findings(doc)) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.severity == Severity::kError && b.severity != Severity::kError;
  });
  return out;
}

// ---- Editions ------------------------------------------------------------------------------------

bool may_publish(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (p.is_platform_admin()) return true;
  if (agencies::can_administer(db, p, agency_id)) return true;
  return agencies::can_act_for(db, p, agency_id) && (p.has(Role::kReviewer) || p.has(Role::kSigner));
}

std::vector<Edition> editions(db::Db& db, int64_t agency_id, int year, bool subtree) {
  std::vector<Edition> out;
  for (const auto& r :
       db.query(std::string(kEditionSelect) + "WHERE e.agency_id = ? AND e.year = ? AND e.scope = ? ORDER BY e.edition",
                {agency_id, year, scope_code(subtree)})) {
    out.push_back(edition_from_row(r));
  }
  return out;
}

std::optional<Edition> latest_edition(db::Db& db, int64_t agency_id, int year, bool subtree) {
  auto r = db.query_one(std::string(kEditionSelect) +
                            "WHERE e.agency_id = ? AND e.year = ? AND e.scope = ? ORDER BY e.edition DESC LIMIT 1",
                        {agency_id, year, scope_code(subtree)});
  if (!r) return std::nullopt;
  return edition_from_row(*r);
}

std::optional<Edition> get_edition(db::Db& db, int64_t id) {
  auto r = db.query_one(std::string(kEditionSelect) + "WHERE e.id = ?", {id});
  if (!r) return std::nullopt;
  return edition_from_row(*r);
}

Result<ReportDocument> edition_document(const Edition& e) { return document_from_json(e.snapshot_json); }

Result<Edition> publish(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                        int year, bool subtree) {
  auto agency = agencies::get(db, agency_id);
  if (!agency) return agency.error();
  if (!may_publish(db, p, agency_id)) {
    return Error::forbidden("只有本机关的审核人、签批人或机关管理员可以发布年度报告");
  }
  return db.write([&]() -> Result<Edition> {
    if (latest_edition(db, agency_id, year, subtree)) {
      return Error::conflict("already_published", "该年度报告已发布；如需更正，请发布更正版");
    }
    auto doc = publishable_document(db, agency_id, year, subtree);
    if (!doc) return doc.error();
    doc->edition = 1;
    doc->published_at = today_cn();
    doc->correction_note.clear();
    // The body is drawn from the snapshot as it will be stored.
    auto frozen = document_from_json(to_json(*doc).dump());
    if (!frozen) return frozen.error();
    auto index_no = catalog::assign_index_number(db, *agency, doc->published_at);
    if (!index_no) return index_no.error();
    const std::string now = now_iso();
    const int64_t item_id =
        db.exec(
              "INSERT INTO items(agency_id, column_id, state, title, index_no, publisher, subject, genre, doc_no, "
              "written_date, publish_date, validity, keywords, summary, body_html, disclosure, created_by, "
              "created_at, updated_at, published_at) VALUES (?,?,'published',?,?,?,?,?,'',?,?,'valid',?,?,?,"
              "'proactive',?,?,?,?)",
              {agency_id, annual_report_column(db, agency_id), report_title(*frozen), *index_no, agency->name,
               std::string(kSubject), std::string(kGenre), doc->published_at, doc->published_at,
               "政府信息公开工作年度报告", report_title(*frozen) + "。", document_html(*frozen), p.user.id, now, now,
               now})
            .last_insert_id;
    search::index_item(db, item_id);
    auto item = catalog::load(db, item_id);
    audit::record(db, actor, agency_id, "item", item_id, "create", nlohmann::json::object(),
                  catalog::to_json(*item, false), "发布年度报告");
    auto e = store_edition(db, p, *doc, item_id);
    if (!e) return e.error();
    audit::record(db, actor, agency_id, "report_edition", e->id, "publish", nlohmann::json::object(), edition_audit(*e),
                  report_title(*frozen));
    cache::mark_changed(db);
    return e;
  });
}

Result<Edition> publish_correction(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                   int64_t agency_id, int year, bool subtree, std::string_view note_raw) {
  auto agency = agencies::get(db, agency_id);
  if (!agency) return agency.error();
  if (!may_publish(db, p, agency_id)) {
    return Error::forbidden("只有本机关的审核人、签批人或机关管理员可以发布年度报告更正版");
  }
  const std::string note = normalize_text(note_raw);
  if (note.empty()) return Error::field("correction_note", "请填写更正说明（更正了哪些内容及原因）");
  if (note.size() > kMaxNoteBytes) return Error::field("correction_note", "更正说明过长（不超过2000字）");
  return db.write([&]() -> Result<Edition> {
    auto last = latest_edition(db, agency_id, year, subtree);
    if (!last) return Error::conflict("not_published", "该年度报告尚未发布，不能发布更正版");
    auto doc = publishable_document(db, agency_id, year, subtree);
    if (!doc) return doc.error();
    doc->edition = last->edition + 1;
    doc->published_at = today_cn();
    doc->correction_note = note;
    auto frozen = document_from_json(to_json(*doc).dump());
    if (!frozen) return frozen.error();
    auto before = catalog::load(db, last->item_id);
    db.exec("UPDATE items SET title = ?, body_html = ?, updated_at = ? WHERE id = ?",
            {report_title(*frozen), document_html(*frozen), now_iso(), last->item_id});
    search::index_item(db, last->item_id);
    auto after = catalog::load(db, last->item_id);
    if (before && after) {
      audit::record(db, actor, agency_id, "item", last->item_id, "correct", catalog::to_json(*before, false),
                    catalog::to_json(*after, false), note);
    }
    auto e = store_edition(db, p, *doc, last->item_id);
    if (!e) return e.error();
    audit::record(db, actor, agency_id, "report_edition", e->id, "correct", edition_audit(*last), edition_audit(*e),
                  note);
    cache::mark_changed(db);
    return e;
  });
}

// ---- Difference ----------------------------------------------------------------------------------

ReportDiff diff_documents(const ReportDocument& published, const ReportDocument& current) {
  ReportDiff out;
  const Format& f = *current.format;
  for (const std::string& ref : f.cell_refs()) {
    if (published.values.get(ref) == current.values.get(ref)) continue;
    out.cells.push_back(
        {ref, f.cell_label(ref), cell_text(f, ref, published.values), cell_text(f, ref, current.values)});
  }
  auto fee = [&](const char* ref, const char* label, int64_t a, int64_t b, bool yuan) {
    if (a == b) return;
    out.fees.push_back(
        {ref, label, yuan ? format_yuan(a) : std::to_string(a), yuan ? format_yuan(b) : std::to_string(b)});
  };
  fee("fees.notices", "六 信息处理费：发出收费通知（件）", published.fees.notices, current.fees.notices, false);
  fee("fees.notified", "六 信息处理费：收费通知总金额（元）", published.fees.notified_fen, current.fees.notified_fen,
      true);
  fee("fees.payments", "六 信息处理费：实际收取（件）", published.fees.payments, current.fees.payments, false);
  fee("fees.collected", "六 信息处理费：实际收取总金额（元）", published.fees.collected_fen, current.fees.collected_fen,
      true);
  return out;
}

// ---- Art. 49 deadline board ----------------------------------------------------------------------

std::string art49_deadline(agencies::Level level, agencies::Level government_level, int year) {
  using agencies::Level;
  const bool above_county =
      government_level == Level::kProvince || government_level == Level::kCity || government_level == Level::kCounty;
  if (!above_county) return "";
  const std::string next = std::to_string(year + 1);
  return level == Level::kDepartment ? next + "-01-31" : next + "-03-31";
}

std::string_view board_status_label(BoardStatus s) {
  switch (s) {
    case BoardStatus::kNotStarted:
      return "未开始";
    case BoardStatus::kDrafting:
      return "起草中";
    case BoardStatus::kPublished:
      return "已发布";
    case BoardStatus::kOverdue:
      return "逾期";
  }
  return "";
}

std::string_view board_status_code(BoardStatus s) {
  switch (s) {
    case BoardStatus::kNotStarted:
      return "not_started";
    case BoardStatus::kDrafting:
      return "drafting";
    case BoardStatus::kPublished:
      return "published";
    case BoardStatus::kOverdue:
      return "overdue";
  }
  return "";
}

BoardStatus board_status(std::string_view deadline, std::string_view published_on, bool started,
                         std::string_view today) {
  if (!published_on.empty()) return BoardStatus::kPublished;
  if (!deadline.empty() && today > deadline) return BoardStatus::kOverdue;
  return started ? BoardStatus::kDrafting : BoardStatus::kNotStarted;
}

std::vector<BoardRow> deadline_board(db::Db& db, const accounts::Principal& p, int year, std::string_view today) {
  std::vector<BoardRow> out;
  const auto tree = agencies::tree(db);
  std::map<int64_t, const agencies::Agency*> by_id;
  for (const auto& e : tree) by_id[e.agency.id] = &e.agency;
  for (const auto& e : tree) {
    if (!agencies::can_read(db, p, e.agency.id)) continue;
    // The nearest people's government at or above the agency.
    const agencies::Agency* gov = &e.agency;
    while (gov->level == agencies::Level::kDepartment && gov->parent_id && by_id.count(*gov->parent_id)) {
      gov = by_id[*gov->parent_id];
    }
    BoardRow row;
    row.agency_id = e.agency.id;
    row.agency_name = e.agency.name;
    row.depth = e.depth;
    row.level = e.agency.level;
    // A department without a government above it is treated as one of a 县级以上 government.
    row.deadline = art49_deadline(
        e.agency.level, gov->level == agencies::Level::kDepartment ? agencies::Level::kCounty : gov->level, year);
    auto pub = db.query_one(
        "SELECT MIN(published_on), COUNT(*) FROM report_editions WHERE agency_id = ? AND year = ? AND edition = 1",
        {e.agency.id, year});
    row.published_on = pub ? pub->s(0) : "";
    row.editions = static_cast<int>(
        db.scalar_int("SELECT COUNT(*) FROM report_editions WHERE agency_id = ? AND year = ?", {e.agency.id, year}));
    auto touched = db.query_one(
        "SELECT MAX(t) FROM (SELECT updated_at t FROM report_drafts WHERE agency_id = ?1 AND year = ?2 "
        "UNION ALL SELECT updated_at t FROM report_figure_sets WHERE agency_id = ?1 AND year = ?2)",
        {e.agency.id, year});
    row.updated_at = touched ? touched->s(0) : "";
    row.status = board_status(row.deadline, row.published_on, !row.updated_at.empty(), today);
    row.late = !row.published_on.empty() && !row.deadline.empty() && row.published_on > row.deadline;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace gk::reports
