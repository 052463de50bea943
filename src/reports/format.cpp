// Loading and validation of the annual-report formats (data/report_formats/*.json) and their lookups.
#include "reports/format.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "platform/embedded.h"
#include "reports/label.h"

namespace gk::reports {
namespace {

using nlohmann::json;

constexpr std::string_view kDataDir = "data/report_formats/";

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error("report format " + where + ": " + what);
}

// Rejects fields outside `allowed`, so a misspelt key ("colpsan") fails instead of being ignored.
void only_fields(const json& obj, const std::string& where, std::initializer_list<std::string_view> allowed) {
  if (!obj.is_object()) fail(where, "expected an object, got " + obj.dump());
  for (const auto& [k, v] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) fail(where, "unknown field \"" + k + "\"");
  }
}

std::string text(const json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key) || !obj[key].is_string() || obj[key].get<std::string>().empty()) {
    fail(where, std::string("missing or empty \"") + key + "\"");
  }
  return obj[key].get<std::string>();
}

std::string optional_text(const json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key) || obj[key].is_null()) return "";
  return text(obj, key, where);
}

int positive_int(const json& obj, const char* key, int fallback, const std::string& where) {
  if (!obj.contains(key)) return fallback;
  if (!obj[key].is_number_integer() || obj[key].get<int>() < 1) fail(where, std::string("bad \"") + key + "\"");
  return obj[key].get<int>();
}

const json& array(const json& obj, const char* key, const std::string& where) {
  if (!obj.contains(key) || !obj[key].is_array()) fail(where, std::string("missing array \"") + key + "\"");
  return obj[key];
}

ValueKind value_kind(const std::string& s, const std::string& where) {
  if (s == "group") return ValueKind::kGroup;
  if (s == "count") return ValueKind::kCount;
  if (s == "signed_count") return ValueKind::kSignedCount;
  if (s == "amount") return ValueKind::kAmount;
  fail(where, "unknown column kind \"" + s + "\"");
}

RowKind row_kind(const std::string& s, const std::string& where) {
  if (s.empty() || s == "data") return RowKind::kData;
  if (s == "group") return RowKind::kGroup;
  if (s == "total") return RowKind::kTotal;
  fail(where, "unknown row kind \"" + s + "\"");
}

void index_unique(std::map<std::string, size_t, std::less<>>& index, const std::string& key, size_t i,
                  const std::string& where, const char* what) {
  if (!index.emplace(key, i).second) fail(where, std::string("duplicate ") + what + " \"" + key + "\"");
}

std::vector<std::string> split_ref(std::string_view ref) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = ref.find('.', start);
    parts.emplace_back(ref.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// ---- tables ----

Table load_table(const json& t, const Format& f) {
  only_fields(t, "table", {"key", "name", "section", "captions", "columns", "parts", "rows", "layout"});
  Table table;
  table.key = text(t, "key", "table");
  const std::string where = "table " + table.key;
  table.name = text(t, "name", where);
  table.section = text(t, "section", where);
  if (!f.section(table.section)) fail(where, "unknown section \"" + table.section + "\"");
  if (t.contains("captions")) {
    if (!t["captions"].is_object()) fail(where, "captions is not an object");
    for (const auto& [k, v] : t["captions"].items()) {
      if (!v.is_string() || v.get<std::string>().empty()) fail(where, "empty caption \"" + k + "\"");
      table.captions.emplace(k, v.get<std::string>());
    }
  }
  for (const json& c : array(t, "columns", where)) {
    only_fields(c, where + " column", {"key", "label", "kind", "parent", "unit"});
    Column col{text(c, "key", where), text(c, "label", where), value_kind(text(c, "kind", where), where),
               optional_text(c, "parent", where), optional_text(c, "unit", where)};
    if (!col.unit.empty() && col.kind != ValueKind::kAmount) fail(where, "unit on non-amount column " + col.key);
    table.columns.push_back(std::move(col));
  }
  if (t.contains("parts")) {
    for (const json& p : array(t, "parts", where)) {
      only_fields(p, where + " part", {"key", "label", "columns"});
      Part part{text(p, "key", where), text(p, "label", where), {}};
      for (const json& c : array(p, "columns", where + " part " + part.key)) {
        if (!c.is_string()) fail(where, "part " + part.key + ": column keys must be strings");
        part.columns.push_back(c.get<std::string>());
      }
      if (part.columns.empty()) fail(where, "part " + part.key + " has no columns");
      table.parts.push_back(std::move(part));
    }
  }
  for (const json& r : array(t, "rows", where)) {
    only_fields(r, where + " row", {"key", "label", "kind", "parent", "part"});
    Row row{text(r, "key", where),
            text(r, "label", where),
            row_kind(optional_text(r, "kind", where), where),
            optional_text(r, "parent", where),
            optional_text(r, "part", where),
            0};
    table.rows.push_back(std::move(row));
  }
  table.build_indexes();

  // Structure: parents come first and are groups; parts are consistent.
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.parent.empty()) continue;
    const Column* p = table.column(c.parent);
    if (!p || p->kind != ValueKind::kGroup || p >= &c) fail(where, "column " + c.key + ": bad parent " + c.parent);
  }
  for (Row& row : table.rows) {
    if (!row.parent.empty()) {
      const Row* p = table.row(row.parent);
      if (!p || p->kind != RowKind::kGroup || p >= &row) fail(where, "row " + row.key + ": bad parent " + row.parent);
      row.depth = p->depth + 1;
    }
    if (table.parts.empty()) {
      if (!row.part.empty()) fail(where, "row " + row.key + " names a part but the table has none");
    } else if (row.has_values() && !table.part(row.part)) {
      fail(where, "row " + row.key + ": unknown part \"" + row.part + "\"");
    }
  }
  for (const Part& part : table.parts) {
    for (const std::string& c : part.columns) {
      const Column* col = table.column(c);
      if (!col || !col->has_values()) fail(where, "part " + part.key + ": bad column \"" + c + "\"");
    }
  }
  for (const Row& row : table.rows) {
    if (row.kind == RowKind::kGroup && table.descendants(row).empty()) fail(where, "empty group row " + row.key);
  }
  return table;
}

LayoutCell layout_text_cell(const json& c, const Table& table, const std::string& where) {
  LayoutCell cell;
  if (c.contains("caption")) {
    cell.kind = LayoutCell::Kind::kCaption;
    cell.key = text(c, "caption", where);
    auto it = table.captions.find(cell.key);
    if (it == table.captions.end()) fail(where, "unknown caption \"" + cell.key + "\"");
    cell.text = it->second;
  } else if (c.contains("part")) {
    cell.kind = LayoutCell::Kind::kPart;
    cell.key = text(c, "part", where);
    const Part* p = table.part(cell.key);
    if (!p) fail(where, "unknown part \"" + cell.key + "\"");
    cell.text = p->label;
  } else if (c.contains("row")) {
    cell.kind = LayoutCell::Kind::kRow;
    cell.key = text(c, "row", where);
    const Row* r = table.row(cell.key);
    if (!r) fail(where, "unknown row \"" + cell.key + "\"");
    cell.text = r->label;
  } else if (c.contains("column")) {
    cell.kind = LayoutCell::Kind::kColumn;
    cell.key = text(c, "column", where);
    const Column* col = table.column(cell.key);
    if (!col) fail(where, "unknown column \"" + cell.key + "\"");
    cell.text = col->label;
  } else {
    fail(where, "cell without caption, part, row, column, value or values: " + c.dump());
  }
  return cell;
}

// Reads the layout and checks that it is a gap-free, overlap-free grid holding every cell of the
// table exactly once and every label at least once.
Layout load_layout(const json& l, const Table& table, const Format& f) {
  const std::string where = "table " + table.key + " layout";
  only_fields(l, where, {"width", "header_rows", "rows"});
  Layout layout;
  layout.width = positive_int(l, "width", 0, where);
  if (!l.contains("header_rows") || !l["header_rows"].is_number_integer() || l["header_rows"].get<int>() < 0) {
    fail(where, "bad header_rows");
  }
  layout.header_rows = l["header_rows"].get<int>();
  for (const json& r : array(l, "rows", where)) {
    if (!r.is_array()) fail(where, "a row is not an array");
    std::vector<LayoutCell> cells;
    for (const json& c : r) {
      only_fields(c, where, {"caption", "part", "row", "column", "value", "values", "rowspan", "colspan"});
      const int rowspan = positive_int(c, "rowspan", 1, where);
      const int colspan = positive_int(c, "colspan", 1, where);
      const int kinds = static_cast<int>(c.contains("caption")) + static_cast<int>(c.contains("part")) +
                        static_cast<int>(c.contains("row")) + static_cast<int>(c.contains("column")) +
                        static_cast<int>(c.contains("value")) + static_cast<int>(c.contains("values"));
      if (kinds != 1) fail(where, "a cell must have exactly one content field: " + c.dump());
      if (c.contains("values")) {
        const std::string row_key = text(c, "values", where);
        const Row* row = table.row(row_key);
        if (!row || !row->has_values()) fail(where, "values of unknown or group row \"" + row_key + "\"");
        for (const Column* col : table.columns_of(*row)) {
          cells.push_back({LayoutCell::Kind::kValue, cell_ref(table.key, row_key, col->key), "", rowspan, colspan});
        }
      } else if (c.contains("value")) {
        const std::string ref = table.key + "." + text(c, "value", where);
        if (!f.resolve(ref)) fail(where, "value of unknown cell \"" + ref + "\"");
        cells.push_back({LayoutCell::Kind::kValue, ref, "", rowspan, colspan});
      } else {
        LayoutCell cell = layout_text_cell(c, table, where);
        cell.rowspan = rowspan;
        cell.colspan = colspan;
        cells.push_back(std::move(cell));
      }
    }
    layout.rows.push_back(std::move(cells));
  }
  if (layout.header_rows > static_cast<int>(layout.rows.size())) fail(where, "header_rows exceeds the rows");

  // Place the cells on the grid the way HTML does.
  const auto w = static_cast<size_t>(layout.width);
  std::vector<std::vector<bool>> taken(layout.rows.size(), std::vector<bool>(w, false));
  for (size_t r = 0; r < layout.rows.size(); ++r) {
    size_t c = 0;
    for (const LayoutCell& cell : layout.rows[r]) {
      while (c < w && taken[r][c]) ++c;
      const auto rs = static_cast<size_t>(cell.rowspan);
      const auto cs = static_cast<size_t>(cell.colspan);
      if (c + cs > w) fail(where, "row " + std::to_string(r) + " is wider than " + std::to_string(w));
      if (r + rs > layout.rows.size()) fail(where, "a rowspan in row " + std::to_string(r) + " runs past the end");
      for (size_t i = r; i < r + rs; ++i) {
        for (size_t j = c; j < c + cs; ++j) {
          if (taken[i][j]) fail(where, "cells overlap at row " + std::to_string(i) + ", column " + std::to_string(j));
          taken[i][j] = true;
        }
      }
      c += cs;
    }
    if (std::find(taken[r].begin(), taken[r].end(), false) != taken[r].end()) {
      fail(where, "row " + std::to_string(r) + " does not fill the width " + std::to_string(w));
    }
  }

  // Completeness: each cell once, each label and caption at least once.
  std::multiset<std::string> values;
  std::set<std::string> rows, columns, parts, captions;
  for (const auto& r : layout.rows) {
    for (const LayoutCell& cell : r) {
      switch (cell.kind) {
        case LayoutCell::Kind::kValue:
          values.insert(cell.key);
          break;
        case LayoutCell::Kind::kRow:
          rows.insert(cell.key);
          break;
        case LayoutCell::Kind::kColumn:
          columns.insert(cell.key);
          break;
        case LayoutCell::Kind::kPart:
          parts.insert(cell.key);
          break;
        case LayoutCell::Kind::kCaption:
          captions.insert(cell.key);
          break;
      }
    }
  }
  std::multiset<std::string> expected;
  for (const Row* row : table.data_rows()) {
    for (const Column* col : table.columns_of(*row)) expected.insert(cell_ref(table.key, row->key, col->key));
  }
  if (values != expected) fail(where, "the value cells are not exactly the cells of the table, each once");
  for (const Row& row : table.rows) {
    if (!rows.contains(row.key)) fail(where, "row label " + row.key + " is not drawn");
  }
  for (const Column& col : table.columns) {
    if (!columns.contains(col.key)) fail(where, "column label " + col.key + " is not drawn");
  }
  for (const Part& part : table.parts) {
    if (!parts.contains(part.key)) fail(where, "part " + part.key + " is not drawn");
  }
  for (const auto& [key, caption] : table.captions) {
    if (!captions.contains(key)) fail(where, "caption " + key + " is not drawn");
  }
  return layout;
}

// ---- identities ----

Term parse_term(std::string_view s) {
  Term t;
  if (s.starts_with('-')) {
    t.sign = -1;
    s.remove_prefix(1);
  }
  constexpr std::string_view kLast = "last_year:";
  if (s.starts_with(kLast)) {
    t.last_year = true;
    s.remove_prefix(kLast.size());
  }
  t.ref = std::string(s);
  return t;
}

std::vector<std::string> string_array(const json& obj, const char* key, const std::string& where) {
  std::vector<std::string> out;
  for (const json& v : array(obj, key, where)) {
    if (!v.is_string() || v.get<std::string>().empty()) fail(where, std::string("bad entry in ") + key);
    out.push_back(v.get<std::string>());
  }
  if (out.empty()) fail(where, std::string("empty ") + key);
  return out;
}

Identity load_identity(const json& j, const Format& f) {
  only_fields(j, "identity", {"id", "severity", "scope", "description_zh", "basis_zh", "for_each", "lhs", "rhs"});
  Identity id;
  id.id = text(j, "id", "identity");
  const std::string where = "identity " + id.id;
  id.description_zh = text(j, "description_zh", where);
  id.basis_zh = text(j, "basis_zh", where);
  const std::string severity = text(j, "severity", where);
  if (severity == "error") {
    id.severity = Severity::kError;
  } else if (severity == "warning") {
    id.severity = Severity::kWarning;
  } else {
    fail(where, "severity must be error or warning");
  }
  const std::string scope = text(j, "scope", where);
  if (scope == "same_year") {
    id.scope = Scope::kSameYear;
  } else if (scope == "cross_year") {
    id.scope = Scope::kCrossYear;
  } else {
    fail(where, "scope must be same_year or cross_year");
  }
  id.lhs_template = string_array(j, "lhs", where);
  id.rhs_template = string_array(j, "rhs", where);

  std::vector<std::string> keys{""};
  if (j.contains("for_each")) {
    const json& fe = j["for_each"];
    only_fields(fe, where + " for_each", {"var", "over", "values"});
    id.var = text(fe, "var", where);
    if (id.var != "column" && id.var != "row") fail(where, "for_each var must be column or row");
    keys.clear();
    if (fe.contains("over") == fe.contains("values")) fail(where, "for_each needs exactly one of over and values");
    if (fe.contains("values")) {
      keys = string_array(fe, "values", where);
    } else {
      id.over = text(fe, "over", where);
      const auto parts = split_ref(id.over);
      const Table* table = parts.size() == 2 ? f.table(parts[0]) : nullptr;
      if (!table) fail(where, "bad for_each over \"" + id.over + "\"");
      if (parts[1] == "columns" && id.var == "column") {
        for (const Column& c : table->columns) {
          if (c.has_values()) keys.push_back(c.key);
        }
      } else if (parts[1] == "data_rows" && id.var == "row") {
        for (const Row* r : table->data_rows()) keys.push_back(r->key);
      } else {
        fail(where, "for_each over \"" + id.over + "\" does not fit var " + id.var);
      }
    }
  }
  const std::string placeholder = "{" + id.var + "}";
  bool any_last_year = false;
  for (const std::string& key : keys) {
    IdentityInstance inst{key, {}, {}};
    for (auto [templates, out] : {std::pair{&id.lhs_template, &inst.lhs}, std::pair{&id.rhs_template, &inst.rhs}}) {
      for (std::string s : *templates) {
        if (!id.var.empty()) replace_all(s, placeholder, key);
        Term term = parse_term(s);
        if (!f.resolve(term.ref)) fail(where, "no such cell \"" + term.ref + "\" (from \"" + s + "\")");
        any_last_year = any_last_year || term.last_year;
        out->push_back(std::move(term));
      }
    }
    id.instances.push_back(std::move(inst));
  }
  if (id.scope == Scope::kSameYear && any_last_year) fail(where, "a same_year identity names last_year cells");
  if (id.scope == Scope::kCrossYear && !any_last_year) fail(where, "a cross_year identity names no last_year cell");
  return id;
}

}  // namespace

// ---- Table ----

void Table::build_indexes() {
  const std::string where = "table " + key;
  for (size_t i = 0; i < rows.size(); ++i) {
    index_unique(row_index_, rows[i].key, i, where, "row");
    index_unique(row_label_index_, normalize_label(rows[i].label), i, where, "row label");
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    index_unique(column_index_, columns[i].key, i, where, "column");
    index_unique(column_label_index_, normalize_label(columns[i].label), i, where, "column label");
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    index_unique(part_index_, parts[i].key, i, where, "part");
    index_unique(part_label_index_, normalize_label(parts[i].label), i, where, "part label");
  }
}

namespace {
template <class T>
const T* find_in(const std::vector<T>& v, const std::map<std::string, size_t, std::less<>>& index,
                 std::string_view key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &v[it->second];
}
}  // namespace

const Row* Table::row(std::string_view k) const { return find_in(rows, row_index_, k); }
const Column* Table::column(std::string_view k) const { return find_in(columns, column_index_, k); }
const Part* Table::part(std::string_view k) const { return find_in(parts, part_index_, k); }
const Row* Table::row_by_label(std::string_view label) const {
  return find_in(rows, row_label_index_, normalize_label(label));
}
const Column* Table::column_by_label(std::string_view label) const {
  return find_in(columns, column_label_index_, normalize_label(label));
}
const Part* Table::part_by_label(std::string_view label) const {
  return find_in(parts, part_label_index_, normalize_label(label));
}

std::vector<const Column*> Table::columns_of(const Row& r) const {
  std::vector<const Column*> out;
  if (!r.has_values()) return out;
  if (const Part* p = part(r.part)) {
    for (const std::string& c : p->columns) out.push_back(column(c));
    return out;
  }
  for (const Column& c : columns) {
    if (c.has_values()) out.push_back(&c);
  }
  return out;
}

std::string Table::qualified_label(const Row& r) const {
  const Row* parent = r.depth >= 2 ? row(r.parent) : nullptr;
  return parent ? parent->label + " " + r.label : r.label;
}

std::vector<const Row*> Table::data_rows() const {
  std::vector<const Row*> out;
  for (const Row& r : rows) {
    if (r.has_values()) out.push_back(&r);
  }
  return out;
}

std::vector<const Row*> Table::descendants(const Row& group) const {
  std::vector<const Row*> out;
  if (group.has_values()) return out;
  for (const Row& r : rows) {
    for (const Row* p = row(r.parent); p; p = row(p->parent)) {
      if (p == &group) {
        out.push_back(&r);
        break;
      }
    }
  }
  return out;
}

// ---- Term ----

std::string Term::text() const { return std::string(sign < 0 ? "-" : "") + (last_year ? "last_year:" : "") + ref; }

// ---- Format ----

Format Format::load(std::string_view json_text) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::parse_error& e) {
    fail("JSON", e.what());
  }
  only_fields(j, "(top level)", {"id", "name", "about", "decree", "report_years", "sections", "tables", "identities"});
  Format f;
  f.id = text(j, "id", "(top level)");
  const std::string where = f.id;
  f.name = text(j, "name", where);
  if (!j.contains("decree")) fail(where, "missing decree");
  only_fields(j["decree"], where + " decree", {"number", "title", "date"});
  f.decree = text(j["decree"], "number", where);
  f.decree_title = text(j["decree"], "title", where);
  f.decree_date = optional_text(j["decree"], "date", where);
  if (!j.contains("report_years")) fail(where, "missing report_years");
  const json& years = j["report_years"];
  only_fields(years, where + " report_years", {"from", "to"});
  if (!years.contains("from") || !years["from"].is_number_integer()) fail(where, "report_years.from");
  f.first_year = years["from"].get<int>();
  if (years.contains("to") && !years["to"].is_null()) {
    if (!years["to"].is_number_integer() || years["to"].get<int>() < f.first_year) fail(where, "report_years.to");
    f.last_year = years["to"].get<int>();
  }
  std::set<std::string> seen;
  for (const json& s : array(j, "sections", where)) {
    only_fields(s, where + " section", {"key", "title"});
    Section section{text(s, "key", where), text(s, "title", where)};
    if (!seen.insert(section.key).second) fail(where, "duplicate section " + section.key);
    f.sections.push_back(std::move(section));
  }
  seen.clear();
  for (const json& t : array(j, "tables", where)) {
    f.tables.push_back(load_table(t, f));
    if (!seen.insert(f.tables.back().key).second) fail(where, "duplicate table " + f.tables.back().key);
  }
  // Layouts and identities refer to cells of any table, so they are read once all tables are in.
  const json& tables = j["tables"];
  for (size_t i = 0; i < f.tables.size(); ++i) f.tables[i].layout = load_layout(tables[i]["layout"], f.tables[i], f);
  seen.clear();
  for (const json& id : array(j, "identities", where)) {
    f.identities.push_back(load_identity(id, f));
    if (!seen.insert(f.identities.back().id).second) fail(where, "duplicate identity " + f.identities.back().id);
  }
  return f;
}

const Section* Format::section(std::string_view key) const {
  for (const Section& s : sections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const Section* Format::section_by_title(std::string_view title) const {
  const std::string n = normalize_label(title);
  for (const Section& s : sections) {
    if (normalize_label(s.title) == n) return &s;
  }
  return nullptr;
}

const Table* Format::table(std::string_view key) const {
  for (const Table& t : tables) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

const Identity* Format::identity(std::string_view identity_id) const {
  for (const Identity& i : identities) {
    if (i.id == identity_id) return &i;
  }
  return nullptr;
}

std::optional<Cell> Format::resolve(std::string_view ref) const {
  const auto parts = split_ref(ref);
  if (parts.size() != 3) return std::nullopt;
  const Table* t = table(parts[0]);
  if (!t) return std::nullopt;
  const Row* r = t->row(parts[1]);
  const Column* c = t->column(parts[2]);
  if (!r || !c) return std::nullopt;
  const auto cols = t->columns_of(*r);
  if (std::find(cols.begin(), cols.end(), c) == cols.end()) return std::nullopt;
  return Cell{t, r, c};
}

std::vector<std::string> Format::cell_refs() const {
  std::vector<std::string> out;
  for (const Table& t : tables) {
    for (const Row* r : t.data_rows()) {
      for (const Column* c : t.columns_of(*r)) out.push_back(cell_ref(t.key, r->key, c->key));
    }
  }
  return out;
}

std::string Format::cell_label(std::string_view ref) const {
  const auto cell = resolve(ref);
  if (!cell) return "";
  return cell->table->name + " " + cell->table->qualified_label(*cell->row) + "／" + cell->column->label;
}

// ---- registry ----

const std::vector<Format>& formats() {
  static const std::vector<Format> all = [] {
    std::vector<Format> v;
    for (const auto& [path, content] : embedded::all_files()) {
      if (path.starts_with(kDataDir) && path.ends_with(".json")) v.push_back(Format::load(content));
    }
    if (v.empty()) throw std::runtime_error("no report formats embedded under data/report_formats/");
    std::sort(v.begin(), v.end(), [](const Format& a, const Format& b) { return a.first_year < b.first_year; });
    for (size_t i = 1; i < v.size(); ++i) {
      if (!v[i - 1].last_year || *v[i - 1].last_year >= v[i].first_year) {
        throw std::runtime_error("report formats " + v[i - 1].id + " and " + v[i].id + " overlap");
      }
    }
    return v;
  }();
  return all;
}

const Format* format(std::string_view id) {
  for (const Format& f : formats()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const Format* format_for_year(int report_year) {
  for (const Format& f : formats()) {
    if (f.applies_to(report_year)) return &f;
  }
  return nullptr;
}

std::string cell_ref(std::string_view table, std::string_view row, std::string_view column) {
  std::string out;
  out.reserve(table.size() + row.size() + column.size() + 2);
  out.append(table).append(".").append(row).append(".").append(column);
  return out;
}

}  // namespace gk::reports
