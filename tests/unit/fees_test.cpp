// Tests for the 信息处理费 calculator (国办函〔2020〕109号, ogi-facts §3): every band boundary of both
// schedules, pieces accumulated over a natural month, the band list and the explanation.
#include "applications/fees.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace gk::applications {
namespace {

int64_t by_piece(int earlier, int pieces) {
  auto q = quote_by_piece(earlier, pieces);
  EXPECT_TRUE(q.ok()) << earlier << "+" << pieces << ": " << q.error().message;
  return q ? q->amount_yuan : -1;
}

int64_t by_page(int pages) {
  auto q = quote_by_page(pages);
  EXPECT_TRUE(q.ok()) << pages << ": " << q.error().message;
  return q ? q->amount_yuan : -1;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

TEST(FeeByPiece, BandBoundariesOfOneApplication) {
  const std::vector<std::pair<int, int64_t>> cases = {
      {1, 0},     {10, 0},    {11, 100},  {12, 200},  {30, 2000},  {31, 2200},
      {40, 4000}, {41, 4300}, {50, 7000}, {51, 7400}, {60, 11000}, {61, 11500},
  };
  for (const auto& [pieces, yuan] : cases) EXPECT_EQ(by_piece(0, pieces), yuan) << pieces << "件";
}

TEST(FeeByPiece, PriceOfEachSinglePiece) {
  // The k+1-th piece of the month alone costs the price of its band.
  const std::vector<std::pair<int, int64_t>> cases = {{0, 0},    {9, 0},    {10, 100},  {29, 100},
                                                      {30, 200}, {39, 200}, {40, 300},  {49, 300},
                                                      {50, 400}, {99, 800}, {100, 900}, {130, 1200}};
  for (const auto& [earlier, price] : cases) EXPECT_EQ(by_piece(earlier, 1), price) << "piece " << earlier + 1;
}

TEST(FeeByPiece, AccumulatesOverTheNaturalMonth) {
  auto q = quote_by_piece(25, 10);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->method, FeeQuote::Method::kByPiece);
  EXPECT_EQ(q->amount_yuan, 1500);
  ASSERT_EQ(q->bands.size(), 2u);
  EXPECT_EQ(q->bands[0].from, 26);
  EXPECT_EQ(q->bands[0].to, 30);
  EXPECT_EQ(q->bands[0].unit_price_yuan, 100);
  EXPECT_EQ(q->bands[0].count, 5);
  EXPECT_EQ(q->bands[0].subtotal_yuan, 500);
  EXPECT_EQ(q->bands[1].from, 31);
  EXPECT_EQ(q->bands[1].to, 35);
  EXPECT_EQ(q->bands[1].unit_price_yuan, 200);
  EXPECT_EQ(q->bands[1].count, 5);
  EXPECT_EQ(q->bands[1].subtotal_yuan, 1000);
  EXPECT_TRUE(contains(q->explanation_zh, "国办函〔2020〕109号"));
  EXPECT_TRUE(contains(q->explanation_zh, "此前已申请25件，本次申请10件，为本月第26至35件。"));
  EXPECT_TRUE(contains(q->explanation_zh,
                       "第26至30件，每件100元，共5件，500元；第31至35件，每件200元，共5件，1000元。合计1500元。"));

  // The same 35 pieces cost the same however the month's applications split them.
  EXPECT_EQ(by_piece(0, 25) + by_piece(25, 10), by_piece(0, 35));
  EXPECT_EQ(by_piece(0, 5) + by_piece(5, 5) + by_piece(10, 25), by_piece(0, 35));
}

TEST(FeeByPiece, FreeBandIsListedAndZeroTotalSaysSo) {
  auto q = quote_by_piece(5, 10);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->bands.size(), 2u);
  EXPECT_EQ(q->bands[0].from, 6);
  EXPECT_EQ(q->bands[0].to, 10);
  EXPECT_EQ(q->bands[0].unit_price_yuan, 0);
  EXPECT_EQ(q->bands[0].subtotal_yuan, 0);
  EXPECT_TRUE(contains(q->explanation_zh, "第6至10件不收费，共5件；第11至15件，每件100元，共5件，500元。合计500元。"));

  auto free = quote_by_piece(0, 3);
  ASSERT_TRUE(free.ok());
  EXPECT_EQ(free->amount_yuan, 0);
  EXPECT_TRUE(contains(free->explanation_zh, "为本月第1至3件。第1至3件不收费，共3件。合计0元，不收取信息处理费。"));

  auto single = quote_by_piece(10, 1);
  ASSERT_TRUE(single.ok());
  EXPECT_TRUE(contains(single->explanation_zh, "为本月第11件。第11件，每件100元，共1件，100元。合计100元。"));
}

TEST(FeeByPiece, BadInput) {
  for (auto [earlier, pieces] : std::vector<std::pair<int, int>>{
           {0, 0}, {5, 0}, {0, -1}, {-1, 1}, {0, 100001}, {100000, 1}, {99999, 2}, {1, 2147483647}}) {
    auto q = quote_by_piece(earlier, pieces);
    ASSERT_FALSE(q.ok()) << earlier << "+" << pieces;
    EXPECT_EQ(q.error().code, "invalid_fee_input");
    EXPECT_EQ(q.error().kind, Error::Kind::kInvalid);
  }
  EXPECT_EQ(quote_by_piece(0, 0).error().message, "本次申请的件数应至少为1件");
  EXPECT_EQ(quote_by_piece(-3, 1).error().message, "本月此前的申请件数不能为负数");
  EXPECT_TRUE(quote_by_piece(99999, 1).ok());
  EXPECT_TRUE(quote_by_piece(0, kMaxFeeUnits).ok());
}

TEST(FeeByPiece, LargestMonthStaysExact) {
  // Σ over bands: 20×100 for 11–30, then 10 pieces at 200, 300, … up to the band of piece 100000.
  int64_t expected = 2000;
  for (int band = 0; 40 + 10 * band <= kMaxFeeUnits; ++band) expected += 10 * (200 + 100 * int64_t{band});
  EXPECT_EQ(by_piece(0, kMaxFeeUnits), expected);
}

TEST(FeeByPage, BandBoundaries) {
  const std::vector<std::pair<int, int64_t>> cases = {
      {1, 0}, {30, 0}, {31, 10}, {100, 700}, {101, 720}, {200, 2700}, {201, 2740}, {250, 4700}, {1000, 34700},
  };
  for (const auto& [pages, yuan] : cases) EXPECT_EQ(by_page(pages), yuan) << pages << "页";
}

TEST(FeeByPage, BandsAndExplanation) {
  auto q = quote_by_page(150);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->method, FeeQuote::Method::kByPage);
  EXPECT_EQ(q->amount_yuan, 1700);
  ASSERT_EQ(q->bands.size(), 3u);
  EXPECT_EQ(q->bands[0].to, 30);
  EXPECT_EQ(q->bands[1].from, 31);
  EXPECT_EQ(q->bands[1].to, 100);
  EXPECT_EQ(q->bands[1].count, 70);
  EXPECT_EQ(q->bands[1].subtotal_yuan, 700);
  EXPECT_EQ(q->bands[2].from, 101);
  EXPECT_EQ(q->bands[2].to, 150);
  EXPECT_EQ(q->bands[2].unit_price_yuan, 20);
  EXPECT_TRUE(contains(q->explanation_zh, "按量计收"));
  EXPECT_TRUE(contains(q->explanation_zh, "国办函〔2020〕109号"));
  EXPECT_TRUE(contains(q->explanation_zh,
                       "本次申请共150页。第1至30页不收费，共30页；第31至100页，每页10元，共70页，700元；"
                       "第101至150页，每页20元，共50页，1000元。合计1700元。"));

  auto top = quote_by_page(201);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->bands.size(), 4u);
  EXPECT_EQ(top->bands[3].from, 201);
  EXPECT_EQ(top->bands[3].to, 201);
  EXPECT_EQ(top->bands[3].unit_price_yuan, 40);
  EXPECT_TRUE(contains(top->explanation_zh, "第201页，每页40元，共1页，40元。合计2740元。"));
}

TEST(FeeByPage, BadInput) {
  EXPECT_EQ(quote_by_page(0).error().message, "页数应至少为1页");
  EXPECT_EQ(quote_by_page(-5).error().code, "invalid_fee_input");
  EXPECT_FALSE(quote_by_page(kMaxFeeUnits + 1).ok());
  EXPECT_TRUE(quote_by_page(kMaxFeeUnits).ok());
}

TEST(FeeMethod, CodesAndLabels) {
  EXPECT_EQ(fee_method_code(FeeQuote::Method::kByPiece), "by_piece");
  EXPECT_EQ(fee_method_code(FeeQuote::Method::kByPage), "by_page");
  EXPECT_EQ(fee_method_label(FeeQuote::Method::kByPiece), "按件计收");
  EXPECT_EQ(fee_method_label(FeeQuote::Method::kByPage), "按量计收");
  EXPECT_EQ(fee_method_from_code("by_page"), FeeQuote::Method::kByPage);
  EXPECT_EQ(fee_method_from_code("both"), std::nullopt);
}

}  // namespace
}  // namespace gk::applications
