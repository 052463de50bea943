// The public portal: home, the catalog listing with filters, item pages (with print view),
// agency channels with the four standard 政府信息公开 columns, the 政府信息公开指南, Atom feeds,
// sitemap.xml and attachment downloads. Pages are server-rendered and cached (Access::kPublicCached).
#include "agencies/service.h"
#include "catalog/service.h"
#include "catalog/taxonomy.h"
#include "platform/render/view.h"
#include "platform/text/html_sanitizer.h"
#include "platform/time.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using catalog::Item;

nlohmann::json item_summary(const Item& it) {
  nlohmann::json j = catalog::to_json(it, false);
  j["url"] = "/items/" + std::to_string(it.id);
  j["publish_date_cn"] = format_date_cn(it.publish_date);
  j["written_date_cn"] = format_date_cn(it.written_date);
  j["not_valid"] = it.validity != "valid";
  return j;
}

nlohmann::json items_json(const std::vector<Item>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& it : items) out.push_back(item_summary(it));
  return out;
}

// Parses the listing filters from the query string. Unknown or malformed values are reported, not
// silently dropped, so a mistyped link says so.
struct ParsedFilter {
  catalog::ListFilter filter;
  std::vector<std::string> problems;
};

ParsedFilter parse_filter(const http::Request& req) {
  ParsedFilter p;
  auto& f = p.filter;
  if (auto a = req.query("agency"); !a.empty()) {
    if (auto id = parse_id(a)) f.agency_id = *id;
    else p.problems.push_back("机关参数无效");
  }
  f.include_subtree = req.query("subtree") == "1";
  if (auto c = req.query("column"); !c.empty()) {
    if (auto id = parse_id(c)) f.column_id = *id;
    else p.problems.push_back("栏目参数无效");
  }
  const auto& tax = catalog::default_taxonomy();
  f.subject = req.query("subject");
  if (!f.subject.empty() && !tax.subject(f.subject)) {
    p.problems.push_back("主题分类不存在");
    f.subject.clear();
  }
  f.genre = req.query("genre");
  if (!f.genre.empty() && !tax.genre(f.genre)) {
    p.problems.push_back("体裁不存在");
    f.genre.clear();
  }
  if (auto y = req.query("year"); !y.empty()) {
    auto id = parse_id(y);
    if (id && *id >= 1949 && *id <= 2200) f.year = static_cast<int>(*id);
    else p.problems.push_back("年份参数无效");
  }
  f.validity = req.query("validity");
  if (!f.validity.empty() && !catalog::has_code(catalog::kValidities, f.validity)) {
    p.problems.push_back("有效性参数无效");
    f.validity.clear();
  }
  f.page = page_number(req);
  f.per_page = 20;
  return p;
}

// The option lists of the filter form, with the current selection marked.
nlohmann::json filter_options(db::Db& db, const catalog::ListFilter& f) {
  nlohmann::json agencies = nlohmann::json::array();
  for (const auto& e : agencies::tree(db)) {
    agencies.push_back({{"id", e.agency.id},
                        {"name", std::string(static_cast<size_t>(e.depth) * 2, ' ') + e.agency.name},
                        {"selected", f.agency_id == e.agency.id}});
  }
  nlohmann::json subjects = nlohmann::json::array();
  for (const auto& s : catalog::default_taxonomy().subjects()) {
    subjects.push_back({{"code", s.code}, {"name", s.name}, {"selected", f.subject == s.code}});
    for (const auto& ch : s.children) {
      if (f.subject == ch.code) subjects.push_back({{"code", ch.code}, {"name", "　" + ch.name}, {"selected", true}});
    }
  }
  nlohmann::json genres = nlohmann::json::array();
  for (const auto& g : catalog::default_taxonomy().genres()) {
    genres.push_back({{"code", g.code}, {"name", g.name}, {"selected", f.genre == g.code}});
  }
  nlohmann::json years = nlohmann::json::array();
  for (int y : catalog::public_years(db, std::nullopt)) years.push_back({{"year", y}, {"selected", f.year == y}});
  nlohmann::json validities = nlohmann::json::array();
  for (const auto& v : catalog::kValidities) {
    validities.push_back({{"code", v.code}, {"name", v.label}, {"selected", f.validity == v.code}});
  }
  return {{"agencies", agencies}, {"subjects", subjects}, {"genres", genres}, {"years", years},
          {"validities", validities}, {"subtree", f.include_subtree}};
}

http::Response listing(Ctx& c, const ParsedFilter& pf, nlohmann::json data, std::string_view title) {
  auto result = catalog::list_public(c.db, pf.filter);
  data["items"] = items_json(result.items);
  data["total"] = result.total;
  data["empty"] = result.items.empty();
  data["pagination"] = pagination(c.req, result.page, result.pages());
  data["filters"] = filter_options(c.db, pf.filter);
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : pf.problems) problems.push_back(p);
  data["problems"] = problems;
  data["title"] = std::string(title);
  data["action"] = c.req.path;
  return page(c, "items", data, title, pf.problems.empty() ? 200 : 400);
}

std::optional<agencies::Agency> agency_param(Ctx& c) {
  auto id = parse_id(c.req.param("id"));
  if (!id) return std::nullopt;
  auto a = agencies::get(c.db, *id);
  if (!a) return std::nullopt;
  return *a;
}

nlohmann::json columns_json(db::Db& db, int64_t agency_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& col : catalog::columns_of(db, agency_id)) {
    nlohmann::json j = catalog::column_json(col);
    j["url"] = "/agencies/" + std::to_string(agency_id) + "/columns/" + std::to_string(col.id);
    j["custom"] = col.kind == "custom";
    out.push_back(j);
  }
  return out;
}

std::string xml_escape(std::string_view s) { return text::escape_html(s); }

std::string base_url(const http::Request& req) {
  std::string host = req.header("host");
  if (host.empty() || host.find_first_of(" /\\\"<>") != std::string::npos) host = "127.0.0.1";
  return "http://" + host;
}

http::Response atom_feed(Ctx& c, const agencies::Agency& a, std::optional<catalog::Column> col) {
  catalog::ListFilter f;
  f.agency_id = a.id;
  if (col) f.column_id = col->id;
  f.per_page = 50;
  auto items = catalog::list_public(c.db, f).items;
  const std::string base = base_url(c.req);
  const std::string self = base + c.req.path;
  std::string updated = items.empty() ? std::string("2019-05-15") : items.front().publish_date;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "<title>" + xml_escape(a.name + (col ? " - " + col->name : std::string()) + " 政府信息公开") + "</title>\n";
  out += "<id>" + xml_escape(self) + "</id>\n<link rel=\"self\" href=\"" + xml_escape(self) + "\"/>\n";
  out += "<updated>" + updated + "T00:00:00+08:00</updated>\n<author><name>" + xml_escape(a.name) + "</name></author>\n";
  for (const auto& it : items) {
    const std::string url = base + "/items/" + std::to_string(it.id);
    out += "<entry>\n<title>" + xml_escape(it.title) + "</title>\n<id>" + xml_escape(url) + "</id>\n<link href=\"" +
           xml_escape(url) + "\"/>\n<updated>" + it.publish_date + "T00:00:00+08:00</updated>\n<summary>" +
           xml_escape(it.index_no + (it.doc_no.empty() ? "" : " " + it.doc_no) + " " + it.summary) +
           "</summary>\n</entry>\n";
  }
  out += "</feed>\n";
  return http::Response::text(out, "application/atom+xml; charset=utf-8");
}

}  // namespace

void register_portal(Routes& r) {
  r.get("/", Access::kPublicCached, [](Ctx& c) {
    catalog::ListFilter f;
    f.per_page = 12;
    auto latest = catalog::list_public(c.db, f);
    f.genre = "guifanxing";
    f.per_page = 6;
    auto rules = catalog::list_public(c.db, f);
    nlohmann::json channels = nlohmann::json::array();
    for (const auto& e : agencies::tree(c.db)) {
      channels.push_back({{"id", e.agency.id}, {"name", e.agency.name}, {"depth", e.depth}, {"top", e.depth == 0}});
    }
    nlohmann::json subjects = nlohmann::json::array();
    for (const auto& s : catalog::default_taxonomy().subjects()) subjects.push_back({{"code", s.code}, {"name", s.name}});
    nlohmann::json data = {{"latest", items_json(latest.items)}, {"rules", items_json(rules.items)},
                           {"channels", channels}, {"subjects", subjects}, {"total", latest.total}};
    return page(c, "home", data, "首页");
  });

  r.get("/items", Access::kPublicCached, [](Ctx& c) {
    return listing(c, parse_filter(c.req), nlohmann::json::object(), "信息公开目录");
  });

  r.get("/items/{id}", Access::kPublicCached, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    auto it = id ? catalog::get_public(c.db, *id) : Result<Item>(Error::not_found(""));
    if (!it) return not_found_page(c);
    nlohmann::json data = catalog::to_json(*it, true);
    data["publish_date_cn"] = format_date_cn(it->publish_date);
    data["written_date_cn"] = format_date_cn(it->written_date);
    data["repeal_date_cn"] = format_date_cn(it->repeal_date);
    data["not_valid"] = it->validity != "valid";
    data["interpretations"] = items_json(catalog::interpretations_of(c.db, it->id));
    data["has_interpretations"] = !data["interpretations"].empty();
    if (it->interprets_id) {
      auto policy = catalog::get_public(c.db, *it->interprets_id);
      if (policy) data["policy"] = item_summary(*policy);
    }
    for (auto& a : data["attachments"]) {
      a["size_kb"] = std::to_string((a["size"].get<int64_t>() + 1023) / 1024) + " KB";
    }
    data["has_attachments"] = !it->attachments.empty();
    data["agency_url"] = "/agencies/" + std::to_string(it->agency_id);
    if (c.req.query("print") == "1") {
      return http::Response::html(render::render("item_print", data));
    }
    return page(c, "item", data, it->title);
  });

  r.get("/agencies", Access::kPublicCached, [](Ctx& c) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : agencies::tree(c.db)) {
      list.push_back({{"id", e.agency.id}, {"name", e.agency.name}, {"depth", e.depth},
                      {"level", agencies::level_label(e.agency.level)}, {"indent", e.depth > 0},
                      {"indent_class", "depth-" + std::to_string(std::min(e.depth, 3))}});
    }
    return page(c, "agencies", {{"agencies", list}}, "机关导航");
  });

  r.get("/agencies/{id}", Access::kPublicCached, [](Ctx& c) {
    auto a = agency_param(c);
    if (!a) return not_found_page(c);
    catalog::ListFilter f;
    f.agency_id = a->id;
    f.per_page = 10;
    auto latest = catalog::list_public(c.db, f);
    nlohmann::json data = agencies::to_json(*a);
    data["columns"] = columns_json(c.db, a->id);
    data["latest"] = items_json(latest.items);
    data["total"] = latest.total;
    nlohmann::json kids = nlohmann::json::array();
    for (const auto& k : agencies::children(c.db, a->id)) kids.push_back({{"id", k.id}, {"name", k.name}});
    data["children"] = kids;
    data["has_children"] = !kids.empty();
    return page(c, "agency", data, a->name + " 政府信息公开");
  });

  r.get("/agencies/{id}/guide", Access::kPublicCached, [](Ctx& c) {
    auto a = agency_param(c);
    if (!a) return not_found_page(c);
    nlohmann::json data = agencies::to_json(*a);
    data["guide_html"] = a->guide_html;  // sanitized when saved
    data["has_guide"] = !a->guide_html.empty();
    return page(c, "agency_guide", data, a->name + " 政府信息公开指南");
  });

  r.get("/agencies/{id}/columns/{cid}", Access::kPublicCached, [](Ctx& c) {
    auto a = agency_param(c);
    auto cid = parse_id(c.req.param("cid"));
    auto col = cid ? catalog::get_column(c.db, *cid) : Result<catalog::Column>(Error::not_found(""));
    if (!a || !col || col->agency_id != a->id) return not_found_page(c);
    ParsedFilter pf = parse_filter(c.req);
    pf.filter.agency_id = a->id;
    pf.filter.include_subtree = false;
    pf.filter.column_id = col->id;
    nlohmann::json data = {{"agency", agencies::to_json(*a)},
                           {"column", catalog::column_json(*col)},
                           {"in_column", true},
                           {"feed", "/agencies/" + std::to_string(a->id) + "/columns/" + std::to_string(col->id) +
                                        "/feed.atom"}};
    return listing(c, pf, data, a->name + " · " + col->name);
  });

  r.get("/agencies/{id}/feed.atom", Access::kPublicCached, [](Ctx& c) {
    auto a = agency_param(c);
    if (!a) return not_found_page(c);
    return atom_feed(c, *a, std::nullopt);
  });

  r.get("/agencies/{id}/columns/{cid}/feed.atom", Access::kPublicCached, [](Ctx& c) {
    auto a = agency_param(c);
    auto cid = parse_id(c.req.param("cid"));
    auto col = cid ? catalog::get_column(c.db, *cid) : Result<catalog::Column>(Error::not_found(""));
    if (!a || !col || col->agency_id != a->id) return not_found_page(c);
    return atom_feed(c, *a, *col);
  });

  r.get("/sitemap.xml", Access::kPublicCached, [](Ctx& c) {
    const std::string base = base_url(c.req);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    auto url = [&](const std::string& path, const std::string& lastmod) {
      out += "<url><loc>" + xml_escape(base + path) + "</loc>";
      if (!lastmod.empty()) out += "<lastmod>" + lastmod + "</lastmod>";
      out += "</url>\n";
    };
    url("/", "");
    url("/items", "");
    for (const auto& e : agencies::tree(c.db)) {
      url("/agencies/" + std::to_string(e.agency.id), "");
      url("/agencies/" + std::to_string(e.agency.id) + "/guide", "");
    }
    for (const auto& row : c.db.query(
             "SELECT id, publish_date FROM items WHERE state = 'published' AND disclosure = 'proactive' ORDER BY id")) {
      url("/items/" + std::to_string(row.i(0)), row.s(1));
    }
    out += "</urlset>\n";
    return http::Response::text(out, "application/xml; charset=utf-8");
  });

  // Attachments: public when attached to a published 主动公开 item; staff may fetch any.
  r.get("/files/{sha}/{name}", Access::kPublic, [](Ctx& c) {
    const std::string sha = c.req.param("sha");
    if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) return not_found_page(c);
    if (!catalog::blob_is_public(c.db, sha) && !c.user) return not_found_page(c);
    auto b = catalog::blob(c.db, sha);
    if (!b) return not_found_page(c);
    auto res = http::Response::text(std::move(b->bytes), b->mime);
    const std::string name = c.req.param("name");
    res.header("Content-Disposition", "attachment; filename*=UTF-8''" + http::url_encode(name));
    res.header("Cache-Control", "public, max-age=86400");
    return res;
  });
}

}  // namespace gk::web
