// Back-office catalog pages: "my work" dashboard, the staff item list, the item editor (with
// attachments), the item page with its workflow actions, validity changes and audit trail.
#include "agencies/access.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/service.h"
#include "applications/dashboard.h"
#include "catalog/taxonomy.h"
#include "clock/settings_store.h"
#include "holidays/service.h"
#include "platform/time.h"
#include "web/audit_view.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using catalog::Item;
using catalog::ItemInput;

// How the Art. 26 limit is counted, under the platform's start-day rule.
std::string calendar_note(const clock::Settings& settings) {
  return std::string("期限按国务院公布的节假日安排计算工作日（法定节假日不计入，调休上班日计入），") +
         (settings.start_rule == calendar::StartRule::kNextDay ? "成文日期当日不计入。" : "成文日期当日为工作日的计入。");
}

nlohmann::json staff_item_json(const Item& it, const std::string& today, const clock::Settings& settings) {
  nlohmann::json j = catalog::to_json(it, false);
  j["url"] = "/admin/items/" + std::to_string(it.id);
  auto s = catalog::art26_status(it, today, settings);
  j["art26"] = {{"deadline", s.deadline}, {"state", s.state}, {"label", s.label},
                {"warn", s.state == "near" || s.state == "overdue" || s.state == "late"}};
  return j;
}

// Agencies the principal may draft for: own agency, plus the subtree for admins.
nlohmann::json agency_options(Ctx& c, int64_t selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : agencies::tree(c.db)) {
    if (!agencies::can_act_for(c.db, c.me(), e.agency.id)) continue;
    out.push_back({{"id", e.agency.id}, {"name", e.agency.name}, {"selected", e.agency.id == selected}});
  }
  return out;
}

ItemInput input_from_form(const http::Request& r) {
  ItemInput in;
  in.agency_id = parse_id(r.form("agency_id")).value_or(0);
  in.column_id = r.form("column_id");
  in.title = r.form("title");
  in.publisher = r.form("publisher");
  in.subject = r.form("subject");
  in.genre = r.form("genre");
  in.doc_no = r.form("doc_no");
  in.written_date = r.form("written_date");
  in.validity = r.form("validity");
  in.repeal_date = r.form("repeal_date");
  in.keywords = r.form("keywords");
  in.summary = r.form("summary");
  in.body_html = r.form("body_html");
  in.disclosure = r.form("disclosure");
  in.withheld_reason = r.form("withheld_reason");
  in.interprets_id = r.form("interprets_id");
  return in;
}


template <size_t N>
nlohmann::json label_options(const std::array<catalog::Label, N>& table, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : table) out.push_back({{"code", l.code}, {"name", l.label}, {"selected", l.code == selected}});
  return out;
}

// The editor page for a new draft (item_id 0) or an existing one, with values and messages.
http::Response editor(Ctx& c, int64_t item_id, const ItemInput& in, const Error* err, int status) {
  const auto& tax = catalog::default_taxonomy();
  nlohmann::json subjects = nlohmann::json::array();
  for (const auto& s : tax.subjects()) {
    nlohmann::json children = nlohmann::json::array();
    for (const auto& ch : s.children) {
      children.push_back({{"code", ch.code}, {"name", ch.name}, {"selected", ch.code == in.subject}});
    }
    subjects.push_back({{"code", s.code}, {"name", s.name}, {"selected", s.code == in.subject}, {"children", children}});
  }
  nlohmann::json genres = nlohmann::json::array();
  for (const auto& g : tax.genres()) genres.push_back({{"code", g.code}, {"name", g.name}, {"selected", g.code == in.genre}});
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& col : catalog::columns_of(c.db, in.agency_id)) {
    columns.push_back({{"id", col.id}, {"name", col.name}, {"selected", std::to_string(col.id) == in.column_id}});
  }
  // Published policies of the agency, for the 政策解读 link.
  catalog::ListFilter pf;
  pf.agency_id = in.agency_id;
  pf.per_page = 100;
  nlohmann::json policies = nlohmann::json::array();
  for (const auto& p : catalog::list_public(c.db, pf).items) {
    if (p.id == item_id) continue;
    policies.push_back({{"id", p.id}, {"title", p.title}, {"selected", std::to_string(p.id) == in.interprets_id}});
  }
  nlohmann::json data = {
      {"item_id", item_id},
      {"is_new", item_id == 0},
      {"action", item_id == 0 ? std::string("/admin/items") : "/admin/items/" + std::to_string(item_id)},
      {"form",
       {{"title", in.title}, {"publisher", in.publisher}, {"doc_no", in.doc_no}, {"written_date", in.written_date},
        {"repeal_date", in.repeal_date}, {"keywords", in.keywords}, {"summary", in.summary},
        {"body_html", in.body_html}, {"withheld_reason", in.withheld_reason}}},
      {"agencies", agency_options(c, in.agency_id)},
      {"subjects", subjects},
      {"genres", genres},
      {"columns", columns},
      {"policies", policies},
      {"validities", label_options(catalog::kValidities, in.validity)},
      {"disclosures", label_options(catalog::kDisclosures, in.disclosure)},
      {"errors", nlohmann::json::object()},
  };
  if (err) data.update(form_errors(*err));
  return page(c, "admin_item_edit", data, item_id == 0 ? "起草信息" : "修改草稿", status);
}

// Adds the uploaded files of the form to the item; the first failure is returned.
Status attach_uploads(Ctx& c, int64_t item_id) {
  for (const auto& f : c.req.files()) {
    if (f.field != "file" || (f.filename.empty() && f.data.empty())) continue;
    auto a = catalog::add_attachment(c.db, c.me(), c.actor(), item_id, f.filename, f.data);
    if (!a) return a.error();
  }
  return ok_status();
}

http::Response item_page(Ctx& c, int64_t id, const Error* err, int status) {
  auto it = catalog::get_for_staff(c.db, c.me(), id);
  if (!it) return error_page(c, it.error());
  const std::string today = today_cn();
  nlohmann::json data = staff_item_json(*it, today, clock::load_settings(c.db));
  data["body_html"] = it->body_html;
  data["is_draft"] = it->state == catalog::State::kDraft;
  data["is_published"] = it->state == catalog::State::kPublished;
  data["public_url"] = "/items/" + std::to_string(it->id);
  data["is_public"] = it->state == catalog::State::kPublished && it->disclosure == "proactive";
  const bool can_edit = it->state == catalog::State::kDraft &&
                        ((c.me().has(accounts::Role::kDrafter) && c.me().user.agency_id == it->agency_id) ||
                         agencies::can_administer(c.db, c.me(), it->agency_id));
  data["can_edit"] = can_edit;
  nlohmann::json atts = nlohmann::json::array();
  for (const auto& a : it->attachments) {
    atts.push_back({{"id", a.id}, {"filename", a.filename}, {"size_kb", std::to_string((a.size + 1023) / 1024)},
                    {"url", catalog::attachment_url(a)},
                    {"delete_url", "/admin/items/" + std::to_string(it->id) + "/attachments/" + std::to_string(a.id) +
                                       "/delete"}});
  }
  data["attachments"] = atts;
  data["has_attachments"] = !atts.empty();
  nlohmann::json actions = nlohmann::json::array();
  if (agencies::can_act_for(c.db, c.me(), it->agency_id)) {
    for (const auto* t : catalog::allowed_transitions(it->state, c.me().user.roles)) {
      actions.push_back({{"action", t->action}, {"label", t->label}, {"needs_comment", t->needs_comment},
                         {"danger", t->to == catalog::State::kDraft || t->action == "withdraw"}});
    }
  }
  data["actions"] = actions;
  data["has_actions"] = !actions.empty();
  data["can_change_validity"] = it->state == catalog::State::kPublished &&
                                agencies::can_act_for(c.db, c.me(), it->agency_id) &&
                                (c.me().has(accounts::Role::kSigner) ||
                                 agencies::can_administer(c.db, c.me(), it->agency_id));
  data["validities"] = label_options(catalog::kValidities, it->validity);
  data["events"] = audit_events_json(audit::for_entity(c.db, "item", id));
  data["calendar_note"] = calendar_note(clock::load_settings(c.db));
  data["errors"] = nlohmann::json::object();
  if (err) data.update(form_errors(*err));
  if (c.req.query("saved") == "1") data["saved"] = true;
  return page(c, "admin_item", data, it->title, status);
}

// The 依申请公开 deadline lights of the agencies the user reads: totals, per department and person,
// and the cases to handle first.
nlohmann::json application_lights(Ctx& c, const std::string& today, const clock::Settings& settings) {
  auto lights = applications::deadline_lights(c.db, agencies::readable_agencies(c.db, c.me()), *parse_date(today), settings);
  auto counts = [](const applications::LightCounts& l) {
    return nlohmann::json{{"overdue", l.overdue}, {"due_soon", l.due_soon}, {"normal", l.normal}, {"waiting", l.waiting},
                          {"total", l.total()}};
  };
  auto table = [&](const std::map<std::string, applications::LightCounts>& m) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [name, l] : m) {
      auto row = counts(l);
      row["name"] = name;
      rows.push_back(row);
    }
    return rows;
  };
  nlohmann::json attention = nlohmann::json::array();
  for (const auto& a : lights.attention) {
    attention.push_back({{"url", "/admin/applications/" + std::to_string(a.c.id)},
                         {"code", a.c.code},
                         {"description", a.c.request.description},
                         {"stage_label", applications::stage_label(a.c.stage)},
                         {"due", a.reading.due ? format_date(*a.reading.due) : ""},
                         {"light", clock::urgency_name(a.reading.urgency)},
                         {"light_label", clock::urgency_label(a.reading.urgency)},
                         {"left", a.reading.workdays_left},
                         {"overdue_by", -a.reading.workdays_left},
                         {"is_overdue", a.reading.urgency == clock::Urgency::kOverdue}});
  }
  return {{"all", counts(lights.all)},
          {"any", lights.all.total() > 0},
          {"by_department", table(lights.by_department)},
          {"by_person", table(lights.by_person)},
          {"attention", attention},
          {"has_attention", !attention.empty()}};
}

}  // namespace

void register_catalog_admin(Routes& r) {
  r.get("/admin", Access::kStaff, [](Ctx& c) {
    const std::string today = today_cn();
    const auto settings = clock::load_settings(c.db);
    const auto& me = c.me();
    // Items waiting for a step this user may take.
    std::vector<std::string> waiting_states;
    for (const auto& t : catalog::kTransitions) {
      if (catalog::role_may(t, me.user.roles) && t.from != catalog::State::kPublished &&
          t.from != catalog::State::kWithdrawn) {
        waiting_states.emplace_back(catalog::state_code(t.from));
      }
    }
    std::vector<int64_t> actable;
    for (int64_t a : agencies::readable_agencies(c.db, me)) {
      if (agencies::can_act_for(c.db, me, a)) actable.push_back(a);
    }
    nlohmann::json waiting = nlohmann::json::array();
    if (!waiting_states.empty() && !actable.empty()) {
      catalog::ListFilter f;
      f.agency_scope = actable;
      f.states = waiting_states;
      f.per_page = 100;
      for (const auto& it : catalog::list_staff(c.db, f).items) {
        if (it.state == catalog::State::kDraft && it.created_by != me.user.id && !agencies::can_administer(c.db, me, it.agency_id)) {
          continue;  // other people's drafts are theirs to submit
        }
        waiting.push_back(staff_item_json(it, today, settings));
      }
    }
    // Art. 26: unpublished items near or past the limit.
    nlohmann::json deadlines = nlohmann::json::array();
    catalog::ListFilter f;
    f.agency_scope = agencies::readable_agencies(c.db, me);
    f.states = {"draft", "secrecy_review", "review", "signoff"};
    f.per_page = 100;
    for (const auto& it : catalog::list_staff(c.db, f).items) {
      auto j = staff_item_json(it, today, settings);
      if (j["art26"]["state"] == "near" || j["art26"]["state"] == "overdue") deadlines.push_back(j);
    }
    nlohmann::json roles = nlohmann::json::array();
    for (auto role : me.user.roles) roles.push_back(accounts::role_label(role));
    nlohmann::json data = {{"waiting", waiting}, {"has_waiting", !waiting.empty()},
                           {"deadlines", deadlines}, {"has_deadlines", !deadlines.empty()},
                           {"roles", roles}, {"today", today}, {"calendar_note", calendar_note(settings)},
                           {"can_draft", me.has(accounts::Role::kDrafter) || me.has(accounts::Role::kAgencyAdmin) ||
                                             me.is_platform_admin()}};
    if (auto warn = holidays::missing_next_year_warning(today)) data["calendar_warning"] = *warn;
    data["applications"] = application_lights(c, today, settings);
    return page(c, "admin_dashboard", data, "我的工作");
  });

  r.get("/admin/items", Access::kStaff, [](Ctx& c) {
    catalog::ListFilter f;
    f.agency_scope = agencies::readable_agencies(c.db, c.me());
    const std::string state = c.req.query("state");
    if (!state.empty() && catalog::state_from_code(state)) f.states = {state};
    f.title_contains = c.req.query("q");
    if (auto a = parse_id(c.req.query("agency")); a && agencies::can_read(c.db, c.me(), *a)) f.agency_id = *a;
    f.page = page_number(c.req);
    f.per_page = 30;
    auto result = catalog::list_staff(c.db, f);
    const std::string today = today_cn();
    const auto settings = clock::load_settings(c.db);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& it : result.items) items.push_back(staff_item_json(it, today, settings));
    nlohmann::json states = nlohmann::json::array();
    for (const auto& s : catalog::kStates) states.push_back({{"code", s.code}, {"name", s.label}, {"selected", s.code == state}});
    nlohmann::json data = {{"items", items}, {"total", result.total}, {"q", f.title_contains}, {"states", states},
                           {"pagination", pagination(c.req, result.page, result.pages())}, {"empty", items.empty()}};
    return page(c, "admin_items", data, "信息管理");
  });

  r.get("/admin/items/new", Access::kStaff, [](Ctx& c) {
    ItemInput in;
    in.agency_id = c.me().user.agency_id;
    if (auto a = parse_id(c.req.query("agency")); a && agencies::can_act_for(c.db, c.me(), *a)) in.agency_id = *a;
    return editor(c, 0, in, nullptr, 200);
  });

  r.post("/admin/items", Access::kStaff, [](Ctx& c) {
    if (c.req.form_malformed()) return error_page(c, Error::invalid("bad_form", "表单数据不完整，请重新提交。"));
    ItemInput in = input_from_form(c.req);
    // The draft and its attachments are saved together or not at all.
    auto res = c.db.write([&]() -> Result<Item> {
      auto it = catalog::create_draft(c.db, c.me(), c.actor(), in);
      if (!it) return it;
      if (auto st = attach_uploads(c, it->id); !st) return st.error();
      return it;
    });
    if (!res) {
      if (res.error().kind == Error::Kind::kForbidden) return error_page(c, res.error());
      return editor(c, 0, in, &res.error(), res.error().http_status());
    }
    return http::Response::redirect("/admin/items/" + std::to_string(res->id) + "?saved=1");
  });

  r.get("/admin/items/{id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    return item_page(c, *id, nullptr, 200);
  });

  r.get("/admin/items/{id}/edit", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    auto it = catalog::get_for_staff(c.db, c.me(), *id);
    if (!it) return error_page(c, it.error());
    if (it->state != catalog::State::kDraft) {
      return error_page(c, Error::conflict("not_draft", "只有草稿状态的信息可以修改。"));
    }
    return editor(c, *id, catalog::input_of(*it), nullptr, 200);
  });

  r.post("/admin/items/{id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    if (c.req.form_malformed()) return error_page(c, Error::invalid("bad_form", "表单数据不完整，请重新提交。"));
    ItemInput in = input_from_form(c.req);
    auto current = catalog::load(c.db, *id);
    if (current) in.agency_id = current->agency_id;
    auto res = c.db.write([&]() -> Result<Item> {
      auto it = catalog::update_draft(c.db, c.me(), c.actor(), *id, in);
      if (!it) return it;
      if (auto st = attach_uploads(c, *id); !st) return st.error();
      return it;
    });
    if (!res) {
      const auto kind = res.error().kind;
      if (kind == Error::Kind::kForbidden || kind == Error::Kind::kNotFound || kind == Error::Kind::kConflict) {
        return error_page(c, res.error());
      }
      return editor(c, *id, in, &res.error(), res.error().http_status());
    }
    return http::Response::redirect("/admin/items/" + std::to_string(*id) + "?saved=1");
  });

  r.post("/admin/items/{id}/attachments/{aid}/delete", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    auto aid = parse_id(c.req.param("aid"));
    if (!id || !aid) return not_found_page(c);
    auto st = catalog::remove_attachment(c.db, c.me(), c.actor(), *id, *aid);
    if (!st) return item_page(c, *id, &st.error(), st.error().http_status());
    return http::Response::redirect("/admin/items/" + std::to_string(*id));
  });

  r.post("/admin/items/{id}/transition", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    auto res = catalog::transition(c.db, c.me(), c.actor(), *id, c.req.form("action"), c.req.form("comment"));
    if (!res) return item_page(c, *id, &res.error(), res.error().http_status());
    return http::Response::redirect("/admin/items/" + std::to_string(*id));
  });

  r.post("/admin/items/{id}/validity", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    auto res = catalog::set_validity(c.db, c.me(), c.actor(), *id, c.req.form("validity"), c.req.form("repeal_date"),
                                     c.req.form("comment"));
    if (!res) return item_page(c, *id, &res.error(), res.error().http_status());
    return http::Response::redirect("/admin/items/" + std::to_string(*id));
  });
}

}  // namespace gk::web
