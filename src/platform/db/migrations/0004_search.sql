-- Full-text search over the catalog (docs/search.md; src/search/).
--
-- Indexed: every item that has been published — state published, withdrawn or archived — so the
-- back office can find withdrawn and archived items too; the portal sees only the rows whose facets
-- hold the token "pub" (published 主动公开). Drafts and items under review are not indexed.
--
-- search_fts is an FTS5 index with EXTERNAL content: search_text holds exactly the text that was
-- indexed (the body as plain text, the attachments' extracted text), so that
--   * the FTS5 'delete' of an entry is always given the values it was indexed with, whatever has
--     happened to the item since (a contentless table could not delete, and content='items' could
--     not hold the extracted text and would corrupt the index if an item row changed unseen);
--   * the text is stored once, not twice as with a plain FTS5 table's own content copy.
-- search_docs holds the compact per-item data the searcher reads for every candidate (filters for
-- facets, publish date for sorting, 文号 / 索引号 for the exact-number jump), apart from the bulky text.
-- seq is the FTS5 rowid. It grows with publication (a rebuild numbers items by publish date), so
-- "newest matches first" is FTS5's cheap descending-rowid scan.
--
-- src/search/index.cpp writes these three tables, always in the transaction of the catalog change.
-- The tokenizer gk_bigram is registered by the application on every connection: the sqlite3 shell
-- can read the other tables of this database but not search_fts.
CREATE TABLE search_docs (
  seq INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL UNIQUE REFERENCES items(id),
  public INTEGER NOT NULL,
  state TEXT NOT NULL,
  agency_id INTEGER NOT NULL,
  column_id INTEGER,
  subject TEXT NOT NULL,
  genre TEXT NOT NULL,
  publish_date TEXT NOT NULL,
  validity TEXT NOT NULL,
  doc_no TEXT NOT NULL,
  index_no TEXT NOT NULL,
  attachment_shas TEXT NOT NULL
);
CREATE INDEX search_docs_doc_no ON search_docs(doc_no);
CREATE INDEX search_docs_index_no ON search_docs(index_no);

CREATE TABLE search_text (
  seq INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  doc_no TEXT NOT NULL,
  index_no TEXT NOT NULL,
  keywords TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  attachments TEXT NOT NULL,
  facets TEXT NOT NULL
);

CREATE VIRTUAL TABLE search_fts USING fts5(
  title, doc_no, index_no, keywords, summary, body, attachments, facets,
  content = 'search_text', content_rowid = 'seq', tokenize = 'gk_bigram');
