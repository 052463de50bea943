// HTML views: mustache templates (mstch; {{x}} is HTML-escaped, {{{x}}} is not and is only used for
// HTML that gongkai sanitized itself) compiled into the binary from templates/*.mustache. Every
// template can use every other as a partial ({{> name}}). Contexts are JSON values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gk::render {

// Renders templates/<name>.mustache with `context`. Throws std::out_of_range for an unknown template
// (a programmer error).
std::string render(std::string_view name, const nlohmann::json& context);

}  // namespace gk::render
