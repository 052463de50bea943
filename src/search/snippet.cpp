// Highlighting and excerpts (see snippet.h).
#include "search/snippet.h"

#include <algorithm>
#include <array>

#include "platform/text/html_sanitizer.h"
#include "search/tokenizer.h"

namespace gk::search {
namespace {

struct Positioned {
  std::string text;
  size_t start = 0;
  size_t end = 0;
};

// The tokens of `text` grouped by FTS5 position.
std::vector<std::vector<Positioned>> by_position(std::string_view text) {
  std::vector<std::vector<Positioned>> out;
  for_each_token(text, TokenizeMode::kDocument, [&](const Token& t) {
    if (!t.colocated || out.empty()) out.emplace_back();
    out.back().push_back({std::string(t.text), t.start, t.end});
  });
  return out;
}

size_t back_chars(std::string_view s, size_t i, size_t n) {
  while (n > 0 && i > 0) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    --n;
  }
  return i;
}

size_t forward_chars(std::string_view s, size_t i, size_t n) {
  while (n > 0 && i < s.size()) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return i;
}

constexpr std::array<std::string_view, 6> kSentenceEnds = {"。", "！", "？", "；", "\n", ". "};

}  // namespace

std::string highlight(std::string_view text, const std::vector<Phrase>& phrases) {
  const auto positions = by_position(text);
  std::vector<std::pair<size_t, size_t>> ranges;
  for (size_t p = 0; p < positions.size(); ++p) {
    for (const auto& phrase : phrases) {
      const size_t k = phrase.tokens.size();
      if (k == 0 || p + k > positions.size()) continue;
      size_t start = 0, end = 0;
      bool ok = true;
      for (size_t j = 0; j < k && ok; ++j) {
        const std::string& want = phrase.tokens[j];
        ok = false;
        for (const auto& t : positions[p + j]) {
          if (t.text == want) {
            if (j == 0) start = t.start;
            end = t.end;
            ok = true;
            break;
          }
        }
      }
      if (ok && end > start) ranges.emplace_back(start, end);
    }
  }
  std::sort(ranges.begin(), ranges.end());
  std::string out;
  size_t at = 0;
  for (size_t r = 0; r < ranges.size();) {
    size_t start = ranges[r].first, end = ranges[r].second;
    for (++r; r < ranges.size() && ranges[r].first <= end; ++r) end = std::max(end, ranges[r].second);
    start = std::max(start, at);
    if (end <= start) continue;
    out += text::escape_html(text.substr(at, start - at));
    out += "<mark>";
    out += text::escape_html(text.substr(start, end - start));
    out += "</mark>";
    at = end;
  }
  out += text::escape_html(text.substr(at));
  return out;
}

std::string snippet(std::string_view text, const std::vector<Phrase>& phrases, int64_t position, size_t chars) {
  size_t hit = 0;
  bool found = false;
  if (position >= 0) {
    int64_t pos = -1;
    for_each_token(text, TokenizeMode::kDocument, [&](const Token& t) {
      if (!t.colocated || pos < 0) ++pos;
      if (pos == position) {
        hit = t.start;
        found = true;
        return false;
      }
      return true;
    });
  }
  size_t start = 0;
  if (found) {
    start = back_chars(text, hit, chars / 4);
    size_t best = std::string_view::npos;
    for (auto end : kSentenceEnds) {
      const size_t b = text.substr(start, hit - start).rfind(end);
      if (b != std::string_view::npos && (best == std::string_view::npos || start + b + end.size() > best)) {
        best = start + b + end.size();
      }
    }
    if (best != std::string_view::npos) start = best;
  }
  while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
  const size_t end = forward_chars(text, start, chars);
  std::string out = start > 0 ? "…" : "";
  out += highlight(text.substr(start, end - start), phrases);
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace gk::search
