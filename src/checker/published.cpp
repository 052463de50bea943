#include "checker/published.h"

#include <algorithm>
#include <map>
#include <set>

#include "agencies/access.h"
#include "agencies/service.h"
#include "catalog/service.h"
#include "platform/text/html_sanitizer.h"

namespace gk::checker {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A body that is a report rather than a line pointing at the attachment.
bool body_holds_report(const std::string& body_html) {
  if (body_html.empty()) return false;
  const std::string text = text::html_to_text(body_html);
  return text.size() >= 300 && (text.find("总体情况") != std::string::npos || text.find("依申请") != std::string::npos);
}

bool checkable_mime(const std::string& mime) {
  return mime == "application/pdf" || mime == "text/html" || mime == "text/plain" || mime.rfind("text/", 0) == 0;
}

}  // namespace

std::optional<int> report_year_of(std::string_view title, std::string_view publish_date) {
  size_t end = title.find("年度报告");
  if (end == std::string_view::npos) end = title.find("年报");
  if (end != std::string_view::npos) {
    // The last "NNNN年" before the marker.
    std::optional<int> year;
    for (size_t i = 0; i + 4 <= end; ++i) {
      if (is_digit(title[i]) && is_digit(title[i + 1]) && is_digit(title[i + 2]) && is_digit(title[i + 3]) &&
          (i == 0 || !is_digit(title[i - 1])) && title.substr(i + 4, 3) == "年")
        year = std::stoi(std::string(title.substr(i, 4)));
    }
    if (year) return year;
  }
  if (publish_date.size() >= 4 && std::all_of(publish_date.begin(), publish_date.begin() + 4, is_digit))
    return std::stoi(std::string(publish_date.substr(0, 4))) - 1;
  return std::nullopt;
}

Result<PublishedSummary> check_published(db::Db& db, const accounts::Principal& p, int year,
                                         std::optional<int64_t> agency_id) {
  std::vector<int64_t> readable = agencies::readable_agencies(db, p);
  std::set<int64_t> scope(readable.begin(), readable.end());
  if (agency_id) {
    if (!scope.count(*agency_id)) return Error::forbidden("无权查看该机关的年度报告");
    std::set<int64_t> narrowed;
    for (int64_t id : agencies::subtree_ids(db, *agency_id))
      if (scope.count(id)) narrowed.insert(id);
    scope = std::move(narrowed);
  }
  // Agencies in tree order.
  std::vector<std::pair<int64_t, std::string>> ordered;
  std::map<int64_t, size_t> order;
  for (const auto& e : agencies::tree(db)) {
    if (!scope.count(e.agency.id)) continue;
    order[e.agency.id] = ordered.size();
    ordered.emplace_back(e.agency.id, e.agency.name);
  }

  PublishedSummary out;
  out.year = year;
  std::set<int64_t> with_report;
  const auto rows = db.query(
      "SELECT i.id, i.agency_id, i.title, i.publish_date FROM items i JOIN columns c ON c.id = i.column_id "
      "WHERE c.kind = 'annual_report' AND i.state = 'published' ORDER BY i.id");
  for (const auto& row : rows) {
    const int64_t agency = row.i(1);
    if (!scope.count(agency)) continue;
    if (report_year_of(row.s(2), row.s(3)) != year) continue;
    auto item = catalog::load(db, row.i(0));
    if (!item) continue;
    with_report.insert(agency);
    PublishedCheck pc;
    pc.item_id = item->id;
    pc.agency_id = agency;
    pc.agency_name = order.count(agency) ? ordered[order[agency]].second : item->agency_name;
    pc.title = item->title;
    pc.publish_date = item->publish_date;
    std::string bytes;
    if (body_holds_report(item->body_html)) {
      pc.source = "body";
      bytes = item->body_html;
    } else {
      for (const auto& a : item->attachments) {
        if (!checkable_mime(a.mime)) continue;
        if (auto blob = catalog::blob(db, a.sha256)) {
          pc.source = a.filename;
          bytes = std::move(blob->bytes);
          break;
        }
      }
      if (pc.source.empty() && !item->body_html.empty()) {
        pc.source = "body";
        bytes = item->body_html;
      }
    }
    if (pc.source.empty()) {
      pc.error = "正文为空，也没有可检查的附件（PDF、网页或文本）";
    } else {
      CheckOptions opt;
      if (!item->publish_date.empty()) opt.fallback_published = item->publish_date;
      opt.fallback_agency = pc.agency_name;
      auto res = check_report(bytes, opt);
      if (res) pc.result = std::move(*res);
      else pc.error = res.error().message;
    }
    out.reports.push_back(std::move(pc));
  }
  std::stable_sort(out.reports.begin(), out.reports.end(), [&](const PublishedCheck& a, const PublishedCheck& b) {
    return order[a.agency_id] < order[b.agency_id];
  });
  for (const auto& [id, name] : ordered)
    if (!with_report.count(id)) out.missing.push_back({id, name});
  return out;
}

}  // namespace gk::checker
