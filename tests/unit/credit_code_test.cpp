// Tests for 统一社会信用代码 normalisation and check characters (ogi-facts §5 test vectors).
#include "agencies/credit_code.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gk::agencies {
namespace {

const std::vector<std::string> kValid = {"91110000600037341L", "113703230044314227", "11341702486344515H",
                                         "11370812004339255B"};
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

TEST(CreditCode, AcceptsPublishedVectors) {
  for (const auto& code : kValid) {
    auto r = normalize_credit_code(code);
    ASSERT_TRUE(r.ok()) << code << ": " << r.error().message;
    EXPECT_EQ(*r, code);
  }
}

TEST(CreditCode, CheckCharMatchesVectors) {
  for (const auto& code : kValid) EXPECT_EQ(credit_code_check_char(code), code[17]) << code;
  EXPECT_EQ(credit_code_check_char("1234"), '\0');
  EXPECT_EQ(credit_code_check_char("91110000600037341"), 'L');
  EXPECT_EQ(credit_code_check_char("9111000060003734I"), '\0');  // I is outside the alphabet
}

TEST(CreditCode, EverySingleCharacterChangeIsRejected) {
  for (const auto& code : kValid) {
    for (size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : kAlphabet) {
        if (c == code[pos]) continue;
        std::string changed = code;
        changed[pos] = c;
        EXPECT_FALSE(normalize_credit_code(changed).ok()) << changed;
      }
    }
  }
}

TEST(CreditCode, NormalisesCaseWhitespaceAndFullWidth) {
  EXPECT_EQ(*normalize_credit_code("91110000600037341l"), "91110000600037341L");
  EXPECT_EQ(*normalize_credit_code("  11370812004339255b\t\n"), "11370812004339255B");
  EXPECT_EQ(*normalize_credit_code("９１１１００００６０００３７３４１Ｌ"), "91110000600037341L");
  EXPECT_EQ(*normalize_credit_code("\u3000１１３４１７０２４８６３４４５１５ｈ\u3000"), "11341702486344515H");
}

TEST(CreditCode, WrongCheckCharacterNamesTheExpectedOne) {
  auto r = normalize_credit_code("91110000600037341M");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_credit_code");
  EXPECT_EQ(r.error().message, "统一社会信用代码校验位不正确，应为L");
  EXPECT_EQ(normalize_credit_code("113703230044314220").error().message, "统一社会信用代码校验位不正确，应为7");
}

TEST(CreditCode, WrongLength) {
  EXPECT_NE(normalize_credit_code("91110000600037341").error().message.find("应为18位"), std::string::npos);
  EXPECT_NE(normalize_credit_code("91110000600037341LL").error().message.find("应为18位"), std::string::npos);
  EXPECT_NE(normalize_credit_code("").error().message.find("不能为空"), std::string::npos);
  EXPECT_NE(normalize_credit_code("   ").error().message.find("不能为空"), std::string::npos);
  EXPECT_NE(normalize_credit_code("9111 0000600037341L").error().message.find("应为18位"), std::string::npos);
}

TEST(CreditCode, ForbiddenLetters) {
  for (char bad : std::string("IOZSV")) {
    std::string code = "91110000600037341L";
    code[10] = bad;
    auto r = normalize_credit_code(code);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().message, "统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）") << code;
  }
  EXPECT_EQ(normalize_credit_code("91110000600037341-").error().message,
            "统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）");
  // 18 characters, some of them Chinese.
  EXPECT_EQ(normalize_credit_code("9111000060003734代码").error().message,
            "统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）");
}

TEST(CreditCode, FirstCharacterMustBeARegistrationAuthority) {
  std::string code = "B1110000600037341";
  code += credit_code_check_char(code);
  auto r = normalize_credit_code(code);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("第1位"), std::string::npos);
  code = "01110000600037341";
  code += credit_code_check_char(code);
  EXPECT_FALSE(normalize_credit_code(code).ok());
}

TEST(CreditCode, FirstCharacterMayBeALetterANY) {
  // python-stdnum wrongly requires digits in positions 1–8; A, N and Y are legal registration authorities.
  for (char first : std::string("ANY")) {
    std::string code = std::string(1, first) + "1110000600037341";
    code += credit_code_check_char(code);
    auto r = normalize_credit_code(code);
    EXPECT_TRUE(r.ok()) << code << ": " << (r.ok() ? "" : r.error().message);
  }
}

TEST(CreditCode, RegionCodeMustBeDigits) {
  std::string code = "911A0000600037341";
  code += credit_code_check_char(code);
  auto r = normalize_credit_code(code);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("第3至8位"), std::string::npos);
}

TEST(CreditCode, EmbeddedOrganisationCodeCheck) {
  for (const auto& code : kValid) EXPECT_TRUE(org_code_check_ok(code)) << code;
  // Change the 组织机构代码 check (position 17) and recompute the USCC check: still a valid USCC.
  std::string code = "91110000600037342";
  code += credit_code_check_char(code);
  EXPECT_TRUE(normalize_credit_code(code).ok());
  EXPECT_FALSE(org_code_check_ok(code));
  EXPECT_FALSE(org_code_check_ok("short"));
}

TEST(CreditCode, OrganisationCodeCheckSpecialValues) {
  // Layout: "11" + region "000000" + 8-character body + GB 11714 check + (unchecked here) USCC check.
  // Body 00000000: S = 0, 11 - 0 = 11 → '0'.
  EXPECT_TRUE(org_code_check_ok("11000000" "00000000" "0" "0"));
  // Body 00000030: S = 3 × 4 = 12 ≡ 1, 11 - 1 = 10 → 'X'.
  EXPECT_TRUE(org_code_check_ok("11000000" "00000030" "X" "0"));
  EXPECT_FALSE(org_code_check_ok("11000000" "00000030" "0" "0"));
  // Body 0000000A: letters count A = 10, S = 10 × 2 = 20 ≡ 9 → 2.
  EXPECT_TRUE(org_code_check_ok("11000000" "0000000A" "2" "0"));
}

}  // namespace
}  // namespace gk::agencies
