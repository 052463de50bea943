// The search index of the catalog (tables search_docs, search_text, search_fts; migration
// 0004_search.sql): one entry per item that has been published — published, withdrawn or archived —
// holding its title, 文号, 索引号, keywords, summary, body as text and the text of its PDF and DOCX
// attachments, plus the filter tokens of schema.h.
//
// The catalog service calls index_item() inside the same write transaction as every change that can
// alter what an item's entry holds (publish, withdraw, archive, redraft, validity), so a reader sees
// the item and its entry change together: search never shows an item the portal would not, and never
// misses a published one. Functions here join the caller's transaction (Db::write), or open their own
// when none is open. Like every Db user, one thread at a time per connection. Database failures throw
// db::DbError; attachment extraction failures only leave that attachment's text out (extract.h).
#pragma once

#include <cstdint>
#include <functional>

#include "platform/db/db.h"

namespace gk::search {

// Brings the entry of item `item_id` in line with the item as stored now: (re)indexed when it is
// published, withdrawn or archived; removed when it is in any other state or does not exist. Extracts
// attachment text only when the item's set of attachments differs from what the entry holds.
void index_item(db::Db& db, int64_t item_id);

// Removes the entry of item `item_id`; does nothing when there is none.
void remove_item(db::Db& db, int64_t item_id);

// Re-indexes the items of agency `agency_id` and of every agency below it. For when an agency moves
// in the tree: the subtree filter tokens ("u…") of its items name their ancestors.
void reindex_agency_subtree(db::Db& db, int64_t agency_id);

// done, total: called after each item.
using Progress = std::function<void(int64_t done, int64_t total)>;

// Rebuilds the whole index from the catalog in one transaction (readers keep the old index until it
// commits), numbering entries by publish date so that rowid order is date order, then merges the
// index into one segment. Returns the number of items indexed.
int64_t rebuild(db::Db& db, const Progress& progress = {});

// Rebuilds when the index is empty but the catalog has items to index — a database that predates the
// index, or one whose index was lost. Returns true when it rebuilt. Cheap when nothing is to be done.
bool ensure_index(db::Db& db, const Progress& progress = {});

}  // namespace gk::search
