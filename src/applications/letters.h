// The letters of an application case (依申请公开的文书): which step issues which letter, the wording
// agencies may edit (templates with {占位符}) and the defaults shipped here, the composition of a
// letter from a case — pure — and, in the last section, the agency's templates and letter numbers in
// the database and the issuing of a letter inside a step's transaction.
//
// A template is plain text: a title, an addressee line and a body whose paragraphs are separated by
// blank lines; {名称} (ASCII or full-width braces) stands for a value of the case or the step. Which
// placeholders a letter may use depends on its kind (placeholders()); anything else in braces is
// refused when a template is saved. The consultation letter goes to a third party or another agency,
// so it offers nothing that identifies the applicant (name, 称谓, 查询码).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.h"
#include "applications/model.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/render/pdf.h"
#include "platform/result.h"

namespace gk::applications {

enum class LetterKind {
  kCorrectionNotice,    // 补正告知书 (条例 Art. 30), issued by request_correction
  kExtensionNotice,     // 延期答复告知书 (Art. 33), issued by extend
  kConsultationLetter,  // 征求意见函 (Arts. 32, 34), issued by consult; to the consulted party only
  kFeeNotice,           // 信息处理费收费通知书 (国办函〔2020〕109号), issued by fee_notice
  kReply,               // 政府信息公开申请答复书 / 告知书 (Arts. 36–39), issued by sign
};

struct LetterKindInfo {
  LetterKind kind;
  std::string_view code;    // stable name: correction_notice, extension_notice, consultation_letter, fee_notice, reply
  std::string_view label;   // short Chinese name, also the start of the stored file's name
  std::string_view action;  // the transition (workflow.h) that issues it
  bool to_applicant;        // listed and downloadable on the applicant's status page
};

inline constexpr std::array<LetterKindInfo, 5> kLetterKinds = {{
    {LetterKind::kCorrectionNotice, "correction_notice", "补正告知书", "request_correction", true},
    {LetterKind::kExtensionNotice, "extension_notice", "延期答复告知书", "extend", true},
    {LetterKind::kConsultationLetter, "consultation_letter", "征求意见函", "consult", false},
    {LetterKind::kFeeNotice, "fee_notice", "收费通知书", "fee_notice", true},
    {LetterKind::kReply, "reply", "答复书", "sign", true},
}};

const LetterKindInfo& letter_kind_info(LetterKind k);
std::optional<LetterKind> letter_kind_from_code(std::string_view code);
// The letter the transition `action` issues, or nullopt for steps that issue none.
std::optional<LetterKind> letter_kind_of_action(std::string_view action);

// The wording of a letter; see the file comment for the format.
struct LetterTemplate {
  std::string title;      // may span lines (e.g. the agency's name, then 答复书)
  std::string addressee;  // e.g. "{申请人}：" — colon included; empty for none
  std::string body;
};

// One template an agency edits. Most kinds have one; the consultation letter has one per party
// consulted (Art. 32 third party, Art. 34 other agency) and the reply one per OutcomeGroup (予以公开,
// 部分公开, 不予公开, 无法提供, 不予处理, 其他处理), since what the letter must say differs.
struct TemplateSpec {
  std::string_view key;  // letter_templates.kind: correction_notice, consultation_letter.third_party, reply.partial…
  LetterKind kind;
  std::string_view label;  // as the back office lists it
  std::string_view title;  // the default wording
  std::string_view addressee;
  std::string_view body;
};

// Every template, in the order the back office lists them (one definition, letters.cpp).
std::span<const TemplateSpec> template_specs();
// The template with `key`, or nullptr.
const TemplateSpec* find_template_spec(std::string_view key);
LetterTemplate default_template(const TemplateSpec& spec);

struct Placeholder {
  std::string_view name;     // without braces: 申请人
  std::string_view meaning;  // what it is filled with, for the template editor
};
// The placeholders a letter of `kind` may use.
std::vector<Placeholder> placeholders(LetterKind kind);

// Checks a template before it is saved: title and body present and not too long, braces only around
// placeholders of `kind`. Field errors (Chinese) keyed title, addressee, body.
Status check_template(LetterKind kind, const LetterTemplate& t);

// What a letter says beyond the case itself: the step's data and what the caller looked up. Dates
// are YYYY-MM-DD; a deadline (reply_due, extended_due, fee_due) may instead be a phrase such as
// "原答复期限届满后第10个工作日" when the holiday calendar cannot give the day yet. Only the fields of
// the letter's kind are read.
struct LetterValues {
  std::string number;  // 文号 (letter_number()), or 「（签发时编号）」 in a preview
  std::string date;    // the letter's date: the day of the step
  // 补正告知书
  std::string correction_items;  // 补正事项
  int correction_workdays = 0;   // 补正期限
  // 延期答复告知书
  std::string reply_due;  // the reply deadline before the extension
  int extension_workdays = 0;
  std::string extended_due;  // the deadline after it
  std::string reason;        // why (the approver's comment)
  // 征求意见函
  std::string party;         // 被征求意见方
  std::string consult_kind;  // third_party | other_agency: chooses the template
  // 收费通知书
  int64_t fee_amount = 0;  // 元
  std::string fee_due;     // last day to pay, counted from the day of the notice
  std::string fee_method;     // by_piece | by_page (fees.h), "" for notices issued before the calculator
  std::string fee_breakdown;  // 收费明细: the quote's explanation_zh (bands, prices, subtotals, total)
  // 答复书
  std::string reconsideration_body;  // 复议机关: the agency's parent ("" → a generic phrase)
};

// The template a letter of `kind` for `c` uses (the reply's depends on the outcome, the consultation
// letter's on whom). Error when the reply has no outcome yet or the consultation kind is unknown.
Result<const TemplateSpec*> template_for(LetterKind kind, const Case& c, const LetterValues& v);

// Composes a letter: title, 文号, addressee, the body's paragraphs and the signature (the agency's
// name) with the date, every placeholder filled from `c` and `v` (dates as 2026年11月22日; free text
// with its closing full stop dropped where the template supplies one; paragraphs left empty by an
// empty value dropped). Letters to the applicant carry the tracking code in the footer.
// Pure. Errors: a placeholder `kind` does not offer, a stray brace, a missing or malformed date.
Result<render::LetterDoc> compose(LetterKind kind, const Case& c, const LetterValues& v, const LetterTemplate& t);

// 「{name}依申〔{year}〕{serial}号」, `name` being the agency's short name or else its name.
std::string letter_number(std::string_view name, int year, int64_t serial);
// "2026年11月22日" (no leading zeros, as GB/T 9704 writes dates) for "2026-11-22"; "" when unparsable.
std::string chinese_date(std::string_view iso);

// A made-up case and step values to preview `spec` with, as if issued by `agency_name` on `date`.
struct LetterSample {
  Case c;
  LetterValues v;
};
LetterSample sample_for(const TemplateSpec& spec, std::string_view agency_name, std::string_view parent_name,
                        std::string_view date);

// ---- Stored templates, numbers and letters ------------------------------------------------------

// An agency's template for `spec`: its own when it saved one, else the default.
struct AgencyTemplate {
  LetterTemplate t;
  bool customized = false;
  std::string updated_at;  // of the agency's own version
  std::string updated_by;  // display name
};
AgencyTemplate agency_template(db::Db& db, int64_t agency_id, const TemplateSpec& spec);

// Saves the agency's wording of template `key` (agency administrators, agencies::can_administer),
// audited as entity "letter_template". Errors: kForbidden, kNotFound (key), field errors of
// check_template; nothing written on error.
Status save_template(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                     std::string_view key, LetterTemplate t);
// Drops the agency's wording of `key`, so the default applies again (audited; nothing to do when it
// has none). Errors as save_template.
Status reset_template(db::Db& db, const accounts::Principal& p, const audit::Actor& actor, int64_t agency_id,
                      std::string_view key);

// Draws the next letter serial (1, 2, …) of `agency_id` in `year`: one sequence per agency and year
// shared by every kind. Must be called inside a write transaction; rolled back with it.
int64_t next_letter_serial(db::Db& db, int64_t agency_id, int year);

// The 复议机关 of an agency's letters: its parent agency's name, "" for a root agency.
std::string reconsideration_body(db::Db& db, int64_t agency_id);

struct IssuedLetter {
  std::string number;
  int64_t file_id = 0;
  std::string file_name;
};
// Issues the letter a step produces, inside that step's write transaction: draws its number (`v.number`
// is ignored), composes it with the agency's template, renders the PDF (render::render_letter_pdf) and
// stores it with the case (a blob and an application_files row of kind "letter", visible to the
// applicant per kLetterKinds). Errors from template_for, compose and the renderer; the caller must
// then roll back, which also returns the number.
Result<IssuedLetter> issue_letter(db::Db& db, const Case& c, LetterKind kind, LetterValues v);

// The reply of `c` as it would be signed today, numbered 「（签发时编号）」: the preview before 签发.
// Error when no reply has been drafted.
Result<render::LetterDoc> preview_reply(db::Db& db, const Case& c);

}  // namespace gk::applications
