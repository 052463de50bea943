// Back-office pages for the agency registry: the tree, and the create and edit forms.
#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "agencies/access.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/index_number.h"
#include "catalog/service.h"
#include "web/directory_admin.h"

namespace gk::web::directory {
namespace {

using accounts::Principal;
using agencies::Agency;
using agencies::AgencyInput;

// The submitted form as the strings to show again, keyed by field name.
using Values = std::map<std::string, std::string>;

constexpr std::array<std::string_view, 12> kFieldNames = {"parent_id",  "name",         "short_name",  "level",
                                                          "sort_order", "credit_code",  "region_code", "address",
                                                          "phone",      "office_hours", "guide_html",  "index_pattern"};

Values values_of(const Agency& a) {
  return {{"parent_id", a.parent_id ? std::to_string(*a.parent_id) : ""},
          {"name", a.name},
          {"short_name", a.short_name},
          {"level", std::string(agencies::level_code(a.level))},
          {"sort_order", std::to_string(a.sort_order)},
          {"credit_code", a.credit_code},
          {"region_code", a.region_code},
          {"address", a.address},
          {"phone", a.phone},
          {"office_hours", a.office_hours},
          {"guide_html", a.guide_html},
          {"index_pattern", a.index_pattern}};
}

Values values_of(const http::Request& req) {
  Values v;
  for (auto name : kFieldNames) v[std::string(name)] = req.form(name);
  return v;
}

// Reads the form into an AgencyInput; problems the service cannot see (unparsable numbers) go to `errs`.
AgencyInput input_of(const Values& v, FieldErrors& errs) {
  AgencyInput in;
  if (!v.at("parent_id").empty()) {
    in.parent_id = parse_id(v.at("parent_id"));
    if (!in.parent_id) errs.add("parent_id", "请选择上级机关");
  }
  in.name = v.at("name");
  in.short_name = v.at("short_name");
  in.level = v.at("level");
  auto order = parse_int(v.at("sort_order"), 0);
  if (!order) errs.add("sort_order", "排序号须为整数");
  in.sort_order = order.value_or(0);
  in.credit_code = v.at("credit_code");
  in.region_code = v.at("region_code");
  in.address = v.at("address");
  in.phone = v.at("phone");
  in.office_hours = v.at("office_hours");
  in.guide_html = v.at("guide_html");
  in.index_pattern = v.at("index_pattern");
  return in;
}

// Choices of 上级机关 when editing `self` (nullopt when creating): the agencies in the principal's
// scope outside self's own subtree, plus the current parent (an agency admin editing its own agency
// keeps the parent it has), plus "none" for a platform admin.
nlohmann::json parent_options(Ctx& c, std::optional<int64_t> self, std::optional<int64_t> current_parent,
                              std::optional<int64_t> selected) {
  const Principal& p = c.me();
  auto scope = administrable_tree(c.db, p);
  if (self) {
    const auto below = agencies::subtree_ids(c.db, *self);
    std::erase_if(scope, [&](const agencies::TreeEntry& e) {
      return std::find(below.begin(), below.end(), e.agency.id) != below.end();
    });
  }
  nlohmann::json options = nlohmann::json::array();
  if (p.is_platform_admin()) {
    options.push_back({{"value", ""}, {"label", "（无上级机关，仅限省级机关）"}, {"selected", !selected}});
  } else if (!selected) {
    options.push_back({{"value", ""}, {"label", "请选择"}, {"selected", true}});
  }
  const bool parent_listed = current_parent && std::any_of(scope.begin(), scope.end(), [&](const auto& e) {
                               return e.agency.id == *current_parent;
                             });
  if (current_parent && !parent_listed) {
    if (auto a = agencies::get(c.db, *current_parent)) {
      options.push_back({{"value", std::to_string(a->id)}, {"label", a->name}, {"selected", selected == a->id}});
    }
  }
  for (auto& o : agency_options(scope, selected)) options.push_back(std::move(o));
  return options;
}

nlohmann::json level_options(const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  if (selected.empty()) out.push_back({{"value", ""}, {"label", "请选择"}, {"selected", true}});
  for (const auto& l : agencies::kLevels) {
    out.push_back({{"value", std::string(l.code)}, {"label", std::string(l.label)}, {"selected", l.code == selected}});
  }
  return out;
}

http::Response render_form(Ctx& c, const std::optional<Agency>& editing, const Values& v, const Error* error,
                           int status) {
  nlohmann::json data = error ? form_errors(*error) : nlohmann::json{{"errors", nlohmann::json::object()}};
  const nlohmann::json& errs = data["errors"];
  auto val = [&](const char* k) { return v.at(k); };
  std::optional<int64_t> selected_parent = parse_id(val("parent_id"));
  auto parents = parent_options(c, editing ? std::optional<int64_t>(editing->id) : std::nullopt,
                                editing ? editing->parent_id : std::nullopt, selected_parent);
  nlohmann::json basic = {
      FormField("parent_id", "上级机关", val("parent_id"), errs)
          .select(parents)
          .hint("省级以下机关须选择上级机关。")
          .json(),
      FormField("name", "机关全称", val("name"), errs).required().maxlength(200).hint("如：青川县人民政府").json(),
      FormField("short_name", "简称", val("short_name"), errs).maxlength(100).json(),
      FormField("level", "层级", val("level"), errs).required().select(level_options(val("level"))).json(),
      FormField("sort_order", "排序号", val("sort_order"), errs)
          .inputmode("numeric")
          .hint("同一上级下数字小的排在前面。")
          .json(),
  };
  nlohmann::json codes = {
      FormField("credit_code", "统一社会信用代码", val("credit_code"), errs)
          .required()
          .maxlength(40)
          .autocomplete("off")
          .hint("18位，最后一位为校验码。")
          .json(),
      FormField("region_code", "行政区划代码", val("region_code"), errs)
          .inputmode("numeric")
          .maxlength(12)
          .hint("6位、9位或12位数字，如 510822。")
          .json(),
      FormField("index_pattern", "索引号规则", val("index_pattern"), errs)
          .maxlength(200)
          .autocomplete("off")
          .hint("可用占位符：{统一社会信用代码} {区划代码} {机构代码} {YYYY} {YYYYMM} {serial:05d}"
                "（流水号，必须包含，05 表示补足5位）。留空使用默认规则 " +
                std::string(catalog::kDefaultIndexPattern) + "。")
          .json(),
  };
  nlohmann::json contact = {
      FormField("address", "办公地址", val("address"), errs).maxlength(300).autocomplete("off").json(),
      FormField("phone", "联系电话", val("phone"), errs).type("tel").maxlength(100).json(),
      FormField("office_hours", "办公时间", val("office_hours"), errs).maxlength(200).json(),
  };
  nlohmann::json guide = {
      FormField("guide_html", "政府信息公开指南", val("guide_html"), errs)
          .textarea(14)
          .hint("可使用 HTML 格式（段落、标题、列表、表格、链接）；保存时会清除脚本等不安全内容。")
          .json(),
  };
  data["sections"] = {{{"legend", "基本信息"}, {"fields", basic}},
                      {{"legend", "代码与索引号"}, {"fields", codes}},
                      {{"legend", "联系方式"}, {"fields", contact}},
                      {{"legend", "公开指南"}, {"fields", guide}}};
  std::string title;
  if (editing) {
    title = "编辑机关";
    data["heading"] = "编辑机关：" + editing->name;
    data["action"] = "/admin/agencies/" + std::to_string(editing->id);
    data["trail_href"] = "/admin/audit/agency/" + std::to_string(editing->id);
  } else {
    title = "新增机关";
    data["heading"] = title;
    data["action"] = "/admin/agencies";
  }
  // The title says first that the submission failed, for screen-reader users arriving on the page.
  return page(c, "admin_agency_form", data, (error ? "错误：" : "") + title, status);
}

// A service or input error shown on the form (invalid input, conflicts), or as an error page.
http::Response form_failure(Ctx& c, const std::optional<Agency>& editing, const Values& v, const Error& e) {
  if (e.kind == Error::Kind::kInvalid || e.kind == Error::Kind::kConflict) {
    return render_form(c, editing, v, &e, e.http_status());
  }
  return error_page(c, e);
}

http::Response list(Ctx& c) {
  const Principal& p = c.me();
  if (!is_admin(p)) return admin_only(c);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : administrable_tree(c.db, p)) {
    const auto& a = e.agency;
    rows.push_back({{"id", a.id},
                    {"name", a.name},
                    {"short_name", a.short_name},
                    {"indent", tree_indent(e.depth)},
                    {"level_label", std::string(agencies::level_label(a.level))},
                    {"credit_code", a.credit_code},
                    {"region_code", a.region_code},
                    {"edit_href", "/admin/agencies/" + std::to_string(a.id) + "/edit"},
                    {"columns_href", "/admin/columns?agency=" + std::to_string(a.id)}});
  }
  nlohmann::json data = {{"agencies", rows}, {"saved", c.req.query("saved") == "1"}, {"empty", rows.empty()}};
  return page(c, "admin_agencies", data, "机关管理");
}

http::Response new_form(Ctx& c) {
  const Principal& p = c.me();
  if (!is_admin(p)) return admin_only(c);
  Values v = values_of(Agency{});
  v["level"] = "";
  v["sort_order"] = "0";
  v["index_pattern"] = "";
  v["parent_id"] = p.is_platform_admin() ? "" : std::to_string(p.user.agency_id);
  if (auto parent = parse_id(c.req.query("parent")); parent && agencies::can_administer(c.db, p, *parent)) {
    v["parent_id"] = std::to_string(*parent);
  }
  return render_form(c, std::nullopt, v, nullptr, 200);
}

http::Response create(Ctx& c) {
  const Principal& p = c.me();
  if (!is_admin(p)) return admin_only(c);
  const Values v = values_of(c.req);
  FieldErrors errs;
  AgencyInput in = input_of(v, errs);
  // The agency services take no principal: where an agency admin may add agencies is checked here.
  if (!p.is_platform_admin()) {
    if (!in.parent_id) {
      errs.add("parent_id", "请选择上级机关：只能在本机关或下级机关之下新增");
    } else if (!agencies::can_administer(c.db, p, *in.parent_id)) {
      errs.add("parent_id", "只能在本机关或下级机关之下新增机关");
    }
  }
  if (!errs.empty()) {
    auto checked = agencies::validate(in);
    Error e = merge_errors(errs, checked ? nullptr : &checked.error());
    return render_form(c, std::nullopt, v, &e, 400);
  }
  auto made = c.db.write([&]() -> Result<Agency> {
    auto a = agencies::create(c.db, &p, c.actor(), in);
    if (!a) return a;
    catalog::ensure_standard_columns(c.db, a->id);
    return a;
  });
  if (!made) return form_failure(c, std::nullopt, v, made.error());
  return http::Response::redirect("/admin/agencies?saved=1");
}

// The agency at {id} if the principal may administer it, or the error to show.
Result<Agency> administrable(Ctx& c) {
  auto id = parse_id(c.req.param("id"));
  if (!id) return Error::not_found("未找到该机关");
  auto a = agencies::get(c.db, *id);
  if (!a) return a.error();
  if (!agencies::can_administer(c.db, c.me(), a->id)) return Error::forbidden("您没有管理该机关的权限。");
  return a;
}

http::Response edit_form(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto a = administrable(c);
  if (!a) return error_page(c, a.error());
  return render_form(c, *a, values_of(*a), nullptr, 200);
}

http::Response update(Ctx& c) {
  const Principal& p = c.me();
  if (!is_admin(p)) return admin_only(c);
  auto before = administrable(c);
  if (!before) return error_page(c, before.error());
  const Values v = values_of(c.req);
  FieldErrors errs;
  AgencyInput in = input_of(v, errs);
  // An agency admin may move an agency only within its own subtree; its own agency stays where it is.
  if (!p.is_platform_admin() && in.parent_id != before->parent_id &&
      (!in.parent_id || !agencies::can_administer(c.db, p, *in.parent_id))) {
    errs.add("parent_id", "只能把机关调整到本机关或下级机关之下");
  }
  if (!errs.empty()) {
    auto checked = agencies::validate(in);
    Error e = merge_errors(errs, checked ? nullptr : &checked.error());
    return render_form(c, *before, v, &e, 400);
  }
  auto saved = agencies::update(c.db, &p, c.actor(), before->id, in);
  if (!saved) return form_failure(c, *before, v, saved.error());
  return http::Response::redirect("/admin/agencies?saved=1");
}

}  // namespace

void register_agency_pages(Routes& r) {
  r.get("/admin/agencies", Access::kStaff, list);
  r.get("/admin/agencies/new", Access::kStaff, new_form);
  r.post("/admin/agencies", Access::kStaff, create);
  r.get("/admin/agencies/{id}/edit", Access::kStaff, edit_form);
  r.post("/admin/agencies/{id}", Access::kStaff, update);
}

}  // namespace gk::web::directory
