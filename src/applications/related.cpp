// See related.h.
#include "applications/related.h"

#include <algorithm>
#include <set>

namespace gk::applications {
namespace {

// The code points of a text without ASCII whitespace and punctuation and common CJK punctuation.
std::vector<char32_t> significant(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    size_t n = 1;
    if (c < 0x80) cp = c;
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp < 0x80 && !std::isalnum(static_cast<int>(cp))) continue;
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20)) continue;
    out.push_back(cp < 0x80 ? static_cast<char32_t>(std::tolower(static_cast<int>(cp))) : cp);
  }
  return out;
}

std::set<std::pair<char32_t, char32_t>> bigrams(std::string_view s) {
  auto cps = significant(s);
  std::set<std::pair<char32_t, char32_t>> out;
  for (size_t i = 0; i + 1 < cps.size(); ++i) out.emplace(cps[i], cps[i + 1]);
  return out;
}

}  // namespace

double description_similarity(std::string_view a, std::string_view b) {
  const auto x = bigrams(a), y = bigrams(b);
  if (x.empty() || y.empty()) return 0;
  size_t common = 0;
  for (const auto& g : x) common += y.count(g);
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

Related related_requests(db::Db& db, const Case& c) {
  Related out;
  const std::string key = c.applicant.is_person() ? c.applicant.id_number : c.applicant.credit_code;
  if (key.empty()) return out;
  const std::string column = c.applicant.is_person() ? "id_number" : "credit_code";
  const std::string my_date = c.received_date.empty() ? c.submitted_at.substr(0, 10) : c.received_date;
  const std::string month = my_date.substr(0, 7);
  auto rows = db.query(
      "SELECT a.id, a.code, ag.name, COALESCE(a.received_date, substr(a.submitted_at, 1, 10)), a.description, a.stage, "
      "a.outcome FROM applications a JOIN agencies ag ON ag.id = a.agency_id WHERE a." + column +
          " = ? AND a.id <> ? ORDER BY a.submitted_at DESC LIMIT 500",
      {key, c.id});
  for (const auto& r : rows) {
    RelatedCase rc{r.i(0), r.s(1), r.s(2), r.s(3), r.s(4), r.s(5), r.s(6), 0};
    if (rc.date.substr(0, 7) == month) {
      ++out.same_month;
      if (rc.date < my_date || (rc.date == my_date && rc.id < c.id)) ++out.earlier_same_month;
    }
    rc.similarity = description_similarity(c.request.description, rc.description);
    if (rc.similarity >= kRepeatSimilarity) out.repeats.push_back(rc);
    if (out.others.size() < 20) out.others.push_back(rc);
  }
  std::stable_sort(out.repeats.begin(), out.repeats.end(),
                   [](const RelatedCase& a, const RelatedCase& b) { return a.similarity > b.similarity; });
  return out;
}

}  // namespace gk::applications
