// The rules of handling an application for disclosure: intake (online and by staff), the
// applicant's access by tracking code and password, every step of the transition table with its
// checks, and the statutory clock of a case. The only place that changes applications; every change
// is one transaction with its audit event.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/model.h"
#include "applications/model.h"
#include "applications/outcomes.h"
#include "applications/workflow.h"
#include "clock/clock.h"
#include "platform/audit/audit.h"
#include "platform/db/db.h"
#include "platform/result.h"

namespace gk::applications {

using accounts::Principal;

// A file uploaded with an application or a 补正.
struct Upload {
  std::string filename;
  std::string bytes;
};

// What the public form or the staff intake form submits.
struct Submission {
  Applicant applicant;
  Request request;
  std::vector<Upload> uploads;  // ID proof and other material (at most kMaxUploads)
  // Staff intake only: the channel and the Art. 31 receipt date (YYYY-MM-DD).
  std::string channel;
  std::string received_date;
};

inline constexpr size_t kMaxUploads = 5;
inline constexpr size_t kMaxUploadBytes = 10 * 1024 * 1024;
inline constexpr size_t kMaxDescription = 5000;

// What the applicant is given once: the tracking code and the query password.
struct Receipt {
  int64_t id = 0;
  std::string code;
  std::string password;
};

// Options only bulk loaders change (the demo data): a precomputed hash for the query password
// (argon2id costs ~0.1 s a case; the Receipt's password is then empty) and whether steps render their
// letters (PDF). Requests from people always use the defaults.
struct BulkOptions {
  const std::string* password_hash = nullptr;
  bool letters = true;
};

// Validates a submission: applicant data by category (ID number check digit, 统一社会信用代码, phone,
// email), the agency, the description, form and delivery, uploads (type sniffed, size). Field
// errors in Chinese, keyed by form field name.
Status validate_submission(db::Db& db, const Submission& s, bool staff_intake);

// An online application (channel 互联网): stored in stage 待确认 until the agency confirms receipt
// (Art. 31 (三): the receipt day is the day both sides confirm). Returns the code and password.
Result<Receipt> submit_online(db::Db& db, const audit::Actor& actor, const Submission& s,
                              const BulkOptions& opt = {});

// An application received in person, by post, fax or email, registered by staff of the agency
// (or an administrator above it) with its channel and receipt date; stage 已登记.
Result<Receipt> register_by_staff(db::Db& db, const Principal& p, const audit::Actor& actor, const Submission& s,
                                  const BulkOptions& opt = {});

// The input of a step; which fields are read depends on the action (see docs/applications.md).
struct ActionInput {
  std::string date;         // the legally relevant day (default today): receipt, notice, answer, delivery…
  int workdays = 0;         // 补正 period; extension length
  std::string kind;         // consult: third_party | other_agency
  std::string party;        // consult: whom
  std::string ref;          // consult_answered: which consultation
  std::string opinion;      // consult_answered: the answer
  std::optional<int64_t> assignee_id;         // assign: a user of the agency
  std::optional<int64_t> handling_agency_id;  // assign: a department under it
  std::string assign_due;   // assign: 交办 deadline
  std::string outcome;      // draft_reply: outcomes.h code
  std::string basis;        // draft_reply: legal basis (default: the outcome's)
  std::string reasons;      // draft_reply: reasons (required for 不予公开, 部分公开, 无法提供, 不予处理)
  std::string withheld;     // draft_reply: 部分公开, what was withheld and on which ground
  std::string reply_text;   // draft_reply: the body of the reply letter
  std::string delivery;     // deliver: direct | entrusted | post | email | online
  std::string until;        // delay: the agency-set date
  std::string amount;       // fee_notice: amount in 元 ("" = the quote; never above it, see case_fees.h)
  std::string fee_method;   // fee_notice: by_piece | by_page (one method per case)
  std::string pieces;       // fee_notice 按件: pieces of this application (default 1)
  std::string pages;        // fee_notice 按量: pages
  std::string text;         // request_correction: what to correct
  std::string comment;      // returns, withdrawals, extensions: why
};

// Takes `action` on case `id` as `p`. Checks: the case is the principal's to act on, the table
// allows the action from the current stage to the principal's roles, the input is complete, and
// the statutory clock accepts the resulting events (dates in order, not in the future, extension
// ≤ 20 working days, 视为放弃 only once the period has lapsed…). On success the case, its event
// and the audit record are written in one transaction; on any error nothing is written.
Result<Case> act(db::Db& db, const Principal& p, const audit::Actor& actor, int64_t id, std::string_view action,
                 const ActionInput& in, const BulkOptions& opt = {});

// The applicant's own steps on the status page (after open_by_code): submit the 补正 (text and
// files) or withdraw the application.
Result<Case> applicant_correct(db::Db& db, const audit::Actor& actor, int64_t id, std::string_view text,
                               const std::vector<Upload>& uploads);
Result<Case> applicant_withdraw(db::Db& db, const audit::Actor& actor, int64_t id, std::string_view reason);

// The case behind a tracking code and password, for the applicant. Wrong code or password: one
// error ("查询码或密码不正确") either way, throttled (5 failures per code, 20 per address in 15 min).
Result<Case> open_by_code(db::Db& db, std::string_view code, std::string_view password, std::string_view ip);

// A case for staff: error kNotFound when absent, kForbidden when outside the principal's agencies.
Result<Case> get_for_staff(db::Db& db, const Principal& p, int64_t id);
std::optional<Case> load(db::Db& db, int64_t id);
// Whether `p` may see the applicant's personal data (staff of the agency with a handling role);
// others who can read the case see it masked.
bool sees_personal_data(db::Db& db, const Principal& p, const Case& c);
// Whether `p` may take actions on the case (staff of the agency or administrators above it).
bool may_handle(db::Db& db, const Principal& p, const Case& c);

// Loads the events of every case of `cases` (replacing what they hold) in one query per 500 cases,
// for pages of list_cases that need the clock (dashboard lights, reminders); files are not loaded.
void load_events(db::Db& db, std::vector<Case>& cases);

// The statutory clock events of a case (received, 补正, consultations, extensions, fees, reply…).
std::vector<clock::Event> clock_events(const Case& c);
// The clock's reading of the case on `today`; an error when the case is not yet received or the
// calendar lacks a year.
Result<clock::Reading> clock_of(const Case& c, calendar::Date today, const clock::Settings& settings);

struct ListFilter {
  std::vector<int64_t> agency_scope;  // required: the agencies the viewer may read
  std::string stage;                  // stage code, or "open" for every open stage, "" for all
  std::string q;                      // tracking code or words of the description
  int page = 1;
  int per_page = 30;
};
struct CasePage {
  std::vector<Case> cases;
  int64_t total = 0;
  int page = 1;
  int per_page = 30;
  int pages() const { return static_cast<int>((total + per_page - 1) / per_page); }
};
CasePage list_cases(db::Db& db, const ListFilter& f);

// The case as JSON. With `personal` false, the applicant's name, phone, ID number and email are
// masked and the address is left out.
nlohmann::json to_json(const Case& c, bool personal);

}  // namespace gk::applications
