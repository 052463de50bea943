// Tests of the back-office view of audit events: Beijing time, labels, readable diffs.
#include "web/audit_view.h"

#include <gtest/gtest.h>

namespace gk::web {
namespace {

TEST(BeijingTime, AddsEightHoursAcrossDayAndYear) {
  EXPECT_EQ(beijing_time("2024-03-05T01:02:59Z"), "2024-03-05 09:02");
  EXPECT_EQ(beijing_time("2024-12-31T20:30:00Z"), "2025-01-01 04:30");
  EXPECT_EQ(beijing_time("2024-02-28T16:00:00Z"), "2024-02-29 00:00");
}

TEST(BeijingTime, KeepsWhatItCannotRead) {
  EXPECT_EQ(beijing_time(""), "");
  EXPECT_EQ(beijing_time("2024-03-05"), "2024-03-05");
  EXPECT_EQ(beijing_time("2024-13-05T01:02:03Z"), "2024-13-05T01:02:03Z");
}

TEST(AuditLabels, ActionsEntitiesAndKinds) {
  EXPECT_EQ(audit_action_label("create"), "新建");
  EXPECT_EQ(audit_action_label("password"), "重置密码");
  EXPECT_EQ(audit_action_label("submit"), "提交保密审查");          // from catalog::kTransitions
  EXPECT_EQ(audit_action_label("secrecy_reject"), "保密审查退回");  // disambiguated
  EXPECT_EQ(audit_action_label("sign_reject"), "签批退回");
  EXPECT_EQ(audit_action_label("something_new"), "something_new");
  EXPECT_EQ(audit_entity_label("item"), "信息");
  EXPECT_EQ(column_kind_label("annual_report"), "政府信息公开年报");
  EXPECT_EQ(column_kind_label("custom"), "自定义栏目");
}

TEST(AuditEventsJson, ShowsReadableChanges) {
  audit::Event e;
  e.id = 7;
  e.at = "2024-05-01T00:00:00Z";
  e.actor = "张三";
  e.entity = "user";
  e.entity_id = 4;
  e.action = "update";
  e.before = {{"display_name", "张三"},
              {"roles", {"drafter"}},
              {"role_labels", {"信息员"}},
              {"disabled", false},
              {"updated_at", "a"}};
  e.after = {{"display_name", "张三丰"},
             {"roles", {"drafter", "signer"}},
             {"role_labels", {"信息员", "签批人"}},
             {"disabled", false},
             {"updated_at", "b"},
             {"address", "县府路1号"}};
  auto j = audit_events_json({e});
  ASSERT_EQ(j.size(), 1u);
  const auto& ev = j[0];
  EXPECT_EQ(ev["at"], "2024-05-01 08:00");
  EXPECT_EQ(ev["action_label"], "修改");
  EXPECT_EQ(ev["trail_href"], "/admin/audit/user/4");
  EXPECT_TRUE(ev["has_changes"].get<bool>());
  std::map<std::string, nlohmann::json> by_key;
  for (const auto& c : ev["changes"]) by_key[c["key"]] = c;
  EXPECT_EQ(by_key.count("roles"), 0u);       // shown through role_labels
  EXPECT_EQ(by_key.count("updated_at"), 0u);  // bookkeeping
  EXPECT_EQ(by_key.count("disabled"), 0u);    // unchanged
  EXPECT_EQ(by_key["role_labels"]["field"], "角色");
  EXPECT_EQ(by_key["role_labels"]["before"], "信息员");
  EXPECT_EQ(by_key["role_labels"]["after"], "信息员、签批人");
  EXPECT_FALSE(by_key["display_name"]["added"].get<bool>());
  EXPECT_TRUE(by_key["address"]["added"].get<bool>());
  EXPECT_EQ(by_key["address"]["before"], "（空）");
}

TEST(AuditEventsJson, CreationShowsFilledFieldsInFormOrder) {
  audit::Event e;
  e.entity = "agency";
  e.action = "create";
  e.before = nlohmann::json::object();
  e.after = {
      {"address", ""}, {"credit_code", "11510822MB00000110"}, {"name", "青川县人民政府"}, {"parent_id", nullptr}};
  auto changes = audit_events_json({e})[0]["changes"];
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0]["field"], "名称");
  EXPECT_EQ(changes[1]["field"], "统一社会信用代码");
  EXPECT_TRUE(changes[0]["added"].get<bool>());
}

TEST(AuditEventsJson, ShortensLongValuesAtCharacterBoundaries) {
  audit::Event e;
  e.entity = "item";
  e.action = "update";
  e.before = {{"summary", ""}};
  e.after = {{"summary", std::string(300, 'a') + "政"}};
  std::string long_cjk;
  for (int i = 0; i < 100; ++i) long_cjk += "政务公开";
  e.after["title"] = long_cjk;
  auto j = audit_events_json({e});
  for (const auto& c : j[0]["changes"]) {
    const std::string v = c["after"];
    EXPECT_LE(v.size(), 200u + std::string("……").size());
    EXPECT_TRUE(v.ends_with("……"));
    EXPECT_NO_THROW(nlohmann::json(v).dump());  // still valid UTF-8
  }
}

}  // namespace
}  // namespace gk::web
