// Repeat and bulk requests (issue 5 §9): the same applicant's other applications, the number they
// filed in the same natural month across the platform (which the 按件 fee of 国办函〔2020〕109号 and
// 条例 Art. 35 look at), and those asking for much the same information (possible 重复申请,
// Art. 36 (六)). The applicant is the same when the ID number or 统一社会信用代码 is.
#pragma once

#include <string>
#include <vector>

#include "applications/model.h"
#include "platform/db/db.h"

namespace gk::applications {

struct RelatedCase {
  int64_t id = 0;
  std::string code;
  std::string agency_name;
  std::string date;         // receipt date, or submission date when not yet received
  std::string description;
  std::string stage;        // stage code
  std::string outcome;
  double similarity = 0;    // 0…1, character-bigram overlap of the descriptions
};

struct Related {
  int same_month = 0;                    // the applicant's applications in the month of this one, this one excluded
  int earlier_same_month = 0;            // of those, filed before this one (the count a 按件 fee starts after)
  std::vector<RelatedCase> repeats;      // similarity ≥ kRepeatSimilarity, most similar first
  std::vector<RelatedCase> others;       // the applicant's other applications, newest first (at most 20)
};

inline constexpr double kRepeatSimilarity = 0.6;

// The related applications of `c` (whose applicant identity must be set).
Related related_requests(db::Db& db, const Case& c);

// Overlap of the character bigrams of two texts (Dice coefficient, whitespace and punctuation
// ignored): 1 for the same text, 0 for nothing in common.
double description_similarity(std::string_view a, std::string_view b);

}  // namespace gk::applications
