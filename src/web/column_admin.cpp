// Back-office page for the columns (栏目) of an agency: list, create, rename and reorder.
#include "agencies/access.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/service.h"
#include "web/audit_view.h"
#include "web/directory_admin.h"

namespace gk::web::directory {
namespace {

using accounts::Principal;

// A submission to show again on the page, with its errors: for the new-column form (column_id 0)
// or for the form of one existing column.
struct Pending {
  int64_t column_id = 0;
  std::string name;
  std::string slug;
  std::string sort_order;
  const Error* error = nullptr;
};

http::Response render(Ctx& c, const agencies::Agency& agency, const Pending* pending, int status) {
  nlohmann::json data = nlohmann::json::object();
  if (pending && pending->error) data["error_message"] = pending->error->message;
  const nlohmann::json no_errors = nlohmann::json::object();
  auto errors_for = [&](int64_t column_id) {
    return pending && pending->error && pending->column_id == column_id ? form_errors(*pending->error)["errors"]
                                                                        : no_errors;
  };
  nlohmann::json cols = nlohmann::json::array();
  for (const auto& col : catalog::columns_of(c.db, agency.id)) {
    const bool mine = pending && pending->column_id == col.id;
    const nlohmann::json errs = errors_for(col.id);
    const std::string prefix = "c" + std::to_string(col.id) + "-";
    cols.push_back(
        {{"id", col.id},
         {"title", col.name},
         {"slug", col.slug},
         {"kind_label", column_kind_label(col.kind)},
         {"standard", col.kind != "custom"},
         {"trail_href", "/admin/audit/column/" + std::to_string(col.id)},
         {"fields",
          {FormField("name", "栏目名称", mine ? pending->name : col.name, errs, prefix).required().maxlength(50).json(),
           FormField("sort_order", "排序号", mine ? pending->sort_order : std::to_string(col.sort_order), errs, prefix)
               .inputmode("numeric")
               .json()}}});
  }
  const bool new_pending = pending && pending->column_id == 0;
  const nlohmann::json new_errs = errors_for(0);
  data["new_fields"] = {
      FormField("name", "栏目名称", new_pending ? pending->name : "", new_errs, "new-").required().maxlength(50).json(),
      FormField("slug", "栏目标识", new_pending ? pending->slug : "", new_errs, "new-")
          .required()
          .maxlength(40)
          .autocomplete("off")
          .hint("用于网址，1至40位小写字母、数字或连字符，如 czyj；创建后不能修改。")
          .json(),
      FormField("sort_order", "排序号", new_pending ? pending->sort_order : "100", new_errs, "new-")
          .inputmode("numeric")
          .hint("数字小的排在前面；标准栏目为 10、20、30。")
          .json(),
  };
  data["columns"] = cols;
  data["agency_id"] = agency.id;
  data["agency_name"] = agency.name;
  data["agency_choices"] = agency_options(administrable_tree(c.db, c.me()), agency.id);
  data["saved"] = c.req.query("saved") == "1";
  return page(c, "admin_columns", data, pending && pending->error ? "错误：栏目管理" : "栏目管理", status);
}

// The agency of ?agency= (own agency by default) if the principal may administer it.
Result<agencies::Agency> chosen_agency(Ctx& c, std::string_view param) {
  const Principal& p = c.me();
  int64_t id = p.user.agency_id;
  if (!param.empty()) {
    auto parsed = parse_id(param);
    if (!parsed) return Error::not_found("未找到该机关");
    id = *parsed;
  }
  auto a = agencies::get(c.db, id);
  if (!a) return a.error();
  if (!agencies::can_administer(c.db, p, id)) return Error::forbidden("您没有管理该机关栏目的权限。");
  return a;
}

// The error for an unparsable 排序号, with the empty-name message too so both show at once.
Error bad_order(std::string_view name) {
  FieldErrors errs;
  errs.add("sort_order", "排序号须为整数");
  if (name.find_first_not_of(" \t\r\n") == std::string_view::npos) errs.add("name", "请填写栏目名称");
  return errs.to_error();
}

std::string back_to(int64_t agency_id) { return "/admin/columns?agency=" + std::to_string(agency_id) + "&saved=1"; }

http::Response show(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto a = chosen_agency(c, c.req.query("agency"));
  if (!a) return error_page(c, a.error());
  return render(c, *a, nullptr, 200);
}

http::Response create(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto a = chosen_agency(c, c.req.form("agency_id"));
  if (!a) return error_page(c, a.error());
  Pending pending{0, c.req.form("name"), c.req.form("slug"), c.req.form("sort_order"), nullptr};
  auto order = parse_int(pending.sort_order, 100);
  Result<catalog::Column> made = bad_order(pending.name);
  if (order) made = catalog::create_column(c.db, c.me(), c.actor(), a->id, pending.name, pending.slug, *order);
  if (!made) {
    if (made.error().kind != Error::Kind::kInvalid) return error_page(c, made.error());
    pending.error = &made.error();
    return render(c, *a, &pending, 400);
  }
  return http::Response::redirect(back_to(a->id));
}

http::Response update(Ctx& c) {
  if (!is_admin(c.me())) return admin_only(c);
  auto id = parse_id(c.req.param("id"));
  if (!id) return not_found_page(c);
  auto col = catalog::get_column(c.db, *id);
  if (!col) return error_page(c, col.error());
  auto a = chosen_agency(c, std::to_string(col->agency_id));
  if (!a) return error_page(c, a.error());
  Pending pending{col->id, c.req.form("name"), col->slug, c.req.form("sort_order"), nullptr};
  auto order = parse_int(pending.sort_order, col->sort_order);
  Result<catalog::Column> saved = bad_order(pending.name);
  if (order) saved = catalog::rename_column(c.db, c.me(), c.actor(), col->id, pending.name, *order);
  if (!saved) {
    if (saved.error().kind != Error::Kind::kInvalid) return error_page(c, saved.error());
    pending.error = &saved.error();
    return render(c, *a, &pending, 400);
  }
  return http::Response::redirect(back_to(a->id));
}

}  // namespace

void register_column_pages(Routes& r) {
  r.get("/admin/columns", Access::kStaff, show);
  r.post("/admin/columns", Access::kStaff, create);
  r.post("/admin/columns/{id}", Access::kStaff, update);
}

}  // namespace gk::web::directory
