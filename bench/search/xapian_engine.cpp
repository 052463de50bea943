// The Xapian side of the search benchmark (xapian_engine.h).
#include "xapian_engine.h"

#include <xapian.h>

#include <array>
#include <cstdlib>

namespace gk::bench {
namespace {

constexpr const char* kPublicTerm = "Kpub";
enum Slot : Xapian::valueno { kAgency, kSubject, kGenre, kYear, kValidity, kSlotCount };

}  // namespace

int64_t XapianEngine::build(db::Db& db, const std::string& dir) {
  // Flush every 100,000 documents rather than the default 10,000: fewer, larger merges (Xapian's
  // fastest bulk setting within this machine's memory).
  setenv("XAPIAN_FLUSH_THRESHOLD", "100000", 0);
  Xapian::WritableDatabase xdb(dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  // Column weights of src/search/schema.h.
  constexpr std::array<unsigned, 6> kWeights = {10, 8, 8, 5, 3, 1};
  int64_t last = 0, n = 0;
  xdb.begin_transaction(false);
  for (;;) {
    auto rows = db.query(
        "SELECT d.seq, d.agency_id, d.subject, d.genre, d.publish_date, d.validity, d.public, t.title, t.doc_no, "
        "t.index_no, t.keywords, t.summary, t.body FROM search_docs d JOIN search_text t ON t.seq = d.seq "
        "WHERE d.seq > ? ORDER BY d.seq LIMIT 5000",
        {last});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      last = r.i(0);
      Xapian::Document doc;
      tg.set_document(doc);
      for (size_t c = 0; c < kWeights.size(); ++c) {
        tg.index_text(r.s(7 + c), kWeights[c]);
        tg.increase_termpos();
      }
      if (r.i(6) != 0) doc.add_boolean_term(kPublicTerm);
      const std::string subject = r.s(2);
      doc.add_value(kAgency, r.s(1));
      doc.add_value(kSubject, subject.substr(0, 2));
      doc.add_value(kGenre, r.s(3));
      doc.add_value(kYear, r.s(4).substr(0, 4));
      doc.add_value(kValidity, r.s(5));
      doc.set_data(r.s(7) + '\x1f' + r.s(12));
      // Docid = seq: the same newest-last order as gongkai's rowids.
      xdb.replace_document(static_cast<Xapian::docid>(last), doc);
      ++n;
    }
  }
  xdb.commit_transaction();
  xdb.commit();
  xdb.close();
  return n;
}

struct XapianEngine::Impl {
  Xapian::Database db;
  Xapian::QueryParser qp;
};

XapianEngine::XapianEngine(const std::string& dir) : impl_(std::make_unique<Impl>()) {
  impl_->db = Xapian::Database(dir);
  impl_->qp.set_database(impl_->db);
  impl_->qp.set_default_op(Xapian::Query::OP_AND);
}

XapianEngine::~XapianEngine() = default;

int64_t XapianEngine::doc_count() const { return impl_->db.get_doccount(); }

XapianResult XapianEngine::search(const std::string& text, bool by_date, int per_page, uint32_t check_at_least) {
  const unsigned flags = Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE;
  const Xapian::Query parsed = impl_->qp.parse_query(text, flags);
  const Xapian::Query query(Xapian::Query::OP_FILTER, parsed, Xapian::Query(kPublicTerm));
  Xapian::Enquire enq(impl_->db);
  enq.set_query(query);
  if (by_date) {
    enq.set_weighting_scheme(Xapian::BoolWeight());
    enq.set_docid_order(Xapian::Enquire::DESCENDING);
  }
  std::array<Xapian::ValueCountMatchSpy, kSlotCount> spies = {
      Xapian::ValueCountMatchSpy(kAgency), Xapian::ValueCountMatchSpy(kSubject), Xapian::ValueCountMatchSpy(kGenre),
      Xapian::ValueCountMatchSpy(kYear), Xapian::ValueCountMatchSpy(kValidity)};
  for (auto& s : spies) enq.add_matchspy(&s);
  const Xapian::MSet mset = enq.get_mset(0, static_cast<Xapian::doccount>(per_page), check_at_least);
  XapianResult out;
  out.estimated = mset.get_matches_estimated();
  out.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto& s : spies) {
    for (auto it = s.top_values_begin(50); it != s.top_values_end(50); ++it) {
      out.facet_values += (*it).empty() ? 0 : 1;
    }
  }
  const unsigned sflags = Xapian::MSet::SNIPPET_CJK_NGRAM;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const size_t cut = data.find('\x1f');
    const std::string title = data.substr(0, cut);
    const std::string body = cut == std::string::npos ? std::string() : data.substr(cut + 1);
    const std::string t = mset.snippet(title, title.size() + 8, Xapian::Stem(), sflags, "<mark>", "</mark>", "");
    const std::string b = mset.snippet(body, 360, Xapian::Stem(), sflags, "<mark>", "</mark>", "…");
    out.hits += (t.empty() && b.empty()) ? 0 : 1;
  }
  return out;
}

}  // namespace gk::bench
