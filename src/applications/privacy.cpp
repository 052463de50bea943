// See privacy.h.
#include "applications/privacy.h"

#include "applications/service.h"
#include "platform/cache/page_cache.h"
#include "platform/time.h"

namespace gk::applications {
namespace {

constexpr const char* kRetentionKey = "applications.retention_years";

std::string csv_field(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += "\"\"";
    else if (ch == '\r' || ch == '\n') out += ' ';
    else out += ch;
  }
  // Spreadsheet formula injection: a leading = + - @ is made text.
  if (out.size() > 1 && (out[1] == '=' || out[1] == '+' || out[1] == '-' || out[1] == '@')) out.insert(1, "'");
  return out + "\"";
}

}  // namespace

int retention_years(db::Db& db) {
  auto row = db.query_one("SELECT value FROM settings WHERE key = ?", {std::string(kRetentionKey)});
  if (!row) return 0;
  const std::string v = row->s(0);
  if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoi(v);
}

Status set_retention_years(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int years) {
  if (by && !by->is_platform_admin()) return Error::forbidden("只有平台管理员可以修改个人信息保存期限");
  if (years < 0 || years > 100) return Error::field("retention_years", "保存期限应为0至100年（0表示不自动删除）");
  return db.write([&]() -> Status {
    const int before = retention_years(db);
    db.exec(
        "INSERT INTO settings(key, value, updated_at, updated_by) VALUES (?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
        "value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        {std::string(kRetentionKey), std::to_string(years), now_iso(), actor.name});
    audit::record(db, actor, std::nullopt, "privacy_settings", 1, "update", {{"retention_years", before}},
                  {{"retention_years", years}});
    return ok_status();
  });
}

Result<int> purge_personal_data(db::Db& db, const audit::Actor& actor, std::string_view today) {
  const int years = retention_years(db);
  if (years == 0) return 0;
  auto t = parse_date(today);
  if (!t) return Error::invalid("invalid_date", "日期无效");
  const auto cutoff = std::chrono::year_month_day{t->year() - std::chrono::years{years}, t->month(),
                                                  t->day() == std::chrono::day{29} && t->month() == std::chrono::February
                                                      ? std::chrono::day{28}
                                                      : t->day()};
  const std::string before = format_date(cutoff);
  int count = 0;
  auto st = db.write([&]() -> Status {
    for (const auto& r : db.query(
             "SELECT id, agency_id FROM applications WHERE stage IN ('closed','withdrawn') AND closed_date <> '' "
             "AND closed_date < ? AND applicant_name <> '（已删除）'",
             {before})) {
      db.exec(
          "UPDATE applications SET applicant_name = '（已删除）', id_number = '', credit_code = '', legal_rep = '', "
          "contact_person = '', phone = '', email = '', address = '', updated_at = ? WHERE id = ?",
          {now_iso(), r.i(0)});
      db.exec("DELETE FROM application_files WHERE application_id = ? AND kind IN ('id_proof', 'correction')", {r.i(0)});
      audit::record(db, actor, r.i(1), "application", r.i(0), "purge_personal_data", nlohmann::json::object(),
                    {{"retention_years", years}}, "个人信息保存期限届满，已删除申请人个人信息");
      ++count;
    }
    return ok_status();
  });
  if (!st) return st.error();
  return count;
}

Result<std::string> export_csv(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                               const std::vector<int64_t>& agency_ids, int year) {
  if (year < 2000 || year > 2100) return Error::field("year", "年份无效");
  ListFilter f;
  f.agency_scope = agency_ids;
  f.per_page = 200;
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8
  out += "查询码,机关,渠道,收到日期,申请人类型,申请人,证件号码或信用代码,联系电话,所需信息,状态,答复类型,答复日期,办结日期\r\n";
  int rows = 0, personal_rows = 0;
  for (f.page = 1;; ++f.page) {
    auto page = list_cases(db, f);
    for (const auto& k : page.cases) {
      const std::string received = k.received_date.empty() ? k.submitted_at.substr(0, 10) : k.received_date;
      if (received.substr(0, 4) != std::to_string(year)) continue;
      const bool personal = sees_personal_data(db, p, k);
      const auto j = to_json(k, personal);
      const auto& a = j["applicant"];
      std::string id = a.contains("id_number") ? a["id_number"].get<std::string>() : a.value("credit_code", "");
      out += csv_field(k.code) + "," + csv_field(k.agency_name) + "," + csv_field(j["channel_label"].get<std::string>()) + "," +
             csv_field(k.received_date) + "," + csv_field(a["category_label"].get<std::string>()) + "," +
             csv_field(a["name"].get<std::string>()) + "," + csv_field(id) + "," + csv_field(a["phone"].get<std::string>()) +
             "," + csv_field(k.request.description) + "," + csv_field(j["stage_label"].get<std::string>()) + "," +
             csv_field(j["outcome_label"].get<std::string>()) + "," + csv_field(k.reply_date) + "," +
             csv_field(k.closed_date) + "\r\n";
      ++rows;
      personal_rows += personal;
    }
    if (f.page >= page.pages()) break;
  }
  auto st = db.write([&]() -> Status {
    audit::record(db, actor, p.user.agency_id, "application_export", year, "export", nlohmann::json::object(),
                  {{"year", year}, {"rows", rows}, {"rows_with_personal_data", personal_rows}});
    return ok_status();
  });
  if (!st) return st.error();
  return out;
}

}  // namespace gk::applications
