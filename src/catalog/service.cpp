// Catalog rules and storage.
#include "agencies/access.h"
#include "catalog/service.h"

#include <algorithm>

#include "accounts/password.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/doc_number.h"
#include "catalog/index_number.h"
#include "catalog/taxonomy.h"
#include "platform/cache/page_cache.h"
#include "platform/files/sniff.h"
#include "platform/http/request.h"
#include "platform/text/html_sanitizer.h"
#include "platform/text/strings.h"
#include "platform/time.h"
#include "search/index.h"

namespace gk::catalog {

std::optional<State> state_from_code(std::string_view code) {
  for (size_t i = 0; i < kStates.size(); ++i) {
    if (kStates[i].code == code) return static_cast<State>(i);
  }
  return std::nullopt;
}
std::string_view state_code(State s) { return kStates[static_cast<size_t>(s)].code; }
std::string_view state_label(State s) { return kStates[static_cast<size_t>(s)].label; }

namespace {

using accounts::Role;

constexpr const char* kSelect =
    "SELECT i.id, i.agency_id, a.name, i.column_id, COALESCE(c.name, ''), i.state, i.title, COALESCE(i.index_no, ''), "
    "i.publisher, i.subject, i.genre, i.doc_no, COALESCE(i.written_date, ''), COALESCE(i.publish_date, ''), "
    "i.validity, COALESCE(i.repeal_date, ''), i.keywords, i.summary, i.body_html, i.disclosure, i.withheld_reason, "
    "i.interprets_id, COALESCE(p.title, ''), i.created_by, i.created_at, i.updated_at "
    "FROM items i JOIN agencies a ON a.id = i.agency_id LEFT JOIN columns c ON c.id = i.column_id "
    "LEFT JOIN items p ON p.id = i.interprets_id ";

Item from_row(const db::Row& r) {
  Item it;
  it.id = r.i(0);
  it.agency_id = r.i(1);
  it.agency_name = r.s(2);
  it.column_id = r.oi(3);
  it.column_name = r.s(4);
  it.state = state_from_code(r.s(5)).value_or(State::kDraft);
  it.title = r.s(6);
  it.index_no = r.s(7);
  it.publisher = r.s(8);
  it.subject = r.s(9);
  it.genre = r.s(10);
  it.doc_no = r.s(11);
  it.written_date = r.s(12);
  it.publish_date = r.s(13);
  it.validity = r.s(14);
  it.repeal_date = r.s(15);
  it.keywords = r.s(16);
  it.summary = r.s(17);
  it.body_html = r.s(18);
  it.disclosure = r.s(19);
  it.withheld_reason = r.s(20);
  it.interprets_id = r.oi(21);
  it.interprets_title = r.s(22);
  it.created_by = r.i(23);
  it.created_at = r.s(24);
  it.updated_at = r.s(25);
  return it;
}

std::vector<Attachment> attachments_of(db::Db& db, int64_t item_id) {
  std::vector<Attachment> out;
  for (const auto& r : db.query(
           "SELECT id, sha256, filename, mime, size FROM item_attachments WHERE item_id = ? ORDER BY sort_order, id",
           {item_id})) {
    out.push_back({r.i(0), r.s(1), r.s(2), r.s(3), r.i(4)});
  }
  return out;
}

using text::trim;

std::optional<int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
  return std::stoll(s);
}

bool may_edit(db::Db& db, const Principal& p, int64_t agency_id) {
  if (p.has(Role::kDrafter) && p.user.agency_id == agency_id) return true;
  return agencies::can_administer(db, p, agency_id);
}

// Whether the principal may take transition `t` on an item of `agency_id`: the role, and the item
// belongs to the principal's own agency (or below it for agency and platform admins).
bool may_transition(db::Db& db, const Principal& p, const Transition& t, int64_t agency_id) {
  if (!agencies::can_act_for(db, p, agency_id)) return false;
  return role_may(t, p.user.roles);
}

nlohmann::json snapshot(const Item& it) { return to_json(it, false); }

bool is_public(const Item& it) { return it.state == State::kPublished && it.disclosure == "proactive"; }

// Whether a change to an item in state `s` can alter what the public sees.
bool publicly_visible_change(const Item& before, const Item& after) { return is_public(before) || is_public(after); }

}  // namespace

ItemInput input_of(const Item& it) {
  ItemInput in;
  in.agency_id = it.agency_id;
  in.column_id = it.column_id ? std::to_string(*it.column_id) : "";
  in.title = it.title;
  in.publisher = it.publisher;
  in.subject = it.subject;
  in.genre = it.genre;
  in.doc_no = it.doc_no;
  in.written_date = it.written_date;
  in.validity = it.validity;
  in.repeal_date = it.repeal_date;
  in.keywords = it.keywords;
  in.summary = it.summary;
  in.body_html = it.body_html;
  in.disclosure = it.disclosure;
  in.withheld_reason = it.withheld_reason;
  in.interprets_id = it.interprets_id ? std::to_string(*it.interprets_id) : "";
  return in;
}

Result<ItemInput> validate_input(db::Db& db, const ItemInput& raw) {
  ItemInput in = raw;
  FieldErrors errs;
  for (std::string* s : {&in.title, &in.publisher, &in.subject, &in.genre, &in.doc_no, &in.written_date,
                         &in.validity, &in.repeal_date, &in.keywords, &in.summary, &in.disclosure,
                         &in.withheld_reason, &in.column_id, &in.interprets_id}) {
    *s = trim(*s);
  }
  auto agency = agencies::get(db, in.agency_id);
  if (!agency) errs.add("agency_id", "发布机关不存在");
  if (in.title.empty()) errs.add("title", "请填写信息名称");
  else if (in.title.size() > 600) errs.add("title", "信息名称过长（不超过200字）");
  if (in.publisher.empty() && agency) in.publisher = agency->name;
  if (in.publisher.size() > 300) errs.add("publisher", "发布机构名称过长");
  const Taxonomy& tax = default_taxonomy();
  if (in.subject.empty()) errs.add("subject", "请选择主题分类");
  else if (!tax.subject(in.subject)) errs.add("subject", "主题分类不存在");
  if (in.genre.empty()) errs.add("genre", "请选择体裁");
  else if (!tax.genre(in.genre)) errs.add("genre", "体裁不存在");
  if (auto dn = normalize_doc_number(in.doc_no); !dn) errs.add("doc_no", dn.error().message);
  else in.doc_no = *dn;
  if (in.written_date.empty()) {
    errs.add("written_date", "请填写成文日期");
  } else if (auto d = parse_date(in.written_date); !d) {
    errs.add("written_date", "成文日期不是有效日期（格式：2024-03-15）");
  } else {
    in.written_date = format_date(*d);
    if (in.written_date > today_cn()) errs.add("written_date", "成文日期不能晚于今天");
  }
  if (in.validity.empty()) in.validity = "valid";
  if (in.disclosure.empty()) in.disclosure = "proactive";
  if (!has_code(kValidities, in.validity)) errs.add("validity", "请选择有效性");
  if (in.validity == "repealed" || in.validity == "expired") {
    if (in.repeal_date.empty()) {
      errs.add("repeal_date", in.validity == "repealed" ? "已废止的文件须填写废止日期" : "已失效的文件须填写失效日期");
    }
  }
  if (!in.repeal_date.empty()) {
    if (auto d = parse_date(in.repeal_date); !d) {
      errs.add("repeal_date", "废止日期不是有效日期（格式：2024-03-15）");
    } else {
      in.repeal_date = format_date(*d);
      if (!in.written_date.empty() && in.repeal_date < in.written_date) {
        errs.add("repeal_date", "废止日期不能早于成文日期");
      }
    }
    if (in.validity == "valid") errs.add("validity", "填写了废止日期的文件，有效性应为“废止”或“失效”");
  }
  if (!has_code(kDisclosures, in.disclosure)) errs.add("disclosure", "请选择公开属性");
  if (in.disclosure == "withheld" && in.withheld_reason.empty()) {
    errs.add("withheld_reason", "不予公开须说明理由及依据");
  }
  if (in.disclosure != "withheld") in.withheld_reason.clear();
  if (in.keywords.size() > 600) errs.add("keywords", "关键词过长");
  if (in.summary.size() > 6000) errs.add("summary", "内容概述过长（不超过2000字）");
  if (in.body_html.size() > (4u << 20)) errs.add("body_html", "正文过长");
  in.body_html = text::sanitize_html(in.body_html);
  if (!in.column_id.empty()) {
    auto cid = parse_id(in.column_id);
    auto col = cid ? get_column(db, *cid) : Result<Column>(Error::not_found(""));
    if (!col) errs.add("column_id", "栏目不存在");
    else if (col->agency_id != in.agency_id) errs.add("column_id", "栏目不属于该机关");
  }
  if (!in.interprets_id.empty()) {
    auto pid = parse_id(in.interprets_id);
    auto policy = pid ? load(db, *pid) : std::nullopt;
    if (!policy) errs.add("interprets_id", "所解读的政策文件不存在");
    else if (policy->state != State::kPublished && policy->state != State::kArchived) {
      errs.add("interprets_id", "所解读的政策文件尚未发布");
    }
  }
  if (!errs.empty()) return errs.to_error();
  return in;
}

std::optional<Item> load(db::Db& db, int64_t id) {
  auto row = db.query_one(std::string(kSelect) + "WHERE i.id = ?", {id});
  if (!row) return std::nullopt;
  Item it = from_row(*row);
  it.attachments = attachments_of(db, id);
  return it;
}

Result<Item> create_draft(db::Db& db, const Principal& p, const audit::Actor& actor, const ItemInput& raw) {
  if (!may_edit(db, p, raw.agency_id)) return Error::forbidden("您没有为该机关起草信息的权限");
  auto in = validate_input(db, raw);
  if (!in) return in.error();
  return db.write([&]() -> Result<Item> {
    const std::string now = now_iso();
    auto r = db.exec(
        "INSERT INTO items(agency_id, column_id, state, title, publisher, subject, genre, doc_no, written_date, "
        "validity, repeal_date, keywords, summary, body_html, disclosure, withheld_reason, interprets_id, created_by, "
        "created_at, updated_at) VALUES (?,?,'draft',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {in->agency_id, parse_id(in->column_id), in->title, in->publisher, in->subject, in->genre, in->doc_no,
         in->written_date, in->validity, in->repeal_date.empty() ? db::Value() : db::Value(in->repeal_date),
         in->keywords, in->summary, in->body_html, in->disclosure, in->withheld_reason, parse_id(in->interprets_id),
         p.user.id, now, now});
    Item it = *load(db, r.last_insert_id);
    audit::record(db, actor, it.agency_id, "item", it.id, "create", nlohmann::json::object(), snapshot(it));
    return it;
  });
}

Result<Item> update_draft(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                          const ItemInput& raw) {
  auto before = load(db, id);
  if (!before) return Error::not_found("未找到该信息");
  if (!may_edit(db, p, before->agency_id)) return Error::forbidden("您没有修改该信息的权限");
  if (before->state != State::kDraft) return Error::conflict("not_draft", "只有草稿状态的信息可以修改");
  ItemInput copy = raw;
  copy.agency_id = before->agency_id;
  auto in = validate_input(db, copy);
  if (!in) return in.error();
  if (parse_id(in->interprets_id) == id) return Error::field("interprets_id", "信息不能解读其自身");
  return db.write([&]() -> Result<Item> {
    auto cur = load(db, id);
    if (!cur || cur->state != State::kDraft) return Error::conflict("not_draft", "只有草稿状态的信息可以修改");
    db.exec(
        "UPDATE items SET column_id=?, title=?, publisher=?, subject=?, genre=?, doc_no=?, written_date=?, validity=?, "
        "repeal_date=?, keywords=?, summary=?, body_html=?, disclosure=?, withheld_reason=?, interprets_id=?, "
        "updated_at=? WHERE id=?",
        {parse_id(in->column_id), in->title, in->publisher, in->subject, in->genre, in->doc_no, in->written_date,
         in->validity, in->repeal_date.empty() ? db::Value() : db::Value(in->repeal_date), in->keywords, in->summary,
         in->body_html, in->disclosure, in->withheld_reason, parse_id(in->interprets_id), now_iso(), id});
    Item after = *load(db, id);
    audit::record(db, actor, cur->agency_id, "item", id, "update", snapshot(*cur), snapshot(after));
    return after;
  });
}

Result<Attachment> add_attachment(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t item_id,
                                  std::string_view filename, std::string_view bytes) {
  auto item = load(db, item_id);
  if (!item) return Error::not_found("未找到该信息");
  if (!may_edit(db, p, item->agency_id)) return Error::forbidden("您没有修改该信息的权限");
  if (item->state != State::kDraft) return Error::conflict("not_draft", "只有草稿状态的信息可以添加附件");
  if (bytes.empty()) return Error::field("file", "附件是空文件");
  if (bytes.size() > kMaxAttachmentBytes) {
    return Error::too_large("附件不能超过" + std::to_string(kMaxAttachmentBytes >> 20) + "MB");
  }
  auto kind = files::sniff_attachment(bytes, filename);
  if (!kind) return Error::field("file", kind.error().message);
  std::string name = files::safe_download_name(filename);
  if (name.empty()) name = "附件." + kind->ext;
  const std::string sha = accounts::sha256_hex(bytes);
  return db.write([&]() -> Result<Attachment> {
    db.exec("INSERT INTO blobs(sha256, size, mime, data) VALUES (?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
            {sha, static_cast<int64_t>(bytes.size()), kind->mime, db::Blob{std::string(bytes)}});
    const int64_t order = db.scalar_int("SELECT COUNT(*) FROM item_attachments WHERE item_id = ?", {item_id});
    auto r = db.exec(
        "INSERT INTO item_attachments(item_id, sha256, filename, mime, size, sort_order) VALUES (?,?,?,?,?,?)",
        {item_id, sha, name, kind->mime, static_cast<int64_t>(bytes.size()), order});
    Attachment a{r.last_insert_id, sha, name, kind->mime, static_cast<int64_t>(bytes.size())};
    audit::record(db, actor, item->agency_id, "item", item_id, "attach", nlohmann::json::object(),
                  {{"filename", name}, {"sha256", sha}, {"size", a.size}});
    return a;
  });
}

Status remove_attachment(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t item_id,
                         int64_t attachment_id) {
  auto item = load(db, item_id);
  if (!item) return Error::not_found("未找到该信息");
  if (!may_edit(db, p, item->agency_id)) return Error::forbidden("您没有修改该信息的权限");
  if (item->state != State::kDraft) return Error::conflict("not_draft", "只有草稿状态的信息可以删除附件");
  return db.write([&]() -> Status {
    auto row = db.query_one("SELECT filename, sha256 FROM item_attachments WHERE id = ? AND item_id = ?",
                            {attachment_id, item_id});
    if (!row) return Error::not_found("未找到该附件");
    db.exec("DELETE FROM item_attachments WHERE id = ?", {attachment_id});
    audit::record(db, actor, item->agency_id, "item", item_id, "detach", {{"filename", row->s(0)}, {"sha256", row->s(1)}},
                  nlohmann::json::object());
    return ok_status();
  });
}

Result<std::string> assign_index_number(db::Db& db, const agencies::Agency& agency, std::string_view publish_date) {
  auto d = parse_date(publish_date);
  const int year = static_cast<int>(d->year());
  const int month = static_cast<int>(static_cast<unsigned>(d->month()));
  for (int attempt = 0; attempt < 1000; ++attempt) {
    auto row = db.query_one(
        "INSERT INTO index_serials(agency_id, year, last_serial) VALUES (?, ?, 1) "
        "ON CONFLICT(agency_id, year) DO UPDATE SET last_serial = last_serial + 1 RETURNING last_serial",
        {agency.id, year});
    // {机构代码} is the 组织机构代码 embedded in the credit code (positions 9–17).
    IndexNumberInputs in{agency.credit_code, agency.region_code, agency.credit_code.substr(8, 9), year, month,
                         row->i(0)};
    auto no = format_index_number(agency.index_pattern, in);
    if (!no) return no.error();
    // A number can already exist when an admin changed the pattern; skip to the next serial.
    if (db.scalar_int("SELECT COUNT(*) FROM items WHERE index_no = ?", {*no}) == 0) return *no;
  }
  return Error::conflict("index_exhausted", "无法分配索引号，请检查本机关的索引号规则");
}

Result<Item> transition(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                        std::string_view action, std::string_view comment_raw) {
  const std::string comment = trim(comment_raw);
  if (comment.size() > 3000) return Error::field("comment", "意见过长（不超过1000字）");
  return db.write([&]() -> Result<Item> {
    auto before = load(db, id);
    if (!before) return Error::not_found("未找到该信息");
    const Transition* t = find_transition(action, before->state);
    if (!t) {
      return Error::conflict("invalid_transition", "当前状态（" + std::string(state_label(before->state)) +
                                                       "）不能执行该操作，页面可能已过期，请刷新");
    }
    if (!may_transition(db, p, *t, before->agency_id)) {
      return Error::forbidden("您没有执行“" + std::string(t->label) + "”的权限");
    }
    if (t->needs_comment && comment.empty()) return Error::field("comment", "请填写退回或撤回的理由");
    std::string publish_date = before->publish_date;
    std::string index_no = before->index_no;
    if (t->to == State::kPublished) {
      publish_date = today_cn();
      if (index_no.empty()) {
        auto agency = agencies::get(db, before->agency_id);
        if (!agency) return agency.error();
        auto no = assign_index_number(db, *agency, publish_date);
        if (!no) return no.error();
        index_no = *no;
      }
    }
    db.exec(
        "UPDATE items SET state = ?, index_no = ?, publish_date = ?, published_at = CASE WHEN ? THEN ? ELSE "
        "published_at END, updated_at = ? WHERE id = ?",
        {state_code(t->to), index_no.empty() ? db::Value() : db::Value(index_no),
         publish_date.empty() ? db::Value() : db::Value(publish_date), t->to == State::kPublished, now_iso(),
         now_iso(), id});
    search::index_item(db, id);
    Item after = *load(db, id);
    audit::record(db, actor, before->agency_id, "item", id, std::string(t->action), snapshot(*before), snapshot(after), comment);
    if (publicly_visible_change(*before, after)) cache::mark_changed(db);
    return after;
  });
}

Result<Item> set_validity(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                          std::string_view validity, std::string_view repeal_raw, std::string_view comment) {
  return db.write([&]() -> Result<Item> {
    auto before = load(db, id);
    if (!before) return Error::not_found("未找到该信息");
    const bool allowed = agencies::can_act_for(db, p, before->agency_id) &&
                         (p.has(Role::kSigner) || agencies::can_administer(db, p, before->agency_id));
    if (!allowed) return Error::forbidden("您没有变更该信息有效性的权限");
    if (!has_code(kValidities, validity)) return Error::field("validity", "请选择有效性");
    std::string repeal_date;
    if (validity != "valid") {
      auto d = parse_date(repeal_raw);
      if (!d) return Error::field("repeal_date", "请填写有效的废止（失效）日期，格式：2024-03-15");
      repeal_date = format_date(*d);
      if (!before->written_date.empty() && repeal_date < before->written_date) {
        return Error::field("repeal_date", "废止日期不能早于成文日期");
      }
    }
    db.exec("UPDATE items SET validity = ?, repeal_date = ?, updated_at = ? WHERE id = ?",
            {validity, repeal_date.empty() ? db::Value() : db::Value(repeal_date), now_iso(), id});
    search::index_item(db, id);
    Item after = *load(db, id);
    audit::record(db, actor, before->agency_id, "item", id, "validity", snapshot(*before), snapshot(after), comment);
    if (publicly_visible_change(*before, after)) cache::mark_changed(db);
    return after;
  });
}

Result<Item> get_for_staff(db::Db& db, const Principal& p, int64_t id) {
  auto it = load(db, id);
  if (!it) return Error::not_found("未找到该信息");
  if (!agencies::can_read(db, p, it->agency_id)) return Error::forbidden("您无权查看该信息");
  return *it;
}

Result<Item> get_public(db::Db& db, int64_t id) {
  auto it = load(db, id);
  if (!it || !is_public(*it)) return Error::not_found("该信息不存在或尚未公开");
  return *it;
}

namespace {

// Appends the WHERE conditions of a filter.
void apply_filter(db::Db& db, const ListFilter& f, std::string& where, db::Params& params) {
  if (f.agency_id) {
    if (f.include_subtree) {
      auto ids = agencies::subtree_ids(db, *f.agency_id);
      where += " AND i.agency_id IN (";
      for (size_t k = 0; k < ids.size(); ++k) {
        where += k ? ",?" : "?";
        params.emplace_back(ids[k]);
      }
      where += ")";
    } else {
      where += " AND i.agency_id = ?";
      params.emplace_back(*f.agency_id);
    }
  }
  if (!f.agency_scope.empty()) {
    where += " AND i.agency_id IN (";
    for (size_t k = 0; k < f.agency_scope.size(); ++k) {
      where += k ? ",?" : "?";
      params.emplace_back(f.agency_scope[k]);
    }
    where += ")";
  }
  if (f.column_id) {
    where += " AND i.column_id = ?";
    params.emplace_back(*f.column_id);
  }
  if (!f.subject.empty()) {
    where += " AND (i.subject = ? OR i.subject LIKE ?)";
    params.emplace_back(f.subject);
    params.emplace_back(f.subject + "__");
  }
  if (!f.genre.empty()) {
    where += " AND i.genre = ?";
    params.emplace_back(f.genre);
  }
  if (f.year) {
    where += " AND i.publish_date >= ? AND i.publish_date < ?";
    params.emplace_back(std::to_string(*f.year) + "-01-01");
    params.emplace_back(std::to_string(*f.year + 1) + "-01-01");
  }
  if (!f.validity.empty()) {
    where += " AND i.validity = ?";
    params.emplace_back(f.validity);
  }
  if (!f.states.empty()) {
    where += " AND i.state IN (";
    for (size_t k = 0; k < f.states.size(); ++k) {
      where += k ? ",?" : "?";
      params.emplace_back(f.states[k]);
    }
    where += ")";
  }
  if (!f.title_contains.empty()) {
    where += " AND instr(i.title, ?) > 0";
    params.emplace_back(f.title_contains);
  }
}

ItemPage run_list(db::Db& db, const ListFilter& f, std::string where, db::Params params, const char* order) {
  apply_filter(db, f, where, params);
  ItemPage page;
  page.per_page = std::clamp(f.per_page, 1, 100);
  page.page = std::max(1, f.page);
  page.total = db.scalar_int("SELECT COUNT(*) FROM items i WHERE " + where, params);
  params.emplace_back(page.per_page);
  params.emplace_back(static_cast<int64_t>(page.page - 1) * page.per_page);
  for (const auto& r : db.query(std::string(kSelect) + "WHERE " + where + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                                params)) {
    Item it = from_row(r);
    it.body_html.clear();
    page.items.push_back(std::move(it));
  }
  return page;
}

}  // namespace

ItemPage list_public(db::Db& db, const ListFilter& f) {
  return run_list(db, f, "i.state = 'published' AND i.disclosure = 'proactive'", {},
                  "i.publish_date DESC, i.id DESC");
}

ItemPage list_staff(db::Db& db, const ListFilter& f) {
  if (f.agency_scope.empty()) return ItemPage{};
  return run_list(db, f, "1 = 1", {}, "i.updated_at DESC, i.id DESC");
}

std::vector<Item> interpretations_of(db::Db& db, int64_t policy_id) {
  std::vector<Item> out;
  for (const auto& r : db.query(std::string(kSelect) +
                                    "WHERE i.interprets_id = ? AND i.state = 'published' AND i.disclosure = 'proactive' "
                                    "ORDER BY i.publish_date DESC",
                                {policy_id})) {
    out.push_back(from_row(r));
  }
  return out;
}

std::vector<int> public_years(db::Db& db, std::optional<int64_t> agency_id) {
  std::vector<int> out;
  std::string sql =
      "SELECT DISTINCT CAST(substr(publish_date, 1, 4) AS INTEGER) y FROM items WHERE state = 'published' AND "
      "disclosure = 'proactive'";
  db::Params params;
  if (agency_id) {
    sql += " AND agency_id = ?";
    params.emplace_back(*agency_id);
  }
  for (const auto& r : db.query(sql + " ORDER BY y DESC", params)) out.push_back(static_cast<int>(r.i(0)));
  return out;
}

Art26Status art26_status(const Item& item, std::string_view today, const clock::Settings& settings,
                         const calendar::Calendar& cal) {
  Art26Status s;
  auto written = parse_date(item.written_date);
  auto now = parse_date(today);
  if (!written || !now) {
    s.state = "none";
    s.label = "未填写成文日期";
    return s;
  }
  auto deadline = clock::proactive_due(cal, *written, settings);
  if (!deadline) {
    s.state = "unknown";
    s.label = deadline.error().message;
    return s;
  }
  s.deadline = format_date(*deadline);
  if (!item.publish_date.empty()) {
    s.days_left = 0;
    const bool late = item.publish_date > s.deadline;
    s.state = late ? "late" : "met";
    s.label = late ? "发布晚于第二十六条期限（" + s.deadline + "）" : "已在期限内发布";
    return s;
  }
  auto left = cal.workdays_between(*now, *deadline);
  if (!left) {
    s.state = "unknown";
    s.label = left.error().message;
    return s;
  }
  s.days_left = *left;
  if (s.days_left < 0) {
    s.state = "overdue";
    s.label = "已超过公开期限 " + std::to_string(-s.days_left) + " 个工作日";
  } else if (s.days_left <= settings.due_soon_workdays) {
    s.state = "near";
    s.label = "临近公开期限，剩余 " + std::to_string(s.days_left) + " 个工作日";
  } else {
    s.state = "ok";
    s.label = "剩余 " + std::to_string(s.days_left) + " 个工作日";
  }
  return s;
}

std::vector<Column> columns_of(db::Db& db, int64_t agency_id) {
  std::vector<Column> out;
  for (const auto& r : db.query(
           "SELECT id, agency_id, name, slug, kind, sort_order FROM columns WHERE agency_id = ? ORDER BY sort_order, id",
           {agency_id})) {
    out.push_back({r.i(0), r.i(1), r.s(2), r.s(3), r.s(4), static_cast<int>(r.i(5))});
  }
  return out;
}

Result<Column> get_column(db::Db& db, int64_t id) {
  auto r = db.query_one("SELECT id, agency_id, name, slug, kind, sort_order FROM columns WHERE id = ?", {id});
  if (!r) return Error::not_found("未找到该栏目");
  return Column{r->i(0), r->i(1), r->s(2), r->s(3), r->s(4), static_cast<int>(r->i(5))};
}

void ensure_standard_columns(db::Db& db, int64_t agency_id) {
  struct Std {
    const char* name;
    const char* slug;
    const char* kind;
    int order;
  };
  static const Std kStd[] = {{"政府信息公开制度", "zhidu", "rules", 10},
                             {"法定主动公开内容", "fdzdgknr", "statutory", 20},
                             {"政府信息公开年报", "nianbao", "annual_report", 30}};
  db.write([&] {
    for (const auto& s : kStd) {
      db.exec(
          "INSERT INTO columns(agency_id, name, slug, kind, sort_order) VALUES (?,?,?,?,?) "
          "ON CONFLICT(agency_id, slug) DO NOTHING",
          {agency_id, s.name, s.slug, s.kind, s.order});
    }
    return 0;
  });
}

namespace {

Status validate_column(std::string_view name, std::string_view slug) {
  FieldErrors errs;
  if (name.empty()) errs.add("name", "请填写栏目名称");
  if (name.size() > 150) errs.add("name", "栏目名称过长");
  const bool slug_ok = !slug.empty() && slug.size() <= 40 &&
                       std::all_of(slug.begin(), slug.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                       });
  if (!slug_ok) errs.add("slug", "栏目标识须为1至40位小写字母、数字或连字符");
  if (!errs.empty()) return errs.to_error();
  return ok_status();
}

}  // namespace

Result<Column> create_column(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t agency_id,
                             std::string_view name_raw, std::string_view slug_raw, int sort_order) {
  const std::string name = trim(name_raw);
  const std::string slug = trim(slug_raw);
  if (!agencies::get(db, agency_id)) return Error::field("agency_id", "机关不存在");
  if (!agencies::can_administer(db, p, agency_id)) return Error::forbidden("您没有管理该机关栏目的权限");
  if (auto st = validate_column(name, slug); !st) return st.error();
  return db.write([&]() -> Result<Column> {
    try {
      auto r = db.exec("INSERT INTO columns(agency_id, name, slug, kind, sort_order) VALUES (?,?,?,'custom',?)",
                       {agency_id, name, slug, sort_order});
      Column c = get_column(db, r.last_insert_id).value();
      audit::record(db, actor, c.agency_id, "column", c.id, "create", nlohmann::json::object(), column_json(c));
      cache::mark_changed(db);
      return c;
    } catch (const db::ConstraintError&) {
      return Error::field("name", "该机关已有同名或同标识的栏目");
    }
  });
}

Result<Column> rename_column(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id,
                             std::string_view name_raw, int sort_order) {
  const std::string name = trim(name_raw);
  return db.write([&]() -> Result<Column> {
    auto before = get_column(db, id);
    if (!before) return before.error();
    if (!agencies::can_administer(db, p, before->agency_id)) return Error::forbidden("您没有管理该机关栏目的权限");
    if (auto st = validate_column(name, before->slug); !st) return st.error();
    try {
      db.exec("UPDATE columns SET name = ?, sort_order = ? WHERE id = ?", {name, sort_order, id});
    } catch (const db::ConstraintError&) {
      return Error::field("name", "该机关已有同名栏目");
    }
    Column after = get_column(db, id).value();
    audit::record(db, actor, before->agency_id, "column", id, "update", column_json(*before), column_json(after));
    cache::mark_changed(db);
    return after;
  });
}

std::optional<BlobData> blob(db::Db& db, std::string_view sha256) {
  auto r = db.query_one("SELECT mime, data FROM blobs WHERE sha256 = ?", {sha256});
  if (!r) return std::nullopt;
  return BlobData{r->s(0), r->s(1)};
}

bool blob_is_public(db::Db& db, std::string_view sha256) {
  return db.scalar_int(
             "SELECT COUNT(*) FROM item_attachments x JOIN items i ON i.id = x.item_id WHERE x.sha256 = ? AND "
             "i.state = 'published' AND i.disclosure = 'proactive'",
             {sha256}) > 0;
}

std::string attachment_url(const Attachment& a) {
  return "/files/" + a.sha256 + "/" + http::url_encode(a.filename);
}

nlohmann::json to_json(const Item& it, bool with_body) {
  const Taxonomy& tax = default_taxonomy();
  const Genre* g = tax.genre(it.genre);
  nlohmann::json j = {
      {"id", it.id},
      {"agency_id", it.agency_id},
      {"agency_name", it.agency_name},
      {"column_id", it.column_id ? nlohmann::json(*it.column_id) : nlohmann::json()},
      {"column_name", it.column_name},
      {"state", state_code(it.state)},
      {"state_label", state_label(it.state)},
      {"title", it.title},
      {"index_no", it.index_no},
      {"publisher", it.publisher},
      {"subject", it.subject},
      {"subject_label", tax.subject_path(it.subject)},
      {"genre", it.genre},
      {"genre_label", g ? g->name : it.genre},
      {"doc_no", it.doc_no},
      {"written_date", it.written_date},
      {"publish_date", it.publish_date},
      {"validity", it.validity},
      {"validity_label", label_of(kValidities, it.validity)},
      {"repeal_date", it.repeal_date},
      {"keywords", it.keywords},
      {"summary", it.summary},
      {"disclosure", it.disclosure},
      {"disclosure_label", label_of(kDisclosures, it.disclosure)},
      {"withheld_reason", it.withheld_reason},
      {"interprets_id", it.interprets_id ? nlohmann::json(*it.interprets_id) : nlohmann::json()},
      {"interprets_title", it.interprets_title},
      {"updated_at", it.updated_at},
  };
  if (with_body) {
    j["body_html"] = it.body_html;
    nlohmann::json atts = nlohmann::json::array();
    for (const auto& a : it.attachments) {
      atts.push_back({{"id", a.id},
                      {"sha256", a.sha256},
                      {"filename", a.filename},
                      {"mime", a.mime},
                      {"size", a.size},
                      {"url", attachment_url(a)}});
    }
    j["attachments"] = atts;
  }
  return j;
}

nlohmann::json column_json(const Column& c) {
  return {{"id", c.id}, {"agency_id", c.agency_id}, {"name", c.name},
          {"slug", c.slug}, {"kind", c.kind},        {"sort_order", c.sort_order}};
}

}  // namespace gk::catalog
