// Back-office pages for the audit trail: recent events in the principal's scope, and the whole trail
// of one record.
#include "agencies/access.h"
#include "accounts/service.h"
#include "agencies/service.h"
#include "catalog/service.h"
#include "web/audit_view.h"
#include "web/directory_admin.h"

namespace gk::web::directory {
namespace {

using accounts::Principal;

constexpr int kPerPage = 50;

http::Response recent(Ctx& c) {
  const Principal& p = c.me();
  // Platform admins see everything; supervisors and agency admins the events about records of their
  // subtree, whoever made them; everyone else those about records of their own agency. Account
  // events (sign-ins, addresses) only for those who administer the accounts.
  audit::Scope scope;
  std::string scope_label = "全部机关";
  if (!p.is_platform_admin()) {
    scope.agency_ids = agencies::readable_agencies(c.db, p);
    scope.accounts = p.has(accounts::Role::kAgencyAdmin);
    const bool subtree = p.has(accounts::Role::kAgencyAdmin) || p.has(accounts::Role::kSupervisor);
    scope_label = p.user.agency_name + (subtree ? "及下级机关" : "");
  }
  const int page_no = page_number(c.req);
  const auto events = audit::recent(c.db, kPerPage, (page_no - 1) * kPerPage, scope);
  const int pages = static_cast<int>(std::max<int64_t>(1, (audit::count(c.db, scope) + kPerPage - 1) / kPerPage));
  nlohmann::json data = {{"events", audit_events_json(events)},
                         {"show_entity", true},
                         {"scope_label", scope_label},
                         {"pagination", pagination(c.req, page_no, pages)}};
  return page(c, "admin_audit", data, "操作记录");
}

// What the trail page needs to know about the audited record.
struct Record {
  int64_t agency_id = 0;
  std::string name;
  std::string href;  // its back-office page, "" when none
  // For accounts and tokens, whose trails hold sign-ins and addresses: the user they belong to.
  // Only that user and its administrators see them.
  std::optional<int64_t> owner;
};

// The record behind (entity, id), or nullopt when it is gone or of a kind this page does not know.
std::optional<Record> find_record(Ctx& c, const std::string& entity, int64_t id,
                                  const std::vector<audit::Event>& events) {
  const std::string sid = std::to_string(id);
  if (entity == "agency") {
    if (auto a = agencies::get(c.db, id)) return Record{a->id, a->name, "/admin/agencies/" + sid + "/edit", {}};
  } else if (entity == "user") {
    if (auto u = accounts::get_user(c.db, id)) {
      return Record{u->agency_id, u->display_name + "（" + u->username + "）", "/admin/users/" + sid + "/edit", u->id};
    }
  } else if (entity == "column") {
    if (auto col = catalog::get_column(c.db, id)) {
      return Record{col->agency_id, col->name, "/admin/columns?agency=" + std::to_string(col->agency_id), {}};
    }
  } else if (entity == "item") {
    if (auto it = catalog::load(c.db, id)) return Record{it->agency_id, it->title, "/admin/items/" + sid, {}};
  } else if (entity == "api_token" && !events.empty()) {
    // A token belongs to the user named in its creation event.
    const auto& after = events.front().after;
    if (after.is_object() && after.contains("user") && after["user"].is_string()) {
      if (auto u = accounts::find_user(c.db, after["user"].get<std::string>())) {
        return Record{u->agency_id, "令牌：" + after.value("label", std::string()), "", u->id};
      }
    }
  }
  return std::nullopt;
}

http::Response trail(Ctx& c) {
  const Principal& p = c.me();
  const std::string entity = c.req.param("entity");
  auto id = parse_id(c.req.param("id"));
  if (!id) return not_found_page(c);
  const auto events = audit::for_entity(c.db, entity, *id);
  const auto record = find_record(c, entity, *id, events);
  if (!record && events.empty()) return not_found_page(c);
  bool allowed = p.is_platform_admin();
  if (!allowed && record) {
    allowed = record->owner ? (*record->owner == p.user.id || agencies::can_administer(c.db, p, record->agency_id))
                            : agencies::can_read(c.db, p, record->agency_id);
  }
  if (!allowed) return error_page(c, Error::forbidden("您没有查看该记录操作记录的权限。"));
  const std::string label = audit_entity_label(entity);
  nlohmann::json data = {{"events", audit_events_json(events)},
                         {"entity_label", label},
                         {"entity_id", *id},
                         {"record_name", record ? record->name : ""},
                         {"record_href", record ? record->href : ""}};
  return page(c, "admin_audit_trail", data, label + "的操作记录");
}

}  // namespace

void register_audit_pages(Routes& r) {
  r.get("/admin/audit", Access::kStaff, recent);
  r.get("/admin/audit/{entity}/{id}", Access::kStaff, trail);
}

}  // namespace gk::web::directory
