// The working-day calendar on the web: the public 期限计算器 (when must an agency answer an
// application received on a given day, and why), and the calendar API.
#include "platform/calendar/calendar.h"
#include "platform/time.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using calendar::Date;

// Reply period of 条例 Art. 33 and the limit for a 补正 notice of Art. 30, in working days.
constexpr int kReplyWorkdays = 20;
constexpr int kCorrectionNoticeWorkdays = 7;
constexpr int kMaxExtensionWorkdays = 20;

// A date parameter in the strict YYYY-MM-DD form, or the error to answer.
Result<Date> date_param(const http::Request& req, const char* name, const char* label) {
  const std::string v = req.query(name);
  auto d = parse_date(v);
  if (v.empty() || !d || format_date(*d) != v) {
    return Error::field(name, std::string(label) + "应为有效日期，格式 YYYY-MM-DD，如 2024-03-15");
  }
  return *d;
}

// Every non-working day after `from` up to `to`, with its reason (the explanation users print).
nlohmann::json non_working_days(Date from, Date to) {
  nlohmann::json out = nlohmann::json::array();
  const auto cal_ptr = calendar::current();
  const auto& cal = *cal_ptr;
  for (auto d = std::chrono::sys_days{from} + std::chrono::days{1}; d <= std::chrono::sys_days{to};
       d += std::chrono::days{1}) {
    auto info = cal.day(Date{d});
    if (info && !info->workday) out.push_back({{"date", format_date(Date{d})}, {"reason", info->reason}});
  }
  return out;
}

nlohmann::json deadline_json(Date received) {
  const auto cal_ptr = calendar::current();
  const auto& cal = *cal_ptr;
  nlohmann::json out = {{"received", format_date(received)}};
  auto reply = cal.add_workdays(received, kReplyWorkdays);
  if (!reply) return {{"error", reply.error().message}};
  auto notice = cal.add_workdays(received, kCorrectionNoticeWorkdays);
  auto extended = cal.add_workdays(*reply, kMaxExtensionWorkdays);
  out["reply_by"] = format_date(*reply);
  out["reply_by_cn"] = format_date_cn(format_date(*reply));
  out["correction_notice_by"] = notice ? format_date(*notice) : "";
  out["extended_reply_by"] = extended ? format_date(*extended) : "";
  out["non_working_days"] = non_working_days(received, *reply);
  out["has_non_working_days"] = !out["non_working_days"].empty();
  out["extension_unknown"] = !extended;
  return out;
}

}  // namespace

void register_calendar(Routes& r) {
  r.get("/deadline", Access::kPublicCached, [](Ctx& c) {
    nlohmann::json data = {{"received", c.req.query("received")}, {"today", today_cn()}};
    int status = 200;
    if (!c.req.query("received").empty()) {
      auto received = date_param(c.req, "received", "收到申请的日期");
      if (!received) {
        data.update(form_errors(received.error()));
        status = 400;
      } else {
        auto result = deadline_json(*received);
        if (result.contains("error")) {
          data["error_message"] = result["error"];
          status = 400;
        } else {
          data["result"] = result;
        }
      }
    }
    nlohmann::json years = nlohmann::json::array();
    for (int y : calendar::current()->years()) years.push_back(y);
    data["years"] = years;
    return page(c, "deadline", data, "依申请公开答复期限计算器", status);
  });

  r.get("/api/v1/calendar/day", Access::kApiPublic, [](Ctx& c) {
    auto d = date_param(c.req, "date", "date ");
    if (!d) return json_error(d.error());
    auto info = calendar::current()->day(*d);
    if (!info) return json_error(info.error());
    return json_ok(calendar::day_json(*info));
  });

  r.get("/api/v1/calendar/add", Access::kApiPublic, [](Ctx& c) {
    auto from = date_param(c.req, "from", "from ");
    if (!from) return json_error(from.error());
    const std::string n = c.req.query("workdays");
    auto id = parse_id(n);
    if (n != "0" && !id) return json_error(Error::field("workdays", "workdays 应为 0 至 2500 的整数"));
    const int workdays = id ? static_cast<int>(std::min<int64_t>(*id, calendar::kMaxWorkdays + 1)) : 0;
    auto result = calendar::current()->add_workdays(*from, workdays);
    if (!result) return json_error(result.error());
    return json_ok(calendar::add_json(*from, workdays, *result));
  });
}

}  // namespace gk::web
