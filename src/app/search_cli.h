// The command line's side of the search index: `gongkai search reindex`, and the progress bar shown
// whenever the index is (re)built from the command line (also when `migrate` or the first start of a
// new binary builds it for an existing database).
#pragma once

#include <string>

#include "platform/db/db.h"
#include "search/index.h"

namespace gk::app {

// Reports progress on standard error: on a terminal one line redrawn in place ("\r"), otherwise one
// line at every 10 %. `label` starts each line.
search::Progress progress_bar(std::string label);

// Builds the index after migrations when the database has published items but no index yet.
void ensure_search_index(db::Db& db);

// `gongkai search reindex --db PATH`: rebuilds the index from the catalog. Returns the exit code.
int cmd_search_reindex(const std::string& db_path);

}  // namespace gk::app
