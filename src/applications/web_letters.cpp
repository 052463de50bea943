// Back-office pages where an agency administrator words the agency's letters (/admin/letters): the
// list of templates, and per template an edit form with the placeholders it may use and a preview of
// the letter made from a sample case (shown for the saved wording, or for the typed one with 预览),
// and a reset to the default. Works without JavaScript.
#include "agencies/access.h"
#include "agencies/service.h"
#include "applications/letters.h"
#include "platform/time.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using applications::LetterTemplate;
using applications::TemplateSpec;

// The agency of `param` (own agency by default) if the principal may administer it.
Result<agencies::Agency> chosen_agency(Ctx& c, std::string_view param) {
  int64_t id = c.me().user.agency_id;
  if (!param.empty()) {
    auto parsed = parse_id(param);
    if (!parsed) return Error::not_found("未找到该机关");
    id = *parsed;
  }
  auto a = agencies::get(c.db, id);
  if (!a) return a.error();
  if (!agencies::can_administer(c.db, c.me(), id)) return Error::forbidden("您没有管理该机关文书模板的权限。");
  return a;
}

std::string edit_url(std::string_view key, int64_t agency_id) {
  return "/admin/letters/" + std::string(key) + "?agency=" + std::to_string(agency_id);
}

// The letter as blocks for the on-page preview (the same blocks the PDF is laid out from).
nlohmann::json preview_json(const render::LetterDoc& doc) {
  using K = render::LetterBlock::Kind;
  nlohmann::json j = {{"paragraphs", nlohmann::json::array()}};
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case K::kTitle:
        j["title"] = b.text;
        break;
      case K::kDocNumber:
        j["number"] = b.text;
        break;
      case K::kAddressee:
        j["addressee"] = b.text;
        break;
      case K::kSignature:
        j["signature"] = b.text;
        break;
      case K::kDate:
        j["date"] = b.text;
        break;
      default:
        j["paragraphs"].push_back({{"text", b.text}});
        break;
    }
  }
  j["footer"] = doc.footer;
  return j;
}

http::Response list_page(Ctx& c) {
  if (!directory::is_admin(c.me())) return directory::admin_only(c);
  auto a = chosen_agency(c, c.req.query("agency"));
  if (!a) return error_page(c, a.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& spec : applications::template_specs()) {
    const auto t = applications::agency_template(c.db, a->id, spec);
    const auto& info = applications::letter_kind_info(spec.kind);
    rows.push_back({{"label", spec.label},
                    {"title", t.t.title},
                    {"step", info.to_applicant ? "送申请人" : "送被征求意见方"},
                    {"customized", t.customized},
                    {"updated", t.customized ? t.updated_by + " " + t.updated_at.substr(0, 10) : ""},
                    {"url", edit_url(spec.key, a->id)}});
  }
  nlohmann::json data = {
      {"templates", rows},
      {"agency_id", a->id},
      {"agency_name", a->name},
      {"agency_choices", directory::agency_options(directory::administrable_tree(c.db, c.me()), a->id)}};
  return page(c, "admin_letters", data, "文书模板");
}

// The edit page for `t` (the saved wording, or what was just submitted), with its preview.
http::Response edit_page(Ctx& c, const agencies::Agency& a, const TemplateSpec& spec, const LetterTemplate& t,
                         const Error* err, int status) {
  const auto saved = applications::agency_template(c.db, a.id, spec);
  const nlohmann::json errors = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  using directory::FormField;
  nlohmann::json fields = {
      FormField("title", "标题", t.title, errors)
          .required()
          .textarea(2)
          .hint("可以分两行：第一行机关名称，第二行文书名称")
          .json(),
      FormField("addressee", "称呼（主送）", t.addressee, errors).maxlength(100).hint("含冒号，如“{申请人}：”").json(),
      FormField("body", "正文", t.body, errors)
          .required()
          .textarea(18)
          .hint("段落之间空一行；签署机关和日期自动加在正文之后")
          .json(),
  };
  nlohmann::json ph = nlohmann::json::array();
  for (const auto& p : applications::placeholders(spec.kind)) {
    ph.push_back({{"name", "{" + std::string(p.name) + "}"}, {"meaning", p.meaning}});
  }
  nlohmann::json data = {{"label", spec.label},
                         {"key", spec.key},
                         {"agency_id", a.id},
                         {"agency_name", a.name},
                         {"fields", fields},
                         {"placeholders", ph},
                         {"customized", saved.customized},
                         {"updated_by", saved.updated_by},
                         {"updated_at", saved.updated_at},
                         {"back", "/admin/letters?agency=" + std::to_string(a.id)},
                         {"errors", errors},
                         {"saved", c.req.query("saved") == "1"},
                         {"was_reset", c.req.query("reset") == "1"}};
  if (err) data["error_message"] = err->message;
  auto sample = applications::sample_for(spec, a.name, applications::reconsideration_body(c.db, a.id), today_cn());
  auto doc = applications::compose(spec.kind, sample.c, sample.v, t);
  if (doc)
    data["preview"] = preview_json(*doc);
  else
    data["preview_error"] = doc.error().message;
  return page(c, "admin_letter_edit", data, std::string(err ? "错误：" : "") + "文书模板：" + std::string(spec.label),
              status);
}

// The agency and template of an edit request, or the error page to show.
struct Target {
  agencies::Agency agency;
  const TemplateSpec* spec = nullptr;
};
Result<Target> target(Ctx& c, std::string_view agency_param) {
  const TemplateSpec* spec = applications::find_template_spec(c.req.param("key"));
  if (!spec) return Error::not_found("没有这种文书模板");
  auto a = chosen_agency(c, agency_param);
  if (!a) return a.error();
  return Target{*a, spec};
}

}  // namespace

void register_letter_templates_admin(Routes& r) {
  r.get("/admin/letters", Access::kStaff, list_page);

  r.get("/admin/letters/{key}", Access::kStaff, [](Ctx& c) {
    if (!directory::is_admin(c.me())) return directory::admin_only(c);
    auto t = target(c, c.req.query("agency"));
    if (!t) return error_page(c, t.error());
    return edit_page(c, t->agency, *t->spec, applications::agency_template(c.db, t->agency.id, *t->spec).t, nullptr,
                     200);
  });

  // 预览 shows the typed wording without saving; 保存 saves it (refused with the problem beside the
  // field when a placeholder is unknown).
  r.post("/admin/letters/{key}", Access::kStaff, [](Ctx& c) {
    if (!directory::is_admin(c.me())) return directory::admin_only(c);
    auto t = target(c, c.req.form("agency_id"));
    if (!t) return error_page(c, t.error());
    const LetterTemplate typed{c.req.form("title"), c.req.form("addressee"), c.req.form("body")};
    if (c.req.form("op") == "preview") {
      auto checked = applications::check_template(t->spec->kind, typed);
      return edit_page(c, t->agency, *t->spec, typed, checked ? nullptr : &checked.error(), checked ? 200 : 400);
    }
    auto saved = applications::save_template(c.db, c.me(), c.actor(), t->agency.id, t->spec->key, typed);
    if (!saved) {
      if (saved.error().kind != Error::Kind::kInvalid) return error_page(c, saved.error());
      return edit_page(c, t->agency, *t->spec, typed, &saved.error(), 400);
    }
    return http::Response::redirect(edit_url(t->spec->key, t->agency.id) + "&saved=1");
  });

  r.post("/admin/letters/{key}/reset", Access::kStaff, [](Ctx& c) {
    if (!directory::is_admin(c.me())) return directory::admin_only(c);
    auto t = target(c, c.req.form("agency_id"));
    if (!t) return error_page(c, t.error());
    auto done = applications::reset_template(c.db, c.me(), c.actor(), t->agency.id, t->spec->key);
    if (!done) return error_page(c, done.error());
    return http::Response::redirect(edit_url(t->spec->key, t->agency.id) + "&reset=1");
  });
}

}  // namespace gk::web
