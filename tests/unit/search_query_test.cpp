// The search box compiler: terms, bigram phrases, prefixes, quotes, exclusions, fields, limits, and
// that no input can inject FTS5 syntax.
#include <gtest/gtest.h>

#include <regex>

#include "search/query.h"
#include "search/schema.h"

namespace gk::search {
namespace {

const std::string kAll = std::string(kTextColumns) + " : ";

ParsedQuery parse(std::string_view in) {
  auto q = parse_query(in);
  EXPECT_TRUE(q.ok()) << in;
  return q.ok() ? *q : ParsedQuery{};
}

// The expression with every quoted string replaced by S: what is left is pure structure.
std::string structure(const std::string& match) {
  return std::regex_replace(match, std::regex("\"([^\"]|\"\")*\""), "S");
}

TEST(SearchQuery, CjkTermIsPhraseOfBigrams) {
  auto q = parse("人民政府");
  ASSERT_EQ(q.phrases.size(), 1u);
  EXPECT_EQ(q.phrases[0].tokens, (std::vector<std::string>{"人民", "民政", "政府"}));
  EXPECT_EQ(q.match, "((" + kAll + "\"人民\" + \"民政\" + \"政府\"))");
}

TEST(SearchQuery, SingleCharacterIsUnigram) {
  auto q = parse("税");
  ASSERT_EQ(q.phrases.size(), 1u);
  EXPECT_EQ(q.match, "((" + kAll + "\"税\"))");
  // A term ending in a lone character: its unigram (2024年 finds 2024年第…, see the index tests).
  auto y = parse("2024年");
  EXPECT_EQ(y.phrases[0].tokens, (std::vector<std::string>{"2024", "年"}));
}

TEST(SearchQuery, TermsAreAndedAndNormalized) {
  auto q = parse("  三公经费　ＧＢ/T  ");
  ASSERT_EQ(q.phrases.size(), 2u);
  EXPECT_EQ(q.phrases[1].tokens, (std::vector<std::string>{"gb", "t"}));
  EXPECT_EQ(structure(q.match), "((" + kAll + "S + S + S) AND (" + kAll + "S + S))");
}

TEST(SearchQuery, QuotedPhraseAndExclusion) {
  auto q = parse("\"政府 信息\" -征求意见 “公开”");
  ASSERT_EQ(q.phrases.size(), 2u);
  EXPECT_EQ(q.phrases[0].tokens, (std::vector<std::string>{"政府", "信息"}));
  EXPECT_EQ(q.phrases[1].tokens, (std::vector<std::string>{"公开"}));
  ASSERT_EQ(q.excluded.size(), 1u);
  EXPECT_EQ(q.excluded[0].tokens, (std::vector<std::string>{"征求", "求意", "意见"}));
  EXPECT_EQ(structure(q.match), "((" + kAll + "S + S) AND (" + kAll + "S)) NOT (" + kAll + "S + S + S)");
}

TEST(SearchQuery, FieldPrefixes) {
  auto q = parse("标题:预算 文号：国办发〔2017〕47号 title:abc -docno:x");
  ASSERT_EQ(q.phrases.size(), 3u);
  EXPECT_EQ(q.phrases[0].column, kTitle);
  EXPECT_EQ(q.phrases[0].fts, "{title} : \"预算\"");
  EXPECT_EQ(q.phrases[1].column, kDocNo);
  EXPECT_EQ(q.phrases[1].tokens, (std::vector<std::string>{"国办", "办发", "2017", "47", "号"}));
  EXPECT_EQ(q.phrases[2].column, kTitle);
  ASSERT_EQ(q.excluded.size(), 1u);
  EXPECT_EQ(q.excluded[0].column, kDocNo);
  auto quoted = parse("标题:\"工作 要点\"");
  EXPECT_EQ(quoted.phrases[0].fts, "{title} : \"工作\" + \"要点\"");
}

TEST(SearchQuery, NumberCandidate) {
  EXPECT_EQ(parse("国办发〔2017〕47号").number, "国办发〔2017〕47号");
  EXPECT_EQ(parse("文号:国办发[2017]47号").number, "国办发[2017]47号");
  EXPECT_EQ(parse(" 11370823MB0000000X/2024-00012 ").number, "11370823MB0000000X/2024-00012");
  EXPECT_EQ(parse("国办发 47号").number, "");
  EXPECT_EQ(parse("标题:国办发").number, "");
  EXPECT_EQ(parse("\"国办发〔2017〕47号\"").number, "");
}

TEST(SearchQuery, NothingToSearchIsAnError) {
  for (std::string_view in : {"", "   ", "***", "\"\"", "-", "--", "《》“”", "😀", "标题:", "\xff\xfe"}) {
    auto q = parse_query(in);
    ASSERT_FALSE(q.ok()) << in;
    EXPECT_EQ(q.error().code, "empty_query");
  }
  auto only_excluded = parse_query("-公开");
  ASSERT_FALSE(only_excluded.ok());
  EXPECT_EQ(only_excluded.error().code, "empty_query");
}

TEST(SearchQuery, Fts5SyntaxInInputIsOnlyText) {
  const std::regex allowed(
      R"(^[(){}:+* ]*(?:(?:AND|NOT|S|title|doc_no|index_no|keywords|summary|body|attachments)[(){}:+* ]*)*$)");
  for (std::string_view in : {"\"",
                              "a\"b",
                              "*",
                              "a*",
                              "NEAR(a b)",
                              "NEAR(\"a\" \"b\", 2)",
                              "a OR b",
                              "a AND b",
                              "NOT a",
                              ":",
                              "title:",
                              "{title}:x",
                              "- {facets} : pub",
                              "facets:pub",
                              "^a",
                              "a + b",
                              "\"\"\"x",
                              "x)\" OR \"1",
                              "(((",
                              "col:\"a",
                              "<script>alert(1)</script>",
                              "a\u0000b",
                              "'; DROP TABLE items; --"}) {
    auto q = parse_query(in);
    if (!q.ok()) {
      EXPECT_EQ(q.error().code, "empty_query") << in;
      continue;
    }
    const std::string s = structure(q->match);
    EXPECT_TRUE(std::regex_match(s, allowed)) << in << " → " << q->match;
    EXPECT_EQ(s.find("facets"), std::string::npos) << in;
    for (const auto& p : q->phrases) {
      for (const auto& t : p.tokens) EXPECT_EQ(t.find_first_of("\"*(){}:^+- "), std::string::npos) << t;
    }
  }
  // Operators typed by the user are plain words, not operators.
  EXPECT_EQ(parse("a OR b").phrases.size(), 3u);
  EXPECT_EQ(parse("NEAR(a b)").phrases[0].tokens, (std::vector<std::string>{"near", "a"}));
}

TEST(SearchQuery, LongInputIsCut) {
  std::string in;
  for (int k = 0; k < 5000; ++k) in += "政";
  auto q = parse(in);
  EXPECT_TRUE(q.truncated);
  EXPECT_LE(q.phrases[0].tokens.size(), kMaxPhraseTokens);
  std::string many;
  for (int k = 0; k < 40; ++k) many += "词" + std::to_string(k) + " ";
  auto m = parse(many);
  EXPECT_TRUE(m.truncated);
  EXPECT_EQ(m.phrases.size(), kMaxTerms);
}

TEST(SearchQuery, Quote) { EXPECT_EQ(fts_quote("a\"b"), "\"a\"\"b\""); }

}  // namespace
}  // namespace gk::search
