// The public side of applications: the application form (/apply), the receipt with the tracking
// code and password, and the status page where the applicant follows the case, answers a 补正
// request, withdraws or downloads the letters addressed to them (/apply/status). Works without
// JavaScript; no page shows another person's data.
#include "agencies/service.h"
#include "applications/case_files.h"
#include "applications/service.h"
#include "clock/settings_store.h"
#include "notify/receipt.h"
#include "platform/calendar/calendar.h"
#include "platform/files/sniff.h"
#include "platform/time.h"
#include "web/clock_view.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using applications::Submission;
using directory::FormField;

template <size_t N>
nlohmann::json options(const std::array<applications::Label, N>& table, const std::string& selected,
                       std::string_view placeholder = "") {
  nlohmann::json out = nlohmann::json::array();
  if (!placeholder.empty()) out.push_back({{"value", ""}, {"label", placeholder}, {"selected", selected.empty()}});
  for (const auto& l : table) out.push_back({{"value", l.code}, {"label", l.label}, {"selected", l.code == selected}});
  return out;
}

nlohmann::json agency_choices(db::Db& db, int64_t selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""}, {"label", "请选择受理机关"}, {"selected", selected == 0}});
  for (const auto& e : agencies::tree(db)) {
    out.push_back({{"value", std::to_string(e.agency.id)},
                   {"label", directory::tree_indent(e.depth) + e.agency.name},
                   {"selected", e.agency.id == selected}});
  }
  return out;
}

Submission submission_from(const http::Request& req) {
  Submission s;
  auto& a = s.applicant;
  a.category = req.form("category");
  a.name = req.form("name");
  a.id_type = req.form("id_type");
  a.id_number = req.form("id_number");
  a.credit_code = req.form("credit_code");
  a.legal_rep = req.form("legal_rep");
  a.contact_person = req.form("contact_person");
  a.phone = req.form("phone");
  a.email = req.form("email");
  a.address = req.form("address");
  s.request.agency_id = parse_id(req.form("agency_id")).value_or(0);
  s.request.description = req.form("description");
  s.request.purpose = req.form("purpose");
  s.request.form = req.form("form");
  s.request.delivery = req.form("delivery");
  s.request.fee_waiver = req.form("fee_waiver") == "1";
  s.channel = req.form("channel");
  s.received_date = req.form("received_date");
  for (const auto& f : req.files()) {
    if (f.field == "files" && !f.data.empty()) s.uploads.push_back({f.filename, f.data});
  }
  return s;
}

}  // namespace

// A case file as a download (also used by the back office): its own type, a safe name, never shown
// inline.
http::Response file_download(const applications::FileContent& f) {
  auto res = http::Response::text(f.bytes, f.file.mime);
  res.header("Content-Disposition",
             "attachment; filename*=UTF-8''" + http::url_encode(files::safe_download_name(f.file.name)));
  return res;
}

// The application form's fields (shared with the staff intake form, which adds channel and date).
nlohmann::json application_form_fields(db::Db& db, const Submission& s, const nlohmann::json& errors) {
  const auto& a = s.applicant;
  nlohmann::json f;
  f["agency"] = FormField("agency_id", "受理机关", std::to_string(s.request.agency_id), errors)
                    .required()
                    .select(agency_choices(db, s.request.agency_id))
                    .hint("向掌握该信息的机关提出申请；不确定的，可选择县人民政府")
                    .json();
  nlohmann::json cats = nlohmann::json::array();
  for (const auto& c : applications::kApplicantCategories) {
    cats.push_back({{"value", c.code},
                    {"label", c.code == "person" ? std::string("自然人") : "法人或其他组织：" + std::string(c.label)},
                    {"checked", a.category == c.code || (a.category.empty() && c.code == "person")}});
  }
  f["categories"] = cats;
  f["category_error"] = errors.value("category", "");
  f["name"] = FormField("name", "申请人姓名或单位名称", a.name, errors).required().autocomplete("name").maxlength(100).json();
  f["id_type"] = FormField("id_type", "证件类型", a.id_type.empty() ? "resident_id" : a.id_type, errors)
                     .select(options(applications::kIdTypes, a.id_type.empty() ? "resident_id" : a.id_type))
                     .json();
  f["id_number"] = FormField("id_number", "证件号码", a.id_number, errors).maxlength(30).json();
  f["credit_code"] = FormField("credit_code", "统一社会信用代码", a.credit_code, errors).maxlength(18)
                         .hint("18位，如 91350100M000100Y43").json();
  f["legal_rep"] = FormField("legal_rep", "法定代表人或负责人", a.legal_rep, errors).maxlength(50).json();
  f["contact_person"] = FormField("contact_person", "联系人", a.contact_person, errors).maxlength(50).json();
  f["phone"] = FormField("phone", "联系电话", a.phone, errors).required().type("tel").autocomplete("tel")
                   .hint("手机或固定电话，如 13812341234 或 0571-87654321").json();
  f["email"] = FormField("email", "电子邮箱", a.email, errors).type("email").autocomplete("email").maxlength(254).json();
  f["address"] = FormField("address", "通信地址", a.address, errors).autocomplete("street-address").maxlength(200)
                     .hint("选择邮寄的必须填写").json();
  f["description"] = FormField("description", "所需政府信息的描述", s.request.description, errors)
                         .required()
                         .textarea(5)
                         .hint("写明信息的名称、文号，或者便于查询的其他特征（如发文机关、时间、事项）")
                         .json();
  f["purpose"] = FormField("purpose", "用途（选填）", s.request.purpose, errors).textarea(2).json();
  f["form"] = FormField("form", "所需信息的形式", s.request.form, errors)
                  .required()
                  .select(options(applications::kForms, s.request.form, "请选择"))
                  .json();
  f["delivery"] = FormField("delivery", "获取信息的方式", s.request.delivery, errors)
                      .required()
                      .select(options(applications::kDeliveries, s.request.delivery, "请选择"))
                      .json();
  f["fee_waiver"] = s.request.fee_waiver;
  f["files_error"] = errors.value("files", "");
  return f;
}

namespace {

http::Response form_page(Ctx& c, const Submission& s, const Error* err, int status) {
  nlohmann::json errors = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  nlohmann::json data = {{"f", application_form_fields(c.db, s, errors)}, {"errors", errors}};
  if (err) data["error_message"] = err->message;
  return page(c, "apply", data, "政府信息公开申请", status);
}

// The expected reply date if the application is confirmed today.
nlohmann::json expected(db::Db& db) {
  const auto today = *parse_date(today_cn());
  std::vector<clock::Event> events(1);
  events[0].type = clock::EventType::kReceived;
  events[0].date = today;
  auto r = clock::evaluate(*calendar::current(), events, today, clock::load_settings(db));
  if (!r || !r->due) return nullptr;
  return format_date(*r->due);
}

// The status page of a case opened by code and password; the password travels in the page's own
// forms (never in a URL) so the applicant can act on it.
http::Response status_page(Ctx& c, const applications::Case& k, const std::string& code, const std::string& password,
                           const Error* err, int status) {
  nlohmann::json data = applications::to_json(k, false);
  data["code"] = code;
  data["password"] = password;
  data["errors"] = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  if (err) data["error_message"] = err->message;
  const std::string today = today_cn();
  auto reading = applications::clock_of(k, *parse_date(today), clock::load_settings(c.db));
  if (reading) data["clock"] = clock_view(*reading, today);
  else data["clock_note"] = reading.error().message;
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& e : k.events) {
    auto d = nlohmann::json::parse(e.data_json, nullptr, false);
    std::string label;
    if (e.kind == "submitted") label = "在线提交申请";
    else if (e.kind == "received") label = "确认收到申请";
    else if (e.kind == "correction_requested") label = "告知补正：" + d.value("items", std::string());
    else if (e.kind == "correction_received") label = "收到补正";
    else if (e.kind == "consult_sent") label = "征求意见（答复期限不计算征求意见的时间）";
    else if (e.kind == "consult_answered") label = "收到意见";
    else if (e.kind == "extended") label = "延长答复期限" + std::to_string(d.value("workdays", 0)) + "个工作日";
    else if (e.kind == "delayed") label = "确定延迟答复期限至" + d.value("until", std::string());
    else if (e.kind == "fee_notice") label = "发出收费通知";
    else if (e.kind == "fee_paid") label = "已缴费";
    else if (e.kind == "replied") label = "作出答复并送达";
    else if (e.kind == "withdrawn") label = "申请已撤回";
    else if (e.kind == "accept") label = "受理";
    else continue;  // internal steps (assignment, review) are not the applicant's business
    steps.push_back({{"date", e.date}, {"label", label}});
  }
  data["steps"] = steps;
  data["can_correct"] = k.stage == applications::Stage::kCorrection;
  data["can_withdraw"] = !applications::is_closed(k.stage);
  if (k.stage == applications::Stage::kCorrection) {
    for (auto it = k.events.rbegin(); it != k.events.rend(); ++it) {
      if (it->kind == "correction_requested") {
        data["correction_items"] = nlohmann::json::parse(it->data_json, nullptr, false).value("items", "");
        break;
      }
    }
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : k.files) {
    if (f.visible_to_applicant && f.kind == "letter") files.push_back({{"id", f.id}, {"name", f.name}});
  }
  data["letters"] = files;
  data["has_letters"] = !files.empty();
  data["closed"] = applications::is_closed(k.stage);
  return page(c, "apply_status", data, "申请办理进度", status);
}

// Re-opens the case from the code and password posted with an applicant's action.
Result<applications::Case> reopen(Ctx& c) {
  return applications::open_by_code(c.db, c.req.form("code"), c.req.form("password"), c.req.remote_ip);
}

}  // namespace

void register_applications_public(Routes& r) {
  r.get("/apply", Access::kPublic, [](Ctx& c) {
    Submission s;
    s.request.agency_id = parse_id(c.req.query("agency")).value_or(0);
    return form_page(c, s, nullptr, 200);
  });

  r.post("/apply", Access::kPublic, [](Ctx& c) {
    Submission s = submission_from(c.req);
    s.channel.clear();
    s.received_date.clear();
    auto receipt = applications::submit_online(c.db, c.actor(), s);
    if (!receipt) return form_page(c, s, &receipt.error(), receipt.error().http_status());
    auto k = applications::load(c.db, receipt->id);
    notify::application_received(c.db, *k, "查询密码已在提交成功的页面上显示，请妥善保存。");
    nlohmann::json data = {{"code", receipt->code},
                           {"password", receipt->password},
                           {"agency_name", k->agency_name},
                           {"submitted", k->submitted_at.substr(0, 10)},
                           {"expected_due", expected(c.db)},
                           {"email", k->applicant.email}};
    return page(c, "apply_receipt", data, "申请已提交");
  });

  r.get("/apply/status", Access::kPublic, [](Ctx& c) {
    return page(c, "apply_lookup", {{"code", c.req.query("code")}, {"errors", nlohmann::json::object()}}, "查询申请办理进度");
  });

  r.post("/apply/status", Access::kPublic, [](Ctx& c) {
    auto k = reopen(c);
    if (!k) {
      nlohmann::json data = {{"code", c.req.form("code")}, {"error_message", k.error().message},
                             {"errors", nlohmann::json::object()}};
      return page(c, "apply_lookup", data, "查询申请办理进度", k.error().http_status());
    }
    return status_page(c, *k, c.req.form("code"), c.req.form("password"), nullptr, 200);
  });

  r.post("/apply/status/correct", Access::kPublic, [](Ctx& c) {
    auto k = reopen(c);
    if (!k) return error_page(c, k.error());
    std::vector<applications::Upload> uploads;
    for (const auto& f : c.req.files()) {
      if (f.field == "files" && !f.data.empty()) uploads.push_back({f.filename, f.data});
    }
    auto done = applications::applicant_correct(c.db, c.actor(), k->id, c.req.form("text"), uploads);
    if (!done) return status_page(c, *k, c.req.form("code"), c.req.form("password"), &done.error(), done.error().http_status());
    return status_page(c, *done, c.req.form("code"), c.req.form("password"), nullptr, 200);
  });

  // A letter of the case, with the code and password checked again (and throttled) on every download.
  r.post("/apply/status/file", Access::kPublic, [](Ctx& c) {
    auto k = reopen(c);
    if (!k) return error_page(c, k.error());
    auto file_id = parse_id(c.req.form("file_id"));
    if (!file_id) return not_found_page(c);
    auto f = applications::file_for_applicant(c.db, *k, *file_id);
    if (!f) return error_page(c, f.error());
    return file_download(*f);
  });

  r.post("/apply/status/withdraw", Access::kPublic, [](Ctx& c) {
    auto k = reopen(c);
    if (!k) return error_page(c, k.error());
    if (c.req.form("confirm") != "1") {
      const Error e = Error::field("confirm", "请勾选“确认撤回”后再提交");
      return status_page(c, *k, c.req.form("code"), c.req.form("password"), &e, 400);
    }
    auto done = applications::applicant_withdraw(c.db, c.actor(), k->id, c.req.form("reason"));
    if (!done) return status_page(c, *k, c.req.form("code"), c.req.form("password"), &done.error(), done.error().http_status());
    return status_page(c, *done, c.req.form("code"), c.req.form("password"), nullptr, 200);
  });
}

}  // namespace gk::web
