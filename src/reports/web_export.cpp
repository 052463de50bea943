// Downloads of an annual report (issue 6 §7, §10): the report generated from the records with its
// stored texts as JSON, XLSX, PDF or a standalone HTML page (reports/report_export.h).
//   GET /api/v1/reports/{agency_id}/{year}?format=json|xlsx|pdf|html&scope=self|subtree
//       bearer token (docs/api.md); JSON errors.
//   GET /admin/reports/export?agency=&year=&scope=&format=   signed-in staff (the links on /admin/reports).
// Access as the /admin/reports page: the principal must be able to read the agency (agencies::can_read)
// and, for scope=subtree, every unit under it.
#include <string>

#include "agencies/access.h"
#include "agencies/service.h"
#include "platform/http/request.h"
#include "reports/report_export.h"
#include "web/modules.h"

namespace gk::web {
namespace {

struct ExportRequest {
  int64_t agency_id = 0;
  int year = 0;
  bool subtree = false;
  reports::ExportFormat format = reports::ExportFormat::kJson;
};

Result<ExportRequest> parse_request(std::string_view agency, std::string_view year, std::string_view scope,
                                    std::string_view format) {
  ExportRequest r;
  auto id = parse_id(agency);
  if (!id) return Error::not_found("该机关不存在");
  r.agency_id = *id;
  int y = 0;
  if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string_view::npos) {
    return Error::field("year", "年度应为四位数字，例如 2025");
  }
  y = std::stoi(std::string(year));
  r.year = y;
  if (scope.empty() || scope == "self") {
    r.subtree = false;
  } else if (scope == "subtree") {
    r.subtree = true;
  } else {
    return Error::field("scope", "范围（scope）应为 self 或 subtree");
  }
  if (!format.empty()) {
    auto f = reports::parse_export_format(format);
    if (!f) return Error::field("format", "格式（format）应为 json、xlsx、pdf 或 html");
    r.format = *f;
  }
  return r;
}

// The file of the report, or why the principal may not have it.
Result<reports::ExportFile> export_for(Ctx& c, const ExportRequest& r) {
  if (!agencies::get(c.db, r.agency_id)) return Error::not_found("该机关不存在");
  if (!agencies::can_read(c.db, c.me(), r.agency_id)) return Error::forbidden("您无权查看该机关的年度报告");
  if (r.subtree) {
    for (int64_t id : agencies::subtree_ids(c.db, r.agency_id)) {
      if (!agencies::can_read(c.db, c.me(), id)) {
        return Error::forbidden("您无权查看该机关下属单位的数据，请选择仅本机关（scope=self）");
      }
    }
  }
  auto doc = reports::current_document(c.db, r.agency_id, r.year, r.subtree);
  if (!doc) return doc.error();
  return reports::export_document(*doc, r.format);
}

http::Response file_response(reports::ExportFile f) {
  auto res = http::Response::text(std::move(f.bytes), f.content_type);
  // RFC 6266 with the RFC 5987 UTF-8 name, and an ASCII name for clients without filename*.
  res.header("Content-Disposition", "attachment; filename=\"" + f.ascii_filename + "\"; filename*=UTF-8''" +
                                        http::url_encode(f.filename));
  res.header("Cache-Control", "private, no-store");
  res.header("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace

void register_reports_export(Routes& r) {
  r.get("/api/v1/reports/{agency_id}/{year}", Access::kApiToken, [](Ctx& c) {
    auto req = parse_request(c.req.param("agency_id"), c.req.param("year"), c.req.query("scope"), c.req.query("format"));
    if (!req) return json_error(req.error());
    auto file = export_for(c, *req);
    if (!file) return json_error(file.error());
    return file_response(std::move(*file));
  });

  r.get("/admin/reports/export", Access::kStaff, [](Ctx& c) {
    auto req = parse_request(c.req.query("agency"), c.req.query("year"), c.req.query("scope"), c.req.query("format"));
    if (!req) return error_page(c, req.error());
    auto file = export_for(c, *req);
    if (!file) return error_page(c, file.error());
    return file_response(std::move(*file));
  });
}

}  // namespace gk::web
