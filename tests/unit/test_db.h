// Test fixture helpers: a fresh migrated SQLite database in a temporary directory, with a small
// agency tree and users for every role (created directly, with one shared password hash, so tests
// do not pay for argon2id per user).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "accounts/password.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "applications/service.h"
#include "catalog/service.h"
#include "platform/db/migrations.h"
#include "platform/time.h"

namespace gk::testing {

inline const std::string& shared_hash() {
  static const std::string h = accounts::hash_password("Test-Passw0rd!");
  return h;
}

class TempDb : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("gk-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    database_ = db::Database::open_sqlite((dir_ / "t.db").string());
    db::migrate(db());
  }
  void TearDown() override {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }
  db::Db& db() { return database_->conn(); }

  audit::Actor system() { return {std::nullopt, "测试", ""}; }

  // A county (root) with a department and a township under it.
  void make_tree() {
    county_ = make_agency("云溪县人民政府", "county", "113708230044314225", std::nullopt);
    dept_ = make_agency("云溪县财政局", "department", "11370823004431423X", county_);
    town_ = make_agency("云溪县青石镇人民政府", "township", "113708230044314241", county_);
  }

  int64_t make_agency(const std::string& name, const std::string& level, const std::string& code,
                      std::optional<int64_t> parent) {
    agencies::AgencyInput in;
    in.name = name;
    in.level = level;
    in.credit_code = valid_code(code);
    in.parent_id = parent;
    auto a = agencies::create(db(), nullptr, system(), in);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    catalog::ensure_standard_columns(db(), a->id);
    return a->id;
  }

  // Replaces the last character with the correct GB 32100 check digit.
  static std::string valid_code(std::string code) {
    static const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int sum = 0, w = 1;
    for (int i = 0; i < 17; ++i) {
      sum += static_cast<int>(alphabet.find(code[static_cast<size_t>(i)])) * w;
      w = (w * 3) % 31;
    }
    code[17] = alphabet[static_cast<size_t>((31 - sum % 31) % 31)];
    return code;
  }

  accounts::Principal make_user(const std::string& username, int64_t agency, std::vector<std::string> roles) {
    db().write([&] {
      auto r = db().exec(
          "INSERT INTO users(username, display_name, agency_id, password_hash, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?)",
          {username, "测试用户" + username, agency, shared_hash(), now_iso(), now_iso()});
      for (const auto& role : roles) {
        db().exec("INSERT INTO user_roles(user_id, role) VALUES (?,?)", {r.last_insert_id, role});
      }
      return 0;
    });
    auto u = accounts::find_user(db(), username);
    return accounts::Principal{*u, "", false};
  }

  // An application of a natural person with a valid resident ID, asking `agency` for a document by
  // e-mail.
  static applications::Submission sample_application(int64_t agency) {
    applications::Submission s;
    s.applicant.category = "person";
    s.applicant.name = "张三";
    s.applicant.id_type = "resident_id";
    s.applicant.id_number = "11010519491231002X";
    s.applicant.phone = "13812341234";
    s.applicant.email = "zhang@example.com";
    s.applicant.address = "云溪县城关镇人民路1号";
    s.request.agency_id = agency;
    s.request.description = "2025年云溪县城乡居民医疗保险财政补助资金的分配文件";
    s.request.form = "electronic";
    s.request.delivery = "email";
    return s;
  }

  catalog::ItemInput sample_input(int64_t agency) {
    catalog::ItemInput in;
    in.agency_id = agency;
    in.title = "云溪县人民政府关于印发《云溪县农村人居环境整治实施方案》的通知";
    in.subject = "1002";
    in.genre = "tongzhi";
    in.doc_no = "云政发【2024】12号";
    in.written_date = "2024-03-01";
    in.body_html = "<p>各乡镇人民政府，县政府各部门：</p><script>alert(1)</script>";
    return in;
  }

  std::filesystem::path dir_;
  std::shared_ptr<db::Database> database_;
  int64_t county_ = 0, dept_ = 0, town_ = 0;
};

}  // namespace gk::testing
