// Rendered public pages kept in memory. Published content changes rarely, so pages are cached until
// anything they show changes: services call mark_changed() inside the transaction of such a
// change, which bumps a generation number in the database; every server process compares its
// cached pages against that number (refreshed after each local write and polled every second for
// other processes), so several `gongkai serve` processes over one database stay coherent.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "platform/db/db.h"

namespace gk::cache {

// Bumps the content generation. Call inside the write transaction of the change.
void mark_changed(db::Db& db);
// The content generation stored in the database.
int64_t read_generation(db::Db& db);

struct CachedPage {
  int status = 200;
  std::string content_type;
  std::string body;
  int64_t generation = 0;
};

// Thread-safe map from a request key to a rendered page; bounded in entries.
class PageCache {
 public:
  explicit PageCache(size_t max_entries = 5000) : max_entries_(max_entries) {}

  // The page for `key` if it was rendered at the current generation.
  std::shared_ptr<const CachedPage> get(const std::string& key) const;
  void put(const std::string& key, CachedPage page);
  // Sets the current generation (drops every older page lazily).
  void set_generation(int64_t g);
  int64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  size_t max_entries_;
  std::atomic<int64_t> generation_{0};
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const CachedPage>> pages_;
};

}  // namespace gk::cache
