// The statutory clock: validation of a case's events, the reply deadline with its exclusions and
// restart, the sub-limits, and the Chinese explanation. See clock.h and docs/clock.md.
#include "clock/clock.h"

#include <algorithm>
#include <map>

#include "platform/time.h"

namespace gk::clock {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Longest walk over the calendar one evaluation may make (ten years of days): a guard, never reached
// by valid input because every period is bounded.
constexpr int kMaxWalkDays = 3660;
// Longest 补正期限 an agency may set, in working days: a "合理的补正期限" is weeks, not months.
constexpr int kMaxCorrectionWorkdays = 60;

std::string cn(Date d) {
  return std::to_string(static_cast<int>(d.year())) + "年" + std::to_string(static_cast<unsigned>(d.month())) +
         "月" + std::to_string(static_cast<unsigned>(d.day())) + "日";
}

std::string cn(sys_days d) { return cn(Date{d}); }

std::string_view weekday_label(Date d) {
  static constexpr std::string_view names[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
  return names[std::chrono::weekday{sys_days{d}}.c_encoding()];
}

Error bad(int index, const std::string& message) {
  return Error::invalid("invalid_events", "第" + std::to_string(index + 1) + "个事件：" + message);
}

// A stretch excluded from the reply period: the days after `begin` up to and including `end`.
struct Pause {
  sys_days begin;
  sys_days end;
  std::string reason;
  bool open = false;  // still running today: `end` is its limit, assumed
};

// A consultation or fee wait while the events are read.
struct Wait {
  int event = 0;
  sys_days sent;
  sys_days limit;
  std::string ref;
  ConsultKind kind = ConsultKind::kThirdParty;
  std::optional<sys_days> ended;
  bool waived = false;
};

class Walker {
 public:
  Walker(const calendar::Calendar& cal, const std::map<sys_days, std::string>& excluded,
         calendar::StartRule rule)
      : cal_(cal), excluded_(excluded), rule_(rule) {}

  // Whether `d` counts toward the reply period.
  Result<bool> counts(sys_days d) const {
    auto info = cal_.day(Date{d});
    if (!info) return info.error();
    return info->workday && !excluded_.contains(d);
  }

  // The day on which `period` counted days from `start` are complete.
  Result<sys_days> due(sys_days start, int period) const {
    sys_days d = start;
    int counted = 0;
    if (rule_ == calendar::StartRule::kSameDay) {
      auto c = counts(d);
      if (!c) return c.error();
      if (*c) ++counted;
    } else if (auto first = cal_.day(Date{d}); !first) {
      return first.error();
    }
    for (int guard = 0; counted < period; ++guard) {
      if (guard > kMaxWalkDays) return Error::invalid("period_too_long", "期限计算超出范围");
      d += days{1};
      auto c = counts(d);
      if (!c) return c.error();
      if (*c) ++counted;
    }
    return d;
  }

  // Counted days d with a < d ≤ b (0 when b ≤ a).
  Result<int> counted_between(sys_days a, sys_days b) const {
    int n = 0;
    for (sys_days d = a + days{1}; d <= b; d += days{1}) {
      if (d - a > days{kMaxWalkDays}) return Error::invalid("period_too_long", "期限计算超出范围");
      auto c = counts(d);
      if (!c) return c.error();
      if (*c) ++n;
    }
    return n;
  }

 private:
  const calendar::Calendar& cal_;
  const std::map<sys_days, std::string>& excluded_;
  calendar::StartRule rule_;
};

std::string channel_rule(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）";
    case Channel::kPostSigned: return "邮寄提交的，以行政机关签收之日为收到申请之日（条例第三十一条第二项）";
    case Channel::kPostUnsigned:
      return "以平常信函等无需签收的方式邮寄的，以政府信息公开工作机构与申请人确认之日为收到申请之日（条例第三十一条第二项）";
    case Channel::kOnline: return "通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）";
    case Channel::kFax: return "通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）";
    case Channel::kEmail:
      return "通过电子邮件提交的，以电子邮件系统接收之日为收到申请之日（国办公开办函〔2015〕207号）";
  }
  return {};
}

std::string consult_label(ConsultKind k) { return k == ConsultKind::kThirdParty ? "征求第三方意见" : "征求其他机关意见"; }

// Reads the events in order, checking each against what came before; fills everything of the
// reading that does not need the deadline itself.
struct Case {
  sys_days received;
  Channel channel = Channel::kOnline;
  std::optional<int> correction_event;
  sys_days correction_requested{};
  sys_days correction_period_end{};
  std::optional<sys_days> correction_received;
  std::vector<Wait> consultations;
  std::vector<Wait> fees;
  std::vector<std::pair<int, int>> extensions;  // (event index, workdays)
  std::optional<sys_days> delayed_on;
  std::optional<sys_days> delayed_until;
  std::optional<sys_days> closed;
  std::optional<EventType> closed_by;
  Delivery delivery = Delivery::kDirect;
};

Result<Case> read_case(const calendar::Calendar& cal, const std::vector<Event>& events, sys_days today) {
  if (events.empty() || events.front().type != EventType::kReceived) {
    return Error::invalid("invalid_events", "第一个事件应为收到申请");
  }
  Case c;
  sys_days previous{};
  int extension_total = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const int idx = static_cast<int>(i);
    if (!e.date.ok()) return bad(idx, "日期无效");
    const sys_days d{e.date};
    if (i > 0 && d < previous) return bad(idx, "日期早于前一个事件，事件应按时间先后排列");
    if (d > today) return bad(idx, "日期晚于今天（" + cn(today) + "）");
    if (c.closed) return bad(idx, "申请已于" + cn(*c.closed) + "办结或撤回，其后不能再有事件");
    previous = d;
    const bool awaiting_correction = c.correction_event && !c.correction_received;
    if (awaiting_correction && e.type != EventType::kCorrectionReceived && e.type != EventType::kWithdrawn) {
      return bad(idx, "已告知补正、尚未收到补正，此时只能收到补正或撤回申请");
    }
    switch (e.type) {
      case EventType::kReceived:
        if (i > 0) return bad(idx, "收到申请只能有一次（补正请用“收到补正”）");
        c.received = d;
        c.channel = e.channel;
        break;
      case EventType::kCorrectionRequested: {
        if (c.correction_event) return bad(idx, "补正只能一次性告知（条例第三十条）");
        if (i != 1) return bad(idx, "补正告知应在收到申请后、办理其他事项之前作出");
        c.correction_event = idx;
        c.correction_requested = d;
        if (e.until) {
          if (!e.until->ok() || sys_days{*e.until} <= d) return bad(idx, "补正期限应晚于告知之日");
          if (sys_days{*e.until} - d > days{366}) return bad(idx, "补正期限过长");
          c.correction_period_end = sys_days{*e.until};
        } else {
          if (e.workdays < 1 || e.workdays > kMaxCorrectionWorkdays) {
            return bad(idx, "补正期限应为1至" + std::to_string(kMaxCorrectionWorkdays) + "个工作日，或写明截止日期");
          }
          auto end = cal.add_workdays(e.date, e.workdays);
          if (!end) return end.error();
          c.correction_period_end = sys_days{*end};
        }
        break;
      }
      case EventType::kCorrectionReceived:
        if (!c.correction_event) return bad(idx, "尚未告知补正");
        if (c.correction_received) return bad(idx, "补正已收到");
        c.correction_received = d;
        break;
      case EventType::kConsultationSent: {
        for (const Wait& w : c.consultations) {
          if (!w.ended && w.ref == e.ref) {
            return bad(idx, e.ref.empty() ? "已有未答复的征求意见，请用 ref= 区分" : "征求意见编号“" + e.ref + "”重复");
          }
        }
        const Date reached = e.delivered.value_or(e.date);
        if (!reached.ok() || sys_days{reached} < d) return bad(idx, "送达日期不能早于发出日期");
        auto limit = cal.add_workdays(reached, kConsultationWorkdays);
        if (!limit) return limit.error();
        c.consultations.push_back({idx, d, sys_days{*limit}, e.ref, e.consult, std::nullopt, false});
        break;
      }
      case EventType::kConsultationAnswered: {
        Wait* match = nullptr;
        int open = 0;
        for (Wait& w : c.consultations) {
          if (w.ended) continue;
          ++open;
          if (w.ref == e.ref) match = &w;
        }
        if (!match && e.ref.empty() && open == 1) {
          for (Wait& w : c.consultations) {
            if (!w.ended) match = &w;
          }
        }
        if (!match) return bad(idx, e.ref.empty() ? "没有待答复的征求意见" : "没有编号为“" + e.ref + "”的待答复征求意见");
        match->ended = d;
        break;
      }
      case EventType::kExtended:
        if (e.workdays < 1 || e.workdays > kMaxExtensionWorkdays) return bad(idx, "延长的期限应为1至20个工作日");
        if (extension_total + e.workdays > kMaxExtensionWorkdays) {
          return bad(idx, "延长的期限累计不得超过20个工作日（条例第三十三条），已延长" + std::to_string(extension_total) + "个工作日");
        }
        if (e.approved_by.empty()) return bad(idx, "延长答复期限须经政府信息公开工作机构负责人同意，请写明批准人");
        if (c.delayed_until) return bad(idx, "已确定延迟答复期限（条例第三十五条），不能再延长");
        extension_total += e.workdays;
        c.extensions.emplace_back(idx, e.workdays);
        break;
      case EventType::kFeeNotice: {
        for (const Wait& w : c.fees) {
          if (!w.ended) return bad(idx, "已有尚未缴费的收费通知");
        }
        const Date reached = e.delivered.value_or(e.date);
        if (!reached.ok() || sys_days{reached} < d) return bad(idx, "送达日期不能早于发出日期");
        // 109号: 收到收费通知次日起20个工作日内 — the next-day rule whatever the start-day setting.
        auto limit = cal.add_workdays(reached, kFeePaymentWorkdays, calendar::StartRule::kNextDay);
        if (!limit) return limit.error();
        c.fees.push_back({idx, d, sys_days{*limit}, "", ConsultKind::kThirdParty, std::nullopt, false});
        break;
      }
      case EventType::kFeePaid:
      case EventType::kFeeWaived: {
        Wait* open = nullptr;
        for (Wait& w : c.fees) {
          if (!w.ended) open = &w;
        }
        if (!open) return bad(idx, "没有待缴费的收费通知");
        if (e.type == EventType::kFeePaid && d > open->limit) {
          return bad(idx, "缴费期限已于" + cn(open->limit) + "届满，逾期未缴费视为放弃申请");
        }
        open->ended = d;
        open->waived = e.type == EventType::kFeeWaived;
        break;
      }
      case EventType::kDelayed:
        if (c.delayed_until) return bad(idx, "延迟答复期限已确定");
        if (!e.until || !e.until->ok() || sys_days{*e.until} <= d) return bad(idx, "延迟答复的期限应晚于决定之日");
        if (sys_days{*e.until} - d > days{366}) return bad(idx, "延迟答复的期限过长");
        c.delayed_on = d;
        c.delayed_until = sys_days{*e.until};
        break;
      case EventType::kReplied:
      case EventType::kWithdrawn:
        c.closed = d;
        c.closed_by = e.type;
        c.delivery = e.delivery;
        break;
    }
    // A fee not paid in time ends the case (视为放弃) before any later event.
    for (const Wait& w : c.fees) {
      if (!w.ended && w.limit < d) {
        return bad(idx, "缴费期限已于" + cn(w.limit) + "届满，申请已视为放弃");
      }
    }
  }
  return c;
}

}  // namespace

Result<Reading> evaluate(const calendar::Calendar& cal, const std::vector<Event>& events, Date today_date,
                         const Settings& settings) {
  if (!today_date.ok()) return Error::invalid("invalid_date", "今天的日期无效");
  if (settings.due_soon_workdays < 0 || settings.due_soon_workdays > kReplyWorkdays) {
    return Error::invalid("invalid_settings", "临期提醒天数应为0至20个工作日");
  }
  const sys_days today{today_date};
  auto read = read_case(cal, events, today);
  if (!read) return read.error();
  const Case& c = *read;

  Reading r;
  r.received = Date{c.received};
  r.rules.push_back("申请于" + cn(c.received) + "收到：" + channel_rule(c.channel) + "。");
  r.rules.push_back(settings.start_rule == calendar::StartRule::kNextDay
                        ? "期限自收到之日的次日起计算，收到当日不计入（《民法典》第二百零一条）。"
                        : "期限自收到之日起计算，收到当日为工作日的计入（平台设置）。");
  r.rules.push_back("答复期限为" + std::to_string(kReplyWorkdays) +
                    "个工作日（条例第三十三条第二款）。工作日按国务院办公厅公布的节假日安排确定："
                    "周末和法定节假日不计入，调休上班的周末计入。");

  sys_days start = c.received;
  if (c.correction_event) {
    auto notice_limit = cal.add_workdays(r.received, kCorrectionNoticeWorkdays, settings.start_rule);
    if (!notice_limit) return notice_limit.error();
    const bool notice_kept = c.correction_requested <= sys_days{*notice_limit};
    r.limits.push_back({"correction_notice", "补正告知", *notice_limit, Date{c.correction_requested}, notice_kept,
                        "条例第三十条：自收到申请之日起7个工作日内一次性告知"});
    if (!notice_kept) r.warnings.push_back("补正告知晚于收到申请后7个工作日（" + cn(*notice_limit) + "），不符合条例第三十条。");
    const bool received_in_time = c.correction_received && *c.correction_received <= c.correction_period_end;
    r.limits.push_back({"correction_period", "申请人补正期限", Date{c.correction_period_end},
                        c.correction_received ? std::optional<Date>(Date{*c.correction_received}) : std::nullopt,
                        c.correction_received ? received_in_time : today <= c.correction_period_end,
                        "条例第三十条：行政机关告知的合理补正期限"});
    std::string rule = cn(c.correction_requested) + "一次性告知申请人补正，补正期限至" + cn(c.correction_period_end) + "。";
    if (c.correction_received) {
      rule += "申请人于" + cn(*c.correction_received) + "提交补正，答复期限自收到补正申请之日起重新计算（条例第三十条）。";
      if (!received_in_time) r.warnings.push_back("申请人于补正期限届满后才补正；行政机关接受补正的，期限自收到补正之日起计算。");
      start = *c.correction_received;
    } else {
      rule += "答复期限自收到补正申请之日起重新计算（条例第三十条）。";
    }
    r.rules.push_back(rule);
    if (!c.correction_received) {
      if (c.closed) {
        r.phase = Phase::kWithdrawn;
        r.closed_on = Date{*c.closed};
        r.rules.push_back("申请人于" + cn(*c.closed) + "撤回申请。");
      } else if (today > c.correction_period_end) {
        r.phase = Phase::kAbandoned;
        r.closed_on = Date{c.correction_period_end};
        r.rules.push_back("申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理（条例第三十条）。");
      } else {
        r.phase = Phase::kAwaitingCorrection;
      }
      return r;
    }
  }
  r.counting_from = Date{start};

  // The stretches excluded from the period: consultations always, the fee wait when set so.
  std::vector<Pause> pauses;
  const sys_days stop = c.closed.value_or(today);
  for (const Wait& w : c.consultations) {
    Pause p{w.sent, w.limit, consult_label(w.kind) + "期间", false};
    const std::string who = w.kind == ConsultKind::kThirdParty ? "第三方" : "被征求意见机关";
    std::string rule = cn(w.sent) + "书面" + consult_label(w.kind) + (w.ref.empty() ? "" : "（" + w.ref + "）") + "，" +
                       who + "应自收到征求意见书之日起15个工作日内（至" + cn(w.limit) + "）提出意见（条例第" +
                       (w.kind == ConsultKind::kThirdParty ? "三十二" : "三十四") + "条）";
    const bool answered_late = w.ended && *w.ended > w.limit;
    if (w.ended && !answered_late) {
      p.end = *w.ended;
      rule += "，于" + cn(*w.ended) + "答复";
    } else if (w.ended) {
      rule += "，于" + cn(*w.ended) + "逾期答复，不计入的时间以期限届满为止";
    } else if (c.closed && *c.closed <= w.limit) {
      p.end = *c.closed;
      rule += "，办结时尚未答复";
    } else if (today <= w.limit && !c.closed) {
      p.open = true;
      rule += "，尚未答复：按期限届满估算，答复后重新计算";
    } else {
      rule += w.kind == ConsultKind::kThirdParty ? "，逾期未提出意见，由行政机关依照条例决定是否公开"
                                                 : "，逾期未提出意见，视为同意公开";
    }
    rule += "。征求意见所需时间不计入答复期限（条例第三十三条第三款）。";
    r.rules.push_back(rule);
    r.limits.push_back({"consultation", consult_label(w.kind) + (w.ref.empty() ? "" : "（" + w.ref + "）"), Date{w.limit},
                        w.ended ? std::optional<Date>(Date{*w.ended}) : std::nullopt,
                        w.ended ? !answered_late : today <= w.limit,
                        w.kind == ConsultKind::kThirdParty ? "条例第三十二条：15个工作日内提出意见"
                                                           : "条例第三十四条：15个工作日内提出意见，逾期视为同意"});
    pauses.push_back(p);
  }
  for (const Wait& w : c.fees) {
    std::string rule = cn(w.sent) + "发出收费通知，申请人应在收到收费通知次日起20个工作日内（至" + cn(w.limit) +
                       "）缴纳信息处理费（国办函〔2020〕109号）";
    Pause p{w.sent, w.limit, "等待缴纳信息处理费期间", false};
    if (w.ended) {
      p.end = *w.ended;
      rule += w.waived ? "，" + cn(*w.ended) + "收费通知撤回或减免" : "，于" + cn(*w.ended) + "缴费";
    } else if (c.closed) {
      p.end = *c.closed;
    } else if (today <= w.limit) {
      p.open = true;
      rule += "，尚未缴费";
    } else {
      rule += "，逾期未缴费的视为放弃申请";
    }
    rule += settings.fee_wait_pauses ? "。等待缴费的时间不计入答复期限（平台设置）。" : "。等待缴费的时间计入答复期限（平台设置）。";
    r.rules.push_back(rule);
    r.limits.push_back({"fee_payment", "申请人缴费期限", Date{w.limit},
                        w.ended && !w.waived ? std::optional<Date>(Date{*w.ended}) : std::nullopt,
                        w.ended ? true : today <= w.limit, "国办函〔2020〕109号：收到收费通知次日起20个工作日内缴纳"});
    if (settings.fee_wait_pauses) pauses.push_back(p);
    if (!w.ended && !c.closed && today > w.limit) {
      r.phase = Phase::kAbandoned;
      r.closed_on = Date{w.limit};
    }
  }

  std::map<sys_days, std::string> excluded;
  for (const Pause& p : pauses) {
    const sys_days end = p.open ? p.end : std::min(p.end, std::max(stop, p.begin));
    for (sys_days d = p.begin + days{1}; d <= end; d += days{1}) {
      if (d > start) excluded.emplace(d, p.reason);
    }
    if (p.open) r.due_provisional = true;
  }
  const Walker walk(cal, excluded, settings.start_rule);

  // The period: 20 working days plus approved extensions; each extension must come in time.
  int period = kReplyWorkdays;
  for (const auto& [idx, n] : c.extensions) {
    auto before = walk.due(start, period);
    if (!before) return before.error();
    const Event& e = events[static_cast<size_t>(idx)];
    if (sys_days{e.date} > *before) {
      r.warnings.push_back("延长答复期限的决定（" + cn(e.date) + "）晚于原答复期限（" + cn(*before) + "），延长应在期限届满前作出并告知申请人。");
    }
    period += n;
    r.rules.push_back("经政府信息公开工作机构负责人" + e.approved_by + "同意，" + cn(e.date) + "延长答复期限" +
                      std::to_string(n) + "个工作日并告知申请人（条例第三十三条第二款；延长累计不超过20个工作日）。");
  }
  r.period_workdays = period;
  r.extension_workdays = period - kReplyWorkdays;
  auto due = walk.due(start, period);
  if (!due) return due.error();
  if (r.extension_workdays < kMaxExtensionWorkdays && !c.delayed_until) {
    auto latest = walk.due(start, kReplyWorkdays + kMaxExtensionWorkdays);
    if (latest) {
      r.limits.push_back({"extension_max", "延长后最迟答复期限", Date{*latest}, std::nullopt, true,
                          "条例第三十三条：延长的期限最长不得超过20个工作日"});
    }
  }
  for (const Wait& w : c.fees) {
    if (w.sent > *due) r.warnings.push_back("收费通知（" + cn(w.sent) + "）晚于答复期限，收费通知应在申请处理期限内发出（国办函〔2020〕109号）。");
  }
  if (c.delayed_until) {
    if (*c.delayed_until <= *due) {
      r.warnings.push_back("确定的延迟答复期限（" + cn(*c.delayed_until) + "）不晚于第三十三条的答复期限（" + cn(*due) + "）。");
    }
    r.rules.push_back("申请公开的数量、频次明显超过合理范围，" + cn(*c.delayed_on) + "确定延迟答复的合理期限至" +
                      cn(*c.delayed_until) + "并告知申请人（条例第三十五条）。");
    due = *c.delayed_until;
  }
  r.due = Date{*due};

  // Every day in the period that does not count, with its reason.
  for (sys_days d = start + days{settings.start_rule == calendar::StartRule::kNextDay ? 1 : 0}; d <= *due;
       d += days{1}) {
    auto info = cal.day(Date{d});
    if (!info) return info.error();
    if (!info->workday) {
      r.days.push_back({Date{d}, false, info->reason});
    } else if (auto it = excluded.find(d); it != excluded.end()) {
      r.days.push_back({Date{d}, true, it->second});
    }
  }

  if (c.closed) {
    r.closed_on = Date{*c.closed};
    const sys_days closed = *c.closed;
    auto left = closed <= *due ? walk.counted_between(closed, *due) : walk.counted_between(*due, closed);
    if (!left) return left.error();
    r.workdays_left = closed <= *due ? *left : -*left;
    if (c.closed_by == EventType::kReplied) {
      r.phase = Phase::kReplied;
      r.replied_on_time = closed <= *due;
      r.urgency = r.replied_on_time ? Urgency::kNormal : Urgency::kOverdue;
      std::string how = c.delivery == Delivery::kPost
                            ? "以邮寄方式送达，以交邮之日为答复作出之日"
                            : (c.delivery == Delivery::kEntrusted ? "委托代为送达，以申请人签收之日为答复作出之日"
                                                                  : "直接送达，以申请人签收之日为答复作出之日");
      r.rules.push_back(cn(closed) + "答复：" + how + "（国办公开办函〔2016〕235号）；" +
                        (r.replied_on_time ? "在答复期限内。" : "超过答复期限" + std::to_string(-r.workdays_left) + "个工作日。"));
    } else {
      r.phase = Phase::kWithdrawn;
      r.rules.push_back("申请人于" + cn(closed) + "撤回申请。");
    }
  } else if (r.phase != Phase::kAbandoned) {
    auto left = today <= *due ? walk.counted_between(today, *due) : walk.counted_between(*due, today);
    if (!left) return left.error();
    r.workdays_left = today <= *due ? *left : -*left;
    r.urgency = today > *due                                     ? Urgency::kOverdue
                : r.workdays_left <= settings.due_soon_workdays ? Urgency::kDueSoon
                                                                 : Urgency::kNormal;
    for (const Pause& p : pauses) {
      if (p.open) r.phase = Phase::kPaused;
    }
  } else {
    r.rules.push_back("申请人逾期未按收费通知要求缴纳费用的，视为放弃申请，行政机关不再处理（国办函〔2020〕109号）。");
  }
  if (!c.delayed_until) {
    r.rules.push_back("答复期限为" + cn(*due) + "：自" + cn(start) + "起第" + std::to_string(period) + "个计入的工作日" +
                      (r.due_provisional ? "（尚有未结束的征求意见或缴费等待，按其期限届满估算）" : "") + "。");
  } else {
    r.rules.push_back("答复期限为" + cn(*due) + "（延迟答复期限）。");
  }
  return r;
}

Result<Date> proactive_due(const calendar::Calendar& cal, Date formed, const Settings& settings) {
  return cal.add_workdays(formed, kProactiveWorkdays, settings.start_rule);
}

std::string_view phase_name(Phase p) {
  switch (p) {
    case Phase::kRunning: return "running";
    case Phase::kPaused: return "paused";
    case Phase::kAwaitingCorrection: return "awaiting_correction";
    case Phase::kReplied: return "replied";
    case Phase::kWithdrawn: return "withdrawn";
    case Phase::kAbandoned: return "abandoned";
  }
  return {};
}

std::string_view phase_label(Phase p) {
  switch (p) {
    case Phase::kRunning: return "办理中";
    case Phase::kPaused: return "计时暂停";
    case Phase::kAwaitingCorrection: return "等待补正";
    case Phase::kReplied: return "已答复";
    case Phase::kWithdrawn: return "已撤回";
    case Phase::kAbandoned: return "视为放弃";
  }
  return {};
}

std::string_view urgency_name(Urgency u) {
  switch (u) {
    case Urgency::kNormal: return "normal";
    case Urgency::kDueSoon: return "due_soon";
    case Urgency::kOverdue: return "overdue";
  }
  return {};
}

std::string_view urgency_label(Urgency u) {
  switch (u) {
    case Urgency::kNormal: return "正常";
    case Urgency::kDueSoon: return "临期";
    case Urgency::kOverdue: return "超期";
  }
  return {};
}

nlohmann::json to_json(const Reading& r) {
  auto opt = [](const std::optional<Date>& d) -> nlohmann::json {
    return d ? nlohmann::json(format_date(*d)) : nlohmann::json(nullptr);
  };
  nlohmann::json limits = nlohmann::json::array();
  for (const Limit& l : r.limits) {
    limits.push_back({{"key", l.key}, {"label", l.label}, {"due", format_date(l.due)}, {"met_on", opt(l.met_on)},
                      {"kept", l.kept}, {"basis", l.basis}});
  }
  nlohmann::json days = nlohmann::json::array();
  for (const DayNote& d : r.days) {
    days.push_back({{"date", format_date(d.date)}, {"weekday", weekday_label(d.date)}, {"workday", d.workday},
                    {"reason", d.reason}});
  }
  return {{"phase", phase_name(r.phase)},
          {"phase_label", phase_label(r.phase)},
          {"urgency", urgency_name(r.urgency)},
          {"urgency_label", urgency_label(r.urgency)},
          {"received", format_date(r.received)},
          {"counting_from", opt(r.counting_from)},
          {"due", opt(r.due)},
          {"due_provisional", r.due_provisional},
          {"period_workdays", r.period_workdays},
          {"extension_workdays", r.extension_workdays},
          {"workdays_left", r.workdays_left},
          {"closed_on", opt(r.closed_on)},
          {"replied_on_time", r.replied_on_time},
          {"limits", limits},
          {"rules", r.rules},
          {"days", days},
          {"warnings", r.warnings}};
}

}  // namespace gk::clock
