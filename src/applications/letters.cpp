// Letters of an application case: the default templates, placeholders, composition, and the stored
// templates, numbers and letter files.
#include "applications/letters.h"

#include <algorithm>
#include <map>

#include "accounts/password.h"
#include "agencies/access.h"
#include "agencies/service.h"
#include "applications/fees.h"
#include "applications/outcomes.h"
#include "platform/files/sniff.h"
#include "platform/text/strings.h"
#include "platform/time.h"

namespace gk::applications {
namespace {

// The default templates, one paragraph per string; the long lines are the letters' own sentences.
// clang-format off
// The remedy sentence (救济途径: 行政复议法 Art. 20, 60 days; 行政诉讼法 Art. 46, six months) is
// written generically, naming the agency's parent as the reconsideration body. The exact wording —
// which body hears the reconsideration, whether to name the court — is the agency's to edit at
// /admin/letters; the defaults only have to be lawful everywhere.
#define GK_INTRO "本机关于{收到日期}收到{称谓}提出的政府信息公开申请（查询码：{查询码}），申请获取“{所需信息}”。"
#define GK_REMEDY "如对本答复不服，可以在收到本答复之日起60日内向{复议机关}申请行政复议，或者在6个月内向人民法院提起行政诉讼。"

constexpr std::array<TemplateSpec, 11> kSpecs = {{
    {"correction_notice", LetterKind::kCorrectionNotice, "补正告知书", "政府信息公开申请补正告知书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{称谓}的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请{称谓}对下列事项作出补正：{补正事项}。\n\n"
     "请于收到本告知书之日起{补正期限}内提交补正，可以凭查询码和查询密码在“申请办理进度”页面在线提交。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。答复期限自本机关收到补正后的申请之日起计算。\n\n"
     "特此告知。"},
    {"extension_notice", LetterKind::kExtensionNotice, "延期答复告知书", "政府信息公开申请延期答复告知书", "{申请人}：",
     "本机关于{收到日期}收到{称谓}提出的政府信息公开申请（查询码：{查询码}），申请获取“{所需信息}”，答复期限为{答复期限}。\n\n"
     "因{理由}，本机关不能在上述期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，延长后的答复期限为{延长后期限}。\n\n"
     "特此告知。"},
    {"consultation_letter.third_party", LetterKind::kConsultationLetter, "征求意见函（第三方）", "政府信息公开征求意见函",
     "{被征求意见方}：",
     "本机关于{收到日期}收到一件政府信息公开申请，申请获取“{所需信息}”。经审查，该信息的公开可能损害你方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。\n\n"
     "请于收到本函之日起15个工作日内书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。\n\n"
     "特此函询。"},
    {"consultation_letter.other_agency", LetterKind::kConsultationLetter, "征求意见函（其他机关）", "政府信息公开征求意见函",
     "{被征求意见方}：",
     "本机关于{收到日期}收到一件政府信息公开申请，申请获取“{所需信息}”。经审查，该信息由两个以上行政机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求你单位意见。\n\n"
     "请于收到本函之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。\n\n"
     "特此函询。"},
    {"fee_notice", LetterKind::kFeeNotice, "收费通知书", "政府信息公开信息处理费收费通知书", "{申请人}：",
     GK_INTRO "\n\n"
     "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，{称谓}的申请需缴纳信息处理费{收费金额}元。\n\n"
     "{收费明细}\n\n"
     "请于收到本通知之日起20个工作日内缴纳（按本通知发出之日计算，缴费期限至{缴费期限}）。自本机关发出本通知之日起至{称谓}缴纳费用之日止的期间，不计算在答复期限内。无正当理由逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n"
     "特此通知。"},
    {"reply.disclosed", LetterKind::kReply, "答复书：予以公开", "政府信息公开申请答复书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{称谓}申请获取的政府信息属于公开范围。根据{依据}的规定，本机关答复如下：{答复类型}。\n\n"
     "{答复正文}\n\n"
     "特此答复。"},
    {"reply.partial", LetterKind::kReply, "答复书：部分公开", "政府信息公开申请答复书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{称谓}申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{依据}的规定，本机关对可以公开的部分予以公开，下列内容不予公开：{不予公开部分}。\n\n"
     "理由：{理由}。\n\n"
     "{答复正文}\n\n"
     GK_REMEDY "\n\n"
     "特此答复。"},
    {"reply.withheld", LetterKind::kReply, "答复书：不予公开", "政府信息公开申请答复书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{理由}。根据{依据}的规定，本机关决定不予公开。\n\n"
     "{答复正文}\n\n"
     GK_REMEDY "\n\n"
     "特此答复。"},
    {"reply.unavailable", LetterKind::kReply, "告知书：无法提供", "政府信息公开申请告知书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{理由}。根据{依据}的规定，本机关无法提供{称谓}申请获取的政府信息。\n\n"
     "{答复正文}\n\n"
     GK_REMEDY "\n\n"
     "特此告知。"},
    {"reply.not_processed", LetterKind::kReply, "告知书：不予处理", "政府信息公开申请告知书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{理由}。根据{依据}的规定，本机关对{称谓}的申请不予处理。\n\n"
     "{答复正文}\n\n"
     GK_REMEDY "\n\n"
     "特此告知。"},
    {"reply.other", LetterKind::kReply, "告知书：其他处理", "政府信息公开申请告知书", "{申请人}：",
     GK_INTRO "\n\n"
     "经审查，{理由}。本机关依照{依据}的规定作出上述处理。\n\n"
     "{答复正文}\n\n"
     GK_REMEDY "\n\n"
     "特此告知。"},
}};
#undef GK_INTRO
#undef GK_REMEDY
// clang-format on

// The reply template of each outcome group.
std::string_view group_key(OutcomeGroup g) {
  switch (g) {
    case OutcomeGroup::kDisclosed:
      return "reply.disclosed";
    case OutcomeGroup::kPartial:
      return "reply.partial";
    case OutcomeGroup::kWithheld:
      return "reply.withheld";
    case OutcomeGroup::kUnavailable:
      return "reply.unavailable";
    case OutcomeGroup::kNotProcessed:
      return "reply.not_processed";
    case OutcomeGroup::kOther:
      return "reply.other";
  }
  return "reply.other";
}

// Which kinds offer a placeholder: a bit per LetterKind.
constexpr unsigned bit(LetterKind k) { return 1u << static_cast<unsigned>(k); }
constexpr unsigned kAllKinds = 0x1F;
constexpr unsigned kToApplicant = kAllKinds & ~bit(LetterKind::kConsultationLetter);

struct PlaceholderDef {
  std::string_view name;
  std::string_view meaning;
  unsigned kinds;
};

// clang-format off
constexpr std::array<PlaceholderDef, 23> kPlaceholders = {{
    {"申请人", "申请人姓名或单位名称", kToApplicant},
    {"称谓", "“你”（自然人）或“你单位”（法人或其他组织）", kToApplicant},
    {"查询码", "申请的查询码", kToApplicant},
    {"收到日期", "收到申请之日，如2026年11月2日", kAllKinds},
    {"所需信息", "申请书所写的所需信息（句末句号已去掉）", kAllKinds},
    {"机关名称", "本机关名称", kAllKinds},
    {"日期", "文书日期（办理该步骤之日）", kAllKinds},
    {"文号", "文书编号，如“云溪县人民政府依申〔2026〕3号”", kAllKinds},
    {"补正事项", "需要补正的事项（句末句号已去掉）", bit(LetterKind::kCorrectionNotice)},
    {"补正期限", "补正期限，如“10个工作日”", bit(LetterKind::kCorrectionNotice)},
    {"答复期限", "延期前的答复期限", bit(LetterKind::kExtensionNotice)},
    {"延长天数", "延长的工作日数（数字）", bit(LetterKind::kExtensionNotice)},
    {"延长后期限", "延长后的答复期限", bit(LetterKind::kExtensionNotice)},
    {"被征求意见方", "被征求意见的第三方或机关", bit(LetterKind::kConsultationLetter)},
    {"收费金额", "信息处理费金额（元，数字）", bit(LetterKind::kFeeNotice)},
    {"缴费期限", "缴费截止日期（自通知发出之日起20个工作日）", bit(LetterKind::kFeeNotice)},
    {"收费明细", "计收方式、各档件数或页数、单价和小计（国办函〔2020〕109号第三条至第五条）", bit(LetterKind::kFeeNotice)},
    {"答复类型", "答复类型，如“予以公开”", bit(LetterKind::kReply)},
    {"理由", "答复书：理由；延期告知书：延期的理由（句末句号已去掉）",
     bit(LetterKind::kReply) | bit(LetterKind::kExtensionNotice)},
    {"依据", "答复依据的法律条款", bit(LetterKind::kReply)},
    {"不予公开部分", "部分公开时不予公开的内容及依据（句末句号已去掉）", bit(LetterKind::kReply)},
    {"答复正文", "拟答复时填写的答复书正文（可为多段）", bit(LetterKind::kReply)},
    {"复议机关", "受理行政复议的机关：本机关的上级机关", bit(LetterKind::kReply)},
}};
// clang-format on

using Values = std::map<std::string, std::string, std::less<>>;

// Reads one brace at `s[i]`: 1 for ASCII, 3 for the full-width form (U+FF5B ｛, U+FF5D ｝) that a
// Chinese input method types; 0 for anything else.
size_t open_brace(std::string_view s, size_t i) {
  if (s[i] == '{') return 1;
  if (s.substr(i, 3) == "\xEF\xBD\x9B") return 3;
  return 0;
}
size_t close_brace(std::string_view s, size_t i) {
  if (s[i] == '}') return 1;
  if (s.substr(i, 3) == "\xEF\xBD\x9D") return 3;
  return 0;
}

// `text` with every {名称} replaced by its value. Error (the problem in Chinese) when a brace does
// not enclose a name of `values`.
Result<std::string> fill(std::string_view text, const Values& values, std::string_view kind_label) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (size_t ob = open_brace(text, i)) {
      size_t j = i + ob;
      size_t cb = 0;
      while (j < text.size() && !(cb = close_brace(text, j)) && !open_brace(text, j) && text[j] != '\n') ++j;
      if (!cb) return Error::invalid("stray_brace", "花括号只能用于占位符，且须成对使用，如{申请人}");
      const std::string_view name = text.substr(i + ob, j - i - ob);
      auto it = values.find(name);
      if (it == values.end()) {
        return Error::invalid("unknown_placeholder",
                              "{" + std::string(name) + "}不是" + std::string(kind_label) + "可用的占位符");
      }
      out += it->second;
      i = j + cb;
    } else if (close_brace(text, i)) {
      return Error::invalid("stray_brace", "花括号只能用于占位符，且须成对使用，如{申请人}");
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string normalize_newlines(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Lines of `s` with blank lines removed (text that goes inside one paragraph).
std::string compact_lines(std::string_view s) {
  std::string out;
  for (std::string_view rest = s; !rest.empty();) {
    const size_t nl = rest.find('\n');
    const std::string line = text::trim(rest.substr(0, nl));
    if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return out;
}

// Free text put before a full stop the template supplies: trimmed, one paragraph, its own closing
// punctuation dropped so that "理由：{理由}。" never prints "。。".
std::string clause(std::string_view s) {
  std::string out = compact_lines(normalize_newlines(s));
  for (bool again = true; again;) {
    again = false;
    for (std::string_view end : {"。", "；", "，", ".", ";", ","}) {
      if (out.ends_with(end)) {
        out.resize(out.size() - end.size());
        again = true;
      }
    }
  }
  return text::trim(out);
}

// Paragraphs of a body: separated by blank lines; lines inside one are kept as line breaks.
std::vector<std::string> paragraphs(std::string_view body) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string p = compact_lines(cur);
    if (!p.empty()) out.push_back(std::move(p));
    cur.clear();
  };
  for (std::string_view rest = body;;) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    if (text::trim(line).empty())
      flush();
    else
      cur += std::string(line) + "\n";
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  flush();
  return out;
}

// The names `kind` offers, each mapped to "" (for checking a template).
Values empty_values(LetterKind kind) {
  Values v;
  for (const auto& p : kPlaceholders) {
    if (p.kinds & bit(kind)) v.emplace(std::string(p.name), "");
  }
  return v;
}

size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

Result<std::string> required_date(std::string_view iso, std::string_view what) {
  std::string d = chinese_date(iso);
  if (d.empty()) return Error::invalid("letter_date_missing", "无法生成文书：缺少" + std::string(what));
  return d;
}

// A deadline: a date in Chinese form, or the caller's phrase when it could not give one.
Result<std::string> deadline(std::string_view value, std::string_view what) {
  if (std::string d = chinese_date(value); !d.empty()) return d;
  // A phrase is words; anything ASCII-only here is a malformed date.
  const bool words =
      std::any_of(value.begin(), value.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
  if (words) return text::trim(value);
  return Error::invalid("letter_date_missing", "无法生成文书：缺少" + std::string(what));
}

// The value of every placeholder `kind` offers, from the case and the step.
Result<Values> values_of(LetterKind kind, const Case& c, const LetterValues& v) {
  Values out = empty_values(kind);
  auto set = [&](std::string_view name, std::string value) {
    if (auto it = out.find(name); it != out.end()) it->second = std::move(value);
  };
  auto date = required_date(v.date, "文书日期");
  if (!date) return date.error();
  auto received = required_date(c.received_date, "收到申请的日期");
  if (!received) return received.error();
  set("申请人", c.applicant.name);
  set("称谓", c.applicant.is_person() ? "你" : "你单位");
  set("查询码", c.code);
  set("收到日期", *received);
  set("所需信息", clause(c.request.description));
  set("机关名称", c.agency_name);
  set("日期", *date);
  set("文号", v.number);
  switch (kind) {
    case LetterKind::kCorrectionNotice:
      set("补正事项", clause(v.correction_items));
      set("补正期限", std::to_string(v.correction_workdays) + "个工作日");
      break;
    case LetterKind::kExtensionNotice: {
      auto due = deadline(v.reply_due, "延期前的答复期限");
      if (!due) return due.error();
      auto extended = deadline(v.extended_due, "延长后的答复期限");
      if (!extended) return extended.error();
      set("答复期限", *due);
      set("延长天数", std::to_string(v.extension_workdays));
      set("延长后期限", *extended);
      set("理由", clause(v.reason));
      break;
    }
    case LetterKind::kConsultationLetter:
      set("被征求意见方", text::trim(v.party));
      break;
    case LetterKind::kFeeNotice: {
      auto due = deadline(v.fee_due, "缴费期限");
      if (!due) return due.error();
      set("收费金额", std::to_string(v.fee_amount));
      set("缴费期限", *due);
      set("收费明细", compact_lines(normalize_newlines(v.fee_breakdown)));
      break;
    }
    case LetterKind::kReply: {
      const Outcome* o = find_outcome(c.outcome);
      if (!o) return Error::invalid("no_reply", "尚未拟写答复，无法生成答复书");
      set("答复类型", std::string(o->label));
      set("理由", clause(c.outcome_reasons));
      const std::string basis = clause(c.outcome_basis);
      set("依据", basis.empty() ? "《中华人民共和国政府信息公开条例》" : basis);
      set("不予公开部分", clause(c.withheld));
      set("答复正文", compact_lines(normalize_newlines(c.reply_text)));
      set("复议机关", v.reconsideration_body.empty() ? "有管辖权的行政复议机关" : v.reconsideration_body);
      break;
    }
  }
  return out;
}

}  // namespace

const LetterKindInfo& letter_kind_info(LetterKind k) { return kLetterKinds[static_cast<size_t>(k)]; }

std::optional<LetterKind> letter_kind_from_code(std::string_view code) {
  for (const auto& k : kLetterKinds) {
    if (k.code == code) return k.kind;
  }
  return std::nullopt;
}

std::optional<LetterKind> letter_kind_of_action(std::string_view action) {
  for (const auto& k : kLetterKinds) {
    if (k.action == action) return k.kind;
  }
  return std::nullopt;
}

std::span<const TemplateSpec> template_specs() { return kSpecs; }

const TemplateSpec* find_template_spec(std::string_view key) {
  for (const auto& s : kSpecs) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

LetterTemplate default_template(const TemplateSpec& spec) {
  return {std::string(spec.title), std::string(spec.addressee), std::string(spec.body)};
}

std::vector<Placeholder> placeholders(LetterKind kind) {
  std::vector<Placeholder> out;
  for (const auto& p : kPlaceholders) {
    if (p.kinds & bit(kind)) out.push_back({p.name, p.meaning});
  }
  return out;
}

Status check_template(LetterKind kind, const LetterTemplate& t) {
  FieldErrors errs;
  const Values names = empty_values(kind);
  const std::string_view label = letter_kind_info(kind).label;
  auto check = [&](const char* field, const std::string& text, size_t max_chars, bool required, std::string_view what) {
    if (required && text::trim(text).empty())
      errs.add(field, "请填写" + std::string(what));
    else if (char_count(text) > max_chars)
      errs.add(field, std::string(what) + "不能超过" + std::to_string(max_chars) + "个字");
    else if (auto r = fill(text, names, label); !r)
      errs.add(field, r.error().message);
  };
  check("title", t.title, 100, true, "标题");
  check("addressee", t.addressee, 100, false, "称呼");
  check("body", t.body, 10000, true, "正文");
  if (!errs.empty()) return errs.to_error();
  return ok_status();
}

Result<const TemplateSpec*> template_for(LetterKind kind, const Case& c, const LetterValues& v) {
  std::string key(letter_kind_info(kind).code);
  if (kind == LetterKind::kReply) {
    const Outcome* o = find_outcome(c.outcome);
    if (!o) return Error::invalid("no_reply", "尚未拟写答复，无法生成答复书");
    key = group_key(o->group);
  } else if (kind == LetterKind::kConsultationLetter) {
    key += "." + v.consult_kind;
  }
  const TemplateSpec* spec = find_template_spec(key);
  if (!spec) return Error::invalid("no_template", "没有适用的文书模板：" + key);
  return spec;
}

Result<render::LetterDoc> compose(LetterKind kind, const Case& c, const LetterValues& v, const LetterTemplate& t) {
  using K = render::LetterBlock::Kind;
  auto values = values_of(kind, c, v);
  if (!values) return values.error();
  const std::string_view label = letter_kind_info(kind).label;
  auto title = fill(normalize_newlines(t.title), *values, label);
  if (!title) return title.error();
  auto addressee = fill(normalize_newlines(t.addressee), *values, label);
  if (!addressee) return addressee.error();
  render::LetterDoc doc;
  const std::string title_text = compact_lines(*title);
  doc.title = title_text;
  std::replace(doc.title.begin(), doc.title.end(), '\n', ' ');
  doc.author = c.agency_name;
  if (letter_kind_info(kind).to_applicant) doc.footer = "政府信息公开申请查询码 " + c.code;
  doc.blocks.push_back({K::kTitle, title_text, {}});
  if (!v.number.empty()) doc.blocks.push_back({K::kDocNumber, v.number, {}});
  if (const std::string a = compact_lines(*addressee); !a.empty()) doc.blocks.push_back({K::kAddressee, a, {}});
  // Placeholders are filled paragraph by paragraph, so a value's own blank lines never split one.
  for (const auto& p : paragraphs(normalize_newlines(t.body))) {
    auto text = fill(p, *values, label);
    if (!text) return text.error();
    if (std::string filled = compact_lines(*text); !filled.empty()) doc.blocks.push_back({K::kParagraph, filled, {}});
  }
  doc.blocks.push_back({K::kSignature, c.agency_name, {}});
  doc.blocks.push_back({K::kDate, values->at("日期"), {}});
  return doc;
}

std::string letter_number(std::string_view name, int year, int64_t serial) {
  return std::string(name) + "依申〔" + std::to_string(year) + "〕" + std::to_string(serial) + "号";
}

std::string chinese_date(std::string_view iso) {
  auto d = parse_date(iso);
  if (!d || format_date(*d) != iso) return {};
  return std::to_string(static_cast<int>(d->year())) + "年" + std::to_string(static_cast<unsigned>(d->month())) + "月" +
         std::to_string(static_cast<unsigned>(d->day())) + "日";
}

LetterSample sample_for(const TemplateSpec& spec, std::string_view agency_name, std::string_view parent_name,
                        std::string_view date) {
  LetterSample s;
  Case& c = s.c;
  c.code = "2026-7K3M-Q9XH";
  c.agency_name = std::string(agency_name);
  c.received_date = "2026-11-02";
  c.applicant.category = "person";
  c.applicant.name = "张三";
  c.request.description = "2025年本县城乡居民最低生活保障资金的分配文件";
  c.reply_text = "现将《关于下达2025年城乡居民最低生活保障资金的通知》通过电子邮件提供给你，请查收。";
  static const std::map<std::string, std::string, std::less<>> kOutcomeOf = {
      {"reply.disclosed", "disclosed"},
      {"reply.partial", "partial"},
      {"reply.withheld", "withheld_third_party"},
      {"reply.unavailable", "unavailable_not_held"},
      {"reply.not_processed", "not_processed_petition"},
      {"reply.other", "other"}};
  if (auto it = kOutcomeOf.find(spec.key); it != kOutcomeOf.end()) {
    c.outcome = it->second;
    c.outcome_basis = std::string(find_outcome(c.outcome)->basis);
    c.outcome_reasons = "该信息涉及第三方的个人隐私，经书面征求第三方意见，第三方不同意公开";
    c.withheld = "分配明细中个人的身份证号码和银行账号，依据条例第十五条不予公开";
  }
  LetterValues& v = s.v;
  v.number = letter_number(agency_name, 2026, 1);
  v.date = std::string(date);
  v.correction_items = "请写明所需文件的发文机关和发文年份";
  v.correction_workdays = 10;
  v.reply_due = "2026-12-01";
  v.extension_workdays = 15;
  v.extended_due = "2026-12-22";
  v.reason = "申请的信息需要调取档案并作区分处理";
  v.party = spec.key.ends_with("other_agency") ? "云溪县民政局" : "云溪县某某建设有限公司";
  v.consult_kind = spec.key.ends_with("other_agency") ? "other_agency" : "third_party";
  v.fee_amount = 100;
  v.fee_due = "2026-12-21";
  v.fee_method = "by_page";
  v.fee_breakdown = quote_by_page(40)->explanation_zh;
  v.reconsideration_body = std::string(parent_name);
  return s;
}

// ---- Stored templates, numbers and letters ------------------------------------------------------

AgencyTemplate agency_template(db::Db& db, int64_t agency_id, const TemplateSpec& spec) {
  AgencyTemplate out;
  auto r = db.query_one(
      "SELECT t.title, t.addressee, t.body, t.updated_at, COALESCE(u.display_name, '') FROM letter_templates t "
      "LEFT JOIN users u ON u.id = t.updated_by WHERE t.agency_id = ? AND t.kind = ?",
      {agency_id, spec.key});
  if (!r) {
    out.t = default_template(spec);
    return out;
  }
  out.t = {r->s(0), r->s(1), r->s(2)};
  out.customized = true;
  out.updated_at = r->s(3);
  out.updated_by = r->s(4);
  return out;
}

namespace {

nlohmann::json template_json(const LetterTemplate& t, bool customized) {
  return {{"title", t.title}, {"addressee", t.addressee}, {"body", t.body}, {"customized", customized}};
}

Status may_edit(db::Db& db, const accounts::Principal& p, int64_t agency_id) {
  if (!agencies::get(db, agency_id)) return Error::not_found("未找到该机关");
  if (!agencies::can_administer(db, p, agency_id)) return Error::forbidden("您没有管理该机关文书模板的权限。");
  return ok_status();
}

}  // namespace

Status save_template(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                     std::string_view key, LetterTemplate t) {
  if (auto st = may_edit(db, p, agency_id); !st) return st;
  const TemplateSpec* spec = find_template_spec(key);
  if (!spec) return Error::not_found("没有这种文书模板");
  t.title = text::trim(normalize_newlines(t.title));
  t.addressee = text::trim(normalize_newlines(t.addressee));
  t.body = text::trim(normalize_newlines(t.body));
  if (auto st = check_template(spec->kind, t); !st) return st;
  return db.write([&]() -> Status {
    const AgencyTemplate before = agency_template(db, agency_id, *spec);
    db.exec(
        "INSERT INTO letter_templates(agency_id, kind, title, addressee, body, updated_at, updated_by) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT(agency_id, kind) DO UPDATE SET title = excluded.title, "
        "addressee = excluded.addressee, body = excluded.body, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        {agency_id, spec->key, t.title, t.addressee, t.body, now_iso(), p.user.id});
    const int64_t id =
        db.scalar_int("SELECT id FROM letter_templates WHERE agency_id = ? AND kind = ?", {agency_id, spec->key});
    audit::record(db, actor, agency_id, "letter_template", id, before.customized ? "update" : "create",
                  template_json(before.t, before.customized), template_json(t, true), spec->key);
    return ok_status();
  });
}

Status reset_template(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                      std::string_view key) {
  if (auto st = may_edit(db, p, agency_id); !st) return st;
  const TemplateSpec* spec = find_template_spec(key);
  if (!spec) return Error::not_found("没有这种文书模板");
  return db.write([&]() -> Status {
    const AgencyTemplate before = agency_template(db, agency_id, *spec);
    if (!before.customized) return ok_status();
    const int64_t id =
        db.scalar_int("SELECT id FROM letter_templates WHERE agency_id = ? AND kind = ?", {agency_id, spec->key});
    db.exec("DELETE FROM letter_templates WHERE id = ?", {id});
    audit::record(db, actor, agency_id, "letter_template", id, "reset", template_json(before.t, true),
                  template_json(default_template(*spec), false), spec->key);
    return ok_status();
  });
}

int64_t next_letter_serial(db::Db& db, int64_t agency_id, int year) {
  return db
      .query_one(
          "INSERT INTO letter_serials(agency_id, year, next) VALUES (?, ?, 2) "
          "ON CONFLICT(agency_id, year) DO UPDATE SET next = next + 1 RETURNING next - 1",
          {agency_id, year})
      ->i(0);
}

std::string reconsideration_body(db::Db& db, int64_t agency_id) {
  auto a = agencies::get(db, agency_id);
  if (!a || !a->parent_id) return {};
  auto parent = agencies::get(db, *a->parent_id);
  return parent ? parent->name : "";
}

Result<IssuedLetter> issue_letter(db::Db& db, const Case& c, LetterKind kind, LetterValues v) {
  auto agency = agencies::get(db, c.agency_id);
  if (!agency) return agency.error();
  auto spec = template_for(kind, c, v);
  if (!spec) return spec.error();
  auto date = parse_date(v.date);
  if (!date) return Error::invalid("letter_date_missing", "无法生成文书：缺少文书日期");
  const int year = static_cast<int>(date->year());
  v.number = letter_number(agency->short_name.empty() ? agency->name : agency->short_name, year,
                           next_letter_serial(db, c.agency_id, year));
  auto doc = compose(kind, c, v, agency_template(db, c.agency_id, **spec).t);
  if (!doc) return doc.error();
  auto pdf = render::render_letter_pdf(*doc);
  if (!pdf) return Error::invalid(pdf.error().code, "文书生成失败：" + pdf.error().message);
  IssuedLetter out;
  out.number = v.number;
  out.file_name = files::safe_download_name(std::string(letter_kind_info(kind).label) + "-" + v.number + ".pdf");
  const std::string sha = accounts::sha256_hex(*pdf);
  db.exec("INSERT INTO blobs(sha256, size, mime, data) VALUES (?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
          {sha, static_cast<int64_t>(pdf->size()), "application/pdf", db::Blob{*pdf}});
  out.file_id = db.exec(
                      "INSERT INTO application_files(application_id, kind, name, mime, sha256, size, "
                      "visible_to_applicant, created_at) VALUES (?,?,?,?,?,?,?,?)",
                      {c.id, "letter", out.file_name, "application/pdf", sha, static_cast<int64_t>(pdf->size()),
                       letter_kind_info(kind).to_applicant ? 1 : 0, now_iso()})
                    .last_insert_id;
  return out;
}

Result<render::LetterDoc> preview_reply(db::Db& db, const Case& c) {
  LetterValues v;
  v.number = "（签发时编号）";
  v.date = today_cn();
  v.reconsideration_body = reconsideration_body(db, c.agency_id);
  auto spec = template_for(LetterKind::kReply, c, v);
  if (!spec) return spec.error();
  return compose(LetterKind::kReply, c, v, agency_template(db, c.agency_id, **spec).t);
}

}  // namespace gk::applications
