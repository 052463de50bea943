// See report_json.h.
#include "reports/report_json.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

#include "reports/label.h"

namespace gk::reports {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;  // written in the format's order

constexpr std::string_view kTablePrefix = "表";  // "表三" → "三"

// The key of a table under "tables": its name without 表 ("三").
std::string short_name(const Table& t) {
  std::string_view n = t.name;
  if (n.starts_with(kTablePrefix)) n.remove_prefix(kTablePrefix.size());
  return std::string(n);
}

bool is_text_section(std::string_view key) { return key == "overview" || key == "problems" || key == "other"; }

const Table* table_of_section(const Format& f, std::string_view section_key) {
  for (const Table& t : f.tables) {
    if (t.section == section_key) return &t;
  }
  return nullptr;
}

ojson value_json(const Column& c, std::optional<int64_t> v) {
  if (!v) return nullptr;
  if (c.kind == ValueKind::kAmount) {
    if (*v % kAmountScale == 0) return *v / kAmountScale;  // a whole amount stays an integer
    return std::stod(format_amount(*v, 0));                // shortest decimal that round-trips
  }
  return *v;
}

ojson rows_json(const Table& t, const std::vector<const Row*>& rows, const TableValues& values) {
  ojson out = ojson::array();
  for (const Row* r : rows) {
    ojson vals = ojson::object();
    for (const Column* c : t.columns_of(*r)) vals[c->label] = value_json(*c, values.get(cell_ref(t.key, r->key, c->key)));
    out.push_back({{"label", t.qualified_label(*r)}, {"values", std::move(vals)}});
  }
  return out;
}

ojson column_labels(const Table& t, const std::vector<std::string>& keys) {
  ojson out = ojson::array();
  for (const std::string& k : keys) {
    if (const Column* c = t.column(k)) out.push_back(c->label);
  }
  return out;
}

ojson tables_json(const Format& f, const TableValues& values) {
  ojson out = ojson::object();
  for (const Table& t : f.tables) {
    const Section* s = f.section(t.section);
    ojson tj = {{"name", t.name}, {"section", s ? s->title : ""}};
    if (!t.parts.empty()) {
      ojson parts = ojson::array();
      for (const Part& p : t.parts) {
        std::vector<const Row*> rows;
        for (const Row* r : t.data_rows()) {
          if (r->part == p.key) rows.push_back(r);
        }
        parts.push_back({{"label", p.label}, {"columns", column_labels(t, p.columns)}, {"rows", rows_json(t, rows, values)}});
      }
      tj["parts"] = std::move(parts);
    } else {
      std::vector<std::string> keys;
      for (const Column& c : t.columns) {
        if (c.has_values()) keys.push_back(c.key);
      }
      tj["columns"] = column_labels(t, keys);
      tj["rows"] = rows_json(t, t.data_rows(), values);
    }
    out[short_name(t)] = std::move(tj);
  }
  return out;
}

ojson fees_json(const FeeFigures& f) {
  return {{"notices", f.notices}, {"notified_fen", f.notified_fen}, {"payments", f.payments}, {"collected_fen", f.collected_fen}};
}

ojson part_json(const TextPart& p) { return {{"key", p.key}, {"title", p.title}, {"text", p.text}}; }

// ---- reading ----

struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string& message) { throw Bad(message); }

const json& member(const json& obj, std::string_view key, std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end()) fail(std::string(where) + "缺少字段“" + std::string(key) + "”");
  return *it;
}

void only_keys(const json& obj, std::initializer_list<std::string_view> allowed, std::string_view where) {
  for (const auto& [k, v] : obj.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || k == a;
    if (!known) fail(std::string(where) + "有未知字段“" + k + "”");
  }
}

const json& object_at(const json& obj, std::string_view key, std::string_view where) {
  const json& v = member(obj, key, where);
  if (!v.is_object()) fail(std::string(where) + "字段“" + std::string(key) + "”应为对象");
  return v;
}

const json& array_at(const json& obj, std::string_view key, std::string_view where) {
  const json& v = member(obj, key, where);
  if (!v.is_array()) fail(std::string(where) + "字段“" + std::string(key) + "”应为数组");
  return v;
}

std::string string_at(const json& obj, std::string_view key, std::string_view where, bool required = true) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(std::string(where) + "缺少字段“" + std::string(key) + "”");
    return "";
  }
  if (!it->is_string()) fail(std::string(where) + "字段“" + std::string(key) + "”应为字符串");
  return it->get<std::string>();
}

int64_t int_at(const json& obj, std::string_view key, std::string_view where, bool required = true) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(std::string(where) + "缺少字段“" + std::string(key) + "”");
    return 0;
  }
  if (!it->is_number_integer()) fail(std::string(where) + "字段“" + std::string(key) + "”应为整数");
  return it->get<int64_t>();
}

int64_t read_value(const Column& c, const json& v, const std::string& where) {
  if (c.kind == ValueKind::kAmount) {
    if (v.is_number_integer()) {
      const auto n = v.get<int64_t>();
      if (n > INT64_MAX / kAmountScale || n < INT64_MIN / kAmountScale) fail(where + "的金额超出范围");
      return n * kAmountScale;
    }
    if (!v.is_number_float()) fail(where + "应为数字或 null");
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) >= 1e12) fail(where + "的金额超出范围");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", d);
    auto scaled = parse_amount(buf);
    if (!scaled) fail(where + "的金额无效");
    return *scaled;
  }
  if (!v.is_number_integer()) fail(where + "应为整数或 null");
  const auto n = v.get<int64_t>();
  if (c.kind == ValueKind::kCount && n < 0) fail(where + "不能为负数");
  return n;
}

// The rows of `rows_json` into `out`; `part` is the 表二 sub-table the rows belong to, or nullptr.
void read_rows(const Table& t, const Part* part, const json& rows, TableValues& out, std::set<std::string>& seen,
               const std::string& where) {
  std::map<std::string, const Row*> by_qualified;
  for (const Row* r : t.data_rows()) by_qualified.emplace(normalize_label(t.qualified_label(*r)), r);
  for (const json& rj : rows) {
    if (!rj.is_object()) fail(where + "的行应为对象");
    only_keys(rj, {"label", "values"}, where + "的行");
    const std::string label = string_at(rj, "label", where + "的行");
    const Row* row = nullptr;
    if (auto it = by_qualified.find(normalize_label(label)); it != by_qualified.end()) {
      row = it->second;
    } else if (const Row* r = t.row_by_label(label); r && r->has_values()) {
      row = r;
    }
    if (!row) fail(where + "没有行“" + label + "”");
    if (part && row->part != part->key) fail(where + "的行“" + label + "”不属于" + part->label);
    if (!seen.insert(row->key).second) fail(where + "的行“" + label + "”重复");
    const std::string row_where = t.name + "“" + label + "”";
    const json& vals = object_at(rj, "values", row_where);
    const auto cols = t.columns_of(*row);
    for (const auto& [clabel, v] : vals.items()) {
      const Column* c = t.column_by_label(clabel);
      bool in_row = false;
      for (const Column* rc : cols) in_row = in_row || rc == c;
      if (!c || !in_row) fail(row_where + "没有列“" + clabel + "”");
      if (v.is_null()) continue;
      out.set(cell_ref(t.key, row->key, c->key), read_value(*c, v, row_where + "／" + clabel));
    }
  }
}

TableValues read_tables(const Format& f, const json& tables, const std::string& where) {
  if (!tables.is_object()) fail(where + "的“tables”应为对象");
  TableValues out;
  for (const auto& [name, tj] : tables.items()) {
    const Table* t = nullptr;
    for (const Table& cand : f.tables) {
      if (short_name(cand) == name) t = &cand;
    }
    if (!t) fail(where + "没有表“" + name + "”（应为二、三、四）");
    if (!tj.is_object()) fail(t->name + "应为对象");
    const std::string tw = where + t->name;
    std::set<std::string> seen;
    if (!t->parts.empty()) {
      only_keys(tj, {"name", "section", "parts"}, tw);
      for (const json& pj : array_at(tj, "parts", tw)) {
        if (!pj.is_object()) fail(tw + "的部分应为对象");
        only_keys(pj, {"label", "columns", "rows"}, tw);
        const std::string plabel = string_at(pj, "label", tw + "的部分");
        const Part* p = t->part_by_label(plabel);
        if (!p) fail(tw + "没有“" + plabel + "”");
        read_rows(*t, p, array_at(pj, "rows", tw + plabel), out, seen, tw + plabel);
      }
    } else {
      only_keys(tj, {"name", "section", "columns", "rows"}, tw);
      read_rows(*t, nullptr, array_at(tj, "rows", tw), out, seen, tw);
    }
  }
  return out;
}

FeeFigures read_fees(const json& j, const std::string& where) {
  if (!j.is_object()) fail(where + "的“fees”应为对象");
  only_keys(j, {"notices", "notified_fen", "payments", "collected_fen"}, where + "的“fees”");
  FeeFigures f;
  const std::string w = where + "的“fees”";
  f.notices = int_at(j, "notices", w);
  f.notified_fen = int_at(j, "notified_fen", w);
  f.payments = int_at(j, "payments", w);
  f.collected_fen = int_at(j, "collected_fen", w);
  if (f.notices < 0 || f.notified_fen < 0 || f.payments < 0 || f.collected_fen < 0) fail(w + "不能为负数");
  return f;
}

TextPart read_part(const json& j, std::string_view where) {
  if (!j.is_object()) fail(std::string(where) + "的段落应为对象");
  only_keys(j, {"key", "title", "text"}, where);
  return {string_at(j, "key", where, false), string_at(j, "title", where, false), string_at(j, "text", where)};
}

std::pair<int64_t, std::string> read_agency(const json& j, std::string_view where) {
  if (!j.is_object()) fail(std::string(where) + "的“agency”应为对象");
  only_keys(j, {"id", "name"}, where);
  return {int_at(j, "id", where), string_at(j, "name", where)};
}

ReportDocument parse(const json& j) {
  if (!j.is_object()) fail("应为 JSON 对象");
  only_keys(j, {"schema", "format", "format_name", "agency", "year", "scope", "edition", "published_at",
                "correction_note", "generated_at", "sections", "tables", "fees", "units"},
            "年报");
  const std::string schema = string_at(j, "schema", "年报");
  if (schema != kReportJsonSchema) fail("不支持的格式标识“" + schema + "”（应为 " + std::string(kReportJsonSchema) + "）");
  const std::string format_id = string_at(j, "format", "年报");
  ReportDocument d;
  d.format = format(format_id);
  if (!d.format) fail("未知的年报格式“" + format_id + "”");
  const Format& f = *d.format;
  std::tie(d.agency_id, d.agency_name) = read_agency(member(j, "agency", "年报"), "agency");
  d.year = static_cast<int>(int_at(j, "year", "年报"));
  const std::string scope = string_at(j, "scope", "年报");
  if (scope != "self" && scope != "subtree") fail("“scope”应为 self 或 subtree，而不是“" + scope + "”");
  d.subtree = scope == "subtree";
  d.edition = static_cast<int>(int_at(j, "edition", "年报", false));
  d.published_at = string_at(j, "published_at", "年报", false);
  d.correction_note = string_at(j, "correction_note", "年报", false);
  d.generated_at = string_at(j, "generated_at", "年报", false);

  if (auto it = j.find("sections"); it != j.end()) {
    if (!it->is_array()) fail("“sections”应为数组");
    for (const json& sj : *it) {
      if (!sj.is_object()) fail("“sections”的每一项应为对象");
      only_keys(sj, {"title", "parts", "table"}, "章节");
      const std::string title = string_at(sj, "title", "章节");
      const Section* s = f.section_by_title(title);
      if (!s) fail("格式 " + f.id + " 没有章节“" + title + "”");
      if (!is_text_section(s->key)) {
        if (sj.contains("parts")) fail("章节“" + title + "”只有表格，没有文字");
        continue;
      }
      std::vector<TextPart> parts;
      for (const json& pj : array_at(sj, "parts", "章节“" + title + "”")) parts.push_back(read_part(pj, "章节“" + title + "”"));
      if (s->key == "overview") {
        d.overview = std::move(parts);
      } else {
        if (parts.size() > 1) fail("章节“" + title + "”只能有一段");
        TextPart p = parts.empty() ? TextPart{} : std::move(parts.front());
        (s->key == "problems" ? d.problems : d.other) = std::move(p);
      }
    }
  }
  d.values = read_tables(f, member(j, "tables", "年报"), "");
  if (auto it = j.find("fees"); it != j.end()) d.fees = read_fees(*it, "年报");
  if (auto it = j.find("units"); it != j.end()) {
    if (!it->is_array()) fail("“units”应为数组");
    for (const json& uj : *it) {
      if (!uj.is_object()) fail("“units”的每一项应为对象");
      only_keys(uj, {"agency", "depth", "tables", "fees"}, "单位");
      DocumentUnit u;
      std::tie(u.agency_id, u.agency_name) = read_agency(member(uj, "agency", "单位"), "单位的 agency");
      u.depth = static_cast<int>(int_at(uj, "depth", "单位", false));
      const std::string where = "单位“" + u.agency_name + "”的";
      u.values = read_tables(f, member(uj, "tables", where), where);
      if (auto ft = uj.find("fees"); ft != uj.end()) u.fees = read_fees(*ft, where);
      d.units.push_back(std::move(u));
    }
  }
  return d;
}

}  // namespace

nlohmann::ordered_json to_json(const ReportDocument& doc) {
  if (!doc.format) throw std::invalid_argument("report_json: document without a format");
  const Format& f = *doc.format;
  ojson sections = ojson::array();
  for (const Section& s : f.sections) {
    ojson sj = {{"title", s.title}};
    if (s.key == "overview") {
      ojson parts = ojson::array();
      for (const TextPart& p : doc.overview) parts.push_back(part_json(p));
      sj["parts"] = std::move(parts);
    } else if (s.key == "problems") {
      sj["parts"] = ojson::array({part_json(doc.problems)});
    } else if (s.key == "other") {
      sj["parts"] = ojson::array({part_json(doc.other)});
    } else if (const Table* t = table_of_section(f, s.key)) {
      sj["table"] = short_name(*t);
    }
    sections.push_back(std::move(sj));
  }
  ojson units = ojson::array();
  for (const DocumentUnit& u : doc.units) {
    units.push_back({{"agency", {{"id", u.agency_id}, {"name", u.agency_name}}},
                     {"depth", u.depth},
                     {"tables", tables_json(f, u.values)},
                     {"fees", fees_json(u.fees)}});
  }
  ojson j = ojson::object();
  j["schema"] = kReportJsonSchema;
  j["format"] = f.id;
  j["format_name"] = f.name;
  j["agency"] = {{"id", doc.agency_id}, {"name", doc.agency_name}};
  j["year"] = doc.year;
  j["scope"] = doc.subtree ? "subtree" : "self";
  j["edition"] = doc.edition;
  j["published_at"] = doc.published_at;
  j["correction_note"] = doc.correction_note;
  j["generated_at"] = doc.generated_at;
  j["sections"] = std::move(sections);
  j["tables"] = tables_json(f, doc.values);
  j["fees"] = fees_json(doc.fees);
  j["units"] = std::move(units);
  return j;
}

std::string to_json_text(const ReportDocument& doc) { return to_json(doc).dump(2, ' ', false) + "\n"; }

Result<ReportDocument> document_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error::invalid("invalid_report_json", "年报 JSON 无法解析：不是有效的 JSON。");
  try {
    return parse(j);
  } catch (const Bad& e) {
    return Error::invalid("invalid_report_json", std::string("年报 JSON 有误：") + e.what() + "。");
  } catch (const json::exception& e) {
    return Error::invalid("invalid_report_json", std::string("年报 JSON 有误：") + e.what());
  }
}

}  // namespace gk::reports
