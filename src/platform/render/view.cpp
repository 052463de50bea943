// mstch-based rendering of the embedded templates.
#include "platform/render/view.h"

#include <map>
#include <mstch/mstch.hpp>

#include "platform/embedded.h"

namespace gk::render {
namespace {

constexpr std::string_view kDir = "templates/";
constexpr std::string_view kExt = ".mustache";

const std::map<std::string, std::string>& partials() {
  static const std::map<std::string, std::string> all = [] {
    std::map<std::string, std::string> out;
    for (const auto& [path, content] : embedded::all_files()) {
      if (path.starts_with(kDir) && path.ends_with(kExt)) {
        out.emplace(path.substr(kDir.size(), path.size() - kDir.size() - kExt.size()), std::string(content));
      }
    }
    return out;
  }();
  return all;
}

mstch::node to_node(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mstch::map m;
      for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), to_node(it.value()));
      return m;
    }
    case nlohmann::json::value_t::array: {
      mstch::array a;
      a.reserve(j.size());
      for (const auto& v : j) a.push_back(to_node(v));
      return a;
    }
    case nlohmann::json::value_t::string: return j.get<std::string>();
    case nlohmann::json::value_t::boolean: return j.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return std::to_string(j.get<long long>());
    case nlohmann::json::value_t::number_float: return j.get<double>();
    default: return std::string();
  }
}

}  // namespace

std::string render(std::string_view name, const nlohmann::json& context) {
  const auto& p = partials();
  auto it = p.find(std::string(name));
  if (it == p.end()) throw std::out_of_range("unknown template: " + std::string(name));
  return mstch::render(it->second, to_node(context), p);
}

}  // namespace gk::render
