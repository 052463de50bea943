// libFuzzer target for the report checker (CMake option GK_FUZZ, clang only): any bytes must give a
// result or a clear error, and a result must be internally consistent — score within 0–100, every
// cell reference one of the format's, sections six in order, the JSON serializable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "checker/checker.h"
#include "reports/table_values.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto r = gk::checker::check_report(in);
  if (!r) {
    check(r.error().code == "empty_input" || r.error().code == "too_large");
    check(!r.error().message.empty());
    return 0;
  }
  check(r->score >= 0 && r->score <= 100);
  check(r->sections.size() == 6);
  if (r->format) {
    check(gk::reports::unknown_cells(*r->format, r->values).empty());
    check(r->tables.size() == r->format->tables.size());
  } else {
    check(r->values.empty());
  }
  for (const auto& f : r->figures) check(!f.kind.empty() && !f.sentence.empty());
  const std::string json = gk::checker::to_json(*r).dump();
  check(!json.empty());
  return 0;
}
