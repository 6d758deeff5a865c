// Small text routines on UTF-8 strings that both the indexer and the searcher need.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Reads `s` as Latin-1 and returns it as UTF-8.
std::string latin1_to_utf8(std::string_view s);
// `s` unchanged when it is valid UTF-8, else read as Latin-1 (the usual legacy encoding).
std::string to_utf8(std::string_view s);
// At most `max_bytes` of `s`, cut on a UTF-8 character boundary.
std::string truncate_utf8(std::string_view s, std::size_t max_bytes);

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);
std::vector<std::string_view> split(std::string_view s, char sep);
// Calls row(columns, where) for each line of a TSV data file that is not blank or a '#'
// comment (CR before LF dropped); `where` is "SOURCE:LINE: ", for error messages.
void for_each_tsv_row(
    std::string_view tsv, std::string_view source_name,
    const std::function<void(const std::vector<std::string_view>&, const std::string&)>& row);
// Collapses runs of whitespace to one space and trims.
std::string squeeze_spaces(std::string_view s);
// The bytes of a file. Throws InputError "PATH: cannot read <what>" when it cannot be opened.
std::string read_file(const std::string& path, const std::string& what = "the file");
// `s` safe to print on a terminal: tabs and line breaks become spaces, other control
// characters (C0, DEL, and C1 such as U+009B CSI) are written as \xHH or \u00HH, so stored
// text cannot send escape sequences. Other text, and invalid UTF-8 bytes (as \xHH), stay
// readable.
std::string terminal_safe(std::string_view s);
// Escapes &, <, >, " and ' for HTML text and attributes.
std::string html_escape(std::string_view s);

}  // namespace newsdex::text
