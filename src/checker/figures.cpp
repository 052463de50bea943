#include "checker/figures.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include "platform/embedded.h"
#include "platform/text/unicode.h"
#include "reports/table_values.h"

namespace gk::checker {

namespace {

using Words = std::vector<std::u32string>;

struct Rule {
  std::string kind;
  std::vector<Words> before, sentence;
  Words not_words, after;
  std::vector<std::string> units;
};

struct ZeroRule {
  std::string kind;
  std::vector<Words> groups;
  Words not_words;
};

struct Rules {
  std::vector<FigureKind> kinds;
  std::vector<Rule> rules;
  std::vector<ZeroRule> zero;
};

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t c = 0xFFFD;
    size_t n = 1;
    if (b < 0x80) {
      c = b;
    } else if ((b >> 5) == 6 && i + 1 < s.size()) {
      c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
      n = 2;
    } else if ((b >> 4) == 14 && i + 2 < s.size()) {
      c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      n = 3;
    } else if ((b >> 3) == 30 && i + 3 < s.size()) {
      c = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
      n = 4;
    }
    out += c;
    i += n;
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

Words words(const nlohmann::json& j) {
  Words w;
  for (const auto& s : j) w.push_back(to_u32(s.get<std::string>()));
  return w;
}

std::vector<Words> groups(const nlohmann::json& j) {
  std::vector<Words> g;
  for (const auto& a : j) g.push_back(words(a));
  return g;
}

const Rules& rules() {
  static const Rules r = [] {
    Rules out;
    const auto j = nlohmann::json::parse(embedded::file("data/checker/figure_kinds.json"));
    for (const auto& k : j.at("kinds")) {
      FigureKind fk{k.at("key"), k.at("label_zh"), k.at("amount"), {}};
      if (k.contains("compare")) fk.compare = k.at("compare").get<std::vector<std::string>>();
      out.kinds.push_back(std::move(fk));
    }
    auto known = [&](const std::string& key) {
      for (const auto& k : out.kinds)
        if (k.key == key) return;
      throw std::runtime_error("figure_kinds.json: rule for unknown kind " + key);
    };
    for (const auto& rj : j.at("rules")) {
      Rule rule;
      rule.kind = rj.at("kind");
      known(rule.kind);
      rule.before = groups(rj.at("before"));
      if (rj.contains("sentence")) rule.sentence = groups(rj.at("sentence"));
      if (rj.contains("not")) rule.not_words = words(rj.at("not"));
      if (rj.contains("after")) rule.after = words(rj.at("after"));
      rule.units = rj.at("units").get<std::vector<std::string>>();
      out.rules.push_back(std::move(rule));
    }
    for (const auto& zj : j.at("zero")) {
      ZeroRule z;
      z.kind = zj.at("kind");
      known(z.kind);
      z.groups = groups(zj.at("groups"));
      z.not_words = words(zj.at("not"));
      out.zero.push_back(std::move(z));
    }
    return out;
  }();
  return r;
}

bool has_any(std::u32string_view hay, const Words& w) {
  for (const auto& x : w)
    if (hay.find(x) != std::u32string_view::npos) return true;
  return false;
}

bool has_all(std::u32string_view hay, const std::vector<Words>& g) {
  for (const auto& w : g)
    if (!has_any(hay, w)) return false;
  return true;
}

bool is_cjk_numeral(char32_t c) {
  switch (c) {
    case U'零': case U'〇': case U'一': case U'二': case U'两': case U'三': case U'四': case U'五':
    case U'六': case U'七': case U'八': case U'九': case U'十': case U'百': case U'千':
      return true;
    default:
      return false;
  }
}

// Can the line hold a figure at all: a unit of a rule, or a word of a zero rule? A cheap byte search
// that spares the per-character scan for most lines of a large document.
bool may_hold_figures(std::string_view line) {
  static const std::vector<std::string> needles = [] {
    std::set<std::string> n;
    for (const auto& r : rules().rules)
      for (const auto& u : r.units) n.insert(u);
    for (const auto& z : rules().zero)
      if (!z.groups.empty())
        for (const auto& w : z.groups.front()) n.insert(to_utf8(w));
    return std::vector<std::string>(n.begin(), n.end());
  }();
  for (const auto& n : needles)
    if (line.find(n) != std::string_view::npos) return true;
  return false;
}

// The value of a run of Chinese numerals up to 9999 ("三" 3, "十二" 12, "二十" 20, "一百零五" 105), or -1.
int64_t cjk_value(std::u32string_view s) {
  auto digit = [](char32_t c) -> int {
    switch (c) {
      case U'零': case U'〇': return 0;
      case U'一': return 1;
      case U'二': case U'两': return 2;
      case U'三': return 3;
      case U'四': return 4;
      case U'五': return 5;
      case U'六': return 6;
      case U'七': return 7;
      case U'八': return 8;
      case U'九': return 9;
      default: return -1;
    }
  };
  int64_t total = 0, cur = 0;
  bool any = false;
  for (char32_t c : s) {
    const int d = digit(c);
    if (d >= 0) {
      cur = d;
      any = true;
      continue;
    }
    int64_t mult = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0;
    if (mult == 0) return -1;
    if (cur == 0 && !any) cur = 1;
    total += cur * mult;
    cur = 0;
    any = true;
  }
  return any ? total + cur : -1;
}

const std::u32string_view kUnits[] = {U"万元", U"元", U"件", U"条", U"宗", U"期", U"个", U"次", U"篇", U"封",
                                       U"起", U"项", U"册", U"人", U"年", U"月", U"日", U"号", U"%", U"％"};
const std::u32string_view kCountUnits = U"件条宗期个次篇封起";

struct Token {
  size_t start = 0, end = 0;  // code point offsets in the sentence; end is after the unit
  std::u32string number;      // ASCII digits (with '.') or Chinese numerals
  bool cjk = false;
  std::u32string unit;
};

std::vector<Token> tokens_of(std::u32string_view s) {
  std::vector<Token> out;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = s[i];
    if (c >= '0' && c <= '9') {
      const size_t start = i;
      std::u32string num;
      while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') ||
                              ((s[i] == '.' || s[i] == ',') && i > start && i + 1 < s.size() && s[i + 1] >= '0' &&
                               s[i + 1] <= '9'))) {
        if (s[i] != ',') num += s[i];
        ++i;
      }
      Token t{start, i, num, false, {}};
      size_t j = i;
      if (j < s.size() && (s[j] == U'余' || s[j] == U'多')) ++j;
      for (auto u : kUnits) {
        if (s.substr(j, u.size()) == u) {
          t.unit = std::u32string(u);
          j += u.size();
          break;
        }
      }
      t.end = t.unit.empty() ? i : j;
      out.push_back(std::move(t));
      i = std::max(i, j);
      continue;
    }
    if (is_cjk_numeral(c)) {
      const size_t start = i;
      while (i < s.size() && i - start < 6 && is_cjk_numeral(s[i])) ++i;
      const bool ordinal = start > 0 && (s[start - 1] == U'第' || s[start - 1] == U'之' || s[start - 1] == U'周');
      if (!ordinal && i < s.size() && kCountUnits.find(s[i]) != std::u32string_view::npos &&
          cjk_value(s.substr(start, i - start)) >= 0) {
        out.push_back(Token{start, i + 1, std::u32string(s.substr(start, i - start)), true, std::u32string(1, s[i])});
        ++i;
      }
      continue;
    }
    ++i;
  }
  return out;
}

std::string clip(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "…";
}

void scan_sentence(std::u32string_view s, std::vector<Figure>& out) {
  const Rules& r = rules();
  const auto toks = tokens_of(s);
  const std::string sentence = clip(to_utf8(s), 300);
  std::vector<std::string> kinds_here;
  size_t prev_end = 0;
  for (const auto& t : toks) {
    const size_t wstart = prev_end;
    prev_end = t.end;
    if (t.unit.empty()) continue;
    const std::string unit = to_utf8(t.unit);
    const std::u32string_view window = s.substr(wstart, t.start - wstart);
    const std::u32string_view head = s.substr(0, t.start);
    const std::u32string_view after = s.substr(t.end, std::min<size_t>(12, s.size() - t.end));
    for (const auto& rule : r.rules) {
      if (std::find(rule.units.begin(), rule.units.end(), unit) == rule.units.end()) continue;
      if (!has_all(window, rule.before) || !has_all(head, rule.sentence)) continue;
      if (has_any(window, rule.not_words)) continue;
      if (!rule.after.empty() && !has_any(after, rule.after)) continue;
      const FigureKind* kind = figure_kind(rule.kind);
      Figure f;
      f.kind = kind->key;
      f.label_zh = kind->label_zh;
      f.amount = kind->amount;
      f.unit = unit;
      f.sentence = sentence;
      if (t.cjk) {
        f.value = cjk_value(t.number);
        if (f.amount) f.value *= reports::kAmountScale;
      } else {
        const std::string num = to_utf8(t.number);
        if (f.amount) {
          auto v = reports::parse_amount(num);
          if (!v) break;
          f.value = *v;
        } else {
          if (num.find('.') != std::string::npos || num.size() > 15) break;
          f.value = std::stoll(num);
        }
      }
      kinds_here.push_back(f.kind);
      out.push_back(std::move(f));
      break;
    }
  }
  for (const auto& z : r.zero) {
    if (std::find(kinds_here.begin(), kinds_here.end(), z.kind) != kinds_here.end()) continue;
    if (!has_all(s, z.groups) || has_any(s, z.not_words)) continue;
    const FigureKind* kind = figure_kind(z.kind);
    out.push_back(Figure{kind->key, kind->label_zh, 0, kind->amount, "", sentence});
  }
}

}  // namespace

const std::vector<FigureKind>& figure_kinds() { return rules().kinds; }

const FigureKind* figure_kind(std::string_view key) {
  for (const auto& k : rules().kinds)
    if (k.key == key) return &k;
  return nullptr;
}

std::vector<Figure> figures_in_line(std::string_view line) {
  std::vector<Figure> out;
  if (!may_hold_figures(line)) return out;
  const std::u32string s = to_u32(line);
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    const bool end = i == s.size() || s[i] == U'。' || s[i] == U'；' || s[i] == ';' || s[i] == U'！' || s[i] == U'？' ||
                     s[i] == '!' || s[i] == '?' || s[i] == '\n' || i - start >= 1500;
    if (!end) continue;
    if (i > start) scan_sentence(std::u32string_view(s).substr(start, i - start), out);
    start = i + 1;
  }
  return out;
}

}  // namespace gk::checker
