#include "indexer/web/charset.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/text.h"

namespace newsdex::web {

namespace {

// How far into a page its <meta> declaration is looked for.
constexpr std::size_t kPrescanBytes = 16384;

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The value after "charset" in `s` (charset=X, charset="X", charset = 'X'), or "".
std::string value_after_charset(std::string_view s) {
  const std::string lower = text::to_lower_ascii(s);
  for (std::size_t at = lower.find("charset"); at != std::string::npos;
       at = lower.find("charset", at + 1)) {
    std::size_t i = at + 7;
    while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
    if (i >= lower.size() || lower[i] != '=') continue;
    ++i;
    while (i < lower.size() &&
           (lower[i] == ' ' || lower[i] == '\t' || lower[i] == '"' || lower[i] == '\'')) {
      ++i;
    }
    std::size_t e = i;
    while (e < lower.size() && is_name_char(lower[e])) ++e;
    if (e > i) return lower.substr(i, e - i);
  }
  return "";
}

// The WHATWG label rules that matter in practice, mapped to what glibc's iconv calls them:
// Latin-1 and ASCII labels mean windows-1252, and the East Asian labels mean the vendors'
// supersets that real pages use.
std::string iconv_name(const std::string& label) {
  if (label == "utf8" || label == "unicode-1-1-utf-8") return "utf-8";
  if (label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" || label == "l1" ||
      label == "us-ascii" || label == "ascii" || label == "cp1252" || label == "x-cp1252") {
    return "windows-1252";
  }
  if (label == "shift_jis" || label == "shift-jis" || label == "sjis" || label == "x-sjis" ||
      label == "ms932" || label == "windows-31j" || label == "ms_kanji") {
    return "cp932";
  }
  if (label == "euc-kr" || label == "ks_c_5601-1987" || label == "korean" ||
      label == "windows-949") {
    return "cp949";
  }
  if (label == "gb2312" || label == "gbk" || label == "x-gbk" || label == "chinese")
    return "gb18030";
  if (label == "big5" || label == "x-x-big5" || label == "big5-hkscs") return "big5-hkscs";
  if (label == "tis-620" || label == "iso-8859-11") return "cp874";
  return label;
}

bool single_byte(const std::string& name) {
  return name == "windows-1252" || name.rfind("iso-8859-", 0) == 0 ||
         name.rfind("windows-125", 0) == 0 || name == "koi8-r" || name == "koi8-u" ||
         name == "cp874";
}

bool has_multibyte(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// `bytes` converted from `from` by iconv; a byte sequence it cannot map becomes U+FFFD and is
// passed over one byte at a time. False when iconv does not know the charset.
bool convert(std::string_view bytes, const std::string& from, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 2);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write there
  std::size_t in_left = bytes.size();
  char buf[16384];
  while (in_left > 0) {
    char* o = buf;
    std::size_t o_left = sizeof buf;
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, static_cast<std::size_t>(o - buf));
    if (r != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    // EILSEQ or EINVAL (a sequence cut at the end): replace one byte and go on.
    out += "\xEF\xBF\xBD";
    ++in;
    --in_left;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
  }
  iconv_close(cd);
  return true;
}

}  // namespace

std::string charset_parameter(std::string_view content_type) {
  return value_after_charset(content_type);
}

std::string declared_charset(std::string_view html) {
  const std::string head = text::to_lower_ascii(html.substr(0, kPrescanBytes));
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    if (end == std::string::npos) break;
    const std::string_view tag(head.data() + at, end - at);
    const bool http_equiv = tag.find("content-type") != std::string_view::npos;
    const bool charset_attr = tag.find("charset") != std::string_view::npos;
    if (!charset_attr) continue;
    const std::size_t attr = tag.find("charset");
    const bool charset_attribute = attr != std::string_view::npos && attr > 0 &&
                                   std::isspace(static_cast<unsigned char>(tag[attr - 1]));
    if (http_equiv || charset_attribute) {
      std::string v = value_after_charset(tag);
      if (!v.empty()) return v;
    }
  }
  return "";
}

Decoded decode_to_utf8(std::string_view bytes, std::string_view http_charset) {
  Decoded d;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    d.charset = "utf-8";
    bytes.remove_prefix(3);
  } else if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    d.charset = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    bytes.remove_prefix(2);
  }
  std::string declared = d.charset;
  std::string from = "a byte order mark";
  if (declared.empty() && !http_charset.empty()) {
    declared = text::to_lower_ascii(http_charset);
    from = "the HTTP header";
  }
  if (declared.empty()) {
    declared = declared_charset(bytes);
    from = "the page";
    // A page that could read its own <meta> is not UTF-16, whatever the tag says (WHATWG).
    if (declared.rfind("utf-16", 0) == 0 || declared == "unicode") declared = "utf-8";
  }
  const std::string label = iconv_name(declared);
  const bool valid_utf8 = text::is_valid_utf8(bytes);
  if (label.empty()) {
    d.charset = valid_utf8 ? "utf-8" : "windows-1252";
  } else if (label != "utf-8" && single_byte(label) && valid_utf8 && has_multibyte(bytes)) {
    d.charset = "utf-8";
    d.note = from + " declares " + declared + " but the bytes are UTF-8; read as UTF-8";
  } else if (label == "utf-8" && !valid_utf8) {
    // The page's own declaration, when the HTTP header's UTF-8 was wrong; else windows-1252.
    const std::string page = iconv_name(declared_charset(bytes));
    d.charset = from != "the page" && !page.empty() && page != "utf-8" ? page : "windows-1252";
    d.note = from + " declares UTF-8 but the bytes are not; read as " + d.charset;
  } else {
    d.charset = label;
  }
  if (d.charset == "utf-8") {
    d.text = valid_utf8 ? std::string(bytes) : text::to_utf8(bytes);
    return d;
  }
  if (!convert(bytes, d.charset, d.text)) {
    d.note = from + " declares the unknown charset '" + text::terminal_safe(d.charset) +
             "'; read as " + (valid_utf8 ? "UTF-8" : "windows-1252");
    d.charset = valid_utf8 ? "utf-8" : "windows-1252";
    if (valid_utf8) {
      d.text = std::string(bytes);
    } else {
      convert(bytes, d.charset, d.text);
    }
  }
  return d;
}

}  // namespace newsdex::web
