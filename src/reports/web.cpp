// Back-office pages of the annual report (年度报告): the generated tables of an agency or its subtree
// with the checks, the 信息处理费 of section 六 and the per-unit breakdown, the text sections, the
// publication of the report and of corrected editions with the difference to the published edition
// (/admin/reports, POST /admin/reports/texts, /publish, /correct; an edition as published:
// /admin/reports/edition); the yearly 表二 figures form (/admin/reports/figures); the drill-down from
// one cell to the units and the cases counted in it (/admin/reports/cell); and the Art. 49 deadline
// board (/admin/reports/board).
#include <algorithm>

#include "agencies/access.h"
#include "agencies/service.h"
#include "platform/http/request.h"
#include "platform/time.h"
#include "reports/document_html.h"
#include "reports/editions.h"
#include "reports/decision_import.h"
#include "reports/figures.h"
#include "reports/generate.h"
#include "reports/render_html.h"
#include "web/directory_admin.h"
#include "web/modules.h"

namespace gk::web {
namespace {

using reports::GeneratedReport;

int current_year() { return static_cast<int>(parse_date(today_cn())->year()); }

// ?year=, defaulting to last year (reports are made in January for the year before).
int year_param(const http::Request& req, std::string_view name = "year") {
  const std::string s = req.has_form(name) ? req.form(name) : req.query(name);
  if (auto y = directory::parse_int(s, current_year() - 1); y && *y >= 1900 && *y <= 9999) return *y;
  return current_year() - 1;
}

nlohmann::json year_options(int selected) {
  nlohmann::json out = nlohmann::json::array();
  for (int y = current_year(); y >= 2019; --y) {
    out.push_back({{"value", std::to_string(y)}, {"label", std::to_string(y) + "年度"}, {"selected", y == selected}});
  }
  return out;
}

// Agencies of the tree for which `allowed` holds, as <option>s.
template <class Pred>
nlohmann::json agency_options(Ctx& c, int64_t selected, Pred allowed) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : agencies::tree(c.db)) {
    if (!allowed(e.agency.id)) continue;
    out.push_back({{"value", std::to_string(e.agency.id)},
                   {"label", directory::tree_indent(e.depth) + e.agency.name},
                   {"selected", e.agency.id == selected}});
  }
  return out;
}

// The scope's agency ids, or why the principal may not see them.
Result<std::vector<int64_t>> readable_scope(Ctx& c, int64_t agency_id, bool subtree) {
  if (!agencies::get(c.db, agency_id)) return Error::not_found("该机关不存在");
  if (!agencies::can_read(c.db, c.me(), agency_id)) return Error::forbidden("您无权查看该机关的年度报告数据");
  if (!subtree) return std::vector<int64_t>{agency_id};
  auto ids = agencies::subtree_ids(c.db, agency_id);
  for (int64_t id : ids) {
    if (!agencies::can_read(c.db, c.me(), id)) {
      return Error::forbidden("您无权查看该机关下属单位的数据，请选择“仅本机关”");
    }
  }
  return ids;
}

bool may_read_subtree(Ctx& c, int64_t agency_id) {
  for (int64_t id : agencies::subtree_ids(c.db, agency_id)) {
    if (!agencies::can_read(c.db, c.me(), id)) return false;
  }
  return true;
}

std::string scope_code(bool subtree) { return subtree ? "subtree" : "self"; }

std::string cell_url(int64_t agency, int year, bool subtree, std::string_view ref) {
  return "/admin/reports/cell?agency=" + std::to_string(agency) + "&year=" + std::to_string(year) +
         "&scope=" + scope_code(subtree) + "&ref=" + http::url_encode(ref);
}

std::string value_text(const reports::Format& f, const std::string& ref, const reports::TableValues& v) {
  auto got = v.get(ref);
  if (!got) return "未填报";
  auto cell = f.resolve(ref);
  return cell ? reports::format_value(*cell->column, *got) : std::to_string(*got);
}

// The cells the per-unit breakdown shows: 表二 as far as it is counted or decided (not 2019's item
// counts), and the totals of 表三 and 表四.
std::vector<std::string> breakdown_refs(const reports::Format& f) {
  std::vector<std::string> out;
  for (const std::string& ref : f.cell_refs()) {
    auto cell = f.resolve(ref);
    if (cell->table->key != "table2") continue;
    const std::string& col = cell->column->key;
    if (cell->row->part == "item1" || col == "decisions" || col == "fee_amount" || col.starts_with("procurement")) {
      out.push_back(ref);
    }
  }
  for (const char* ref :
       {"table3.new.total", "table3.carried_over.total", "table3.r7.total", "table3.carry_forward.total",
        "table4.review.total", "table4.suit_direct.total", "table4.suit_after_review.total"}) {
    if (f.resolve(ref)) out.emplace_back(ref);
  }
  return out;
}

nlohmann::json findings_json(const GeneratedReport& rep) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : rep.findings) {
    nlohmann::json links = nlohmann::json::array();
    for (size_t i = 0; i < f.refs.size() && i < 6; ++i) {
      links.push_back({{"url", cell_url(rep.agency_id, rep.year, rep.subtree, f.refs[i])},
                       {"label", rep.format->cell_label(f.refs[i])}});
    }
    const bool error = f.severity == reports::Severity::kError;
    out.push_back({{"error", error},
                   {"severity", error ? "错误" : "提示"},
                   {"code", f.code},
                   {"message", f.message_zh},
                   {"links", links},
                   {"has_links", !links.empty()},
                   {"more", f.refs.size() > 6}});
  }
  return out;
}

nlohmann::json fees_json(const reports::FeeFigures& f) {
  return {{"notices", f.notices},
          {"notified", reports::format_yuan(f.notified_fen)},
          {"payments", f.payments},
          {"collected", reports::format_yuan(f.collected_fen)}};
}

nlohmann::json breakdown_json(const GeneratedReport& rep) {
  const auto refs = breakdown_refs(*rep.format);
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& ref : refs) columns.push_back({{"label", rep.format->cell_label(ref)}});
  auto cells = [&](const reports::TableValues& v, int64_t agency, bool subtree) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& ref : refs) {
      out.push_back({{"text", value_text(*rep.format, ref, v)},
                     {"url", cell_url(agency, rep.year, subtree, ref)},
                     {"filled", v.contains(ref)}});
    }
    return out;
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& u : rep.units) {
    rows.push_back({{"name", directory::tree_indent(u.depth) + u.agency_name},
                    {"report_url", "/admin/reports?agency=" + std::to_string(u.agency_id) +
                                       "&year=" + std::to_string(rep.year) + "&scope=self"},
                    {"cells", cells(u.values, u.agency_id, false)},
                    {"fees", fees_json(u.fees)}});
  }
  return {{"columns", columns},
          {"rows", rows},
          {"total", cells(rep.values, rep.agency_id, true)},
          {"total_fees", fees_json(rep.fees)}};
}

// What a failed form submission puts back on the report page.
struct PageState {
  const reports::TextsInput* texts = nullptr;  // the texts as submitted
  const Error* error = nullptr;
  std::string note;  // the 更正说明 as submitted
  int status = 200;
};

std::string report_url(int64_t agency, int year, bool subtree) {
  return "/admin/reports?agency=" + std::to_string(agency) + "&year=" + std::to_string(year) +
         "&scope=" + scope_code(subtree);
}

// The findings of the figures and of the texts together, for the checks and the publish section.
nlohmann::json all_findings_json(const GeneratedReport& rep, const std::vector<reports::Finding>& findings) {
  GeneratedReport copy;
  copy.format = rep.format;
  copy.agency_id = rep.agency_id;
  copy.year = rep.year;
  copy.subtree = rep.subtree;
  copy.findings = findings;
  return findings_json(copy);
}

// The text editor, the publication and the editions of the report.
nlohmann::json publication_json(Ctx& c, const GeneratedReport& rep, const PageState& st,
                                const std::vector<reports::Finding>& findings) {
  const reports::Draft draft = reports::load_draft(c.db, rep.agency_id, rep.year, rep.subtree);
  auto text_of = [&](const std::string& key) {
    if (st.texts) {
      auto it = st.texts->find(key);
      if (it != st.texts->end()) return it->second;
    }
    return draft.text(key);
  };
  const nlohmann::json errors = st.error ? form_errors(*st.error)["errors"] : nlohmann::json::object();
  auto field = [&](const std::string& key, const std::string& label) {
    nlohmann::json f = {{"name", "text." + key}, {"id", "t-" + key}, {"label", label}, {"value", text_of(key)}};
    if (errors.contains(key)) f["error"] = errors[key];
    return f;
  };
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& part : reports::kOverviewParts)
    parts.push_back(field(std::string(part.key), std::string(part.title)));
  const reports::Section* problems = rep.format->section("problems");
  const reports::Section* other = rep.format->section("other");
  const std::string last_problems = reports::last_year_problems(c.db, rep.agency_id, rep.year, rep.subtree);
  std::vector<std::string> kept;
  for (const auto& key : {"proactive", "applications", "management", "platforms", "supervision"}) {
    if (c.req.query("kept").find(key) != std::string::npos) {
      for (const auto& part : reports::kOverviewParts) {
        if (part.key == key) kept.emplace_back(part.title);
      }
    }
  }
  std::string kept_text;
  for (const auto& k : kept) kept_text += (kept_text.empty() ? "" : "、") + k;
  int errors_n = 0, warnings_n = 0;
  for (const auto& f : findings) (f.severity == reports::Severity::kError ? errors_n : warnings_n)++;
  const bool can_publish = reports::may_publish(c.db, c.me(), rep.agency_id);
  nlohmann::json out = {
      {"can_edit", reports::may_edit_texts(c.db, c.me(), rep.agency_id)},
      {"parts", parts},
      {"problems", field("problems", problems ? problems->title : "五、存在的主要问题及改进情况")},
      {"other", field("other", other ? other->title : "六、其他需要报告的事项")},
      {"fee_sentence", reports::fee_sentence(rep.fees)},
      {"last_problems", last_problems},
      {"has_last_problems", !last_problems.empty()},
      {"last_year", rep.year - 1},
      {"updated_at", draft.updated_at},
      {"updated_by", draft.updated_by},
      {"texts_saved", c.req.query("saved") == "texts"},
      {"generated", c.req.query("saved") == "generated"},
      {"kept", kept_text},
      {"has_kept", !kept_text.empty()},
      {"to_complete", std::string(reports::kToComplete)},
      {"can_publish", can_publish},
      {"findings", all_findings_json(rep, findings)},
      {"has_findings", !findings.empty()},
      {"errors", errors_n},
      {"warnings", warnings_n},
      {"has_warnings", warnings_n > 0},
      {"blocked", errors_n > 0},
      {"note", st.note},
      {"note_error", errors.contains("correction_note") ? errors["correction_note"] : nlohmann::json()},
      {"just_published", c.req.query("published") == "1"},
  };
  const auto eds = reports::editions(c.db, rep.agency_id, rep.year, rep.subtree);
  if (eds.empty()) return out;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : eds) {
    list.push_back({{"edition", e.edition},
                    {"published_on", e.published_on},
                    {"published_by", e.published_by},
                    {"note", e.correction_note},
                    {"url", "/admin/reports/edition?id=" + std::to_string(e.id)}});
  }
  const reports::Edition& last = eds.back();
  out["published"] = true;
  out["editions"] = list;
  out["item_url"] = "/items/" + std::to_string(last.item_id);
  out["latest_edition"] = last.edition;
  out["first_published_on"] = eds.front().published_on;
  auto frozen = reports::edition_document(last);
  if (!frozen) {
    out["diff_error"] = frozen.error().message;
    return out;
  }
  const reports::ReportDocument current = reports::draft_document(rep, draft);
  const reports::ReportDiff diff = reports::diff_documents(*frozen, current);
  auto rows = [](const std::vector<reports::CellChange>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& ch : v) a.push_back({{"label", ch.label}, {"published", ch.published}, {"current", ch.current}});
    return a;
  };
  nlohmann::json changes = rows(diff.cells);
  for (auto& f : rows(diff.fees)) changes.push_back(f);
  bool texts_changed = frozen->problems.text != current.problems.text || frozen->other.text != current.other.text;
  for (size_t i = 0; i < frozen->overview.size() && i < current.overview.size(); ++i) {
    texts_changed = texts_changed || frozen->overview[i].text != current.overview[i].text;
  }
  out["changes"] = changes;
  out["has_changes"] = !diff.empty();
  out["change_count"] = changes.size();
  out["texts_changed"] = texts_changed;
  return out;
}

http::Response report_page(Ctx& c, int64_t agency_id, int year, const std::string& scope, const PageState& st) {
  const bool has_units = agencies::subtree_ids(c.db, agency_id).size() > 1;
  const bool subtree = scope.empty() ? has_units && may_read_subtree(c, agency_id) : scope == "subtree";
  nlohmann::json data = {
      {"agencies", agency_options(c, agency_id, [&](int64_t id) { return agencies::can_read(c.db, c.me(), id); })},
      {"years", year_options(year)},
      {"scopes",
       nlohmann::json::array({{{"value", "self"}, {"label", "仅本机关"}, {"selected", !subtree}},
                              {{"value", "subtree"}, {"label", "本机关及下属单位（汇总）"}, {"selected", subtree}}})},
      {"year", year}};
  auto ids = readable_scope(c, agency_id, subtree);
  if (!ids) {
    if (ids.error().kind == Error::Kind::kNotFound) return error_page(c, ids.error());
    data["error_message"] = ids.error().message;
    return page(c, "admin_reports", data, "年度报告", ids.error().http_status());
  }
  auto rep = reports::generate(c.db, agency_id, year, subtree);
  if (!rep) {
    data["error_message"] = rep.error().message;
    return page(c, "admin_reports", data, "年度报告", rep.error().http_status());
  }
  nlohmann::json tables = nlohmann::json::array();
  reports::HtmlTableOptions opt;
  opt.link_base = cell_url(agency_id, year, subtree, "");
  for (const auto& t : rep->format->tables) {
    const reports::Section* s = rep->format->section(t.section);
    tables.push_back({{"heading", s ? s->title : t.name},
                      {"html", reports::render_table_html(*rep->format, t.key, rep->values, opt)}});
  }
  int errors = 0, warnings = 0;
  for (const auto& f : rep->findings) (f.severity == reports::Severity::kError ? errors : warnings)++;
  const reports::Section* other = rep->format->section("other");
  data["report"] = {
      {"agency_name", rep->agency_name},
      {"year", year},
      {"subtree", subtree},
      {"format_name", rep->format->name},
      {"decree", rep->format->decree},
      {"findings", findings_json(*rep)},
      {"has_findings", !rep->findings.empty()},
      {"errors", errors},
      {"warnings", warnings},
      {"has_warnings", warnings > 0},
      {"publishable", !rep->has_errors()},
      {"tables", tables},
      {"other_heading", other ? other->title : "六、其他需要报告的事项"},
      {"fees", fees_json(rep->fees)},
      {"figures_url", "/admin/reports/figures?agency=" + std::to_string(agency_id) + "&year=" + std::to_string(year)},
      {"can_edit_figures", reports::may_edit_figures(c.db, c.me(), agency_id)},
      {"breakdown", breakdown_json(*rep)},
      {"units", rep->units.size()},
  };
  // The checks of the texts join those of the figures, on top and again before the publish button.
  const reports::ReportDocument doc =
      reports::draft_document(*rep, reports::load_draft(c.db, agency_id, year, subtree));
  const auto findings = reports::publication_findings(*rep, doc);
  errors = warnings = 0;
  for (const auto& f : findings) (f.severity == reports::Severity::kError ? errors : warnings)++;
  data["report"]["findings"] = all_findings_json(*rep, findings);
  data["report"]["has_findings"] = !findings.empty();
  data["report"]["errors"] = errors;
  data["report"]["warnings"] = warnings;
  data["report"]["has_warnings"] = warnings > 0;
  data["report"]["publishable"] = errors == 0;
  data["report"]["agency_id"] = agency_id;
  data["report"]["scope"] = scope_code(subtree);
  data["report"]["publication"] = publication_json(c, *rep, st, findings);
  if (st.error) data["error_message"] = st.error->message;
  return page(c, "admin_reports", data, std::to_string(year) + "年度报告 - " + rep->agency_name, st.status);
}

http::Response report_get(Ctx& c) {
  const int64_t agency_id = parse_id(c.req.query("agency")).value_or(c.me().user.agency_id);
  return report_page(c, agency_id, year_param(c.req), c.req.query("scope"), PageState{});
}

http::Response cell_page(Ctx& c) {
  auto agency_id = parse_id(c.req.query("agency"));
  if (!agency_id) return not_found_page(c);
  const int year = year_param(c.req);
  const bool subtree = c.req.query("scope") == "subtree";
  const std::string ref = c.req.query("ref");
  auto ids = readable_scope(c, *agency_id, subtree);
  if (!ids) return error_page(c, ids.error());
  const reports::Format* format = reports::format_for_year(year);
  if (!format || !format->resolve(ref)) {
    return error_page(c, Error::not_found("该年度报告没有这一单元格"));
  }
  auto rep = reports::generate(c.db, *agency_id, year, subtree);
  if (!rep) return error_page(c, rep.error());
  const auto cell = *format->resolve(ref);
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : rep->units) {
    units.push_back({{"name", directory::tree_indent(u.depth) + u.agency_name},
                     {"value", value_text(*format, ref, u.values)},
                     {"url", cell_url(u.agency_id, year, false, ref)}});
  }
  nlohmann::json data = {
      {"label", format->cell_label(ref)},
      {"ref", ref},
      {"agency_name", rep->agency_name},
      {"year", year},
      {"subtree", subtree},
      {"value", value_text(*format, ref, rep->values)},
      {"units", units},
      {"report_url", "/admin/reports?agency=" + std::to_string(*agency_id) + "&year=" + std::to_string(year) +
                         "&scope=" + scope_code(subtree)},
  };
  const std::string& table = cell.table->key;
  if (table == "table3" || table == "table4") {
    auto cases =
        table == "table3" ? reports::table3_cases(c.db, *ids, year, ref) : reports::table4_cases(c.db, *ids, year, ref);
    if (!cases) return error_page(c, cases.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& k : *cases) {
      rows.push_back({{"url", (table == "table3" ? "/admin/applications/" : "/admin/reviews/") + std::to_string(k.id)},
                      {"code", k.code.empty() ? "（无案号）" : k.code},
                      {"agency_name", k.agency_name},
                      {"start", k.start_date},
                      {"end", k.end_date},
                      {"detail", k.detail}});
    }
    data["cases"] = rows;
    data["has_cases"] = true;
    data["any_cases"] = !rows.empty();
    data["case_count"] = rows.size();
    data["is_applications"] = table == "table3";
  } else if (cell.row->part != "item1") {
    data["from_figures"] = true;
  } else {
    data["from_catalog"] = true;
  }
  return page(c, "admin_report_cell", data, format->cell_label(ref));
}

http::Response figures_page(Ctx& c, int64_t agency_id, int year, const reports::FiguresInput& in, const Error* err,
                            bool saved, int status) {
  const reports::Format* format = reports::format_for_year(year);
  nlohmann::json errors = err ? form_errors(*err)["errors"] : nlohmann::json::object();
  nlohmann::json data = {
      {"agencies",
       agency_options(c, agency_id, [&](int64_t id) { return reports::may_edit_figures(c.db, c.me(), id); })},
      {"years", year_options(year)},
      {"agency_id", agency_id},
      {"year", year},
      {"saved", saved},
      {"report_url", "/admin/reports?agency=" + std::to_string(agency_id) + "&year=" + std::to_string(year)}};
  if (auto a = agencies::get(c.db, agency_id)) data["agency_name"] = a->name;
  if (err) data["error_message"] = err->message;
  if (!format) {
    data["error_message"] = std::to_string(year) + "年没有适用的年度报告格式（2019年度起适用国家格式）";
    return page(c, "admin_report_figures", data, "年度报告数据填报", status == 200 ? 400 : status);
  }
  const reports::Figures stored = reports::load_figures(c.db, agency_id, year);
  data["updated_at"] = stored.updated_at;
  data["updated_by"] = stored.updated_by;
  data["format_name"] = format->name;
  const reports::Table& t2 = *format->table("table2");
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& part : t2.parts) {
    if (part.key == "item1") continue;
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& row : t2.rows) {
      if (row.part != part.key) continue;
      for (const reports::Column* col : t2.columns_of(row)) {
        const std::string ref = reports::cell_ref("table2", row.key, col->key);
        auto it = in.find(ref);
        directory::FormField field(ref, row.label + "：" + col->label, it == in.end() ? "" : it->second, errors);
        if (col->kind == reports::ValueKind::kAmount) {
          field.inputmode("decimal").hint(col->unit.empty()
                                              ? "单位：万元（格式未规定单位，本系统按万元填报），最多四位小数"
                                              : "单位：" + col->unit + "，最多四位小数");
        } else if (col->kind == reports::ValueKind::kSignedCount) {
          field.hint("增加的填正数，减少的填负数");
        } else {
          field.inputmode("numeric");
        }
        field.maxlength(20);
        fields.push_back(field.json());
      }
    }
    parts.push_back({{"legend", part.label}, {"fields", fields}});
  }
  data["has_parts"] = !parts.empty();
  data["parts"] = parts;
  return page(c, "admin_report_figures", data, "年度报告数据填报", status);
}

// The import of decision records (issue 6 §2, reports/decision_import.h): POST
// /admin/reports/figures/import parses the uploaded file and shows what it would set; the preview's
// confirm button posts those values to /admin/reports/figures/import/confirm, which saves them into
// the figures (save_imported_decisions: same access rule and audit as the form). The file is not kept.
http::Response import_preview_page(Ctx& c, int64_t agency_id, int year, const reports::DecisionImport& imp,
                                   const std::string& filename) {
  const reports::Format* format = reports::format_for_year(year);
  nlohmann::json data = {{"agency_id", agency_id},
                         {"year", year},
                         {"filename", filename},
                         {"ok", imp.ok()},
                         {"rows_read", imp.rows_read},
                         {"rows_other_years", imp.rows_other_years},
                         {"back_url", "/admin/reports/figures?agency=" + std::to_string(agency_id) +
                                          "&year=" + std::to_string(year)}};
  if (auto a = agencies::get(c.db, agency_id)) data["agency_name"] = a->name;
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : imp.errors) errors.push_back(e.message);
  data["errors"] = errors;
  data["error_count"] = imp.errors.size();
  nlohmann::json notes = nlohmann::json::array();
  for (const auto& n : imp.notes) notes.push_back(n);
  data["notes"] = notes;
  nlohmann::json cells = nlohmann::json::array();
  if (format && imp.ok()) {
    for (const auto& [ref, v] : imp.values.cells()) {
      const auto cell = format->resolve(ref);
      if (!cell) continue;
      const std::string text = reports::format_value(*cell->column, v);
      cells.push_back({{"ref", ref}, {"label", cell->row->label + "：" + cell->column->label}, {"value", text}});
    }
  }
  data["cells"] = cells;
  return page(c, "admin_report_figures_import", data, "导入决定记录", imp.ok() ? 200 : 400);
}

// The report a form posts to: agency, year and scope from hidden fields.
struct Posted {
  int64_t agency_id = 0;
  int year = 0;
  bool subtree = false;
};
std::optional<Posted> posted(Ctx& c) {
  auto agency_id = parse_id(c.req.form("agency"));
  if (!agency_id) return std::nullopt;
  return Posted{*agency_id, year_param(c.req), c.req.form("scope") == "subtree"};
}

http::Response texts_post(Ctx& c) {
  auto at = posted(c);
  if (!at) return not_found_page(c);
  reports::TextsInput in;
  for (const auto& [name, value] : c.req.form_fields()) {
    if (name.starts_with("text.")) in[name.substr(5)] = value;
  }
  auto saved = reports::save_texts(c.db, c.me(), c.actor(), at->agency_id, at->year, at->subtree, in);
  if (!saved) {
    const auto kind = saved.error().kind;
    if (kind == Error::Kind::kForbidden || kind == Error::Kind::kNotFound) return error_page(c, saved.error());
    return report_page(c, at->agency_id, at->year, scope_code(at->subtree),
                       PageState{&in, &saved.error(), "", saved.error().http_status()});
  }
  std::string url = report_url(at->agency_id, at->year, at->subtree);
  if (c.req.form("action") == "generate") {
    std::vector<std::string> kept;
    auto filled = reports::fill_overview(c.db, c.me(), c.actor(), at->agency_id, at->year, at->subtree,
                                         c.req.form("overwrite") == "1", &kept);
    if (!filled) return error_page(c, filled.error());
    std::string k;
    for (const auto& key : kept) k += (k.empty() ? "" : ",") + key;
    url += "&saved=generated" + (k.empty() ? "" : "&kept=" + http::url_encode(k));
  } else {
    url += "&saved=texts";
  }
  return http::Response::redirect(url + "#texts-h");
}

http::Response publish_post(Ctx& c, bool correction) {
  auto at = posted(c);
  if (!at) return not_found_page(c);
  const std::string note = c.req.form("correction_note");
  auto e = correction ? reports::publish_correction(c.db, c.me(), c.actor(), at->agency_id, at->year, at->subtree, note)
                      : reports::publish(c.db, c.me(), c.actor(), at->agency_id, at->year, at->subtree);
  if (!e) {
    const auto kind = e.error().kind;
    if (kind == Error::Kind::kForbidden || kind == Error::Kind::kNotFound) return error_page(c, e.error());
    return report_page(c, at->agency_id, at->year, scope_code(at->subtree),
                       PageState{nullptr, &e.error(), note, e.error().http_status()});
  }
  return http::Response::redirect(report_url(at->agency_id, at->year, at->subtree) + "&published=1#publish-h");
}

// One edition as it was published, drawn from its snapshot.
http::Response edition_page(Ctx& c) {
  auto id = parse_id(c.req.query("id"));
  auto e = id ? reports::get_edition(c.db, *id) : std::nullopt;
  if (!e) return not_found_page(c);
  if (!agencies::can_read(c.db, c.me(), e->agency_id)) return error_page(c, Error::forbidden("您无权查看该年度报告"));
  auto doc = reports::edition_document(*e);
  if (!doc) return error_page(c, doc.error());
  nlohmann::json data = {{"title", reports::report_title(*doc)},
                         {"edition", e->edition},
                         {"published_on", e->published_on},
                         {"published_by", e->published_by},
                         {"note", e->correction_note},
                         {"html", reports::document_html(*doc)},
                         {"report_url", report_url(e->agency_id, e->year, e->subtree)},
                         {"item_url", "/items/" + std::to_string(e->item_id)}};
  return page(c, "admin_report_edition", data,
              reports::report_title(*doc) + "（第" + std::to_string(e->edition) + "版）");
}

http::Response board_page(Ctx& c) {
  const int year = year_param(c.req);
  const std::string want = c.req.query("status");
  const std::string today = today_cn();
  const auto rows = reports::deadline_board(c.db, c.me(), year, today);
  std::map<std::string, int> counts;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    const std::string code(reports::board_status_code(r.status));
    counts[code]++;
    if (!want.empty() && want != code) continue;
    std::string label(reports::board_status_label(r.status));
    if (r.status == reports::BoardStatus::kPublished)
      label += r.late ? "（逾期发布）" : (r.deadline.empty() ? "" : "（按时）");
    if (r.status == reports::BoardStatus::kOverdue && !r.updated_at.empty()) label += "（起草中）";
    out.push_back({{"name", directory::tree_indent(r.depth) + r.agency_name},
                   {"level", agencies::level_label(r.level)},
                   {"deadline", r.deadline.empty() ? "条例未规定" : format_date_cn(r.deadline)},
                   {"status", code},
                   {"label", label},
                   {"bad", r.status == reports::BoardStatus::kOverdue || r.late},
                   {"ok", r.status == reports::BoardStatus::kPublished && !r.late},
                   {"published_on", r.published_on.empty() ? "" : format_date_cn(r.published_on)},
                   {"editions", r.editions},
                   {"corrected", r.editions > 1},
                   {"updated_at", r.updated_at.substr(0, 10)},
                   {"url", "/admin/reports?agency=" + std::to_string(r.agency_id) + "&year=" + std::to_string(year)}});
  }
  nlohmann::json statuses = nlohmann::json::array();
  statuses.push_back(
      {{"value", ""}, {"label", "全部（" + std::to_string(rows.size()) + "）"}, {"selected", want.empty()}});
  for (auto s : {reports::BoardStatus::kNotStarted, reports::BoardStatus::kDrafting, reports::BoardStatus::kPublished,
                 reports::BoardStatus::kOverdue}) {
    const std::string code(reports::board_status_code(s));
    statuses.push_back(
        {{"value", code},
         {"label", std::string(reports::board_status_label(s)) + "（" + std::to_string(counts[code]) + "）"},
         {"selected", want == code}});
  }
  nlohmann::json data = {{"years", year_options(year)},
                         {"year", year},
                         {"next_year", year + 1},
                         {"today", format_date_cn(today)},
                         {"statuses", statuses},
                         {"rows", out},
                         {"has_rows", !out.empty()},
                         {"total", rows.size()},
                         {"not_started", counts["not_started"]},
                         {"drafting", counts["drafting"]},
                         {"published", counts["published"]},
                         {"overdue", counts["overdue"]}};
  return page(c, "admin_report_board", data, std::to_string(year) + "年度报告发布情况");
}

}  // namespace

void register_reports_admin(Routes& r) {
  r.post("/admin/reports/texts", Access::kStaff, texts_post);
  r.post("/admin/reports/publish", Access::kStaff, [](Ctx& c) { return publish_post(c, false); });
  r.post("/admin/reports/correct", Access::kStaff, [](Ctx& c) { return publish_post(c, true); });
  r.get("/admin/reports/edition", Access::kStaff, edition_page);
  r.get("/admin/reports/board", Access::kStaff, board_page);
  r.get("/admin/reports", Access::kStaff, report_get);
  r.get("/admin/reports/cell", Access::kStaff, cell_page);

  r.get("/admin/reports/figures", Access::kStaff, [](Ctx& c) {
    const int64_t agency_id = parse_id(c.req.query("agency")).value_or(c.me().user.agency_id);
    if (!agencies::get(c.db, agency_id)) return not_found_page(c);
    if (!reports::may_edit_figures(c.db, c.me(), agency_id)) {
      return error_page(c, Error::forbidden("只有本机关的信息员或机关管理员可以填报年度报告数据"));
    }
    const int year = year_param(c.req);
    const reports::Format* format = reports::format_for_year(year);
    reports::FiguresInput in;
    if (format) in = reports::figures_text(*format, reports::load_figures(c.db, agency_id, year).values);
    return figures_page(c, agency_id, year, in, nullptr, c.req.query("saved") == "1", 200);
  });

  r.post("/admin/reports/figures", Access::kStaff, [](Ctx& c) {
    auto agency_id = parse_id(c.req.form("agency"));
    if (!agency_id) return not_found_page(c);
    const int year = year_param(c.req);
    reports::FiguresInput in;
    for (const auto& [name, value] : c.req.form_fields()) {
      if (name.starts_with("table2.")) in[name] = value;
    }
    auto saved = reports::save_figures(c.db, c.me(), c.actor(), *agency_id, year, in);
    if (!saved) {
      const auto kind = saved.error().kind;
      if (kind == Error::Kind::kForbidden || kind == Error::Kind::kNotFound) return error_page(c, saved.error());
      return figures_page(c, *agency_id, year, in, &saved.error(), false, saved.error().http_status());
    }
    return http::Response::redirect("/admin/reports/figures?agency=" + std::to_string(*agency_id) +
                                    "&year=" + std::to_string(year) + "&saved=1");
  });

  r.post("/admin/reports/figures/import", Access::kStaff, [](Ctx& c) {
    auto agency_id = parse_id(c.req.form("agency"));
    if (!agency_id || !agencies::get(c.db, *agency_id)) return not_found_page(c);
    if (!reports::may_edit_figures(c.db, c.me(), *agency_id)) {
      return error_page(c, Error::forbidden("只有本机关的信息员或机关管理员可以填报年度报告数据"));
    }
    const int year = year_param(c.req);
    const reports::Format* format = reports::format_for_year(year);
    if (!format) return figures_page(c, *agency_id, year, {}, nullptr, false, 400);
    const http::UploadedFile* file = nullptr;
    for (const auto& f : c.req.files()) {
      if (f.field == "file" && !f.data.empty()) file = &f;
    }
    reports::DecisionImport imp;
    if (!file) {
      imp.errors.push_back({0, "请选择要导入的决定记录文件（CSV或XLSX）"});
    } else {
      imp = reports::parse_decision_records(*format, year, file->data);
    }
    return import_preview_page(c, *agency_id, year, imp, file ? file->filename : "");
  });

  r.post("/admin/reports/figures/import/confirm", Access::kStaff, [](Ctx& c) {
    auto agency_id = parse_id(c.req.form("agency"));
    if (!agency_id || !agencies::get(c.db, *agency_id)) return not_found_page(c);
    const int year = year_param(c.req);
    const reports::Format* format = reports::format_for_year(year);
    if (!format) return figures_page(c, *agency_id, year, {}, nullptr, false, 400);
    // The values the preview showed, re-read from its hidden fields; only the importable cells count.
    reports::DecisionImport imp;
    for (const char* ref : {"table2.license.decisions", "table2.penalty.decisions", "table2.coercion.decisions",
                            "table2.fees.fee_amount"}) {
      const auto cell = format->resolve(ref);
      if (!cell || !c.req.has_form(ref)) continue;
      const std::string text = c.req.form(ref);
      std::optional<int64_t> v;
      if (cell->column->kind == reports::ValueKind::kAmount) {
        v = reports::parse_amount(text);
      } else if (auto n = directory::parse_int(text, -1); n && *n >= 0) {
        v = *n;
      }
      if (!v || *v < 0) {
        imp.errors.push_back({0, "导入的数据有误，请重新上传文件"});
        break;
      }
      imp.values.set(ref, *v);
    }
    auto saved = reports::save_imported_decisions(c.db, c.me(), c.actor(), *agency_id, year, imp);
    if (!saved) {
      const auto kind = saved.error().kind;
      if (kind == Error::Kind::kForbidden || kind == Error::Kind::kNotFound) return error_page(c, saved.error());
      return figures_page(c, *agency_id, year, reports::figures_text(*format, reports::load_figures(c.db, *agency_id, year).values),
                          &saved.error(), false, saved.error().http_status());
    }
    return http::Response::redirect("/admin/reports/figures?agency=" + std::to_string(*agency_id) +
                                    "&year=" + std::to_string(year) + "&saved=1");
  });
}

}  // namespace gk::web
