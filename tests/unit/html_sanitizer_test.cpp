// Tests for the whitelist HTML sanitiser, plain-text extraction and escaping.
#include "platform/text/html_sanitizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gk::text {
namespace {

// True when every start tag in `html` has a matching end tag in the right order (void elements excepted).
bool well_formed(std::string_view html) {
  std::vector<std::string> open;
  for (size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) return false;
    std::string_view tag = html.substr(i + 1, end - i - 1);
    bool closing = tag.starts_with("/");
    if (closing) tag.remove_prefix(1);
    std::string name(tag.substr(0, tag.find(' ')));
    if (name == "br" || name == "hr" || name == "img") continue;
    if (!closing) {
      open.push_back(name);
    } else {
      if (open.empty() || open.back() != name) return false;
      open.pop_back();
    }
  }
  return open.empty();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const std::vector<std::string> kAttacks = {
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=\"jav\tascript:alert(1)\">",
    "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"java\tscript:alert(1)\">x</a>",
    "<a href=\"java&#x09;script:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"\x01javascript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
    "<div onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">x</div>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"x.swf\"><param name=a value=b></object><embed src=x.swf>",
    "<form action=\"javascript:alert(1)\"><input onfocus=alert(1) autofocus><button>go</button></form>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<p><b>unclosed <i>nested <a href=javascript:alert(1)>link",
    "<!--<script>alert(1)</script>-->",
    "<<script>script>alert(1)<</script>/script>",
    "<base href=\"javascript:alert(1)//\"><meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<table><tr><td background=\"javascript:alert(1)\" colspan=\"2 onmouseover=alert(1)\">x</td></tr></table>",
};

TEST(Sanitize, AttackVectorsLeaveNothingExecutable) {
  for (const auto& attack : kAttacks) {
    std::string out = lower(sanitize_html(attack));
    EXPECT_EQ(out.find("<script"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("javascript"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("vbscript"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("data:"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find(" on"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("style"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("<iframe"), std::string::npos) << attack << " → " << out;
    EXPECT_EQ(out.find("<svg"), std::string::npos) << attack << " → " << out;
    EXPECT_TRUE(well_formed(out)) << attack << " → " << out;
  }
}

TEST(Sanitize, ScriptAndOtherDangerousElementsAreRemovedWithContent) {
  EXPECT_EQ(sanitize_html("<p>前</p><script>alert(1)</script><p>后</p>"), "<p>前</p><p>后</p>");
  EXPECT_EQ(sanitize_html("a<style>p{}</style>b"), "ab");
  EXPECT_EQ(sanitize_html("a<textarea>secret</textarea>b"), "ab");
  EXPECT_EQ(sanitize_html("a<select><option>1</option></select>b"), "ab");
  EXPECT_EQ(sanitize_html("a<button>点我</button>b"), "ab");
  EXPECT_EQ(sanitize_html("a<form>表单<input value=x></form>b"), "ab");
  EXPECT_EQ(sanitize_html("a<svg><text>t</text></svg>b"), "ab");
  EXPECT_EQ(sanitize_html("a<math><mi>x</mi></math>b"), "ab");
  EXPECT_EQ(sanitize_html("a<template>t</template>b"), "ab");
  EXPECT_EQ(sanitize_html("a<noscript>n</noscript>b"), "ab");
  EXPECT_EQ(sanitize_html("a<iframe src=\"https://x\">i</iframe>b"), "ab");
}

TEST(Sanitize, EventHandlersStyleClassAndIdAreStripped) {
  EXPECT_EQ(sanitize_html("<p style=\"color:red\" class=\"x\" id=\"y\" onclick=\"z()\">t</p>"), "<p>t</p>");
  EXPECT_EQ(sanitize_html("<img src=x onerror=alert(1)>"), "<img src=\"x\">");
  EXPECT_EQ(sanitize_html("<div onmouseover=\"x()\">t</div>"), "<div>t</div>");
}

TEST(Sanitize, DangerousLinksAreUnwrapped) {
  EXPECT_EQ(sanitize_html("<a href=\"javascript:alert(1)\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"  JaVaScRiPt:alert(1)\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"java\tscript:alert(1)\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"java\nscript:alert(1)\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"java&#x09;script:alert(1)\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"VBScript:x\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a name=\"top\">x</a>"), "x");
  EXPECT_EQ(sanitize_html("<a href=\"\">x</a>"), "x");
}

TEST(Sanitize, SafeLinksGetRel) {
  EXPECT_EQ(sanitize_html("<a href=\"https://www.gov.cn/zhengce?a=1&b=2\" target=\"_blank\">政策</a>"),
            "<a href=\"https://www.gov.cn/zhengce?a=1&amp;b=2\" rel=\"noopener noreferrer\">政策</a>");
  EXPECT_EQ(sanitize_html("<a href=\"HTTP://example.org/\">x</a>"),
            "<a href=\"HTTP://example.org/\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"mailto:gk@example.gov.cn\">信箱</a>"),
            "<a href=\"mailto:gk@example.gov.cn\" rel=\"noopener noreferrer\">信箱</a>");
  EXPECT_EQ(sanitize_html("<a href=\" /files/附件1.pdf \">附件1</a>"),
            "<a href=\"/files/附件1.pdf\" rel=\"noopener noreferrer\">附件1</a>");
  EXPECT_EQ(sanitize_html("<a href=\"../a/b.html#x\">x</a>"),
            "<a href=\"../a/b.html#x\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"/search?q=a:b\">x</a>"),
            "<a href=\"/search?q=a:b\" rel=\"noopener noreferrer\">x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"ftp://x/\">x</a>"), "x");
}

TEST(Sanitize, Images) {
  EXPECT_EQ(sanitize_html("<img src=\"https://www.gov.cn/a.png\" alt=\"图一\" width=\"10\">"),
            "<img src=\"https://www.gov.cn/a.png\" alt=\"图一\">");
  EXPECT_EQ(sanitize_html("<img src=\"/static/logo.png\">"), "<img src=\"/static/logo.png\">");
  EXPECT_EQ(sanitize_html("<img src=\"javascript:alert(1)\" alt=\"x\">"), "");
  EXPECT_EQ(sanitize_html("<img src=\"data:image/png;base64,AAAA\">"), "");
  EXPECT_EQ(sanitize_html("<img src=\"mailto:a@b\">"), "");
  EXPECT_EQ(sanitize_html("<img alt=\"no src\">"), "");
  EXPECT_EQ(sanitize_html("<img src=\"a.png\" alt='a\"b'>"), "<img src=\"a.png\" alt=\"a&quot;b\">");
}

TEST(Sanitize, CommentsAreDropped) {
  EXPECT_EQ(sanitize_html("a<!-- 内部备注 -->b"), "ab");
  EXPECT_EQ(sanitize_html("<!--[if IE]><script>alert(1)</script><![endif]-->ok"), "ok");
}

TEST(Sanitize, NestedUnclosedTagsAreRepairedAndBalanced) {
  EXPECT_EQ(sanitize_html("<ul><li>一<li>二</ul>"), "<ul><li>一</li><li>二</li></ul>");
  EXPECT_EQ(sanitize_html("<p>一<p>二"), "<p>一</p><p>二</p>");
  EXPECT_EQ(sanitize_html("<b>粗<i>斜</b>后</i>"), "<b>粗<i>斜</i></b><i>后</i>");
  std::string out = sanitize_html("<div><p><b>bold<i>both</p>after</div></span></table>");
  EXPECT_TRUE(well_formed(out)) << out;
  EXPECT_NE(out.find("after"), std::string::npos);
}

TEST(Sanitize, ChineseTextIsByteExact) {
  const std::string body =
      "<p>\u3000\u3000为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》（国务院令第711号），"
      "现就有关事项通知如下：</p><h2>一、总体情况</h2><p>本年新收申请<strong>123</strong>件；“予以公开”占比45.6%。</p>";
  EXPECT_EQ(sanitize_html(body), body);
}

TEST(Sanitize, TablesArePreserved) {
  const std::string table =
      "<table><caption>表三</caption><thead><tr><th colspan=\"3\">申请人情况</th></tr></thead>"
      "<tbody><tr><td rowspan=\"2\">自然人</td><td>商业企业</td><td>总计</td></tr>"
      "<tr><td>1</td><td>2</td></tr></tbody><tfoot><tr><td>合计</td></tr></tfoot></table>";
  EXPECT_EQ(sanitize_html(table), table);
  EXPECT_EQ(sanitize_html("<table><tr><td colspan=\"2;x\" rowspan=\"abc\" width=\"5\">x</td></tr></table>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table>");
  EXPECT_EQ(sanitize_html("<table><tr><td colspan=\"99999\">x</td></tr></table>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table>");
}

TEST(Sanitize, UnknownElementsAreUnwrapped) {
  EXPECT_EQ(sanitize_html("<section><h1>标题</h1><font color=red>红字</font><custom-tag>自定义</custom-tag></section>"),
            "标题红字自定义");
  EXPECT_EQ(sanitize_html("<center><p>居中</p></center>"), "<p>居中</p>");
}

TEST(Sanitize, AllowedElementsKeepTheirNames) {
  const std::string all =
      "<p>a<br>b<strong>c</strong><b>d</b><em>e</em><i>f</i><u>g</u><s>h</s><sub>i</sub><sup>j</sup>"
      "<span>k</span><code>l</code></p><h2>m</h2><h3>n</h3><h4>o</h4><h5>p</h5><ol><li>q</li></ol>"
      "<blockquote>r</blockquote><hr><pre>s</pre><div>t</div>";
  EXPECT_EQ(sanitize_html(all), all);
}

TEST(Sanitize, TextAndAttributesAreReEscaped) {
  EXPECT_EQ(sanitize_html("1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;q&quot; 'a'"), "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;q&quot; &#39;a&#39;");
  EXPECT_EQ(sanitize_html("a < b"), "a &lt; b");
  EXPECT_EQ(sanitize_html("<a href=\"/x?a=&quot;&gt;\">x</a>"),
            "<a href=\"/x?a=&quot;&gt;\" rel=\"noopener noreferrer\">x</a>");
}

TEST(Sanitize, WholeDocumentsKeepOnlyTheBody) {
  EXPECT_EQ(sanitize_html("<html><head><title>t</title><link rel=stylesheet href=x></head><body><p>正文</p></body></html>"),
            "<p>正文</p>");
}

TEST(Sanitize, IsIdempotent) {
  std::vector<std::string> inputs = kAttacks;
  inputs.push_back("<ul><li>一<li>二</ul><b>粗<i>斜</b>后</i><table><tr><td colspan=2>x</table>");
  inputs.push_back("<a href=\"https://a/?x=1&y=2\">链接</a><img src=\"b.png\" alt=\"'\">");
  for (const auto& in : inputs) {
    std::string once = sanitize_html(in);
    EXPECT_EQ(sanitize_html(once), once) << in;
  }
}

TEST(Sanitize, InvalidUtf8AndNulDoNotLeakThrough) {
  std::string in("a\xFF\xFE" "b", 4);
  in += std::string("c\0d", 3);
  std::string out = sanitize_html(in);
  EXPECT_EQ(out.find('\xFF'), std::string::npos);
  EXPECT_EQ(out.find('\0'), std::string::npos);
}

TEST(Sanitize, DeepNestingDoesNotOverflowTheStack) {
  std::string in;
  for (int i = 0; i < 5000; ++i) in += "<div><span>";
  in += "深";
  std::string out = sanitize_html(in);
  EXPECT_TRUE(well_formed(out));
  EXPECT_NE(out.find("深"), std::string::npos);
  EXPECT_EQ(html_to_text(in), "深");
}

TEST(HtmlToText, BlocksBecomeLines) {
  EXPECT_EQ(html_to_text("<p>第一段</p><p>第二段</p>"), "第一段\n第二段");
  EXPECT_EQ(html_to_text("<ul><li>一</li><li>二</li></ul>尾"), "一\n二\n尾");
  EXPECT_EQ(html_to_text("甲<br>乙<br/><br>丙"), "甲\n乙\n丙");
  EXPECT_EQ(html_to_text("<h1>标题</h1>正文<div>块</div>"), "标题\n正文\n块");
  EXPECT_EQ(html_to_text("<table><tr><th>项目</th><th>数量</th></tr><tr><td>申请</td><td>12</td></tr></table>"),
            "项目 数量\n申请 12");
}

TEST(HtmlToText, WhitespaceEntitiesAndDroppedContent) {
  EXPECT_EQ(html_to_text("  a \n\t b&nbsp;&nbsp;c  "), "a b c");
  EXPECT_EQ(html_to_text("1 &lt; 2 &amp; &quot;x&quot;"), "1 < 2 & \"x\"");
  EXPECT_EQ(html_to_text("可见<script>var x = 1;</script><style>p{}</style><!-- 注释 -->文字"), "可见文字");
  EXPECT_EQ(html_to_text("<b>粗</b>体<a href=\"javascript:x\">链</a>接"), "粗体链接");
  EXPECT_EQ(html_to_text(""), "");
}

TEST(EscapeHtml, EscapesTheFiveCharacters) {
  EXPECT_EQ(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(escape_html("政府信息公开"), "政府信息公开");
  EXPECT_EQ(escape_html(""), "");
}

}  // namespace
}  // namespace gk::text
