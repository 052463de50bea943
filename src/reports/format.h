// The annual-report formats (政府信息公开工作年度报告格式): the one definition of the six sections, the
// tables 二、三、四 with every row and column label verbatim, their merged-cell layout and the identities
// their figures must satisfy (ogi-facts §2). The data lives in data/report_formats/<id>.json, embedded
// in the binary; the generator, the HTML/XLSX/PDF renderers, the report checker and
// docs/report-format.md all read it through this header.
//
// Two formats exist:
//   "2019"  中华人民共和国政府信息公开工作年度报告格式（试行）, 国办公开办函〔2019〕60号: reports for 2019–2020;
//   "2021"  中华人民共和国政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号: reports for 2021 onward.
//
// Cell references. Every number in a report is addressed by "<table>.<row>.<column>", all three being
// stable ASCII keys from the JSON: "table3.r3_1.person" (表三 （三）1.属于国家秘密, 自然人),
// "table4.review.upheld" (表四 行政复议 结果维持), "table2.rules.issued" (表二 规章 本年制发件数). Row keys
// are unique within a table, so 表二's sub-tables (第二十条第（一）项 …) need no extra level. Only data
// rows (kind data or total) and value columns (not kind group) form cells; group rows such as
// （三）不予公开 and group columns such as 法人或其他组织 are labels without numbers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk::reports {

// What the numbers of a column are.
enum class ValueKind {
  kGroup,        // a header over other columns (申请人情况, 法人或其他组织); holds no numbers
  kCount,        // a non-negative count (件数, 数量)
  kSignedCount,  // a count that may be negative (2019 表二 本年增/减)
  kAmount,       // a decimal amount, stored as fixed point (see kAmountScale in table_values.h)
};

// A column header of a table.
struct Column {
  std::string key;    // e.g. "person"
  std::string label;  // verbatim, e.g. "自然人"
  ValueKind kind = ValueKind::kCount;
  std::string parent;  // key of the group column above it, "" at the top
  std::string unit;    // for amounts: "万元", or "" when the format states none
  bool has_values() const { return kind != ValueKind::kGroup; }
};

// What a row of a table is.
enum class RowKind {
  kData,   // a row with numbers
  kGroup,  // a label spanning the rows under it, without numbers of its own (（三）不予公开, 行政诉讼)
  kTotal,  // a row with numbers that totals other rows (（七）总计); not summed into group subtotals
};

// A row (or, in 表四, a column group treated as a row: 行政复议, 未经复议直接起诉, 复议后起诉).
struct Row {
  std::string key;    // e.g. "r3_1"
  std::string label;  // verbatim, e.g. "1.属于国家秘密"
  RowKind kind = RowKind::kData;
  std::string parent;  // key of the enclosing group row, "" at the top
  std::string part;    // 表二 only: key of the sub-table (第二十条第（一）项 → "item1"); "" elsewhere
  int depth = 0;       // number of enclosing group rows
  bool has_values() const { return kind != RowKind::kGroup; }
};

// A sub-table of 表二, one per cited item of 条例第二十条, with the columns its rows have.
struct Part {
  std::string key;                   // "item1", "item5", "item6", "item8", "item9"
  std::string label;                 // verbatim, e.g. "第二十条第（一）项"
  std::vector<std::string> columns;  // column keys, in order
};

// One cell of the official drawing of a table. Text cells are headers (<th>), value cells hold a number.
struct LayoutCell {
  enum class Kind {
    kCaption,  // fixed text of the drawing (表三's top-left note, 表二's 信息内容); key = caption key
    kPart,     // a 表二 sub-table title; key = part key
    kRow,      // a row label; key = row key
    kColumn,   // a column label; key = column key
    kValue,    // a number; key = the full cell reference ("table3.new.person")
  };
  Kind kind = Kind::kCaption;
  std::string key;
  std::string text;  // the label or caption text; "" for value cells
  int rowspan = 1;
  int colspan = 1;
};

// The merged-cell grid of a table as the official format draws it: `rows` in order, each listing
// its cells left to right, skipping the grid slots covered by a rowspan from above (as HTML does).
// Format::load checks that the grid is exactly `width` wide everywhere and that every cell of the
// table appears exactly once. The first `header_rows` rows are the table head (<thead>).
struct Layout {
  int width = 0;
  int header_rows = 0;
  std::vector<std::vector<LayoutCell>> rows;
};

// A table of the report (表二, 表三, 表四) with its labels, layout and lookups.
class Table {
 public:
  std::string key;                                           // "table2", "table3", "table4"
  std::string name;                                          // "表二", "表三", "表四"
  std::string section;                                       // key of the section printing it, e.g. "applications"
  std::vector<Column> columns;                               // group and value columns, in order
  std::vector<Part> parts;                                   // 表二 only
  std::vector<Row> rows;                                     // group and data rows, in printed order
  std::map<std::string, std::string, std::less<>> captions;  // caption key → verbatim text
  Layout layout;

  // The row, column or part with this key, or nullptr. Pointers stay valid as long as the Table.
  const Row* row(std::string_view key) const;
  const Column* column(std::string_view key) const;
  const Part* part(std::string_view key) const;
  // The same, found by label; the label is compared after normalize_label (label.h), so "(七)总计"
  // and "（七） 总计" both find （七）总计. nullptr when no label matches.
  const Row* row_by_label(std::string_view label) const;
  const Column* column_by_label(std::string_view label) const;
  const Part* part_by_label(std::string_view label) const;

  // The value columns of `row`: those of its part in 表二, every value column elsewhere; empty for a
  // group row.
  std::vector<const Column*> columns_of(const Row& row) const;
  // The label of `row` as messages should name it: preceded by its group's label when the row is
  // numbered inside a sub-group ("（三）不予公开 1.属于国家秘密"), otherwise just the label.
  std::string qualified_label(const Row& row) const;
  // The rows with numbers (kData and kTotal), in printed order.
  std::vector<const Row*> data_rows() const;
  // The rows under group row `group` at any depth, in printed order (empty for a data row).
  std::vector<const Row*> descendants(const Row& group) const;

  // Builds the key and label indexes of the lookups above from the vectors; Format::load calls it.
  // Throws std::runtime_error on a duplicate key or normalized label.
  void build_indexes();

 private:
  std::map<std::string, size_t, std::less<>> row_index_, column_index_, part_index_;
  std::map<std::string, size_t, std::less<>> row_label_index_, column_label_index_, part_label_index_;
};

// One of the six sections of a report.
struct Section {
  std::string key;    // "overview", "proactive", "applications", "review_litigation", "problems", "other"
  std::string title;  // verbatim heading, e.g. "一、总体情况"
};

// One term of an identity: ±value of a cell, this year's or last year's.
struct Term {
  std::string ref;           // cell reference, e.g. "table3.carry_forward.person"
  int sign = 1;              // +1 or −1 ("-" prefix in the JSON)
  bool last_year = false;    // the cell of last year's report ("last_year:" prefix in the JSON)
  std::string text() const;  // as written in the JSON, e.g. "-table2.rules.repealed"
};

// An identity expanded for one value of its for_each variable.
struct IdentityInstance {
  std::string key;  // the column or row key the instance is for ("person", "r3_1"); "" when not repeated
  std::vector<Term> lhs, rhs;
};

enum class Severity { kError, kWarning };
enum class Scope {
  kSameYear,   // among the figures of one report
  kCrossYear,  // between this year's report and last year's
};

// A rule the figures must satisfy: Σ lhs = Σ rhs, for each value of the for_each variable.
struct Identity {
  std::string id;              // stable, e.g. "t3_balance"
  std::string description_zh;  // what it says, in Chinese
  std::string basis_zh;        // where it comes from (the printed note, the table structure, practice)
  Severity severity = Severity::kError;
  Scope scope = Scope::kSameYear;
  std::string var;                                      // "column" or "row", "" when the identity is not repeated
  std::string over;                                     // "table3.columns" / "table3.data_rows" / "" (explicit values)
  std::vector<std::string> lhs_template, rhs_template;  // as written, with "{column}" / "{row}"
  std::vector<IdentityInstance> instances;              // expanded; every ref exists in the format
};

// The resolved parts of a cell reference.
struct Cell {
  const Table* table = nullptr;
  const Row* row = nullptr;
  const Column* column = nullptr;
};

// A Format is one annual-report format, immutable once loaded. All methods are const and safe to
// call from many threads; pointers it returns stay valid as long as it does (for the formats from
// formats() that is the whole program).
class Format {
 public:
  // Builds a format from the JSON text of data/report_formats/<id>.json (schema in
  // docs/report-format.md). Throws std::runtime_error naming the problem when the JSON is malformed
  // or inconsistent: unknown fields, duplicate keys or labels, a layout that is not a rectangle or
  // misses or repeats a cell, an identity naming a cell that does not exist. The data ships with the
  // program, so that is a programmer error.
  static Format load(std::string_view json_text);

  std::string id;      // "2019", "2021"
  std::string name;    // e.g. "中华人民共和国政府信息公开工作年度报告格式"
  std::string decree;  // e.g. "国办公开办函〔2021〕30号"
  std::string decree_title;
  std::string decree_date;        // "YYYY-MM-DD", or "" when not known
  int first_year = 0;             // first report year it applies to
  std::optional<int> last_year;   // last report year, or nullopt while current
  std::vector<Section> sections;  // the six, in order
  std::vector<Table> tables;      // table2, table3, table4
  std::vector<Identity> identities;

  bool applies_to(int report_year) const {
    return report_year >= first_year && (!last_year || report_year <= *last_year);
  }
  // Lookup by key or (normalized) title; nullptr when absent.
  const Section* section(std::string_view key) const;
  const Section* section_by_title(std::string_view title) const;
  const Table* table(std::string_view key) const;
  const Identity* identity(std::string_view id) const;
  // The table, row and column of a cell reference "<table>.<row>.<column>", or nullopt when the
  // reference names no cell of this format (unknown key, group row or column, a column its row lacks).
  std::optional<Cell> resolve(std::string_view ref) const;
  // Every cell reference of the format, table by table, row by row, column by column.
  std::vector<std::string> cell_refs() const;
  // The label of a cell for messages, e.g. "表三 （三）不予公开 1.属于国家秘密／自然人" (see Table::qualified_label);
  // "" when `ref` names no cell.
  std::string cell_label(std::string_view ref) const;
};

// The formats embedded in the binary (data/report_formats/*.json), ordered by first_year; parsed on
// first use and cached for the life of the program (thread-safe initialization). Throws
// std::runtime_error if the embedded data is invalid, which a unit test rules out.
const std::vector<Format>& formats();

// The format with this id ("2019", "2021"), or nullptr.
const Format* format(std::string_view id);

// The format a report for `report_year` must use: 2019 and 2020 → "2019", 2021 and later → "2021".
// nullptr for years before 2019: those reports predate the national format (free form under the
// 2007 条例), so there is nothing to generate or check against.
const Format* format_for_year(int report_year);

// "<table>.<row>.<column>".
std::string cell_ref(std::string_view table, std::string_view row, std::string_view column);

}  // namespace gk::reports
