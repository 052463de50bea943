// The working-day calendar on the web: the public 期限计算器 (when must an agency answer an
// application, given what has happened to it so far, and why), and the calendar and clock API.
#include <algorithm>

#include "clock/clock.h"
#include "clock/settings_store.h"
#include "platform/calendar/calendar.h"
#include "platform/text/strings.h"
#include "platform/time.h"
#include "web/clock_view.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using calendar::Date;

// A date parameter in the strict YYYY-MM-DD form, or the error to answer.
Result<Date> date_param(const http::Request& req, const char* name, const char* label) {
  const std::string v = req.query(name);
  auto d = parse_date(v);
  if (v.empty() || !d || format_date(*d) != v) {
    return Error::field(name, std::string(label) + "应为有效日期，格式 YYYY-MM-DD，如 2024-03-15");
  }
  return *d;
}

// The calculator's form: the fields, in the order the events happen on the same day.
struct FormEvent {
  const char* field;
  const char* label;
  clock::EventType type;
};
constexpr FormEvent kFormEvents[] = {
    {"received", "收到申请的日期", clock::EventType::kReceived},
    {"corr_requested", "告知补正的日期", clock::EventType::kCorrectionRequested},
    {"corr_received", "提交补正的日期", clock::EventType::kCorrectionReceived},
    {"consult_sent", "征求意见的日期", clock::EventType::kConsultationSent},
    {"consult_answered", "收到意见的日期", clock::EventType::kConsultationAnswered},
    {"ext_date", "决定延期的日期", clock::EventType::kExtended},
    {"replied", "答复的日期", clock::EventType::kReplied},
};

constexpr const char* kFields[] = {"received", "channel",    "corr_requested", "corr_period",   "corr_received",
                                   "consult_sent", "consult_kind", "consult_answered", "ext_date", "ext_days",
                                   "replied",  "delivery"};

// Small whole numbers of working days typed into the form.
std::optional<int> workdays_field(const std::string& v) {
  const std::string t = text::trim(v);
  if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(t);
}

// The events the calculator form describes, ordered by date (events of one day in the order the
// law has them happen). Field errors name the field.
Result<std::vector<clock::Event>> form_events(const http::Request& req) {
  FieldErrors errs;
  std::vector<clock::Event> events;
  for (const FormEvent& f : kFormEvents) {
    const std::string v = text::trim(req.query(f.field));
    if (v.empty()) {
      if (f.type == clock::EventType::kReceived) errs.add(f.field, "请填写收到申请的日期");
      continue;
    }
    auto d = parse_date(v);
    if (!d || format_date(*d) != v) {
      errs.add(f.field, std::string(f.label) + "应为有效日期，格式 YYYY-MM-DD，如 2024-03-15");
      continue;
    }
    clock::Event e;
    e.type = f.type;
    e.date = *d;
    switch (f.type) {
      case clock::EventType::kReceived: {
        const std::string ch = req.query("channel");
        e.channel = ch == "in_person"       ? clock::Channel::kInPerson
                    : ch == "post_signed"   ? clock::Channel::kPostSigned
                    : ch == "post_unsigned" ? clock::Channel::kPostUnsigned
                    : ch == "fax"           ? clock::Channel::kFax
                    : ch == "email"         ? clock::Channel::kEmail
                                            : clock::Channel::kOnline;
        break;
      }
      case clock::EventType::kCorrectionRequested: {
        auto n = workdays_field(req.query("corr_period"));
        if (!n || *n < 1) errs.add("corr_period", "请填写告知书载明的补正期限（工作日数）");
        e.workdays = n.value_or(0);
        break;
      }
      case clock::EventType::kConsultationSent:
        e.consult = req.query("consult_kind") == "other_agency" ? clock::ConsultKind::kOtherAgency
                                                                : clock::ConsultKind::kThirdParty;
        break;
      case clock::EventType::kExtended: {
        auto n = workdays_field(req.query("ext_days"));
        if (!n || *n < 1 || *n > clock::kMaxExtensionWorkdays) errs.add("ext_days", "延长的工作日数应为1至20");
        e.workdays = n.value_or(0);
        e.approved_by = "（见延期答复告知书）";
        break;
      }
      case clock::EventType::kReplied:
        e.delivery = req.query("delivery") == "post" ? clock::Delivery::kPost : clock::Delivery::kDirect;
        break;
      default: break;
    }
    events.push_back(std::move(e));
  }
  if (!errs.empty()) return errs.to_error();
  std::stable_sort(events.begin(), events.end(), [](const clock::Event& a, const clock::Event& b) {
    return std::chrono::sys_days{a.date} < std::chrono::sys_days{b.date};
  });
  return events;
}

}  // namespace

void register_calendar(Routes& r) {
  r.get("/deadline", Access::kPublic, [](Ctx& c) {
    nlohmann::json form = nlohmann::json::object();
    for (const char* f : kFields) form[f] = c.req.query(f);
    if (form["channel"] == "") form["channel"] = "online";
    for (const char* ch : {"in_person", "post_signed", "post_unsigned", "online", "fax", "email"}) {
      form["channel_" + std::string(ch)] = form["channel"] == ch;
    }
    form["consult_other"] = form["consult_kind"] == "other_agency";
    form["delivery_post"] = form["delivery"] == "post";
    form["has_more"] = !(form["corr_requested"] == "" && form["consult_sent"] == "" && form["ext_date"] == "" &&
                         form["replied"] == "");
    const std::string today = today_cn();
    nlohmann::json data = {{"form", form}, {"today", today}, {"errors", nlohmann::json::object()}};
    int status = 200;
    if (!c.req.query("received").empty()) {
      auto events = form_events(c.req);
      if (!events) {
        data.update(form_errors(events.error()));
        status = 400;
      } else {
        // Events may lie ahead of today (a citizen planning a 补正): read the case as of the later day.
        auto as_of = *parse_date(today);
        for (const auto& e : *events) as_of = std::max(std::chrono::sys_days{as_of}, std::chrono::sys_days{e.date});
        auto reading = clock::evaluate(*calendar::current(), *events, as_of, clock::load_settings(c.db));
        if (!reading) {
          data["error_message"] = reading.error().message;
          status = 400;
        } else {
          data["result"] = clock_view(*reading, format_date(as_of));
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

  // The statutory clock of a case described by its events (the text form of clock::parse_events),
  // read as of `today` (default: today in China), with the platform's clock settings.
  r.get("/api/v1/calendar/clock", Access::kApiPublic, [](Ctx& c) {
    auto events = clock::parse_events(c.req.query("events"));
    if (!events) return json_error(events.error());
    Date today = *parse_date(today_cn());
    if (!c.req.query("today").empty()) {
      auto d = date_param(c.req, "today", "today ");
      if (!d) return json_error(d.error());
      today = *d;
    }
    auto reading = clock::evaluate(*calendar::current(), *events, today, clock::load_settings(c.db));
    if (!reading) return json_error(reading.error());
    return json_ok(clock::to_json(*reading));
  });
}

}  // namespace gk::web
