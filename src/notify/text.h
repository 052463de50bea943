// Small text helpers for the messages the notify module writes.
#pragma once

#include <string>
#include <string_view>

namespace gk::notify {

// `s` cut to at most `max_chars` UTF-8 characters, with "……" appended when it was cut.
inline std::string cut_utf8(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) return std::string(s.substr(0, i)) + "……";
    ++chars;
  }
  return std::string(s);
}

}  // namespace gk::notify
