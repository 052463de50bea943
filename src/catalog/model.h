// 主动公开 catalog items: the statutory metadata (条例 Art. 12; gov.cn policy-page fields), the
// publishing states and the labels the pages show.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk::catalog {

// Publishing states: 草稿 → 保密审查 → 审核 → 签批 → 已发布 → 已撤回 / 已归档.
enum class State { kDraft, kSecrecyReview, kReview, kSignoff, kPublished, kWithdrawn, kArchived };

struct Label {
  std::string_view code;
  std::string_view label;
};

inline constexpr std::array<Label, 7> kStates = {{
    {"draft", "草稿"},
    {"secrecy_review", "待保密审查"},
    {"review", "待审核"},
    {"signoff", "待签批"},
    {"published", "已发布"},
    {"withdrawn", "已撤回"},
    {"archived", "已归档"},
}};

// 有效性.
inline constexpr std::array<Label, 3> kValidities = {{{"valid", "有效"}, {"expired", "失效"}, {"repealed", "废止"}}};
// 公开属性: only 主动公开 items appear on the portal.
inline constexpr std::array<Label, 3> kDisclosures = {
    {{"proactive", "主动公开"}, {"on_request", "依申请公开"}, {"withheld", "不予公开"}}};

std::optional<State> state_from_code(std::string_view code);
std::string_view state_code(State s);
std::string_view state_label(State s);
// Label of a code in one of the tables above, or the code itself when unknown.
template <size_t N>
std::string_view label_of(const std::array<Label, N>& table, std::string_view code) {
  for (const auto& l : table) {
    if (l.code == code) return l.label;
  }
  return code;
}
template <size_t N>
bool has_code(const std::array<Label, N>& table, std::string_view code) {
  for (const auto& l : table) {
    if (l.code == code) return true;
  }
  return false;
}

// Largest attachment accepted.
inline constexpr size_t kMaxAttachmentBytes = 20u << 20;

struct Attachment {
  int64_t id = 0;
  std::string sha256;
  std::string filename;
  std::string mime;
  int64_t size = 0;
};

struct Column {
  int64_t id = 0;
  int64_t agency_id = 0;
  std::string name;
  std::string slug;
  std::string kind;  // rules, statutory, annual_report, custom
  int sort_order = 0;
};

struct Item {
  int64_t id = 0;
  int64_t agency_id = 0;
  std::string agency_name;
  std::optional<int64_t> column_id;
  std::string column_name;
  State state = State::kDraft;
  std::string title;         // 信息名称 / 标题
  std::string index_no;      // 索引号 (assigned at publication)
  std::string publisher;     // 发布机构
  std::string subject;       // 主题分类 code (data/subjects.json)
  std::string genre;         // 体裁 code (data/genres.json)
  std::string doc_no;        // 文号, normalized
  std::string written_date;  // 成文日期 (形成日期), YYYY-MM-DD
  std::string publish_date;  // 发布日期
  std::string validity;      // valid / expired / repealed
  std::string repeal_date;   // 废止日期
  std::string keywords;
  std::string summary;       // 内容概述
  std::string body_html;     // sanitized
  std::string disclosure;    // proactive / on_request / withheld
  std::string withheld_reason;
  std::optional<int64_t> interprets_id;  // this item is a 政策解读 of that policy
  std::string interprets_title;
  int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  std::vector<Attachment> attachments;
};

// What the editor or the API submits for a draft.
struct ItemInput {
  int64_t agency_id = 0;
  std::string column_id;  // as submitted; "" for none
  std::string title;
  std::string publisher;
  std::string subject;
  std::string genre;
  std::string doc_no;
  std::string written_date;
  std::string validity = "valid";
  std::string repeal_date;
  std::string keywords;
  std::string summary;
  std::string body_html;
  std::string disclosure = "proactive";
  std::string withheld_reason;
  std::string interprets_id;  // "" for none
};

}  // namespace gk::catalog
