// Tests for 索引号 pattern validation and formatting (ogi-facts §4.2 examples).
#include "catalog/index_number.h"

#include <gtest/gtest.h>

namespace gk::catalog {
namespace {

IndexNumberInputs inputs(std::string credit, int year, int month, int64_t serial) {
  IndexNumberInputs in;
  in.credit_code = std::move(credit);
  in.region_code = "370812";
  in.agency_code = "000014349";
  in.year = year;
  in.month = month;
  in.serial = serial;
  return in;
}

std::string format(std::string_view pattern, const IndexNumberInputs& in) {
  auto r = format_index_number(pattern, in);
  return r.ok() ? *r : "ERROR: " + r.error().message;
}

TEST(IndexNumber, DefaultPatternLikeYanzhou) {
  EXPECT_EQ(kDefaultIndexPattern, "{统一社会信用代码}/{YYYY}-{serial:05d}");
  EXPECT_EQ(format(kDefaultIndexPattern, inputs("11370812004339255B", 2020, 5, 22849)), "11370812004339255B/2020-22849");
  EXPECT_EQ(format(kDefaultIndexPattern, inputs("11441700007280420Y", 2021, 1, 50)), "11441700007280420Y/2021-00050");
}

TEST(IndexNumber, WideSerialIsNeverTruncated) {
  EXPECT_EQ(format(kDefaultIndexPattern, inputs("113703230044314227", 2019, 1, 1835230)),
            "113703230044314227/2019-1835230");
  EXPECT_EQ(format("{USCC}/{YYYY}-{serial:01d}", inputs("113703230044314227", 2019, 1, 123)),
            "113703230044314227/2019-123");
}

TEST(IndexNumber, YearMonthLikeNingguo) {
  EXPECT_EQ(format("{USCC}/{YYYYMM}-{serial:05d}", inputs("11341702486344515H", 2021, 10, 13)),
            "11341702486344515H/202110-00013");
  EXPECT_EQ(format("{USCC}/{YYYYMM}-{serial:05d}", inputs("11341702486344515H", 2021, 3, 13)),
            "11341702486344515H/202103-00013");
}

TEST(IndexNumber, OtherPlaceholders) {
  auto in = inputs("11370812004339255B", 2020, 7, 72);
  EXPECT_EQ(format("{机构代码}/{YYYY}-{serial:05d}", in), "000014349/2020-00072");
  EXPECT_EQ(format("{区划代码}-{YYYY}-{serial}", in), "370812-2020-72");
  EXPECT_EQ(format("鲁兖-{YYYY}-{serial:09d}", in), "鲁兖-2020-000000072");
  EXPECT_EQ(format("{serial}", inputs("", 0, 0, 0)), "0");
}

TEST(IndexNumber, ValidatePattern) {
  EXPECT_TRUE(validate_index_pattern(kDefaultIndexPattern).ok());
  EXPECT_TRUE(validate_index_pattern("{USCC}/{YYYYMM}-{serial}").ok());
  for (std::string_view bad : {"", "{USCC}/{YYYY}", "{统一社会信用代码}/{YYYY}-{流水号}", "{USCC}/{YYYY}-{serial:0d}",
                               "{USCC}/{YYYY}-{serial:10d}", "{USCC}/{YYYY}-{serial:5d}", "{USCC}/{YYYY}-{serial:05x}",
                               "{USCC/{serial}", "{serial}}", "}{serial}", "{serial", "{YYYY}-{serial:05d", "{}{serial}",
                               "{usCC}{serial}"}) {
    auto s = validate_index_pattern(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code, "invalid_index_pattern") << bad;
    EXPECT_FALSE(format_index_number(bad, inputs("11370812004339255B", 2020, 1, 1)).ok()) << bad;
  }
}

TEST(IndexNumber, MessagesNameTheProblem) {
  EXPECT_NE(validate_index_pattern("{USCC}/{YYYY}-{流水号}").error().message.find("{流水号}"), std::string::npos);
  EXPECT_NE(validate_index_pattern("{USCC}/{YYYY}").error().message.find("流水号"), std::string::npos);
}

TEST(IndexNumber, MissingInputs) {
  auto check = [](std::string_view pattern, const IndexNumberInputs& in) {
    auto r = format_index_number(pattern, in);
    ASSERT_FALSE(r.ok()) << pattern;
    EXPECT_EQ(r.error().code, "index_number_inputs") << pattern;
  };
  check(kDefaultIndexPattern, inputs("", 2020, 1, 1));
  check(kDefaultIndexPattern, inputs("11370812004339255B", 0, 1, 1));
  check(kDefaultIndexPattern, inputs("11370812004339255B", 2020, 1, -1));
  check("{YYYYMM}-{serial}", inputs("x", 2020, 13, 1));
  check("{YYYYMM}-{serial}", inputs("x", 2020, 0, 1));
  auto no_region = inputs("x", 2020, 1, 1);
  no_region.region_code.clear();
  check("{区划代码}-{serial}", no_region);
  auto no_agency = inputs("x", 2020, 1, 1);
  no_agency.agency_code.clear();
  check("{机构代码}-{serial}", no_agency);
  // A month is not needed when the pattern does not use it.
  EXPECT_TRUE(format_index_number(kDefaultIndexPattern, inputs("x", 2020, 0, 1)).ok());
}

}  // namespace
}  // namespace gk::catalog
