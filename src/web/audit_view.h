// Audit events as the back office shows them: Chinese labels for actions, records and fields,
// Beijing time, and before → after lists, for the audit pages and the `audit_trail` partial.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "platform/audit/audit.h"

namespace gk::web {

// The events as a JSON array for templates, one object per event, in the given order:
//   {id, at ("YYYY-MM-DD HH:MM", 北京时间), at_iso, actor, ip, action, action_label, entity,
//    entity_label, entity_id, trail_href, comment, has_changes,
//    changes: [{key, field (Chinese label), added (no value before), before, after}]}
// Values are display strings: empty ones become "（空）", long ones are shortened. Usage:
//   data["events"] = audit_events_json(audit::for_entity(db, "item", id));  ... {{> audit_trail}}
nlohmann::json audit_events_json(const std::vector<audit::Event>& events);

// Chinese label of an audit action code (workflow actions from catalog::kTransitions); the code
// itself when unknown.
std::string audit_action_label(std::string_view action);
// Chinese name of an audited record type ("item" → "信息"); the code itself when unknown.
std::string audit_entity_label(std::string_view entity);
// Label of a column's kind (栏目类型: the three standard columns every agency has, or 自定义栏目);
// the code itself when unknown. The column page and the audit view both show it.
std::string column_kind_label(std::string_view kind);
// "YYYY-MM-DDTHH:MM:SSZ" (UTC) as "YYYY-MM-DD HH:MM" in China Standard Time (UTC+8); the input
// unchanged when it is not in that form.
std::string beijing_time(std::string_view iso_utc);

}  // namespace gk::web
