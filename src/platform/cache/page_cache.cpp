// PageCache and the content generation.
#include "platform/cache/page_cache.h"

#include <mutex>

namespace gk::cache {

void mark_changed(db::Db& db) {
  db.exec("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_generation'");
}

int64_t read_generation(db::Db& db) {
  return db.scalar_int("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'content_generation'");
}

std::shared_ptr<const CachedPage> PageCache::get(const std::string& key) const {
  std::shared_lock lock(mu_);
  auto it = pages_.find(key);
  if (it == pages_.end() || it->second->generation != generation()) return nullptr;
  return it->second;
}

void PageCache::put(const std::string& key, CachedPage page) {
  std::unique_lock lock(mu_);
  if (pages_.size() >= max_entries_) {
    // Drop stale pages first; if all are current, start over (pages re-render on demand).
    const int64_t g = generation();
    std::erase_if(pages_, [g](const auto& kv) { return kv.second->generation != g; });
    if (pages_.size() >= max_entries_) pages_.clear();
  }
  pages_[key] = std::make_shared<const CachedPage>(std::move(page));
}

void PageCache::set_generation(int64_t g) {
  int64_t cur = generation_.load(std::memory_order_acquire);
  while (g > cur && !generation_.compare_exchange_weak(cur, g, std::memory_order_acq_rel)) {
  }
}

}  // namespace gk::cache
