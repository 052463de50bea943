// Figures stated in the prose of a report (「通过政府网站发布信息147条」), read with the rules of
// data/checker/figure_kinds.json (embedded). Internal to src/checker; exposed for the unit tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/checker.h"

namespace gk::checker {

// A kind of prose figure, as listed in figure_kinds.json.
struct FigureKind {
  std::string key;
  std::string label_zh;
  bool amount = false;
  std::vector<std::string> compare;  // cell references whose sum the figure must equal, when read
};

// The kinds, in the order of the JSON. Parsed once; throws std::runtime_error if the embedded JSON
// is malformed (a unit test rules that out).
const std::vector<FigureKind>& figure_kinds();
const FigureKind* figure_kind(std::string_view key);

// The figures of one line of prose, sentence by sentence, in order.
std::vector<Figure> figures_in_line(std::string_view line);

}  // namespace gk::checker
