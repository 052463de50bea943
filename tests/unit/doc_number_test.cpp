// Tests for 发文字号 normalisation, validation and parsing (ogi-facts §4.5).
#include "catalog/doc_number.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gk::catalog {
namespace {

std::string message_of(std::string_view input) {
  auto r = normalize_doc_number(input);
  return r.ok() ? "(ok: " + *r + ")" : r.error().message;
}

bool mentions(std::string_view input, std::string_view needle) {
  return message_of(input).find(needle) != std::string::npos;
}

TEST(DocNumber, CanonicalFormIsUnchanged) {
  for (std::string_view s : {"国办发〔2017〕47号", "国办函〔2020〕109号", "国办公开办函〔2021〕30号", "国办发明电〔2024〕12号",
                             "国办秘函〔2019〕19号", "国函〔1949〕1号", "粤府〔2100〕999999999号"}) {
    auto r = normalize_doc_number(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, s);
  }
}

TEST(DocNumber, YearBracketsBecomeHexagonalBrackets) {
  for (std::string_view s : {"国办发[2017]47号", "国办发(2017)47号", "国办发（2017）47号", "国办发【2017】47号",
                             "国办发［2017］47号", "国办发﹝2017﹞47号", "国办发〖2017〗47号", "国办发【2017〕47号"}) {
    auto r = normalize_doc_number(s);
    ASSERT_TRUE(r.ok()) << s << ": " << r.error().message;
    EXPECT_EQ(*r, "国办发〔2017〕47号") << s;
  }
}

TEST(DocNumber, FullWidthDigitsAndWhitespace) {
  EXPECT_EQ(*normalize_doc_number("国办发〔２０１７〕４７号"), "国办发〔2017〕47号");
  EXPECT_EQ(*normalize_doc_number("  国办发 （２０１７） ４７ 号\t"), "国办发〔2017〕47号");
  EXPECT_EQ(*normalize_doc_number("\u3000国办函〔2020〕109号\u3000"), "国办函〔2020〕109号");
}

TEST(DocNumber, EmptyMeansNoNumber) {
  EXPECT_EQ(*normalize_doc_number(""), "");
  EXPECT_EQ(*normalize_doc_number("  \u3000 "), "");
}

TEST(DocNumber, OrderNumbers) {
  EXPECT_EQ(*normalize_doc_number("国务院令第711号"), "国务院令第711号");
  EXPECT_EQ(*normalize_doc_number("国令第672号"), "国令第672号");
  EXPECT_EQ(*normalize_doc_number("国务院令第７１１号"), "国务院令第711号");
  EXPECT_FALSE(normalize_doc_number("令第1号").ok());
  EXPECT_FALSE(normalize_doc_number("国务院令第0711号").ok());
  EXPECT_FALSE(normalize_doc_number("国务院令第711").ok());
}

TEST(DocNumber, LeadingZerosRejected) {
  EXPECT_TRUE(mentions("国办发〔2017〕047号", "不编虚位"));
  EXPECT_TRUE(mentions("国办发〔2017〕0号", "不编虚位"));
  EXPECT_TRUE(mentions("国办发［2017］01号", "不编虚位"));
}

TEST(DocNumber, SerialMustEndWithHao) {
  EXPECT_TRUE(mentions("国办发〔2017〕47", "号"));
  EXPECT_FALSE(normalize_doc_number("国办发〔2017〕47").ok());
  EXPECT_FALSE(normalize_doc_number("国办发〔2017〕47号文").ok());
  EXPECT_FALSE(normalize_doc_number("国办发〔2017〕号").ok());
  EXPECT_FALSE(normalize_doc_number("国办发〔2017〕4a7号").ok());
}

TEST(DocNumber, SerialWithoutDi) { EXPECT_TRUE(mentions("国办发〔2017〕第47号", "不加“第”字")); }

TEST(DocNumber, YearRange) {
  EXPECT_TRUE(mentions("国办发〔1948〕1号", "1949至2100"));
  EXPECT_TRUE(mentions("国办发〔2101〕1号", "1949至2100"));
  EXPECT_TRUE(normalize_doc_number("国办发〔1949〕1号").ok());
  EXPECT_TRUE(normalize_doc_number("国办发〔2100〕1号").ok());
}

TEST(DocNumber, IssuerCode) {
  EXPECT_TRUE(mentions("〔2017〕47号", "机关代字"));
  EXPECT_TRUE(mentions("国办(发)〔2017〕47号", "括号"));
  EXPECT_TRUE(mentions("国办【发】〔2017〕47号", "括号"));
}

TEST(DocNumber, OtherShapesGetTheFormatExample) {
  const std::string expected = "文号格式应为“机关代字〔年份〕序号号”，如 国办发〔2017〕47号";
  for (std::string_view s : {"国办发2017年47号", "国办发〔17〕47号", "国办发〔20170〕47号", "47号", "abc"}) {
    auto r = normalize_doc_number(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error().code, "invalid_doc_number");
    EXPECT_EQ(r.error().message, expected) << s;
  }
}

TEST(DocNumber, ParseParts) {
  auto p = parse_doc_number("国办公开办函〔2021〕30号");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->issuer_code, "国办公开办函");
  EXPECT_EQ(p->year, 2021);
  EXPECT_EQ(p->serial, 30);

  auto order = parse_doc_number("国务院令第711号");
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->issuer_code, "国务院令");
  EXPECT_EQ(order->year, 0);
  EXPECT_EQ(order->serial, 711);
}

TEST(DocNumber, ParseRejectsUnnormalised) {
  for (std::string_view s : {"", "国办发[2017]47号", "国办发〔2017〕047号", "〔2017〕47号", "国办发〔2017〕47", "国办发 〔2017〕47号",
                             "国办发〔1900〕47号", "国办发〔２０１７〕47号", "国办发２〔2017〕1号",
                             "国务院令第 711号"}) {
    EXPECT_FALSE(parse_doc_number(s).has_value()) << s;
  }
}

TEST(DocNumber, NormalisedOutputAlwaysParses) {
  for (std::string_view s : {"国办发(2017)47号", "国令第672号", "财政部令第100号", "京政办发【2020】1号", "国办函﹝2020﹞109号"}) {
    auto r = normalize_doc_number(s);
    ASSERT_TRUE(r.ok()) << s;
    EXPECT_TRUE(parse_doc_number(*r).has_value()) << *r;
  }
}

}  // namespace
}  // namespace gk::catalog
