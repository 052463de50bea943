// The 信息处理费 of a case (applications/case_fees.h) wired into the fee_notice step: the applicant's
// month counted across agencies from the records, the quote as the notice's default and ceiling,
// one method per case (国办函〔2020〕109号第三条), and the 收费通知书 printing the breakdown.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "applications/case_fees.h"
#include "applications/letters.h"
#include "applications/service.h"
#include "test_db.h"

namespace gk::testing {
namespace {

using applications::ActionInput;
using applications::Stage;

class CaseFees : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    clerk_ = make_user("clerk", county_, {"drafter"});
    reviewer_ = make_user("reviewer", county_, {"reviewer"});
    town_clerk_ = make_user("townclerk", town_, {"drafter"});
  }

  // An application of the sample applicant registered by `who` for `agency` on `date`.
  int64_t registered(const accounts::Principal& who, int64_t agency, const std::string& date) {
    auto s = sample_application(agency);
    s.channel = "in_person";
    s.received_date = date;
    auto r = applications::register_by_staff(db(), who, system(), s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->id : 0;
  }

  Result<applications::Case> step(const accounts::Principal& p, int64_t id, std::string_view action, ActionInput in) {
    return applications::act(db(), p, system(), id, action, in);
  }

  static ActionInput fee(std::string method, std::string units, std::string amount = "") {
    ActionInput in;
    in.date = "2026-09-22";
    in.fee_method = method;
    (method == "by_page" ? in.pages : in.pieces) = std::move(units);
    in.amount = std::move(amount);
    return in;
  }

  nlohmann::json fee_event(int64_t id) {
    return nlohmann::json::parse(db().query_one("SELECT data_json FROM application_events WHERE application_id = ? "
                                                "AND kind = 'fee_notice' ORDER BY id DESC LIMIT 1",
                                                {id})
                                     ->s(0));
  }

  // Ten earlier pieces in September 2026 (six here, four at the town), one in August and one later
  // in September; returns the case received on 2026-09-20, accepted.
  int64_t eleventh_of_september() {
    registered(clerk_, county_, "2026-08-31");  // another month
    for (int i = 0; i < 6; ++i) registered(clerk_, county_, "2026-09-0" + std::to_string(i + 1));
    for (int i = 0; i < 4; ++i) registered(town_clerk_, town_, "2026-09-1" + std::to_string(i));
    const int64_t id = registered(clerk_, county_, "2026-09-20");
    registered(town_clerk_, town_, "2026-09-25");  // later in the month: not earlier
    ActionInput in;
    in.date = "2026-09-21";
    EXPECT_TRUE(step(clerk_, id, "accept", in).ok());
    return id;
  }

  accounts::Principal clerk_, reviewer_, town_clerk_;
};

TEST_F(CaseFees, TheMonthIsCountedAcrossAgenciesFromTheRecords) {
  const int64_t id = eleventh_of_september();
  auto c = applications::load(db(), id);
  EXPECT_EQ(applications::earlier_pieces_this_month(db(), *c), 10)
      << "six here and four at the town in September; August and the later one do not count";
  auto q = applications::quote_case_fee(db(), *c, {"by_piece", "3", ""});
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(q->earlier_this_month, 10);
  EXPECT_EQ(q->units, 3);
  EXPECT_EQ(q->quote.amount_yuan, 300) << "pieces 11–13 at 100元";
  // An empty piece count is one piece; nonsense is a field error.
  EXPECT_EQ(applications::quote_case_fee(db(), *c, {"by_piece", "", ""})->quote.amount_yuan, 100);
  EXPECT_EQ(applications::quote_case_fee(db(), *c, {"by_piece", "0", ""}).error().fields.count("pieces"), 1u);
  EXPECT_EQ(applications::quote_case_fee(db(), *c, {"by_page", "", ""}).error().fields.count("pages"), 1u);
  EXPECT_EQ(applications::quote_case_fee(db(), *c, {"", "1", ""}).error().fields.count("fee_method"), 1u);
}

TEST_F(CaseFees, TheNoticeTakesTheQuoteAndNeverMore) {
  const int64_t id = eleventh_of_september();
  auto over = step(clerk_, id, "fee_notice", fee("by_piece", "1", "101"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().fields.at("amount"), "收费金额不能超过按件计收的计算金额100元");
  EXPECT_EQ(applications::load(db(), id)->stage, Stage::kAccepted) << "nothing written";

  auto sent = step(clerk_, id, "fee_notice", fee("by_piece", "1"));  // amount left empty: the quote
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->stage, Stage::kAwaitingFee);
  auto d = fee_event(id);
  EXPECT_EQ(d["method"], "by_piece");
  EXPECT_EQ(d["pieces"], 1);
  EXPECT_EQ(d["earlier_this_month"], 10);
  EXPECT_EQ(d["amount"], 100);
  EXPECT_EQ(d["quote"], 100);
  EXPECT_FALSE(d.contains("reduced"));
  ASSERT_EQ(d["bands"].size(), 1u);
  EXPECT_EQ(d["bands"][0]["from"], 11);
  EXPECT_EQ(d["bands"][0]["price"], 100);
  EXPECT_NE(d["breakdown"].get<std::string>().find("本自然月内此前已申请10件"), std::string::npos);
  EXPECT_FALSE(d.value("letter_no", "").empty()) << "the 收费通知书 is issued";
}

TEST_F(CaseFees, ALowerAmountIsRecordedAsAReductionAndANilQuoteIssuesNoNotice) {
  const int64_t id = registered(clerk_, county_, "2026-09-01");
  ASSERT_TRUE(step(clerk_, id, "accept", fee("by_piece", "1")).ok());
  auto nil = step(clerk_, id, "fee_notice", fee("by_piece", "1"));
  ASSERT_FALSE(nil.ok()) << "the first piece of the month is free";
  EXPECT_EQ(nil.error().fields.count("amount"), 1u);
  EXPECT_EQ(nil.error().message, "按件计收不收取信息处理费，无需发出收费通知");

  auto reduced = step(clerk_, id, "fee_notice", fee("by_page", "150", "1000"));
  ASSERT_TRUE(reduced.ok()) << reduced.error().message;
  auto d = fee_event(id);
  EXPECT_EQ(d["quote"], 1700) << "70 × 10 + 50 × 20";
  EXPECT_EQ(d["amount"], 1000);
  EXPECT_EQ(d["reduced"], true);
  EXPECT_EQ(d["pages"], 150);
  EXPECT_FALSE(d.contains("earlier_this_month"));
}

TEST_F(CaseFees, OneMethodPerCase) {
  const int64_t id = registered(clerk_, county_, "2026-09-01");
  ASSERT_TRUE(step(clerk_, id, "accept", fee("by_piece", "1")).ok());
  ASSERT_TRUE(step(clerk_, id, "fee_notice", fee("by_page", "40")).ok());
  ActionInput w;
  w.date = "2026-09-23";
  w.comment = "申请人经济困难";
  ASSERT_TRUE(step(reviewer_, id, "fee_waived", w).ok());
  auto c = applications::load(db(), id);
  EXPECT_EQ(applications::fee_method_used(*c), applications::FeeQuote::Method::kByPage);
  auto mixed = step(clerk_, id, "fee_notice", fee("by_piece", "20"));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().fields.at("fee_method"),
            "本申请的收费通知已采用按量计收，同一申请只能选择一种计收方式，不得同时按照两种标准计算（国办函〔2020〕109号"
            "第三条）");
  EXPECT_EQ(applications::load(db(), id)->stage, Stage::kAccepted);
  // The same method again is allowed.
  auto again = fee("by_page", "45");
  again.date = "2026-09-24";
  auto same = step(clerk_, id, "fee_notice", again);
  EXPECT_TRUE(same.ok()) << same.error().message;
}

TEST_F(CaseFees, TheFeeNoticePrintsTheBreakdown) {
  applications::Case c;
  c.code = "2026-ABCD-EFGH";
  c.agency_name = "云溪县人民政府";
  c.received_date = "2026-09-01";
  c.applicant.category = "person";
  c.applicant.name = "张三";
  c.request.description = "某文件";
  applications::LetterValues v;
  v.date = "2026-09-22";
  v.number = "云溪县人民政府依申〔2026〕5号";
  v.fee_amount = 1700;
  v.fee_due = "2026-10-27";
  v.fee_breakdown = applications::quote_by_page(150)->explanation_zh;
  const auto* spec = applications::find_template_spec("fee_notice");
  ASSERT_NE(spec, nullptr);
  auto doc = applications::compose(applications::LetterKind::kFeeNotice, c, v, applications::default_template(*spec));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  std::string all;
  for (const auto& b : doc->blocks) all += b.text + "\n";
  EXPECT_NE(all.find("信息处理费1700元"), std::string::npos) << all;
  EXPECT_NE(all.find("第31至100页，每页10元，共70页，700元"), std::string::npos) << all;
  EXPECT_NE(all.find("合计1700元"), std::string::npos) << all;
}

}  // namespace
}  // namespace gk::testing
