// TopicClassifier: tags an article with topics from a keyword taxonomy (data/topics.tsv:
// topic, weight, pattern), no trained model.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsdex {

struct TopicScore {
  std::string topic;
  double score = 0;
  double threshold = 0;
  std::vector<std::string> evidence;  // "hbm x2 (body)", for --explain
  bool assigned() const { return score >= threshold; }
};

class TopicClassifier {
 public:
  // A title match counts this many times a body match.
  static constexpr double kTitleFactor = 3.0;
  // At most this many body matches of one rule count.
  static constexpr int kMaxBodyMatchesPerRule = 3;
  // threshold(length) = kBaseThreshold + body_words / kWordsPerExtraPoint: one passing
  // mention does not tag a long article.
  static constexpr double kBaseThreshold = 7.0;
  static constexpr double kWordsPerExtraPoint = 200.0;

  // Parses TSV text; throws InputError naming `source_name` and the line on a bad row.
  static TopicClassifier parse(std::string_view tsv, std::string_view source_name);
  static TopicClassifier load(const std::string& path);
  static std::string default_path();

  // Scores of every topic with a match, highest first.
  std::vector<TopicScore> score(std::string_view title, std::string_view body) const;
  // The topics whose score passes the threshold, highest score first.
  std::vector<std::string> classify(std::string_view title, std::string_view body) const;
  // Topic names in file order.
  const std::vector<std::string>& topics() const { return topics_; }

 private:
  struct Rule {
    std::size_t topic;
    double weight;
    std::vector<std::string> tokens;  // the first may be matched through the prefix index
    std::vector<bool> prefix;         // token i ends in '*'
    std::string pattern;
  };
  std::vector<std::string> topics_;
  std::vector<Rule> rules_;
  // First token -> rules; prefix patterns are indexed by their prefix.
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_token_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_prefix_;
  std::size_t max_prefix_length_ = 0;
};

// Lowercase [a-z0-9]+ tokens, apostrophe-s dropped, as topics.tsv describes.
std::vector<std::string> topic_tokens(std::string_view text);

}  // namespace newsdex
