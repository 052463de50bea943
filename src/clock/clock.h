// The statutory clock (法定期限) of an application for disclosure (依申请公开): given the events of
// a case, when the reply is due, how many working days are left, whether the case is 正常 / 临期 /
// 超期, the sub-limits the agency must keep (补正 notice, consultation, fee payment), and an
// explanation in Chinese that names every rule applied and every day not counted.
// Pure: a function of the events, today's date, the settings and a Calendar; no clock, no I/O.
// The rules are those of ogi-facts §1.3 (条例 Arts. 30–35, 42; 国办公开办函〔2016〕235号;
// 国办函〔2020〕109号); docs/clock.md states them with the choices made where the law is silent.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/calendar/calendar.h"
#include "platform/result.h"

namespace gk::clock {

using calendar::Date;

// Statutory periods in working days.
inline constexpr int kReplyWorkdays = 20;             // 答复 (Art. 33)
inline constexpr int kCorrectionNoticeWorkdays = 7;   // 补正告知 (Art. 30)
inline constexpr int kMaxExtensionWorkdays = 20;      // 延长 (Art. 33)
inline constexpr int kConsultationWorkdays = 15;      // 征求意见 (Arts. 32, 34)
inline constexpr int kFeePaymentWorkdays = 20;        // 缴费 (国办函〔2020〕109号)
inline constexpr int kProactiveWorkdays = 20;         // 主动公开 (Art. 26)

// How an application reached the agency; decides which day is its receipt day (Art. 31).
enum class Channel {
  kInPerson,      // 当面提交: the day of submission
  kPostSigned,    // 邮寄（需签收）: the day the agency signs for it
  kPostUnsigned,  // 平常信函: the day the agency confirms with the applicant
  kOnline,        // 互联网: the day both sides confirm
  kFax,           // 传真: the day both sides confirm
  kEmail,         // 电子邮件: the day the mail system receives it (国办公开办函〔2015〕207号)
};

// How the reply reached the applicant (国办公开办函〔2016〕235号): direct and entrusted delivery
// count the day of signature, post the day of posting (交邮之日).
enum class Delivery { kDirect, kEntrusted, kPost };

// Whom an agency consults: a third party (Art. 32) or another agency (Art. 34, silence = consent).
enum class ConsultKind { kThirdParty, kOtherAgency };

enum class EventType {
  kReceived,              // 收到申请
  kCorrectionRequested,   // 一次性告知补正 (with the agency's 补正期限)
  kCorrectionReceived,    // 收到补正后的申请: the reply period restarts
  kConsultationSent,      // 发出征求意见书
  kConsultationAnswered,  // 收到意见
  kExtended,              // 延长答复期限 (approved by the head of the disclosure office)
  kFeeNotice,             // 发出收费通知
  kFeePaid,               // 缴纳信息处理费
  kFeeWaived,             // 收费通知撤回或减免: the wait ends without payment
  kDelayed,               // 延迟答复 to an agency-set date (Art. 35)
  kReplied,               // 答复作出
  kWithdrawn,             // 申请人撤回申请
};

// One event of a case. Only the fields of its type are read.
struct Event {
  EventType type = EventType::kReceived;
  Date date;
  Channel channel = Channel::kOnline;           // kReceived
  std::optional<Date> until;                    // kCorrectionRequested: 补正期限 end; kDelayed: the set date
  int workdays = 0;                             // kCorrectionRequested: 补正期限 in working days (when no
                                                // `until`); kExtended: the extension
  ConsultKind consult = ConsultKind::kThirdParty;  // kConsultationSent
  std::string ref;                              // pairs a consultation's answer with its letter ("" = the only one)
  std::optional<Date> delivered;                // kConsultationSent, kFeeNotice: when the letter reached its
                                                // addressee (default: the day it was sent)
  std::string approved_by;                      // kExtended: who approved (required)
  Delivery delivery = Delivery::kDirect;        // kReplied
};

// Platform settings of the clock.
struct Settings {
  // Whether the receipt day counts as the first day; default: it does not (ogi-facts §1.3).
  calendar::StartRule start_rule = calendar::StartRule::kNextDay;
  // 临期 when at most this many working days are left.
  int due_soon_workdays = 5;
  // Whether the wait for a fee payment is excluded from the reply period.
  bool fee_wait_pauses = true;
};

// Where a case stands.
enum class Phase {
  kRunning,             // the reply period is running
  kPaused,              // a consultation or a fee wait is open: the period is not running
  kAwaitingCorrection,  // 补正 requested, not yet received: the period restarts on receipt
  kReplied,             // 已答复
  kWithdrawn,           // 已撤回
  kAbandoned,           // 视为放弃: 补正 or fee not made in time
};

// How close the reply deadline is (for open cases): 正常 / 临期 / 超期.
enum class Urgency { kNormal, kDueSoon, kOverdue };

// A limit inside the case besides the reply deadline.
struct Limit {
  std::string key;     // correction_notice, correction_period, consultation, fee_payment, extension_max
  std::string label;   // Chinese
  Date due;
  std::optional<Date> met_on;  // the day the step was taken, when it was
  bool kept = true;            // false when the step came after `due` (or is still missing after it)
  std::string basis;           // the legal basis, in Chinese
};

// A day not counted in the reply period, with why.
struct DayNote {
  Date date;
  bool workday = false;  // a working day excluded from the period (consultation, fee wait)
  std::string reason;
};

// The clock's reading of a case on a given day.
struct Reading {
  Phase phase = Phase::kRunning;
  Urgency urgency = Urgency::kNormal;
  Date received;                 // 收到申请之日
  std::optional<Date> counting_from;  // the day the reply period counts from (receipt, or 补正 received)
  std::optional<Date> due;       // the reply deadline; empty while awaiting 补正 or when abandoned before it
  bool due_provisional = false;  // an open consultation or fee wait is assumed to last to its limit
  int period_workdays = 0;       // 20 + extensions (0 when an Art. 35 date replaces the count)
  int extension_workdays = 0;
  int workdays_left = 0;         // counted working days after today up to `due` (negative: overdue by)
  std::optional<Date> closed_on; // reply, withdrawal or abandonment day
  bool replied_on_time = false;
  std::vector<Limit> limits;
  std::vector<std::string> rules;     // the explanation, one sentence per rule applied
  std::vector<DayNote> days;          // every day not counted between counting_from and due
  std::vector<std::string> warnings;  // procedural lapses (late 补正 notice, late extension…)
};

// Reads a case. Errors (kind invalid, code named) when the events are inconsistent: no receipt
// first, dates out of order or after `today`, a second 补正, an answer without a letter, extensions
// over 20 working days or without an approver, events after the case closed; and
// calendar_year_missing when a date needed lies in a year whose schedule is not loaded.
Result<Reading> evaluate(const calendar::Calendar& cal, const std::vector<Event>& events, Date today,
                         const Settings& settings = {});

// The Art. 26 proactive-publication limit: 20 working days after the day the information was
// formed or changed. Error when the calendar lacks the years.
Result<Date> proactive_due(const calendar::Calendar& cal, Date formed, const Settings& settings = {});

// Machine names (as in the events text and the JSON) and Chinese labels.
std::string_view phase_name(Phase p);
std::string_view phase_label(Phase p);
std::string_view urgency_name(Urgency u);
std::string_view urgency_label(Urgency u);
std::string_view channel_name(Channel c);
std::string_view channel_label(Channel c);
std::string_view delivery_name(Delivery d);
std::string_view delivery_label(Delivery d);
std::string_view event_name(EventType t);
std::string_view event_label(EventType t);

// The reading as JSON (dates YYYY-MM-DD; labels in Chinese) for the API, the CLI and the pages.
nlohmann::json to_json(const Reading& r);

// Parses events written one per `;` (or line), the form the clock cases file, the CLI and the
// calculator use, e.g.
//   received 2024-01-02 online; correction_requested 2024-01-05 period=10; correction_received 2024-01-09;
//   consult_sent 2024-01-15 third_party ref=A delivered=2024-01-16; consult_answered 2024-01-25 ref=A;
//   extended 2024-02-01 days=10 by=王主任; fee_notice 2024-02-02; fee_paid 2024-02-06;
//   delayed 2024-02-10 until=2024-04-30; replied 2024-03-01 post; withdrawn 2024-02-03
// Errors name the event (1-based) and what is wrong, in Chinese.
Result<std::vector<Event>> parse_events(std::string_view text);
// The inverse of parse_events (one event per `; `).
std::string format_events(const std::vector<Event>& events);

}  // namespace gk::clock
