// Tests for the embedded 主题分类 / 体裁 data (ogi-facts §4.3, §4.4) and Taxonomy lookups.
#include "catalog/taxonomy.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "platform/embedded.h"

namespace gk::catalog {
namespace {

TEST(Taxonomy, TwentyTwoFirstLevelClassesInGovCnOrder) {
  const auto& subjects = default_taxonomy().subjects();
  ASSERT_EQ(subjects.size(), 22u);
  for (size_t i = 0; i < subjects.size(); ++i) {
    std::string code = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    EXPECT_EQ(subjects[i].code, code);
  }
  EXPECT_EQ(subjects.front().name, "国务院组织机构");
  EXPECT_EQ(subjects[5].name, "农业、林业、水利");
  EXPECT_EQ(subjects[19].name, "港澳台侨工作");
  EXPECT_EQ(subjects.back().name, "其他");
  EXPECT_TRUE(subjects.back().children.empty());
}

TEST(Taxonomy, EnumerationCommaIsPartOfSubClassNames) {
  const Taxonomy& t = default_taxonomy();
  const Subject* agriculture = t.subject("06");
  ASSERT_NE(agriculture, nullptr);
  ASSERT_EQ(agriculture->children.size(), 4u);
  EXPECT_EQ(agriculture->children[0].name, "农业、畜牧业、渔业");
  EXPECT_EQ(agriculture->children[0].code, "0601");
  EXPECT_EQ(agriculture->children[3].name, "其他");
  const Subject* city = t.subject("10");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->children[4].name, "气象、水文、测绘、地震");
}

TEST(Taxonomy, SubClassCountsMatchTheFactsFile) {
  const std::vector<size_t> expected = {10, 9, 7, 9, 8, 4, 12, 6, 6, 6, 4, 5, 4, 3, 7, 4, 7, 2, 3, 3, 2, 0};
  const auto& subjects = default_taxonomy().subjects();
  ASSERT_EQ(subjects.size(), expected.size());
  size_t total = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(subjects[i].children.size(), expected[i]) << subjects[i].name;
    total += subjects[i].children.size();
  }
  EXPECT_EQ(total, 121u);
  // 民族、宗教, 港澳台侨工作 and 国防 have no 其他 sub-class.
  EXPECT_EQ(subjects[17].children.back().name, "宗教事务");
  EXPECT_EQ(subjects[19].children.back().name, "侨务工作");
  EXPECT_EQ(subjects[20].children.back().name, "国防动员");
}

TEST(Taxonomy, SubjectPathUsesGovCnBackslashForm) {
  const Taxonomy& t = default_taxonomy();
  EXPECT_EQ(t.subject_path("0601"), "农业、林业、水利\\农业、畜牧业、渔业");
  EXPECT_EQ(t.subject_path("0801"), "商贸、海关、旅游\\对外经贸合作");
  EXPECT_EQ(t.subject_path("0209"), "综合政务\\其他");
  EXPECT_EQ(t.subject_path("1102"), "科技、教育\\教育");
  EXPECT_EQ(t.subject_path("06"), "农业、林业、水利");
  EXPECT_EQ(t.subject_path("22"), "其他");
  EXPECT_EQ(t.subject_path("2201"), "");
  EXPECT_EQ(t.subject_path(""), "");
  EXPECT_EQ(t.subject_path("6"), "");
}

TEST(Taxonomy, SubjectLookups) {
  const Taxonomy& t = default_taxonomy();
  ASSERT_NE(t.subject("0401"), nullptr);
  EXPECT_EQ(t.subject("0401")->name, "财政");
  EXPECT_EQ(t.subject("0405")->name, "证券");
  EXPECT_EQ(t.subject("0404")->name, "货币（含外汇）");
  EXPECT_EQ(t.subject("99"), nullptr);
  const Subject* s = t.subject_by_path("商贸、海关、旅游\\对外经贸合作");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->code, "0801");
  EXPECT_EQ(t.subject_by_path("科技、教育")->code, "11");
  EXPECT_EQ(t.subject_by_path("科技、教育\\体育"), nullptr);
  EXPECT_EQ(t.subject_by_path("不存在"), nullptr);
}

TEST(Taxonomy, CodesAreUnique) {
  std::set<std::string> codes;
  for (const auto& s : default_taxonomy().subjects()) {
    EXPECT_TRUE(codes.insert(s.code).second) << s.code;
    for (const auto& c : s.children) EXPECT_TRUE(codes.insert(c.code).second) << c.code;
  }
}

TEST(Taxonomy, GenresFollowTheRegulationOrder) {
  const Taxonomy& t = default_taxonomy();
  const std::vector<std::string> expected = {"决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报",
                                             "报告", "请示", "批复", "议案", "函", "纪要", "规章", "行政规范性文件", "其他"};
  ASSERT_EQ(t.genres().size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(t.genres()[i].name, expected[i]);
  ASSERT_NE(t.genre("guifanxing"), nullptr);
  EXPECT_EQ(t.genre("guifanxing")->name, "行政规范性文件");
  EXPECT_EQ(t.genre("guizhang")->name, "规章");
  EXPECT_EQ(t.genre("qita")->name, "其他");
  EXPECT_EQ(t.genre("tongzhi")->name, "通知");
  EXPECT_EQ(t.genre("tongbao")->name, "通报");
  EXPECT_EQ(t.genre("gonggao")->name, "公告");
  EXPECT_EQ(t.genre("tonggao")->name, "通告");
  EXPECT_EQ(t.genre("nope"), nullptr);
}

TEST(Taxonomy, LoadFromStringsAndCopy) {
  Taxonomy original = Taxonomy::load(
      R"([{"code":"01","name":"甲","children":[{"code":"0101","name":"乙"}]},{"code":"02","name":"丙"}])",
      R"([{"code":"han","name":"函"}])");
  Taxonomy copy = original;
  EXPECT_EQ(copy.subject_path("0101"), "甲\\乙");
  EXPECT_EQ(copy.subject_path("02"), "丙");
  const Subject* s = copy.subject("0101");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s, &copy.subjects()[0].children[0]);
  EXPECT_EQ(copy.genre("han"), &copy.genres()[0]);
}

TEST(Taxonomy, MalformedDataThrows) {
  const char* genres = R"([{"code":"han","name":"函"}])";
  EXPECT_THROW(Taxonomy::load("not json", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load("{}", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load(R"([{"code":"01"}])", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load(R"([{"code":"1","name":"甲"}])", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load(R"([{"code":"01","name":"甲"},{"code":"01","name":"乙"}])", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load(R"([{"code":"01","name":"甲","children":[{"code":"0201","name":"乙"}]}])", genres),
               std::runtime_error);
  EXPECT_THROW(Taxonomy::load(R"([{"code":"01","name":"甲","children":{}}])", genres), std::runtime_error);
  EXPECT_THROW(Taxonomy::load("[]", R"([{"code":"han","name":"函"},{"code":"han","name":"涵"}])"), std::runtime_error);
  EXPECT_THROW(Taxonomy::load("[]", R"([{"code":"han","name":""}])"), std::runtime_error);
  EXPECT_THROW(Taxonomy::load("[]", R"([1])"), std::runtime_error);
}

TEST(Embedded, FileLookup) {
  EXPECT_FALSE(embedded::file("data/subjects.json").empty());
  EXPECT_THROW(embedded::file("data/no-such-file.json"), std::out_of_range);
}

}  // namespace
}  // namespace gk::catalog
