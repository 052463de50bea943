// The JSON API (/api/v1): the public catalog (agencies, published 主动公开 items with the portal's
// filters) for anyone, and drafting plus the publishing workflow for holders of an API token
// (`Authorization: Bearer <token>`). Access rules live in the services; this layer parses and
// validates the request strictly (an invalid parameter is a 400, never silently ignored), maps
// service errors to their HTTP status, and never puts non-public data into a public answer.
// docs/api.md documents every endpoint.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "agencies/access.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/service.h"
#include "catalog/taxonomy.h"
#include "catalog/workflow.h"
#include "web/json_body.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using nlohmann::json;

// Largest JSON request body accepted by the write endpoints.
constexpr int kMaxPerPage = 100;
constexpr int kMaxPage = 100000;

// ---- public views -------------------------------------------------------------------------------

// An item as the API shows it.
json item_json(const catalog::Item& it, bool with_body) { return catalog::to_json(it, with_body); }

// A published item for the public. The policy it interprets is only named when that policy is
// itself public (a withdrawn policy's title must not leak through its interpretation).
json public_item_json(db::Db& db, const catalog::Item& it, bool with_body) {
  json j = item_json(it, with_body);
  j["url"] = "/items/" + std::to_string(it.id);
  if (it.interprets_id && !catalog::get_public(db, *it.interprets_id)) {
    j["interprets_id"] = nullptr;
    j["interprets_title"] = "";
  }
  return j;
}

// ---- query parameters ---------------------------------------------------------------------------

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// A positive integer of at most `max`, or nullopt.
std::optional<int64_t> positive(std::string_view s, int64_t max) {
  auto v = parse_id(s);
  if (!v || *v > max) return std::nullopt;
  return v;
}

constexpr std::string_view kListParams[] = {"agency", "subtree", "column", "subject", "genre",
                                            "year",   "validity", "page",  "per_page"};

// Builds the list filter from the query string; every bad value is a field error keyed by the
// parameter's name.
Result<catalog::ListFilter> list_filter(db::Db& db, const http::Request& req) {
  catalog::ListFilter f;
  FieldErrors errs;
  std::map<std::string, int> seen;
  for (const auto& [k, v] : req.query_params()) {
    if (std::find(std::begin(kListParams), std::end(kListParams), k) == std::end(kListParams)) {
      errs.add(k, "不支持的查询参数“" + k + "”");
    } else if (++seen[k] == 2) {
      errs.add(k, "查询参数“" + k + "”只能出现一次");
    }
  }
  const auto has = [&](std::string_view name) {
    const auto& ps = req.query_params();
    return std::any_of(ps.begin(), ps.end(), [&](const auto& p) { return p.first == name; });
  };
  if (has("agency")) {
    auto id = parse_id(req.query("agency"));
    if (!id) errs.add("agency", "agency 应为机关编号（正整数）");
    else if (!agencies::get(db, *id)) errs.add("agency", "机关不存在");
    else f.agency_id = *id;
  }
  if (has("subtree")) {
    const std::string v = req.query("subtree");
    if (v == "1" || v == "true") f.include_subtree = true;
    else if (v == "0" || v == "false") f.include_subtree = false;
    else errs.add("subtree", "subtree 只能为 1 或 0");
    if (f.include_subtree && !has("agency")) errs.add("subtree", "subtree=1 须与 agency 一同使用");
  }
  if (has("column")) {
    auto id = parse_id(req.query("column"));
    if (!id) errs.add("column", "column 应为栏目编号（正整数）");
    else if (!catalog::get_column(db, *id)) errs.add("column", "栏目不存在");
    else f.column_id = *id;
  }
  const catalog::Taxonomy& tax = catalog::default_taxonomy();
  if (has("subject")) {
    f.subject = req.query("subject");
    if (!tax.subject(f.subject)) errs.add("subject", "主题分类代码不存在");
  }
  if (has("genre")) {
    f.genre = req.query("genre");
    if (!tax.genre(f.genre)) errs.add("genre", "体裁代码不存在");
  }
  if (has("year")) {
    const std::string v = req.query("year");
    if (v.size() != 4 || !all_digits(v)) {
      errs.add("year", "year 应为四位年份，例如 2024");
    } else {
      const int y = std::stoi(v);
      if (y < 1949 || y > 2100) errs.add("year", "year 应在 1949 至 2100 之间");
      else f.year = y;
    }
  }
  if (has("validity")) {
    f.validity = req.query("validity");
    if (!catalog::has_code(catalog::kValidities, f.validity)) {
      errs.add("validity", "validity 只能为 valid（有效）、expired（失效）或 repealed（废止）");
    }
  }
  if (has("page")) {
    auto p = positive(req.query("page"), kMaxPage);
    if (!p) errs.add("page", "page 应为 1 至 100000 之间的整数");
    else f.page = static_cast<int>(*p);
  }
  if (has("per_page")) {
    auto p = positive(req.query("per_page"), kMaxPerPage);
    if (!p) errs.add("per_page", "per_page 应为 1 至 100 之间的整数");
    else f.per_page = static_cast<int>(*p);
  }
  if (!errs.empty()) {
    Error e = errs.to_error();
    if (e.fields.size() > 1) e.message = "查询参数有误，请按各参数的说明修改。";
    return e;
  }
  return f;
}

// ---- JSON request bodies ------------------------------------------------------------------------

// An id given as a JSON number or a string of digits; "" / null mean none. `text` receives the
// decimal form ("" for none).
bool read_id(const json& v, std::string& text) {
  if (v.is_null()) {
    text.clear();
    return true;
  }
  if (v.is_number_integer()) {  // also true for unsigned; floats like 3.5 are refused
    const int64_t n = v.get<int64_t>();
    if (n <= 0 || n > 999999999999999) return false;
    text = std::to_string(n);
    return true;
  }
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    if (s.empty()) {
      text.clear();
      return true;
    }
    if (!parse_id(s)) return false;
    text = std::to_string(*parse_id(s));
    return true;
  }
  return false;
}

// Applies the fields of a JSON body onto `in`. Unknown fields and values of the wrong type are
// field errors (a typo must not silently drop data).
Status apply_fields(const json& body, catalog::ItemInput& in, bool agency_required) {
  using Field = std::string catalog::ItemInput::*;
  static const std::pair<const char*, Field> kText[] = {
      {"title", &catalog::ItemInput::title},
      {"publisher", &catalog::ItemInput::publisher},
      {"subject", &catalog::ItemInput::subject},
      {"genre", &catalog::ItemInput::genre},
      {"doc_no", &catalog::ItemInput::doc_no},
      {"written_date", &catalog::ItemInput::written_date},
      {"validity", &catalog::ItemInput::validity},
      {"repeal_date", &catalog::ItemInput::repeal_date},
      {"keywords", &catalog::ItemInput::keywords},
      {"summary", &catalog::ItemInput::summary},
      {"body_html", &catalog::ItemInput::body_html},
      {"disclosure", &catalog::ItemInput::disclosure},
      {"withheld_reason", &catalog::ItemInput::withheld_reason},
  };
  FieldErrors errs;
  for (const auto& [key, value] : body.items()) {
    if (key == "agency_id") {
      std::string id;
      if (!read_id(value, id) || id.empty()) errs.add(key, "agency_id 应为机关编号（正整数）");
      else in.agency_id = std::stoll(id);
      continue;
    }
    if (key == "column_id" || key == "interprets_id") {
      std::string& target = key == "column_id" ? in.column_id : in.interprets_id;
      if (!read_id(value, target)) errs.add(key, key + " 应为正整数编号，或 null 表示无");
      continue;
    }
    auto it = std::find_if(std::begin(kText), std::end(kText), [&](const auto& f) { return key == f.first; });
    if (it == std::end(kText)) {
      errs.add(key, "不支持的字段“" + key + "”");
      continue;
    }
    if (value.is_null()) {
      in.*(it->second) = "";
    } else if (value.is_string()) {
      in.*(it->second) = value.get<std::string>();
    } else if (value.is_number_integer() || value.is_number_unsigned()) {
      in.*(it->second) = value.dump();  // e.g. a 文号 serial or a year typed as a number
    } else {
      errs.add(key, key + " 应为字符串");
    }
  }
  if (agency_required && !body.contains("agency_id")) errs.add("agency_id", "请填写发布机关（agency_id）");
  if (!errs.empty()) return errs.to_error();
  return ok_status();
}


std::optional<int64_t> path_id(Ctx& c) { return parse_id(c.req.param("id")); }

json actions_json(db::Db& db, const accounts::Principal& p, const catalog::Item& it) {
  json out = json::array();
  if (!agencies::can_act_for(db, p, it.agency_id)) return out;
  for (const catalog::Transition* t : catalog::allowed_transitions(it.state, p.user.roles)) {
    out.push_back({{"action", t->action},
                   {"label", t->label},
                   {"from", catalog::state_code(t->from)},
                   {"to", catalog::state_code(t->to)},
                   {"to_label", catalog::state_label(t->to)},
                   {"needs_comment", t->needs_comment}});
  }
  return out;
}

}  // namespace

void register_api(Routes& r) {
  // ---- public ----
  r.get("/api/v1/agencies", Access::kApiPublic, [](Ctx& c) {
    if (!c.req.query_params().empty()) {
      return json_error(Error::invalid("invalid_parameter", "该接口不接受查询参数"));
    }
    json list = json::array();
    for (const auto& e : agencies::tree(c.db)) {
      json a = agencies::to_json(e.agency);
      a["depth"] = e.depth;
      json cols = json::array();
      for (const auto& col : catalog::columns_of(c.db, e.agency.id)) cols.push_back(catalog::column_json(col));
      a["columns"] = cols;
      list.push_back(std::move(a));
    }
    return json_ok({{"total", list.size()}, {"agencies", list}});
  });

  r.get("/api/v1/items", Access::kApiPublic, [](Ctx& c) {
    auto f = list_filter(c.db, c.req);
    if (!f) return json_error(f.error());
    auto page = catalog::list_public(c.db, *f);
    json items = json::array();
    for (const auto& it : page.items) items.push_back(public_item_json(c.db, it, false));
    return json_ok({{"total", page.total},
                 {"page", page.page},
                 {"per_page", page.per_page},
                 {"pages", page.pages()},
                 {"items", items}});
  });

  r.get("/api/v1/items/{id}", Access::kApiPublic, [](Ctx& c) {
    auto id = path_id(c);
    if (!id) return json_error(Error::not_found("该信息不存在或尚未公开"));
    auto it = catalog::get_public(c.db, *id);
    if (!it) return json_error(it.error());
    json j = public_item_json(c.db, *it, true);
    json interpretations = json::array();
    for (const auto& x : catalog::interpretations_of(c.db, it->id)) {
      interpretations.push_back(public_item_json(c.db, x, false));
    }
    j["interpretations"] = interpretations;
    j["interprets"] = nullptr;
    if (it->interprets_id) {
      if (auto policy = catalog::get_public(c.db, *it->interprets_id)) {
        j["interprets"] = public_item_json(c.db, *policy, false);
      }
    }
    return json_ok(j);
  });

  // ---- token: drafting and workflow ----
  r.post("/api/v1/drafts", Access::kApiToken, [](Ctx& c) {
    auto body = json_body(c.req);
    if (!body) return body_error(body.error());
    catalog::ItemInput in;
    if (auto st = apply_fields(*body, in, true); !st) return json_error(st.error());
    auto it = catalog::create_draft(c.db, c.me(), c.actor(), in);
    if (!it) return json_error(it.error());
    http::Response res = json_ok(item_json(*it, true), 201);
    res.header("Location", "/api/v1/drafts/" + std::to_string(it->id));
    return res;
  });

  r.get("/api/v1/drafts/{id}", Access::kApiToken, [](Ctx& c) {
    auto id = path_id(c);
    if (!id) return json_error(Error::not_found("未找到该信息"));
    auto it = catalog::get_for_staff(c.db, c.me(), *id);
    if (!it) return json_error(it.error());
    json j = item_json(*it, true);
    j["actions"] = actions_json(c.db, c.me(), *it);
    return json_ok(j);
  });

  // Edits a draft: fields absent from the body keep their current value.
  r.put("/api/v1/drafts/{id}", Access::kApiToken, [](Ctx& c) {
    auto id = path_id(c);
    if (!id) return json_error(Error::not_found("未找到该信息"));
    auto body = json_body(c.req);
    if (!body) return body_error(body.error());
    auto cur = catalog::get_for_staff(c.db, c.me(), *id);
    if (!cur) return json_error(cur.error());
    catalog::ItemInput in = catalog::input_of(*cur);
    if (auto st = apply_fields(*body, in, false); !st) return json_error(st.error());
    if (in.agency_id != cur->agency_id) return json_error(Error::field("agency_id", "不能修改信息的发布机关"));
    auto it = catalog::update_draft(c.db, c.me(), c.actor(), *id, in);
    if (!it) return json_error(it.error());
    return json_ok(item_json(*it, true));
  });

  r.get("/api/v1/items/{id}/transitions", Access::kApiToken, [](Ctx& c) {
    auto id = path_id(c);
    if (!id) return json_error(Error::not_found("未找到该信息"));
    auto it = catalog::get_for_staff(c.db, c.me(), *id);
    if (!it) return json_error(it.error());
    return json_ok({{"item_id", it->id},
                 {"state", catalog::state_code(it->state)},
                 {"state_label", catalog::state_label(it->state)},
                 {"actions", actions_json(c.db, c.me(), *it)}});
  });

  r.post("/api/v1/items/{id}/transitions", Access::kApiToken, [](Ctx& c) {
    auto id = path_id(c);
    if (!id) return json_error(Error::not_found("未找到该信息"));
    auto body = json_body(c.req);
    if (!body) return body_error(body.error());
    FieldErrors errs;
    std::string action, comment;
    for (const auto& [key, value] : body->items()) {
      if (key == "action") {
        if (value.is_string()) action = value.get<std::string>();
        else errs.add("action", "action 应为字符串");
      } else if (key == "comment") {
        if (value.is_string()) comment = value.get<std::string>();
        else if (!value.is_null()) errs.add("comment", "comment 应为字符串");
      } else {
        errs.add(key, "不支持的字段“" + key + "”");
      }
    }
    const bool known = std::any_of(catalog::kTransitions.begin(), catalog::kTransitions.end(),
                                   [&](const catalog::Transition& t) { return t.action == action; });
    if (action.empty()) {
      errs.add("action", "请指定要执行的操作（action）");  // no-op when the type was already wrong
    } else if (!known) {
      errs.add("action", "未知的操作“" + action + "”");
    }
    if (!errs.empty()) return json_error(errs.to_error());
    // Reading first keeps a caller who may not read the item from learning its state.
    auto cur = catalog::get_for_staff(c.db, c.me(), *id);
    if (!cur) return json_error(cur.error());
    auto it = catalog::transition(c.db, c.me(), c.actor(), *id, action, comment);
    if (!it) return json_error(it.error());
    json j = item_json(*it, true);
    j["actions"] = actions_json(c.db, c.me(), *it);
    return json_ok(j);
  });
}

}  // namespace gk::web
