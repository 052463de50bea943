// Composing an e-mail as RFC 5322 text with MIME (RFC 2045–2047): Chinese subjects as UTF-8
// encoded-words (=?UTF-8?B?...?=), the body as text/plain; charset=UTF-8 in base64, lines ending
// CRLF. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace gk::notify {

// What a mail needs besides its text.
struct MailHeaders {
  std::string from;        // the sender's address (smtp.from)
  std::string to;          // the recipient's address
  std::string date;        // RFC 5322 date, e.g. "Sun, 22 Nov 2026 05:19:48 +0000" (rfc5322_date())
  std::string message_id;  // without angle brackets, e.g. "gk.12.1763788788@example.gov.cn"
};

// Standard base64 (RFC 4648 §4) of `bytes`, without line breaks.
std::string base64(std::string_view bytes);

// A header value as RFC 2047 encoded-words: ASCII text without control characters is returned as
// is; anything else becomes one or more "=?UTF-8?B?...?=" words of at most 75 characters, split
// between UTF-8 characters and joined by CRLF SP (folded), so that decoders put the text back
// together exactly. Control characters (CR, LF…) are replaced by spaces first.
std::string encode_header(std::string_view text);

// The complete message: Date, From, To, Subject, Message-ID, MIME-Version, Content-Type,
// Content-Transfer-Encoding headers, a blank line and the base64 body in lines of 76 characters;
// every line ends with CRLF. `body` may use "\n" or "\r\n" line ends.
std::string compose(const MailHeaders& h, std::string_view subject, std::string_view body);

// Now as an RFC 5322 date in UTC ("Sun, 22 Nov 2026 05:19:48 +0000").
std::string rfc5322_date();

}  // namespace gk::notify
