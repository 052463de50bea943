// Whitelist HTML sanitising for user- and editor-supplied rich text (document bodies, replies), plus
// plain-text extraction and escaping. Pure functions; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace gk::text {

// Returns a safe, well-formed HTML fragment made from `untrusted` (parsed with gumbo as the body of an
// HTML5 document, so broken markup is repaired the way browsers repair it).
// Kept: p br strong b em i u s sub sup h2 h3 h4 h5 ul ol li blockquote table thead tbody tfoot tr th td
// caption a span div hr pre code img, with only these attributes:
//   a[href]    http:, https:, mailto: or relative (scheme judged after removing whitespace and control
//              characters, case-insensitively); rel="noopener noreferrer" is added; an <a> without an
//              acceptable href is unwrapped;
//   img[src]   http:, https: or relative, and img[alt]; an <img> without an acceptable src is removed;
//   td/th[colspan,rowspan]  1–4 ASCII digits.
// Removed with their content: script style iframe object embed form input textarea select button svg
// math template noscript and similar (frames, applets, head-only elements), comments, and anything in
// the SVG or MathML namespaces. Other elements are unwrapped: their children are kept.
// Text and attribute values are re-escaped (& < > " '). Never fails; invalid UTF-8 becomes U+FFFD.
// Parsing cost grows with pathological markup, so callers should cap the input size.
std::string sanitize_html(std::string_view untrusted);

// The plain text that sanitize_html(html) would show: block elements (p, div, li, tr, h1–h6, br, …)
// end lines, table cells are separated by a space, runs of whitespace collapse to one space, lines are
// trimmed and empty lines dropped. Entities are decoded; the result is not HTML. For search and summaries.
std::string html_to_text(std::string_view html);

// `s` with & < > " ' replaced by &amp; &lt; &gt; &quot; &#39;, safe in element content and quoted attributes.
std::string escape_html(std::string_view s);

}  // namespace gk::text
