// The synthetic catalog of the search benchmark (bench only, not part of gongkai).
//
// generate_corpus() writes N published 主动公开 items into a migrated gongkai database: an agency tree of
// a fictional province (省 → 6 市 → 30 县, each government with its departments, townships under the
// counties) with columns, one user, then the items in publication order. Every item is assembled from
// administrative prose: titles by genre (关于印发…的通知, …实施意见, 征收补偿方案公告, 政府信息公开工作
// 年度报告, 部门预算及三公经费…), 文号 (青政办发〔2023〕12号), 索引号 (统一社会信用代码/年份-序号),
// keywords, a summary and a body of paragraphs whose sentences are drawn by topic. Agencies follow a
// long-tailed distribution, topics follow the agency's field, subjects follow the topic, years grow in
// volume towards the present, older items are more often expired or repealed.
//
// The same seed and N give the same corpus (own PRNG, no <random> distributions). Items go straight into
// the catalog tables (the index is then built by search::rebuild, exactly as `gongkai search reindex`).
//
// make_queries() draws the benchmark's query mix from the same vocabulary.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/db/db.h"

namespace gk::bench {

struct CorpusStats {
  int64_t items = 0;
  int64_t agencies = 0;
  int64_t text_bytes = 0;  // title + keywords + summary + body HTML, in bytes of UTF-8
};

// Writes `n` items (and the agencies, columns and user they need) into `db`, which must be migrated
// and hold no agencies yet. `progress(done, total)` is called now and then.
CorpusStats generate_corpus(db::Db& db, int64_t n, uint64_t seed,
                            const std::function<void(int64_t, int64_t)>& progress = {});

enum class QueryKind { kChar1, kChar2, kChar3, kChar4, kTwoTerms, kPhrase };
const char* query_kind_name(QueryKind k);

struct BenchQuery {
  QueryKind kind;
  std::string text;         // the gongkai search box
  std::string xapian_text;  // the same for Xapian's QueryParser: multi-character CJK terms quoted
  bool by_date = false;     // sort by date instead of relevance
};

// `count` queries, deterministic from `seed`: 1-, 2-, 3- and 4-character terms, two-term ANDs and
// quoted phrases, half of each kind sorted by date.
std::vector<BenchQuery> make_queries(int count, uint64_t seed);

}  // namespace gk::bench
