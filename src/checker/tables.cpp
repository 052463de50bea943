#include "checker/tables.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "reports/label.h"

namespace gk::checker {

namespace {

using reports::Column;
using reports::Format;
using reports::Row;
using reports::Table;

constexpr size_t kMaxLineForTable = 4000;
constexpr size_t kMaxLabelBytes = 400;

struct RowEntry {
  std::string key;  // normalized label
  const Table* table;
  const Row* row;
};

struct Index {
  std::vector<RowEntry> rows;  // data and total rows of every table
};

const Index& index_of(const Format& f) {
  static const std::map<const Format*, Index> all = [] {
    std::map<const Format*, Index> m;
    for (const auto& fmt : reports::formats()) {
      Index ix;
      for (const auto& t : fmt.tables)
        for (const auto& r : t.rows)
          if (r.has_values()) ix.rows.push_back({reports::normalize_label(r.label), &t, &r});
      m.emplace(&fmt, std::move(ix));
    }
    return m;
  }();
  return all.at(&f);
}

// Normalized labels that occur in one format's tables and not in the other's.
const std::pair<std::set<std::string>, std::set<std::string>>& distinctive_labels() {
  static const auto sets = [] {
    auto labels_of = [](const Format& f) {
      std::set<std::string> s;
      for (const auto& t : f.tables) {
        for (const auto& r : t.rows) s.insert(reports::normalize_label(r.label));
        for (const auto& c : t.columns) s.insert(reports::normalize_label(c.label));
      }
      return s;
    };
    const auto a = labels_of(*reports::format("2019"));
    const auto b = labels_of(*reports::format("2021"));
    std::set<std::string> only_a, only_b;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(only_a, only_a.end()));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::inserter(only_b, only_b.end()));
    return std::make_pair(only_a, only_b);
  }();
  return sets;
}

enum class CellKind { kEmpty, kDash, kNumber, kText };

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Classifies a cell; for numbers, `num` gets the ASCII form ("-3", "12.5").
CellKind classify(std::string_view cell, std::string* num) {
  std::string c(cell);
  while (!c.empty() && (c.back() == ' ')) c.pop_back();
  while (!c.empty() && c.front() == ' ') c.erase(0, 1);
  if (c.empty()) return CellKind::kEmpty;
  for (const char* d : {"-", "—", "——", "－", "/", "／", "―", "–", "\\", "无", "--", "×"})
    if (c == d) return CellKind::kDash;
  for (const char* u : {"万元", "元", "件", "条", "个", "宗", "次", "项"}) {
    if (ends_with(c, u) && c.size() > std::string_view(u).size()) {
      c.resize(c.size() - std::string_view(u).size());
      break;
    }
  }
  std::string out;
  size_t i = 0;
  if (c.compare(0, 3, "－") == 0 || c.compare(0, 3, "−") == 0) {
    out += '-';
    i = 3;
  } else if (c[0] == '-' || c[0] == '+') {
    if (c[0] == '-') out += '-';
    i = 1;
  }
  bool digits = false, dot = false;
  for (; i < c.size(); ++i) {
    const char ch = c[i];
    if (ch >= '0' && ch <= '9') {
      out += ch;
      digits = true;
    } else if (ch == '.' && !dot && digits) {
      out += ch;
      dot = true;
    } else if (c.compare(i, 3, "．") == 0 && !dot && digits) {
      out += '.';
      dot = true;
      i += 2;
    } else if (ch == ',' && digits) {
      // thousands separator
    } else {
      return CellKind::kText;
    }
  }
  if (!digits || out.back() == '.') return CellKind::kText;
  *num = out;
  return CellKind::kNumber;
}

struct SplitRow {
  std::vector<std::string> labels;
  std::vector<std::string> values;
};

SplitRow split_row(const Line& line) {
  SplitRow r;
  std::vector<std::string> cells;
  std::vector<bool> copies;
  if (line.grid) {
    for (const auto& c : line.cells) {
      cells.push_back(c.text);
      copies.push_back(c.copy);
    }
  } else {
    cells = split_cells(line.text);
    copies.assign(cells.size(), false);
  }
  int last_label = -1;
  std::string num;
  for (size_t i = 0; i < cells.size(); ++i)
    if (classify(cells[i], &num) == CellKind::kText) last_label = static_cast<int>(i);
  for (int i = 0; i <= last_label; ++i) {
    const auto& c = cells[static_cast<size_t>(i)];
    if (c.empty()) continue;
    if (!r.labels.empty() && r.labels.back() == c) continue;
    r.labels.push_back(c);
  }
  for (size_t i = static_cast<size_t>(last_label + 1); i < cells.size(); ++i)
    if (!copies[i]) r.values.push_back(cells[i]);
  return r;
}

const RowEntry* match_label(const Index& ix, std::string_view label) {
  if (label.size() > kMaxLabelBytes) return nullptr;
  const std::string key = reports::normalize_label(label);
  if (key.empty()) return nullptr;
  const RowEntry* best = nullptr;
  for (const auto& e : ix.rows) {
    if (e.key == key) return &e;
    if (key.size() > e.key.size() && ends_with(key, e.key) && (!best || e.key.size() > best->key.size())) best = &e;
  }
  return best;
}

class Reader {
 public:
  Reader(const Format& f, ParsedTables& out) : f_(f), ix_(index_of(f)), out_(out) {
    for (const auto& t : f.tables) out_.status[t.key] = TableStatus{t.key, t.name, false, 0, 0};
  }

  bool read(const Line& line) {
    if (!line.grid && line.text.size() > kMaxLineForTable) return false;
    SplitRow r = split_row(line);
    if (r.values.empty()) return false;
    while (!r.values.empty() && r.values.back().empty()) r.values.pop_back();
    if (r.values.empty()) return false;
    if (!r.labels.empty()) {
      const RowEntry* e = match_label(ix_, r.labels.back());
      if (!e && r.labels.size() > 1) {
        std::string joined;
        for (const auto& l : r.labels) joined += l;
        e = match_label(ix_, joined);
      }
      if (e) return assign(*e->table, *e->row, r.values);
    }
    // 表四's numbers: one row of 15 under the three groups, without a label of its own.
    const Table* t4 = f_.table("table4");
    if (t4 && !seen(*t4, "review") && r.labels.empty()) {
      std::vector<std::string> vals = r.values;
      if (vals.size() != 15) {
        std::vector<std::string> nonempty;
        for (const auto& v : vals)
          if (!v.empty()) nonempty.push_back(v);
        vals = nonempty;
      }
      if (vals.size() == 15) {
        const char* rows[] = {"review", "suit_direct", "suit_after_review"};
        for (int g = 0; g < 3; ++g) {
          std::vector<std::string> part(vals.begin() + g * 5, vals.begin() + g * 5 + 5);
          assign(*t4, *t4->row(rows[g]), part);
        }
        return true;
      }
    }
    return false;
  }

  void finish() {
    for (const auto& t : f_.tables) {
      const auto& st = out_.status[t.key];
      if (!st.found) continue;
      std::vector<std::string> missing;
      for (const Row* r : t.data_rows())
        if (!seen(t, r->key)) missing.push_back(t.qualified_label(*r));
      if (missing.empty()) continue;
      out_.incomplete.insert(t.key);
      std::string list;
      for (size_t i = 0; i < missing.size() && i < 3; ++i) list += (i ? "、" : "") + std::string("「") + missing[i] + "」";
      if (missing.size() > 3) list += "等";
      out_.findings.push_back({FindingSeverity::kWarning, "table_rows_missing",
                               t.name + "缺少" + std::to_string(missing.size()) + "行：" + list + "。"});
    }
  }

 private:
  bool seen(const Table& t, std::string_view row) const {
    return out_.rows_seen.count(t.key + "." + std::string(row)) > 0;
  }

  bool assign(const Table& t, const Row& row, std::vector<std::string> vals) {
    if (seen(t, row.key)) return true;
    const auto cols = t.columns_of(row);
    if (cols.empty()) return false;
    const size_t n = cols.size();
    if (vals.size() > n) {
      std::vector<std::string> nonempty;
      for (const auto& v : vals)
        if (!v.empty()) nonempty.push_back(v);
      if (nonempty.size() == n) {
        vals = nonempty;
      } else {
        out_.findings.push_back({FindingSeverity::kWarning, "table_row_extra_cells",
                                 t.name + "「" + t.qualified_label(row) + "」行有" + std::to_string(vals.size()) +
                                     "个数，应为" + std::to_string(n) + "个，只取前" + std::to_string(n) + "个。"});
        vals.resize(n);
      }
    }
    if (vals.size() < n) {
      out_.findings.push_back({FindingSeverity::kWarning, "table_row_incomplete",
                               t.name + "「" + t.qualified_label(row) + "」行只读到" + std::to_string(vals.size()) +
                                   "个数，应为" + std::to_string(n) + "个，缺少的格按空白处理。"});
    }
    out_.rows_seen[t.key + "." + row.key] = 1;
    auto& st = out_.status[t.key];
    st.found = true;
    for (size_t i = 0; i < n; ++i) {
      const Column& col = *cols[i];
      const std::string ref = reports::cell_ref(t.key, row.key, col.key);
      if (i >= vals.size()) {
        ++st.blank;
        continue;
      }
      std::string num;
      const CellKind k = classify(vals[i], &num);
      if (k == CellKind::kEmpty || k == CellKind::kDash) {
        ++st.blank;
        continue;
      }
      std::optional<int64_t> v;
      if (k == CellKind::kNumber) {
        if (col.kind == reports::ValueKind::kAmount) {
          v = reports::parse_amount(num);
        } else if (num.find('.') == std::string::npos && num.size() <= 15 &&
                   (num[0] != '-' || col.kind == reports::ValueKind::kSignedCount)) {
          v = std::stoll(num);
        }
      }
      if (!v) {
        out_.findings.push_back({FindingSeverity::kWarning, "table_cell_unreadable",
                                 t.name + "「" + t.qualified_label(row) + "／" + col.label + "」格的「" + vals[i] +
                                     "」不是有效数字。"});
        ++st.blank;
        continue;
      }
      out_.values.set(ref, *v);
      ++st.cells;
    }
    return true;
  }

  const Format& f_;
  const Index& ix_;
  ParsedTables& out_;
};

}  // namespace

ParsedTables parse_tables(const Format& format, const std::vector<Line>& lines) {
  ParsedTables out;
  out.table_lines.assign(lines.size(), false);
  Reader reader(format, out);
  for (size_t i = 0; i < lines.size(); ++i) out.table_lines[i] = reader.read(lines[i]);
  reader.finish();
  return out;
}

std::pair<int, int> format_label_hits(const std::vector<Line>& lines) {
  const auto& [only2019, only2021] = distinctive_labels();
  int a = 0, b = 0;
  std::unordered_map<std::string, int> memo;  // cell → 0 none, 1 only 2019, 2 only 2021
  for (const auto& line : lines) {
    if (!line.grid && line.text.size() > kMaxLineForTable) continue;
    std::vector<std::string> cells;
    if (line.grid) {
      for (const auto& c : line.cells)
        if (!c.copy) cells.push_back(c.text);
    } else {
      cells = split_cells(line.text);
    }
    for (const auto& c : cells) {
      // Labels are short and Chinese: skip long cells and ASCII-only ones (numbers) before normalizing.
      if (c.size() < 6 || c.size() > 200) continue;
      if (std::none_of(c.begin(), c.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; })) continue;
      auto it = memo.find(c);
      if (it == memo.end()) {
        const std::string key = reports::normalize_label(c);
        const int v = only2019.count(key) ? 1 : only2021.count(key) ? 2 : 0;
        it = memo.size() < 100000 ? memo.emplace(c, v).first : memo.end();
        if (it == memo.end()) {
          a += v == 1;
          b += v == 2;
          continue;
        }
      }
      a += it->second == 1;
      b += it->second == 2;
    }
  }
  return {a, b};
}

}  // namespace gk::checker
