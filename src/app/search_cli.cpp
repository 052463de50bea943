// `gongkai search reindex` and the progress bar of index builds.
#include "app/search_cli.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "platform/db/migrations.h"

namespace gk::app {

search::Progress progress_bar(std::string label) {
  struct State {
    std::string label;
    bool tty = false;
    int last_percent = -1;
    std::chrono::steady_clock::time_point last_draw;
  };
  auto st = std::make_shared<State>();
  st->label = std::move(label);
  st->tty = isatty(STDERR_FILENO) != 0;
  return [st](int64_t done, int64_t total) {
    const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    const bool last = done >= total;
    if (st->tty) {
      const auto now = std::chrono::steady_clock::now();
      if (!last && percent == st->last_percent && now - st->last_draw < std::chrono::milliseconds(200)) return;
      st->last_draw = now;
      st->last_percent = percent;
      constexpr int kWidth = 30;
      const int filled = percent * kWidth / 100;
      std::cerr << "\r" << st->label << " [" << std::string(static_cast<size_t>(filled), '#')
                << std::string(static_cast<size_t>(kWidth - filled), ' ') << "] " << percent << "% " << done << "/"
                << total << (last ? "\n" : "") << std::flush;
      return;
    }
    if (percent / 10 == st->last_percent / 10 && !last) return;
    if (last && st->last_percent == 100) return;
    st->last_percent = percent;
    std::cerr << st->label << ": " << percent << "% (" << done << "/" << total << ")\n";
  };
}

void ensure_search_index(db::Db& db) {
  if (search::ensure_index(db, progress_bar("building the search index"))) {
    std::cerr << "search index built\n";
  }
}

int cmd_search_reindex(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) {
    std::cerr << "error: database " << db_path << " does not exist\n";
    return 1;
  }
  auto d = db::Database::open_sqlite(db_path);
  auto& db = d->conn();
  db::migrate(db);
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t n = search::rebuild(db, progress_bar("reindexing"));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "search index rebuilt: " << n << " items in " << secs << " s\n";
  return 0;
}

}  // namespace gk::app
