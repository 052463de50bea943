// Whitelist HTML sanitiser and text extraction built on gumbo's HTML5 parser.
#include "platform/text/html_sanitizer.h"

#include <gumbo.h>

#include <memory>
#include <optional>
#include <vector>

namespace gk::text {
namespace {

// What happens to an element and its subtree.
enum class Treatment { kKeep, kUnwrap, kDrop };

Treatment treatment_of(const GumboElement& e) {
  if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return Treatment::kDrop;
  switch (e.tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_STRONG: case GUMBO_TAG_B: case GUMBO_TAG_EM:
    case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_S: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TH:
    case GUMBO_TAG_TD: case GUMBO_TAG_CAPTION: case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_DIV:
    case GUMBO_TAG_HR: case GUMBO_TAG_PRE: case GUMBO_TAG_CODE: case GUMBO_TAG_IMG:
      return Treatment::kKeep;
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_FORM: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAME:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_BASE:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_AREA:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_DATALIST: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_ISINDEX: case GUMBO_TAG_BGSOUND:
      return Treatment::kDrop;
    default:
      return Treatment::kUnwrap;
  }
}

bool is_void(GumboTag tag) { return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG; }

// Elements that end a line in html_to_text.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_HR: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_HGROUP:
      return true;
    default:
      return false;
  }
}

const char* attribute(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

bool is_space_or_control(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// The URL to emit for an href/src value, or nullopt when its scheme is not allowed. The scheme is judged on
// the value with all whitespace and control characters removed (browsers ignore tabs and newlines inside
// "java\tscript:"), lower-cased. Values without a scheme (relative paths, "//host/…", "#frag") are allowed.
std::optional<std::string> safe_url(std::string_view raw, bool allow_mailto) {
  std::string compact;
  std::string emitted;
  for (char c : raw) {
    auto u = static_cast<unsigned char>(c);
    if (!is_space_or_control(u)) compact.push_back(c);
    if (u >= 0x20 && u != 0x7F) emitted.push_back(c);
  }
  if (compact.empty()) return std::nullopt;
  size_t colon = compact.find(':');
  size_t path = compact.find_first_of("/?#");
  if (colon != std::string::npos && (path == std::string::npos || colon < path)) {
    std::string scheme = compact.substr(0, colon);
    for (char& c : scheme) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (scheme != "http" && scheme != "https" && !(allow_mailto && scheme == "mailto")) return std::nullopt;
  }
  size_t b = emitted.find_first_not_of(' ');
  size_t e = emitted.find_last_not_of(' ');
  return emitted.substr(b, e - b + 1);
}

bool is_small_number(const char* v) {
  std::string_view s = v ? v : "";
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void append_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_escaped(out, value);
  out += '"';
}

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};
using ParsedHtml = std::unique_ptr<GumboOutput, GumboDeleter>;

ParsedHtml parse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not used; do not collect them
  return ParsedHtml(gumbo_parse_with_options(&options, html.data(), html.size()));
}

const GumboNode* find_body(const GumboOutput& out) {
  const GumboVector& children = out.root->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* n = static_cast<const GumboNode*>(children.data[i]);
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) return n;
  }
  return nullptr;
}

// Walks the body's subtree depth-first without recursion (documents may nest arbitrarily deep), skipping
// comments, templates and dropped elements. The visitor gets text(std::string_view), open(const GumboElement&)
// returning whether to descend, and close(const GumboElement&) for every element it descended into.
template <class Visitor>
void walk(std::string_view html, Visitor& visitor) {
  ParsedHtml parsed = parse(html);
  const GumboNode* body = parsed ? find_body(*parsed) : nullptr;
  if (!body) return;
  struct Frame {
    const GumboElement* element;
    unsigned next;
  };
  std::vector<Frame> stack{{&body->v.element, 0}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.element->children.length) {
      const GumboElement* done = top.element;
      stack.pop_back();
      if (!stack.empty()) visitor.close(*done);
      continue;
    }
    const auto* node = static_cast<const GumboNode*>(top.element->children.data[top.next++]);
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        visitor.text(node->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
        if (treatment_of(node->v.element) != Treatment::kDrop && visitor.open(node->v.element)) {
          stack.push_back({&node->v.element, 0});
        }
        break;
      default:  // comments, templates, documents
        break;
    }
  }
}

// Serialises the kept elements with their allowed attributes; unwrapped elements contribute only children.
class SanitizingVisitor {
 public:
  void text(std::string_view s) { append_escaped(out_, s); }

  bool open(const GumboElement& e) {
    if (treatment_of(e) == Treatment::kUnwrap) {
      closers_.emplace_back();
      return true;
    }
    const char* name = gumbo_normalized_tagname(e.tag);
    std::string tag = std::string("<") + name;
    if (e.tag == GUMBO_TAG_A) {
      const char* href = attribute(e, "href");
      auto url = href ? safe_url(href, true) : std::nullopt;
      if (!url) {
        closers_.emplace_back();
        return true;
      }
      append_attribute(tag, "href", *url);
      append_attribute(tag, "rel", "noopener noreferrer");
    } else if (e.tag == GUMBO_TAG_IMG) {
      const char* src = attribute(e, "src");
      auto url = src ? safe_url(src, false) : std::nullopt;
      if (!url) return false;
      append_attribute(tag, "src", *url);
      if (const char* alt = attribute(e, "alt")) append_attribute(tag, "alt", alt);
    } else if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) {
      for (const char* span : {"colspan", "rowspan"}) {
        const char* v = attribute(e, span);
        if (is_small_number(v)) append_attribute(tag, span, v);
      }
    }
    out_ += tag;
    out_ += '>';
    closers_.push_back(is_void(e.tag) ? std::string() : std::string("</") + name + ">");
    return true;
  }

  void close(const GumboElement&) {
    out_ += closers_.back();
    closers_.pop_back();
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
  std::vector<std::string> closers_;  // one per open element: its end tag, or "" (unwrapped or void)
};

// Collects text; block boundaries become '\n', whitespace runs (incl. U+00A0) become one space.
class TextVisitor {
 public:
  void text(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
        if (nbsp) ++i;
        if (!raw_.empty() && raw_.back() != ' ' && raw_.back() != '\n') raw_.push_back(' ');
      } else {
        raw_.push_back(s[i]);
      }
    }
  }
  bool open(const GumboElement& e) {
    if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) text(" ");
    if (is_block(e.tag)) raw_.push_back('\n');
    return true;
  }
  void close(const GumboElement& e) {
    if (is_block(e.tag)) raw_.push_back('\n');
  }

  // Lines trimmed of spaces, empty lines dropped, joined by '\n'.
  std::string take() const {
    std::string out;
    size_t start = 0;
    while (start <= raw_.size()) {
      size_t end = raw_.find('\n', start);
      if (end == std::string::npos) end = raw_.size();
      std::string_view line(raw_.data() + start, end - start);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      if (!line.empty()) {
        if (!out.empty()) out.push_back('\n');
        out += line;
      }
      start = end + 1;
    }
    return out;
  }

 private:
  std::string raw_;
};

}  // namespace

std::string sanitize_html(std::string_view untrusted) {
  SanitizingVisitor visitor;
  walk(untrusted, visitor);
  return visitor.take();
}

std::string html_to_text(std::string_view html) {
  TextVisitor visitor;
  walk(html, visitor);
  return visitor.take();
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s);
  return out;
}

}  // namespace gk::text
