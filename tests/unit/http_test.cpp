// HTTP request parsing: query strings, urlencoded and multipart forms, cookies, routing.
#include <gtest/gtest.h>

#include "platform/http/request.h"
#include "platform/http/router.h"

namespace gk::http {
namespace {

TEST(Http, ParsesUrlencodedWithChinese) {
  auto kv = parse_urlencoded("q=%E6%94%BF%E5%BA%9C+%E5%85%AC%E5%BC%80&page=2&flag");
  ASSERT_EQ(kv.size(), 3u);
  EXPECT_EQ(kv[0].second, "政府 公开");
  EXPECT_EQ(kv[1].second, "2");
  EXPECT_EQ(kv[2].first, "flag");
  EXPECT_EQ(url_decode("%zz%4", false), "%zz%4");  // invalid escapes kept literally
}

TEST(Http, ParsesMultipartFieldsAndFiles) {
  Request r;
  r.headers = {{"content-type", "multipart/form-data; boundary=XyZ"}};
  r.body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n关于公开的通知\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"附件.pdf\"\r\nContent-Type: "
      "application/pdf\r\n\r\n%PDF-1.4\r\n\r\nbody\r\n--XyZ--\r\n";
  EXPECT_EQ(r.form("title"), "关于公开的通知");
  ASSERT_EQ(r.files().size(), 1u);
  EXPECT_EQ(r.files()[0].filename, "附件.pdf");
  EXPECT_EQ(r.files()[0].data, "%PDF-1.4\r\n\r\nbody");
  EXPECT_FALSE(r.form_malformed());
}

TEST(Http, TruncatedMultipartIsMalformed) {
  Request r;
  r.headers = {{"content-type", "multipart/form-data; boundary=XyZ"}};
  r.body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc";
  EXPECT_TRUE(r.form_malformed());
  EXPECT_EQ(r.form("title"), "");
}

TEST(Http, ReadsCookies) {
  Request r;
  r.headers = {{"cookie", "a=1; gk_session=abc; gk_large=1"}};
  EXPECT_EQ(r.cookie("gk_session"), "abc");
  EXPECT_EQ(r.cookie("missing"), "");
}

TEST(Router, MatchesParamsAndDistinguishesMethods) {
  Router<int> router;
  router.add("GET", "/items/{id}", 1);
  router.add("POST", "/items/{id}/transition", 2);
  auto m = router.match("GET", "/items/42");
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(*m.handler, 1);
  EXPECT_EQ(m.params["id"], "42");
  EXPECT_TRUE(router.match("HEAD", "/items/42").handler);
  auto wrong = router.match("GET", "/items/42/transition");
  EXPECT_FALSE(wrong.handler);
  EXPECT_TRUE(wrong.path_known);
  EXPECT_FALSE(router.match("GET", "/nothing").path_known);
}

}  // namespace
}  // namespace gk::http
