// The events of a case as text (one event per `;` or line) and the names of the clock's enums:
// the form of the clock cases file (tests/clock/cases.txt), the CLI and the calculator.
#include <array>
#include <utility>

#include "clock/clock.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::clock {
namespace {

template <typename E>
struct Named {
  E value;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<Named<EventType>, 12> kEvents{{
    {EventType::kReceived, "received", "收到申请"},
    {EventType::kCorrectionRequested, "correction_requested", "告知补正"},
    {EventType::kCorrectionReceived, "correction_received", "收到补正"},
    {EventType::kConsultationSent, "consult_sent", "发出征求意见"},
    {EventType::kConsultationAnswered, "consult_answered", "收到意见"},
    {EventType::kExtended, "extended", "延长答复期限"},
    {EventType::kFeeNotice, "fee_notice", "发出收费通知"},
    {EventType::kFeePaid, "fee_paid", "缴费"},
    {EventType::kFeeWaived, "fee_waived", "收费撤回或减免"},
    {EventType::kDelayed, "delayed", "延迟答复（第三十五条）"},
    {EventType::kReplied, "replied", "答复"},
    {EventType::kWithdrawn, "withdrawn", "撤回申请"},
}};

constexpr std::array<Named<Channel>, 6> kChannels{{
    {Channel::kInPerson, "in_person", "当面提交"},
    {Channel::kPostSigned, "post_signed", "邮寄（签收）"},
    {Channel::kPostUnsigned, "post_unsigned", "平常信函"},
    {Channel::kOnline, "online", "互联网"},
    {Channel::kFax, "fax", "传真"},
    {Channel::kEmail, "email", "电子邮件"},
}};

constexpr std::array<Named<Delivery>, 3> kDeliveries{{
    {Delivery::kDirect, "direct", "直接送达"},
    {Delivery::kEntrusted, "entrusted", "委托送达"},
    {Delivery::kPost, "post", "邮寄送达"},
}};

constexpr std::array<Named<ConsultKind>, 2> kConsultKinds{{
    {ConsultKind::kThirdParty, "third_party", "第三方"},
    {ConsultKind::kOtherAgency, "other_agency", "其他机关"},
}};

template <typename E, size_t N>
const Named<E>* by_value(const std::array<Named<E>, N>& table, E v) {
  for (const auto& n : table) {
    if (n.value == v) return &n;
  }
  return nullptr;
}

template <typename E, size_t N>
const Named<E>* by_name(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& n : table) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<Date> strict_date(std::string_view s) {
  auto d = parse_date(s);
  if (!d || format_date(*d) != s) return std::nullopt;
  return d;
}

Result<Event> parse_event(std::string_view text, int index) {
  const std::string where = "第" + std::to_string(index) + "个事件";
  auto fail = [&](const std::string& msg) -> Error { return Error::invalid("invalid_events", where + "：" + msg); };
  const auto w = words(text);
  const auto* type = by_name(kEvents, w[0]);
  if (!type) return fail("未知的事件“" + std::string(w[0]) + "”");
  if (w.size() < 2) return fail("缺少日期");
  auto date = strict_date(w[1]);
  if (!date) return fail("日期“" + std::string(w[1]) + "”无效，格式应为 YYYY-MM-DD");
  Event e;
  e.type = type->value;
  e.date = *date;
  bool have_channel = false;
  for (size_t i = 2; i < w.size(); ++i) {
    const std::string_view word = w[i];
    const size_t eq = word.find('=');
    if (eq == std::string_view::npos) {
      if (e.type == EventType::kReceived && by_name(kChannels, word)) {
        e.channel = by_name(kChannels, word)->value;
        have_channel = true;
      } else if (e.type == EventType::kConsultationSent && by_name(kConsultKinds, word)) {
        e.consult = by_name(kConsultKinds, word)->value;
      } else if (e.type == EventType::kReplied && by_name(kDeliveries, word)) {
        e.delivery = by_name(kDeliveries, word)->value;
      } else {
        return fail("无法识别“" + std::string(word) + "”");
      }
      continue;
    }
    const std::string_view key = word.substr(0, eq);
    const std::string_view value = word.substr(eq + 1);
    if (key == "until" || key == "delivered") {
      auto d = strict_date(value);
      if (!d) return fail(std::string(key) + " 的日期“" + std::string(value) + "”无效");
      (key == "until" ? e.until : e.delivered) = *d;
    } else if (key == "period" || key == "days") {
      int n = 0;
      for (char ch : value) {
        if (ch < '0' || ch > '9' || n > 100000) return fail(std::string(key) + " 应为工作日数");
        n = n * 10 + (ch - '0');
      }
      if (value.empty()) return fail(std::string(key) + " 应为工作日数");
      e.workdays = n;
    } else if (key == "ref") {
      e.ref = std::string(value);
    } else if (key == "by") {
      e.approved_by = std::string(value);
    } else {
      return fail("无法识别“" + std::string(word) + "”");
    }
  }
  if (e.type == EventType::kReceived && !have_channel) return fail("请写明收到申请的渠道（in_person、post_signed、post_unsigned、online、fax、email）");
  return e;
}

}  // namespace

std::string_view channel_name(Channel c) { return by_value(kChannels, c)->name; }
std::string_view channel_label(Channel c) { return by_value(kChannels, c)->label; }
std::string_view delivery_name(Delivery d) { return by_value(kDeliveries, d)->name; }
std::string_view delivery_label(Delivery d) { return by_value(kDeliveries, d)->label; }
std::string_view event_name(EventType t) { return by_value(kEvents, t)->name; }
std::string_view event_label(EventType t) { return by_value(kEvents, t)->label; }

Result<std::vector<Event>> parse_events(std::string_view text) {
  std::vector<Event> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find_first_of(";\n", i);
    if (j == std::string_view::npos) j = text.size();
    const std::string part = text::trim(text.substr(i, j - i));
    if (!part.empty() && part[0] != '#') {
      auto e = parse_event(part, static_cast<int>(out.size()) + 1);
      if (!e) return e.error();
      out.push_back(std::move(*e));
    }
    i = j + 1;
  }
  if (out.empty()) return Error::invalid("invalid_events", "没有事件：至少需要收到申请的日期");
  return out;
}

std::string format_events(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) {
    if (!out.empty()) out += "; ";
    out += std::string(event_name(e.type)) + " " + format_date(e.date);
    switch (e.type) {
      case EventType::kReceived: out += " " + std::string(channel_name(e.channel)); break;
      case EventType::kCorrectionRequested:
        out += e.until ? " until=" + format_date(*e.until) : " period=" + std::to_string(e.workdays);
        break;
      case EventType::kConsultationSent:
        out += " " + std::string(by_value(kConsultKinds, e.consult)->name);
        if (!e.ref.empty()) out += " ref=" + e.ref;
        if (e.delivered) out += " delivered=" + format_date(*e.delivered);
        break;
      case EventType::kConsultationAnswered:
        if (!e.ref.empty()) out += " ref=" + e.ref;
        break;
      case EventType::kExtended: out += " days=" + std::to_string(e.workdays) + " by=" + e.approved_by; break;
      case EventType::kFeeNotice:
        if (e.delivered) out += " delivered=" + format_date(*e.delivered);
        break;
      case EventType::kDelayed:
        if (e.until) out += " until=" + format_date(*e.until);
        break;
      case EventType::kReplied: out += " " + std::string(delivery_name(e.delivery)); break;
      default: break;
    }
  }
  return out;
}

}  // namespace gk::clock
