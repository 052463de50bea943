// Back-office pages of the 行政复议 / 行政诉讼 register: the list (with the 表四 counts of the
// cases shown) and the form to register a case or record its result.
#include "agencies/access.h"
#include "agencies/service.h"
#include "applications/reviews.h"
#include "platform/time.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using applications::ReviewInput;
using directory::FormField;

template <size_t N>
nlohmann::json choices(const std::array<applications::Label, N>& table, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : table) out.push_back({{"value", l.code}, {"label", l.label}, {"selected", l.code == selected}});
  return out;
}

ReviewInput input_from(const http::Request& req) {
  ReviewInput in;
  in.agency_id = parse_id(req.form("agency_id")).value_or(0);
  in.application_code = req.form("application_code");
  in.kind = req.form("kind");
  in.body = req.form("body");
  in.case_no = req.form("case_no");
  in.applicant = req.form("applicant");
  in.filed_date = req.form("filed_date");
  in.result = req.form("result");
  in.decided_date = req.form("decided_date");
  in.summary = req.form("summary");
  return in;
}

http::Response form_page(Ctx& c, const ReviewInput& in, std::optional<int64_t> id, const Error* err, int status) {
  nlohmann::json errors = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  nlohmann::json agencies = nlohmann::json::array();
  for (const auto& e : agencies::tree(c.db)) {
    if (!agencies::can_act_for(c.db, c.me(), e.agency.id)) continue;
    agencies.push_back({{"value", std::to_string(e.agency.id)}, {"label", directory::tree_indent(e.depth) + e.agency.name},
                        {"selected", e.agency.id == in.agency_id}});
  }
  nlohmann::json f = {
      {"kind", FormField("kind", "案件类型", in.kind, errors).required().select(choices(applications::kReviewKinds, in.kind)).json()},
      {"body", FormField("body", "复议机关或受理法院", in.body, errors).required().maxlength(100).json()},
      {"case_no", FormField("case_no", "案号", in.case_no, errors).maxlength(100).json()},
      {"applicant", FormField("applicant", "复议申请人或原告", in.applicant, errors).maxlength(100).json()},
      {"application_code", FormField("application_code", "关联的申请查询码（选填）", in.application_code, errors)
                               .maxlength(20).hint("因依申请公开引起的，填写该申请的查询码").json()},
      {"filed_date", FormField("filed_date", "申请复议或起诉日期", in.filed_date, errors).required().type("date").json()},
      {"result", FormField("result", "结果", in.result.empty() ? "pending" : in.result, errors).required()
                     .select(choices(applications::kReviewResults, in.result.empty() ? "pending" : in.result)).json()},
      {"decided_date", FormField("decided_date", "审结日期（已审结的填写）", in.decided_date, errors).type("date").json()},
      {"summary", FormField("summary", "案情与结果摘要", in.summary, errors).textarea(4).json()},
  };
  if (!id) f["agency"] = FormField("agency_id", "被申请或被诉机关", std::to_string(in.agency_id), errors).required().select(agencies).json();
  nlohmann::json data = {{"f", f}, {"errors", errors}, {"is_new", !id},
                         {"action", id ? "/admin/reviews/" + std::to_string(*id) : std::string("/admin/reviews/new")}};
  if (err) data["error_message"] = err->message;
  return page(c, "admin_review_form", data, id ? "修改复议诉讼案件" : "登记复议诉讼案件", status);
}

}  // namespace

void register_reviews_admin(Routes& r) {
  r.get("/admin/reviews", Access::kStaff, [](Ctx& c) {
    auto list = applications::list_reviews(c.db, agencies::readable_agencies(c.db, c.me()));
    nlohmann::json rows = nlohmann::json::array();
    std::map<std::string, int> counts;
    for (const auto& rc : list) {
      auto j = applications::to_json(rc);
      j["url"] = "/admin/reviews/" + std::to_string(rc.id);
      rows.push_back(j);
      counts[rc.kind + "." + rc.result]++;
      counts[rc.kind + ".total"]++;
    }
    nlohmann::json table = nlohmann::json::array();
    for (const auto& k : applications::kReviewKinds) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& res : applications::kReviewResults) cells.push_back(counts[std::string(k.code) + "." + std::string(res.code)]);
      cells.push_back(counts[std::string(k.code) + ".total"]);
      table.push_back({{"label", k.label}, {"cells", cells}});
    }
    nlohmann::json data = {{"cases", rows}, {"empty", rows.empty()}, {"table", table},
                           {"can_register", c.me().has(accounts::Role::kDrafter) || c.me().has(accounts::Role::kAgencyAdmin)}};
    return page(c, "admin_reviews", data, "行政复议和行政诉讼");
  });

  r.get("/admin/reviews/new", Access::kStaff, [](Ctx& c) {
    ReviewInput in;
    in.agency_id = c.me().user.agency_id;
    in.application_code = c.req.query("application");
    in.filed_date = today_cn();
    return form_page(c, in, std::nullopt, nullptr, 200);
  });

  r.post("/admin/reviews/new", Access::kStaff, [](Ctx& c) {
    ReviewInput in = input_from(c.req);
    auto done = applications::create_review(c.db, c.me(), c.actor(), in);
    if (!done) {
      if (done.error().kind == Error::Kind::kForbidden) return error_page(c, done.error());
      return form_page(c, in, std::nullopt, &done.error(), done.error().http_status());
    }
    return http::Response::redirect("/admin/reviews?saved=1");
  });

  r.get("/admin/reviews/{id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    auto rc = applications::get_review(c.db, c.me(), *id);
    if (!rc) return error_page(c, rc.error());
    ReviewInput in{rc->agency_id, rc->application_code, rc->kind, rc->body, rc->case_no, rc->applicant,
                   rc->filed_date, rc->result, rc->decided_date, rc->summary};
    return form_page(c, in, *id, nullptr, 200);
  });

  r.post("/admin/reviews/{id}", Access::kStaff, [](Ctx& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return not_found_page(c);
    ReviewInput in = input_from(c.req);
    auto done = applications::update_review(c.db, c.me(), c.actor(), *id, in);
    if (!done) {
      if (done.error().kind == Error::Kind::kForbidden || done.error().kind == Error::Kind::kNotFound) {
        return error_page(c, done.error());
      }
      return form_page(c, in, *id, &done.error(), done.error().http_status());
    }
    return http::Response::redirect("/admin/reviews?saved=1");
  });
}

}  // namespace gk::web
