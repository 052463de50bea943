// The comparison engine of the search benchmark: the same catalog in Xapian 1.4 with CJK n-grams (bench
// only; gongkai does not use Xapian).
//
// Indexing: the exact text gongkai indexed (search_text, in search_docs.seq order, so docid order is
// publication order like gongkai's rowids), one document per entry, fields weighted as schema.h
// (title ×10, 文号 ×8, 索引号 ×8, keywords ×5, summary ×3, body ×1, attachments — none in the corpus)
// through TermGenerator::FLAG_CJK_NGRAM; values for the five facets (agency, first-level subject,
// genre, year, validity); a boolean term for the public scope; the title and body as document data
// for snippets.
//
// Queries: QueryParser with FLAG_CJK_NGRAM | FLAG_PHRASE | FLAG_BOOLEAN | FLAG_LOVEHATE, terms ANDed,
// multi-character CJK terms phrase-quoted (corpus.h BenchQuery::xapian_text: in Xapian 1.4 an unquoted
// CJK run is an AND of its n-grams, which over-matches), filtered by the public term; relevance is
// BM25, date order is descending docid with BoolWeight (Xapian's cheap newest-first order, the same
// trick as gongkai's rowid order); the five facets are ValueCountMatchSpy counts over the documents
// the matcher examined (check_at_least); each of the 20 hits gets its document data read, a body
// snippet and a highlighted title (MSet::snippet, SNIPPET_CJK_NGRAM).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "platform/db/db.h"

namespace gk::bench {

struct XapianResult {
  int64_t estimated = 0;     // get_matches_estimated
  bool exact = false;        // lower bound == upper bound
  int64_t facet_values = 0;  // distinct facet values seen (keeps the work observable)
  int hits = 0;
};

class XapianEngine {
 public:
  // Indexes every search_docs / search_text entry of `db` into a new Xapian database at `dir`.
  // Returns the number of documents.
  static int64_t build(db::Db& db, const std::string& dir);

  explicit XapianEngine(const std::string& dir);
  ~XapianEngine();
  XapianEngine(const XapianEngine&) = delete;
  XapianEngine& operator=(const XapianEngine&) = delete;

  // Runs one query: page 1 of `per_page`, facets over at least `check_at_least` matches.
  XapianResult search(const std::string& text, bool by_date, int per_page, uint32_t check_at_least);
  int64_t doc_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gk::bench
