// The ReportDocument of a generated report and the fee sentence of section 六.
#include "reports/document.h"

#include <utility>

namespace gk::reports {

ReportDocument make_document(const GeneratedReport& report, std::vector<TextPart> overview, TextPart problems,
                             TextPart other) {
  ReportDocument d;
  d.format = report.format;
  d.agency_id = report.agency_id;
  d.agency_name = report.agency_name;
  d.year = report.year;
  d.subtree = report.subtree;
  d.values = report.values;
  d.fees = report.fees;
  for (const auto& u : report.units) d.units.push_back({u.agency_id, u.agency_name, u.depth, u.values, u.fees});
  // The five parts in the order of the guidance, whatever order (or subset) was given.
  for (const auto& part : kOverviewParts) {
    TextPart p{std::string(part.key), std::string(part.title), ""};
    for (auto& given : overview) {
      if (given.key == part.key) p.text = std::move(given.text);
    }
    d.overview.push_back(std::move(p));
  }
  d.problems = std::move(problems);
  d.problems.key = "problems";
  d.other = std::move(other);
  d.other.key = "other";
  // Headings default to the format's verbatim section titles.
  if (report.format) {
    if (const Section* s = report.format->section("problems"); s && d.problems.title.empty())
      d.problems.title = s->title;
    if (const Section* s = report.format->section("other"); s && d.other.title.empty()) d.other.title = s->title;
  }
  return d;
}

std::string fee_sentence(const FeeFigures& fees) {
  if (fees.notices == 0 && fees.payments == 0) return "本年度未收取信息处理费。";
  return "本年度共发出收费通知" + std::to_string(fees.notices) + "件，金额合计" + format_yuan(fees.notified_fen) +
         "元；实际收取信息处理费" + std::to_string(fees.payments) + "件，金额合计" + format_yuan(fees.collected_fen) +
         "元。";
}

}  // namespace gk::reports
