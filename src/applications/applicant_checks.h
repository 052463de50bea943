// Applicant contact data on the public application form (依申请公开): identity document numbers,
// phone numbers and e-mail addresses are normalized and validated here, and masked for lists
// (条例 and issue 5 §12: personal data is shown to other staff only as 张* 138****1234).
// Pure functions of their arguments (no clock, no DB, no I/O); safe to call from any thread.
// The 统一社会信用代码 of an organization applicant is checked by agencies::normalize_credit_code.
//
// Every normalize_* returns the validated, normalized text on success, or an Error (kind kInvalid,
// code "invalid_id_number", "invalid_phone" or "invalid_email") whose Chinese message says what is
// wrong and can be shown beside the form field as is. Every check_* is the same test without the text.
// Normalization first applies Unicode NFKC, so full-width input from a Chinese IME (１１０１…, Ｘ,
// ＋８６, ＠, 全角空格) is accepted, then trims whitespace.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/result.h"

namespace gk::applications {

// 证件类型 of a natural-person applicant. The codes and labels are those of kIdTypes (model.h), in
// the same order.
enum class IdType {
  kResidentId,        // 居民身份证 (also the 港澳台居民居住证, which carry a number of the same format)
  kPassport,          // 护照
  kHkMacaoPermit,     // 港澳居民来往内地通行证
  kTaiwanPermit,      // 台湾居民来往大陆通行证
  kForeignPermanent,  // 外国人永久居留身份证
  kOther,             // 其他有效身份证件
};

// "resident_id", "passport", "hk_macao_permit", "taiwan_permit", "foreign_permanent", "other".
std::string_view id_type_code(IdType t);
// The Chinese label, e.g. "居民身份证".
std::string_view id_type_label(IdType t);
// The type with `code`, or nullopt for an unknown code.
std::optional<IdType> id_type_from_code(std::string_view code);

// The 18-character 公民身份号码 of a 居民身份证 (GB 11643-1999), normalized: NFKC, all whitespace
// removed (so "110105 19491231 002X" is accepted), a lower-case x upper-cased.
// Valid when: 17 digits and a check character 0–9 or X equal to the ISO 7064 MOD 11-2 check
// (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; remainder 0…10 → 1 0 X 9 8 7 6 5 4 3 2); the first
// two digits a province-level code of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71) or
// 81, 82, 83 (香港、澳门、台湾居民居住证); positions 7–14 a real birth date from 1900-01-01 to `today`.
// Refused with their own message: a 15-digit first-generation number (asks for the 18-digit one)
// and a number starting with 9 (the 2023 外国人永久居留身份证: asks to choose that document type).
// A wrong check character is reported without naming the expected one: it usually means a wrong
// digit elsewhere, and naming it would invite "fixing" the last digit.
Result<std::string> normalize_resident_id(std::string_view input, std::chrono::year_month_day today);
Status check_resident_id(std::string_view input, std::chrono::year_month_day today);

// The number of an identity document of type `type`, normalized (NFKC, whitespace removed, letters
// upper-cased) and validated:
//   kResidentId        as normalize_resident_id (the only type that uses `today`);
//   kPassport, kOther  3–20 ASCII letters and digits (documents of every country: no finer check);
//   kHkMacaoPermit     H or M followed by 8 digits (the card number) or 10 digits (8-digit 终身号 and
//                      the 2-digit 换证次数);
//   kTaiwanPermit      8 digits (the card 台胞证);
//   kForeignPermanent  the 2023 format: 18 characters, 9 then 16 digits and a MOD 11-2 check
//                      character as for 居民身份证 (the fields between are not checked); or the
//                      earlier format: 3 letters (nationality) and 12 digits.
// An empty number is an error for every type.
Result<std::string> normalize_id_number(IdType type, std::string_view input, std::chrono::year_month_day today);
Status check_id_number(IdType type, std::string_view input, std::chrono::year_month_day today);

// A mainland phone number, normalized. Accepted: a mobile number 1[3-9] and 9 more digits, or a
// fixed-line number: area code (010 and 020–029 have 3 digits, every other 0xxx has 4) and a local
// number of 7–8 digits, optionally an extension of 1–6 digits (after "-" following a separate local
// number, or after 转, 分机, ext, x, # or a comma). Either may carry the country code +86 / 0086 / 86 (a
// fixed-line number then without the area code's leading 0); spaces, hyphens and brackets between
// digit groups are ignored.
// Normalized forms: "13812341234", "010-12345678", "0755-1234567-89" (area-local-extension).
Result<std::string> normalize_phone(std::string_view input);
Status check_phone(std::string_view input);

// A pragmatic check of an e-mail address, normalized (NFKC, trimmed, ASCII letters of the domain
// lower-cased): exactly one @; a local part of 1–64 characters from ASCII letters, digits and
// !#$%&'*+/=?^_`{|}~.- with no leading, trailing or doubled dot; a domain of at least two labels of
// 1–63 characters each, from letters, digits and hyphens (not first or last) or any non-ASCII
// character (internationalized domains such as 例子.中国 are accepted in Unicode), the last label
// not all digits; no whitespace; at most 254 characters in all. Lengths count code points.
// "。" and "．" typed by a Chinese IME between labels are taken as ".".
Result<std::string> normalize_email(std::string_view input);
Status check_email(std::string_view input);

// Masks for lists and exports seen by staff without a role on the case. Never fail; all count
// UTF-8 code points, not bytes; the input is expected normalized (a stored value) and is only trimmed.
//
// A name keeps the first character of each word and replaces every other character by *:
// 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** S****, 约翰·史密斯 → 约*·史**. Words are separated by
// spaces, hyphens and the middle dots · • ・. A one-character name becomes *.
std::string mask_name(std::string_view name);
// A mobile number keeps the first 3 and last 4 digits: 13812341234 → 138****1234. A fixed-line number
// keeps the area code and the last 4 digits of the local number, without the extension:
// 010-12345678 → 010-****5678. Anything else that normalize_phone refuses keeps only its last 4
// characters when it has at least 8, otherwise is all *.
std::string mask_phone(std::string_view phone);
// An identity document number of at least 15 characters keeps the first 6 and the last 4:
// 11010519491231002X → 110105********002X; 8–14 characters keep the first 2 and last 2
// (E12345678 → E1*****78); 4–7 characters keep the first and the last; shorter ones become all *.
std::string mask_id(std::string_view id);
// An e-mail address keeps the first character of the local part, then *** (whatever the length),
// and the whole domain: zhangsan@example.com → z***@example.com. Without an @, the first character
// followed by ***; empty stays empty.
std::string mask_email(std::string_view email);

}  // namespace gk::applications
