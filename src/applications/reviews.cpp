// The 行政复议 / 行政诉讼 register: validation, storage, audit.
#include "applications/reviews.h"

#include "agencies/access.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::applications {
namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.agency_id, ag.name, r.application_id, COALESCE(a.code, ''), r.kind, r.body, r.case_no, "
    "r.applicant, r.filed_date, r.result, r.decided_date, r.summary, r.updated_at "
    "FROM review_cases r JOIN agencies ag ON ag.id = r.agency_id LEFT JOIN applications a ON a.id = r.application_id";

ReviewCase row_to_review(const db::Row& r) {
  ReviewCase c;
  c.id = r.i(0);
  c.agency_id = r.i(1);
  c.agency_name = r.s(2);
  c.application_id = r.oi(3);
  c.application_code = r.s(4);
  c.kind = r.s(5);
  c.body = r.s(6);
  c.case_no = r.s(7);
  c.applicant = r.s(8);
  c.filed_date = r.s(9);
  c.result = r.s(10);
  c.decided_date = r.s(11);
  c.summary = r.s(12);
  c.updated_at = r.s(13);
  return c;
}

std::optional<ReviewCase> load_review(db::Db& db, int64_t id) {
  auto rows = db.query(std::string(kSelect) + " WHERE r.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return row_to_review(rows[0]);
}

bool strict(const std::string& s) {
  auto d = parse_date(s);
  return d && format_date(*d) == s;
}

bool may_register(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  return agencies::can_act_for(db, p, agency_id) &&
         (p.has(accounts::Role::kDrafter) || p.has(accounts::Role::kAgencyAdmin));
}

// Checks the input; returns the linked application id (if any) or field errors.
Result<std::optional<int64_t>> check(db::Db& db, ReviewInput& in) {
  FieldErrors errs;
  in.body = text::trim(in.body);
  in.case_no = text::trim(in.case_no);
  in.applicant = text::trim(in.applicant);
  in.filed_date = text::trim(in.filed_date);
  in.decided_date = text::trim(in.decided_date);
  in.summary = text::trim(in.summary);
  in.application_code = text::trim(in.application_code);
  if (!has_code(kReviewKinds, in.kind)) errs.add("kind", "请选择案件类型（行政复议或行政诉讼）");
  if (in.body.empty() || in.body.size() > 300) errs.add("body", "请填写复议机关或受理法院");
  if (in.case_no.size() > 200) errs.add("case_no", "案号过长");
  if (in.applicant.size() > 300) errs.add("applicant", "申请人或原告过长");
  if (in.summary.size() > 20000) errs.add("summary", "内容过长");
  const std::string today = today_cn();
  if (!strict(in.filed_date)) errs.add("filed_date", "请填写申请复议或起诉的日期（YYYY-MM-DD）");
  else if (in.filed_date > today) errs.add("filed_date", "日期不能晚于今天");
  if (!has_code(kReviewResults, in.result)) {
    errs.add("result", "请选择结果");
  } else if (in.result == "pending") {
    if (!in.decided_date.empty()) errs.add("decided_date", "尚未审结的案件不填写审结日期");
  } else if (!strict(in.decided_date)) {
    errs.add("decided_date", "已审结的案件请填写审结日期（YYYY-MM-DD）");
  } else if (in.decided_date > today) {
    errs.add("decided_date", "审结日期不能晚于今天");
  } else if (strict(in.filed_date) && in.decided_date < in.filed_date) {
    errs.add("decided_date", "审结日期不能早于申请复议或起诉的日期");
  }
  std::optional<int64_t> app;
  if (!in.application_code.empty()) {
    auto rows = db.query("SELECT id, agency_id FROM applications WHERE code = ?", {in.application_code});
    if (rows.empty() || rows[0].i(1) != in.agency_id) errs.add("application_code", "本机关没有该查询码的申请");
    else app = rows[0].i(0);
  }
  if (!errs.empty()) return errs.to_error();
  return app;
}

}  // namespace

Result<ReviewCase> create_review(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                 const ReviewInput& input) {
  ReviewInput in = input;
  if (!may_register(db, p, in.agency_id)) return Error::forbidden("您无权为该机关登记复议或诉讼案件");
  auto app = check(db, in);
  if (!app) return app.error();
  int64_t id = 0;
  auto st = db.write([&]() -> Status {
    id = db.exec(
               "INSERT INTO review_cases(agency_id, application_id, kind, body, case_no, applicant, filed_date, result, "
               "decided_date, summary, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
               {in.agency_id, *app ? db::Value(**app) : db::Value(), in.kind, in.body, in.case_no, in.applicant,
                in.filed_date, in.result, in.decided_date, in.summary, actor.name, now_iso(), now_iso()})
             .last_insert_id;
    audit::record(db, actor, in.agency_id, "review_case", id, "create", nlohmann::json::object(),
                  to_json(*load_review(db, id)));
    return ok_status();
  });
  if (!st) return st.error();
  return *load_review(db, id);
}

Result<ReviewCase> update_review(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t id,
                                 const ReviewInput& input) {
  auto before = load_review(db, id);
  if (!before) return Error::not_found("该案件不存在");
  ReviewInput in = input;
  in.agency_id = before->agency_id;
  if (!may_register(db, p, in.agency_id)) return Error::forbidden("您无权修改该案件");
  auto app = check(db, in);
  if (!app) return app.error();
  auto st = db.write([&]() -> Status {
    db.exec(
        "UPDATE review_cases SET application_id=?, kind=?, body=?, case_no=?, applicant=?, filed_date=?, result=?, "
        "decided_date=?, summary=?, updated_at=? WHERE id=?",
        {*app ? db::Value(**app) : db::Value(), in.kind, in.body, in.case_no, in.applicant, in.filed_date, in.result,
         in.decided_date, in.summary, now_iso(), id});
    audit::record(db, actor, in.agency_id, "review_case", id, "update", to_json(*before), to_json(*load_review(db, id)));
    return ok_status();
  });
  if (!st) return st.error();
  return *load_review(db, id);
}

Result<ReviewCase> get_review(db::Db& db, const accounts::Principal& p, int64_t id) {
  auto r = load_review(db, id);
  if (!r) return Error::not_found("该案件不存在");
  if (!agencies::can_read(db, p, r->agency_id)) return Error::forbidden("您无权查看该案件");
  return *r;
}

std::vector<ReviewCase> list_reviews(db::Db& db, const std::vector<int64_t>& agency_ids,
                                     std::optional<int64_t> application_id) {
  std::vector<ReviewCase> out;
  if (agency_ids.empty()) return out;
  db::Params params;
  std::string sql = std::string(kSelect) + " WHERE r.agency_id IN " + db::in_list(agency_ids, params);
  if (application_id) {
    sql += " AND r.application_id = ?";
    params.push_back(*application_id);
  }
  sql += " ORDER BY r.filed_date DESC, r.id DESC LIMIT 500";
  for (const auto& row : db.query(sql, params)) out.push_back(row_to_review(row));
  return out;
}

nlohmann::json to_json(const ReviewCase& r) {
  return {{"id", r.id},
          {"agency_id", r.agency_id},
          {"agency_name", r.agency_name},
          {"application_code", r.application_code},
          {"kind", r.kind},
          {"kind_label", label_of(kReviewKinds, r.kind)},
          {"body", r.body},
          {"case_no", r.case_no},
          {"applicant", r.applicant},
          {"filed_date", r.filed_date},
          {"result", r.result},
          {"result_label", label_of(kReviewResults, r.result)},
          {"decided_date", r.decided_date},
          {"summary", r.summary}};
}

}  // namespace gk::applications
