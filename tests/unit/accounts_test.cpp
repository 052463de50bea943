// Accounts: password policy, sign-in with throttling, sessions, tokens, and access over the agency tree.
#include <gtest/gtest.h>

#include "agencies/access.h"
#include "accounts/password.h"
#include "accounts/service.h"
#include "test_db.h"

namespace gk::testing {
namespace {

class AccountsTest : public TempDb {
 protected:
  void SetUp() override {
    TempDb::SetUp();
    make_tree();
  }
};

TEST(PasswordPolicy, RejectsWeakPasswords) {
  EXPECT_FALSE(accounts::check_password_policy("Short1!", "u").ok());
  EXPECT_FALSE(accounts::check_password_policy("alllowercaseletters", "u").ok());
  EXPECT_FALSE(accounts::check_password_policy("Zhangsan-2024", "zhangsan").ok());
  EXPECT_TRUE(accounts::check_password_policy("Gongkai-2024", "zhangsan").ok());
}

TEST(PasswordHash, IsArgon2idAndVerifies) {
  const std::string h = accounts::hash_password("Gongkai-2024");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(accounts::verify_password("Gongkai-2024", h));
  EXPECT_FALSE(accounts::verify_password("Gongkai-2025", h));
}

TEST_F(AccountsTest, LoginOpensSessionAndThrottlesFailures) {
  make_user("clerk", county_, {"drafter"});
  auto ok = accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.1");
  ASSERT_TRUE(ok.ok());
  auto p = accounts::session_principal(db(), ok->session_token);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user.username, "clerk");
  EXPECT_EQ(p->csrf_token.size(), 64u);
  accounts::logout(db(), ok->session_token);
  EXPECT_FALSE(accounts::session_principal(db(), ok->session_token));

  for (int i = 0; i < accounts::kMaxFailuresPerAccount; ++i) {
    auto bad = accounts::login(db(), "clerk", "wrong-password", "10.0.0.1");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, Error::Kind::kUnauthenticated);
  }
  auto locked = accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.1");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().kind, Error::Kind::kTooMany);
}

TEST_F(AccountsTest, UnknownUserAndWrongPasswordLookAlike) {
  make_user("clerk", county_, {"drafter"});
  auto a = accounts::login(db(), "nobody", "x", "127.0.0.2");
  auto b = accounts::login(db(), "clerk", "x", "127.0.0.2");
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(a.error().message, b.error().message);
}

TEST_F(AccountsTest, DisabledUserLosesSessionsAndTokens) {
  auto p = make_user("clerk", county_, {"drafter"});
  auto s = accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.1");
  auto t = accounts::create_token(db(), nullptr, system(), p.user.id, "test");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(accounts::token_principal(db(), *t));
  ASSERT_TRUE(accounts::set_disabled(db(), nullptr, system(), p.user.id, true).ok());
  EXPECT_FALSE(accounts::session_principal(db(), s->session_token));
  EXPECT_FALSE(accounts::token_principal(db(), *t));
  EXPECT_FALSE(accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.1").ok());
}

TEST_F(AccountsTest, SupervisorReadsSubtreeOnly) {
  auto sup = make_user("sup", county_, {"supervisor"});
  auto town_sup = make_user("townsup", town_, {"supervisor"});
  EXPECT_TRUE(agencies::can_read(db(), sup, town_));
  EXPECT_FALSE(agencies::can_act_for(db(), sup, town_));
  EXPECT_FALSE(agencies::can_read(db(), town_sup, county_));
  EXPECT_FALSE(agencies::can_read(db(), town_sup, dept_));
  auto admin = make_user("admin", county_, {"agency_admin"});
  EXPECT_TRUE(agencies::can_administer(db(), admin, dept_));
  auto town_admin = make_user("townadmin", town_, {"agency_admin"});
  EXPECT_FALSE(agencies::can_administer(db(), town_admin, county_));
}

TEST_F(AccountsTest, CreateUserValidatesAndAudits) {
  accounts::UserInput in{"Bad Name", "", 0, {"wizard"}, "short"};
  auto r = accounts::create_user(db(), nullptr, system(), in);
  ASSERT_FALSE(r.ok());
  for (const char* f : {"username", "display_name", "agency_id", "roles", "password"}) {
    EXPECT_EQ(r.error().fields.count(f), 1u) << f;
  }
  in = {"wang.clerk", "信息员 王某", county_, {"drafter", "secrecy"}, "Gongkai-2024!"};
  r = accounts::create_user(db(), nullptr, system(), in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->roles.size(), 2u);
  EXPECT_EQ(audit::for_entity(db(), "user", r->id).size(), 1u);
  EXPECT_FALSE(accounts::create_user(db(), nullptr, system(), in).ok());  // duplicate username
}

TEST_F(AccountsTest, AgencyTreeRejectsCyclesAndBadCodes) {
  agencies::AgencyInput in;
  in.name = "某局";
  in.level = "department";
  in.parent_id = county_;
  in.credit_code = "113708230044314226";  // wrong check digit
  auto r = agencies::create(db(), nullptr, system(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("credit_code"), 1u);
  auto county = agencies::get(db(), county_).value();
  agencies::AgencyInput move;
  move.name = county.name;
  move.level = "county";
  move.credit_code = county.credit_code;
  move.parent_id = town_;
  auto m = agencies::update(db(), nullptr, system(), county_, move);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().fields.count("parent_id"), 1u);
}

TEST_F(AccountsTest, UsersChangeTheirOwnPassword) {
  auto me = make_user("clerk", county_, {"drafter"});
  auto here = accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.1");
  auto elsewhere = accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.2");
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  auto st = accounts::change_own_password(db(), me, system(), "wrong", "Another-Passw0rd", here->session_token);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().fields.count("current"), 1u);
  st = accounts::change_own_password(db(), me, system(), "Test-Passw0rd!", "weak", here->session_token);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().fields.count("password"), 1u);
  ASSERT_TRUE(accounts::change_own_password(db(), me, system(), "Test-Passw0rd!", "Another-Passw0rd",
                                            here->session_token)
                  .ok());
  EXPECT_TRUE(accounts::session_principal(db(), here->session_token));
  EXPECT_FALSE(accounts::session_principal(db(), elsewhere->session_token));
  EXPECT_FALSE(accounts::login(db(), "clerk", "Test-Passw0rd!", "127.0.0.3").ok());
  EXPECT_TRUE(accounts::login(db(), "clerk", "Another-Passw0rd", "127.0.0.3").ok());
}

TEST_F(AccountsTest, AdministrationIsCheckedInTheService) {
  auto town_admin = make_user("townadmin", town_, {"agency_admin"});
  auto platform = make_user("root", county_, {"platform_admin"});
  auto drafter = make_user("clerk", town_, {"drafter"});
  // An agency admin manages its own subtree only, and cannot grant or touch 平台管理员.
  accounts::UserInput in{"new.clerk", "信息员 新", county_, {"drafter"}, "Gongkai-2024!"};
  auto r = accounts::create_user(db(), &town_admin, system(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("agency_id"), 1u);
  in.agency_id = town_;
  in.roles = {"platform_admin"};
  r = accounts::create_user(db(), &town_admin, system(), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("roles"), 1u);
  EXPECT_EQ(accounts::set_password(db(), &town_admin, system(), platform.user.id, "Other-Passw0rd!").error().kind,
            Error::Kind::kForbidden);
  EXPECT_TRUE(accounts::set_disabled(db(), &town_admin, system(), drafter.user.id, true).ok());
  EXPECT_FALSE(accounts::set_disabled(db(), &town_admin, system(), town_admin.user.id, true).ok());
  // A drafter administers nothing.
  EXPECT_FALSE(accounts::create_token(db(), &drafter, system(), town_admin.user.id, "x").ok());
  // Agencies: an agency admin adds below its own agency only.
  agencies::AgencyInput a;
  a.name = "云溪县青石镇某站所";
  a.level = "department";
  a.credit_code = valid_code("113708230044314250");
  a.parent_id = county_;
  auto made = agencies::create(db(), &town_admin, system(), a);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().fields.count("parent_id"), 1u);
  a.parent_id = town_;
  EXPECT_TRUE(agencies::create(db(), &town_admin, system(), a).ok());
  EXPECT_TRUE(agencies::create(db(), &platform, system(), [&] {
                auto b = a;
                b.name = "云溪县某局";
                b.credit_code = valid_code("113708230044314260");
                b.parent_id = county_;
                return b;
              }())
                  .ok());
}

}  // namespace
}  // namespace gk::testing
