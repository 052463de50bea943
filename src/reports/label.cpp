// normalize_label with ICU: NFKC_Casefold, then white space and punctuation dropped.
#include "reports/label.h"

#include "platform/text/unicode.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <stdexcept>
#include <vector>

namespace gk::reports {
namespace {

std::u16string to_utf16(std::string_view s) {
  std::u16string out(s.size() + 1, u'\0');  // UTF-16 never needs more units than UTF-8 has bytes
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &len, s.data(), static_cast<int32_t>(s.size()),
                       0xFFFD, nullptr, &err);
  if (U_FAILURE(err)) throw std::runtime_error("UTF-8 conversion failed");
  out.resize(static_cast<size_t>(len));
  return out;
}

std::u16string normalize(const std::u16string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const auto n = static_cast<int32_t>(s.size());
  int32_t need = unorm2_normalize(text::nfkc_casefold(), s.data(), n, nullptr, 0, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) throw std::runtime_error("NFKC normalization failed");
  std::u16string out(static_cast<size_t>(need), u'\0');
  err = U_ZERO_ERROR;
  unorm2_normalize(text::nfkc_casefold(), s.data(), n, out.data(), need, &err);
  if (U_FAILURE(err)) throw std::runtime_error("NFKC normalization failed");
  return out;
}

}  // namespace

std::string normalize_label(std::string_view label) {
  const std::u16string n = normalize(to_utf16(label));
  std::string out;
  out.reserve(n.size() * 3);
  for (size_t i = 0; i < n.size();) {
    UChar32 c = 0;
    U16_NEXT(n.data(), i, n.size(), c);
    if (u_isUWhiteSpace(c) || u_ispunct(c)) continue;
    text::append_utf8(out, static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace gk::reports
