// UTF-8 validation of submitted text.
#include <gtest/gtest.h>

#include "platform/text/utf8.h"

namespace gk::text {
namespace {

TEST(Utf8, AcceptsChineseAndCommonWhitespace) {
  EXPECT_TRUE(is_clean_utf8("关于印发《实施方案》的通知\r\n\t第二段"));
  EXPECT_TRUE(is_clean_utf8("emoji 😀 ok"));
  EXPECT_TRUE(is_clean_utf8(""));
}

TEST(Utf8, RejectsMalformedAndControlBytes) {
  EXPECT_FALSE(is_clean_utf8("测试\xff局"));
  EXPECT_FALSE(is_clean_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_clean_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_clean_utf8("\xe6\xb5"));          // truncated
  EXPECT_FALSE(is_clean_utf8(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_clean_utf8("bell\x07"));
}

}  // namespace
}  // namespace gk::text
