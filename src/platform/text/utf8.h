// UTF-8 validity: every text a user submits must be well-formed UTF-8 before it reaches a service.
#pragma once

#include <string_view>

namespace gk::text {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF)
// and contains no NUL or other C0 control character except tab, line feed and carriage return.
bool is_clean_utf8(std::string_view s);

}  // namespace gk::text
