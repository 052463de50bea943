// Search box parsing and FTS5 expression building (see query.h).
#include "search/query.h"

#include <array>

#include "search/schema.h"
#include "search/tokenizer.h"

namespace gk::search {
namespace {

constexpr std::array<std::string_view, 9> kSpaces = {" ", "\t", "\r", "\n", "\f", "\v", "\u3000", "\u00A0", "\u2002"};

// Length of the whitespace at s[i], or 0.
size_t space_at(std::string_view s, size_t i) {
  for (auto sp : kSpaces) {
    if (s.substr(i).starts_with(sp)) return sp.size();
  }
  return 0;
}

struct Field {
  std::string_view name;
  int column;
};
constexpr std::array<Field, 7> kFields = {{{"标题", kTitle},
                                           {"title", kTitle},
                                           {"文号", kDocNo},
                                           {"docno", kDocNo},
                                           {"索引号", kIndexNo},
                                           {"indexno", kIndexNo},
                                           {"index", kIndexNo}}};

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; };
    if (lower(a[k]) != lower(b[k])) return false;
  }
  return true;
}

// A field prefix (name and colon) at s[i]: sets column, returns its length, or 0.
size_t field_at(std::string_view s, size_t i, int& column) {
  for (const auto& f : kFields) {
    if (s.size() - i <= f.name.size() || !iequals_ascii(s.substr(i, f.name.size()), f.name)) continue;
    std::string_view rest = s.substr(i + f.name.size());
    for (std::string_view colon : {std::string_view(":"), std::string_view("：")}) {
      if (rest.starts_with(colon)) {
        column = f.column;
        return f.name.size() + colon.size();
      }
    }
  }
  return 0;
}

// The closing quote for an opening quote at s[i] (and the opening's length), or "" when none opens.
std::string_view quote_at(std::string_view s, size_t i, size_t& open_len) {
  if (s.substr(i).starts_with("\"")) {
    open_len = 1;
    return "\"";
  }
  if (s.substr(i).starts_with("“")) {
    open_len = std::string_view("“").size();
    return "”";
  }
  if (s.substr(i).starts_with("＂")) {
    open_len = std::string_view("＂").size();
    return "＂";
  }
  return {};
}

std::string phrase_fts(const Phrase& p) {
  std::string out =
      p.column < 0 ? std::string(kTextColumns) : "{" + std::string(kColumnNames[static_cast<size_t>(p.column)]) + "}";
  out += " : ";
  for (size_t k = 0; k < p.tokens.size(); ++k) {
    if (k) out += " + ";
    out += fts_quote(p.tokens[k]);
  }
  return out;
}

}  // namespace

std::string fts_quote(std::string_view token) {
  std::string out = "\"";
  for (char c : token) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Result<ParsedQuery> parse_query(std::string_view input) {
  ParsedQuery q;
  std::string_view s = input;
  if (s.size() > kMaxQueryBytes) {
    size_t cut = kMaxQueryBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s = s.substr(0, cut);
    q.truncated = true;
  }
  std::string number;
  bool number_ok = false;
  size_t terms = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (size_t sp = space_at(s, i)) {
      i += sp;
      continue;
    }
    bool negative = false;
    if (s[i] == '-' || s.substr(i).starts_with("－")) {
      negative = true;
      i += s[i] == '-' ? 1 : std::string_view("－").size();
      if (i >= s.size() || space_at(s, i)) continue;
    }
    int column = -1;
    i += field_at(s, i, column);
    size_t open_len = 0;
    const std::string_view close = i < s.size() ? quote_at(s, i, open_len) : std::string_view();
    std::string_view text;
    if (!close.empty()) {
      i += open_len;
      size_t end = s.find(close, i);
      if (close == "”" && end == std::string_view::npos) end = s.find('"', i);
      if (end == std::string_view::npos) end = s.size();
      text = s.substr(i, end - i);
      i = end == s.size() ? end : end + (s.substr(end).starts_with(close) ? close.size() : 1);
    } else {
      size_t end = i;
      while (end < s.size() && !space_at(s, end)) ++end;
      text = s.substr(i, end - i);
      i = end;
    }
    std::vector<OwnedToken> toks = tokens_of(text, TokenizeMode::kQuery);
    if (toks.empty()) continue;
    if (terms == kMaxTerms) {
      q.truncated = true;
      break;
    }
    ++terms;
    if (toks.size() > kMaxPhraseTokens) {
      toks.resize(kMaxPhraseTokens);
      q.truncated = true;
    }
    Phrase p;
    p.column = column;
    for (auto& t : toks) p.tokens.push_back(std::move(t.text));
    p.fts = phrase_fts(p);
    if (negative) {
      q.excluded.push_back(std::move(p));
    } else {
      number_ok = close.empty() && (column == -1 || column == kDocNo || column == kIndexNo);
      number = std::string(text);
      q.phrases.push_back(std::move(p));
    }
  }
  if (q.phrases.empty()) {
    return Error::invalid("empty_query",
                          q.excluded.empty() ? "请输入要检索的字词" : "请至少输入一个要查找的字词，不能只有排除词");
  }
  if (q.phrases.size() == 1 && q.excluded.empty() && number_ok) q.number = number;
  std::string all;
  for (size_t k = 0; k < q.phrases.size(); ++k) {
    if (k) all += " AND ";
    all += "(" + q.phrases[k].fts + ")";
  }
  q.match = "(" + all + ")";
  for (const auto& p : q.excluded) q.match += " NOT (" + p.fts + ")";
  return q;
}

}  // namespace gk::search
