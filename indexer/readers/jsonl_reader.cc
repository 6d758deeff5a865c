#include "indexer/readers/jsonl_reader.h"

#include <cstdint>
#include <istream>
#include <nlohmann/json.hpp>

#include "core/dates.h"
#include "core/schema.h"
#include "core/text.h"

namespace newsdex {

void limit_body_size(Article& a, const SourceLocation& where, ReadSink& sink) {
  if (a.body.size() <= kMaxBodyBytes) return;
  sink.warn(where, "article '" + a.id + "': body of " + std::to_string(a.body.size()) +
                       " bytes truncated to " + std::to_string(kMaxBodyBytes));
  a.body = text::truncate_utf8(a.body, kMaxBodyBytes);
}

namespace {

using nlohmann::json;

// Thrown inside this file for a record that has to be skipped.
struct BadRecord {
  std::string reason;
  std::string message;
};

std::string type_name(const json& j) { return j.type_name(); }

// The first of `keys` present in `obj`, as a string; "" when absent or null.
std::string string_field(const json& obj, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    if (!it->is_string()) {
      throw BadRecord{"wrong_type",
                      std::string("field '") + key + "' must be a string, not " + type_name(*it)};
    }
    return it->get<std::string>();
  }
  return {};
}

// A list of strings under the first of `keys` ("topics|category") present in `obj`; a single
// string is a one-element list. Sets `given` when present.
std::vector<std::string> list_field(const json& obj, std::string_view keys, bool& given) {
  for (const auto key_view : text::split(keys, '|')) {
    const std::string key(key_view);
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    given = true;
    std::vector<std::string> out;
    if (it->is_string()) {
      if (!it->get<std::string>().empty()) out.push_back(it->get<std::string>());
      return out;
    }
    if (!it->is_array()) {
      throw BadRecord{"wrong_type", std::string("field '") + key +
                                        "' must be a list of strings, not " + type_name(*it)};
    }
    for (const auto& v : *it) {
      if (!v.is_string()) {
        throw BadRecord{"wrong_type", std::string("field '") + key +
                                          "' must hold only strings, found " + type_name(v)};
      }
      const auto value = std::string(text::trim(v.get<std::string>()));
      if (!value.empty()) out.push_back(value);
    }
    return out;
  }
  return {};
}

Article parse_record(const json& obj, const JsonlOptions& options, const SourceLocation& where,
                     ReadSink& sink) {
  if (!obj.is_object()) {
    throw BadRecord{"not_an_object", "the line is JSON " + type_name(obj) + ", not an object"};
  }
  Article a;
  const auto id = obj.find(options.id_field);
  if (id == obj.end() || id->is_null() || (id->is_string() && id->get<std::string>().empty())) {
    throw BadRecord{"missing_id", "the record has no '" + options.id_field +
                                      "': every article needs a stable unique id (or choose "
                                      "another key with --id-field)"};
  }
  if (id->is_string()) {
    a.id = id->get<std::string>();
  } else if (id->is_number_unsigned()) {
    a.id = std::to_string(id->get<std::uint64_t>());  // up to 18446744073709551615, exact
  } else if (id->is_number_integer()) {
    a.id = std::to_string(id->get<std::int64_t>());
  } else if (id->is_number_float()) {
    // JSON parsers read integers past 64 bits as doubles, losing digits: refuse them.
    throw BadRecord{"wrong_type", "field '" + options.id_field +
                                      "' must be a string or an integer of at most 64 bits, not "
                                      "a fraction or a longer number (write such ids as strings)"};
  } else {
    throw BadRecord{"wrong_type", "field '" + options.id_field +
                                      "' must be a string or an integer, not " + type_name(*id)};
  }
  a.title = string_field(obj, {"title", "headline"});
  a.body = string_field(obj, {"body", "text", "content", "description", "short_description"});
  a.url = string_field(obj, {"url", "link"});
  a.source = string_field(obj, {"source"});
  a.author = string_field(obj, {"author", "authors"});
  for (const auto& f : schema::kFields) {  // companies, topics, orgs, places
    if (f.values == nullptr || f.input_keys.empty()) continue;
    bool given = false;
    a.*f.values = list_field(obj, f.input_keys, given);
    if (f.given != nullptr) a.*f.given = given;
  }
  const std::string date = string_field(obj, {"date", "published", "timestamp"});
  if (!date.empty()) {
    if (const auto d = parse_iso_date(date)) {
      a.date = d->iso();
      if (date.size() > 10) a.published = date;
      a.date_source = "given";
    } else {
      sink.warn(where, "article '" + a.id + "': date '" + date +
                           "' is not an ISO 8601 date; the article is kept without a date");
    }
  }
  if (a.title.empty() && a.body.empty()) {
    // Kept: its metadata still counts in facets and filters, as other engines count it.
    sink.warn(where, "article '" + a.id +
                         "' has neither a title nor a body; indexed with its metadata only");
  }
  limit_body_size(a, where, sink);
  return a;
}

// Reads one line into `line`, without its '\n'; false at the end of the input. A line longer
// than kMaxInputBytes is read to its end but not kept: `line` is then cut short and
// `too_long` set.
bool read_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  char buf[65536];
  for (;;) {
    in.getline(buf, sizeof buf);
    const auto got = static_cast<std::size_t>(in.gcount());
    any = any || got > 0;
    // The '\n' was read (and counted in gcount); at the end of the input without one, eof.
    const bool whole = !in.fail() && !in.eof();
    const std::size_t kept = whole ? got - 1 : got;
    if (line.size() + kept > kMaxInputBytes) {
      too_long = true;
    } else {
      line.append(buf, kept);
    }
    if (whole) return true;
    if (in.eof() || in.bad()) return any;
    in.clear();  // the buffer filled before the end of the line
  }
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& file, const JsonlOptions& options,
                ReadSink& sink) {
  std::string line;
  SourceLocation where{file, 0};
  bool too_long = false;
  while (read_line(in, line, too_long)) {
    ++where.line;
    if (too_long) {
      sink.skip(where, "too_large",
                "the line is over " + std::to_string(kMaxInputBytes >> 20) + " MiB; not read");
      continue;
    }
    if (text::trim(line).empty()) continue;
    if (!text::is_valid_utf8(line)) {
      sink.skip(where, "invalid_utf8", "the line is not valid UTF-8");
      continue;
    }
    try {
      json obj;
      try {
        obj = json::parse(line);
      } catch (const json::exception& e) {
        // parse_error, and out_of_range for a number past a double ("1e400", found by fuzzing).
        // nlohmann's message starts "[json.exception.parse_error.101] parse error at ...".
        std::string msg = e.what();
        if (const auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
        throw BadRecord{"malformed_json", "malformed JSON: " + msg};
      }
      sink.article(parse_record(obj, options, where, sink), where);
    } catch (const BadRecord& bad) {
      sink.skip(where, bad.reason, bad.message);
    }
  }
}

}  // namespace newsdex
