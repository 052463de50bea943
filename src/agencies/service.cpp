// Agency rules and storage.
#include "agencies/service.h"

#include <functional>
#include <map>
#include <regex>

#include "agencies/access.h"
#include "agencies/credit_code.h"
#include "catalog/index_number.h"
#include "platform/cache/page_cache.h"
#include "platform/text/html_sanitizer.h"
#include "platform/text/strings.h"
#include "platform/time.h"
#include "search/index.h"

namespace gk::agencies {

std::optional<Level> level_from_code(std::string_view code) {
  for (const auto& l : kLevels) {
    if (l.code == code) return l.level;
  }
  return std::nullopt;
}
std::string_view level_code(Level l) { return kLevels[static_cast<size_t>(l)].code; }
std::string_view level_label(Level l) { return kLevels[static_cast<size_t>(l)].label; }

namespace {

constexpr const char* kSelect =
    "SELECT id, parent_id, name, short_name, level, credit_code, region_code, address, phone, office_hours, "
    "guide_html, index_pattern, sort_order FROM agencies ";

Agency from_row(const db::Row& r) {
  Agency a;
  a.id = r.i(0);
  a.parent_id = r.oi(1);
  a.name = r.s(2);
  a.short_name = r.s(3);
  a.level = level_from_code(r.s(4)).value_or(Level::kCounty);
  a.credit_code = r.s(5);
  a.region_code = r.s(6);
  a.address = r.s(7);
  a.phone = r.s(8);
  a.office_hours = r.s(9);
  a.guide_html = r.s(10);
  a.index_pattern = r.s(11);
  a.sort_order = static_cast<int>(r.i(12));
  return a;
}

using text::trim;

db::Params row_params(const AgencyInput& in) {
  return {in.parent_id, in.name, in.short_name, in.level, in.credit_code, in.region_code, in.address, in.phone,
          in.office_hours, in.guide_html, in.index_pattern, in.sort_order};
}

// Translates a uniqueness violation into the field it concerns.
Error constraint_error(db::Db& db, const AgencyInput& in, std::optional<int64_t> self) {
  auto same = [&](const char* col, const std::string& v) {
    auto row = db.query_one(std::string("SELECT id FROM agencies WHERE ") + col + " = ?", {v});
    return row && (!self || row->i(0) != *self);
  };
  if (same("name", in.name)) return Error::field("name", "已有同名机关：" + in.name);
  if (same("credit_code", in.credit_code)) return Error::field("credit_code", "该统一社会信用代码已被其他机关使用");
  return Error::conflict("agency_conflict", "机关信息与已有记录冲突");
}

}  // namespace

Result<AgencyInput> validate(const AgencyInput& raw) {
  AgencyInput in = raw;
  FieldErrors errs;
  in.name = trim(in.name);
  in.short_name = trim(in.short_name);
  in.region_code = trim(in.region_code);
  in.address = trim(in.address);
  in.phone = trim(in.phone);
  in.office_hours = trim(in.office_hours);
  in.index_pattern = trim(in.index_pattern);
  if (in.name.empty()) errs.add("name", "请填写机关名称");
  else if (in.name.size() > 200) errs.add("name", "机关名称过长");
  auto level = level_from_code(in.level);
  if (!level) errs.add("level", "请选择机关层级");
  // Any level may be a root: a county or a township may run its own platform.
  if (level && *level == Level::kDepartment && !in.parent_id) {
    errs.add("parent_id", "政府部门须选择所属的人民政府");
  }
  auto code = normalize_credit_code(in.credit_code);
  if (!code) errs.add("credit_code", code.error().message);
  else in.credit_code = *code;
  static const std::regex region(R"(^(\d{6}|\d{9}|\d{12})$)");
  if (!in.region_code.empty() && !std::regex_match(in.region_code, region)) {
    errs.add("region_code", "行政区划代码应为6位、9位或12位数字");
  }
  if (in.phone.size() > 100) errs.add("phone", "联系电话过长");
  if (in.index_pattern.empty()) in.index_pattern = std::string(catalog::kDefaultIndexPattern);
  if (auto st = catalog::validate_index_pattern(in.index_pattern); !st) {
    errs.add("index_pattern", st.error().message);
  }
  in.guide_html = text::sanitize_html(in.guide_html);
  if (!errs.empty()) return errs.to_error();
  return in;
}

Result<Agency> get(db::Db& db, int64_t id) {
  auto row = db.query_one(std::string(kSelect) + "WHERE id = ?", {id});
  if (!row) return Error::not_found("未找到该机关");
  return from_row(*row);
}

std::optional<Agency> find_by_name(db::Db& db, std::string_view name) {
  auto row = db.query_one(std::string(kSelect) + "WHERE name = ?", {name});
  if (!row) return std::nullopt;
  return from_row(*row);
}

Result<Agency> create(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, const AgencyInput& raw) {
  auto in = validate(raw);
  if (!in) return in.error();
  if (by && !by->is_platform_admin()) {
    if (!by->has(accounts::Role::kAgencyAdmin)) return Error::forbidden("只有机关管理员可以新增机关");
    if (!in->parent_id || !can_administer(db, *by, *in->parent_id)) {
      return Error::field("parent_id", "只能在本机关或下级机关之下新增机关");
    }
  }
  return db.write([&]() -> Result<Agency> {
    if (in->parent_id && !get(db, *in->parent_id)) return Error::field("parent_id", "上级机关不存在");
    try {
      auto params = row_params(*in);
      params.emplace_back(now_iso());
      params.emplace_back(now_iso());
      auto r = db.exec(
          "INSERT INTO agencies(parent_id, name, short_name, level, credit_code, region_code, address, phone, "
          "office_hours, guide_html, index_pattern, sort_order, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          params);
      Agency a = get(db, r.last_insert_id).value();
      audit::record(db, actor, a.id, "agency", a.id, "create", nlohmann::json::object(), to_json(a));
      cache::mark_changed(db);
      return a;
    } catch (const db::ConstraintError&) {
      return constraint_error(db, *in, std::nullopt);
    }
  });
}

Result<Agency> update(db::Db& db, const accounts::Principal* by, const audit::Actor& actor, int64_t id,
                      const AgencyInput& raw) {
  auto in = validate(raw);
  if (!in) return in.error();
  return db.write([&]() -> Result<Agency> {
    auto before = get(db, id);
    if (!before) return before.error();
    if (by && !can_administer(db, *by, id)) return Error::forbidden("您没有管理该机关的权限");
    if (by && !by->is_platform_admin() && in->parent_id != before->parent_id &&
        (id == by->user.agency_id || !in->parent_id || !can_administer(db, *by, *in->parent_id))) {
      return Error::field("parent_id", "只能把机关调整到本机关或下级机关之下；本机关的上级不能由本机关调整");
    }
    if (in->parent_id) {
      if (!get(db, *in->parent_id)) return Error::field("parent_id", "上级机关不存在");
      if (in_subtree(db, id, *in->parent_id)) return Error::field("parent_id", "上级机关不能是本机关或其下级机关");
    }
    try {
      auto params = row_params(*in);
      params.emplace_back(now_iso());
      params.emplace_back(id);
      db.exec(
          "UPDATE agencies SET parent_id=?, name=?, short_name=?, level=?, credit_code=?, region_code=?, address=?, "
          "phone=?, office_hours=?, guide_html=?, index_pattern=?, sort_order=?, updated_at=? WHERE id=?",
          params);
    } catch (const db::ConstraintError&) {
      return constraint_error(db, *in, id);
    }
    Agency after = get(db, id).value();
    if (after.parent_id != before->parent_id) search::reindex_agency_subtree(db, id);
    audit::record(db, actor, id, "agency", id, "update", to_json(*before), to_json(after));
    cache::mark_changed(db);
    return after;
  });
}

std::vector<Agency> children(db::Db& db, std::optional<int64_t> parent) {
  std::vector<Agency> out;
  auto rows = parent ? db.query(std::string(kSelect) + "WHERE parent_id = ? ORDER BY sort_order, id", {*parent})
                     : db.query(std::string(kSelect) + "WHERE parent_id IS NULL ORDER BY sort_order, id");
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::vector<TreeEntry> tree(db::Db& db) {
  std::multimap<std::optional<int64_t>, Agency> by_parent;
  std::vector<Agency> all;
  for (const auto& r : db.query(std::string(kSelect) + "ORDER BY sort_order, id")) all.push_back(from_row(r));
  std::vector<TreeEntry> out;
  std::function<void(std::optional<int64_t>, int)> walk = [&](std::optional<int64_t> parent, int depth) {
    for (const auto& a : all) {
      if (a.parent_id == parent) {
        out.push_back({a, depth});
        walk(a.id, depth + 1);
      }
    }
  };
  walk(std::nullopt, 0);
  return out;
}

std::vector<int64_t> subtree_ids(db::Db& db, int64_t root) {
  std::vector<int64_t> out;
  for (const auto& r : db.query(
           "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT a.id FROM agencies a JOIN sub ON a.parent_id = sub.id) "
           "SELECT id FROM sub",
           {root})) {
    out.push_back(r.i(0));
  }
  return out;
}

bool in_subtree(db::Db& db, int64_t root, int64_t id) {
  for (int64_t x : subtree_ids(db, root)) {
    if (x == id) return true;
  }
  return false;
}

nlohmann::json to_json(const Agency& a) {
  return {{"id", a.id},
          {"parent_id", a.parent_id ? nlohmann::json(*a.parent_id) : nlohmann::json()},
          {"name", a.name},
          {"short_name", a.short_name},
          {"level", level_code(a.level)},
          {"level_label", level_label(a.level)},
          {"credit_code", a.credit_code},
          {"region_code", a.region_code},
          {"address", a.address},
          {"phone", a.phone},
          {"office_hours", a.office_hours},
          {"index_pattern", a.index_pattern},
          {"sort_order", a.sort_order},
          {"guide_html", a.guide_html}};
}

}  // namespace gk::agencies
