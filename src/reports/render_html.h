// The official tables of an annual report (表二, 表三, 表四) as accessible HTML, drawn from the
// format's merged-cell layout (format.h): one <table> per table with a <caption>, the head rows in
// <thead>, rowspan/colspan as the format draws them, every label a <th> (with scope, and an id), and
// every number a <td> whose `headers` lists all the header cells above and beside it, so a screen
// reader announces "复议后起诉 结果纠正 1" even through the merged cells. 表二, which has no head, gets
// one <tbody> per 第二十条 item, its title a row-group header.
#pragma once

#include <string>
#include <string_view>

#include "reports/format.h"
#include "reports/table_values.h"

namespace gk::reports {

struct HtmlTableOptions {
  // The caption; "" for the default, the table's name and its section title without the numbering
  // ("表三 收到和处理政府信息公开申请情况").
  std::string caption;
  // When not empty, every number links to `link_base` followed by the URL-encoded cell reference
  // (e.g. "/admin/reports/cell?agency=3&year=2025&ref=" → …&ref=table3.r1.person).
  std::string link_base;
  // Prefix of the ids given to header cells, to keep them unique when a page holds several tables
  // or the same table twice; the table key is appended.
  std::string id_prefix = "rt-";
  // The class attribute of the <table>.
  std::string table_class = "table report-table";
};

// The HTML of table `table_key` ("table2", "table3", "table4") of `format` with `values`: each
// number through format_value (table_values.h); a cell absent from `values` is left blank. Every
// text (labels, captions, numbers, the link) is HTML-escaped. Returns "" when the format has no such
// table. Pure; safe from any thread.
std::string render_table_html(const Format& format, std::string_view table_key, const TableValues& values,
                              const HtmlTableOptions& options = {});

}  // namespace gk::reports
