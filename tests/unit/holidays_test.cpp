// Entering a new year's holiday schedule: the form format, validation, rights, storage, audit, and
// the calendar in force.
#include <gtest/gtest.h>

#include "holidays/service.h"
#include "test_db.h"

namespace gk::testing {
namespace {

class HolidaysTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
    admin_ = make_user("root", county_, {"platform_admin"});
    county_admin_ = make_user("countyadmin", county_, {"agency_admin"});
  }
  void TearDown() override {
    ASSERT_TRUE(calendar::install_extra_years({}).ok());  // leave the shipped calendar to other tests
    TempDb::TearDown();
  }
  accounts::Principal admin_, county_admin_;
};

constexpr const char* kOff2027 = "元旦 2027-01-01\n春节 2027-02-06 2027-02-13\n\n国庆节　2027-10-01 2027-10-07\n";
constexpr const char* kWork2027 = "春节 2027-02-14\n国庆节 2027-10-09";

TEST_F(HolidaysTest, PlatformAdminAddsAYearThatTakesEffectAndIsAudited) {
  auto y = holidays::parse_form("2027", kOff2027, kWork2027);
  ASSERT_TRUE(y.ok()) << y.error().message;
  EXPECT_EQ(y->off.size(), 3u);
  EXPECT_FALSE(calendar::current()->has_year(2027));
  EXPECT_EQ(holidays::add_year(db(), &county_admin_, system(), *y).error().kind, Error::Kind::kForbidden);
  ASSERT_TRUE(holidays::add_year(db(), &admin_, system(), *y).ok());
  const auto cal = calendar::current();
  EXPECT_TRUE(cal->has_year(2027));
  EXPECT_TRUE(cal->day(*parse_date("2027-02-14"))->workday);
  EXPECT_EQ(cal->day(*parse_date("2027-02-10"))->reason, "春节");
  // A deadline across the year end can now be computed: Thu 2026-12-31 + 1 → Mon 2027-01-04.
  EXPECT_EQ(format_date(*cal->add_workdays(*parse_date("2026-12-31"), 1)), "2027-01-04");
  EXPECT_EQ(audit::for_entity(db(), "calendar_year", 2027).size(), 1u);
  // Not twice, and not a shipped year.
  EXPECT_FALSE(holidays::add_year(db(), &admin_, system(), *y).ok());
  auto y26 = *y;
  y26.year = 2026;
  EXPECT_FALSE(holidays::add_year(db(), &admin_, system(), y26).ok());
  // Another process (or a restart) reading the database gets the same calendar.
  ASSERT_TRUE(calendar::install_extra_years({}).ok());
  holidays::load(db());
  EXPECT_TRUE(calendar::current()->has_year(2027));
}

TEST_F(HolidaysTest, BadEntriesSayWhichLineAndStoreNothing) {
  auto r = holidays::parse_form("2027", "春节 2027-02-06 2027-02-13\n国庆节 十月一日", "春节 2027-02-15");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().fields.at("off").find("第2行"), std::string::npos);
  // 2027-02-15 is a Monday: a make-up day must be a weekend.
  r = holidays::parse_form("2027", "春节 2027-02-06 2027-02-13", "春节 2027-02-15");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("work"), 1u);
  r = holidays::parse_form("2027", "春节 2027-02-06 2027-02-13\n春节 2027-02-12 2027-02-14", "");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().fields.at("off").find("重叠"), std::string::npos);
  EXPECT_FALSE(holidays::parse_form("27", "春节 2027-02-06 2027-02-13", "").ok());
  EXPECT_EQ(db().scalar_int("SELECT COUNT(*) FROM calendar_years"), 0);
}

TEST(HolidaysWarning, FromDecemberWhenNextYearIsMissing) {
  EXPECT_FALSE(holidays::missing_next_year_warning("2026-11-30"));
  EXPECT_FALSE(holidays::missing_next_year_warning("2025-12-05"));  // 2026 ships
  auto w = holidays::missing_next_year_warning("2026-12-01");
  ASSERT_TRUE(w);
  EXPECT_NE(w->find("2027年"), std::string::npos);
}

}  // namespace
}  // namespace gk::testing
