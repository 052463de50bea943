// The annual-report outputs (issue 6 §7): JSON (report_json.h), XLSX (render_xlsx.h) and PDF
// (render_pdf.h), each checked against the format's labels and layout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <string>

#include "reports/format.h"
#include "reports/layout_grid.h"
#include "reports/render_pdf.h"
#include "reports/render_xlsx.h"
#include "reports/report_json.h"

namespace gk::reports {
namespace {

using nlohmann::json;

// A document with every cell of `f` set to a distinct value (amounts with decimals), one cell left
// absent and one zero, texts with line feeds and quotes, two units and publication data.
ReportDocument sample_document(const Format& f, bool subtree = true) {
  ReportDocument d;
  d.format = &f;
  d.agency_id = 7;
  d.agency_name = "某某县人民政府";
  d.year = f.id == "2019" ? 2020 : 2025;
  d.subtree = subtree;
  int64_t n = 1;
  for (const std::string& ref : f.cell_refs()) {
    auto cell = f.resolve(ref);
    if (cell->column->kind == ValueKind::kAmount) {
      d.values.set(ref, n * kAmountScale + 123'400);  // n.1234
    } else {
      d.values.set(ref, n);
    }
    ++n;
  }
  const auto refs = f.cell_refs();
  d.values = [&] {
    TableValues v;
    for (const auto& [ref, value] : d.values.cells()) {
      if (ref == refs[1]) continue;  // absent
      v.set(ref, ref == refs[2] ? 0 : value);
    }
    return v;
  }();
  for (const OverviewPart& p : kOverviewParts) {
    d.overview.push_back({std::string(p.key), std::string(p.title), std::string(p.title) + "的文字。\n第二段“引号”"});
  }
  d.problems = {"problems", "", "存在的问题。"};
  d.other = {"other", "", ""};
  d.fees = {2, 10000, 1, 5050};
  d.units.push_back({7, "某某县人民政府", 0, d.values, d.fees});
  if (subtree) {
    TableValues unit2;
    unit2.set(refs[0], 3);
    d.units.push_back({9, "某某县教育局", 1, unit2, {}});
  }
  d.edition = 2;
  d.published_at = "2026-01-20";
  d.correction_note = "更正了表三的数字。";
  d.generated_at = "2026-01-19T08:00:00Z";
  return d;
}

void expect_same(const ReportDocument& a, const ReportDocument& b) {
  EXPECT_EQ(a.format, b.format);
  EXPECT_EQ(a.agency_id, b.agency_id);
  EXPECT_EQ(a.agency_name, b.agency_name);
  EXPECT_EQ(a.year, b.year);
  EXPECT_EQ(a.subtree, b.subtree);
  EXPECT_EQ(a.values, b.values);
  EXPECT_EQ(a.fees, b.fees);
  ASSERT_EQ(a.units.size(), b.units.size());
  for (size_t i = 0; i < a.units.size(); ++i) {
    EXPECT_EQ(a.units[i].agency_id, b.units[i].agency_id);
    EXPECT_EQ(a.units[i].agency_name, b.units[i].agency_name);
    EXPECT_EQ(a.units[i].depth, b.units[i].depth);
    EXPECT_EQ(a.units[i].values, b.units[i].values);
    EXPECT_EQ(a.units[i].fees, b.units[i].fees);
  }
  ASSERT_EQ(a.overview.size(), b.overview.size());
  for (size_t i = 0; i < a.overview.size(); ++i) {
    EXPECT_EQ(a.overview[i].key, b.overview[i].key);
    EXPECT_EQ(a.overview[i].title, b.overview[i].title);
    EXPECT_EQ(a.overview[i].text, b.overview[i].text);
  }
  EXPECT_EQ(a.problems.key, b.problems.key);
  EXPECT_EQ(a.problems.text, b.problems.text);
  EXPECT_EQ(a.other.key, b.other.key);
  EXPECT_EQ(a.other.text, b.other.text);
  EXPECT_EQ(a.edition, b.edition);
  EXPECT_EQ(a.published_at, b.published_at);
  EXPECT_EQ(a.correction_note, b.correction_note);
  EXPECT_EQ(a.generated_at, b.generated_at);
}

// The JSON value of cell `ref` found by labels only: tables.<二|三|四>[.parts[label]].rows[label].values[label].
const json* find_by_labels(const json& j, const Format& f, const std::string& ref) {
  const Cell cell = *f.resolve(ref);
  const Table& t = *cell.table;
  const json& tj = j.at("tables").at(t.name.substr(std::string("表").size()));
  const json* rows = nullptr;
  if (tj.contains("parts")) {
    for (const json& p : tj.at("parts")) {
      if (p.at("label") == t.part(cell.row->part)->label) rows = &p.at("rows");
    }
  } else {
    rows = &tj.at("rows");
  }
  if (!rows) return nullptr;
  for (const json& r : *rows) {
    if (r.at("label") == t.qualified_label(*cell.row)) {
      auto it = r.at("values").find(cell.column->label);
      return it == r.at("values").end() ? nullptr : &*it;
    }
  }
  return nullptr;
}

class ReportJsonFormats : public ::testing::TestWithParam<const char*> {};

TEST_P(ReportJsonFormats, RoundTripsExactly) {
  const Format& f = *format(GetParam());
  for (bool subtree : {true, false}) {
    const ReportDocument d = sample_document(f, subtree);
    const std::string text = to_json_text(d);
    auto back = document_from_json(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same(d, *back);
    EXPECT_EQ(text, to_json_text(*back));
  }
}

// The published JSON schema (docs/report-json.md) is an interface for other systems: the JSON of a
// fixed document of each format must equal its golden file, byte for byte, so any change to labels,
// order or fields shows up as a diff to review. GK_UPDATE_GOLDEN=1 rewrites the files instead.
TEST_P(ReportJsonFormats, MatchesItsGoldenFile) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  const Format& f = *format(GetParam());
  const std::string path = std::string(root) + "/tests/reports/golden/" + f.id + ".json";
  const std::string text = to_json_text(sample_document(f));
  if (std::getenv("GK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << text;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " missing (GK_UPDATE_GOLDEN=1 writes it)";
  const std::string golden((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, golden) << "the JSON of format " << f.id << " differs from " << path;
}

TEST_P(ReportJsonFormats, EveryCellAppearsUnderItsLabels) {
  const Format& f = *format(GetParam());
  const ReportDocument d = sample_document(f);
  const json j = json::parse(to_json_text(d));
  EXPECT_EQ(j.at("schema"), "gongkai.annual-report/1");
  EXPECT_EQ(j.at("format"), f.id);
  EXPECT_EQ(j.at("agency").at("name"), "某某县人民政府");
  EXPECT_EQ(j.at("scope"), "subtree");
  size_t cells = 0;
  for (const std::string& ref : f.cell_refs()) {
    const json* v = find_by_labels(j, f, ref);
    ASSERT_NE(v, nullptr) << ref << " (" << f.cell_label(ref) << ") not found under its labels";
    const auto expected = d.values.get(ref);
    if (!expected) {
      EXPECT_TRUE(v->is_null()) << ref;
    } else if (f.resolve(ref)->column->kind == ValueKind::kAmount) {
      EXPECT_TRUE(v->is_number_float()) << ref;
      EXPECT_DOUBLE_EQ(v->get<double>(), static_cast<double>(*expected) / kAmountScale) << ref;
    } else {
      EXPECT_TRUE(v->is_number_integer()) << ref;
      EXPECT_EQ(v->get<int64_t>(), *expected) << ref;
    }
    ++cells;
  }
  EXPECT_GT(cells, 100u);
  // The absent cell is null and the zero cell is 0: not the same thing.
  const auto refs = f.cell_refs();
  EXPECT_TRUE(find_by_labels(j, f, refs[1])->is_null());
  EXPECT_EQ(*find_by_labels(j, f, refs[2]), 0);
  // Sections in the format's order with their verbatim titles; 一 with the five sub-headings.
  ASSERT_EQ(j.at("sections").size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(j.at("sections")[i].at("title"), f.sections[i].title);
  EXPECT_EQ(j.at("sections")[0].at("parts")[1].at("title"), "（二）依申请公开");
  EXPECT_EQ(j.at("sections")[2].at("table"), "三");
}

TEST(ReportJson, Table3UsesTheOfficialLabels) {
  const Format& f = *format("2021");
  ReportDocument d = sample_document(f, false);
  d.values.set("table3.new.person", 12);
  d.values.set("table3.r3_1.commercial", 4);
  const json j = json::parse(to_json_text(d));
  const json& t3 = j.at("tables").at("三");
  EXPECT_EQ(t3.at("columns"), json({"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}));
  EXPECT_EQ(t3.at("rows")[0].at("label"), "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(t3.at("rows")[0].at("values").at("自然人"), 12);
  // The values of a row in the printed column order, in the text itself.
  const std::string text = to_json_text(d);
  const size_t person = text.find("\"自然人\": 12"), commercial = text.find("\"商业企业\"", person),
               total = text.find("\"总计\"", person);
  EXPECT_LT(person, commercial);
  EXPECT_LT(commercial, total);
  EXPECT_LT(text.find("\"schema\""), text.find("\"tables\""));
  bool found = false;
  for (const json& r : t3.at("rows")) {
    if (r.at("label") == "（三）不予公开 1.属于国家秘密") {
      found = true;
      EXPECT_EQ(r.at("values").at("商业企业"), 4);
    }
    EXPECT_NE(r.at("label"), "（三）不予公开") << "group rows carry no numbers";
  }
  EXPECT_TRUE(found);
  const json& t2 = j.at("tables").at("二");
  EXPECT_EQ(t2.at("parts")[3].at("label"), "第二十条第（八）项");
  EXPECT_EQ(t2.at("parts")[3].at("columns"), json({"本年收费金额（单位：万元）"}));
}

TEST(ReportJson, AmountsKeepTheirDecimals) {
  const Format& f = *format("2021");
  ReportDocument d = sample_document(f, false);
  d.values.set("table2.fees.fee_amount", 12'345'600);  // 12.3456 万元
  const json j = json::parse(to_json_text(d));
  EXPECT_EQ(j.at("tables").at("二").at("parts")[3].at("rows")[0].at("values").at("本年收费金额（单位：万元）").dump(),
            "12.3456");
  auto back = document_from_json(j.dump());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->values.get("table2.fees.fee_amount"), 12'345'600);
}

TEST(ReportJson, AcceptsUnqualifiedAndHalfWidthLabels) {
  const Format& f = *format("2021");
  json j = json::parse(to_json_text(sample_document(f, false)));
  for (json& r : j.at("tables").at("三").at("rows")) {
    if (r.at("label") == "（三）不予公开 1.属于国家秘密") r["label"] = "1.属于国家秘密";
    if (r.at("label") == "（七）总计") r["label"] = "(七)总计";
  }
  auto back = document_from_json(j.dump());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->values, sample_document(f, false).values);
}

TEST(ReportJson, RejectsMisspelledLabels) {
  const Format& f = *format("2021");
  const json good = json::parse(to_json_text(sample_document(f, false)));
  {
    json j = good;
    j["tables"]["三"]["rows"][0]["label"] = "一、本年新收政府信息公开申请数";  // a character short
    auto r = document_from_json(j.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, Error::Kind::kInvalid);
    EXPECT_NE(r.error().message.find("一、本年新收政府信息公开申请数"), std::string::npos) << r.error().message;
  }
  {
    json j = good;
    auto& vals = j["tables"]["三"]["rows"][0]["values"];
    vals["自然"] = vals["自然人"];
    vals.erase("自然人");
    auto r = document_from_json(j.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("自然"), std::string::npos) << r.error().message;
  }
  {
    json j = good;
    j["sections"][4]["title"] = "五、存在的问题";
    EXPECT_FALSE(document_from_json(j.dump()).ok());
  }
  {
    json j = good;
    j["tables"]["五"] = j["tables"]["三"];
    EXPECT_FALSE(document_from_json(j.dump()).ok());
  }
  {
    json j = good;  // a 表二 row in the wrong sub-table
    j["tables"]["二"]["parts"][1]["rows"].push_back(j["tables"]["二"]["parts"][0]["rows"][0]);
    EXPECT_FALSE(document_from_json(j.dump()).ok());
  }
}

TEST(ReportJson, RejectsUnknownFormatAndMalformedInput) {
  const Format& f = *format("2021");
  json j = json::parse(to_json_text(sample_document(f, false)));
  j["format"] = "2030";
  auto r = document_from_json(j.dump());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kInvalid);
  EXPECT_NE(r.error().message.find("2030"), std::string::npos);

  for (std::string_view bad : {"", "{", "[]", "{\"schema\":\"gongkai.annual-report/1\"}", "{\"schema\":\"x\",\"format\":\"2021\"}"}) {
    auto e = document_from_json(bad);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().kind, Error::Kind::kInvalid);
    EXPECT_FALSE(e.error().message.empty());
  }
  json neg = json::parse(to_json_text(sample_document(f, false)));
  neg["tables"]["三"]["rows"][0]["values"]["自然人"] = -1;
  EXPECT_FALSE(document_from_json(neg.dump()).ok()) << "counts are never negative";
  json str = json::parse(to_json_text(sample_document(f, false)));
  str["tables"]["三"]["rows"][0]["values"]["自然人"] = "3";
  EXPECT_FALSE(document_from_json(str.dump()).ok()) << "numbers are numbers";
}

// ---- XLSX ----

// The files of a ZIP archive in memory, by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  zip_error_fini(&err);
  if (!za) {
    if (src) zip_source_free(src);
    return out;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    const char* name = zip_get_name(za, static_cast<zip_uint64_t>(i), 0);
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    if (!name || !f) continue;
    std::string data;
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) data.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
    out[name] = std::move(data);
  }
  zip_discard(za);
  return out;
}

std::string xml_unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::string(from).size(), to);
  }
  return s;
}

// "A1" style reference of a zero-based cell.
std::string a1(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

// A sheet of a workbook: its merged ranges and the content of each cell (shared strings resolved).
struct Sheet {
  std::set<std::string> merged;
  std::map<std::string, std::string> cells;
};

std::map<std::string, Sheet> read_workbook(const std::string& bytes) {
  const auto files = unzip(bytes);
  std::vector<std::string> strings;
  const std::regex si_re("<si>(.*?)</si>");
  const std::regex t_re("<t[^>]*>([^<]*)</t>");
  const std::string& sst = files.at("xl/sharedStrings.xml");
  for (auto it = std::sregex_iterator(sst.begin(), sst.end(), si_re); it != std::sregex_iterator(); ++it) {
    std::string text;
    const std::string si = (*it)[1];
    for (auto t = std::sregex_iterator(si.begin(), si.end(), t_re); t != std::sregex_iterator(); ++t) text += (*t)[1];
    strings.push_back(xml_unescape(text));
  }
  // Sheet names in order → sheetN.xml (libxlsxwriter numbers them in order).
  std::map<std::string, Sheet> out;
  const std::string& wb = files.at("xl/workbook.xml");
  const std::regex sheet_re("<sheet name=\"([^\"]*)\" sheetId=\"([0-9]+)\"");
  for (auto it = std::sregex_iterator(wb.begin(), wb.end(), sheet_re); it != std::sregex_iterator(); ++it) {
    const std::string xml = files.at("xl/worksheets/sheet" + std::string((*it)[2]) + ".xml");
    Sheet sheet;
    const std::regex merge_re("<mergeCell ref=\"([A-Z0-9:]+)\"/>");
    for (auto m = std::sregex_iterator(xml.begin(), xml.end(), merge_re); m != std::sregex_iterator(); ++m) {
      sheet.merged.insert((*m)[1]);
    }
    const std::regex cell_re("<c r=\"([A-Z]+[0-9]+)\"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>");
    for (auto c = std::sregex_iterator(xml.begin(), xml.end(), cell_re); c != std::sregex_iterator(); ++c) {
      const std::string attrs = (*c)[2];
      const std::string v = (*c)[3];
      sheet.cells[(*c)[1]] = attrs.find("t=\"s\"") != std::string::npos ? strings.at(std::stoul(v)) : v;
    }
    out[xml_unescape((*it)[1])] = std::move(sheet);
  }
  return out;
}

class ReportXlsx : public ::testing::TestWithParam<const char*> {};

TEST_P(ReportXlsx, SheetsFollowTheOfficialLayout) {
  const Format& f = *format(GetParam());
  const ReportDocument d = sample_document(f);
  auto bytes = render_xlsx(d);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  const auto book = read_workbook(*bytes);
  for (const char* name : {"表二", "表三", "表四", "正文", "分单位情况"}) EXPECT_TRUE(book.count(name)) << name;

  for (const Table& t : f.tables) {
    SCOPED_TRACE(t.name);
    const Sheet& sheet = book.at(t.name);
    EXPECT_EQ(sheet.cells.at("A1"), table_caption(f, t));
    size_t values = 0;
    for (const GridCell& g : place_layout(t)) {
      const int r = g.row + kXlsxFirstRow;
      const std::string at = a1(r, g.col);
      if (g.rows > 1 || g.cols > 1) {
        EXPECT_TRUE(sheet.merged.count(at + ":" + a1(r + g.rows - 1, g.col + g.cols - 1)))
            << "merged range of " << g.cell->key << " at " << at;
      }
      if (!g.is_value()) {
        ASSERT_TRUE(sheet.cells.count(at)) << g.cell->text << " at " << at;
        EXPECT_EQ(sheet.cells.at(at), g.cell->text) << at;
        continue;
      }
      const auto v = d.values.get(g.cell->key);
      if (!v) {
        EXPECT_FALSE(sheet.cells.count(at)) << "absent " << g.cell->key << " is blank";
        continue;
      }
      ASSERT_TRUE(sheet.cells.count(at)) << g.cell->key << " at " << at;
      const double expected = f.resolve(g.cell->key)->column->kind == ValueKind::kAmount
                                  ? static_cast<double>(*v) / kAmountScale
                                  : static_cast<double>(*v);
      EXPECT_DOUBLE_EQ(std::stod(sheet.cells.at(at)), expected) << g.cell->key << " at " << at;
      ++values;
    }
    EXPECT_GT(values, 0u);
  }
  // 表三's head exactly as the official table: the note over three columns and three rows, 申请人情况
  // over the seven applicant columns, 法人或其他组织 over five.
  const Sheet& t3 = book.at("表三");
  for (const char* range : {"A3:C5", "D3:J3", "E4:I4", "D4:D5", "J4:J5"}) EXPECT_TRUE(t3.merged.count(range)) << range;
  EXPECT_EQ(t3.cells.at("D3"), "申请人情况");
  EXPECT_EQ(t3.cells.at("E4"), "法人或其他组织");

  // Printed on A4 (paper size 9), one page wide.
  const auto files = unzip(*bytes);
  for (int i = 1; i <= 3; ++i) {
    const std::string& xml = files.at("xl/worksheets/sheet" + std::to_string(i) + ".xml");
    EXPECT_NE(xml.find("paperSize=\"9\""), std::string::npos) << "sheet " << i;
    EXPECT_NE(xml.find("fitToPage=\"1\""), std::string::npos) << "sheet " << i;
  }

  // The texts and the breakdown.
  std::string text;
  for (const auto& [at, v] : book.at("正文").cells) text += v + "\n";
  for (const Section& s : f.sections) EXPECT_NE(text.find(s.title), std::string::npos) << s.title;
  EXPECT_NE(text.find("（一）主动公开的文字。"), std::string::npos);
  EXPECT_NE(text.find("本年度共发出收费通知2件"), std::string::npos);
  const Sheet& units = book.at("分单位情况");
  EXPECT_EQ(units.cells.at("A4"), "某某县人民政府");
  EXPECT_EQ(units.cells.at("A5"), "  某某县教育局");
}

TEST(ReportXlsx, SelfReportHasNoBreakdownSheet) {
  const Format& f = *format("2021");
  auto bytes = render_xlsx(sample_document(f, false));
  ASSERT_TRUE(bytes.ok());
  const auto book = read_workbook(*bytes);
  EXPECT_FALSE(book.count("分单位情况"));
  EXPECT_TRUE(book.count("表三"));
}

TEST(ReportXlsx, AmountsAreNumbersWithTheirDecimals) {
  const Format& f = *format("2021");
  ReportDocument d = sample_document(f, false);
  d.values.set("table2.fees.fee_amount", 12'345'600);
  auto bytes = render_xlsx(d);
  ASSERT_TRUE(bytes.ok());
  const auto book = read_workbook(*bytes);
  const Table& t2 = *f.table("table2");
  for (const GridCell& g : place_layout(t2)) {
    if (g.is_value() && g.cell->key == "table2.fees.fee_amount") {
      EXPECT_EQ(book.at("表二").cells.at(a1(g.row + kXlsxFirstRow, g.col)), "12.3456");
    }
  }
}

// ---- PDF ----

// The text of a PDF in content order (so a wrapped cell's lines stay together), without white space.
std::string pdf_text(const std::string& bytes, std::vector<std::string>* fonts_not_embedded = nullptr) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return "";
  std::string out;
  for (int p = 0; p < doc->pages(); ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    const poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    out.append(utf8.begin(), utf8.end());
  }
  if (fonts_not_embedded) {
    for (const auto& font : doc->fonts()) {
      if (!font.is_embedded()) fonts_not_embedded->push_back(font.name());
    }
  }
  std::string compact;
  for (char c : out) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') compact += c;
  }
  return compact;
}

std::string without_spaces(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
  return s;
}

class ReportPdf : public ::testing::TestWithParam<const char*> {};

TEST_P(ReportPdf, HasEveryLabelAndValueWithFontsEmbedded) {
  const Format& f = *format(GetParam());
  ReportDocument d = sample_document(f);
  TableValues distinct;  // values no label contains: 1001, 1002, …
  int64_t n = 1000;
  for (const std::string& ref : f.cell_refs()) {
    ++n;
    distinct.set(ref, f.resolve(ref)->column->kind == ValueKind::kAmount ? n * kAmountScale + 250'000 : n);
  }
  d.values = distinct;
  auto pdf = render_report_pdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  std::vector<std::string> not_embedded;
  const std::string text = pdf_text(*pdf, &not_embedded);
  EXPECT_TRUE(not_embedded.empty()) << not_embedded.front();
  EXPECT_NE(text.find(without_spaces("某某县人民政府" + std::to_string(d.year) + "年政府信息公开工作年度报告")), std::string::npos);
  size_t last = 0;
  for (const Section& s : f.sections) {  // in order
    const size_t at = text.find(without_spaces(s.title), last);
    ASSERT_NE(at, std::string::npos) << s.title;
    last = at;
  }
  for (const Table& t : f.tables) {
    for (const Row& r : t.rows) EXPECT_NE(text.find(without_spaces(r.label)), std::string::npos) << t.name << " " << r.label;
    for (const Column& c : t.columns) EXPECT_NE(text.find(without_spaces(c.label)), std::string::npos) << t.name << " " << c.label;
    for (const Part& p : t.parts) EXPECT_NE(text.find(without_spaces(p.label)), std::string::npos) << p.label;
    for (const auto& [key, caption] : t.captions) EXPECT_NE(text.find(without_spaces(caption)), std::string::npos) << caption;
  }
  for (const auto& [ref, v] : d.values.cells()) {
    const std::string shown = format_value(*f.resolve(ref)->column, v);
    EXPECT_NE(text.find(shown), std::string::npos) << ref << " = " << shown;
  }
  EXPECT_NE(text.find("（五）监督保障的文字。"), std::string::npos);
  EXPECT_NE(text.find("本年度共发出收费通知2件"), std::string::npos);
  EXPECT_NE(text.find("更正说明"), std::string::npos);
}

TEST(ReportPdf, Table3IsDrawnWithItsMergedCells) {
  const Format& f = *format("2021");
  const render::LetterDoc letter = report_letter_doc(sample_document(f));
  const render::TableGrid* t3 = nullptr;
  for (const auto& b : letter.blocks) {
    if (b.kind == render::LetterBlock::Kind::kGrid && b.grid.columns == 10) t3 = &b.grid;
  }
  ASSERT_NE(t3, nullptr);
  EXPECT_EQ(t3->header_rows, 3);
  bool group = false, note = false;
  for (const auto& c : t3->cells) {
    if (c.text == "三、本年度办理结果") group = c.rowspan == 23 || c.rowspan == 22;
    if (c.text.starts_with("（本列数据的勾稽关系为")) note = c.rowspan == 3 && c.colspan == 3;
  }
  EXPECT_TRUE(group);
  EXPECT_TRUE(note);
}

INSTANTIATE_TEST_SUITE_P(Formats, ReportXlsx, ::testing::Values("2019", "2021"));
INSTANTIATE_TEST_SUITE_P(Formats, ReportPdf, ::testing::Values("2019", "2021"));
INSTANTIATE_TEST_SUITE_P(Formats, ReportJsonFormats, ::testing::Values("2019", "2021"));

}  // namespace
}  // namespace gk::reports
