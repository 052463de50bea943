// Applications in the JSON API: the public submission and status (by tracking code and password),
// and the staff endpoints (bearer token) to list cases, read one, and take the steps the transition
// table allows, the reply included. Documented in docs/api.md.
#include "agencies/access.h"
#include "applications/service.h"
#include "clock/settings_store.h"
#include "notify/receipt.h"
#include "platform/time.h"
#include "web/clock_view.h"
#include "web/json_body.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using json = nlohmann::json;

// A string field of the body ("" when absent); a field of another type is an error.
bool read_string(const json& body, const char* key, std::string& out, FieldErrors& errs) {
  if (!body.contains(key) || body[key].is_null()) return true;
  if (!body[key].is_string()) {
    errs.add(key, std::string(key) + " 应为字符串");
    return false;
  }
  out = body[key].get<std::string>();
  return true;
}

Result<applications::Submission> submission_of(const json& body) {
  static const std::set<std::string> kKnown = {
      "agency_id", "category", "name", "id_type", "id_number", "credit_code", "legal_rep", "contact_person", "phone",
      "email", "address", "description", "purpose", "form", "delivery", "fee_waiver"};
  FieldErrors errs;
  for (const auto& [k, _] : body.items()) {
    if (!kKnown.contains(k)) errs.add(k, "不支持的字段：" + k);
  }
  applications::Submission s;
  auto& a = s.applicant;
  read_string(body, "category", a.category, errs);
  read_string(body, "name", a.name, errs);
  read_string(body, "id_type", a.id_type, errs);
  read_string(body, "id_number", a.id_number, errs);
  read_string(body, "credit_code", a.credit_code, errs);
  read_string(body, "legal_rep", a.legal_rep, errs);
  read_string(body, "contact_person", a.contact_person, errs);
  read_string(body, "phone", a.phone, errs);
  read_string(body, "email", a.email, errs);
  read_string(body, "address", a.address, errs);
  read_string(body, "description", s.request.description, errs);
  read_string(body, "purpose", s.request.purpose, errs);
  read_string(body, "form", s.request.form, errs);
  read_string(body, "delivery", s.request.delivery, errs);
  if (body.contains("agency_id")) {
    if (body["agency_id"].is_number_integer()) s.request.agency_id = body["agency_id"].get<int64_t>();
    else errs.add("agency_id", "agency_id 应为整数");
  }
  if (body.contains("fee_waiver")) {
    if (body["fee_waiver"].is_boolean()) s.request.fee_waiver = body["fee_waiver"].get<bool>();
    else errs.add("fee_waiver", "fee_waiver 应为 true 或 false");
  }
  if (!errs.empty()) return errs.to_error();
  return s;
}

Result<applications::ActionInput> action_of(const json& body, std::string& action) {
  static const std::set<std::string> kKnown = {
      "action", "date", "workdays", "kind", "party", "ref", "opinion", "assignee_id", "handling_agency_id",
      "assign_due", "outcome", "basis", "reasons", "withheld", "reply_text", "delivery", "until", "amount", "text",
      "comment", "fee_method", "pieces", "pages"};
  FieldErrors errs;
  for (const auto& [k, _] : body.items()) {
    if (!kKnown.contains(k)) errs.add(k, "不支持的字段：" + k);
  }
  applications::ActionInput in;
  read_string(body, "action", action, errs);
  if (action.empty()) errs.add("action", "请给出 action");
  for (const auto& [key, field] : std::vector<std::pair<const char*, std::string*>>{
           {"date", &in.date}, {"kind", &in.kind}, {"party", &in.party}, {"ref", &in.ref}, {"opinion", &in.opinion},
           {"assign_due", &in.assign_due}, {"outcome", &in.outcome}, {"basis", &in.basis}, {"reasons", &in.reasons},
           {"withheld", &in.withheld}, {"reply_text", &in.reply_text}, {"delivery", &in.delivery},
           {"until", &in.until}, {"amount", &in.amount}, {"text", &in.text}, {"comment", &in.comment},
           {"fee_method", &in.fee_method}, {"pieces", &in.pieces}, {"pages", &in.pages}}) {
    read_string(body, key, *field, errs);
  }
  if (body.contains("workdays")) {
    if (body["workdays"].is_number_integer() && body["workdays"].get<int64_t>() >= 0 && body["workdays"].get<int64_t>() <= 1000) {
      in.workdays = static_cast<int>(body["workdays"].get<int64_t>());
    } else {
      errs.add("workdays", "workdays 应为 0 至 1000 的整数");
    }
  }
  for (const auto& [key, field] : std::vector<std::pair<const char*, std::optional<int64_t>*>>{
           {"assignee_id", &in.assignee_id}, {"handling_agency_id", &in.handling_agency_id}}) {
    if (!body.contains(key) || body[key].is_null()) continue;
    if (body[key].is_number_integer()) *field = body[key].get<int64_t>();
    else errs.add(key, std::string(key) + " 应为整数");
  }
  if (!errs.empty()) return errs.to_error();
  return in;
}

json actions_of(db::Db& db, const accounts::Principal& p, const applications::Case& k) {
  json out = json::array();
  if (!applications::may_handle(db, p, k)) return out;
  std::set<std::string> seen;
  for (const auto* t : applications::allowed_transitions(k.stage, p.user.roles)) {
    if (!seen.insert(std::string(t->action)).second) continue;
    out.push_back({{"action", t->action}, {"label", t->label}, {"needs_comment", t->needs_comment}});
  }
  return out;
}

json case_json(db::Db& db, const applications::Case& k, bool personal) {
  json j = applications::to_json(k, personal);
  const std::string today = today_cn();
  auto reading = applications::clock_of(k, *parse_date(today), clock::load_settings(db));
  j["clock"] = reading ? clock::to_json(*reading) : json(nullptr);
  return j;
}

}  // namespace

void register_applications_api(Routes& r) {
  r.post("/api/v1/applications", Access::kApiPublic, [](Ctx& c) {
    auto body = json_body(c.req);
    if (!body) return body_error(body.error());
    auto s = submission_of(*body);
    if (!s) return json_error(s.error());
    auto receipt = applications::submit_online(c.db, c.actor(), *s);
    if (!receipt) return json_error(receipt.error());
    notify::application_received(c.db, *applications::load(c.db, receipt->id), "查询密码已在提交申请时返回，请妥善保存。");
    return json_ok({{"code", receipt->code},
                    {"password", receipt->password},
                    {"stage", "submitted"},
                    {"note", "请保存查询码和查询密码；网上申请以双方确认之日为收到申请之日"}},
                   201);
  });

  r.get("/api/v1/applications/{code}", Access::kApiPublic, [](Ctx& c) {
    auto k = applications::open_by_code(c.db, c.req.param("code"), c.req.query("password"), c.req.remote_ip);
    if (!k) return json_error(k.error());
    json j = case_json(c.db, *k, false);
    j.erase("id");
    j.erase("assignee");
    j.erase("assign_due");
    return json_ok(j);
  });

  r.get("/api/v1/staff/applications", Access::kApiToken, [](Ctx& c) {
    applications::ListFilter f;
    f.agency_scope = agencies::readable_agencies(c.db, c.me());
    f.stage = c.req.query("stage");
    f.q = c.req.query("q");
    f.page = page_number(c.req);
    f.per_page = 50;
    auto page = applications::list_cases(c.db, f);
    json list = json::array();
    for (const auto& k : page.cases) list.push_back(case_json(c.db, k, applications::sees_personal_data(c.db, c.me(), k)));
    return json_ok({{"total", page.total}, {"page", page.page}, {"pages", page.pages()}, {"applications", list}});
  });

  r.get("/api/v1/staff/applications/{id}", Access::kApiToken, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return json_error(Error::not_found("该申请不存在"));
    auto k = applications::get_for_staff(c.db, c.me(), *id);
    if (!k) return json_error(k.error());
    json j = case_json(c.db, *k, applications::sees_personal_data(c.db, c.me(), *k));
    json events = json::array();
    for (const auto& e : k->events) {
      json data = json::parse(e.data_json, nullptr, false);
      if (data.is_object()) data.erase("clock");
      events.push_back({{"kind", e.kind}, {"date", e.date}, {"actor", e.actor}, {"data", data}});
    }
    j["events"] = events;
    j["actions"] = actions_of(c.db, c.me(), *k);
    return json_ok(j);
  });

  r.post("/api/v1/staff/applications/{id}/actions", Access::kApiToken, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return json_error(Error::not_found("该申请不存在"));
    auto body = json_body(c.req);
    if (!body) return body_error(body.error());
    std::string action;
    auto in = action_of(*body, action);
    if (!in) return json_error(in.error());
    auto k = applications::act(c.db, c.me(), c.actor(), *id, action, *in);
    if (!k) return json_error(k.error());
    json j = case_json(c.db, *k, applications::sees_personal_data(c.db, c.me(), *k));
    j["actions"] = actions_of(c.db, c.me(), *k);
    return json_ok(j);
  });
}

}  // namespace gk::web
