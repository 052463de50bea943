#include "checker/checker.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "checker/figures.h"
#include "checker/input.h"
#include "checker/tables.h"
#include "reports/identities.h"

namespace gk::checker {

namespace {

using reports::Format;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

// Length of the UTF-8 character starting at s[i] (1 for a stray byte).
size_t char_len(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  return std::min(n, s.size() - i);
}

// The start of the UTF-8 character that ends just before byte i.
size_t prev_char(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return j;
}

// ---- sections ----

constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

bool is_numeral_at(std::string_view s, size_t i) {
  for (auto n : kNumerals)
    if (s.compare(i, n.size(), n) == 0) return true;
  return false;
}

// Which section a heading names (tolerant of wording; docs/checker.md), or "".
std::string classify_heading(std::string_view h) {
  if (contains(h, "其他需要报告") || contains(h, "其他事项")) return "other";
  if (contains(h, "问题") && (contains(h, "存在") || contains(h, "改进") || contains(h, "不足"))) return "problems";
  if (contains(h, "行政复议") || contains(h, "行政诉讼")) return "review_litigation";
  if (contains(h, "依申请") ||
      (contains(h, "申请") && (contains(h, "收到") || contains(h, "处理") || contains(h, "办理") || contains(h, "受理"))))
    return "applications";
  if (contains(h, "主动公开")) return "proactive";
  if (contains(h, "总体情况") || contains(h, "基本情况") || contains(h, "概述") || contains(h, "基础工作") ||
      contains(h, "工作概况") || contains(h, "总体概况"))
    return "overview";
  return "";
}

struct Heading {
  std::string key;
  std::string text;
  size_t start = 0, end = 0;  // byte offsets in the full text
};

// Headings "一、…" to "十、…" (not "（一）…"): a Chinese numeral and 、 or ．, the heading running to
// the next stop character or 40 characters.
std::vector<Heading> find_headings(std::string_view text) {
  std::vector<Heading> out;
  // Candidate starts: the numerals before each separator (found with find(), which is fast on 20 MB).
  std::vector<std::pair<size_t, size_t>> cands;  // (start of the numerals, end of the separator)
  for (std::string_view sep : {std::string_view("、"), std::string_view("．"), std::string_view(".")}) {
    for (size_t p = text.find(sep); p != std::string_view::npos; p = text.find(sep, p + 1)) {
      size_t start = p;
      while (start > 0 && text[start - 1] == ' ') --start;
      size_t n = 0;
      while (start >= 3 && n < 3 && is_numeral_at(text, start - 3)) {
        start -= 3;
        ++n;
      }
      if (n == 0) continue;
      cands.emplace_back(start, p + sep.size());
    }
  }
  std::sort(cands.begin(), cands.end());
  size_t done = 0;
  for (const auto& [start, sep_end] : cands) {
    if (start < done) continue;
    if (start > 0) {
      const size_t p = prev_char(text, start);
      const std::string_view before = text.substr(p, start - p);
      if (before == "（" || before == "(" || before == "第" || before == "、") continue;
    }
    size_t j = sep_end;
    while (j < text.size() && (text[j] == ' ' || text.compare(j, 3, "　") == 0)) j += text[j] == ' ' ? 1 : 3;
    size_t k = j;
    int chars = 0;
    static const std::string_view stops[] = {"\n", "。", "，", ",", "；", ";", "：", ":", "|", "\t", "！", "？"};
    while (k < text.size() && chars < 40) {
      bool stop = false;
      for (auto s : stops)
        if (text.compare(k, s.size(), s) == 0) stop = true;
      // A single space inside a heading is kept ("主动 公开"); a space before a digit, '|' or another
      // space ends it ("一、总体情况 2019年，…").
      const size_t sp = text[k] == ' ' ? 1 : text.compare(k, 3, "　") == 0 ? 3 : 0;
      if (sp > 0) {
        const size_t n = k + sp;
        if (n >= text.size() || std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == ' ' || text[n] == '|' ||
            text.compare(n, 3, "　") == 0)
          stop = true;
      }
      if (stop) break;
      k += char_len(text, k);
      ++chars;
    }
    const std::string_view h = text.substr(start, k - start);
    std::string compact;
    for (char c : h.substr(j - start))
      if (c != ' ') compact += c;
    const std::string key = classify_heading(compact);
    if (!key.empty()) out.push_back({key, std::string(h), start, k});
    done = k;
  }
  return out;
}

// Is there text worth the name (at least 6 characters that are not space, '|' or punctuation)?
bool has_content(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t l = char_len(s, i);
    const std::string_view c = s.substr(i, l);
    if (!(c == " " || c == "\n" || c == "\t" || c == "|" || c == "　" || c == "。" || c == "：" || c == ":")) ++n;
    if (n >= 6) return true;
    i += l;
  }
  return false;
}

// ---- title, agency, year, date ----

std::optional<int> year_before(std::string_view s, size_t* pos, size_t* len) {
  // First "YYYY年" (1990–2100) in s; also "YYYY年度".
  for (size_t i = 0; i + 7 <= s.size(); ++i) {
    if (!(std::isdigit(static_cast<unsigned char>(s[i])) && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
          std::isdigit(static_cast<unsigned char>(s[i + 2])) && std::isdigit(static_cast<unsigned char>(s[i + 3]))))
      continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    if (s.compare(i + 4, 3, "年") != 0) continue;
    const int y = std::stoi(std::string(s.substr(i, 4)));
    if (y < 1990 || y > 2100) continue;
    *pos = i;
    *len = 7 + (s.compare(i + 7, 3, "度") == 0 ? 3 : 0);
    return y;
  }
  return std::nullopt;
}

std::string remove_parentheticals(std::string s) {
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}}) {
    for (;;) {
      const size_t a = s.find(open);
      if (a == std::string::npos) break;
      const size_t b = s.find(close, a);
      if (b == std::string::npos) {
        s.erase(a);
        break;
      }
      s.erase(a, b + close.size() - a);
    }
  }
  return s;
}

std::string trim_ws(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t a = 0;
  while (a < s.size() && (s[a] == ' ' || s[a] == '\t')) ++a;
  s.erase(0, a);
  while (starts_with(s, "　")) s.erase(0, 3);
  while (ends_with(s, "　")) s.resize(s.size() - 3);
  return s;
}

struct TitleInfo {
  std::string agency;
  std::optional<int> year;
};

// The report title: "…政府信息公开…报告" near the start; agency and year from the text before it.
TitleInfo find_title(std::string_view text) {
  TitleInfo t;
  const std::string_view head = text.substr(0, std::min<size_t>(text.size(), 12000));
  size_t from = 0;
  while (true) {
    const size_t m = head.find("政府信息公开", from);
    if (m == std::string_view::npos) break;
    from = m + 1;
    const std::string_view tail = head.substr(m + 18, 36);
    const size_t rep = std::min(tail.find("报告"), tail.find("年报"));
    if (rep == std::string_view::npos) continue;
    // The segment before: back to a boundary.
    size_t b = m;
    static const std::string_view bounds[] = {"\n", "。", "，", ",", "：", ":", "|", " ", "》", "《", "“", "”", "\"", "_", "　", "；"};
    while (b > 0) {
      const size_t p = prev_char(head, b);
      const std::string_view c = head.substr(p, b - p);
      bool stop = false;
      for (auto s : bounds)
        if (c == s) stop = true;
      if (stop || m - p > 150) break;
      b = p;
    }
    std::string seg = remove_parentheticals(std::string(head.substr(b, m - b)));
    for (std::string_view lead : {"现公布", "现将", "特公布", "现予公布", "公布", "关于", "根据"})
      if (starts_with(seg, lead)) seg.erase(0, lead.size());
    size_t ypos = 0, ylen = 0;
    if (auto y = year_before(seg, &ypos, &ylen)) {
      t.year = y;
      seg.erase(ypos, ylen);
    } else {
      const std::string_view after = head.substr(m, std::min<size_t>(120, head.size() - m));
      if (auto y2 = year_before(after, &ypos, &ylen)) t.year = y2;
    }
    while (ends_with(seg, "的")) seg.resize(seg.size() - 3);
    seg = trim_ws(seg);
    if (seg.empty() && !t.year) continue;  // "首页 > 政府信息公开 > 年度报告": navigation, not the title
    if (seg.size() <= 90) t.agency = seg;
    return t;
  }
  return t;
}

struct Date {
  int y = 0, m = 0, d = 0;
  std::string iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
  }
  bool valid() const { return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }
  auto tie() const { return std::array<int, 3>{y, m, d}; }
};

// Reads a number of up to `max` ASCII digits at s[i].
int read_int(std::string_view s, size_t& i, size_t max) {
  int v = 0;
  size_t n = 0;
  while (i < s.size() && n < max && std::isdigit(static_cast<unsigned char>(s[i]))) {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  return n == 0 ? -1 : v;
}

// A date at s[i]: YYYY年M月D日, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD. Sets `end`.
std::optional<Date> date_at(std::string_view s, size_t i, size_t* end) {
  if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) return std::nullopt;
  size_t k = i;
  const int y = read_int(s, k, 4);
  if (y < 1000 || k - i != 4) return std::nullopt;
  if (s.compare(k, 3, "年") == 0) {
    k += 3;
    const int m = read_int(s, k, 2);
    if (m < 0 || s.compare(k, 3, "月") != 0) return std::nullopt;
    k += 3;
    const int d = read_int(s, k, 2);
    if (d < 0 || s.compare(k, 3, "日") != 0) return std::nullopt;
    k += 3;
    Date dt{y, m, d};
    if (!dt.valid()) return std::nullopt;
    *end = k;
    return dt;
  }
  if (k < s.size() && (s[k] == '-' || s[k] == '/' || s[k] == '.')) {
    const char sep = s[k++];
    const int m = read_int(s, k, 2);
    if (m < 0 || k >= s.size() || s[k] != sep) return std::nullopt;
    ++k;
    const int d = read_int(s, k, 2);
    if (d < 0) return std::nullopt;
    Date dt{y, m, d};
    if (!dt.valid()) return std::nullopt;
    *end = k;
    return dt;
  }
  return std::nullopt;
}

const std::string_view kAgencySuffixes[] = {"人民政府", "政府", "办公室", "办公厅", "委员会", "管委会", "办事处", "局",
                                            "委", "厅", "中心", "院", "署", "办", "所", "馆", "处", "队", "站", "部", "会"};

struct Signature {
  std::string agency;
  std::optional<Date> date;
};

// The date the report states it was published: after 发布日期/发布时间/成文日期 anywhere, else the date
// of the signature at the end (the last full date in the last 3000 bytes, with the name before it).
Signature find_signature(std::string_view text, std::optional<int> year, std::optional<Date>* labelled) {
  for (std::string_view label : {"发布日期", "发布时间", "成文日期", "公开日期", "发文日期"}) {
    size_t from = 0;
    while (!*labelled) {
      const size_t p = text.find(label, from);
      if (p == std::string_view::npos) break;
      from = p + 1;
      size_t k = p + label.size();
      for (int n = 0; n < 6 && k < text.size() && !std::isdigit(static_cast<unsigned char>(text[k])); ++n)
        k += char_len(text, k);
      size_t end = 0;
      if (auto d = date_at(text, k, &end)) *labelled = d;
    }
    if (*labelled) break;
  }
  Signature sig;
  const size_t tail_start = text.size() > 3000 ? text.size() - 3000 : 0;
  for (size_t i = text.size(); i-- > tail_start;) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
    size_t end = 0;
    auto d = date_at(text, i, &end);
    if (!d) continue;
    // A signature date lies after the year reported on (the statistics period ends on 12月31日 of it).
    if (year && (d->y <= *year || d->y > *year + 2)) continue;
    sig.date = d;
    // The name before the date on the same line.
    size_t line_start = text.rfind('\n', i);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string before = trim_ws(std::string(text.substr(line_start, i - line_start)));
    const size_t sp = std::max({before.rfind(' ') == std::string::npos ? 0 : before.rfind(' ') + 1,
                                before.rfind("。") == std::string::npos ? 0 : before.rfind("。") + 3,
                                before.rfind("　") == std::string::npos ? 0 : before.rfind("　") + 3});
    before = trim_ws(before.substr(sp));
    if (before.empty() && line_start > 0) {
      // The name on the line above.
      const size_t prev_end = line_start - 1;
      size_t ps = text.rfind('\n', prev_end > 0 ? prev_end - 1 : 0);
      ps = ps == std::string_view::npos ? 0 : ps + 1;
      before = trim_ws(std::string(text.substr(ps, prev_end - ps)));
    }
    if (before.size() <= 90) {
      for (auto suf : kAgencySuffixes) {
        if (ends_with(before, suf) && before.size() > suf.size()) {
          sig.agency = before;
          break;
        }
      }
    }
    break;
  }
  return sig;
}

// ---- findings ----

void add(CheckResult& r, FindingSeverity s, std::string code, std::string msg) {
  r.findings.push_back({s, std::move(code), std::move(msg)});
}

std::string date_zh(const Date& d) {
  return std::to_string(d.y) + "年" + std::to_string(d.m) + "月" + std::to_string(d.d) + "日";
}

std::optional<Date> parse_iso(const std::string& s) {
  size_t end = 0;
  return date_at(s, 0, &end);
}

void check_deadline(CheckResult& r) {
  if (!r.year) return;
  if (!r.published) {
    add(r, FindingSeverity::kInfo, "publication_date_unknown", "报告未载明发布日期或落款日期，无法核对是否按时公布。");
    return;
  }
  const auto pub = parse_iso(*r.published);
  if (!pub) return;
  Date deadline{*r.year + 1, 3, 31};
  std::string basis;
  if (*r.year <= 2018) {
    basis = "原《条例》（2007年）第三十一条规定的3月31日";
  } else if (r.agency_level == "department") {
    deadline.m = 1;
    basis = "《条例》第四十九条对县级以上人民政府部门规定的1月31日";
  } else if (r.agency_level == "government") {
    basis = "《条例》第四十九条对县级以上地方人民政府规定的3月31日";
  } else {
    return;  // township or unknown: Art. 49 names no deadline (docs/checker.md)
  }
  if (pub->tie() > deadline.tie()) {
    add(r, FindingSeverity::kError, "late_publication",
        "报告发布/落款日期为" + date_zh(*pub) + "，晚于" + basis + "（" + date_zh(deadline) + "）。");
  }
}

int score_of(const CheckResult& r) {
  int score = 100;
  int identity = 0, carry = 0, prose = 0;
  std::set<std::string> incomplete_tables;
  for (const auto& f : r.findings) {
    if (f.code == "section_missing") score -= r.era == Era::kPre2019 ? 4 : 8;
    else if (f.code == "section_empty") score -= 4;
    else if (f.code == "table_missing") score -= 15;
    else if (f.code == "identity_violation") identity += f.severity == FindingSeverity::kError ? 5 : 2;
    else if (f.code == "carry_over_mismatch") carry += 5;
    else if (f.code == "late_publication") score -= 10;
    else if (f.code == "prose_table_mismatch") prose += 5;
    else if (f.code == "format_mismatch") score -= 5;
    else if (f.code == "year_unknown") score -= 5;
    else if (f.code == "agency_unknown") score -= 3;
    else if (f.code == "table_rows_missing" || f.code == "table_row_incomplete" || f.code == "table_cell_unreadable" ||
             f.code == "table_row_extra_cells")
      incomplete_tables.insert(f.message_zh.substr(0, 6));  // "表二" … (3 bytes per character)
  }
  score -= std::min(identity, 30) + std::min(carry, 15) + std::min(prose, 15);
  score -= 3 * static_cast<int>(incomplete_tables.size());
  return std::clamp(score, 0, 100);
}

int64_t sum_refs(const reports::TableValues& v, const std::vector<std::string>& refs, bool* all_present) {
  int64_t s = 0;
  *all_present = true;
  for (const auto& ref : refs) {
    auto x = v.get(ref);
    if (!x) *all_present = false;
    else s += *x;
  }
  return s;
}

std::string table_of_ref(std::string_view ref) { return std::string(ref.substr(0, ref.find('.'))); }

}  // namespace

std::string_view input_kind_name(InputKind k) {
  switch (k) {
    case InputKind::kHtml: return "html";
    case InputKind::kPdf: return "pdf";
    case InputKind::kText: break;
  }
  return "text";
}

std::string_view era_name(Era e) {
  switch (e) {
    case Era::kPre2019: return "pre2019";
    case Era::k2019: return "2019";
    case Era::k2021: return "2021";
    case Era::kUnknown: break;
  }
  return "unknown";
}

std::string_view severity_name(FindingSeverity s) {
  switch (s) {
    case FindingSeverity::kError: return "error";
    case FindingSeverity::kWarning: return "warning";
    case FindingSeverity::kInfo: break;
  }
  return "info";
}

bool CheckResult::has_finding(std::string_view code) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
}

std::string agency_level(std::string_view name) {
  if (name.empty()) return "unknown";
  for (std::string_view s : {"镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处", "街道办", "街道", "镇", "乡"})
    if (ends_with(name, s)) return "township";
  if (ends_with(name, "人民政府") || ends_with(name, "政府")) return "government";
  for (std::string_view s : {"县", "市", "区", "省", "自治区", "自治州", "自治县", "旗", "盟"})
    if (ends_with(name, s)) return "government";
  return "department";
}

Result<CheckResult> check_report(std::string_view bytes, const CheckOptions& options) {
  if (bytes.size() > kMaxInputBytes) {
    return Error::too_large("文件超过20MB（" + std::to_string(bytes.size() / (1024 * 1024)) + "MB），年报体检不予处理。");
  }
  if (bytes.empty()) return Error::invalid("empty_input", "文件为空，没有可检查的内容。");

  CheckResult r;
  Extracted ex = extract(bytes);
  r.input = ex.kind;
  r.encoding = ex.encoding;
  if (ex.encoding_doubtful)
    add(r, FindingSeverity::kWarning, "encoding_doubtful", "文件中有大量字节无法按UTF-8或GBK/GB18030解码，内容可能是乱码或非文本。");
  if (ex.html_flattened)
    add(r, FindingSeverity::kInfo, "html_flattened", "网页嵌套层次过深，已去除标签按纯文本读取。");

  std::string full;
  for (const auto& l : ex.lines) {
    full += l.text;
    full += '\n';
  }
  std::string meta_text;  // the text without the '|' debris of copied pages
  meta_text.reserve(full.size());
  for (char c : full)
    if (c != '|') meta_text += c;

  // Title, agency, year.
  TitleInfo title = find_title(meta_text);
  r.year = title.year;
  if (!r.year) {
    // "统计范围自2019年1月1日起至2019年12月31日止" and similar.
    const size_t p = meta_text.find("年1月1日");
    if (p != std::string::npos && p >= 4) {
      size_t pos = 0, len = 0;
      if (auto y = year_before(std::string_view(meta_text).substr(p - 4, 12), &pos, &len)) r.year = y;
    }
  }
  std::optional<Date> labelled;
  const Signature sig = find_signature(meta_text, r.year, &labelled);
  r.agency = title.agency;
  if (!sig.agency.empty() && (r.agency.empty() || (starts_with(sig.agency, r.agency) && sig.agency.size() > r.agency.size())))
    r.agency = sig.agency;
  r.agency_level = agency_level(r.agency);
  if (labelled) r.published = labelled->iso();
  else if (sig.date) r.published = sig.date->iso();
  if (!r.published && options.fallback_published && parse_iso(*options.fallback_published))
    r.published = *options.fallback_published;
  if (r.agency.empty() && !options.fallback_agency.empty()) {
    r.agency = options.fallback_agency;
    r.agency_level = agency_level(r.agency);
  }
  if (!r.year) add(r, FindingSeverity::kWarning, "year_unknown", "未能从标题或正文识别报告年度。");
  if (r.agency.empty()) add(r, FindingSeverity::kWarning, "agency_unknown", "未能从标题或落款识别发布机关。");

  // Era and format: label evidence first, then the year.
  const auto [hits2019, hits2021] = format_label_hits(ex.lines);
  const Format* by_year = r.year ? reports::format_for_year(*r.year) : nullptr;
  const Format* by_labels = hits2021 > hits2019 ? reports::format("2021")
                            : hits2019 > hits2021 ? reports::format("2019")
                                                  : nullptr;
  r.format = by_labels ? by_labels : by_year;
  if (r.format) r.era = r.format->id == "2021" ? Era::k2021 : Era::k2019;
  else if (r.year && *r.year < 2019) r.era = Era::kPre2019;
  if (by_labels && r.year && by_labels != by_year) {
    add(r, FindingSeverity::kWarning, "format_mismatch",
        std::to_string(*r.year) + "年度报告应使用" +
            (by_year ? by_year->name + "（" + by_year->decree + "）" : std::string("当年的自由格式")) + "，但表格使用的是" +
            by_labels->name + "的栏目。");
  }

  // Sections: the format's six titles (the same in both formats) for every era.
  const Format& titles = r.format ? *r.format : *reports::format("2021");
  const auto headings = find_headings(full);
  std::map<std::string, const Heading*> first;
  for (const auto& h : headings)
    if (!first.count(h.key)) first[h.key] = &h;
  std::vector<size_t> starts;
  for (const auto& [k, h] : first) starts.push_back(h->start);
  std::sort(starts.begin(), starts.end());
  for (const auto& s : titles.sections) {
    SectionStatus st{s.key, s.title, false, "", false};
    auto it = first.find(s.key);
    if (it != first.end()) {
      st.found = true;
      st.heading = it->second->text;
      size_t next = full.size();
      for (size_t p : starts)
        if (p > it->second->start) {
          next = p;
          break;
        }
      st.empty = !has_content(std::string_view(full).substr(it->second->end, next - it->second->end));
    }
    r.sections.push_back(st);
  }
  for (const auto& st : r.sections) {
    if (!st.found) {
      add(r, r.era == Era::kPre2019 ? FindingSeverity::kWarning : FindingSeverity::kError, "section_missing",
          "缺少第" + st.title.substr(0, 3) + "部分「" + st.title.substr(6) + "」。");
    } else if (st.empty) {
      add(r, FindingSeverity::kWarning, "section_empty", "「" + st.heading + "」标题下没有内容。");
    }
  }

  // Tables.
  std::vector<bool> table_lines(ex.lines.size(), false);
  if (r.format) {
    ParsedTables pt = parse_tables(*r.format, ex.lines);
    table_lines = pt.table_lines;
    r.values = std::move(pt.values);
    for (const auto& t : r.format->tables) {
      TableStatus st = pt.status[t.key];
      r.tables.push_back(st);
      if (!st.found) {
        const reports::Section* sec = r.format->section(t.section);
        add(r, FindingSeverity::kError, "table_missing",
            "未找到" + t.name + (sec ? "（" + sec->title + "）" : std::string()) + "，或表格内容在复制、转载时丢失。");
      }
    }
    for (auto& f : pt.findings) r.findings.push_back(std::move(f));

    // Identities are checked on tables read in full: a table cut short (a truncated page) would
    // otherwise give a violation for every row it lost; table_rows_missing already says so.
    std::set<std::string> found_tables;
    for (const auto& st : r.tables)
      if (st.found && !pt.incomplete.count(st.key)) found_tables.insert(st.key);
    const reports::TableValues* last = nullptr;
    if (options.previous && !options.previous->values.empty()) {
      if (options.previous->year && r.year && *options.previous->year != *r.year - 1) {
        add(r, FindingSeverity::kInfo, "previous_year_mismatch",
            "所附上年报告为" + std::to_string(*options.previous->year) + "年度，不是" + std::to_string(*r.year - 1) +
                "年度，未做跨年核对。");
      } else {
        last = &options.previous->values;
      }
    }
    for (const auto& v : reports::check_identities(*r.format, r.values, last)) {
      bool usable = true;
      for (const auto* side : {&v.lhs, &v.rhs})
        for (const auto& t : *side)
          if (!t.term.last_year && !found_tables.count(table_of_ref(t.term.ref))) usable = false;
      if (!usable) continue;
      const bool cross = v.identity->scope == reports::Scope::kCrossYear;
      add(r, v.identity->severity == reports::Severity::kError ? FindingSeverity::kError : FindingSeverity::kWarning,
          cross ? "carry_over_mismatch" : "identity_violation", v.message_zh);
    }
  }

  // Prose figures (lines not read as table rows, nor looking like one).
  for (size_t i = 0; i < ex.lines.size(); ++i) {
    const Line& l = ex.lines[i];
    if (table_lines[i] || l.grid) continue;
    for (auto& f : figures_in_line(l.text)) r.figures.push_back(std::move(f));
  }
  std::set<std::string> compared;
  for (const auto& f : r.figures) {
    const FigureKind* k = figure_kind(f.kind);
    if (!k || k->compare.empty() || compared.count(f.kind)) continue;
    compared.insert(f.kind);
    bool all = false;
    const int64_t table = sum_refs(r.values, k->compare, &all);
    if (!all || table == f.value) continue;
    std::string cells;
    for (const auto& ref : k->compare) cells += (cells.empty() ? "" : "＋") + r.format->cell_label(ref);
    add(r, FindingSeverity::kWarning, "prose_table_mismatch",
        "正文称" + k->label_zh + "为" + std::to_string(f.value) + "（「" + f.sentence + "」），而" + cells + "为" +
            std::to_string(table) + "。");
  }

  check_deadline(r);
  r.score = score_of(r);
  return r;
}

nlohmann::json to_json(const CheckResult& r) {
  using nlohmann::json;
  json j;
  j["input"] = input_kind_name(r.input);
  j["encoding"] = r.encoding;
  j["agency"] = r.agency;
  j["agency_level"] = r.agency_level;
  j["year"] = r.year ? json(*r.year) : json(nullptr);
  j["published"] = r.published ? json(*r.published) : json(nullptr);
  j["era"] = era_name(r.era);
  j["format"] = r.format ? json(r.format->id) : json(nullptr);
  json sections = json::array(), missing = json::array();
  for (const auto& s : r.sections) {
    sections.push_back({{"key", s.key}, {"title", s.title}, {"found", s.found}, {"heading", s.heading}, {"empty", s.empty}});
    if (!s.found) missing.push_back(s.key);
  }
  j["sections"] = sections;
  j["sections_missing"] = missing;
  json tables = json::array(), tmissing = json::array(), tfound = json::array();
  for (const auto& t : r.tables) {
    tables.push_back({{"key", t.key}, {"name", t.name}, {"found", t.found}, {"cells", t.cells}, {"blank", t.blank}});
    (t.found ? tfound : tmissing).push_back(t.key);
  }
  j["tables"] = tables;
  j["tables_found"] = tfound;
  j["tables_missing"] = tmissing;
  json values = json::object();
  for (const auto& [ref, v] : r.values.cells()) {
    const auto cell = r.format ? r.format->resolve(ref) : std::nullopt;
    if (cell && cell->column->kind == reports::ValueKind::kAmount)
      values[ref] = static_cast<double>(v) / static_cast<double>(reports::kAmountScale);
    else
      values[ref] = v;
  }
  j["values"] = values;
  json figs = json::array();
  for (const auto& f : r.figures) {
    json v = f.amount ? json(static_cast<double>(f.value) / static_cast<double>(reports::kAmountScale)) : json(f.value);
    figs.push_back({{"kind", f.kind}, {"label", f.label_zh}, {"value", v}, {"unit", f.unit}, {"sentence", f.sentence}});
  }
  j["figures"] = figs;
  json finds = json::array();
  for (const auto& f : r.findings)
    finds.push_back({{"severity", severity_name(f.severity)}, {"code", f.code}, {"message_zh", f.message_zh}});
  j["findings"] = finds;
  j["score"] = r.score;
  return j;
}

}  // namespace gk::checker
