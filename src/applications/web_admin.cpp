// The back office of applications: the list with the clock's lights (正常 / 临期 / 超期), staff intake
// of applications received in person, by post, fax or email, the case page with exactly the steps
// the transition table allows the user, each with the inputs it needs, the case's files for
// download and the preview of the reply letter before 签发.
#include <algorithm>

#include "agencies/access.h"
#include "agencies/service.h"
#include "applications/case_fees.h"
#include "applications/case_files.h"
#include "applications/letters.h"
#include "applications/service.h"
#include "clock/settings_store.h"
#include "platform/render/pdf.h"
#include "platform/text/strings.h"
#include "platform/time.h"
#include "web/audit_view.h"
#include "web/clock_view.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {

nlohmann::json application_form_fields(db::Db& db, const applications::Submission& s, const nlohmann::json& errors);
http::Response file_download(const applications::FileContent& f);  // applications/web_public.cpp
void register_letter_templates_admin(Routes& r);                   // applications/web_letters.cpp

namespace {

using applications::ActionInput;
using applications::Case;

// The light of an open case on the list: its urgency, or the stage when no due date is running.
nlohmann::json list_row(const Case& k, const clock::Settings& settings, const std::string& today, bool personal) {
  nlohmann::json j = applications::to_json(k, personal);
  j["url"] = "/admin/applications/" + std::to_string(k.id);
  auto reading = applications::clock_of(k, *parse_date(today), settings);
  if (reading && reading->due) {
    j["due"] = format_date(*reading->due);
    j["light"] = clock::urgency_name(reading->urgency);
    j["light_label"] = applications::is_closed(k.stage) ? (reading->replied_on_time ? "按期" : "逾期")
                                                         : std::string(clock::urgency_label(reading->urgency));
    if (!applications::is_closed(k.stage)) j["left"] = reading->workdays_left;
  } else {
    j["light"] = "none";
    j["light_label"] = k.stage == applications::Stage::kSubmitted ? "待确认" : "";
  }
  return j;
}

// The 收费通知 form's calculator: the method (locked to the one the case used), the units, the quote
// with its bands computed by the server, and the amount prefilled with it. `in` is what the clerk
// entered when "计算" was pressed (or the step failed); without it the form shows the 按件 quote of a
// one-piece application, the applicant's month counted from the records.
void fee_form(Ctx& c, const Case& k, const ActionInput* in, nlohmann::json& f) {
  using applications::FeeQuote;
  const auto used = applications::fee_method_used(k);
  applications::FeeInput fi;
  fi.method = in && !in->fee_method.empty() ? in->fee_method
                                            : std::string(applications::fee_method_code(used.value_or(FeeQuote::Method::kByPiece)));
  fi.pieces = in ? in->pieces : "1";
  fi.pages = in ? in->pages : "";
  f["fee_earlier"] = applications::earlier_pieces_this_month(c.db, k);
  f["fee_by_piece"] = fi.method != "by_page";
  f["fee_by_page"] = fi.method == "by_page";
  f["fee_piece_allowed"] = !used || *used == FeeQuote::Method::kByPiece;
  f["fee_page_allowed"] = !used || *used == FeeQuote::Method::kByPage;
  if (used) f["fee_locked"] = std::string(applications::fee_method_label(*used));
  f["fee_pieces"] = fi.pieces.empty() ? "1" : fi.pieces;
  f["fee_pages"] = fi.pages;
  f["fee_waiver"] = k.request.fee_waiver;
  f["amount"] = in ? in->amount : "";
  // Without input the page offers the 按件 quote only; 按量 needs the pages first.
  if (!in && fi.method == "by_page") return;
  auto q = applications::quote_case_fee(c.db, k, fi);
  if (!q) {
    if (in) f["fee_error"] = q.error().fields.empty() ? q.error().message : q.error().fields.begin()->second;
    return;
  }
  nlohmann::json bands = nlohmann::json::array();
  const std::string unit = q->quote.method == FeeQuote::Method::kByPiece ? "件" : "页";
  for (const auto& b : q->quote.bands) {
    bands.push_back({{"range", b.from == b.to ? "第" + std::to_string(b.from) + unit
                                              : "第" + std::to_string(b.from) + "至" + std::to_string(b.to) + unit},
                     {"price", b.unit_price_yuan == 0 ? std::string("不收费") : std::to_string(b.unit_price_yuan) + "元/" + unit},
                     {"count", std::to_string(b.count) + unit},
                     {"subtotal", std::to_string(b.subtotal_yuan) + "元"}});
  }
  f["fee_quote"] = {{"method_label", applications::fee_method_label(q->quote.method)},
                    {"bands", bands},
                    {"total", q->quote.amount_yuan},
                    {"free", q->quote.amount_yuan == 0},
                    {"explanation", q->quote.explanation_zh}};
  if (!in || text::trim(in->amount).empty()) f["amount"] = q->quote.amount_yuan > 0 ? std::to_string(q->quote.amount_yuan) : "";
}

// The inputs each step's form shows.
nlohmann::json step_form(Ctx& c, const Case& k, const applications::Transition& t, const ActionInput* fee_in) {
  const std::string action(t.action);
  nlohmann::json f = {{"action", action}, {"label", t.label}, {"needs_comment", t.needs_comment}};
  f["date"] = action != "submit_review" && action != "approve" && action != "sign" && action != "return" &&
              action != "draft_reply" && action != "assign";
  f["workdays"] = action == "request_correction" || action == "extend";
  f["workdays_label"] = action == "extend" ? "延长的工作日数（1–20）" : "补正期限（工作日）";
  f["text"] = action == "request_correction";
  f["consult"] = action == "consult";
  f["answer"] = action == "consult_answered";
  f["fee"] = action == "fee_notice";
  f["until"] = action == "delay";
  f["deliver"] = action == "deliver";
  f["reply"] = action == "draft_reply";
  f["assign"] = action == "assign";
  if (action == "assign") {
    nlohmann::json people = nlohmann::json::array();
    people.push_back({{"value", ""}, {"label", "（不指定）"}});
    for (const auto& r : c.db.query(
             "SELECT u.id, u.display_name, a.name, u.agency_id FROM users u JOIN agencies a ON a.id = u.agency_id "
             "WHERE u.disabled = 0 ORDER BY a.id, u.display_name")) {
      if (!agencies::in_subtree(c.db, k.agency_id, r[3].as_int())) continue;
      people.push_back({{"value", std::to_string(r[0].as_int())}, {"label", r[1].as_string() + "（" + r[2].as_string() + "）"}});
    }
    nlohmann::json depts = nlohmann::json::array();
    depts.push_back({{"value", ""}, {"label", "（本机关）"}});
    for (int64_t id : agencies::subtree_ids(c.db, k.agency_id)) {
      if (auto a = agencies::get(c.db, id)) depts.push_back({{"value", std::to_string(id)}, {"label", a->name}});
    }
    f["people"] = people;
    f["depts"] = depts;
  }
  if (action == "consult_answered") {
    nlohmann::json refs = nlohmann::json::array();
    std::vector<std::string> answered;
    for (const auto& e : k.events) {
      auto d = nlohmann::json::parse(e.data_json, nullptr, false);
      if (e.kind == "consult_answered") answered.push_back(d.value("ref", ""));
    }
    for (const auto& e : k.events) {
      auto d = nlohmann::json::parse(e.data_json, nullptr, false);
      if (e.kind != "consult_sent") continue;
      const std::string ref = d.value("ref", "");
      if (std::find(answered.begin(), answered.end(), ref) != answered.end()) continue;
      refs.push_back({{"value", ref}, {"label", ref + " " + d.value("party", std::string()) + "（" + e.date + "发出）"}});
    }
    f["refs"] = refs;
  }
  if (action == "draft_reply") {
    nlohmann::json outcomes = nlohmann::json::array();
    for (const auto& o : applications::kOutcomes) {
      if (!o.staff_choice) continue;
      outcomes.push_back({{"value", o.code}, {"label", o.label}, {"selected", o.code == k.outcome}});
    }
    f["outcomes"] = outcomes;
    f["reasons"] = k.outcome_reasons;
    f["withheld"] = k.withheld;
    f["reply_text"] = k.reply_text;
    f["basis"] = k.outcome_basis;
  }
  if (action == "fee_notice") {
    fee_form(c, k, fee_in, f);
    f["open"] = fee_in != nullptr;
  }
  f["open"] = f.value("open", false) || action == "draft_reply";
  f["today"] = today_cn();
  f["form_id"] = "step-" + action;
  return f;
}

http::Response case_page(Ctx& c, int64_t id, const Error* err, int status, const std::string& failed_action = "",
                         const ActionInput* fee_in = nullptr) {
  auto k = applications::get_for_staff(c.db, c.me(), id);
  if (!k) return error_page(c, k.error());
  const bool personal = applications::sees_personal_data(c.db, c.me(), *k);
  nlohmann::json data = applications::to_json(*k, personal);
  data["personal"] = personal;
  const std::string today = today_cn();
  auto reading = applications::clock_of(*k, *parse_date(today), clock::load_settings(c.db));
  if (reading) data["clock"] = clock_view(*reading, today);
  else data["clock_note"] = reading.error().message;
  nlohmann::json steps = nlohmann::json::array();
  if (applications::may_handle(c.db, c.me(), *k)) {
    std::set<std::string> seen;
    for (const auto* t : applications::allowed_transitions(k->stage, c.me().user.roles)) {
      if (!seen.insert(std::string(t->action)).second) continue;
      steps.push_back(step_form(c, *k, *t, t->action == "fee_notice" ? fee_in : nullptr));
    }
  }
  data["steps"] = steps;
  data["has_steps"] = !steps.empty();
  const bool before_signing = k->stage == applications::Stage::kDrafted ||
                              k->stage == applications::Stage::kReviewing || k->stage == applications::Stage::kSigning;
  if (personal && before_signing && !k->outcome.empty()) {
    data["reply_preview"] = "/admin/applications/" + std::to_string(id) + "/letter-preview?kind=reply";
  }
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : k->events) {
    auto d = nlohmann::json::parse(e.data_json, nullptr, false);
    nlohmann::json row = {{"date", e.date}, {"kind", e.kind}, {"actor", e.actor}, {"at", e.created_at}};
    std::string detail;
    for (const char* key : {"items", "party", "opinion", "assignee", "comment", "until", "text"}) {
      if (d.is_object() && d.contains(key) && d[key].is_string()) detail += (detail.empty() ? "" : "；") + d[key].get<std::string>();
    }
    if (d.is_object() && d.contains("workdays")) detail += (detail.empty() ? "" : "；") + std::to_string(d["workdays"].get<int>()) + "个工作日";
    if (d.is_object() && d.contains("amount")) detail += (detail.empty() ? "" : "；") + std::to_string(d["amount"].get<int64_t>()) + "元";
    if (d.is_object() && d.contains("method") && d["method"].is_string()) {
      if (auto m = applications::fee_method_from_code(d["method"].get<std::string>())) {
        detail += "（" + std::string(applications::fee_method_label(*m)) +
                  (d.value("reduced", false) ? "，计算金额" + std::to_string(d.value("quote", int64_t{0})) + "元，减收" : "") + "）";
      }
    }
    row["detail"] = detail;
    events.push_back(row);
  }
  data["events"] = events;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : k->files) {
    const std::string_view kind = f.kind == "letter" ? "文书" : (f.kind == "id_proof" ? "身份证明" : "补正材料");
    nlohmann::json row = {{"name", f.name}, {"kind", kind}, {"size", f.size}};
    if (f.kind != "id_proof" || personal) {
      row["url"] = "/admin/applications/" + std::to_string(id) + "/files/" + std::to_string(f.id);
    }
    files.push_back(row);
  }
  data["files"] = files;
  data["has_files"] = !files.empty();
  data["audit"] = {{"events", audit_events_json(audit::for_entity(c.db, "application", id))}};
  data["errors"] = nlohmann::json::object();
  if (err) {
    data.update(form_errors(*err));
    data["failed_action"] = failed_action;
  }
  if (!c.req.query("done").empty()) data["done"] = true;
  return page(c, "admin_application", data, "申请 " + k->code, status);
}

http::Response intake_page(Ctx& c, const applications::Submission& s, const Error* err, int status) {
  nlohmann::json errors = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  nlohmann::json f = application_form_fields(c.db, s, errors);
  nlohmann::json channels = nlohmann::json::array();
  for (const auto& ch : applications::kChannels) {
    if (ch.code == "online") continue;
    channels.push_back({{"value", ch.code}, {"label", ch.label}, {"selected", ch.code == s.channel}});
  }
  f["channel"] = directory::FormField("channel", "收到申请的渠道", s.channel, errors).required().select(channels)
                     .hint("平常信函以与申请人确认之日、传真以双方确认之日、电子邮件以系统接收之日为收到之日").json();
  f["received_date"] = directory::FormField("received_date", "收到申请的日期", s.received_date.empty() ? today_cn() : s.received_date, errors)
                           .required().type("date").json();
  nlohmann::json data = {{"f", f}, {"errors", errors}};
  if (err) data["error_message"] = err->message;
  return page(c, "admin_application_new", data, "登记申请", status);
}

ActionInput action_input(const http::Request& req) {
  ActionInput in;
  in.date = req.form("date");
  in.workdays = directory::parse_int(req.form("workdays"), 0).value_or(-1);
  in.kind = req.form("kind");
  in.party = req.form("party");
  in.ref = req.form("ref");
  in.opinion = req.form("opinion");
  if (auto a = parse_id(req.form("assignee_id"))) in.assignee_id = *a;
  if (auto a = parse_id(req.form("handling_agency_id"))) in.handling_agency_id = *a;
  in.assign_due = req.form("assign_due");
  in.outcome = req.form("outcome");
  in.basis = req.form("basis");
  in.reasons = req.form("reasons");
  in.withheld = req.form("withheld");
  in.reply_text = req.form("reply_text");
  in.delivery = req.form("delivery");
  in.until = req.form("until");
  in.amount = req.form("amount");
  in.fee_method = req.form("fee_method");
  in.pieces = req.form("pieces");
  in.pages = req.form("pages");
  in.text = req.form("text");
  in.comment = req.form("comment");
  return in;
}

}  // namespace

void register_applications_admin(Routes& r) {
  r.get("/admin/applications", Access::kStaff, [](Ctx& c) {
    applications::ListFilter f;
    f.agency_scope = agencies::readable_agencies(c.db, c.me());
    f.stage = c.req.query("stage").empty() ? "open" : (c.req.query("stage") == "all" ? "" : c.req.query("stage"));
    f.q = c.req.query("q");
    f.page = page_number(c.req);
    auto result = applications::list_cases(c.db, f);
    const auto settings = clock::load_settings(c.db);
    const std::string today = today_cn();
    nlohmann::json rows = nlohmann::json::array();
    int overdue = 0, due_soon = 0;
    for (const auto& k : result.cases) {
      auto row = list_row(k, settings, today, applications::sees_personal_data(c.db, c.me(), k));
      if (!applications::is_closed(k.stage)) {
        overdue += row["light"] == "overdue";
        due_soon += row["light"] == "due_soon";
      }
      rows.push_back(std::move(row));
    }
    nlohmann::json stages = nlohmann::json::array();
    stages.push_back({{"code", "open"}, {"name", "办理中（全部）"}, {"selected", f.stage == "open"}});
    for (const auto& s : applications::kStages) stages.push_back({{"code", s.code}, {"name", s.label}, {"selected", s.code == f.stage}});
    stages.push_back({{"code", "all"}, {"name", "全部"}, {"selected", f.stage.empty()}});
    nlohmann::json data = {{"cases", rows}, {"total", result.total}, {"q", f.q}, {"stages", stages},
                           {"overdue", overdue}, {"due_soon", due_soon}, {"empty", rows.empty()},
                           {"can_register", c.me().has(accounts::Role::kDrafter) || c.me().has(accounts::Role::kAgencyAdmin)},
                           {"pagination", pagination(c.req, result.page, result.pages())}};
    return page(c, "admin_applications", data, "依申请公开");
  });

  r.get("/admin/applications/new", Access::kStaff, [](Ctx& c) {
    applications::Submission s;
    s.request.agency_id = c.me().user.agency_id;
    s.channel = "in_person";
    return intake_page(c, s, nullptr, 200);
  });

  r.post("/admin/applications/new", Access::kStaff, [](Ctx& c) {
    applications::Submission s;
    auto& a = s.applicant;
    a.category = c.req.form("category");
    a.name = c.req.form("name");
    a.id_type = c.req.form("id_type");
    a.id_number = c.req.form("id_number");
    a.credit_code = c.req.form("credit_code");
    a.legal_rep = c.req.form("legal_rep");
    a.contact_person = c.req.form("contact_person");
    a.phone = c.req.form("phone");
    a.email = c.req.form("email");
    a.address = c.req.form("address");
    s.request.agency_id = parse_id(c.req.form("agency_id")).value_or(0);
    s.request.description = c.req.form("description");
    s.request.purpose = c.req.form("purpose");
    s.request.form = c.req.form("form");
    s.request.delivery = c.req.form("delivery");
    s.request.fee_waiver = c.req.form("fee_waiver") == "1";
    s.channel = c.req.form("channel");
    s.received_date = c.req.form("received_date");
    for (const auto& f : c.req.files()) {
      if (f.field == "files" && !f.data.empty()) s.uploads.push_back({f.filename, f.data});
    }
    auto receipt = applications::register_by_staff(c.db, c.me(), c.actor(), s);
    if (!receipt) {
      if (receipt.error().kind == Error::Kind::kForbidden) return error_page(c, receipt.error());
      return intake_page(c, s, &receipt.error(), receipt.error().http_status());
    }
    nlohmann::json data = {{"code", receipt->code}, {"password", receipt->password},
                           {"url", "/admin/applications/" + std::to_string(receipt->id)}};
    return page(c, "admin_application_receipt", data, "申请已登记");
  });

  r.get("/admin/applications/{id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    return case_page(c, *id, nullptr, 200);
  });

  r.post("/admin/applications/{id}/act", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    const std::string action = c.req.form("action");
    const ActionInput in = action_input(c.req);
    // "计算" on the 收费通知 form: the page again with the server's quote, nothing written.
    if (action == "fee_notice" && c.req.form("calc") == "1") return case_page(c, *id, nullptr, 200, "", &in);
    auto done = applications::act(c.db, c.me(), c.actor(), *id, action, in);
    if (!done) {
      if (done.error().kind == Error::Kind::kForbidden || done.error().kind == Error::Kind::kNotFound) {
        return error_page(c, done.error());
      }
      return case_page(c, *id, &done.error(), done.error().http_status(), action,
                       action == "fee_notice" ? &in : nullptr);
    }
    return http::Response::redirect("/admin/applications/" + std::to_string(*id) + "?done=" + action);
  });

  r.get("/admin/applications/{id}/files/{file_id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    auto file_id = parse_id(c.req.param("file_id"));
    if (!id || !file_id) return not_found_page(c);
    auto f = applications::file_for_staff(c.db, c.me(), *id, *file_id);
    if (!f) return error_page(c, f.error());
    return file_download(*f);
  });

  // The reply letter as it will be signed, for the clerk, the reviewer and the signer to read
  // before 签发; the printable HTML needs its inline style allowed by this response's own policy.
  r.get("/admin/applications/{id}/letter-preview", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id || c.req.query("kind") != "reply") return not_found_page(c);
    auto k = applications::get_for_staff(c.db, c.me(), *id);
    if (!k) return error_page(c, k.error());
    if (!applications::sees_personal_data(c.db, c.me(), *k)) {
      return error_page(c, Error::forbidden("答复书含申请人个人信息，仅承办机关经办人员可以预览"));
    }
    auto doc = applications::preview_reply(c.db, *k);
    if (!doc) return error_page(c, doc.error());
    auto res = http::Response::html(render::render_letter_html(*doc));
    res.header("Content-Security-Policy",
               "default-src 'self'; img-src 'self' data: https:; style-src 'self' " +
                   render::letter_html_style_csp_source() +
                   "; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
                   "form-action 'self'");
    return res;
  });

  register_letter_templates_admin(r);
}

}  // namespace gk::web
