// Applications for disclosure (依申请公开): the plain data of a case and the fixed vocabularies
// with their Chinese labels: applicant categories (the 表三 columns), channels, forms, stages.
// Reply outcomes and their 表三 rows are in outcomes.h; the stage machine in workflow.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock/clock.h"

namespace gk::applications {

struct Label {
  std::string_view code;
  std::string_view label;
};

// The applicant column of the annual report's 表三 (2021 format): 自然人, or the category of a
// 法人或其他组织. The codes are the column keys of the report format definition.
inline constexpr std::array<Label, 6> kApplicantCategories = {{
    {"person", "自然人"},
    {"commercial", "商业企业"},
    {"research", "科研机构"},
    {"public_welfare", "社会公益组织"},
    {"legal_service", "法律服务机构"},
    {"other_org", "其他"},
}};

// Identity documents of natural persons.
inline constexpr std::array<Label, 6> kIdTypes = {{
    {"resident_id", "居民身份证"},
    {"passport", "护照"},
    {"hk_macao_permit", "港澳居民来往内地通行证"},
    {"taiwan_permit", "台湾居民来往大陆通行证"},
    {"foreign_permanent", "外国人永久居留身份证"},
    {"other", "其他有效身份证件"},
}};

// How the application reached the agency (条例 Art. 31); the codes are clock::Channel names.
inline constexpr std::array<Label, 6> kChannels = {{
    {"online", "互联网（在线申请）"},
    {"in_person", "当面提交"},
    {"post_signed", "邮寄（需签收）"},
    {"post_unsigned", "平常信函"},
    {"fax", "传真"},
    {"email", "电子邮件"},
}};

// The form of the information wanted (条例 Art. 29 (三)).
inline constexpr std::array<Label, 2> kForms = {{{"paper", "纸质"}, {"electronic", "电子"}}};
// How the applicant wants to obtain it.
inline constexpr std::array<Label, 4> kDeliveries = {{
    {"pickup", "自行领取"},
    {"post", "邮寄"},
    {"email", "电子邮件"},
    {"online", "网上获取"},
}};

// Where a case stands. The order is the usual order of handling.
enum class Stage {
  kSubmitted,    // 待确认: submitted online, the agency has not yet confirmed receipt (Art. 31 (三))
  kRegistered,   // 登记: received, the receipt date fixed
  kCorrection,   // 补正中: a 补正 notice was sent, waiting for the applicant
  kAccepted,     // 受理
  kAssigned,     // 承办: handed to a department or person
  kConsulting,   // 征求意见: a third party or another agency is consulted
  kAwaitingFee,  // 待缴费: a fee notice was sent, waiting for payment
  kDrafted,      // 拟答复: the reply is drafted
  kReviewing,    // 审核
  kSigning,      // 签发
  kDelivering,   // 送达: signed, to be delivered
  kClosed,       // 办结: replied (or closed with an outcome such as 视为放弃)
  kWithdrawn,    // 已撤回 (closed; counted under （六）3 其他 in the annual report)
};

inline constexpr std::array<Label, 13> kStages = {{
    {"submitted", "待确认"},
    {"registered", "已登记"},
    {"correction", "补正中"},
    {"accepted", "已受理"},
    {"assigned", "承办中"},
    {"consulting", "征求意见中"},
    {"awaiting_fee", "待缴费"},
    {"drafted", "已拟答复"},
    {"reviewing", "审核中"},
    {"signing", "待签发"},
    {"delivering", "待送达"},
    {"closed", "已办结"},
    {"withdrawn", "已撤回"},
}};

std::string_view stage_code(Stage s);
std::string_view stage_label(Stage s);
std::optional<Stage> stage_from_code(std::string_view code);
// Closed stages take no more actions.
bool is_closed(Stage s);

// The label of `code` in `table`, or "" when absent.
template <size_t N>
std::string_view label_of(const std::array<Label, N>& table, std::string_view code) {
  for (const auto& l : table) {
    if (l.code == code) return l.label;
  }
  return {};
}
template <size_t N>
bool has_code(const std::array<Label, N>& table, std::string_view code) {
  return !label_of(table, code).empty();
}

// The applicant as the form takes it.
struct Applicant {
  std::string category;  // kApplicantCategories code; "person" = 自然人
  std::string name;      // person's name, or the organization's
  std::string id_type;   // kIdTypes code (natural persons)
  std::string id_number;
  std::string credit_code;     // 统一社会信用代码 (organizations)
  std::string legal_rep;       // 法定代表人 (organizations)
  std::string contact_person;  // 联系人 (organizations)
  std::string phone;
  std::string email;
  std::string address;
  bool is_person() const { return category == "person"; }
};

// What is asked for and how.
struct Request {
  int64_t agency_id = 0;
  std::string description;  // 所需信息的名称、文号或其他特征性描述
  std::string purpose;      // optional
  std::string form;         // kForms code
  std::string delivery;     // kDeliveries code
  bool fee_waiver = false;  // 申请减免信息处理费
};

// One file kept with a case (ID proof, correction material, letter).
struct CaseFile {
  int64_t id = 0;
  std::string kind;  // id_proof, correction, letter
  std::string name;
  std::string mime;
  std::string sha256;
  int64_t size = 0;
  bool visible_to_applicant = false;
  std::string created_at;
};

// One event of a case: a clock event (kind is a clock event name: received, correction_requested…)
// or another workflow step (accept, assign, draft_reply…), with its legally relevant date.
struct CaseEvent {
  int64_t id = 0;
  std::string kind;
  std::string date;  // YYYY-MM-DD
  std::string data_json;
  std::string actor;
  std::string created_at;
};

// A case.
struct Case {
  int64_t id = 0;
  std::string code;  // tracking code shown to the applicant
  int64_t agency_id = 0;
  std::string agency_name;
  Stage stage = Stage::kSubmitted;
  std::optional<Stage> resume_stage;  // where a fee wait returns to
  std::string channel;                // kChannels code
  std::string submitted_at;           // ISO timestamp of the record's creation
  std::string received_date;          // Art. 31 receipt date, "" until confirmed
  Applicant applicant;
  Request request;
  std::optional<int64_t> assignee_id;
  std::string assignee_name;
  std::optional<int64_t> handling_agency_id;
  std::string assign_due;             // 交办 deadline
  std::string outcome;                // outcomes.h code, "" until a reply is drafted
  std::string outcome_basis;          // legal basis as written in the reply
  std::string outcome_reasons;
  std::string withheld;               // 部分公开: what was withheld and on which ground
  std::string reply_text;             // the body of the reply letter as drafted
  std::string reply_date;             // the day the reply counts as made (signature / posting)
  std::string reply_delivery;         // direct | entrusted | post
  std::string closed_date;
  std::string updated_at;
  std::vector<CaseEvent> events;
  std::vector<CaseFile> files;
};

}  // namespace gk::applications
