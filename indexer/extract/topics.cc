#include "indexer/extract/topics.h"

#include <algorithm>
#include <cctype>

#include "core/errors.h"
#include "core/text.h"

namespace newsdex {

std::vector<std::string> topic_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
      continue;
    }
    // Apostrophe-s (' or ’) after a word is dropped: "samsung's" -> "samsung".
    const bool ascii_apos = c == '\'';
    const bool curly_apos =
        c == 0xE2 && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x99';
    if ((ascii_apos || curly_apos) && !cur.empty()) {
      const std::size_t next = i + (curly_apos ? 3 : 1);
      if (next < s.size() && (s[next] == 's' || s[next] == 'S') &&
          (next + 1 == s.size() || !std::isalnum(static_cast<unsigned char>(s[next + 1])))) {
        flush();
        i = next;
        continue;
      }
    }
    flush();
  }
  flush();
  return out;
}

TopicClassifier TopicClassifier::parse(std::string_view tsv, std::string_view source_name) {
  TopicClassifier tc;
  std::map<std::string, std::size_t> index;
  text::for_each_tsv_row(
      tsv, source_name, [&](const std::vector<std::string_view>& cols, const std::string& where) {
        if (cols.size() != 3) {
          throw InputError(where +
                           "expected 3 tab-separated columns (topic, weight, pattern), found " +
                           std::to_string(cols.size()));
        }
        const std::string topic(text::trim(cols[0]));
        double weight = 0;
        try {
          weight = std::stod(std::string(cols[1]));
        } catch (const std::exception&) {
          throw InputError(where + "weight '" + std::string(cols[1]) + "' is not a number");
        }
        if (topic.empty() || weight <= 0) {
          throw InputError(where + "the topic must be named and the weight positive");
        }
        Rule r{0, weight, {}, {}, std::string(text::trim(cols[2]))};
        for (auto tok : text::split(r.pattern, ' ')) {
          if (tok.empty()) continue;
          const bool prefix = tok.back() == '*';
          if (prefix) tok.remove_suffix(1);
          const auto norm = topic_tokens(tok);
          if (norm.size() != 1) {
            throw InputError(where + "pattern token '" + std::string(tok) +
                             "' is not one [a-z0-9]+ word");
          }
          r.tokens.push_back(norm.front());
          r.prefix.push_back(prefix);
        }
        if (r.tokens.empty()) throw InputError(where + "empty pattern");
        auto [it, added] = index.emplace(topic, tc.topics_.size());
        if (added) tc.topics_.push_back(topic);
        r.topic = it->second;
        const std::size_t id = tc.rules_.size();
        if (r.prefix[0]) {
          tc.by_first_prefix_[r.tokens[0]].push_back(id);
          tc.max_prefix_length_ = std::max(tc.max_prefix_length_, r.tokens[0].size());
        } else {
          tc.by_first_token_[r.tokens[0]].push_back(id);
        }
        tc.rules_.push_back(std::move(r));
      });
  return tc;
}

TopicClassifier TopicClassifier::load(const std::string& path) {
  return parse(text::read_file(path, "the topic taxonomy"), path);
}

std::string TopicClassifier::default_path() {
  return std::string(NEWSDEX_DATA_DIR) + "/topics.tsv";
}

std::vector<TopicScore> TopicClassifier::score(std::string_view title,
                                               std::string_view body) const {
  std::vector<double> scores(topics_.size(), 0.0);
  std::vector<std::vector<std::string>> evidence(topics_.size());
  std::vector<int> body_hits(rules_.size(), 0);
  std::vector<int> title_hits(rules_.size(), 0);

  auto scan = [&](const std::vector<std::string>& toks, std::vector<int>& hits) {
    auto matches_rest = [&](const Rule& r, std::size_t start) {
      if (start + r.tokens.size() > toks.size()) return false;
      for (std::size_t k = 1; k < r.tokens.size(); ++k) {
        const auto& t = toks[start + k];
        if (r.prefix[k] ? t.rfind(r.tokens[k], 0) != 0 : t != r.tokens[k]) return false;
      }
      return true;
    };
    for (std::size_t i = 0; i < toks.size(); ++i) {
      const auto& t = toks[i];
      if (const auto it = by_first_token_.find(t); it != by_first_token_.end()) {
        for (const auto id : it->second) hits[id] += matches_rest(rules_[id], i) ? 1 : 0;
      }
      if (by_first_prefix_.empty()) continue;
      for (std::size_t len = 1; len <= std::min(t.size(), max_prefix_length_); ++len) {
        const auto it = by_first_prefix_.find(t.substr(0, len));
        if (it == by_first_prefix_.end()) continue;
        for (const auto id : it->second) hits[id] += matches_rest(rules_[id], i) ? 1 : 0;
      }
    }
  };
  const auto title_tokens = topic_tokens(title);
  const auto body_tokens = topic_tokens(body);
  scan(title_tokens, title_hits);
  scan(body_tokens, body_hits);

  for (std::size_t id = 0; id < rules_.size(); ++id) {
    if (title_hits[id] == 0 && body_hits[id] == 0) continue;
    const auto& r = rules_[id];
    const int body_counted = std::min(body_hits[id], kMaxBodyMatchesPerRule);
    scores[r.topic] += r.weight * (kTitleFactor * title_hits[id] + body_counted);
    std::string e =
        "'" + r.pattern + "' w" + text::squeeze_spaces(std::to_string(r.weight).substr(0, 3));
    if (title_hits[id] > 0) e += " title x" + std::to_string(title_hits[id]);
    if (body_hits[id] > 0) e += " body x" + std::to_string(body_counted);
    evidence[r.topic].push_back(std::move(e));
  }
  const double threshold =
      kBaseThreshold + static_cast<double>(body_tokens.size()) / kWordsPerExtraPoint;
  std::vector<TopicScore> out;
  for (std::size_t t = 0; t < topics_.size(); ++t) {
    if (scores[t] > 0) out.push_back({topics_[t], scores[t], threshold, std::move(evidence[t])});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

std::vector<std::string> TopicClassifier::classify(std::string_view title,
                                                   std::string_view body) const {
  std::vector<std::string> out;
  for (const auto& s : score(title, body)) {
    if (s.assigned()) out.push_back(s.topic);
  }
  return out;
}

}  // namespace newsdex
