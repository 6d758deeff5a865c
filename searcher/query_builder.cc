#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/dates.h"
#include "core/errors.h"
#include "core/text.h"
#include "searcher/query_copy.h"
#include "searcher/query_cost.h"

namespace newsdex {

namespace {
constexpr unsigned kParserFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT;

const schema::FieldSpec& F(std::string_view name) { return schema::field(name); }

Xapian::Query or_of(const std::vector<std::string>& terms) {
  if (terms.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Levenshtein distance, capped: returns cap + 1 when larger.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > cap) return cap + 1;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

// Hands `name:value` of a boolean field to QueryBuilder::field_query. Errors are kept and
// rethrown after parsing, so no exception unwinds through Xapian's parser.
class QueryBuilder::FieldProcessor : public Xapian::FieldProcessor {
 public:
  FieldProcessor(const QueryBuilder& builder, const schema::FieldSpec& field)
      : builder_(builder), field_(field) {}
  Xapian::Query operator()(const std::string& value) override {
    try {
      return builder_.field_query(field_, value);
    } catch (const UsageError& e) {
      if (builder_.field_error_.empty()) builder_.field_error_ = e.what();
      return Xapian::Query::MatchNothing;
    }
  }

 private:
  const QueryBuilder& builder_;
  const schema::FieldSpec& field_;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, const RevisionState& state,
                           const CompanyGazetteer& gazetteer, const CodeVocabulary& vocabulary)
    : db_(db), state_(state), gazetteer_(gazetteer), vocabulary_(vocabulary) {
  for (auto* qp : {&stemmed_, &exact_}) {
    qp->set_database(db_);
    qp->set_default_op(Xapian::Query::OP_AND);
    qp->set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_ERROR);
    for (const auto& f : schema::kFields) {
      if (f.has(schema::kFreeText) && !f.prefix.empty()) {
        qp->add_prefix(std::string(f.name), std::string(f.prefix));
      } else if (f.has(schema::kBoolean) && f.name != "discovered") {
        processors_.push_back(std::make_unique<FieldProcessor>(*this, f));
        // Each field is its own group: filters on different fields are ANDed, and several
        // values of one field ORed, as with --filter.
        qp->add_boolean_prefix(std::string(f.name), processors_.back().get());
      }
    }
  }
  stemmed_.set_stemmer(Xapian::Stem("english"));
  stemmed_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  exact_.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
}

QueryBuilder::~QueryBuilder() = default;

QueryBuilder::Parsed QueryBuilder::parse(const std::string& text, bool stemming) const {
  if (text::trim(text).empty()) return {match_all(), Xapian::Query()};
  field_error_.clear();
  Parsed out;
  try {
    out.match = (stemming ? stemmed_ : exact_).parse_query(text, kParserFlags);
    if (field_error_.empty() && stemming) out.boost = exact_.parse_query(text, kParserFlags);
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("cannot parse the query: " + e.get_msg());
  }
  if (!field_error_.empty()) throw UsageError(field_error_);
  check_query_cost(db_, text, out.match);
  if (out.match.empty()) out.match = match_all();  // only stopwords or operators
  return out;
}

std::string QueryBuilder::resolve_value(const schema::FieldSpec& field,
                                        const std::string& raw) const {
  const std::string value(text::trim(raw));
  // A company filed under several names is all of them, under its canonical name.
  if (field.resolve == schema::Resolve::kGazetteer && gazetteer_.filed_names(value).size() > 1) {
    return *gazetteer_.canonical(value);
  }
  // A value spelled exactly as indexed wins; then aliases; then the value ignoring case.
  if (field.has(schema::kFacet) && state_.column(field.name).contains(value)) return value;
  if (field.resolve == schema::Resolve::kGazetteer) {
    if (const auto c = gazetteer_.canonical(value)) return *c;
  }
  if (field.resolve == schema::Resolve::kVocabulary) {
    const std::string named = vocabulary_.name(field.name, value);
    if (named != value && state_.column(field.name).contains(named)) return named;
  }
  if (field.has(schema::kFacet)) {
    const std::string found = state_.column(field.name).find_ignoring_case(value);
    if (!found.empty()) return found;
  }
  return value;
}

std::vector<std::string> QueryBuilder::resolve_values(const schema::FieldSpec& field,
                                                      const std::string& value) const {
  if (field.resolve == schema::Resolve::kGazetteer) {
    auto names = gazetteer_.filed_names(text::trim(value));
    if (names.size() > 1) return names;
  }
  return {resolve_value(field, value)};
}

std::optional<std::string> QueryBuilder::unknown_value_notice(const schema::FieldSpec& field,
                                                              const std::string& value) const {
  if (!field.has(schema::kFacet) || field.resolve == schema::Resolve::kCalendar) {
    return std::nullopt;  // dates are ranges of the calendar, not a list of known values
  }
  const FacetColumn& column = state_.column(field.name);
  for (const auto& v : resolve_values(field, value)) {
    if (column.contains(v)) return std::nullopt;
  }
  // The closest values: smallest edit distance ignoring case, then alphabetical.
  // Compared on their first 64 bytes (cut before a UTF-8 sequence): a value's distance costs
  // at most 64 x 64 steps.
  const auto prefix = [](std::string_view s) {
    std::size_t n = std::min<std::size_t>(s.size(), 64);
    while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  };
  const std::string typed(prefix(text::trim(value)));
  const std::string lower = text::to_lower_ascii(typed);
  std::vector<std::pair<std::size_t, std::string>> near;
  for (const auto& v : column.values()) {
    const std::size_t cap = near.size() < 3 ? typed.size() + v.size() : near.back().first;
    const std::size_t d = edit_distance(lower, text::to_lower_ascii(prefix(v)), cap);
    if (d > cap) continue;
    near.emplace_back(d, v);
    std::sort(near.begin(), near.end());
    if (near.size() > 3) near.pop_back();
  }
  std::string notice = "no article has " + std::string(field.name) + " '" + typed +
                       (typed.size() < text::trim(value).size() ? "...'" : "'");
  if (near.empty()) return notice + " (the " + std::string(field.name) + " facet has no values)";
  notice += "; closest known values: ";
  for (std::size_t i = 0; i < near.size(); ++i) notice += (i ? ", " : "") + near[i].second;
  return notice;
}

namespace {
Date parse_day(const std::string& field, const std::string& value) {
  const auto d = parse_iso_date(value);
  if (!d || value.size() != 10) {
    throw UsageError("bad " + field + " '" + value + "': expected YYYY-MM-DD");
  }
  return *d;
}
}  // namespace

Xapian::Query QueryBuilder::date_range(const std::string& from, const std::string& to) const {
  const auto& day = F("date");
  const std::string& first = state_.first_day_term();
  const std::string& last = state_.last_day_term();
  if (first.empty()) return Xapian::Query::MatchNothing;
  Date a =
      from.empty() ? parse_day("date", schema::value_of_term(day, first)) : parse_day("date", from);
  Date b = to.empty() ? parse_day("date", schema::value_of_term(day, last)) : parse_day("date", to);
  if (b < a && (from.empty() || to.empty())) {
    // An open end is the data's first or last day: the range lies outside the data. The
    // given end's day term has no postings (MatchNothing would read as "no query" here).
    return Xapian::Query(schema::term(day, (from.empty() ? b : a).iso()));
  }
  if (b < a) {
    throw UsageError("bad date range '" + from + ".." + to + "': the start is after the end");
  }
  std::vector<std::string> terms;
  long cur = a.days_since_epoch();
  const long end = b.days_since_epoch();
  while (cur <= end) {
    const Date d = Date::from_days_since_epoch(cur);
    const long year_end = Date{d.year, 12, 31}.days_since_epoch();
    const long month_end = Date{d.year, d.month, days_in_month(d.year, d.month)}.days_since_epoch();
    if (d.month == 1 && d.day == 1 && year_end <= end) {
      terms.push_back(schema::term(F("year"), std::to_string(d.year)));
      cur = year_end + 1;
    } else if (d.day == 1 && month_end <= end) {
      terms.push_back(schema::term(F("month"), d.iso_month()));
      cur = month_end + 1;
    } else {
      terms.push_back(schema::term(day, d.iso()));
      ++cur;
    }
  }
  return or_of(terms);
}

Xapian::Query QueryBuilder::field_query(const schema::FieldSpec& field,
                                        const std::string& raw) const {
  const std::string value(text::trim(raw));
  const auto dots = value.find("..");
  const bool range = dots != std::string::npos;
  const std::string lo = range ? value.substr(0, dots) : value;
  const std::string hi = range ? value.substr(dots + 2) : value;
  if (field.name == "date") {
    if (!range) parse_day("date", value);
    return date_range(lo, hi);
  }
  if (field.name == "year" || field.name == "month") {
    const bool is_year = field.name == "year";
    auto check = [&](const std::string& v) {
      const std::string probe = is_year ? v + "-01-01" : v + "-01";
      if (!v.empty() && (!parse_iso_date(probe) || v.size() != (is_year ? 4U : 7U))) {
        throw UsageError("bad " + std::string(field.name) + " '" + v + "': expected " +
                         (is_year ? "YYYY" : "YYYY-MM"));
      }
    };
    check(lo);
    check(hi);
    if (!range) return Xapian::Query(schema::term(field, value));
    if (lo.empty() && hi.empty()) throw UsageError("bad range '" + value + "'");
    const std::string from = lo.empty() ? "" : (is_year ? lo + "-01-01" : lo + "-01");
    std::string to;
    if (!hi.empty()) {
      const int y = std::stoi(hi.substr(0, 4));
      const int m = is_year ? 12 : std::stoi(hi.substr(5, 2));
      to = Date{y, m, days_in_month(y, m)}.iso();
    }
    return date_range(from, to);
  }
  if (value.empty()) throw UsageError("empty value for " + std::string(field.name) + ":");
  std::vector<std::string> terms;
  for (const auto& v : resolve_values(field, value)) terms.push_back(schema::term(field, v));
  return or_of(terms);
}

std::optional<std::string> QueryBuilder::did_you_mean(const std::string& text) const {
  const Xapian::Stem stem("english");
  std::string out;
  bool changed = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!std::isalpha(c)) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    const std::string word = text.substr(i, j - i);
    const bool field_name = j < text.size() && text[j] == ':';
    const bool op =
        word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR";
    const std::string lower = text::to_lower_ascii(word);
    std::string replacement = word;
    if (!field_name && !op && lower.size() >= 4 && db_.get_termfreq(lower) == 0 &&
        db_.get_termfreq("Z" + stem(lower)) == 0) {
      // The most frequent indexed word within two edits that starts with the same two letters.
      const std::string prefix = lower.substr(0, 2);
      Xapian::doccount best_freq = 0;
      std::size_t best_dist = 3;
      const auto candidates = state_.words(prefix, [&] {
        RevisionState::WordCounts words;
        for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t)
          words.emplace_back(*t, t.get_termfreq());
        return words;
      });
      for (const auto& [cand, freq] : *candidates) {
        const std::size_t d = edit_distance(lower, cand, 2);
        if (d > 2) continue;
        if (d < best_dist || (d == best_dist && freq > best_freq)) {
          best_dist = d;
          best_freq = freq;
          replacement = cand;
        }
      }
      changed = changed || replacement != word;
    }
    out += replacement;
    i = j;
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace newsdex
