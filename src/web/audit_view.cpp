// Audit events turned into what the back office shows: labels, Beijing time, readable diffs.
#include "web/audit_view.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

#include "catalog/workflow.h"
#include "platform/http/request.h"

namespace gk::web {
namespace {

struct Name {
  std::string_view code;
  std::string_view label;
};

// Actions that are not workflow transitions, plus the workflow actions whose button label in
// kTransitions ("退回修改") does not say at which stage the item was sent back.
constexpr std::array<Name, 12> kActionLabels = {{
    {"create", "新建"},
    {"update", "修改"},
    {"login", "登录"},
    {"password", "重置密码"},
    {"disable", "停用"},
    {"enable", "启用"},
    {"attach", "添加附件"},
    {"detach", "删除附件"},
    {"validity", "变更有效性"},
    {"secrecy_reject", "保密审查退回"},
    {"review_reject", "审核退回"},
    {"sign_reject", "签批退回"},
}};

constexpr std::array<Name, 15> kEntityLabels = {{
    {"letter_template", "文书模板"},
    {"notify_settings", "通知设置"},
    {"privacy_settings", "个人信息保存期限"},
    {"application_export", "申请台账导出"},
    {"review_case", "复议诉讼案件"},
    {"calendar_year", "节假日安排"},
    {"clock_settings", "期限计算设置"},
    {"agency", "机关"},
    {"user", "用户"},
    {"column", "栏目"},
    {"item", "信息"},
    {"api_token", "访问令牌"},
    {"attachment", "附件"},
    {"application", "依申请公开"},
    {"report", "年报"},
}};

// Field labels of the records' JSON forms (agencies::to_json, accounts::to_json, catalog::to_json,
// catalog::column_json). `shadowed_by`: a companion field carrying the same change in words; when
// both changed only the companion is shown.
struct FieldName {
  std::string_view key;
  std::string_view label;
  std::string_view shadowed_by;
};
constexpr std::array<FieldName, 47> kFields = {{
    {"parent_id", "上级机关（编号）", ""},
    {"name", "名称", ""},
    {"short_name", "简称", ""},
    {"level", "层级", "level_label"},
    {"level_label", "层级", ""},
    {"credit_code", "统一社会信用代码", ""},
    {"region_code", "行政区划代码", ""},
    {"address", "地址", ""},
    {"phone", "联系电话", ""},
    {"office_hours", "办公时间", ""},
    {"index_pattern", "索引号规则", ""},
    {"guide_html", "政府信息公开指南", ""},
    {"sort_order", "排序号", ""},
    {"username", "用户名", ""},
    {"display_name", "姓名", ""},
    {"agency_id", "所属机关（编号）", "agency_name"},
    {"agency_name", "所属机关", ""},
    {"disabled", "已停用", ""},
    {"roles", "角色", "role_labels"},
    {"role_labels", "角色", ""},
    {"user", "用户", ""},
    {"label", "用途", ""},
    {"slug", "栏目标识", ""},
    {"kind", "栏目类型", ""},
    {"column_id", "栏目（编号）", "column_name"},
    {"column_name", "栏目", ""},
    {"state", "状态", "state_label"},
    {"state_label", "状态", ""},
    {"title", "标题", ""},
    {"index_no", "索引号", ""},
    {"publisher", "发布机构", ""},
    {"subject", "主题分类", "subject_label"},
    {"subject_label", "主题分类", ""},
    {"genre", "体裁", "genre_label"},
    {"genre_label", "体裁", ""},
    {"doc_no", "文号", ""},
    {"written_date", "成文日期", ""},
    {"publish_date", "发布日期", ""},
    {"validity", "有效性", "validity_label"},
    {"validity_label", "有效性", ""},
    {"repeal_date", "废止日期", ""},
    {"keywords", "关键词", ""},
    {"summary", "内容概述", ""},
    {"body_html", "正文", ""},
    {"start_day", "收到当日是否计入（next 不计入 / same 计入）", ""},
    {"due_soon", "临期提醒（工作日）", ""},
    {"fee_wait", "等待缴费（pause 不计入 / count 计入）", ""},
}};
// Further fields of the item JSON, kept apart only to keep the table above readable.
constexpr std::array<FieldName, 16> kMoreFields = {{
    {"disclosure", "公开属性", "disclosure_label"},
    {"disclosure_label", "公开属性", ""},
    {"withheld_reason", "不予公开理由", ""},
    {"interprets_id", "解读的政策（编号）", "interprets_title"},
    {"interprets_title", "解读的政策", ""},
    {"attachments", "附件", ""},
    // Notification settings (notify/settings.h) and the reminder address of a user.
    {"smtp_host", "邮件服务器", ""},
    {"smtp_port", "邮件服务器端口", ""},
    {"smtp_from", "发件人邮箱", ""},
    {"smtp_user", "邮件登录用户名", ""},
    {"smtp_password", "邮件登录密码", ""},
    {"smtp_tls", "连接加密（none / starttls / ssl）", ""},
    {"sms_log_path", "短信日志文件", ""},
    {"reminders_enabled", "发送期限提醒", ""},
    {"site_url", "门户网址", ""},
    {"email", "提醒邮箱", ""},
}};
// Bookkeeping fields that change with every edit and say nothing to a reader.
constexpr std::array<std::string_view, 2> kHiddenFields = {"id", "updated_at"};

const FieldName* find_field(std::string_view key) {
  for (const auto& f : kFields) {
    if (f.key == key) return &f;
  }
  for (const auto& f : kMoreFields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

// Position of a field in the tables above (the order a form shows them); unknown fields last.
size_t field_rank(std::string_view key) {
  for (size_t i = 0; i < kFields.size(); ++i) {
    if (kFields[i].key == key) return i;
  }
  for (size_t i = 0; i < kMoreFields.size(); ++i) {
    if (kMoreFields[i].key == key) return kFields.size() + i;
  }
  return kFields.size() + kMoreFields.size();
}

bool is_blank(const nlohmann::json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty()) ||
         (v.is_object() && v.empty());
}

constexpr size_t kMaxValueBytes = 200;

// Cuts `s` to at most `max` bytes at a UTF-8 character boundary, marking the cut.
std::string shorten(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "……";
}

std::string display_value(std::string_view key, const nlohmann::json& v) {
  std::string out;
  if (v.is_null()) return "（空）";
  if (key == "kind" && v.is_string()) return column_kind_label(v.get<std::string>());
  if (v.is_string())
    out = v.get<std::string>();
  else if (v.is_boolean())
    out = v.get<bool>() ? "是" : "否";
  else if (v.is_array()) {
    for (const auto& e : v) {
      if (!out.empty()) out += "、";
      out += e.is_string() ? e.get<std::string>() : e.dump();
    }
  } else {
    out = v.dump();
  }
  if (out.empty()) return "（空）";
  return shorten(std::move(out), kMaxValueBytes);
}

nlohmann::json changes_json(const audit::Event& e) {
  const nlohmann::json changed = audit::changed_fields(e.before, e.after);
  auto is_changed = [&](std::string_view key) {
    for (const auto& c : changed) {
      if (c.at("field").get<std::string>() == key) return true;
    }
    return false;
  };
  std::vector<nlohmann::json> rows;
  for (const auto& c : changed) {
    const std::string key = c.at("field").get<std::string>();
    if (std::find(kHiddenFields.begin(), kHiddenFields.end(), key) != kHiddenFields.end()) continue;
    const FieldName* f = find_field(key);
    if (f && !f->shadowed_by.empty() && is_changed(f->shadowed_by)) continue;
    // A field that starts out empty (as most do when a record is created) says nothing.
    if (c.at("before").is_null() && is_blank(c.at("after"))) continue;
    // A field absent before (every field of a created record) shows only its new value.
    rows.push_back({{"key", key},
                    {"field", f ? std::string(f->label) : key},
                    {"added", c.at("before").is_null()},
                    {"before", display_value(key, c.at("before"))},
                    {"after", display_value(key, c.at("after"))}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return field_rank(a["key"].get<std::string>()) < field_rank(b["key"].get<std::string>());
  });
  return nlohmann::json(rows);
}

}  // namespace

std::string audit_action_label(std::string_view action) {
  for (const auto& a : kActionLabels) {
    if (a.code == action) return std::string(a.label);
  }
  for (const auto& t : catalog::kTransitions) {
    if (t.action == action) return std::string(t.label);
  }
  return std::string(action);
}

std::string column_kind_label(std::string_view kind) {
  if (kind == "rules" || kind == "guide_rules") return "政府信息公开制度";
  if (kind == "statutory") return "法定主动公开内容";
  if (kind == "annual_report") return "政府信息公开年报";
  if (kind == "custom") return "自定义栏目";
  return std::string(kind);
}

std::string audit_entity_label(std::string_view entity) {
  for (const auto& e : kEntityLabels) {
    if (e.code == entity) return std::string(e.label);
  }
  return std::string(entity);
}

std::string beijing_time(std::string_view iso_utc) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  const std::string in(iso_utc);
  if (std::sscanf(in.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z') return in;
  using namespace std::chrono;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || h > 23 || mi > 59) return in;
  const auto t = sys_days{date} + hours{h + 8} + minutes{mi};
  const auto day_start = floor<days>(t);
  const year_month_day local{day_start};
  const hh_mm_ss<minutes> clock{duration_cast<minutes>(t - day_start)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", static_cast<int>(local.year()),
                static_cast<unsigned>(local.month()), static_cast<unsigned>(local.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()));
  return buf;
}

nlohmann::json audit_events_json(const std::vector<audit::Event>& events) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events) {
    nlohmann::json changes = changes_json(e);
    const bool has_changes = !changes.empty();
    out.push_back({
        {"id", e.id},
        {"at", beijing_time(e.at)},
        {"at_iso", e.at},
        {"actor", e.actor.empty() ? std::string("（未知）") : e.actor},
        {"ip", e.ip},
        {"action", e.action},
        {"action_label", audit_action_label(e.action)},
        {"entity", e.entity},
        {"entity_label", audit_entity_label(e.entity)},
        {"entity_id", e.entity_id},
        {"trail_href", "/admin/audit/" + http::url_encode(e.entity) + "/" + std::to_string(e.entity_id)},
        {"comment", e.comment},
        {"has_changes", has_changes},
        {"changes", std::move(changes)},
    });
  }
  return out;
}

}  // namespace gk::web
