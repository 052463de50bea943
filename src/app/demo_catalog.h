// Hand-written catalog items of the demo dataset: the documents a citizen or a clerk of the demo
// county really looks for (“三公”经费, 政府信息公开工作年度报告, 低保标准, 征收补偿安置方案, 事业单位公开招聘,
// 双随机一公开 …), with fixed dates and 文号, unlike the generated items of demo.cpp, whose titles and
// numbers follow a random draw. The search relevance test (tests/search/relevance.txt) names them by
// title or 文号, so changing their words can change what that test expects.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gk::app {

struct DemoDocument {
  size_t agency = 0;        // index into demo.cpp's agency list (0 县政府, 1 发改局, 2 财政局, 3 自然资源局,
                            // 4 人社局, 5 市场监管局, 6 青石镇, 7 白沙乡, 8 城关街道)
  std::string genre;        // 体裁 code
  std::string subject;      // 主题分类 code
  std::string title;
  std::string doc_no;       // "" when the genre carries none
  std::string written;      // 成文日期
  std::string publish;      // 发布日期 (the demo back-dates publication)
  std::string column;       // a column of the agency by name (custom or standard), "" for 法定主动公开内容
  std::string keywords;
  std::string summary;
  std::string body;         // HTML
  bool withdrawn = false;   // published, then withdrawn (内容有误)
};

// The documents, oldest first. Their dates lie before kDemoApplicationsToday.
const std::vector<DemoDocument>& demo_documents();

}  // namespace gk::app
