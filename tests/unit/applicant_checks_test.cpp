// Tests for the applicant's identity numbers, phones, e-mail addresses and masks. The check
// characters of the sample numbers were computed independently of the code under test (MOD 11-2 by
// hand and with a separate script), e.g. 310101198511112014: Σ = 162, 162 mod 11 = 8 → '4'.
#include "applications/applicant_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gk::applications {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

const year_month_day kToday{year{2025}, month{6}, day{1}};

std::string id_message(std::string_view id) {
  auto r = normalize_resident_id(id, kToday);
  return r ? std::string("(accepted)") : r.error().message;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(ApplicantResidentId, AcceptsValidNumbers) {
  const std::vector<std::string> valid = {
      "11010519491231002X",  // the well-known GB 11643 sample
      "44030419900307123X",  // 深圳
      "310101198511112014",  // 上海
      "650102200002293018",  // 新疆, born on 29 February 2000
      "810000199001010019",  // 香港居民居住证
      "830000199001010020",  // 台湾居民居住证
      "11010519000101001X",  // the first day accepted
      "110105202506010010",  // born today
  };
  for (const auto& id : valid) {
    auto r = normalize_resident_id(id, kToday);
    ASSERT_TRUE(r.ok()) << id << ": " << r.error().message;
    EXPECT_EQ(*r, id);
    EXPECT_TRUE(check_resident_id(id, kToday).ok()) << id;
  }
}

TEST(ApplicantResidentId, EverySingleDigitChangeIsRejected) {
  const std::string id = "310101198511112014";
  for (size_t pos = 0; pos < id.size(); ++pos) {
    for (char c = '0'; c <= '9'; ++c) {
      if (c == id[pos]) continue;
      std::string changed = id;
      changed[pos] = c;
      EXPECT_FALSE(check_resident_id(changed, kToday).ok()) << changed;
    }
  }
}

TEST(ApplicantResidentId, WrongCheckCharacter) {
  auto r = normalize_resident_id("110105194912310021", kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_id_number");
  EXPECT_EQ(r.error().kind, Error::Kind::kInvalid);
  EXPECT_EQ(r.error().message, "居民身份证号码校验位不符，请逐位核对号码");
  EXPECT_EQ(id_message("310101198511112015"), "居民身份证号码校验位不符，请逐位核对号码");
}

TEST(ApplicantResidentId, BirthDateMustBeARealPastDateFrom1900) {
  // Check characters are right in each, so only the date is wrong.
  EXPECT_EQ(id_message("110105199002300001"), "居民身份证号码第7至14位的出生日期19900230不是有效的日期");
  EXPECT_EQ(id_message("110105190002290017"), "居民身份证号码第7至14位的出生日期19000229不是有效的日期");
  EXPECT_EQ(id_message("110105202506020016"), "居民身份证号码第7至14位的出生日期20250602晚于今天");
  EXPECT_EQ(id_message("110105189901010017"), "居民身份证号码第7至14位的出生日期18990101早于1900年");
}

TEST(ApplicantResidentId, ProvinceCode) {
  EXPECT_EQ(id_message("16010519900101001X"), "居民身份证号码前两位（省级行政区划代码）16不存在");
  EXPECT_TRUE(contains(id_message("91101101199001010X"), "外国人永久居留身份证"));
}

TEST(ApplicantResidentId, NormalizesFullWidthSpacesAndLowerCaseX) {
  EXPECT_EQ(*normalize_resident_id("１１０１０５１９４９１２３１００２Ｘ", kToday), "11010519491231002X");
  EXPECT_EQ(*normalize_resident_id("11010519491231002x", kToday), "11010519491231002X");
  EXPECT_EQ(*normalize_resident_id("\u3000110105 19491231 002X\t", kToday), "11010519491231002X");
  EXPECT_EQ(*normalize_resident_id("１１０１０５１９４９１２３１００２ｘ", kToday), "11010519491231002X");
}

TEST(ApplicantResidentId, RefusesFifteenDigitsAndOtherLengths) {
  EXPECT_EQ(id_message("110105491231002"), "15位的第一代居民身份证号码已停止使用，请填写18位居民身份证号码");
  EXPECT_EQ(id_message("１１０１０５４９１２３１００２"),
            "15位的第一代居民身份证号码已停止使用，请填写18位居民身份证号码");
  EXPECT_EQ(id_message("1101051949123100"), "居民身份证号码应为18位，当前为16位");
  EXPECT_EQ(id_message(""), "请填写居民身份证号码");
  EXPECT_EQ(id_message("  "), "请填写居民身份证号码");
  EXPECT_EQ(id_message("11010519491231002Y"), "居民身份证号码应为17位数字加1位数字或X");
  EXPECT_EQ(id_message("1101051949123100X2"), "居民身份证号码应为17位数字加1位数字或X");
  EXPECT_EQ(id_message("1101051949123100张三"), "居民身份证号码应为17位数字加1位数字或X");
}

TEST(ApplicantIdNumber, TypesCodesAndLabels) {
  EXPECT_EQ(id_type_code(IdType::kResidentId), "resident_id");
  EXPECT_EQ(id_type_code(IdType::kHkMacaoPermit), "hk_macao_permit");
  EXPECT_EQ(id_type_label(IdType::kTaiwanPermit), "台湾居民来往大陆通行证");
  EXPECT_EQ(id_type_label(IdType::kForeignPermanent), "外国人永久居留身份证");
  for (auto t : {IdType::kResidentId, IdType::kPassport, IdType::kHkMacaoPermit, IdType::kTaiwanPermit,
                 IdType::kForeignPermanent, IdType::kOther}) {
    EXPECT_EQ(id_type_from_code(id_type_code(t)), t);
  }
  EXPECT_EQ(id_type_from_code("driving_licence"), std::nullopt);
}

TEST(ApplicantIdNumber, ResidentIdGoesThroughTheFullCheck) {
  EXPECT_EQ(*normalize_id_number(IdType::kResidentId, "11010519491231002x", kToday), "11010519491231002X");
  EXPECT_FALSE(check_id_number(IdType::kResidentId, "110105194912310021", kToday).ok());
}

TEST(ApplicantIdNumber, Passport) {
  EXPECT_EQ(*normalize_id_number(IdType::kPassport, "e12345678", kToday), "E12345678");
  EXPECT_EQ(*normalize_id_number(IdType::kPassport, " Ｐ１２３ ４５６ ", kToday), "P123456");
  EXPECT_TRUE(check_id_number(IdType::kPassport, "X12", kToday).ok());
  EXPECT_EQ(normalize_id_number(IdType::kPassport, "", kToday).error().message, "请填写护照号码");
  EXPECT_EQ(normalize_id_number(IdType::kPassport, "E1", kToday).error().message, "护照号码应为3至20位英文字母或数字");
  EXPECT_FALSE(check_id_number(IdType::kPassport, "E1234-5678", kToday).ok());
  EXPECT_FALSE(check_id_number(IdType::kPassport, "123456789012345678901", kToday).ok());
  EXPECT_TRUE(check_id_number(IdType::kOther, "JG2024001", kToday).ok());
  EXPECT_EQ(normalize_id_number(IdType::kOther, "军字第1号", kToday).error().message,
            "证件号码应为3至20位英文字母或数字");
}

TEST(ApplicantIdNumber, HongKongMacaoAndTaiwanPermits) {
  EXPECT_EQ(*normalize_id_number(IdType::kHkMacaoPermit, "h12345678", kToday), "H12345678");
  EXPECT_TRUE(check_id_number(IdType::kHkMacaoPermit, "M1234567801", kToday).ok());
  EXPECT_FALSE(check_id_number(IdType::kHkMacaoPermit, "H1234567", kToday).ok());
  EXPECT_FALSE(check_id_number(IdType::kHkMacaoPermit, "H123456789", kToday).ok());
  EXPECT_FALSE(check_id_number(IdType::kHkMacaoPermit, "K12345678", kToday).ok());
  EXPECT_EQ(normalize_id_number(IdType::kHkMacaoPermit, "", kToday).error().message,
            "请填写港澳居民来往内地通行证号码");
  EXPECT_EQ(*normalize_id_number(IdType::kTaiwanPermit, "０１２３４５６７", kToday), "01234567");
  EXPECT_EQ(normalize_id_number(IdType::kTaiwanPermit, "1234567890", kToday).error().message,
            "台湾居民来往大陆通行证号码应为8位数字");
}

TEST(ApplicantIdNumber, ForeignPermanentResidenceCard) {
  EXPECT_EQ(*normalize_id_number(IdType::kForeignPermanent, "91101101199001010x", kToday), "91101101199001010X");
  EXPECT_TRUE(check_id_number(IdType::kForeignPermanent, "913760201985081506", kToday).ok());
  EXPECT_EQ(normalize_id_number(IdType::kForeignPermanent, "913760201985081507", kToday).error().message,
            "外国人永久居留身份证号码校验位不符，请逐位核对号码");
  EXPECT_EQ(*normalize_id_number(IdType::kForeignPermanent, "usa110085061501", kToday), "USA110085061501");
  EXPECT_FALSE(check_id_number(IdType::kForeignPermanent, "US1110085061501", kToday).ok());
  EXPECT_FALSE(check_id_number(IdType::kForeignPermanent, "11010519491231002X", kToday).ok());
}

std::string phone(std::string_view input) {
  auto r = normalize_phone(input);
  return r ? *r : "error: " + r.error().message;
}

TEST(ApplicantPhone, Mobile) {
  EXPECT_EQ(phone("13812341234"), "13812341234");
  EXPECT_EQ(phone("+86 138 1234 1234"), "13812341234");
  EXPECT_EQ(phone("+8613812341234"), "13812341234");
  EXPECT_EQ(phone("8613812341234"), "13812341234");
  EXPECT_EQ(phone("0086-138-1234-1234"), "13812341234");
  EXPECT_EQ(phone("(+86)19912345678"), "19912345678");
  EXPECT_EQ(phone("１３８１２３４１２３４"), "13812341234");
  EXPECT_EQ(phone("＋８６ １３８－１２３４－１２３４"), "13812341234");
  EXPECT_TRUE(check_phone(" 138 1234 1234 ").ok());
}

TEST(ApplicantPhone, FixedLine) {
  EXPECT_EQ(phone("010-12345678"), "010-12345678");
  EXPECT_EQ(phone("01012345678"), "010-12345678");
  EXPECT_EQ(phone("(010) 1234 5678"), "010-12345678");
  EXPECT_EQ(phone("020-87654321"), "020-87654321");
  EXPECT_EQ(phone("0755-1234567"), "0755-1234567");
  EXPECT_EQ(phone("（０７５５）８８８８８８８８"), "0755-88888888");
  EXPECT_EQ(phone("+86 10 12345678"), "010-12345678");
  EXPECT_EQ(phone("+86-755-1234567"), "0755-1234567");
}

TEST(ApplicantPhone, Extension) {
  EXPECT_EQ(phone("0755-1234567-89"), "0755-1234567-89");
  EXPECT_EQ(phone("0755-12345678转8001"), "0755-12345678-8001");
  EXPECT_EQ(phone("010 12345678 ext. 12"), "010-12345678-12");
  EXPECT_EQ(phone("010-12345678分机123"), "010-12345678-123");
  EXPECT_EQ(phone("010-12345678#6"), "010-12345678-6");
  EXPECT_EQ(phone("010-1234-5678"), "010-12345678");  // a split local number, not an extension
}

TEST(ApplicantPhone, Rejected) {
  EXPECT_EQ(phone(""), "error: 请填写联系电话");
  EXPECT_EQ(phone("1381234123"), "error: 手机号码应为1开头、第二位为3至9的11位数字");
  EXPECT_EQ(phone("12812341234"), "error: 手机号码应为1开头、第二位为3至9的11位数字");
  EXPECT_EQ(phone("138123412345"), "error: 手机号码应为1开头、第二位为3至9的11位数字");
  EXPECT_EQ(phone("87654321"), "error: 固定电话请加区号，如010-12345678");
  EXPECT_EQ(phone("010-123456"), "error: 固定电话号码（不含区号）应为7至8位数字");
  EXPECT_EQ(phone("0755-123456789"), "error: 固定电话号码（不含区号）应为7至8位数字");
  EXPECT_EQ(phone("011-12345678"), "error: 固定电话区号不正确");
  EXPECT_EQ(phone("13812341234转12"), "error: 手机号码不能带分机号");
  EXPECT_EQ(phone("010-12345678转abc"), "error: 分机号应为1至6位数字");
  EXPECT_EQ(phone("+1 415 555 0100"), "error: 请填写中国大陆的手机号码或固定电话号码");
  EXPECT_EQ(phone("138abc41234"), "error: 联系电话只能包含数字、空格、连字符和括号，如13812341234或010-12345678");
  auto r = normalize_phone("123");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_phone");
}

std::string email(std::string_view input) {
  auto r = normalize_email(input);
  return r ? *r : "error: " + r.error().message;
}

TEST(ApplicantEmail, Accepted) {
  EXPECT_EQ(email("zhangsan@example.com"), "zhangsan@example.com");
  EXPECT_EQ(email("  Zhang.San+gk@Mail.Example.COM "), "Zhang.San+gk@mail.example.com");
  EXPECT_EQ(email("ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ"), "zs@example.com");
  EXPECT_EQ(email("zs@example。com"), "zs@example.com");
  EXPECT_EQ(email("zs@例子.中国"), "zs@例子.中国");
  EXPECT_EQ(email("zs@xn--fsqu00a.xn--fiqs8s"), "zs@xn--fsqu00a.xn--fiqs8s");
  EXPECT_EQ(email(std::string(64, 'a') + "@example.com"), std::string(64, 'a') + "@example.com");
  EXPECT_TRUE(check_email("a_b-c@sub-domain.example.org").ok());
}

TEST(ApplicantEmail, Rejected) {
  EXPECT_EQ(email(""), "error: 请填写电子邮箱");
  EXPECT_EQ(email("zhangsan.example.com"), "error: 电子邮箱地址应含有一个@，如name@example.com");
  EXPECT_EQ(email("zs@@example.com"), "error: 电子邮箱地址应含有一个@，如name@example.com");
  EXPECT_EQ(email("a@b@example.com"), "error: 电子邮箱地址应含有一个@，如name@example.com");
  EXPECT_EQ(email("@example.com"), "error: 电子邮箱地址@前的部分不能为空");
  EXPECT_EQ(email(std::string(65, 'a') + "@example.com"), "error: 电子邮箱地址@前的部分不能超过64个字符");
  EXPECT_EQ(email("zhang san@example.com"), "error: 电子邮箱地址中不能有空格");
  EXPECT_EQ(email("zs@exam\u3000ple.com"), "error: 电子邮箱地址中不能有空格");
  EXPECT_EQ(email("张三@example.com"), "error: 电子邮箱地址@前的部分只能使用英文字母、数字和 . _ - + 等符号");
  EXPECT_EQ(email(".zs@example.com"), "error: 电子邮箱地址@前的部分不能以点开头或结尾，也不能有连续的点");
  EXPECT_EQ(email("z..s@example.com"), "error: 电子邮箱地址@前的部分不能以点开头或结尾，也不能有连续的点");
  for (const char* bad : {"zs@localhost", "zs@example.", "zs@.com", "zs@exa_mple.com", "zs@-example.com",
                          "zs@example-.com", "zs@1.2.3.4", "zs@例子，中国"}) {
    EXPECT_EQ(email(bad), "error: 电子邮箱地址@后的域名不正确，应如example.com") << bad;
  }
  const std::string long_domain = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                                  std::string(63, 'd') + ".com";
  EXPECT_EQ(email("zs@" + long_domain), "error: 电子邮箱地址不能超过254个字符");
  EXPECT_EQ(email("zs@" + std::string(64, 'a') + ".com"), "error: 电子邮箱地址@后的域名不正确，应如example.com");
  EXPECT_EQ(normalize_email("\xff@example.com").error().message, "电子邮箱地址含有无效字符");
  EXPECT_EQ(normalize_email("x").error().code, "invalid_email");
}

TEST(ApplicantMask, Names) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("王小明"), "王**");
  EXPECT_EQ(mask_name(" 张三 "), "张*");
  EXPECT_EQ(mask_name("张"), "*");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("John Smith"), "J*** S****");
  EXPECT_EQ(mask_name("Mary-Jane O"), "M***-J*** O");
  EXPECT_EQ(mask_name("约翰·史密斯"), "约*·史**");
  EXPECT_EQ(mask_name("阿卜杜拉・买买提"), "阿***・买**");
}

TEST(ApplicantMask, Phones) {
  EXPECT_EQ(mask_phone("13812341234"), "138****1234");
  EXPECT_EQ(mask_phone("+86 138 1234 1234"), "138****1234");
  EXPECT_EQ(mask_phone("010-12345678"), "010-****5678");
  EXPECT_EQ(mask_phone("0755-1234567-89"), "0755-***4567");
  EXPECT_EQ(mask_phone("+1 415 555 0100"), "***********0100");
  EXPECT_EQ(mask_phone("1234"), "****");
}

TEST(ApplicantMask, IdNumbers) {
  EXPECT_EQ(mask_id("110105194912311234"), "110105********1234");
  EXPECT_EQ(mask_id("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_id("USA110085061501"), "USA110*****1501");
  EXPECT_EQ(mask_id("E12345678"), "E1*****78");
  EXPECT_EQ(mask_id("01234567"), "01****67");
  EXPECT_EQ(mask_id("X123"), "X**3");
  EXPECT_EQ(mask_id("X12"), "***");
  EXPECT_EQ(mask_id("军字第一二三四号"), "军字****四号");
}

TEST(ApplicantMask, Emails) {
  EXPECT_EQ(mask_email("zhangsan@example.com"), "z***@example.com");
  EXPECT_EQ(mask_email("z@example.com"), "z***@example.com");
  EXPECT_EQ(mask_email("zs@例子.中国"), "z***@例子.中国");
  EXPECT_EQ(mask_email("@example.com"), "***@example.com");
  EXPECT_EQ(mask_email("张三"), "张***");
  EXPECT_EQ(mask_email(""), "");
}

}  // namespace
}  // namespace gk::applications
