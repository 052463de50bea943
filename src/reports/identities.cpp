// check_identities: evaluates each identity instance of a format and describes the ones that fail.
#include "reports/identities.h"

#include <optional>

namespace gk::reports {
namespace {

// The label of a term's cell in a message. The part fixed by the instance ("自然人" in a per-column
// identity) is said once in the message's prefix, so it is left out here.
std::string term_label(const Format& f, const Identity& id, const Term& t) {
  const auto cell = f.resolve(t.ref);  // load() guarantees it resolves
  std::string label;
  if (id.var == "column") {
    label = cell->table->qualified_label(*cell->row);
  } else if (id.var == "row") {
    label = cell->column->label;
  } else {
    label = cell->table->qualified_label(*cell->row) + "／" + cell->column->label;
  }
  return t.last_year ? "上年报告" + label : label;
}

std::string value_text(const Format& f, const ViolationTerm& vt) {
  return format_value(*f.resolve(vt.term.ref)->column, vt.value);
}

// "a（1）＋b（2）＝3", or a single "a（1）"; long sides list only their non-zero terms.
std::string side_text(const Format& f, const std::vector<ViolationTerm>& terms, int64_t sum, const Column& col) {
  std::string out;
  if (terms.size() > 4) {
    size_t shown = 0;
    for (const ViolationTerm& vt : terms) {
      if (vt.value == 0) continue;
      if (shown++ > 0 || vt.term.sign < 0) out += vt.term.sign < 0 ? "－" : "＋";
      out += vt.label + "（" + value_text(f, vt) + "）";
    }
    out += shown == 0 ? std::to_string(terms.size()) + "项均为0，和" : "等" + std::to_string(terms.size()) + "项之和";
    return out + "＝" + format_value(col, sum);
  }
  for (size_t i = 0; i < terms.size(); ++i) {
    const ViolationTerm& vt = terms[i];
    if (i > 0 || vt.term.sign < 0) out += vt.term.sign < 0 ? "－" : "＋";
    out += vt.label + "（" + value_text(f, vt) + "）";
  }
  if (terms.size() > 1 || terms.front().term.sign < 0) out += "＝" + format_value(col, sum);
  return out;
}

std::string message(const Format& f, const Violation& v) {
  const Identity& id = *v.identity;
  const Cell first = *f.resolve(v.lhs.front().term.ref);
  std::string prefix = first.table->name;
  if (id.var == "column") {
    prefix += "「" + first.column->label + "」列";
  } else if (id.var == "row") {
    prefix += "「" + first.table->qualified_label(*first.row) + "」行";
  }
  const int64_t diff = v.lhs_value - v.rhs_value;
  return prefix + "：" + side_text(f, v.lhs, v.lhs_value, *first.column) + "，不等于" +
         side_text(f, v.rhs, v.rhs_value, *first.column) + "，相差" +
         format_value(*first.column, diff < 0 ? -diff : diff) + "。";
}

// The value of a term; nullopt when it is a last-year cell that is not available.
std::optional<int64_t> term_value(const Term& t, const TableValues& this_year, const TableValues* last_year) {
  if (!t.last_year) return this_year.get_or_zero(t.ref);
  if (!last_year) return std::nullopt;
  return last_year->get(t.ref);
}

// Σ sign × value over `terms`; nullopt when a last-year cell is missing (the instance cannot be checked).
std::optional<int64_t> side_sum(const std::vector<Term>& terms, const TableValues& this_year,
                                const TableValues* last_year) {
  int64_t sum = 0;
  for (const Term& t : terms) {
    const auto v = term_value(t, this_year, last_year);
    if (!v) return std::nullopt;
    sum += t.sign * *v;
  }
  return sum;
}

std::vector<ViolationTerm> side_terms(const Format& f, const Identity& id, const std::vector<Term>& terms,
                                      const TableValues& this_year, const TableValues* last_year) {
  std::vector<ViolationTerm> out;
  for (const Term& t : terms) out.push_back({t, term_value(t, this_year, last_year).value_or(0), term_label(f, id, t)});
  return out;
}

}  // namespace

std::vector<Violation> check_identities(const Format& format, const TableValues& this_year,
                                        const TableValues* last_year) {
  std::vector<Violation> out;
  for (const Identity& id : format.identities) {
    if (id.scope == Scope::kCrossYear && !last_year) continue;
    for (const IdentityInstance& inst : id.instances) {
      const auto lhs = side_sum(inst.lhs, this_year, last_year);
      const auto rhs = side_sum(inst.rhs, this_year, last_year);
      if (!lhs || !rhs || *lhs == *rhs) continue;
      Violation v;
      v.identity = &id;
      v.instance = inst.key;
      v.lhs = side_terms(format, id, inst.lhs, this_year, last_year);
      v.rhs = side_terms(format, id, inst.rhs, this_year, last_year);
      v.lhs_value = *lhs;
      v.rhs_value = *rhs;
      v.message_zh = message(format, v);
      out.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace gk::reports
