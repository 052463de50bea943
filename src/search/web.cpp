// The search pages and endpoint over search::search() (search.h):
//   GET /search           the portal page (public scope): form, facets as links, paging, 文号 jump;
//                         an agency channel's search box lands here with agency=<id>&subtree=1;
//   GET /admin/search     the back office (staff scope: the agencies the user may read, any state
//                         that is indexed — 已发布, 已撤回, 已归档 — with a state filter);
//   GET /api/v1/search    the same query as JSON (public scope), parameters checked strictly.
// The pages never fail on bad input: an unusable parameter is named in a notice and ignored (status
// 400, as the catalog listing does), an empty query shows the form with a hint. Every text shown is
// escaped by the templates, except title_html and snippet_html, which search() escapes itself.
#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agencies/access.h"
#include "agencies/service.h"
#include "catalog/model.h"
#include "catalog/service.h"
#include "catalog/taxonomy.h"
#include "platform/time.h"
#include "search/query.h"
#include "search/search.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using nlohmann::json;

constexpr int kPagePerPage = 20;
constexpr int kMaxPage = 100000;
constexpr int kMinYear = 1949;
constexpr int kMaxYear = 2100;

enum class Where { kPortal, kAdmin, kApi };

// The parameters a search page or the API accepts.
constexpr std::string_view kParams[] = {"q",       "agency",   "subtree", "column", "subject", "genre", "year_from",
                                        "year_to", "validity", "sort",    "page",   "per_page", "state"};

// The states staff may filter on: those the index holds (search.h).
constexpr std::string_view kIndexedStates[] = {"published", "withdrawn", "archived"};

// `s` cut to at most `max` bytes without splitting a UTF-8 sequence.
std::string utf8_prefix(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n));
}

bool four_digit_year(std::string_view v, int& out) {
  if (v.size() != 4 || !std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return false;
  out = std::stoi(std::string(v));
  return out >= kMinYear && out <= kMaxYear;
}

// A request's search parameters, checked. `query` holds only the valid ones; `link` holds them as
// query-string values (page excluded) for building the page's links; `errors` names each bad one.
struct Parsed {
  search::SearchQuery query;
  std::string q;                            // the search box as typed (trimmed)
  std::map<std::string, std::string> link;  // valid parameters, q cut to what search() reads
  FieldErrors errors;
  std::vector<std::string> problems;  // the messages of `errors`, in parameter order (pages)
};

Parsed parse(Ctx& c, Where where) {
  Parsed p;
  const http::Request& req = c.req;
  auto bad = [&](const std::string& field, const std::string& message) {
    p.errors.add(field, message);
    p.problems.push_back(message);
  };
  if (where == Where::kApi) {
    std::map<std::string, int> seen;
    for (const auto& [k, v] : req.query_params()) {
      const bool known = std::find(std::begin(kParams), std::end(kParams), k) != std::end(kParams) && k != "state";
      if (!known) bad(k, "不支持的查询参数“" + utf8_prefix(k, 40) + "”");
      else if (++seen[k] == 2) bad(k, "查询参数“" + k + "”只能出现一次");
    }
  }
  const auto has = [&](std::string_view name) {
    const auto& ps = req.query_params();
    return std::any_of(ps.begin(), ps.end(), [&](const auto& kv) { return kv.first == name && !kv.second.empty(); });
  };
  auto& q = p.query;

  // Spaces around the query mean nothing; search() cuts what is beyond its limits (and says so).
  const std::string raw = req.query("q");
  const size_t b = raw.find_first_not_of(" \t\r\n"), e = raw.find_last_not_of(" \t\r\n");
  p.q = b == std::string::npos ? std::string() : raw.substr(b, e - b + 1);
  q.q = p.q;
  if (!p.q.empty()) p.link["q"] = utf8_prefix(p.q, search::kMaxQueryBytes);

  if (has("agency")) {
    auto id = parse_id(req.query("agency"));
    if (!id) {
      bad("agency", "发布机关参数应为机关编号");
    } else if (!agencies::get(c.db, *id)) {
      bad("agency", "发布机关不存在");
    } else if (where == Where::kAdmin && !agencies::can_read(c.db, c.me(), *id)) {
      bad("agency", "您无权查看该机关的信息");
    } else {
      q.agency_id = *id;
      p.link["agency"] = std::to_string(*id);
    }
  }
  q.include_subtree = false;
  if (has("subtree")) {
    const std::string v = req.query("subtree");
    if (v == "1" || v == "true") q.include_subtree = true;
    else if (v != "0" && v != "false") bad("subtree", "subtree 只能为 1 或 0");
    if (q.include_subtree && q.agency_id) p.link["subtree"] = "1";
    if (where == Where::kApi && q.include_subtree && !has("agency")) bad("subtree", "subtree=1 须与 agency 一同使用");
  }
  if (has("column")) {
    auto id = parse_id(req.query("column"));
    if (!id) {
      bad("column", "栏目参数应为栏目编号");
    } else if (!catalog::get_column(c.db, *id)) {
      bad("column", "栏目不存在");
    } else {
      q.column_id = *id;
      p.link["column"] = std::to_string(*id);
    }
  }
  const auto& tax = catalog::default_taxonomy();
  if (has("subject")) {
    const std::string v = req.query("subject");
    if (!tax.subject(v)) {
      bad("subject", "主题分类代码不存在");
    } else {
      q.subject = v;
      p.link["subject"] = v;
    }
  }
  if (has("genre")) {
    const std::string v = req.query("genre");
    if (!tax.genre(v)) {
      bad("genre", "体裁代码不存在");
    } else {
      q.genre = v;
      p.link["genre"] = v;
    }
  }
  for (const char* name : {"year_from", "year_to"}) {
    if (!has(name)) continue;
    int y = 0;
    if (!four_digit_year(req.query(name), y)) {
      bad(name, std::string(name == std::string_view("year_from") ? "起始年份" : "截止年份") + "应为 1949 至 2100 之间的四位年份");
    } else {
      (name == std::string_view("year_from") ? q.year_from : q.year_to) = y;
    }
  }
  if (q.year_from && q.year_to && *q.year_from > *q.year_to) {
    bad("year_to", "截止年份不能早于起始年份");
    q.year_from.reset();
    q.year_to.reset();
  }
  if (q.year_from) p.link["year_from"] = std::to_string(*q.year_from);
  if (q.year_to) p.link["year_to"] = std::to_string(*q.year_to);
  if (has("validity")) {
    const std::string v = req.query("validity");
    if (!catalog::has_code(catalog::kValidities, v)) {
      bad("validity", "有效性只能为 valid（有效）、expired（失效）或 repealed（废止）");
    } else {
      q.validity = v;
      p.link["validity"] = v;
    }
  }
  if (where == Where::kAdmin && has("state")) {
    const std::string v = req.query("state");
    if (std::find(std::begin(kIndexedStates), std::end(kIndexedStates), v) == std::end(kIndexedStates)) {
      bad("state", "状态只能为已发布、已撤回或已归档");
    } else {
      q.states = {v};
      p.link["state"] = v;
    }
  }
  if (has("sort")) {
    const std::string v = req.query("sort");
    if (v == "date") {
      q.sort = search::Sort::kDate;
      p.link["sort"] = "date";
    } else if (v != "relevance") {
      bad("sort", "排序方式只能为 relevance（按相关度）或 date（按日期）");
    }
  }
  if (has("page")) {
    auto n = parse_id(req.query("page"));
    if (!n || *n > kMaxPage) bad("page", "页码应为 1 至 100000 之间的整数");
    else q.page = static_cast<int>(*n);
  }
  q.per_page = kPagePerPage;
  if (where == Where::kApi && has("per_page")) {
    auto n = parse_id(req.query("per_page"));
    if (!n || *n > 100) bad("per_page", "per_page 应为 1 至 100 之间的整数");
    else q.per_page = static_cast<int>(*n);
  }
  if (where == Where::kAdmin) q.staff_agencies = agencies::readable_agencies(c.db, c.me());
  return p;
}

// `path` with `params` as its query string (empty values left out).
std::string href(std::string_view path, const std::map<std::string, std::string>& params) {
  std::string out(path);
  char sep = '?';
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += sep;
    out += http::url_encode(k) + "=" + http::url_encode(v);
    sep = '&';
  }
  return out;
}

// The parameters a filter occupies (a suggestion's `filter`, an active filter).
std::vector<std::string> filter_params(std::string_view filter) {
  if (filter == "agency") return {"agency", "subtree"};
  if (filter == "year") return {"year_from", "year_to"};
  return {std::string(filter)};
}

std::map<std::string, std::string> without(std::map<std::string, std::string> params, std::string_view filter) {
  for (const auto& k : filter_params(filter)) params.erase(k);
  return params;
}

std::string agency_name(db::Db& db, int64_t id) {
  auto a = agencies::get(db, id);
  return a ? a->name : std::to_string(id);
}

std::string year_range_text(const search::SearchQuery& q) {
  if (q.year_from && q.year_to) {
    return *q.year_from == *q.year_to ? std::to_string(*q.year_from) + "年"
                                      : std::to_string(*q.year_from) + "年至" + std::to_string(*q.year_to) + "年";
  }
  if (q.year_from) return std::to_string(*q.year_from) + "年及以后";
  if (q.year_to) return std::to_string(*q.year_to) + "年及以前";
  return "";
}

// Each set filter as "名称：值", keyed by the filter name search.h uses for suggestions.
std::vector<std::pair<std::string, std::string>> active_filters(db::Db& db, const search::SearchQuery& q) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto& tax = catalog::default_taxonomy();
  if (q.agency_id) {
    out.emplace_back("agency", "发布机关：" + agency_name(db, *q.agency_id) + (q.include_subtree ? "（含下级机关）" : ""));
  }
  if (q.column_id) {
    auto col = catalog::get_column(db, *q.column_id);
    out.emplace_back("column", "栏目：" + (col ? col->name : std::to_string(*q.column_id)));
  }
  if (!q.subject.empty()) out.emplace_back("subject", "主题分类：" + tax.subject(q.subject)->name);
  if (!q.genre.empty()) out.emplace_back("genre", "体裁：" + tax.genre(q.genre)->name);
  if (q.year_from || q.year_to) out.emplace_back("year", "发布年份：" + year_range_text(q));
  if (!q.validity.empty()) {
    out.emplace_back("validity", "有效性：" + std::string(catalog::label_of(catalog::kValidities, q.validity)));
  }
  for (const auto& s : q.states) {
    out.emplace_back("state", "状态：" + std::string(catalog::label_of(catalog::kStates, s)));
  }
  return out;
}

// ---- pages --------------------------------------------------------------------------------------

// The option lists of the search form, current values selected.
json form_options(Ctx& c, const Parsed& p, Where where) {
  const auto& q = p.query;
  json agencies_list = json::array();
  std::vector<int64_t> readable;
  if (where == Where::kAdmin) readable = agencies::readable_agencies(c.db, c.me());
  for (const auto& e : agencies::tree(c.db)) {
    if (where == Where::kAdmin && std::find(readable.begin(), readable.end(), e.agency.id) == readable.end()) continue;
    agencies_list.push_back({{"id", e.agency.id},
                             {"name", std::string(static_cast<size_t>(e.depth) * 2, ' ') + e.agency.name},
                             {"selected", q.agency_id == e.agency.id}});
  }
  json subjects = json::array();
  for (const auto& s : catalog::default_taxonomy().subjects()) {
    subjects.push_back({{"code", s.code}, {"name", s.name}, {"selected", q.subject == s.code}});
    for (const auto& ch : s.children) {
      if (q.subject == ch.code) subjects.push_back({{"code", ch.code}, {"name", "　" + ch.name}, {"selected", true}});
    }
  }
  json genres = json::array();
  for (const auto& g : catalog::default_taxonomy().genres()) {
    genres.push_back({{"code", g.code}, {"name", g.name}, {"selected", q.genre == g.code}});
  }
  json years_from = json::array(), years_to = json::array();
  auto years = catalog::public_years(c.db, std::nullopt);
  for (int y : {q.year_from.value_or(0), q.year_to.value_or(0)}) {
    if (y != 0 && std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  std::sort(years.rbegin(), years.rend());
  for (int y : years) {
    years_from.push_back({{"year", y}, {"selected", q.year_from == y}});
    years_to.push_back({{"year", y}, {"selected", q.year_to == y}});
  }
  json validities = json::array();
  for (const auto& v : catalog::kValidities) {
    validities.push_back({{"code", v.code}, {"name", v.label}, {"selected", q.validity == v.code}});
  }
  json states = json::array();
  for (auto code : kIndexedStates) {
    states.push_back({{"code", code},
                      {"name", catalog::label_of(catalog::kStates, code)},
                      {"selected", !q.states.empty() && q.states.front() == code}});
  }
  const bool any_filter = q.agency_id || q.column_id || !q.subject.empty() || !q.genre.empty() || q.year_from ||
                          q.year_to || !q.validity.empty() || !q.states.empty() || q.sort == search::Sort::kDate;
  return {{"agencies", agencies_list}, {"subtree", q.include_subtree}, {"subjects", subjects},
          {"genres", genres},         {"years_from", years_from},     {"years_to", years_to},
          {"validities", validities}, {"states", states},             {"staff", where == Where::kAdmin},
          {"open", any_filter},       {"date_sort", q.sort == search::Sort::kDate},
          {"column", q.column_id ? std::to_string(*q.column_id) : std::string()}};
}

json facet_groups(const search::SearchResult& r, const Parsed& p, const std::string& path) {
  struct Group {
    const char* name;
    const char* label;
    const std::vector<search::FacetCount>* counts;
  };
  const Group groups[] = {{"agency", "发布机关", &r.facets.agency},
                          {"subject", "主题分类", &r.facets.subject},
                          {"genre", "体裁", &r.facets.genre},
                          {"year", "发布年份", &r.facets.year},
                          {"validity", "有效性", &r.facets.validity}};
  json out = json::array();
  for (const auto& g : groups) {
    if (g.counts->empty()) continue;
    json values = json::array();
    for (const auto& f : *g.counts) {
      auto params = without(p.link, g.name);
      bool active = false;
      if (std::string_view(g.name) == "year") {
        params["year_from"] = params["year_to"] = f.value;
        active = p.query.year_from && p.query.year_to && *p.query.year_from == *p.query.year_to &&
                 std::to_string(*p.query.year_from) == f.value;
      } else {
        params[g.name] = f.value;
        auto it = p.link.find(g.name);
        active = it != p.link.end() && it->second == f.value && !p.query.include_subtree;
      }
      values.push_back({{"label", std::string(g.name) == "year" ? f.label + "年" : f.label},
                        {"count", f.count},
                        {"href", href(path, params)},
                        {"active", active}});
    }
    out.push_back({{"name", g.name}, {"label", g.label}, {"values", values}});
  }
  return out;
}

json pager(const search::SearchResult& r, const Parsed& p, const std::string& path) {
  const int pages = r.pages();
  const int page = r.page;
  auto link = [&](int n) {
    auto params = p.link;
    if (n > 1) params["page"] = std::to_string(n);
    return href(path, params);
  };
  json out = {{"page", page}, {"pages", pages}, {"show", pages > 1}};
  if (page > 1 && page <= pages) out["prev"] = link(page - 1);
  if (page < pages) out["next"] = link(page + 1);
  json list = json::array();
  for (int n = std::max(1, page - 3); n <= std::min(pages, page + 3); ++n) {
    list.push_back({{"n", n}, {"href", link(n)}, {"current", n == page}});
  }
  out["list"] = list;
  return out;
}

json hit_json(const search::Hit& h, Where where) {
  const auto& tax = catalog::default_taxonomy();
  const auto* genre = tax.genre(h.genre);
  return {{"url", (where == Where::kAdmin ? "/admin/items/" : "/items/") + std::to_string(h.item_id)},
          {"title_html", h.title_html},
          {"snippet_html", h.snippet_html},
          {"doc_no", h.doc_no},
          {"index_no", h.index_no},
          {"agency_name", h.agency_name},
          {"publish_date", h.publish_date},
          {"publish_date_cn", format_date_cn(h.publish_date)},
          {"genre_label", genre ? genre->name : std::string()},
          {"validity_label", catalog::label_of(catalog::kValidities, h.validity)},
          {"not_valid", h.validity != "valid"},
          {"state", h.state},
          {"state_label", catalog::label_of(catalog::kStates, h.state)},
          {"staff", where == Where::kAdmin}};
}

http::Response search_page(Ctx& c, Where where) {
  const std::string path = where == Where::kAdmin ? "/admin/search" : "/search";
  Parsed p = parse(c, where);
  json data = {{"action", path},
               {"q", p.q},
               {"problems", p.problems},
               {"filters", form_options(c, p, where)},
               {"searched", false},
               {"staff", where == Where::kAdmin}};
  // The filters in effect, each with a link that removes it.
  json active = json::array();
  for (const auto& [name, text] : active_filters(c.db, p.query)) {
    active.push_back({{"text", text}, {"href", href(path, without(p.link, name))}});
  }
  data["active"] = active;
  data["has_active"] = !active.empty();
  std::string title = where == Where::kAdmin ? "全文检索（后台）" : "全文检索";
  const int status = p.problems.empty() ? 200 : 400;

  if (p.q.empty()) {
    data["hint"] = "请输入要查找的文字，例如文件标题中的几个字、文号或索引号。";
    return page(c, where == Where::kAdmin ? "admin_search" : "search", data, title, status);
  }
  auto result = search::search(c.db, p.query);
  if (!result) {
    data["hint"] = "检索词中没有可以查找的文字（标点和符号不参与检索），请换用文件标题或正文中的字词。";
    return page(c, where == Where::kAdmin ? "admin_search" : "search", data, title, status);
  }
  const auto& r = *result;
  if (r.jump_to && p.problems.empty()) {
    return http::Response::redirect((where == Where::kAdmin ? "/admin/items/" : "/items/") + std::to_string(*r.jump_to),
                                    302);
  }
  const std::string shown_q = utf8_prefix(p.q, 90) + (p.q.size() > 90 ? "…" : "");
  title = "“" + utf8_prefix(p.q, 30) + (p.q.size() > 30 ? "…" : "") + "”的检索结果";
  data["searched"] = true;
  data["shown_q"] = shown_q;
  data["truncated"] = r.query_truncated;
  data["total"] = r.total;
  data["count_text"] = r.total_lower_bound ? "至少 " + std::to_string(r.total) + " 条"
                       : r.total_exact     ? "共 " + std::to_string(r.total) + " 条"
                                           : "约 " + std::to_string(r.total) + " 条";
  data["broad"] = r.broad;
  data["pageable"] = r.pageable;
  data["facets_estimated"] = !r.facets_exact;
  json hits = json::array();
  for (const auto& h : r.hits) hits.push_back(hit_json(h, where));
  data["hits"] = hits;
  data["none"] = r.total == 0;
  data["past_end"] = r.total > 0 && r.hits.empty();
  data["first_page"] = href(path, p.link);
  data["pages"] = r.pages();
  data["pagination"] = pager(r, p, path);
  data["facets"] = r.total > 0 ? facet_groups(r, p, path) : json::array();
  json sorts = json::array();
  for (auto [code, label] : {std::pair{"relevance", "按相关度"}, std::pair{"date", "按发布日期"}}) {
    auto params = p.link;
    params.erase("sort");
    if (std::string_view(code) == "date") params["sort"] = "date";
    const bool current = (p.query.sort == search::Sort::kDate) == (std::string_view(code) == "date");
    sorts.push_back({{"label", label}, {"href", href(path, params)}, {"current", current}});
  }
  data["sorts"] = sorts;
  // Zero results: each filter whose removal would give results, as a link without it.
  json suggestions = json::array();
  const auto set = active_filters(c.db, p.query);
  for (const auto& s : r.suggestions) {
    auto it = std::find_if(set.begin(), set.end(), [&](const auto& f) { return f.first == s.filter; });
    if (it == set.end()) continue;
    suggestions.push_back({{"text", "去掉“" + it->second + "”"},
                           {"count", (s.more ? "至少 " : "") + std::to_string(s.count) + " 条"},
                           {"href", href(path, without(p.link, s.filter))}});
  }
  data["suggestions"] = suggestions;
  data["has_suggestions"] = !suggestions.empty();
  if (where == Where::kAdmin) data["items_href"] = href("/admin/items", {{"q", utf8_prefix(p.q, 200)}});
  return page(c, where == Where::kAdmin ? "admin_search" : "search", data, title, status);
}

// ---- API ----------------------------------------------------------------------------------------

json facet_json(const std::vector<search::FacetCount>& list) {
  json out = json::array();
  for (const auto& f : list) out.push_back({{"value", f.value}, {"label", f.label}, {"count", f.count}});
  return out;
}

http::Response search_api(Ctx& c) {
  Parsed p = parse(c, Where::kApi);
  if (p.q.empty() && !p.errors.empty()) {
    p.errors.add("q", "请提供检索词 q");
  } else if (p.q.empty()) {
    return json_error(Error::invalid("empty_query", "请提供检索词 q"));
  }
  if (!p.errors.empty()) {
    Error e = p.errors.to_error();
    if (e.fields.size() > 1) e.message = "查询参数有误，请按各参数的说明修改。";
    return json_error(e);
  }
  auto result = search::search(c.db, p.query);
  if (!result) {
    return json_error(Error::invalid("empty_query", "检索词中没有可以查找的文字（标点和符号不参与检索）"));
  }
  const auto& r = *result;
  json results = json::array();
  for (const auto& h : r.hits) {
    results.push_back({{"id", h.item_id},
                       {"url", "/items/" + std::to_string(h.item_id)},
                       {"title", h.title},
                       {"title_html", h.title_html},
                       {"snippet_html", h.snippet_html},
                       {"doc_no", h.doc_no},
                       {"index_no", h.index_no},
                       {"publish_date", h.publish_date},
                       {"agency_id", h.agency_id},
                       {"agency_name", h.agency_name},
                       {"subject", h.subject},
                       {"genre", h.genre},
                       {"validity", h.validity}});
  }
  json suggestions = json::array();
  for (const auto& s : r.suggestions) {
    suggestions.push_back({{"filter", s.filter}, {"count", s.count}, {"more", s.more}});
  }
  return json_ok({{"query", p.q},
                  {"query_truncated", r.query_truncated},
                  {"total", r.total},
                  {"total_exact", r.total_exact},
                  {"total_lower_bound", r.total_lower_bound},
                  {"broad", r.broad},
                  {"page", r.page},
                  {"per_page", r.per_page},
                  {"pages", r.pages()},
                  {"jump_to", r.jump_to ? json(*r.jump_to) : json(nullptr)},
                  {"facets_exact", r.facets_exact},
                  {"facets",
                   {{"agency", facet_json(r.facets.agency)},
                    {"subject", facet_json(r.facets.subject)},
                    {"genre", facet_json(r.facets.genre)},
                    {"year", facet_json(r.facets.year)},
                    {"validity", facet_json(r.facets.validity)}}},
                  {"suggestions", suggestions},
                  {"results", results}});
}

}  // namespace

void register_search(Routes& r) {
  r.get("/search", Access::kPublicCached, [](Ctx& c) { return search_page(c, Where::kPortal); });
  r.get("/admin/search", Access::kStaff, [](Ctx& c) { return search_page(c, Where::kAdmin); });
  r.get("/api/v1/search", Access::kApiPublic, search_api);
}

}  // namespace gk::web
