// The 行政复议 / 行政诉讼 register: what a record must say, who may write it, and its audit.
#include <gtest/gtest.h>

#include "applications/reviews.h"
#include "applications/service.h"
#include "test_db.h"

namespace gk::testing {
namespace {

class ReviewsTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
  }
  applications::ReviewInput sample() {
    applications::ReviewInput in;
    in.agency_id = county_;
    in.kind = "review";
    in.body = "云溪市人民政府";
    in.case_no = "云市复〔2026〕15号";
    in.applicant = "张三";
    in.filed_date = "2026-03-02";
    in.result = "pending";
    return in;
  }
  accounts::Principal clerk_, town_clerk_, reviewer_;
};

TEST_F(ReviewsTest, ACaseIsRegisteredThenDecidedAndBothStepsAreAudited) {
  auto created = applications::create_review(db(), clerk_, system(), sample());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->result, "pending");
  auto in = sample();
  in.result = "corrected";
  in.decided_date = "2026-05-20";
  in.summary = "复议机关责令重新答复";
  auto decided = applications::update_review(db(), clerk_, system(), created->id, in);
  ASSERT_TRUE(decided.ok()) << decided.error().message;
  EXPECT_EQ(applications::to_json(*decided)["result_label"], "结果纠正");
  auto trail = audit::for_entity(db(), "review_case", created->id);
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[1].before["result"], "pending");
  EXPECT_EQ(trail[1].after["result"], "corrected");
}

TEST_F(ReviewsTest, InconsistentRecordsAreRefusedFieldByField) {
  auto in = sample();
  in.kind = "appeal";
  in.body = "";
  in.result = "pending";
  in.decided_date = "2026-04-01";
  auto r = applications::create_review(db(), clerk_, system(), in);
  ASSERT_FALSE(r.ok());
  for (const char* f : {"kind", "body", "decided_date"}) EXPECT_EQ(r.error().fields.count(f), 1u) << f;
  in = sample();
  in.result = "upheld";
  in.decided_date = "2026-02-01";
  EXPECT_EQ(applications::create_review(db(), clerk_, system(), in).error().fields.count("decided_date"), 1u)
      << "decided before it was filed";
  in = sample();
  in.result = "upheld";
  EXPECT_EQ(applications::create_review(db(), clerk_, system(), in).error().fields.count("decided_date"), 1u)
      << "a decided case needs its date";
  in = sample();
  in.filed_date = "2099-01-01";
  EXPECT_EQ(applications::create_review(db(), clerk_, system(), in).error().fields.count("filed_date"), 1u);
  in = sample();
  in.application_code = "2026-NONE-NONE";
  EXPECT_EQ(applications::create_review(db(), clerk_, system(), in).error().fields.count("application_code"), 1u);
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM review_cases"), 0);
}

TEST_F(ReviewsTest, OnlyClerksOfTheAgencyRegisterAndALinkedApplicationMustBeItsOwn) {
  EXPECT_EQ(applications::create_review(db(), town_clerk_, system(), sample()).error().kind, Error::Kind::kForbidden);
  EXPECT_EQ(applications::create_review(db(), reviewer_, system(), sample()).error().kind, Error::Kind::kForbidden);
  applications::Submission s;
  s.applicant = {"person", "李四", "resident_id", "11010519491231002X", "", "", "", "13812341234", "", ""};
  s.request.agency_id = town_;
  s.request.description = "某村道路硬化工程的验收资料";
  s.request.form = "paper";
  s.request.delivery = "pickup";
  s.channel = "in_person";
  s.received_date = "2026-09-01";
  auto app = applications::register_by_staff(db(), town_clerk_, system(), s);
  ASSERT_TRUE(app.ok()) << app.error().message;
  auto in = sample();
  in.application_code = app->code;
  EXPECT_EQ(applications::create_review(db(), clerk_, system(), in).error().fields.count("application_code"), 1u)
      << "the town's application is not the county's";
  in.agency_id = town_;
  auto linked = applications::create_review(db(), town_clerk_, system(), in);
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  EXPECT_EQ(linked->application_code, app->code);
  EXPECT_EQ(applications::list_reviews(db(), {town_}, app->id).size(), 1u);
}

}  // namespace
}  // namespace gk::testing

#include "applications/report_counts.h"
#include "reports/identities.h"

namespace gk::testing {
namespace {

TEST_F(ReviewsTest, TableFourCountsTheYearsCasesWithTheirResultAtYearEnd) {
  auto add = [&](const std::string& kind, const std::string& filed, const std::string& result, const std::string& decided) {
    auto in = sample();
    in.kind = kind;
    in.filed_date = filed;
    in.result = result;
    in.decided_date = decided;
    auto r = applications::create_review(db(), clerk_, system(), in);
    ASSERT_TRUE(r.ok()) << r.error().message;
  };
  add("review", "2025-03-02", "upheld", "2025-05-01");
  add("review", "2025-11-20", "corrected", "2026-01-15");  // decided after the year: 尚未审结 in 2025
  add("suit_direct", "2025-06-01", "pending", "");
  add("suit_after_review", "2024-12-01", "other", "2025-02-01");  // filed in 2024: not in 2025's table
  auto v = applications::table4_values(db(), {county_}, 2025);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->get_or_zero("table4.review.upheld"), 1);
  EXPECT_EQ(v->get_or_zero("table4.review.pending"), 1);
  EXPECT_EQ(v->get_or_zero("table4.review.corrected"), 0);
  EXPECT_EQ(v->get_or_zero("table4.review.total"), 2);
  EXPECT_EQ(v->get_or_zero("table4.suit_direct.pending"), 1);
  EXPECT_EQ(v->get_or_zero("table4.suit_after_review.total"), 0);
  EXPECT_TRUE(reports::check_identities(*reports::format_for_year(2025), *v, nullptr).empty());
}

}  // namespace
}  // namespace gk::testing
