// The shape of the search index, shared by the indexer, the query compiler and the searcher: the
// columns of search_fts (migration 0004_search.sql) with their ranking weights, and the filter
// tokens written into its `facets` column.
//
// Filters are tokens, not SQL conditions: every indexed item carries tokens such as "pub" (published
// 主动公开, what the portal may show), "a12" (agency 12), "u3" (agency 3 or an agency under it),
// "s10" and "s1002" (主题分类), "gtongzhi" (体裁), "y2024" (发布年份), "vvalid" (有效性), "c7" (栏目),
// "tpublished" (state). A filter becomes an AND of such tokens inside the MATCH expression, so FTS5
// intersects posting lists instead of SQLite testing every match row by row. User terms are always
// confined to the text columns, so typing "pub" never reaches the facets column.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace gk::search {

// Columns of search_fts / search_text, in order.
enum Column : int { kTitle, kDocNo, kIndexNo, kKeywords, kSummary, kBody, kAttachments, kFacets, kColumnCount };

inline constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "title", "doc_no", "index_no", "keywords", "summary", "body", "attachments", "facets"};

// BM25F weights: a hit in the title counts ten times a hit in the body.
inline constexpr std::array<double, kColumnCount> kColumnWeights = {10, 8, 8, 5, 3, 1, 0.5, 0};

// The FTS5 column filter of every user term: all columns except facets.
inline constexpr std::string_view kTextColumns = "{title doc_no index_no keywords summary body attachments}";

// Filter tokens (see above). Codes are reduced to ASCII letters and digits, lower case.
inline std::string facet_token(std::string_view prefix, std::string_view code) {
  std::string t(prefix);
  for (char c : code) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
      t += c;
    else if (c >= 'A' && c <= 'Z')
      t += static_cast<char>(c + 32);
  }
  return t;
}
inline std::string facet_token(std::string_view prefix, int64_t id) { return std::string(prefix) + std::to_string(id); }

inline constexpr std::string_view kPublicToken = "pub";
inline constexpr std::string_view kAgencyPrefix = "a";
inline constexpr std::string_view kSubtreePrefix = "u";
inline constexpr std::string_view kColumnPrefix = "c";
inline constexpr std::string_view kSubjectPrefix = "s";
inline constexpr std::string_view kGenrePrefix = "g";
inline constexpr std::string_view kYearPrefix = "y";
inline constexpr std::string_view kValidityPrefix = "v";
inline constexpr std::string_view kStatePrefix = "t";

}  // namespace gk::search
