// Small string helpers shared by the services.
#pragma once

#include <string>
#include <string_view>

namespace gk::text {

// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF).
std::string trim(std::string_view s);

}  // namespace gk::text
