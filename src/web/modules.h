// Route registration of each module; build_routes() (routes.cpp) calls them all.
#pragma once

#include "web/context.h"

namespace gk::web {

void register_common(Routes& r);           // static files, text size, robots.txt (web/routes.cpp)
void register_login(Routes& r);            // /admin/login, /admin/logout (accounts/web_login.cpp)
void register_directory_admin(Routes& r);  // /admin/agencies, /admin/users, /admin/columns, /admin/audit
void register_portal(Routes& r);           // public pages, feeds, sitemap (catalog/web_portal.cpp)
void register_catalog_admin(Routes& r);    // /admin, /admin/items... (catalog/web_admin.cpp)
void register_api(Routes& r);              // /api/v1/... (web/api.cpp)
void register_calendar(Routes& r);            // /deadline, /api/v1/calendar/... (web/calendar_web.cpp)
void register_holidays_admin(Routes& r);      // /admin/calendar (holidays/web.cpp)
void register_applications_public(Routes& r);  // /apply, /apply/status (applications/web_public.cpp)
void register_applications_admin(Routes& r);   // /admin/applications (applications/web_admin.cpp)
void register_reviews_admin(Routes& r);        // /admin/reviews (applications/web_reviews.cpp)
void register_privacy_admin(Routes& r);        // /admin/privacy, the CSV export (applications/web_privacy.cpp)
void register_notifications_admin(Routes& r);  // /admin/notifications (notify/web.cpp)
void register_applications_api(Routes& r);     // /api/v1/applications, /api/v1/staff/applications (applications/web_api.cpp)
void register_search(Routes& r);               // /search, /admin/search, /api/v1/search (search/web.cpp)
void register_checker_admin(Routes& r);       // /admin/checker, the report checker (checker/web.cpp)

// Annual report (issue 6).
void register_reports_admin(Routes& r);        // /admin/reports, /admin/reports/figures, /admin/reports/cell,
                                               // texts, publish, correct, edition, board (reports/web.cpp)
void register_reports_export(Routes& r);       // /api/v1/reports/{agency_id}/{year}, /admin/reports/export (reports/web_export.cpp)

}  // namespace gk::web
