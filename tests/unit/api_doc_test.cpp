// docs/api.md prints the workflow transition table for API clients; it must say exactly what
// catalog::kTransitions says (action, from, to, roles, label, whether a comment is required).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "catalog/workflow.h"

namespace gk::testing {
namespace {

std::string state_cell(catalog::State s) {
  return std::string(catalog::state_code(s)) + "（" + std::string(catalog::state_label(s)) + "）";
}

// One table row as docs/api.md writes it.
std::string row(const catalog::Transition& t) {
  std::string roles;
  for (size_t i = 0; i < t.roles.size(); ++i) {
    if (i > 0 && t.roles[i] == t.roles[0]) continue;  // duplicates mean one role
    if (!roles.empty()) roles += ", ";
    roles += std::string(accounts::role_code(t.roles[i])) + "（" + std::string(accounts::role_label(t.roles[i])) + "）";
  }
  return "| `" + std::string(t.action) + "` | " + state_cell(t.from) + " | " + state_cell(t.to) + " | " + roles +
         " | " + std::string(t.label) + " | " + (t.needs_comment ? "必填" : "可选") + " |";
}

TEST(ApiDoc, TransitionTableMatchesTheCode) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  std::ifstream in(std::string(root) + "/docs/api.md");
  ASSERT_TRUE(in) << "docs/api.md missing";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string expected = "| action | from | to | roles | label | comment |\n|---|---|---|---|---|---|\n";
  for (const auto& t : catalog::kTransitions) expected += row(t) + "\n";
  EXPECT_NE(doc.find(expected), std::string::npos) << "docs/api.md must contain this table verbatim:\n" << expected;
}

}  // namespace
}  // namespace gk::testing
