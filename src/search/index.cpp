// Keeping search_docs / search_text / search_fts in step with the catalog (see index.h).
#include "search/index.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "platform/text/html_sanitizer.h"
#include "search/extract.h"
#include "search/schema.h"

namespace gk::search {
namespace {

// All attachments of one item together: several capped attachments stay bounded too.
constexpr size_t kMaxAttachmentsText = 4 * kMaxExtractedBytes;

constexpr const char* kIndexedStates = "('published','withdrawn','archived')";

// What one entry holds: the search_docs row and the indexed text, column by column.
struct Entry {
  bool is_public = false;
  std::string state;
  int64_t agency_id = 0;
  std::optional<int64_t> column_id;
  std::string subject, genre, publish_date, validity, doc_no, index_no, attachment_shas;
  std::array<std::string, kColumnCount> text;

  bool operator==(const Entry&) const = default;
};

constexpr const char* kFtsInsert =
    "INSERT INTO search_fts(rowid, title, doc_no, index_no, keywords, summary, body, attachments, facets) "
    "VALUES (?,?,?,?,?,?,?,?,?)";
constexpr const char* kFtsDelete =
    "INSERT INTO search_fts(search_fts, rowid, title, doc_no, index_no, keywords, summary, body, attachments, facets) "
    "VALUES ('delete',?,?,?,?,?,?,?,?,?)";

db::Params text_params(int64_t seq, const Entry& e) {
  db::Params p{seq};
  for (const auto& t : e.text) p.emplace_back(t);
  return p;
}

std::string filter_tokens(db::Db& db, const Entry& e) {
  std::vector<std::string> t;
  if (e.is_public) t.emplace_back(kPublicToken);
  t.push_back(facet_token(kStatePrefix, e.state));
  t.push_back(facet_token(kAgencyPrefix, e.agency_id));
  for (const auto& r :
       db.query("WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM agencies WHERE id = ? "
                "UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id "
                "WHERE up.depth < 64) SELECT id FROM up",
                {e.agency_id})) {
    t.push_back(facet_token(kSubtreePrefix, r.i(0)));
  }
  if (e.column_id) t.push_back(facet_token(kColumnPrefix, *e.column_id));
  if (!e.subject.empty()) {
    t.push_back(facet_token(kSubjectPrefix, e.subject.substr(0, 2)));
    if (e.subject.size() > 2) t.push_back(facet_token(kSubjectPrefix, e.subject));
  }
  if (!e.genre.empty()) t.push_back(facet_token(kGenrePrefix, e.genre));
  if (e.publish_date.size() >= 4) t.push_back(facet_token(kYearPrefix, e.publish_date.substr(0, 4)));
  if (!e.validity.empty()) t.push_back(facet_token(kValidityPrefix, e.validity));
  std::string out;
  for (const auto& s : t) out += (out.empty() ? "" : " ") + s;
  return out;
}

struct Existing {
  int64_t seq = 0;
  Entry entry;
};

std::optional<Existing> existing_entry(db::Db& db, int64_t item_id) {
  auto r = db.query_one(
      "SELECT d.seq, d.public, d.state, d.agency_id, d.column_id, d.subject, d.genre, d.publish_date, d.validity, "
      "d.doc_no, d.index_no, d.attachment_shas, t.title, t.doc_no, t.index_no, t.keywords, t.summary, t.body, "
      "t.attachments, t.facets FROM search_docs d JOIN search_text t ON t.seq = d.seq WHERE d.item_id = ?",
      {item_id});
  if (!r) return std::nullopt;
  Existing x;
  x.seq = r->i(0);
  Entry& e = x.entry;
  e.is_public = r->i(1) != 0;
  e.state = r->s(2);
  e.agency_id = r->i(3);
  e.column_id = r->oi(4);
  e.subject = r->s(5);
  e.genre = r->s(6);
  e.publish_date = r->s(7);
  e.validity = r->s(8);
  e.doc_no = r->s(9);
  e.index_no = r->s(10);
  e.attachment_shas = r->s(11);
  for (size_t c = 0; c < kColumnCount; ++c) e.text[c] = r->s(12 + c);
  return x;
}

// The text of an item's attachments: each file name, then its extracted text.
std::string attachments_text(db::Db& db, int64_t item_id) {
  std::string out;
  for (const auto& a :
       db.query("SELECT x.filename, x.mime, b.data FROM item_attachments x JOIN blobs b ON b.sha256 = x.sha256 "
                "WHERE x.item_id = ? ORDER BY x.sort_order, x.id",
                {item_id})) {
    if (out.size() >= kMaxAttachmentsText) break;
    out += a.s(0) + "\n";
    std::string text = extract_text(a.s(1), a.s(2), a.s(0));
    if (!text.empty()) out += text + "\n";
  }
  return clean_text(out, kMaxAttachmentsText);
}

void delete_entry(db::Db& db, const Existing& x) {
  db.exec(kFtsDelete, text_params(x.seq, x.entry));
  db.exec("DELETE FROM search_text WHERE seq = ?", {x.seq});
  db.exec("DELETE FROM search_docs WHERE seq = ?", {x.seq});
}

}  // namespace

void remove_item(db::Db& db, int64_t item_id) {
  db.write([&] {
    if (auto x = existing_entry(db, item_id)) delete_entry(db, *x);
    return 0;
  });
}

void index_item(db::Db& db, int64_t item_id) {
  db.write([&] {
    auto row = db.query_one(
        std::string("SELECT state, disclosure, agency_id, column_id, subject, genre, COALESCE(publish_date, ''), "
                    "validity, title, doc_no, COALESCE(index_no, ''), keywords, summary, body_html FROM items "
                    "WHERE id = ? AND state IN ") +
            kIndexedStates,
        {item_id});
    auto existing = existing_entry(db, item_id);
    if (!row) {
      if (existing) delete_entry(db, *existing);
      return 0;
    }
    Entry e;
    e.state = row->s(0);
    e.is_public = e.state == "published" && row->s(1) == "proactive";
    e.agency_id = row->i(2);
    e.column_id = row->oi(3);
    e.subject = row->s(4);
    e.genre = row->s(5);
    e.publish_date = row->s(6);
    e.validity = row->s(7);
    e.doc_no = row->s(9);
    e.index_no = row->s(10);
    e.text[kTitle] = row->s(8);
    e.text[kDocNo] = e.doc_no;
    e.text[kIndexNo] = e.index_no;
    e.text[kKeywords] = row->s(11);
    e.text[kSummary] = row->s(12);
    e.text[kBody] = clean_text(text::html_to_text(row->s(13)), 4 * kMaxExtractedBytes);
    for (const auto& a :
         db.query("SELECT sha256 FROM item_attachments WHERE item_id = ? ORDER BY sort_order, id", {item_id})) {
      e.attachment_shas += (e.attachment_shas.empty() ? "" : ",") + a.s(0);
    }
    e.text[kAttachments] = existing && existing->entry.attachment_shas == e.attachment_shas
                               ? existing->entry.text[kAttachments]
                               : attachments_text(db, item_id);
    e.text[kFacets] = filter_tokens(db, e);
    const db::Params meta{e.is_public,    e.state,    e.agency_id, e.column_id, e.subject,        e.genre,
                          e.publish_date, e.validity, e.doc_no,    e.index_no,  e.attachment_shas};
    if (existing) {
      if (existing->entry == e) return 0;
      db.exec(kFtsDelete, text_params(existing->seq, existing->entry));
      db::Params p = meta;
      p.emplace_back(existing->seq);
      db.exec(
          "UPDATE search_docs SET public=?, state=?, agency_id=?, column_id=?, subject=?, genre=?, publish_date=?, "
          "validity=?, doc_no=?, index_no=?, attachment_shas=? WHERE seq=?",
          p);
      db.exec(
          "UPDATE search_text SET title=?2, doc_no=?3, index_no=?4, keywords=?5, summary=?6, body=?7, "
          "attachments=?8, facets=?9 WHERE seq=?1",
          text_params(existing->seq, e));
      db.exec(kFtsInsert, text_params(existing->seq, e));
      return 0;
    }
    db::Params p{item_id};
    p.insert(p.end(), meta.begin(), meta.end());
    const int64_t seq =
        db.exec(
              "INSERT INTO search_docs(item_id, public, state, agency_id, column_id, subject, genre, "
              "publish_date, validity, doc_no, index_no, attachment_shas) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
              p)
            .last_insert_id;
    db.exec(
        "INSERT INTO search_text(seq, title, doc_no, index_no, keywords, summary, body, attachments, facets) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        text_params(seq, e));
    db.exec(kFtsInsert, text_params(seq, e));
    return 0;
  });
}

void reindex_agency_subtree(db::Db& db, int64_t agency_id) {
  db.write([&] {
    for (const auto& r :
         db.query(std::string("WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT a.id FROM agencies a JOIN sub ON "
                              "a.parent_id = sub.id) SELECT i.id FROM items i JOIN sub ON i.agency_id = sub.id WHERE "
                              "i.state IN ") +
                      kIndexedStates,
                  {agency_id})) {
      index_item(db, r.i(0));
    }
    return 0;
  });
}

int64_t rebuild(db::Db& db, const Progress& progress) {
  return db.write([&] {
    db.exec("INSERT INTO search_fts(search_fts) VALUES ('delete-all')");
    db.exec("DELETE FROM search_text");
    db.exec("DELETE FROM search_docs");
    std::vector<int64_t> ids;
    for (const auto& r : db.query(std::string("SELECT id FROM items WHERE state IN ") + kIndexedStates +
                                  " ORDER BY COALESCE(publish_date, ''), id")) {
      ids.push_back(r.i(0));
    }
    const auto total = static_cast<int64_t>(ids.size());
    for (int64_t k = 0; k < total; ++k) {
      index_item(db, ids[static_cast<size_t>(k)]);
      if (progress) progress(k + 1, total);
    }
    db.exec("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
    return total;
  });
}

bool ensure_index(db::Db& db, const Progress& progress) {
  if (db.scalar_int("SELECT EXISTS (SELECT 1 FROM search_docs)") != 0) return false;
  if (db.scalar_int(std::string("SELECT EXISTS (SELECT 1 FROM items WHERE state IN ") + kIndexedStates + ")") == 0) {
    return false;
  }
  rebuild(db, progress);
  return true;
}

}  // namespace gk::search
