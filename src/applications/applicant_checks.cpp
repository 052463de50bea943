// Applicant identity numbers, phones and e-mail addresses: normalization, validation and masks
// (see applicant_checks.h for the rules).
#include "applications/applicant_checks.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "applications/model.h"
#include "platform/text/utf8.h"

namespace gk::applications {

// The enum indexes kIdTypes: keep the two in the same order.
static_assert(kIdTypes.size() == 6);
static_assert(kIdTypes[static_cast<size_t>(IdType::kResidentId)].code == "resident_id");
static_assert(kIdTypes[static_cast<size_t>(IdType::kPassport)].code == "passport");
static_assert(kIdTypes[static_cast<size_t>(IdType::kHkMacaoPermit)].code == "hk_macao_permit");
static_assert(kIdTypes[static_cast<size_t>(IdType::kTaiwanPermit)].code == "taiwan_permit");
static_assert(kIdTypes[static_cast<size_t>(IdType::kForeignPermanent)].code == "foreign_permanent");
static_assert(kIdTypes[static_cast<size_t>(IdType::kOther)].code == "other");

namespace {

// ---- text helpers ----------------------------------------------------------------------------

// NFKC of `s`: full-width digits, letters and signs become ASCII, U+3000 a space. Ill-formed UTF-8
// becomes U+FFFD, which every check below refuses.
std::string nfkc(std::string_view s) {
  static const icu::Normalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(err);
    if (U_FAILURE(err) || !p) throw std::runtime_error("ICU NFKC data is missing");
    return p;
  }();
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString normalized =
      n->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))), err);
  if (U_FAILURE(err)) return std::string(s);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// `s` without leading and trailing ASCII whitespace and U+3000.
std::string_view trim(std::string_view s) {
  static constexpr std::string_view kIdeographicSpace = "\u3000";
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) {
      s.remove_prefix(1);
    } else if (!s.empty() && is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      return s;
    }
  }
}

// The code points of `s` as slices (a slice starts at every byte that is not a continuation byte).
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 1; i <= s.size(); ++i) {
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      out.push_back(s.substr(start, i - start));
      start = i;
    }
  }
  return out;
}

size_t cp_count(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// NFKC, every ASCII whitespace character removed, letters upper-cased: an identity number as typed.
std::string compact_upper(std::string_view input) {
  std::string out;
  for (char c : nfkc(input)) {
    if (!is_ascii_space(c)) out.push_back(to_upper(c));
  }
  return out;
}

Error id_error(std::string message) { return Error::invalid("invalid_id_number", std::move(message)); }
Error phone_error(std::string message) { return Error::invalid("invalid_phone", std::move(message)); }
Error email_error(std::string message) { return Error::invalid("invalid_email", std::move(message)); }

// ---- identity numbers ------------------------------------------------------------------------

// ISO 7064 MOD 11-2 check character of the first 17 digits of `id` (GB 11643-1999).
char mod11_2_check(std::string_view id) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kChecks = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < kWeights.size(); ++i) sum += (id[i] - '0') * kWeights[i];
  return kChecks[static_cast<size_t>(sum % 11)];
}

// 17 digits, then a digit or X.
bool is_18_char_number(std::string_view id) {
  return id.size() == 18 && all_digits(id.substr(0, 17)) && (is_digit(id[17]) || id[17] == 'X');
}

// GB/T 2260 province-level codes, plus 81–83 of the 港澳台居民居住证.
bool is_province_code(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) || code == 71 ||
         (code >= 81 && code <= 83);
}

int digits_value(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Status check_birth_date(std::string_view yyyymmdd, std::chrono::year_month_day today) {
  using namespace std::chrono;
  const year_month_day birth{year{digits_value(yyyymmdd.substr(0, 4))},
                             month{static_cast<unsigned>(digits_value(yyyymmdd.substr(4, 2)))},
                             day{static_cast<unsigned>(digits_value(yyyymmdd.substr(6, 2)))}};
  const std::string shown(yyyymmdd);
  if (!birth.ok()) return id_error("居民身份证号码第7至14位的出生日期" + shown + "不是有效的日期");
  if (birth.year() < year{1900}) return id_error("居民身份证号码第7至14位的出生日期" + shown + "早于1900年");
  if (birth > today) return id_error("居民身份证号码第7至14位的出生日期" + shown + "晚于今天");
  return ok_status();
}

bool is_letters(std::string_view s) {
  for (char c : s) {
    if (!is_upper(c)) return false;
  }
  return true;
}

bool is_alnum_upper(std::string_view s) {
  for (char c : s) {
    if (!is_upper(c) && !is_digit(c)) return false;
  }
  return true;
}

Result<std::string> normalize_foreign_permanent(std::string id) {
  if (id.size() == 18 && id[0] == '9') {
    if (!is_18_char_number(id)) {
      return id_error("外国人永久居留身份证号码（18位）应为17位数字加1位数字或X");
    }
    if (id[17] != mod11_2_check(id)) return id_error("外国人永久居留身份证号码校验位不符，请逐位核对号码");
    return id;
  }
  if (id.size() == 15 && is_letters(id.substr(0, 3)) && all_digits(id.substr(3))) return id;
  return id_error("外国人永久居留身份证号码应为以9开头的18位号码，或3位字母加12位数字的15位旧号码");
}

// ---- phones ----------------------------------------------------------------------------------

bool is_mobile(std::string_view d) {
  return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && all_digits(d);
}

// Splits off an extension introduced by 转, 分机, ext, x, # or a comma; `main` keeps the rest.
// Returns false when the text after the marker is not an extension of 1–6 digits.
bool split_extension(std::string_view s, std::string_view& main, std::string& ext) {
  std::string lower;
  for (char c : s) lower.push_back(to_lower(c));
  static constexpr std::array<std::string_view, 7> kMarkers = {"转", "分机", "ext.", "ext", "x", "#", ","};
  size_t at = std::string::npos, len = 0;
  for (auto m : kMarkers) {
    auto p = lower.find(m);
    if (p < at) at = p, len = m.size();
  }
  main = s;
  if (at == std::string::npos) return true;
  main = s.substr(0, at);
  for (char c : s.substr(at + len)) {
    if (is_digit(c)) {
      ext.push_back(c);
    } else if (!is_ascii_space(c) && c != '-' && c != ':') {
      return false;
    }
  }
  return !ext.empty() && ext.size() <= 6;
}

// The digit groups of `s`, split at spaces, hyphens, dots, brackets and dashes; `plus` tells whether
// a leading + was present. False on any other character.
bool digit_groups(std::string_view s, std::vector<std::string>& groups, bool& plus) {
  plus = false;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) groups.push_back(std::move(cur));
    cur.clear();
  };
  for (auto cp : code_points(s)) {
    if (cp.size() == 1 && is_digit(cp[0])) {
      cur.push_back(cp[0]);
      continue;
    }
    flush();
    if (cp == "+" && groups.empty() && !plus) {
      plus = true;
    } else if (cp.size() == 1 && (is_ascii_space(cp[0]) || cp == "-" || cp == "." || cp == "(" || cp == ")")) {
      continue;
    } else if (cp == "\u2010" || cp == "\u2012" || cp == "\u2013" || cp == "\u2014" || cp == "\u2212") {
      continue;
    } else {
      return false;
    }
  }
  flush();
  return true;
}

std::string join(const std::vector<std::string>& groups, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += groups[i];
  return out;
}

// Removes the country code 86 (written +86, 0086, or 86 as its own group or before a mobile number).
// Returns false when a + introduces another country code.
bool strip_country_code(std::vector<std::string>& groups, bool plus, bool& stripped) {
  stripped = false;
  if (groups.empty()) return true;
  std::string& first = groups[0];
  std::string_view prefix;
  if (plus) {
    if (!first.starts_with("86")) return false;
    prefix = "86";
  } else if (first.starts_with("0086")) {
    prefix = "0086";
  } else if (first == "86" && groups.size() > 1) {
    prefix = "86";
  } else if (first.starts_with("86") && is_mobile(join(groups, 0, groups.size()).substr(2))) {
    prefix = "86";
  }
  if (prefix.empty()) return true;
  stripped = true;
  first.erase(0, prefix.size());
  if (first.empty()) groups.erase(groups.begin());
  return true;
}

// ---- e-mail ----------------------------------------------------------------------------------

bool is_local_char(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~.-";
  return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z') || kSpecials.find(c) != std::string_view::npos;
}

// One label of a domain name: ASCII letters, digits, inner hyphens, or non-ASCII letters, digits and
// marks (an internationalized label in Unicode).
bool is_domain_label(std::string_view label) {
  if (label.empty() || cp_count(label) > 63 || label.front() == '-' || label.back() == '-') return false;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(label.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(label.data(), i, n, c);
    if (c < 0) return false;
    if (c < 0x80) {
      const char a = static_cast<char>(c);
      if (!is_digit(a) && !is_upper(a) && !(a >= 'a' && a <= 'z') && a != '-') return false;
      continue;
    }
    const auto type = u_charType(c);
    if (!u_isalnum(c) && type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK) return false;
  }
  return true;
}

// ---- masks -----------------------------------------------------------------------------------

std::string stars(size_t n) { return std::string(n, '*'); }

// Keeps `head` code points at the start and `tail` at the end of `cps`, stars between.
std::string keep_ends(const std::vector<std::string_view>& cps, size_t head, size_t tail) {
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (i < head || i + tail >= cps.size()) {
      out += cps[i];
    } else {
      out.push_back('*');
    }
  }
  return out;
}

bool is_name_separator(std::string_view cp) {
  return cp == " " || cp == "-" || cp == "\u00B7" || cp == "\u2022" || cp == "\u30FB";
}

}  // namespace

std::string_view id_type_code(IdType t) { return kIdTypes[static_cast<size_t>(t)].code; }
std::string_view id_type_label(IdType t) { return kIdTypes[static_cast<size_t>(t)].label; }

std::optional<IdType> id_type_from_code(std::string_view code) {
  for (size_t i = 0; i < kIdTypes.size(); ++i) {
    if (kIdTypes[i].code == code) return static_cast<IdType>(i);
  }
  return std::nullopt;
}

Result<std::string> normalize_resident_id(std::string_view input, std::chrono::year_month_day today) {
  const std::string id = compact_upper(input);
  if (id.empty()) return id_error("请填写居民身份证号码");
  const size_t length = cp_count(id);
  if (length == 15 && all_digits(id)) {
    return id_error("15位的第一代居民身份证号码已停止使用，请填写18位居民身份证号码");
  }
  if (length != 18) return id_error("居民身份证号码应为18位，当前为" + std::to_string(length) + "位");
  if (!is_18_char_number(id)) return id_error("居民身份证号码应为17位数字加1位数字或X");
  if (id[0] == '9') {
    return id_error("以9开头的是外国人永久居留身份证号码，请将证件类型选为“外国人永久居留身份证”");
  }
  if (!is_province_code(digits_value(id.substr(0, 2)))) {
    return id_error("居民身份证号码前两位（省级行政区划代码）" + id.substr(0, 2) + "不存在");
  }
  if (auto s = check_birth_date(std::string_view(id).substr(6, 8), today); !s) return s.error();
  if (id[17] != mod11_2_check(id)) return id_error("居民身份证号码校验位不符，请逐位核对号码");
  return id;
}

Status check_resident_id(std::string_view input, std::chrono::year_month_day today) {
  auto r = normalize_resident_id(input, today);
  if (!r) return r.error();
  return ok_status();
}

Result<std::string> normalize_id_number(IdType type, std::string_view input, std::chrono::year_month_day today) {
  if (type == IdType::kResidentId) return normalize_resident_id(input, today);
  std::string id = compact_upper(input);
  if (id.empty()) return id_error("请填写" + std::string(id_type_label(type)) + "号码");
  switch (type) {
    case IdType::kHkMacaoPermit:
      if ((id.size() == 9 || id.size() == 11) && (id[0] == 'H' || id[0] == 'M') && all_digits(id.substr(1))) return id;
      return id_error("港澳居民来往内地通行证号码应为H或M加8位或10位数字");
    case IdType::kTaiwanPermit:
      if (id.size() == 8 && all_digits(id)) return id;
      return id_error("台湾居民来往大陆通行证号码应为8位数字");
    case IdType::kForeignPermanent:
      return normalize_foreign_permanent(std::move(id));
    default:  // kPassport, kOther: documents of every country, so no finer check
      if (id.size() < 3 || id.size() > 20 || !is_alnum_upper(id)) {
        return id_error(std::string(type == IdType::kPassport ? "护照" : "证件") + "号码应为3至20位英文字母或数字");
      }
      return id;
  }
}

Status check_id_number(IdType type, std::string_view input, std::chrono::year_month_day today) {
  auto r = normalize_id_number(type, input, today);
  if (!r) return r.error();
  return ok_status();
}

Result<std::string> normalize_phone(std::string_view input) {
  const std::string text = nfkc(input);
  const std::string_view s = trim(text);
  if (s.empty()) return phone_error("请填写联系电话");
  if (cp_count(s) > 40) return phone_error("联系电话过长，请只填写一个号码");
  std::string_view main;
  std::string ext;
  if (!split_extension(s, main, ext)) return phone_error("分机号应为1至6位数字");
  std::vector<std::string> groups;
  bool plus = false, international = false;
  if (!digit_groups(main, groups, plus)) {
    return phone_error("联系电话只能包含数字、空格、连字符和括号，如13812341234或010-12345678");
  }
  if (!strip_country_code(groups, plus, international)) return phone_error("请填写中国大陆的手机号码或固定电话号码");
  std::string digits = join(groups, 0, groups.size());
  if (digits.empty()) return phone_error("请填写联系电话");

  if (is_mobile(digits)) {
    if (!ext.empty()) return phone_error("手机号码不能带分机号");
    return digits;
  }
  // +86 10 12345678, +86 755 1234567: the area code without its leading 0 (no area code starts 01x but 010).
  if (international && digits[0] != '0' && !(digits[0] == '1' && digits.size() > 1 && digits[1] != '0')) {
    groups[0].insert(0, "0");
    digits.insert(0, "0");
  }
  if (digits[0] == '1') return phone_error("手机号码应为1开头、第二位为3至9的11位数字");
  if (digits[0] != '0') return phone_error("固定电话请加区号，如010-12345678");
  size_t area_len;
  if (digits.starts_with("010") || digits.starts_with("02")) {
    area_len = 3;
  } else if (digits.starts_with("01") || digits.starts_with("00")) {
    return phone_error("固定电话区号不正确");
  } else {
    area_len = 4;
  }
  if (digits.size() < area_len) return phone_error("固定电话号码不完整");
  const std::string area = digits.substr(0, area_len);

  // The groups after the area code.
  std::vector<std::string> rest;
  if (groups[0].size() >= area_len) {
    if (groups[0].size() > area_len) rest.push_back(groups[0].substr(area_len));
    rest.insert(rest.end(), groups.begin() + 1, groups.end());
  } else {
    rest.push_back(digits.substr(area_len));
  }
  std::string local = join(rest, 0, rest.size());
  // 0755-1234567-89: a last group after a complete local number is the extension.
  if (ext.empty() && rest.size() >= 2) {
    std::string head = join(rest, 0, rest.size() - 1);
    if (head.size() >= 7 && head.size() <= 8 && rest.back().size() <= 6) {
      ext = rest.back();
      local = std::move(head);
    }
  }
  if (local.size() < 7 || local.size() > 8) return phone_error("固定电话号码（不含区号）应为7至8位数字");
  if (local[0] == '0') return phone_error("固定电话号码（不含区号）不能以0开头");
  std::string out = area + "-" + local;
  if (!ext.empty()) out += "-" + ext;
  return out;
}

Status check_phone(std::string_view input) {
  auto r = normalize_phone(input);
  if (!r) return r.error();
  return ok_status();
}

Result<std::string> normalize_email(std::string_view input) {
  const std::string text = nfkc(input);
  const std::string_view s = trim(text);
  if (s.empty()) return email_error("请填写电子邮箱");
  if (!text::is_clean_utf8(s) || s.find("\uFFFD") != std::string_view::npos) {
    return email_error("电子邮箱地址含有无效字符");
  }
  for (char c : s) {
    if (is_ascii_space(c)) return email_error("电子邮箱地址中不能有空格");
  }
  if (cp_count(s) > 254) return email_error("电子邮箱地址不能超过254个字符");
  const size_t at = s.find('@');
  if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return email_error("电子邮箱地址应含有一个@，如name@example.com");
  }
  const std::string_view local = s.substr(0, at);
  if (local.empty()) return email_error("电子邮箱地址@前的部分不能为空");
  if (cp_count(local) > 64) return email_error("电子邮箱地址@前的部分不能超过64个字符");
  for (char c : local) {
    if (!is_local_char(c)) return email_error("电子邮箱地址@前的部分只能使用英文字母、数字和 . _ - + 等符号");
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return email_error("电子邮箱地址@前的部分不能以点开头或结尾，也不能有连续的点");
  }

  std::string domain;
  for (auto cp : code_points(s.substr(at + 1))) {
    if (cp == "\u3002") {
      domain.push_back('.');  // 。 typed by a Chinese IME
    } else {
      for (char c : cp) domain.push_back(to_lower(c));
    }
  }
  std::vector<std::string_view> labels;
  for (size_t b = 0;;) {
    const size_t dot = domain.find('.', b);
    labels.push_back(std::string_view(domain).substr(b, dot == std::string::npos ? std::string::npos : dot - b));
    if (dot == std::string::npos) break;
    b = dot + 1;
  }
  bool ok = labels.size() >= 2 && !all_digits(labels.back());
  for (auto label : labels) ok = ok && is_domain_label(label);
  if (!ok) return email_error("电子邮箱地址@后的域名不正确，应如example.com");
  return std::string(local) + "@" + domain;
}

Status check_email(std::string_view input) {
  auto r = normalize_email(input);
  if (!r) return r.error();
  return ok_status();
}

std::string mask_name(std::string_view name) {
  const auto cps = code_points(trim(name));
  if (cps.size() <= 1) return stars(cps.size());
  std::string out;
  bool word_start = true;
  for (auto cp : cps) {
    if (is_name_separator(cp)) {
      out += cp;
      word_start = true;
    } else {
      out += word_start ? std::string(cp) : std::string("*");
      word_start = false;
    }
  }
  return out;
}

std::string mask_phone(std::string_view phone) {
  if (auto r = normalize_phone(phone); r) {
    const std::string& p = *r;
    if (is_mobile(p)) return p.substr(0, 3) + "****" + p.substr(7);
    const size_t dash = p.find('-');
    const size_t ext = p.find('-', dash + 1);
    const std::string local = p.substr(dash + 1, ext == std::string::npos ? std::string::npos : ext - dash - 1);
    return p.substr(0, dash + 1) + stars(local.size() - 4) + local.substr(local.size() - 4);
  }
  const auto cps = code_points(trim(phone));
  return cps.size() >= 8 ? keep_ends(cps, 0, 4) : stars(cps.size());
}

std::string mask_id(std::string_view id) {
  const auto cps = code_points(trim(id));
  if (cps.size() >= 15) return keep_ends(cps, 6, 4);
  if (cps.size() >= 8) return keep_ends(cps, 2, 2);
  if (cps.size() >= 4) return keep_ends(cps, 1, 1);
  return stars(cps.size());
}

std::string mask_email(std::string_view email) {
  const std::string_view s = trim(email);
  if (s.empty()) return {};
  const size_t at = s.find('@');
  const std::string_view local = s.substr(0, at);
  const auto cps = code_points(local);
  std::string out = cps.empty() ? std::string() : std::string(cps[0]);
  out += "***";
  if (at != std::string_view::npos) out += s.substr(at);
  return out;
}

}  // namespace gk::applications
