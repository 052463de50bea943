// Catalog service: the publishing chain with role and agency checks, 索引号 assignment (also under
// concurrency), validation that writes nothing, public visibility, and the Art. 26 limit.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "catalog/service.h"
#include "catalog/workflow.h"
#include "platform/audit/audit.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using catalog::State;

class CatalogTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    drafter_ = make_user("drafter", county_, {"drafter"});
    secrecy_ = make_user("secrecy", county_, {"secrecy"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    signer_ = make_user("signer", county_, {"signer"});
    town_signer_ = make_user("townsigner", town_, {"signer", "secrecy", "reviewer"});
  }

  int64_t draft() {
    auto it = catalog::create_draft(db(), drafter_, system(), sample_input(county_));
    EXPECT_TRUE(it.ok()) << (it.ok() ? "" : it.error().message);
    return it->id;
  }

  catalog::Item publish(int64_t id) {
    EXPECT_TRUE(catalog::transition(db(), drafter_, system(), id, "submit", "").ok());
    EXPECT_TRUE(catalog::transition(db(), secrecy_, system(), id, "secrecy_pass", "").ok());
    EXPECT_TRUE(catalog::transition(db(), reviewer_, system(), id, "review_pass", "").ok());
    auto r = catalog::transition(db(), signer_, system(), id, "sign_publish", "同意发布");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return *r;
  }

  int64_t count(const std::string& table) { return db().scalar_int("SELECT COUNT(*) FROM " + table); }

  accounts::Principal drafter_, secrecy_, reviewer_, signer_, town_signer_;
};

TEST_F(CatalogTest, DraftIsNormalizedAndSanitized) {
  auto it = catalog::load(db(), draft());
  ASSERT_TRUE(it);
  EXPECT_EQ(it->doc_no, "云政发〔2024〕12号");
  EXPECT_EQ(it->state, State::kDraft);
  EXPECT_EQ(it->publisher, "云溪县人民政府");
  EXPECT_EQ(it->body_html.find("script"), std::string::npos);
  EXPECT_NE(it->body_html.find("各乡镇人民政府"), std::string::npos);
}

TEST_F(CatalogTest, FullChainPublishesWithIndexNumber) {
  const int64_t id = draft();
  const catalog::Item published = publish(id);
  EXPECT_EQ(published.state, State::kPublished);
  EXPECT_EQ(published.publish_date, today_cn());
  const auto county = agencies::get(db(), county_).value();
  const std::string year = today_cn().substr(0, 4);
  EXPECT_EQ(published.index_no, county.credit_code + "/" + year + "-00001");
  EXPECT_TRUE(catalog::get_public(db(), id).ok());
  // Each step is in the audit trail, in order.
  std::vector<std::string> actions;
  for (const auto& e : audit::for_entity(db(), "item", id)) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "secrecy_pass", "review_pass", "sign_publish"}));
}

TEST_F(CatalogTest, WrongRoleIsRefusedAndChangesNothing) {
  const int64_t id = draft();
  ASSERT_TRUE(catalog::transition(db(), drafter_, system(), id, "submit", "").ok());
  const int64_t events = count("audit_events");
  auto r = catalog::transition(db(), drafter_, system(), id, "secrecy_pass", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(catalog::load(db(), id)->state, State::kSecrecyReview);
  EXPECT_EQ(count("audit_events"), events);
  // A signer may not skip the 保密审查 and 审核 steps.
  r = catalog::transition(db(), signer_, system(), id, "sign_publish", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kConflict);
}

TEST_F(CatalogTest, SignerOfAnotherAgencyCannotSign) {
  const int64_t id = draft();
  ASSERT_TRUE(catalog::transition(db(), drafter_, system(), id, "submit", "").ok());
  auto r = catalog::transition(db(), town_signer_, system(), id, "secrecy_pass", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kForbidden);
}

TEST_F(CatalogTest, RejectionNeedsReasonAndReturnsToDraft) {
  const int64_t id = draft();
  ASSERT_TRUE(catalog::transition(db(), drafter_, system(), id, "submit", "").ok());
  auto r = catalog::transition(db(), secrecy_, system(), id, "secrecy_reject", "  ");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("comment"), 1u);
  r = catalog::transition(db(), secrecy_, system(), id, "secrecy_reject", "含有个人信息，请删除");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state, State::kDraft);
  EXPECT_EQ(audit::for_entity(db(), "item", id).back().comment, "含有个人信息，请删除");
}

TEST_F(CatalogTest, InvalidInputReportsFieldsAndWritesNothing) {
  auto in = sample_input(county_);
  in.doc_no = "云政发2024年12号";
  in.written_date = "2024-02-30";
  in.subject = "9999";
  in.validity = "repealed";
  const int64_t items = count("items"), events = count("audit_events");
  auto r = catalog::create_draft(db(), drafter_, system(), in);
  ASSERT_FALSE(r.ok());
  for (const char* f : {"doc_no", "written_date", "subject", "repeal_date"}) {
    EXPECT_EQ(r.error().fields.count(f), 1u) << f;
  }
  EXPECT_EQ(count("items"), items);
  EXPECT_EQ(count("audit_events"), events);
}

TEST_F(CatalogTest, DrafterOfAnotherAgencyCannotDraftHere) {
  auto town_drafter = make_user("towndrafter", town_, {"drafter"});
  auto r = catalog::create_draft(db(), town_drafter, system(), sample_input(county_));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kForbidden);
}

TEST_F(CatalogTest, OnlyPublishedProactiveItemsArePublic) {
  const int64_t draft_id = draft();
  auto in = sample_input(county_);
  in.disclosure = "withheld";
  in.withheld_reason = "涉及国家秘密（条例第十四条）";
  auto withheld = catalog::create_draft(db(), drafter_, system(), in);
  ASSERT_TRUE(withheld.ok());
  publish(withheld->id);
  const int64_t public_id = draft();
  publish(public_id);
  auto page = catalog::list_public(db(), {});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items.front().id, public_id);
  EXPECT_FALSE(catalog::get_public(db(), draft_id).ok());
  EXPECT_FALSE(catalog::get_public(db(), withheld->id).ok());
}

TEST_F(CatalogTest, IndexNumbersAreNeverReused) {
  const int64_t a = draft();
  const auto first = publish(a);
  ASSERT_TRUE(catalog::transition(db(), signer_, system(), a, "withdraw", "内容有误").ok());
  const auto second = publish(draft());
  EXPECT_NE(first.index_no, second.index_no);
  EXPECT_TRUE(second.index_no.ends_with("-00002"));
  EXPECT_EQ(catalog::load(db(), a)->index_no, first.index_no);  // the withdrawn item keeps its number
}

TEST_F(CatalogTest, ConcurrentPublicationsGetDistinctConsecutiveSerials) {
  constexpr int kThreads = 4, kEach = 8;
  std::vector<int64_t> ids;
  for (int i = 0; i < kThreads * kEach; ++i) {
    const int64_t id = draft();
    ASSERT_TRUE(catalog::transition(db(), drafter_, system(), id, "submit", "").ok());
    ASSERT_TRUE(catalog::transition(db(), secrecy_, system(), id, "secrecy_pass", "").ok());
    ASSERT_TRUE(catalog::transition(db(), reviewer_, system(), id, "review_pass", "").ok());
    ids.push_back(id);
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto conn = database_->open();  // each thread its own connection, as in the server
      for (int i = 0; i < kEach; ++i) {
        if (!catalog::transition(*conn, signer_, system(), ids[static_cast<size_t>(t * kEach + i)], "sign_publish", "")
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, 0);
  std::set<int> serials;
  for (const auto& r : db().query("SELECT index_no FROM items WHERE index_no IS NOT NULL")) {
    serials.insert(std::stoi(r.s(0).substr(r.s(0).rfind('-') + 1)));
  }
  ASSERT_EQ(serials.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*serials.begin(), 1);
  EXPECT_EQ(*serials.rbegin(), kThreads * kEach);
}

TEST_F(CatalogTest, ValidityChangeOnPublishedItem) {
  const int64_t id = draft();
  publish(id);
  auto r = catalog::set_validity(db(), drafter_, system(), id, "repealed", "2025-01-01", "");
  EXPECT_FALSE(r.ok());
  r = catalog::set_validity(db(), signer_, system(), id, "repealed", "", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("repeal_date"), 1u);
  r = catalog::set_validity(db(), signer_, system(), id, "repealed", "2025-01-01", "被新文件替代");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->validity, "repealed");
  EXPECT_EQ(r->repeal_date, "2025-01-01");
}

TEST_F(CatalogTest, AuditTrailIsAppendOnly) {
  draft();
  EXPECT_THROW(db().exec("UPDATE audit_events SET actor = 'x'"), db::ConstraintError);
  EXPECT_THROW(db().exec("DELETE FROM audit_events"), db::ConstraintError);
}

TEST(Workflow, TableOffersOnlyTheStepsOfEachRole) {
  using accounts::Role;
  auto actions = [](State s, std::set<Role> roles) {
    std::vector<std::string> out;
    for (const auto* t : catalog::allowed_transitions(s, roles)) out.emplace_back(t->action);
    return out;
  };
  EXPECT_EQ(actions(State::kDraft, {Role::kDrafter}), std::vector<std::string>{"submit"});
  EXPECT_TRUE(actions(State::kSecrecyReview, {Role::kDrafter}).empty());
  EXPECT_EQ(actions(State::kSignoff, {Role::kSigner}), (std::vector<std::string>{"sign_publish", "sign_reject"}));
  EXPECT_TRUE(actions(State::kPublished, {Role::kReviewer}).empty());
  for (const auto& t : catalog::kTransitions) {
    if (t.to == State::kDraft && t.from != State::kWithdrawn) {
      EXPECT_TRUE(t.needs_comment) << t.action;
    }
  }
}

TEST(Art26, CountsTwentyWeekdaysFromFormation) {
  catalog::Item it;
  it.written_date = "2024-03-01";  // a Friday
  auto s = catalog::art26_status(it, "2024-03-04");
  EXPECT_EQ(s.deadline, "2024-03-29");
  EXPECT_EQ(s.days_left, 19);
  EXPECT_EQ(s.state, "ok");
  EXPECT_EQ(catalog::art26_status(it, "2024-03-25").state, "near");
  EXPECT_EQ(catalog::art26_status(it, "2024-04-01").state, "overdue");
  it.publish_date = "2024-04-02";
  EXPECT_EQ(catalog::art26_status(it, "2024-05-01").state, "late");
}

}  // namespace
}  // namespace gk::testing

namespace gk::testing {
namespace {

// docs/workflow.md prints the transition table; it must say what the code does.
TEST(Workflow, DocumentationMatchesTheTable) {
  const char* root = std::getenv("GK_SOURCE_DIR");
  if (!root) GTEST_SKIP() << "GK_SOURCE_DIR not set (run through ctest)";
  std::ifstream in(std::string(root) + "/docs/workflow.md");
  ASSERT_TRUE(in) << "docs/workflow.md missing";
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& t : catalog::kTransitions) {
    const std::string row = "| " + std::string(t.action) + " | " +
                            std::string(catalog::state_label(t.from)) +
                            " | " + std::string(catalog::state_label(t.to)) + " |";
    EXPECT_NE(doc.find(row), std::string::npos) << "docs/workflow.md lacks: " << row;
  }
}

}  // namespace
}  // namespace gk::testing
