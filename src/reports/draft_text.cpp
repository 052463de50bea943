// The factual draft of 一、总体情况 from the figures (pure).
#include "reports/draft_text.h"

namespace gk::reports {
namespace {

std::string n(const TableValues& v, std::string_view ref) { return std::to_string(v.get_or_zero(ref)); }

std::string todo(std::string_view what) { return std::string(kToComplete) + std::string(what); }

std::string proactive(const DraftFacts& f, const std::string& who) {
  const TableValues& v = f.values;
  std::string s = std::to_string(f.year) + "年，" + who + "通过政府信息公开平台主动公开政府信息" +
                  std::to_string(f.proactive_items) + "条。";
  if (f.format->id == "2019") {
    s += "本年新制作规章" + n(v, "table2.rules.made") + "件、规范性文件" + n(v, "table2.normative.made") +
         "件，新公开规章" + n(v, "table2.rules.published") + "件、规范性文件" + n(v, "table2.normative.published") +
         "件；截至年底对外公开规章" + n(v, "table2.rules.total_published") + "件、规范性文件" +
         n(v, "table2.normative.total_published") + "件。";
  } else {
    s += "本年制发规章" + n(v, "table2.rules.issued") + "件、行政规范性文件" + n(v, "table2.normative.issued") +
         "件，废止规章" + n(v, "table2.rules.repealed") + "件、行政规范性文件" + n(v, "table2.normative.repealed") +
         "件；截至年底现行有效规章" + n(v, "table2.rules.in_force") + "件、行政规范性文件" +
         n(v, "table2.normative.in_force") + "件。";
  }
  // Decisions from the figures form, only those filled in.
  std::string decisions;
  for (const auto& [row, name] :
       {std::pair{"license", "行政许可"}, {"penalty", "行政处罚"}, {"coercion", "行政强制"}}) {
    const std::string ref = cell_ref("table2", row, "decisions");
    if (!f.format->resolve(ref)) continue;
    if (auto got = v.get(ref))
      decisions += (decisions.empty() ? "" : "、") + std::string(name) + "决定" + std::to_string(*got) + "件";
  }
  if (!decisions.empty()) s += "本年作出" + decisions + "。";
  return s;
}

std::string applications(const DraftFacts& f) {
  const TableValues& v = f.values;
  std::string s = "本年度新收政府信息公开申请" + n(v, "table3.new.total") + "件，上年结转" +
                  n(v, "table3.carried_over.total") + "件；本年度办理完毕" + n(v, "table3.r7.total") +
                  "件，其中予以公开" + n(v, "table3.r1.total") + "件、部分公开" + n(v, "table3.r2.total") +
                  "件；结转下年度继续办理" + n(v, "table3.carry_forward.total") + "件。";
  if (f.replies_read && *f.replies_read > 0) {
    s += "本年度作出答复的" + std::to_string(*f.replies_read) + "件申请中，" + std::to_string(f.replies_on_time) +
         "件在法定期限内答复，按期答复率" + percent_text(f.replies_on_time, *f.replies_read) + "。";
  }
  return s;
}

std::string management(const DraftFacts& f) {
  std::string s;
  if (f.format->id != "2019") {
    s = "本年度在政府信息公开目录中标注废止（失效）的规章" + n(f.values, "table2.rules.repealed") +
        "件、行政规范性文件" + n(f.values, "table2.normative.repealed") + "件。";
  }
  return s + todo("请补充政府信息公开属性源头认定、保密审查、政策解读等政府信息管理工作情况。");
}

std::string platforms(const DraftFacts& f, const std::string& who) {
  return who + "在政府信息公开平台设有栏目" + std::to_string(f.columns) + "个，本年度发布主动公开信息" +
         std::to_string(f.proactive_items) + "条。" + todo("请补充政府网站、政务新媒体等平台建设情况。");
}

std::string supervision(const DraftFacts& f) {
  const TableValues& v = f.values;
  const int64_t suits = v.get_or_zero("table4.suit_direct.total") + v.get_or_zero("table4.suit_after_review.total");
  return "本年度因政府信息公开工作被申请行政复议" + n(v, "table4.review.total") + "件，被提起行政诉讼" +
         std::to_string(suits) + "件（未经复议直接起诉" + n(v, "table4.suit_direct.total") + "件、复议后起诉" +
         n(v, "table4.suit_after_review.total") + "件）。" +
         todo("请补充工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。");
}

}  // namespace

std::string percent_text(int64_t part, int64_t whole) {
  if (whole <= 0) return "0%";
  const int64_t tenths = (part * 1000 + whole / 2) / whole;  // rounded to a tenth of a percent
  if (tenths % 10 == 0) return std::to_string(tenths / 10) + "%";
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

std::vector<TextPart> overview_draft(const DraftFacts& f) {
  const std::string who = f.subtree ? "本机关及下属" + std::to_string(f.units - 1) + "个单位" : "本机关";
  const std::string texts[] = {proactive(f, who), applications(f), management(f), platforms(f, who), supervision(f)};
  std::vector<TextPart> out;
  for (size_t i = 0; i < kOverviewParts.size(); ++i) {
    out.push_back({std::string(kOverviewParts[i].key), std::string(kOverviewParts[i].title), texts[i]});
  }
  return out;
}

}  // namespace gk::reports
