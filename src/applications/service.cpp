// Applications: intake, access, the steps of the transition table, and the clock of a case.
#include "applications/service.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "accounts/password.h"
#include "agencies/access.h"
#include "agencies/credit_code.h"
#include "agencies/service.h"
#include "applications/applicant_checks.h"
#include "applications/case_fees.h"
#include "applications/letters.h"
#include "clock/settings_store.h"
#include "platform/calendar/calendar.h"
#include "platform/files/sniff.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::applications {
namespace {

constexpr const char* kColumns =
    "a.id, a.code, a.agency_id, ag.name, a.stage, a.resume_stage, a.channel, a.submitted_at, a.received_date, "
    "a.applicant_category, a.applicant_name, a.id_type, a.id_number, a.credit_code, a.legal_rep, a.contact_person, "
    "a.phone, a.email, a.address, a.description, a.purpose, a.form_wanted, a.delivery_wanted, a.fee_waiver, "
    "a.assignee_user_id, COALESCE(u.display_name, ''), a.handling_agency_id, a.assign_due, a.outcome, a.outcome_basis, "
    "a.outcome_reasons, a.withheld, a.reply_text, a.reply_date, a.reply_delivery, a.closed_date, a.updated_at";
constexpr const char* kFrom =
    " FROM applications a JOIN agencies ag ON ag.id = a.agency_id LEFT JOIN users u ON u.id = a.assignee_user_id";

// Tracking codes and passwords avoid look-alike characters (0/O, 1/I/L) so they can be read out
// over the phone.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

std::string random_chars(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  return out;
}

constexpr int kMaxFailuresPerCode = 5;
constexpr int kMaxFailuresPerIp = 20;

Case row_to_case(const db::Row& r) {
  Case c;
  size_t i = 0;
  auto s = [&]() { return r[i++].as_string(); };
  c.id = r[i++].as_int();
  c.code = s();
  c.agency_id = r[i++].as_int();
  c.agency_name = s();
  c.stage = stage_from_code(s()).value_or(Stage::kSubmitted);
  const std::string resume = s();
  if (!resume.empty()) c.resume_stage = stage_from_code(resume);
  c.channel = s();
  c.submitted_at = s();
  c.received_date = s();
  c.applicant.category = s();
  c.applicant.name = s();
  c.applicant.id_type = s();
  c.applicant.id_number = s();
  c.applicant.credit_code = s();
  c.applicant.legal_rep = s();
  c.applicant.contact_person = s();
  c.applicant.phone = s();
  c.applicant.email = s();
  c.applicant.address = s();
  c.request.agency_id = c.agency_id;
  c.request.description = s();
  c.request.purpose = s();
  c.request.form = s();
  c.request.delivery = s();
  c.request.fee_waiver = r[i++].as_int() != 0;
  if (!r[i].is_null()) c.assignee_id = r[i].as_int();
  ++i;
  c.assignee_name = s();
  if (!r[i].is_null()) c.handling_agency_id = r[i].as_int();
  ++i;
  c.assign_due = s();
  c.outcome = s();
  c.outcome_basis = s();
  c.outcome_reasons = s();
  c.withheld = s();
  c.reply_text = s();
  c.reply_date = s();
  c.reply_delivery = s();
  c.closed_date = s();
  c.updated_at = s();
  return c;
}

void load_details(db::Db& db, Case& c) {
  for (const auto& r : db.query(
           "SELECT id, kind, date, data_json, actor, created_at FROM application_events WHERE application_id = ? ORDER BY id",
           {c.id})) {
    c.events.push_back({r[0].as_int(), r[1].as_string(), r[2].as_string(), r[3].as_string(), r[4].as_string(),
                        r[5].as_string()});
  }
  for (const auto& r : db.query(
           "SELECT id, kind, name, mime, sha256, size, visible_to_applicant, created_at FROM application_files "
           "WHERE application_id = ? ORDER BY id",
           {c.id})) {
    c.files.push_back({r[0].as_int(), r[1].as_string(), r[2].as_string(), r[3].as_string(), r[4].as_string(),
                       r[5].as_int(), r[6].as_int() != 0, r[7].as_string()});
  }
}

// A strict YYYY-MM-DD date, or nullopt.
std::optional<calendar::Date> strict_date(std::string_view s) {
  auto d = parse_date(s);
  if (!d || format_date(*d) != s) return std::nullopt;
  return d;
}

// Code points of UTF-8 text (lengths users see).
size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool too_long(std::string_view s, size_t max_chars) { return char_count(s) > max_chars; }

// Stores the uploads as blobs and links them to the case; returns field errors for bad files.
Status store_files(db::Db& db, int64_t case_id, const std::vector<Upload>& uploads, std::string_view kind,
                   bool visible) {
  for (const auto& u : uploads) {
    if (u.bytes.empty()) continue;
    auto sniffed = files::sniff_attachment(u.bytes, u.filename);
    if (!sniffed) return Error::field("files", sniffed.error().message);
    const std::string sha = accounts::sha256_hex(u.bytes);
    db.exec("INSERT INTO blobs(sha256, size, mime, data) VALUES (?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
            {sha, static_cast<int64_t>(u.bytes.size()), sniffed->mime, db::Blob{u.bytes}});
    db.exec(
        "INSERT INTO application_files(application_id, kind, name, mime, sha256, size, visible_to_applicant, created_at) "
        "VALUES (?,?,?,?,?,?,?,?)",
        {case_id, std::string(kind), files::safe_download_name(u.filename), sniffed->mime, sha,
         static_cast<int64_t>(u.bytes.size()), visible ? 1 : 0, now_iso()});
  }
  return ok_status();
}

void add_event(db::Db& db, int64_t case_id, std::string_view kind, std::string_view date, const nlohmann::json& data,
               const audit::Actor& actor) {
  db.exec(
      "INSERT INTO application_events(application_id, kind, date, data_json, actor, user_id, created_at) "
      "VALUES (?,?,?,?,?,?,?)",
      {case_id, std::string(kind), std::string(date), data.dump(), actor.name,
       actor.user_id ? db::Value(*actor.user_id) : db::Value(), now_iso()});
}

// The clock text of one event (clock::parse_events form), kept in the event's data.
std::string clock_line(std::string_view kind, std::string_view date, std::string_view rest = "") {
  std::string s = std::string(kind) + " " + std::string(date);
  if (!rest.empty()) s += " " + std::string(rest);
  return s;
}

// A name usable in the clock text (no spaces or separators).
std::string token_safe(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == ' ' || ch == ';' || ch == '\n' || ch == '\t' || ch == '=') continue;
    out += ch;
  }
  return out.empty() ? "负责人" : out;
}

nlohmann::json audit_view(const Case& c) {
  return {{"stage", stage_code(c.stage)},           {"received_date", c.received_date}, {"outcome", c.outcome},
          {"assignee", c.assignee_name},            {"reply_date", c.reply_date},       {"closed_date", c.closed_date},
          {"handling_agency_id", c.handling_agency_id ? nlohmann::json(*c.handling_agency_id) : nlohmann::json()}};
}

bool handling_role(const Principal& p) {
  return p.has(Role::kDrafter) || p.has(Role::kAgencyAdmin) || p.has(Role::kReviewer) || p.has(Role::kSigner);
}

}  // namespace

Status validate_submission(db::Db& db, const Submission& s, bool staff_intake) {
  FieldErrors errs;
  const Applicant& a = s.applicant;
  const auto today = *parse_date(today_cn());
  if (!has_code(kApplicantCategories, a.category)) errs.add("category", "请选择申请人类型");
  const std::string name = text::trim(a.name);
  if (name.empty()) errs.add("name", a.is_person() ? "请填写申请人姓名" : "请填写单位名称");
  else if (too_long(name, 100)) errs.add("name", "名称不能超过100个字");
  if (a.is_person()) {
    auto type = id_type_from_code(a.id_type);
    if (!type) errs.add("id_type", "请选择证件类型");
    else if (auto st = check_id_number(*type, a.id_number, today); !st) errs.add("id_number", st.error().message);
  } else if (has_code(kApplicantCategories, a.category)) {
    if (auto cc = agencies::normalize_credit_code(a.credit_code); !cc) errs.add("credit_code", cc.error().message);
    if (text::trim(a.legal_rep).empty()) errs.add("legal_rep", "请填写法定代表人或负责人");
    if (text::trim(a.contact_person).empty()) errs.add("contact_person", "请填写联系人");
  }
  if (auto st = check_phone(a.phone); !st) errs.add("phone", st.error().message);
  if (!text::trim(a.email).empty()) {
    if (auto st = check_email(a.email); !st) errs.add("email", st.error().message);
  }
  if (too_long(a.address, 200)) errs.add("address", "地址不能超过200个字");
  if (s.request.delivery == "post" && text::trim(a.address).empty()) errs.add("address", "选择邮寄的，请填写通信地址");
  if (s.request.delivery == "email" && text::trim(a.email).empty()) errs.add("email", "选择电子邮件获取的，请填写电子邮箱");
  const std::string desc = text::trim(s.request.description);
  if (desc.empty()) errs.add("description", "请描述所需政府信息的名称、文号或者便于查询的其他特征");
  else if (char_count(desc) < 4) errs.add("description", "描述过短，请写明所需信息的名称、文号或其他特征");
  else if (too_long(desc, kMaxDescription)) errs.add("description", "描述不能超过5000个字");
  if (too_long(s.request.purpose, 1000)) errs.add("purpose", "用途说明不能超过1000个字");
  if (!has_code(kForms, s.request.form)) errs.add("form", "请选择所需信息的形式");
  if (!has_code(kDeliveries, s.request.delivery)) errs.add("delivery", "请选择获取信息的方式");
  auto agency = agencies::get(db, s.request.agency_id);
  if (!agency) errs.add("agency_id", "请选择受理机关");
  if (s.uploads.size() > kMaxUploads) errs.add("files", "最多上传5个文件");
  for (const auto& u : s.uploads) {
    if (u.bytes.size() > kMaxUploadBytes) errs.add("files", "单个文件不能超过10MB");
    else if (!u.bytes.empty()) {
      if (auto k = files::sniff_attachment(u.bytes, u.filename); !k) errs.add("files", k.error().message);
    }
  }
  if (staff_intake) {
    if (!has_code(kChannels, s.channel) || s.channel == "online") errs.add("channel", "请选择收到申请的渠道");
    auto d = strict_date(s.received_date);
    if (!d) errs.add("received_date", "请填写收到申请的日期（YYYY-MM-DD）");
    else if (std::chrono::sys_days{*d} > std::chrono::sys_days{today}) errs.add("received_date", "收到日期不能晚于今天");
    else if (auto info = calendar::current()->day(*d); !info) errs.add("received_date", info.error().message);
  }
  if (!errs.empty()) return errs.to_error();
  return ok_status();
}

namespace {

Result<Receipt> insert_case(db::Db& db, const audit::Actor& actor, const Submission& s, bool staff,
                            std::optional<int64_t> created_by, const BulkOptions& opt) {
  const auto today = *parse_date(today_cn());
  Applicant a = s.applicant;
  a.name = text::trim(a.name);
  a.phone = *normalize_phone(a.phone);
  if (!text::trim(a.email).empty()) a.email = *normalize_email(a.email);
  if (a.is_person()) {
    a.id_number = *normalize_id_number(*id_type_from_code(a.id_type), a.id_number, today);
    a.credit_code.clear();
  } else {
    a.credit_code = *agencies::normalize_credit_code(a.credit_code);
    a.id_type.clear();
    a.id_number.clear();
  }
  Receipt receipt;
  if (!opt.password_hash) receipt.password = random_chars(4) + "-" + random_chars(4);
  const std::string hash = opt.password_hash ? *opt.password_hash : accounts::hash_password(receipt.password);
  const std::string year = today_cn().substr(0, 4);
  const Stage stage = staff ? Stage::kRegistered : Stage::kSubmitted;
  const std::string channel = staff ? s.channel : "online";
  auto st = db.write([&]() -> Status {
    for (int attempt = 0;; ++attempt) {
      receipt.code = year + "-" + random_chars(4) + "-" + random_chars(4);
      if (db.scalar_int("SELECT COUNT(*) FROM applications WHERE code = ?", {receipt.code}) == 0) break;
      if (attempt > 10) throw std::runtime_error("could not allocate a tracking code");
    }
    receipt.id = db.exec(
        "INSERT INTO applications(code, password_hash, agency_id, stage, channel, submitted_at, received_date, "
        "applicant_category, applicant_name, id_type, id_number, credit_code, legal_rep, contact_person, phone, email, "
        "address, description, purpose, form_wanted, delivery_wanted, fee_waiver, created_by, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {receipt.code, hash, s.request.agency_id, std::string(stage_code(stage)), channel, now_iso(),
         staff ? db::Value(s.received_date) : db::Value(), a.category, a.name, a.id_type, a.id_number, a.credit_code,
         text::trim(a.legal_rep), text::trim(a.contact_person), a.phone, text::trim(a.email), text::trim(a.address),
         text::trim(s.request.description), text::trim(s.request.purpose), s.request.form, s.request.delivery,
         s.request.fee_waiver ? 1 : 0, created_by ? db::Value(*created_by) : db::Value(), now_iso()})
                     .last_insert_id;
    if (auto fs = store_files(db, receipt.id, s.uploads, "id_proof", true); !fs) return fs;
    if (staff) {
      add_event(db, receipt.id, "received", s.received_date,
                {{"clock", clock_line("received", s.received_date, channel)}}, actor);
    } else {
      add_event(db, receipt.id, "submitted", today_cn(), nlohmann::json::object(), actor);
    }
    auto c = load(db, receipt.id);
    audit::record(db, actor, s.request.agency_id, "application", receipt.id, "create", nlohmann::json::object(),
                  audit_view(*c));
    return ok_status();
  });
  if (!st) return st.error();
  return receipt;
}

}  // namespace

Result<Receipt> submit_online(db::Db& db, const audit::Actor& actor, const Submission& s, const BulkOptions& opt) {
  if (auto st = validate_submission(db, s, false); !st) return st.error();
  return insert_case(db, actor, s, false, std::nullopt, opt);
}

Result<Receipt> register_by_staff(db::Db& db, const Principal& p, const audit::Actor& actor, const Submission& s,
                                  const BulkOptions& opt) {
  if (auto st = validate_submission(db, s, true); !st) return st.error();
  if (!agencies::can_act_for(db, p, s.request.agency_id) || !(p.has(Role::kDrafter) || p.has(Role::kAgencyAdmin))) {
    return Error::forbidden("您无权为该机关登记申请");
  }
  return insert_case(db, actor, s, true, p.user.id, opt);
}

std::optional<Case> load(db::Db& db, int64_t id) {
  auto rows = db.query(std::string("SELECT ") + kColumns + kFrom + " WHERE a.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  Case c = row_to_case(rows[0]);
  load_details(db, c);
  return c;
}

void load_events(db::Db& db, std::vector<Case>& cases) {
  std::map<int64_t, Case*> by_id;
  std::vector<int64_t> ids;
  for (auto& c : cases) {
    c.events.clear();
    if (by_id.emplace(c.id, &c).second) ids.push_back(c.id);
  }
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    const std::vector<int64_t> chunk(ids.begin() + static_cast<std::ptrdiff_t>(i),
                                     ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + kChunk)));
    db::Params params;
    const std::string in = db::in_list(chunk, params);
    for (const auto& r : db.query("SELECT application_id, id, kind, date, data_json, actor, created_at FROM "
                                  "application_events WHERE application_id IN " + in + " ORDER BY application_id, id",
                                  params)) {
      by_id.at(r.i(0))->events.push_back(
          {r.i(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6)});
    }
  }
}

bool may_handle(db::Db& db, const Principal& p, const Case& c) {
  return agencies::can_act_for(db, p, c.agency_id) && handling_role(p);
}

bool sees_personal_data(db::Db& db, const Principal& p, const Case& c) { return may_handle(db, p, c); }

Result<Case> get_for_staff(db::Db& db, const Principal& p, int64_t id) {
  auto c = load(db, id);
  if (!c) return Error::not_found("该申请不存在");
  if (!agencies::can_read(db, p, c->agency_id)) return Error::forbidden("您无权查看该申请");
  return *c;
}

std::vector<clock::Event> clock_events(const Case& c) {
  std::string text;
  for (const auto& e : c.events) {
    auto data = nlohmann::json::parse(e.data_json, nullptr, false);
    if (data.is_object() && data.contains("clock")) text += data["clock"].get<std::string>() + "\n";
  }
  if (text.empty()) return {};
  auto events = clock::parse_events(text);
  if (!events) {
    spdlog::error("application {}: stored clock events do not parse: {}", c.id, events.error().message);
    return {};
  }
  return *events;
}

Result<clock::Reading> clock_of(const Case& c, calendar::Date today, const clock::Settings& settings) {
  auto events = clock_events(c);
  if (events.empty()) return Error::invalid("not_received", "尚未确认收到申请，答复期限自确认收到之日起计算");
  return clock::evaluate(*calendar::current(), events, today, settings);
}

Result<Case> open_by_code(db::Db& db, std::string_view code_in, std::string_view password_in, std::string_view ip) {
  std::string code = text::trim(code_in);
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char ch) { return std::toupper(ch); });
  std::string password = text::trim(password_in);
  std::transform(password.begin(), password.end(), password.begin(), [](unsigned char ch) { return std::toupper(ch); });
  const std::string key = "application:" + code;
  const std::string cutoff = iso_after(std::chrono::minutes(-15));
  if (db.scalar_int("SELECT COUNT(*) FROM login_failures WHERE username = ? AND at > ?", {key, cutoff}) >=
          kMaxFailuresPerCode ||
      db.scalar_int("SELECT COUNT(*) FROM login_failures WHERE ip = ? AND at > ?", {std::string(ip), cutoff}) >=
          kMaxFailuresPerIp) {
    return Error::too_many("查询失败次数过多，请15分钟后再试");
  }
  auto rows = db.query("SELECT id, password_hash FROM applications WHERE code = ?", {code});
  if (rows.empty() || !accounts::verify_password(password, rows[0][1].as_string())) {
    auto recorded = db.write([&]() -> Status {
      db.exec("INSERT INTO login_failures(username, ip, at) VALUES (?,?,?)", {key, std::string(ip), now_iso()});
      return ok_status();
    });
    (void)recorded;
    return Error::invalid("wrong_code", "查询码或密码不正确");
  }
  return *load(db, rows[0][0].as_int());
}

namespace {

// The event date of an action: given, or today; a real date, not in the future.
Result<std::string> event_date(const ActionInput& in) {
  if (text::trim(in.date).empty()) return today_cn();
  auto d = strict_date(text::trim(in.date));
  if (!d) return Error::field("date", "日期应为 YYYY-MM-DD 格式的有效日期");
  if (format_date(*d) > today_cn()) return Error::field("date", "日期不能晚于今天");
  return format_date(*d);
}

// Open consultations of a case (sent, not yet answered), by ref.
std::vector<std::string> open_consultations(const Case& c) {
  std::vector<std::string> open;
  for (const auto& e : c.events) {
    auto data = nlohmann::json::parse(e.data_json, nullptr, false);
    if (!data.is_object() || !data.contains("ref")) continue;
    const std::string ref = data["ref"].get<std::string>();
    if (e.kind == "consult_sent") open.push_back(ref);
    if (e.kind == "consult_answered") std::erase(open, ref);
  }
  return open;
}

struct Change {
  explicit Change(Case c) : after(std::move(c)) {}
  Case after;
  bool letters = true;  // render the step's letter (BulkOptions)
  std::string event_kind;
  nlohmann::json event_data = nlohmann::json::object();
  std::string date;
  std::optional<std::string> clock;  // the clock line this step adds
};

bool needs_reasons(OutcomeGroup g) { return g != OutcomeGroup::kDisclosed; }

Status prepare(db::Db& db, const Principal& p, const Case& c, const Transition& t, const ActionInput& in, Change& ch) {
  auto date = event_date(in);
  if (!date) return date.error();
  ch.date = *date;
  ch.event_kind = std::string(t.action);
  if (!c.received_date.empty() && ch.date < c.received_date && t.action != "confirm") {
    return Error::field("date", "日期不能早于收到申请之日（" + c.received_date + "）");
  }
  const std::string comment = text::trim(in.comment);
  if (t.needs_comment && comment.empty()) return Error::field("comment", "请说明理由");
  if (!comment.empty()) ch.event_data["comment"] = comment;
  Case& a = ch.after;
  const std::string action(t.action);
  if (action == "confirm") {
    if (ch.date < c.submitted_at.substr(0, 10)) return Error::field("date", "确认日期不能早于提交日期");
    a.received_date = ch.date;
    ch.event_kind = "received";
    ch.clock = clock_line("received", ch.date, c.channel);
  } else if (action == "request_correction") {
    if (in.workdays < 1 || in.workdays > 60) return Error::field("workdays", "补正期限应为1至60个工作日");
    if (text::trim(in.text).empty()) return Error::field("text", "请写明需要补正的事项");
    ch.event_kind = "correction_requested";
    ch.event_data["items"] = text::trim(in.text);
    ch.event_data["workdays"] = in.workdays;
    ch.clock = clock_line("correction_requested", ch.date, "period=" + std::to_string(in.workdays));
  } else if (action == "receive_correction") {
    ch.event_kind = "correction_received";
    ch.clock = clock_line("correction_received", ch.date);
  } else if (action == "lapse_correction" || action == "lapse_fee") {
    a.outcome = action == "lapse_correction" ? "other_no_correction" : "other_no_fee";
    a.outcome_basis = std::string(find_outcome(a.outcome)->basis);
    a.closed_date = ch.date;
  } else if (action == "assign") {
    if (!in.assignee_id && !in.handling_agency_id) return Error::field("assignee_id", "请选择承办人或承办部门");
    if (in.assignee_id) {
      auto rows = db.query("SELECT agency_id, display_name, disabled FROM users WHERE id = ?", {*in.assignee_id});
      if (rows.empty() || rows[0][2].as_int() != 0 || !agencies::in_subtree(db, c.agency_id, rows[0][0].as_int())) {
        return Error::field("assignee_id", "承办人应为本机关或所属部门的在用账号");
      }
      a.assignee_id = in.assignee_id;
      a.assignee_name = rows[0][1].as_string();
      ch.event_data["assignee"] = a.assignee_name;
    }
    if (in.handling_agency_id) {
      if (!agencies::in_subtree(db, c.agency_id, *in.handling_agency_id)) {
        return Error::field("handling_agency_id", "承办部门应为本机关或其所属部门");
      }
      a.handling_agency_id = in.handling_agency_id;
      ch.event_data["handling_agency_id"] = *in.handling_agency_id;
    }
    if (!text::trim(in.assign_due).empty()) {
      auto d = strict_date(text::trim(in.assign_due));
      if (!d || format_date(*d) < ch.date) return Error::field("assign_due", "交办期限应为不早于今天的日期");
      a.assign_due = format_date(*d);
    }
  } else if (action == "consult") {
    if (in.kind != "third_party" && in.kind != "other_agency") return Error::field("kind", "请选择征求第三方还是其他机关的意见");
    const std::string party = text::trim(in.party);
    if (party.empty() || too_long(party, 100)) return Error::field("party", "请填写被征求意见的单位或个人（100字以内）");
    int n = 0;
    for (const auto& e : c.events) n += e.kind == "consult_sent";
    const std::string ref = "C" + std::to_string(n + 1);
    ch.event_kind = "consult_sent";
    ch.event_data["ref"] = ref;
    ch.event_data["party"] = party;
    ch.event_data["consult_kind"] = in.kind;
    ch.clock = clock_line("consult_sent", ch.date, in.kind + " ref=" + ref);
    if (c.stage != Stage::kConsulting) a.resume_stage = c.stage;
  } else if (action == "consult_answered") {
    auto open = open_consultations(c);
    std::string ref = text::trim(in.ref);
    if (ref.empty() && open.size() == 1) ref = open[0];
    if (std::find(open.begin(), open.end(), ref) == open.end()) return Error::field("ref", "请选择收到哪一份征求意见的答复");
    ch.event_data["ref"] = ref;
    if (!text::trim(in.opinion).empty()) ch.event_data["opinion"] = text::trim(in.opinion);
    ch.clock = clock_line("consult_answered", ch.date, "ref=" + ref);
    if (open.size() == 1) {
      a.stage = c.resume_stage.value_or(Stage::kAssigned);
      a.resume_stage.reset();
    }
  } else if (action == "fee_notice") {
    // The quote of 国办函〔2020〕109号 (case_fees.h): one method per case, the amount at most the quote.
    auto q = quote_case_fee(db, c, {in.fee_method, in.pieces, in.pages});
    if (!q) return q.error();
    auto amount = fee_notice_amount(*q, in.amount);
    if (!amount) return amount.error();
    const bool by_piece = q->quote.method == FeeQuote::Method::kByPiece;
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& b : q->quote.bands) {
      bands.push_back({{"from", b.from}, {"to", b.to}, {"price", b.unit_price_yuan}, {"count", b.count},
                       {"subtotal", b.subtotal_yuan}});
    }
    ch.event_data["method"] = std::string(fee_method_code(q->quote.method));
    ch.event_data[by_piece ? "pieces" : "pages"] = q->units;
    if (by_piece) ch.event_data["earlier_this_month"] = q->earlier_this_month;
    ch.event_data["bands"] = bands;
    ch.event_data["quote"] = q->quote.amount_yuan;
    ch.event_data["breakdown"] = q->quote.explanation_zh;
    if (*amount < q->quote.amount_yuan) ch.event_data["reduced"] = true;
    ch.event_data["amount"] = *amount;
    ch.clock = clock_line("fee_notice", ch.date);
    a.resume_stage = c.stage;
  } else if (action == "fee_paid" || action == "fee_waived") {
    ch.clock = clock_line(action, ch.date);
    a.resume_stage.reset();
  } else if (action == "extend") {
    if (in.workdays < 1 || in.workdays > clock::kMaxExtensionWorkdays) return Error::field("workdays", "延长的期限应为1至20个工作日");
    ch.event_kind = "extended";
    ch.event_data["workdays"] = in.workdays;
    ch.event_data["approved_by"] = p.user.display_name;
    ch.clock = clock_line("extended", ch.date,
                          "days=" + std::to_string(in.workdays) + " by=" + token_safe(p.user.display_name));
  } else if (action == "delay") {
    auto until = strict_date(text::trim(in.until));
    if (!until) return Error::field("until", "请填写延迟答复的期限（YYYY-MM-DD）");
    ch.event_kind = "delayed";
    ch.event_data["until"] = format_date(*until);
    ch.clock = clock_line("delayed", ch.date, "until=" + format_date(*until));
  } else if (action == "draft_reply") {
    const Outcome* o = find_outcome(in.outcome);
    if (!o || !o->staff_choice) return Error::field("outcome", "请选择答复类型");
    const std::string reasons = text::trim(in.reasons);
    if (needs_reasons(o->group) && reasons.empty()) return Error::field("reasons", "请写明理由（" + std::string(o->label) + "）");
    if (o->group == OutcomeGroup::kPartial && text::trim(in.withheld).empty()) {
      return Error::field("withheld", "部分公开的，请写明不予公开的内容及其依据");
    }
    if (too_long(reasons, 5000) || too_long(in.reply_text, 20000) || too_long(in.withheld, 5000)) {
      return Error::field("reasons", "内容过长");
    }
    a.outcome = std::string(o->code);
    a.outcome_basis = text::trim(in.basis).empty() ? std::string(o->basis) : text::trim(in.basis);
    a.outcome_reasons = reasons;
    a.withheld = o->group == OutcomeGroup::kPartial ? text::trim(in.withheld) : "";
    a.reply_text = text::trim(in.reply_text);
    ch.event_data["outcome"] = a.outcome;
  } else if (action == "sign") {
    if (c.outcome.empty()) return Error::invalid("no_reply", "尚未拟写答复");
  } else if (action == "deliver") {
    static const std::array<std::string_view, 5> kWays = {"direct", "entrusted", "post", "email", "online"};
    if (std::find(kWays.begin(), kWays.end(), in.delivery) == kWays.end()) return Error::field("delivery", "请选择送达方式");
    // 国办公开办函〔2016〕235号: post counts on the day of posting; electronic delivery on the day sent.
    const std::string clock_way = in.delivery == "post" ? "post" : (in.delivery == "entrusted" ? "entrusted" : "direct");
    a.reply_date = ch.date;
    a.reply_delivery = in.delivery;
    a.closed_date = ch.date;
    ch.event_kind = "replied";
    ch.event_data["delivery"] = in.delivery;
    ch.clock = clock_line("replied", ch.date, clock_way);
  } else if (action == "withdraw") {
    a.outcome = "other";
    a.outcome_reasons = "申请人撤回申请：" + comment;
    a.closed_date = ch.date;
    ch.event_kind = "withdrawn";
    if (!c.received_date.empty()) ch.clock = clock_line("withdrawn", ch.date);
  }
  return ok_status();
}

// The letter a step issues (letters.h: 补正告知书, 延期答复告知书, 征求意见函, 收费通知书, 答复书), with
// the values it needs from the step and the clock; issued inside the step's transaction, its number
// recorded in the event ("letter_no"). Steps that issue no letter are left alone.
Status issue_step_letter(db::Db& db, const Case& before, const Transition& t, Change& ch) {
  const auto kind = letter_kind_of_action(t.action);
  if (!kind) return ok_status();
  const nlohmann::json& d = ch.event_data;
  // The deadlines the letter states, from the clock with or without this step's event. The clock
  // has accepted the events already, so the only failure left is a year whose holiday schedule is
  // not loaded yet: the letter then states the deadline in words rather than guess a day.
  auto reading = [&](bool with_step) -> std::optional<clock::Reading> {
    std::vector<clock::Event> events = clock_events(before);
    if (with_step && ch.clock) events.push_back(clock::parse_events(*ch.clock)->front());
    auto r = clock::evaluate(*calendar::current(), events, *parse_date(today_cn()), clock::load_settings(db));
    return r ? std::optional(*r) : std::nullopt;
  };
  LetterValues v;
  v.date = ch.date;
  if (*kind == LetterKind::kCorrectionNotice) {
    v.correction_items = d.value("items", "");
    v.correction_workdays = d.value("workdays", 0);
  } else if (*kind == LetterKind::kExtensionNotice) {
    v.extension_workdays = d.value("workdays", 0);
    v.reason = d.value("comment", "");
    auto prior = reading(false);
    auto now = reading(true);
    v.reply_due = prior && prior->due ? format_date(*prior->due) : "法定答复期限届满之日";
    v.extended_due = now && now->due ? format_date(*now->due)
                                     : "原答复期限届满后第" + std::to_string(v.extension_workdays) + "个工作日";
  } else if (*kind == LetterKind::kConsultationLetter) {
    v.party = d.value("party", "");
    v.consult_kind = d.value("consult_kind", "");
  } else if (*kind == LetterKind::kFeeNotice) {
    v.fee_amount = d.value("amount", int64_t{0});
    v.fee_method = d.value("method", "");
    v.fee_breakdown = d.value("breakdown", "");
    if (d.value("reduced", false)) {
      v.fee_breakdown += "经本机关决定，减按" + std::to_string(v.fee_amount) + "元收取。";
    }
    v.fee_due = "本通知发出之日起第" + std::to_string(clock::kFeePaymentWorkdays) + "个工作日";
    if (auto now = reading(true)) {
      for (const auto& l : now->limits) {
        if (l.key == "fee_payment") v.fee_due = format_date(l.due);
      }
    }
  } else if (*kind == LetterKind::kReply) {
    v.reconsideration_body = reconsideration_body(db, before.agency_id);
  }
  auto letter = issue_letter(db, ch.after, *kind, v);
  if (!letter) return letter.error();
  ch.event_data["letter_no"] = letter->number;
  return ok_status();
}

Result<Case> apply_change(db::Db& db, const audit::Actor& actor, const Case& before, const Transition& t,
                          Change& ch) {
  // The clock must accept the events with this step added (order, limits, 视为放弃 only after lapse).
  const auto today = *parse_date(today_cn());
  std::vector<clock::Event> events = clock_events(before);
  if (ch.clock) {
    auto added = clock::parse_events(*ch.clock);
    if (!added) return added.error();
    events.push_back(added->front());
    ch.event_data["clock"] = *ch.clock;
  }
  if (!events.empty()) {
    auto reading = clock::evaluate(*calendar::current(), events, today);
    if (!reading && reading.error().code != "calendar_year_missing") return reading.error();
    if (t.action == "lapse_correction" || t.action == "lapse_fee") {
      auto prior = clock::evaluate(*calendar::current(), clock_events(before), today);
      if (!prior || prior->phase != clock::Phase::kAbandoned) {
        return Error::invalid("not_lapsed", t.action == "lapse_correction" ? "补正期限尚未届满，不能视为放弃"
                                                                           : "缴费期限尚未届满，不能视为放弃");
      }
    }
  }
  Case& a = ch.after;
  const Stage resume = before.resume_stage.value_or(Stage::kAssigned);
  if (t.action != "consult_answered") a.stage = target(t, before.stage, resume);
  if (t.kind == To::kResume) a.resume_stage.reset();
  auto st = db.write([&]() -> Status {
    // First, so that a letter that cannot be made leaves nothing behind even in an outer transaction.
    if (ch.letters) {
      if (auto letter = issue_step_letter(db, before, t, ch); !letter) return letter;
    }
    const int64_t changed = db.exec(
        "UPDATE applications SET stage=?, resume_stage=?, received_date=?, assignee_user_id=?, handling_agency_id=?, "
        "assign_due=?, outcome=?, outcome_basis=?, outcome_reasons=?, withheld=?, reply_text=?, reply_date=?, "
        "reply_delivery=?, closed_date=?, updated_at=? WHERE id=? AND updated_at=?",
        {std::string(stage_code(a.stage)),
         a.resume_stage ? db::Value(std::string(stage_code(*a.resume_stage))) : db::Value(),
         a.received_date.empty() ? db::Value() : db::Value(a.received_date),
         a.assignee_id ? db::Value(*a.assignee_id) : db::Value(),
         a.handling_agency_id ? db::Value(*a.handling_agency_id) : db::Value(), a.assign_due, a.outcome,
         a.outcome_basis, a.outcome_reasons, a.withheld, a.reply_text, a.reply_date, a.reply_delivery, a.closed_date,
         now_iso(), before.id, before.updated_at})
                                .changes;
    if (changed != 1) return Error::conflict("stale", "该申请刚被其他人修改，请刷新后再试");
    add_event(db, before.id, ch.event_kind, ch.date, ch.event_data, actor);
    audit::record(db, actor, before.agency_id, "application", before.id, t.action, audit_view(before), audit_view(a),
                  ch.event_data.value("comment", ""));
    return ok_status();
  });
  if (!st) return st.error();
  return *load(db, before.id);
}

}  // namespace

Result<Case> act(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id, std::string_view action,
                 const ActionInput& in, const BulkOptions& opt) {
  auto c = load(db, id);
  if (!c) return Error::not_found("该申请不存在");
  if (!agencies::can_act_for(db, p, c->agency_id)) return Error::forbidden("您无权办理该申请");
  const Transition* t = find_transition(action, c->stage);
  if (!t) return Error::invalid("not_allowed", "该申请当前“" + std::string(stage_label(c->stage)) + "”，不能进行此操作");
  if (!role_may(*t, p.user.roles)) return Error::forbidden("您的角色不能进行“" + std::string(t->label) + "”");
  Change ch(*c);
  ch.letters = opt.letters;
  if (auto st = prepare(db, p, *c, *t, in, ch); !st) return st.error();
  return apply_change(db, actor, *c, *t, ch);
}

Result<Case> applicant_correct(db::Db& db, const audit::Actor& actor, int64_t id, std::string_view text_in,
                               const std::vector<Upload>& uploads) {
  auto c = load(db, id);
  if (!c) return Error::not_found("该申请不存在");
  const Transition* t = find_transition("receive_correction", c->stage);
  if (!t) return Error::invalid("not_allowed", "该申请当前不需要补正");
  const std::string body = text::trim(text_in);
  if (body.empty() && uploads.empty()) return Error::field("text", "请填写补正内容或上传补正材料");
  if (too_long(body, kMaxDescription)) return Error::field("text", "补正内容不能超过5000个字");
  if (uploads.size() > kMaxUploads) return Error::field("files", "最多上传5个文件");
  for (const auto& u : uploads) {
    if (u.bytes.size() > kMaxUploadBytes) return Error::field("files", "单个文件不能超过10MB");
  }
  Change ch(*c);
  if (auto st = prepare(db, Principal{}, *c, *t, ActionInput{}, ch); !st) return st.error();
  if (!body.empty()) ch.event_data["text"] = body;
  ch.event_data["by_applicant"] = true;
  // The files go in with the step: a bad file refuses the whole 补正.
  for (const auto& u : uploads) {
    if (auto k = files::sniff_attachment(u.bytes, u.filename); !u.bytes.empty() && !k) return Error::field("files", k.error().message);
  }
  auto r = apply_change(db, actor, *c, *t, ch);
  if (!r) return r;
  auto st = db.write([&]() -> Status { return store_files(db, id, uploads, "correction", true); });
  if (!st) return st.error();
  return *load(db, id);
}

Result<Case> applicant_withdraw(db::Db& db, const audit::Actor& actor, int64_t id, std::string_view reason) {
  auto c = load(db, id);
  if (!c) return Error::not_found("该申请不存在");
  const Transition* t = find_transition("withdraw", c->stage);
  if (!t) return Error::invalid("not_allowed", "该申请已办结，不能撤回");
  ActionInput in;
  in.comment = text::trim(reason).empty() ? "申请人在线撤回" : text::trim(reason);
  Change ch(*c);
  if (auto st = prepare(db, Principal{}, *c, *t, in, ch); !st) return st.error();
  ch.event_data["by_applicant"] = true;
  return apply_change(db, actor, *c, *t, ch);
}

CasePage list_cases(db::Db& db, const ListFilter& f) {
  CasePage page;
  page.page = std::max(1, f.page);
  page.per_page = std::clamp(f.per_page, 1, 200);
  if (f.agency_scope.empty()) return page;
  db::Params params;
  std::string where = " WHERE a.agency_id IN " + db::in_list(f.agency_scope, params);
  if (f.stage == "open") {
    where += " AND a.stage NOT IN ('closed','withdrawn')";
  } else if (!f.stage.empty()) {
    where += " AND a.stage = ?";
    params.push_back(f.stage);
  }
  if (!text::trim(f.q).empty()) {
    where += " AND (a.code = ? OR instr(a.description, ?) > 0)";
    std::string q = text::trim(f.q);
    params.push_back(q);
    params.push_back(q);
  }
  page.total = db.query(std::string("SELECT COUNT(*)") + kFrom + where, params)[0][0].as_int();
  params.push_back(static_cast<int64_t>(page.per_page));
  params.push_back(static_cast<int64_t>((page.page - 1) * page.per_page));
  for (const auto& r : db.query(std::string("SELECT ") + kColumns + kFrom + where +
                                    " ORDER BY COALESCE(a.received_date, substr(a.submitted_at, 1, 10)) DESC, a.id DESC "
                                    "LIMIT ? OFFSET ?",
                                params)) {
    page.cases.push_back(row_to_case(r));
  }
  return page;
}

nlohmann::json to_json(const Case& c, bool personal) {
  const Applicant& a = c.applicant;
  nlohmann::json applicant = {
      {"category", a.category},
      {"category_label", label_of(kApplicantCategories, a.category)},
      {"name", personal || !a.is_person() ? a.name : mask_name(a.name)},
      {"phone", personal ? a.phone : mask_phone(a.phone)},
      {"email", personal ? a.email : mask_email(a.email)},
  };
  if (a.is_person()) {
    applicant["id_type"] = a.id_type;
    applicant["id_type_label"] = label_of(kIdTypes, a.id_type);
    applicant["id_number"] = personal ? a.id_number : mask_id(a.id_number);
  } else {
    applicant["credit_code"] = a.credit_code;
    applicant["legal_rep"] = a.legal_rep;
    applicant["contact_person"] = personal ? a.contact_person : mask_name(a.contact_person);
  }
  if (personal) applicant["address"] = a.address;
  const Outcome* o = find_outcome(c.outcome);
  return {{"id", c.id},
          {"code", c.code},
          {"agency_id", c.agency_id},
          {"agency_name", c.agency_name},
          {"stage", stage_code(c.stage)},
          {"stage_label", stage_label(c.stage)},
          {"channel", c.channel},
          {"channel_label", label_of(kChannels, c.channel)},
          {"submitted_at", c.submitted_at},
          {"received_date", c.received_date},
          {"applicant", applicant},
          {"description", c.request.description},
          {"purpose", c.request.purpose},
          {"form", c.request.form},
          {"form_label", label_of(kForms, c.request.form)},
          {"delivery", c.request.delivery},
          {"delivery_label", label_of(kDeliveries, c.request.delivery)},
          {"fee_waiver", c.request.fee_waiver},
          {"assignee", c.assignee_name},
          {"assign_due", c.assign_due},
          {"outcome", c.outcome},
          {"outcome_label", o ? std::string(o->label) : ""},
          {"outcome_basis", c.outcome_basis},
          {"outcome_reasons", c.outcome_reasons},
          {"withheld", c.withheld},
          {"reply_date", c.reply_date},
          {"reply_delivery", c.reply_delivery},
          {"closed_date", c.closed_date}};
}

}  // namespace gk::applications
