// String helpers.
#include "platform/text/strings.h"

namespace gk::text {

std::string trim(std::string_view s) {
  constexpr std::string_view ws = " \t\r\n";
  const size_t first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(ws) - first + 1));
}

}  // namespace gk::text
