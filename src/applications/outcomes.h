// The outcomes of an application (答复类型, 条例 Arts. 30, 35–39, 42) and the ONE mapping from each
// to its row of the annual report's 表三 (ogi-facts §1.4; row keys as in data/report_formats/). The
// reply form, the letters, the annual-report generator and the docs all read this table.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace gk::applications {

// The group of 表三 an outcome belongs to, which decides what the reply must contain.
enum class OutcomeGroup {
  kDisclosed,    // （一）予以公开
  kPartial,      // （二）部分公开: what was withheld and on which ground
  kWithheld,     // （三）不予公开: the ground is the outcome itself; reasons required
  kUnavailable,  // （四）无法提供
  kNotProcessed, // （五）不予处理
  kOther,        // （六）其他处理
};

struct Outcome {
  std::string_view code;
  std::string_view label;       // the reply type, as the back office and the letters name it
  OutcomeGroup group;
  std::string_view row_2021;    // 表三 row key, 2021 format
  std::string_view row_2019;    // 表三 row key, 2019 trial format (（六） is one row there)
  std::string_view basis;       // 条例 article(s) cited in the reply
  bool staff_choice;            // false: set by the system only (视为放弃, 撤回)
};

inline constexpr std::array<Outcome, 22> kOutcomes = {{
    {"already_public", "已主动公开，告知获取方式和途径", OutcomeGroup::kDisclosed, "r1", "r1", "《中华人民共和国政府信息公开条例》第三十六条第（一）项", true},
    {"disclosed", "予以公开", OutcomeGroup::kDisclosed, "r1", "r1", "《中华人民共和国政府信息公开条例》第三十六条第（二）项", true},
    {"partial", "部分公开（区分处理）", OutcomeGroup::kPartial, "r2", "r2", "《中华人民共和国政府信息公开条例》第三十七条", true},
    {"withheld_state_secret", "不予公开：属于国家秘密", OutcomeGroup::kWithheld, "r3_1", "r3_1", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", true},
    {"withheld_law_prohibits", "不予公开：其他法律行政法规禁止公开", OutcomeGroup::kWithheld, "r3_2", "r3_2", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", true},
    {"withheld_three_safety", "不予公开：危及“三安全一稳定”", OutcomeGroup::kWithheld, "r3_3", "r3_3", "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项", true},
    {"withheld_third_party", "不予公开：保护第三方合法权益", OutcomeGroup::kWithheld, "r3_4", "r3_4", "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项", true},
    {"withheld_internal", "不予公开：属于三类内部事务信息", OutcomeGroup::kWithheld, "r3_5", "r3_5", "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项", true},
    {"withheld_process", "不予公开：属于四类过程性信息", OutcomeGroup::kWithheld, "r3_6", "r3_6", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", true},
    {"withheld_enforcement", "不予公开：属于行政执法案卷", OutcomeGroup::kWithheld, "r3_7", "r3_7", "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项", true},
    {"withheld_query", "不予公开：属于行政查询事项", OutcomeGroup::kWithheld, "r3_8", "r3_8", "《中华人民共和国政府信息公开条例》第三十六条第（七）项", true},
    {"unavailable_not_held", "无法提供：本机关不掌握相关政府信息", OutcomeGroup::kUnavailable, "r4_1", "r4_1", "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项", true},
    {"unavailable_needs_making", "无法提供：没有现成信息需要另行制作", OutcomeGroup::kUnavailable, "r4_2", "r4_2", "《中华人民共和国政府信息公开条例》第三十八条", true},
    {"unavailable_unclear", "无法提供：补正后申请内容仍不明确", OutcomeGroup::kUnavailable, "r4_3", "r4_3", "《中华人民共和国政府信息公开条例》第三十条", true},
    {"not_processed_petition", "不予处理：信访举报投诉类申请", OutcomeGroup::kNotProcessed, "r5_1", "r5_1", "《中华人民共和国政府信息公开条例》第三十九条第一款", true},
    {"not_processed_repeat", "不予处理：重复申请", OutcomeGroup::kNotProcessed, "r5_2", "r5_2", "《中华人民共和国政府信息公开条例》第三十六条第（六）项", true},
    {"not_processed_publication", "不予处理：要求提供公开出版物", OutcomeGroup::kNotProcessed, "r5_3", "r5_3", "《中华人民共和国政府信息公开条例》第三十九条第二款", true},
    {"not_processed_excessive", "不予处理：无正当理由大量反复申请", OutcomeGroup::kNotProcessed, "r5_4", "r5_4", "《中华人民共和国政府信息公开条例》第三十五条", true},
    {"not_processed_confirmation", "不予处理：要求行政机关确认或重新出具已获取信息", OutcomeGroup::kNotProcessed, "r5_5", "r5_5", "", true},
    {"other_no_correction", "其他处理：申请人无正当理由逾期不补正，不再处理", OutcomeGroup::kOther, "r6_1", "r6", "《中华人民共和国政府信息公开条例》第三十条", false},
    {"other_no_fee", "其他处理：申请人逾期未缴纳信息处理费，不再处理", OutcomeGroup::kOther, "r6_2", "r6", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", false},
    {"other", "其他处理", OutcomeGroup::kOther, "r6_3", "r6", "", true},
}};

// The outcome with `code`, or nullptr.
const Outcome* find_outcome(std::string_view code);
// The outcome's 表三 row key in the format used for report year `year` (2019 format for 2019–2020).
std::string_view table3_row(const Outcome& o, int report_year);

}  // namespace gk::applications
