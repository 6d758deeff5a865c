// Web pages in any charset, as UTF-8: which charset a page's bytes are in (byte order mark,
// the HTTP header, <meta charset>, and the bytes themselves when a declaration is missing or
// wrong), and the conversion (glibc's iconv).
#pragma once

#include <string>
#include <string_view>

namespace newsdex::web {

struct Decoded {
  std::string text;     // UTF-8; bytes the charset cannot map become U+FFFD
  std::string charset;  // the charset the bytes were read as, lower case ("utf-8", "cp932")
  std::string note;     // why the declaration was not followed, for a warning; "" when it was
};

// The charset a page declares in its first 16 KiB: <meta charset="X"> or
// <meta http-equiv="Content-Type" content="...; charset=X">; lower case, "" when none.
std::string declared_charset(std::string_view html);

// The charset named in a Content-Type value ("text/html; charset=Shift_JIS"); lower case.
std::string charset_parameter(std::string_view content_type);

// `bytes` as UTF-8. Order of authority: a byte order mark, then `http_charset` (from the HTTP
// response, "" when none), then the page's own declaration, then the bytes: valid UTF-8 is
// UTF-8, anything else windows-1252 (what browsers assume for an undeclared Western page).
// A declared single-byte charset over bytes that are valid UTF-8 with multi-byte sequences
// is a lie the page tells (a template's default): they are read as UTF-8, with a note. An
// unknown charset name is read the same way, with a note.
Decoded decode_to_utf8(std::string_view bytes, std::string_view http_charset = {});

}  // namespace newsdex::web
