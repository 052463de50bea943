// The search tokenizer: normalization, bigrams, the lone and colocated unigrams, offsets into the
// original text, invalid UTF-8, and its speed.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>

#include "search/tokenizer.h"

namespace gk::search {
namespace {

using Mode = TokenizeMode;

// Tokens as "text@start-end" ("+" before a colocated one), for compact expectations.
std::vector<std::string> show(std::string_view in, Mode mode = Mode::kDocument) {
  std::vector<std::string> out;
  for (const auto& t : tokens_of(in, mode)) {
    out.push_back((t.colocated ? "+" : "") + t.text + "@" + std::to_string(t.start) + "-" + std::to_string(t.end));
  }
  return out;
}

std::vector<std::string> texts(std::string_view in, Mode mode = Mode::kDocument) {
  std::vector<std::string> out;
  for (const auto& t : tokens_of(in, mode)) out.push_back((t.colocated ? "+" : "") + t.text);
  return out;
}

using V = std::vector<std::string>;

TEST(SearchTokenizer, CjkBigramsWithColocatedUnigrams) {
  EXPECT_EQ(show("人民政府"), (V{"人民@0-6", "+人@0-3", "民政@3-9", "+民@3-6", "政府@6-12", "+政@6-9", "+府@9-12"}));
  EXPECT_EQ(show("人民政府", Mode::kQuery), (V{"人民@0-6", "民政@3-9", "政府@6-12"}));
}

TEST(SearchTokenizer, LoneCharacterIsUnigram) {
  EXPECT_EQ(show("第3号"), (V{"第@0-3", "3@3-4", "号@4-7"}));
  EXPECT_EQ(texts("税"), (V{"税"}));
  EXPECT_EQ(texts("税", Mode::kQuery), (V{"税"}));
}

TEST(SearchTokenizer, MixedNumberAndCjk) {
  EXPECT_EQ(show("2024年第3号"), (V{"2024@0-4", "年第@4-10", "+年@4-7", "+第@7-10", "3@10-11", "号@11-14"}));
  EXPECT_EQ(texts("2024年第3号", Mode::kQuery), (V{"2024", "年第", "3", "号"}));
}

TEST(SearchTokenizer, FullWidthBecomesAsciiWithOriginalOffsets) {
  // Each full-width character is 3 bytes in the original.
  EXPECT_EQ(show("ＡＢＣ１２３"), (V{"abc123@0-18"}));
  EXPECT_EQ(texts("国发〔２０２４〕３号"), (V{"国发", "+国", "+发", "2024", "3", "号"}));
  EXPECT_EQ(texts("ＧＢ／Ｔ　９７０４"), (V{"gb", "t", "9704"}));
}

TEST(SearchTokenizer, CaseFolding) {
  EXPECT_EQ(texts("GB/T 9704 Hello"), (V{"gb", "t", "9704", "hello"}));
  EXPECT_EQ(texts("Straße STRASSE"), (V{"strasse", "strasse"}));
  EXPECT_EQ(texts("ÉCOLE école"), (V{"école", "école"}));
}

TEST(SearchTokenizer, CompatibilityCharactersMapToTheirText) {
  // ㈠ is "(一)" under NFKC: the ideograph spans the whole original character.
  EXPECT_EQ(show("㈠总则"), (V{"一@0-3", "总则@3-9", "+总@3-6", "+则@6-9"}));
  EXPECT_EQ(show("①"), (V{"1@0-3"}));
}

TEST(SearchTokenizer, CombiningSequencesNormalizeTogether) {
  // "cafe" + U+0301 composes to "café"; the token ends after the combining mark.
  const std::string decomposed = "cafe\xCC\x81 bar";
  EXPECT_EQ(show(decomposed), (V{"café@0-6", "bar@7-10"}));
  EXPECT_EQ(texts("caf\xC3\xA9"), (V{"café"}));
}

TEST(SearchTokenizer, PunctuationEmojiAndSpacesSeparate) {
  EXPECT_EQ(texts("公开，透明。"), (V{"公开", "+公", "+开", "透明", "+透", "+明"}));
  EXPECT_EQ(texts("政府😀公开", Mode::kQuery), (V{"政府", "公开"}));
  EXPECT_EQ(texts("《条例》“第二十条”", Mode::kQuery), (V{"条例", "第二", "二十", "十条"}));
  EXPECT_EQ(texts("a\u3000b\u00A0c\td"), (V{"a", "b", "c", "d"}));
  EXPECT_TRUE(texts("，。！？……——   \n").empty());
}

TEST(SearchTokenizer, InvalidUtf8BytesSeparate) {
  EXPECT_EQ(show("ab\xff\xfe"
                 "cd"),
            (V{"ab@0-2", "cd@4-6"}));
  EXPECT_EQ(texts("人\xE4\xBA"
                  "民"),
            (V{"人", "民"}));                   // truncated sequence between two characters
  EXPECT_EQ(texts("\xED\xA0\x80x"), (V{"x"}));  // encoded surrogate
  EXPECT_EQ(texts("\xC0\xAFy"), (V{"y"}));      // overlong '/'
}

TEST(SearchTokenizer, LongRunsAreCut) {
  const std::string run(150, 'a');
  const auto t = tokens_of(run, Mode::kDocument);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].text.size(), kMaxWordChars);
  EXPECT_EQ(t[2].text.size(), 150 - 2 * kMaxWordChars);
  EXPECT_EQ(t[2].end, 150u);
}

TEST(SearchTokenizer, SinkCanStop) {
  int seen = 0;
  const bool finished = for_each_token("一二三四五六", Mode::kDocument, [&](const Token&) { return ++seen < 2; });
  EXPECT_FALSE(finished);
  EXPECT_EQ(seen, 2);
}

// Random bytes and random mixtures of valid pieces: offsets always in range and never decreasing.
TEST(SearchTokenizer, RandomAndInvalidInputKeepsOffsetsInRangeAndMonotone) {
  std::mt19937 rng(20240501);
  const std::vector<std::string> pieces = {
      "人",           "民", "政府",        "a",        "Z", "9",  " ", "，", "。", "\xff",     "\xE4\xBA", "ＡＢ",
      "１",           "é",  "e\xCC\x81",   "\xCC\x81", "😀", "㈠", "①", "ß",  "\0", "\xF0\x9F", "〇",       "ー",
      "\xE3\x80\x80", "ｶ",  "\xEF\xBF\xBD"};
  for (int round = 0; round < 20000; ++round) {
    std::string in;
    const int len = static_cast<int>(rng() % 40);
    for (int k = 0; k < len; ++k) {
      if (round % 2)
        in += static_cast<char>(rng() % 256);
      else
        in += pieces[rng() % pieces.size()];
    }
    for (Mode mode : {Mode::kDocument, Mode::kQuery}) {
      size_t last = 0;
      bool first = true;
      for_each_token(in, mode, [&](const Token& t) {
        ASSERT_FALSE(t.text.empty());
        ASSERT_LT(t.start, t.end);
        ASSERT_LE(t.end, in.size());
        ASSERT_GE(t.start, last);
        ASSERT_FALSE(first && t.colocated);
        ASSERT_FALSE(mode == Mode::kQuery && t.colocated);
        last = t.start;
        first = false;
      });
    }
  }
}

// Throughput on government-style prose; printed, and a floor far below the optimized build's.
TEST(SearchTokenizer, Throughput) {
  const std::string para =
      "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好2024年政务公开工作，现将有关事项通知如下："
      "一、加强政策解读，提高政府信息公开质量。各乡镇人民政府、县政府各部门要按照GB/T 9704-2012的要求规范公文。\n";
  std::string text;
  while (text.size() < (4u << 20)) text += para;
  size_t n = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for_each_token(text, Mode::kDocument, [&](const Token&) { ++n; });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double mbps = static_cast<double>(text.size()) / (1 << 20) / secs;
  std::cout << "[tokenizer] " << mbps << " MB/s, " << n << " tokens\n";
  EXPECT_GT(n, 1000000u);
  EXPECT_GT(mbps, 1.0);  // a sanity floor (sanitizer builds are slow); the optimized figure is in docs/search.md
}

}  // namespace
}  // namespace gk::search
