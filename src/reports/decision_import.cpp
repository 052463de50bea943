#include "reports/decision_import.h"

#include <unicode/ucnv.h>
#include <zip.h>

#include <array>
#include <cstdlib>
#include <map>
#include <optional>

#include "platform/text/utf8.h"

namespace gk::reports {
namespace {

using Rows = std::vector<std::pair<int, std::vector<std::string>>>;  // file row number, cells

std::string trim(std::string_view s) {
  auto ws = [](std::string_view v, size_t i) { return v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n'; };
  size_t b = 0, e = s.size();
  for (;;) {
    if (b < e && ws(s, b)) { ++b; continue; }
    if (e - b >= 3 && s.substr(b, 3) == "\xE3\x80\x80") { b += 3; continue; }  // ideographic space
    break;
  }
  for (;;) {
    if (e > b && ws(s, e - 1)) { --e; continue; }
    if (e - b >= 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") { e -= 3; continue; }
    break;
  }
  return std::string(s.substr(b, e - b));
}

std::optional<std::string> gb18030_to_utf8(std::string_view in) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(in.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", "GB18030", out.data(), static_cast<int32_t>(out.size()), in.data(),
                                 static_cast<int32_t>(in.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<size_t>(n));
  return out;
}

// RFC 4180 CSV (quotes, doubled quotes, CRLF or LF); also accepts ';'-free plain files.
Rows parse_csv(std::string_view s) {
  Rows rows;
  std::vector<std::string> cur;
  std::string cell;
  bool quoted = false;
  int line = 1, row_start = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (quoted) {
      if (ch == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        if (ch == '\n') ++line;
        cell += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      cur.push_back(std::move(cell));
      cell.clear();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      cur.push_back(std::move(cell));
      cell.clear();
      rows.emplace_back(row_start, std::move(cur));
      cur.clear();
      row_start = ++line;
    } else {
      cell += ch;
    }
  }
  if (!cell.empty() || !cur.empty()) {
    cur.push_back(std::move(cell));
    rows.emplace_back(row_start, std::move(cur));
  }
  return rows;
}

std::optional<std::string> zip_entry(zip_t* za, const char* name) {
  const zip_int64_t index = zip_name_locate(za, name, 0);
  if (index < 0) return std::nullopt;
  zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(index), 0);
  if (!f) return std::nullopt;
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      zip_fclose(f);
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > 8 * kMaxImportBytes) break;
  }
  zip_fclose(f);
  return out;
}

std::string xml_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out += s[i];
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      const unsigned long cp = std::strtoul(std::string(ent.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

// The value of attribute `name` in the start tag `tag` ("<c r=\"A1\" t=\"s\"").
std::string attr(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const bool boundary = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    size_t p = pos + name.size();
    if (boundary && p < tag.size() && tag[p] == '=' && p + 1 < tag.size()) {
      const char q = tag[p + 1];
      const size_t end = tag.find(q, p + 2);
      if (end == std::string_view::npos) return "";
      return std::string(tag.substr(p + 2, end - p - 2));
    }
    pos = p;
  }
  return "";
}

// The concatenated text of every <t> element inside `xml` (rich text runs included).
std::string text_of(std::string_view xml) {
  std::string out;
  size_t pos = 0;
  while ((pos = xml.find("<t", pos)) != std::string_view::npos) {
    const char next = pos + 2 < xml.size() ? xml[pos + 2] : '\0';
    if (next != '>' && next != ' ') {
      pos += 2;
      continue;
    }
    const size_t open_end = xml.find('>', pos);
    if (open_end == std::string_view::npos) break;
    if (xml[open_end - 1] == '/') {
      pos = open_end;
      continue;
    }
    const size_t close = xml.find("</t>", open_end);
    if (close == std::string_view::npos) break;
    out += xml_unescape(xml.substr(open_end + 1, close - open_end - 1));
    pos = close + 4;
  }
  return out;
}

struct XlsxCell {
  std::string text;
  bool number = false;
};

int column_index(std::string_view ref) {
  int col = 0;
  for (char ch : ref) {
    if (ch < 'A' || ch > 'Z') break;
    col = col * 26 + (ch - 'A' + 1);
  }
  return col - 1;
}

// The rows of the first worksheet; false when the file is not a readable XLSX.
bool parse_xlsx(std::string_view bytes, std::vector<std::pair<int, std::vector<XlsxCell>>>& rows) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return false;
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (!za) {
    zip_source_free(src);
    return false;
  }
  std::optional<std::string> shared = zip_entry(za, "xl/sharedStrings.xml");
  std::optional<std::string> sheet = zip_entry(za, "xl/worksheets/sheet1.xml");
  zip_discard(za);
  if (!sheet) return false;

  std::vector<std::string> strings;
  if (shared) {
    const std::string_view s = *shared;
    size_t pos = 0;
    while ((pos = s.find("<si", pos)) != std::string_view::npos) {
      const size_t end = s.find("</si>", pos);
      if (end == std::string_view::npos) break;
      strings.push_back(text_of(s.substr(pos, end - pos)));
      pos = end + 5;
    }
  }

  const std::string_view s = *sheet;
  size_t pos = 0;
  while ((pos = s.find("<row", pos)) != std::string_view::npos) {
    const size_t tag_end = s.find('>', pos);
    if (tag_end == std::string_view::npos) break;
    const std::string_view tag = s.substr(pos, tag_end - pos);
    int row_no = std::atoi(attr(tag, "r").c_str());
    if (row_no <= 0) row_no = rows.empty() ? 1 : rows.back().first + 1;
    size_t row_end = s[tag_end - 1] == '/' ? tag_end : s.find("</row>", tag_end);
    if (row_end == std::string_view::npos) row_end = s.size();
    const std::string_view body = s.substr(tag_end, row_end - tag_end);
    std::vector<XlsxCell> cells;
    size_t cp = 0;
    while ((cp = body.find("<c", cp)) != std::string_view::npos) {
      if (cp + 2 >= body.size() || (body[cp + 2] != ' ' && body[cp + 2] != '>' && body[cp + 2] != '/')) {
        cp += 2;
        continue;
      }
      const size_t ctag_end = body.find('>', cp);
      if (ctag_end == std::string_view::npos) break;
      const std::string_view ctag = body.substr(cp, ctag_end - cp);
      const std::string r = attr(ctag, "r");
      const std::string t = attr(ctag, "t");
      int col = r.empty() ? static_cast<int>(cells.size()) : column_index(r);
      if (col < 0 || col > 16384) col = static_cast<int>(cells.size());
      XlsxCell cell;
      size_t next = ctag_end + 1;
      if (body[ctag_end - 1] != '/') {
        const size_t cend = body.find("</c>", ctag_end);
        const std::string_view inner =
            body.substr(ctag_end + 1, (cend == std::string_view::npos ? body.size() : cend) - ctag_end - 1);
        next = cend == std::string_view::npos ? body.size() : cend + 4;
        std::string v;
        const size_t vp = inner.find("<v>");
        if (vp != std::string_view::npos) {
          const size_t ve = inner.find("</v>", vp);
          v = xml_unescape(inner.substr(vp + 3, (ve == std::string_view::npos ? inner.size() : ve) - vp - 3));
        }
        if (t == "s") {
          const size_t idx = static_cast<size_t>(std::atol(v.c_str()));
          if (idx < strings.size()) cell.text = strings[idx];
        } else if (t == "inlineStr") {
          cell.text = text_of(inner);
        } else if (t == "str" || t == "e" || t == "b") {
          cell.text = v;
        } else {
          cell.text = v;
          cell.number = !v.empty();
        }
      }
      if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
      cells[static_cast<size_t>(col)] = std::move(cell);
      cp = next;
    }
    rows.emplace_back(row_no, std::move(cells));
    if (rows.size() > kMaxImportRows + 1) break;
    pos = row_end;
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[static_cast<size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0);
}

// Reads digits from s at i into v; false when there are none or more than `max` digits.
bool digits(std::string_view s, size_t& i, int& v, size_t max) {
  const size_t start = i;
  v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < max) v = v * 10 + (s[i++] - '0');
  return i > start && (i >= s.size() || s[i] < '0' || s[i] > '9');
}

// The year of a date text: YYYY-MM-DD, YYYY/M/D (also YYYY-M-D, YYYY/MM/DD) or YYYY年M月D日; nullopt
// when it is none of these or no such day.
std::optional<int> text_date_year(std::string_view s) {
  size_t i = 0;
  int y = 0, m = 0, d = 0;
  if (!digits(s, i, y, 4) || i != 4) return std::nullopt;
  if (s.substr(i, 1) == "-" || s.substr(i, 1) == "/") {
    const std::string_view sep = s.substr(i, 1);
    ++i;
    if (!digits(s, i, m, 2) || s.substr(i, 1) != sep) return std::nullopt;
    ++i;
    if (!digits(s, i, d, 2) || i != s.size()) return std::nullopt;
  } else if (s.substr(i, 3) == "年") {
    i += 3;
    if (!digits(s, i, m, 2) || s.substr(i, 3) != "月") return std::nullopt;
    i += 3;
    if (!digits(s, i, d, 2) || s.substr(i) != "日") return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!valid_date(y, m, d)) return std::nullopt;
  return y;
}

// The year of an Excel serial date (1900 date system: day 1 is 1900-01-01, 60 the fictitious
// 1900-02-29; from 61 on days since 1899-12-30). Fractions (times of day) are dropped.
std::optional<int> serial_date_year(std::string_view s) {
  char* end = nullptr;
  const std::string text(s);
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !(v >= 61) || v > 2958465) return std::nullopt;
  // Days since 1970-01-01, then civil_from_days (H. Hinnant's algorithm).
  int64_t z = static_cast<int64_t>(v) - 25569 + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// 元 with at most two decimals → 分, which is also the fixed-point value in 万元 (1 分 = 0.000001 万元).
// A number cell of an XLSX may carry binary noise ("12.300000000000001"): rounded to 分 when within
// a millionth of a 分.
std::optional<int64_t> yuan_to_fen(std::string_view s, bool number_cell) {
  std::string clean;
  for (char ch : s)
    if (ch != ',') clean += ch;
  if (clean.empty() || clean[0] == '-' || clean[0] == '+') return std::nullopt;
  if (auto micro = parse_amount(clean)) {  // 元 × 1,000,000
    if (*micro % 10'000 != 0) return std::nullopt;
    return *micro / 10'000;
  }
  if (number_cell) {
    char* end = nullptr;
    const double v = std::strtod(clean.c_str(), &end);
    if (end == clean.c_str() || *end != '\0' || !(v >= 0) || v > 1e13) return std::nullopt;
    const double fen = v * 100;
    const double rounded = static_cast<double>(static_cast<int64_t>(fen + 0.5));
    if (fen - rounded > 1e-6 || rounded - fen > 1e-6) return std::nullopt;
    return static_cast<int64_t>(rounded);
  }
  return std::nullopt;
}

struct Category {
  std::string_view name;
  std::string_view row;
};
constexpr std::array<Category, 4> kCategories{{{"行政许可", "license"},
                                                {"行政处罚", "penalty"},
                                                {"行政强制", "coercion"},
                                                {"行政事业性收费", "fees"}}};

}  // namespace

DecisionImport parse_decision_records(const Format& format, int year, std::string_view bytes) {
  DecisionImport out;
  if (bytes.size() > kMaxImportBytes) {
    out.errors.push_back({0, "文件超过5MB，请拆分后分别导入"});
    return out;
  }
  const Table* t2 = format.table("table2");
  if (!t2) {
    out.errors.push_back({0, "该年度的报告格式没有表二"});
    return out;
  }
  // The target cells of this format.
  std::map<std::string, std::string, std::less<>> decision_ref;  // category → cell
  std::string fee_ref;
  for (const auto& row : t2->rows) {
    for (const Column* col : t2->columns_of(row)) {
      const std::string ref = cell_ref("table2", row.key, col->key);
      if (col->key == "decisions") {
        for (const auto& c : kCategories)
          if (c.row == row.key && c.row != "fees") decision_ref[std::string(c.name)] = ref;
      }
      if (row.key == "fees" && col->key == "fee_amount") fee_ref = ref;
    }
  }
  for (const auto& [name, ref] : decision_ref) out.values.set(ref, 0);
  if (!fee_ref.empty()) out.values.set(fee_ref, 0);
  else out.notes.push_back("本年度报告格式表二的行政事业性收费没有“收费金额”栏，收费记录只作校验，不导入");

  // Rows of text (and, for XLSX, which cells are numbers).
  std::vector<std::pair<int, std::vector<XlsxCell>>> rows;
  if (bytes.starts_with("PK\x03\x04")) {
    if (!parse_xlsx(bytes, rows)) {
      out.errors.push_back({0, "无法读取XLSX文件（应为Excel 2007及以后版本的工作簿，数据在第一个工作表）"});
      return out;
    }
  } else {
    std::string_view body = bytes;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    std::string text(body);
    if (!text::is_clean_utf8(text)) {
      auto converted = gb18030_to_utf8(body);
      if (!converted) {
        out.errors.push_back({0, "无法识别文件编码，CSV文件应为UTF-8或GBK编码"});
        return out;
      }
      text = std::move(*converted);
    }
    for (auto& [no, cells] : parse_csv(text)) {
      std::vector<XlsxCell> r;
      for (auto& c : cells) r.push_back({std::move(c), false});
      rows.emplace_back(no, std::move(r));
      if (rows.size() > kMaxImportRows + 1) break;
    }
  }

  // The header: the first non-blank row.
  auto blank = [](const std::vector<XlsxCell>& r) {
    for (const auto& c : r)
      if (!trim(c.text).empty()) return false;
    return true;
  };
  size_t h = 0;
  while (h < rows.size() && blank(rows[h].second)) ++h;
  if (h == rows.size()) {
    out.errors.push_back({0, "文件中没有内容，第一行应为表头（决定类别、决定日期等）"});
    return out;
  }
  int col_category = -1, col_date = -1, col_amount = -1;
  for (size_t i = 0; i < rows[h].second.size(); ++i) {
    const std::string name = trim(rows[h].second[i].text);
    if (name == "决定类别") col_category = static_cast<int>(i);
    else if (name == "决定日期") col_date = static_cast<int>(i);
    else if (name == "金额（元）" || name == "金额(元)") col_amount = static_cast<int>(i);
  }
  if (col_category < 0 || col_date < 0) {
    out.errors.push_back({rows[h].first, "表头缺少“决定类别”或“决定日期”列"});
    return out;
  }
  if (rows.size() - h - 1 > kMaxImportRows) {
    out.errors.push_back({0, "文件超过100000行，请拆分后分别导入"});
    return out;
  }

  auto cell = [](const std::vector<XlsxCell>& r, int i) -> XlsxCell {
    if (i < 0 || static_cast<size_t>(i) >= r.size()) return {};
    return {trim(r[static_cast<size_t>(i)].text), r[static_cast<size_t>(i)].number};
  };
  for (size_t i = h + 1; i < rows.size(); ++i) {
    const int no = rows[i].first;
    const std::vector<XlsxCell>& r = rows[i].second;
    if (blank(r)) continue;
    ++out.rows_read;
    const XlsxCell category = cell(r, col_category);
    const XlsxCell date = cell(r, col_date);
    const Category* cat = nullptr;
    for (const auto& c : kCategories)
      if (c.name == category.text) cat = &c;
    bool bad = false;
    auto fail = [&](std::string message) {
      out.errors.push_back({no, "第" + std::to_string(no) + "行：" + std::move(message)});
      bad = true;
    };
    if (!cat) {
      fail(category.text.empty() ? "决定类别为空"
                                 : "决定类别“" + category.text +
                                       "”无法识别，应为行政许可、行政处罚、行政强制或行政事业性收费");
    }
    std::optional<int> y = date.number ? serial_date_year(date.text) : text_date_year(date.text);
    if (!y) {
      fail(date.text.empty() ? "决定日期为空"
                             : "决定日期“" + date.text + "”无法识别，应为YYYY-MM-DD、YYYY/M/D或YYYY年M月D日");
    }
    std::optional<int64_t> fen;
    if (cat && cat->row == "fees") {
      const XlsxCell amount = cell(r, col_amount);
      if (col_amount < 0 || amount.text.empty()) {
        fail("行政事业性收费应填写金额（元）");
      } else if (!(fen = yuan_to_fen(amount.text, amount.number))) {
        fail("金额“" + amount.text + "”有误，应为不小于0、最多两位小数的元数");
      }
    }
    if (bad) continue;
    if (*y != year) {
      ++out.rows_other_years;
      continue;
    }
    if (cat->row == "fees") {
      if (!fee_ref.empty()) out.values.add(fee_ref, *fen);
    } else if (auto it = decision_ref.find(cat->name); it != decision_ref.end()) {
      out.values.add(it->second, 1);
    }
  }
  if (!fee_ref.empty() && out.values.get_or_zero(fee_ref) % 100 != 0) {
    out.notes.push_back("收费金额合计含角、分，年度报告数据按万元保留四位小数（精确到元）填入，保存时四舍五入到元");
  }
  return out;
}

Result<Figures> save_imported_decisions(db::Db& db, const accounts::Principal& p, const audit::Actor& actor,
                                        int64_t agency_id, int year, const DecisionImport& imported) {
  if (!imported.ok()) return Error::invalid("import_invalid", "决定记录有误，未导入任何数据");
  const Format* format = format_for_year(year);
  if (!format) return Error::field("year", std::to_string(year) + "年没有适用的年度报告格式");
  FiguresInput in = figures_text(*format, load_figures(db, agency_id, year).values);
  TableValues values = imported.values;
  for (const auto& [ref, v] : imported.values.cells()) {
    const auto cell = format->resolve(ref);
    if (cell && cell->column->kind == ValueKind::kAmount) values.set(ref, (v + 50) / 100 * 100);
  }
  for (auto& [ref, text] : figures_text(*format, values)) in[ref] = text;
  return save_figures(db, p, actor, agency_id, year, in);
}

}  // namespace gk::reports
