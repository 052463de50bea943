// The search tokenizer: a single pass over the UTF-8 input with a fast path for the characters of
// Chinese government prose and ICU for the rest (see tokenizer.h).
#include "search/tokenizer.h"

#include "platform/text/unicode.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace gk::search {
namespace {

enum class Class { kSeparator, kWord, kCjk };

// CJK unified ideographs (BMP, extension A, extensions B–G): NFKC_Casefold leaves them unchanged.
bool is_fast_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2EBEF) ||
         (c >= 0x30000 && c <= 0x3134F);
}

// Full-width ASCII forms: NFKC maps U+FF01..U+FF5E to U+0021..U+007E.
bool is_fullwidth_ascii(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E; }

// CJK and general punctuation whose normalization holds no letter, digit or ideograph: separators.
bool is_fast_separator(char32_t c) {
  return (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301F) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

bool is_ascii_alnum(unsigned char b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}
char ascii_lower(unsigned char b) { return static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b); }

// Class of a normalized code point (the slow path; the fast path classifies on its own).
Class classify(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(static_cast<unsigned char>(c)) ? Class::kWord : Class::kSeparator;
  const auto cp = static_cast<UChar32>(c);
  const int8_t type = u_charType(cp);
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &err);
  const bool cjk_script =
      script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HANGUL;
  if ((cjk_script && (u_isalpha(cp) || type == U_LETTER_NUMBER)) || c == 0x30FC) return Class::kCjk;
  if (u_isalnum(cp)) return Class::kWord;
  switch (type) {
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return Class::kWord;
    default:
      return Class::kSeparator;
  }
}

size_t encode_utf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

// Decodes one well-formed UTF-8 sequence at p[i] (no overlongs, surrogates or values above
// U+10FFFF). Returns its length, or 0 when the bytes there are not one.
inline size_t decode_utf8(const unsigned char* p, size_t n, size_t i, char32_t& out) {
  const unsigned char b = p[i];
  if (b < 0x80) {
    out = b;
    return 1;
  }
  if (b >= 0xE0 && b <= 0xEF) {  // most CJK text
    if (i + 2 >= n) return 0;
    const unsigned char b1 = p[i + 1], b2 = p[i + 2];
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
    if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F)) return 0;
    out = (char32_t{b} & 0x0F) << 12 | (char32_t{b1} & 0x3F) << 6 | (b2 & 0x3F);
    return 3;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return 0;
    out = (char32_t{b} & 0x1F) << 6 | (p[i + 1] & 0x3F);
    return 2;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (i + 3 >= n) return 0;
    const unsigned char b1 = p[i + 1], b2 = p[i + 2], b3 = p[i + 3];
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80) return 0;
    if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F)) return 0;
    out = (char32_t{b} & 0x07) << 18 | (char32_t{b1} & 0x3F) << 12 | (char32_t{b2} & 0x3F) << 6 | (b3 & 0x3F);
    return 4;
  }
  return 0;
}

inline bool is_fast(char32_t c) { return is_fast_cjk(c) || is_fullwidth_ascii(c) || is_fast_separator(c); }

// Longest combining sequence normalized at once; longer ones are cut (deterministically).
constexpr int kMaxClusterCodePoints = 32;

// One tokenization. Characters reach the token builders either verbatim (their bytes in the input
// are their normalized form: a view of the input can be emitted without copying) or normalized into
// a small buffer.
class Run {
 public:
  Run(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx)
      : p_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), mode_(mode), sink_(sink), ctx_(ctx) {}

  bool run() {
    size_t i = 0;
    while (i < n_ && !stopped_) {
      const unsigned char b = p_[i];
      if (b < 0x80) {
        if (is_ascii_alnum(b)) {
          size_t j = i + 1;
          while (j < n_ && is_ascii_alnum(p_[j])) ++j;
          // A combining mark after the run composes with its last letter: that one goes the slow way.
          const size_t end = (j < n_ && p_[j] >= 0xCC && !boundary_at(j)) ? j - 1 : j;
          ascii_word(i, end);
          i = end < j ? slow(end) : end;
        } else if (i + 1 < n_ && p_[i + 1] >= 0xCC && !boundary_at(i + 1)) {
          i = slow(i);
        } else {
          separator();
          ++i;
        }
        continue;
      }
      char32_t c = 0;
      const size_t len = decode_at(i, c);
      if (len == 0) {
        separator();
        ++i;
        continue;
      }
      if (!is_fast(c) || !boundary_at(i + len)) {
        i = slow(i);
        continue;
      }
      if (is_fast_cjk(c)) {
        cjk_char(reinterpret_cast<const char*>(p_ + i), len, i, i + len, true);
      } else if (is_fullwidth_ascii(c)) {
        const auto a = static_cast<unsigned char>(c - 0xFEE0);
        if (is_ascii_alnum(a)) {
          const char lc = ascii_lower(a);
          word_char(&lc, 1, i, i + len);
        } else {
          separator();
        }
      } else {
        separator();
      }
      i += len;
    }
    separator();
    return !stopped_;
  }

 private:
  // Decodes at byte i, reusing the lookahead of boundary_at.
  size_t decode_at(size_t i, char32_t& c) {
    if (i == look_at_) {
      c = look_cp_;
      return look_len_;
    }
    return decode_utf8(p_, n_, i, c);
  }

  // Whether the character at byte j never interacts with the one before it under normalization.
  bool boundary_at(size_t j) {
    if (j >= n_ || p_[j] < 0xCC) return true;  // below U+0300 nothing combines backwards
    look_at_ = j;
    look_len_ = decode_utf8(p_, n_, j, look_cp_);
    if (look_len_ == 0 || is_fast(look_cp_)) return true;
    return unorm2_hasBoundaryBefore(text::nfkc_casefold(), static_cast<UChar32>(look_cp_)) != 0;
  }

  // Normalizes the combining sequence starting at byte i with ICU and feeds its characters, each
  // spanning the whole sequence in the original. Returns the byte after the sequence.
  size_t slow(size_t i) {
    UChar src[kMaxClusterCodePoints * 2];
    int32_t src_len = 0;
    size_t j = i;
    for (int count = 0; count < kMaxClusterCodePoints; ++count) {
      char32_t c = 0;
      const size_t len = decode_utf8(p_, n_, j, c);
      if (len == 0) break;
      U16_APPEND_UNSAFE(src, src_len, static_cast<UChar32>(c));
      j += len;
      if (j >= n_ || p_[j] < 0xCC) break;
      char32_t next = 0;
      if (decode_utf8(p_, n_, j, next) == 0 || is_fast(next)) break;
      if (unorm2_hasBoundaryBefore(text::nfkc_casefold(), static_cast<UChar32>(next))) break;
    }
    if (j == i) {  // not reached for a valid first character; guards against an endless loop
      separator();
      return i + 1;
    }
    UChar dest[1024];
    UErrorCode err = U_ZERO_ERROR;
    const int32_t dest_len = unorm2_normalize(text::nfkc_casefold(), src, src_len, dest, 1024, &err);
    if (U_FAILURE(err)) {
      separator();
      return j;
    }
    for (int32_t k = 0; k < dest_len && !stopped_;) {
      UChar32 c = 0;
      U16_NEXT(dest, k, dest_len, c);
      char buf[4];
      const size_t len = encode_utf8(static_cast<char32_t>(c), buf);
      switch (classify(static_cast<char32_t>(c))) {
        case Class::kWord:
          word_char(buf, len, i, j);
          break;
        case Class::kCjk:
          cjk_char(buf, len, i, j, false);
          break;
        case Class::kSeparator:
          separator();
          break;
      }
    }
    return j;
  }

  void emit(const char* text, size_t len, size_t start, size_t end, bool colocated) {
    if (stopped_) return;
    const Token t{std::string_view(text, len), start, end, colocated};
    if (!sink_(ctx_, t)) stopped_ = true;
  }

  // ASCII letters and digits p[i, end), lower-cased into the current word.
  void ascii_word(size_t i, size_t end) {
    if (i >= end) return;
    end_cjk_run();
    while (i < end) {
      if (word_chars_ == kMaxWordChars) end_word();
      if (word_chars_ == 0) word_start_ = i;
      const size_t take = std::min(end - i, kMaxWordChars - word_chars_);
      for (size_t k = 0; k < take; ++k) word_[word_len_ + k] = ascii_lower(p_[i + k]);
      word_len_ += take;
      word_chars_ += take;
      i += take;
      word_end_ = i;
    }
  }

  void word_char(const char* bytes, size_t len, size_t start, size_t end) {
    end_cjk_run();
    if (word_chars_ == kMaxWordChars) end_word();
    if (word_chars_ == 0) word_start_ = start;
    std::memcpy(word_ + word_len_, bytes, len);
    word_len_ += len;
    ++word_chars_;
    word_end_ = end;
  }

  // A CJK character: `verbatim` when `bytes` are the input's own bytes at [start, end).
  void cjk_char(const char* bytes, size_t len, size_t start, size_t end, bool verbatim) {
    end_word();
    if (run_ > 0) {
      if (verbatim && prev_verbatim_ && prev_end_ == start) {
        emit(reinterpret_cast<const char*>(p_ + prev_start_), end - prev_start_, prev_start_, end, false);
      } else {
        char pair[8];
        std::memcpy(pair, prev_, prev_len_);
        std::memcpy(pair + prev_len_, bytes, len);
        emit(pair, prev_len_ + len, prev_start_, end, false);
      }
      if (mode_ == TokenizeMode::kDocument) emit(prev_, prev_len_, prev_start_, prev_end_, true);
    }
    if (verbatim) {
      prev_ = bytes;
    } else {
      std::memcpy(prev_buf_, bytes, len);
      prev_ = prev_buf_;
    }
    prev_len_ = len;
    prev_start_ = start;
    prev_end_ = end;
    prev_verbatim_ = verbatim;
    ++run_;
  }

  void separator() {
    end_word();
    end_cjk_run();
  }

  void end_word() {
    if (word_chars_ == 0) return;
    emit(word_, word_len_, word_start_, word_end_, false);
    word_len_ = 0;
    word_chars_ = 0;
  }

  void end_cjk_run() {
    if (run_ == 1) {
      emit(prev_, prev_len_, prev_start_, prev_end_, false);
    } else if (run_ > 1 && mode_ == TokenizeMode::kDocument) {
      emit(prev_, prev_len_, prev_start_, prev_end_, true);
    }
    run_ = 0;
  }

  const unsigned char* p_;
  size_t n_;
  TokenizeMode mode_;
  TokenSink sink_;
  void* ctx_;
  bool stopped_ = false;

  size_t look_at_ = static_cast<size_t>(-1);
  char32_t look_cp_ = 0;
  size_t look_len_ = 0;

  char word_[kMaxWordChars * 4];
  size_t word_len_ = 0;
  size_t word_chars_ = 0;
  size_t word_start_ = 0;
  size_t word_end_ = 0;

  const char* prev_ = nullptr;  // the run's last character: in the input when verbatim, else in prev_buf_
  char prev_buf_[4];
  size_t prev_len_ = 0;
  size_t prev_start_ = 0;
  size_t prev_end_ = 0;
  bool prev_verbatim_ = false;
  size_t run_ = 0;
};

}  // namespace

bool tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx) {
  Run r(text, mode, sink, ctx);
  return r.run();
}

std::vector<OwnedToken> tokens_of(std::string_view text, TokenizeMode mode) {
  std::vector<OwnedToken> out;
  for_each_token(text, mode, [&](const Token& t) {
    out.push_back({std::string(t.text), t.start, t.end, t.colocated});
  });
  return out;
}

}  // namespace gk::search
