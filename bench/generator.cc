#include "bench/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/dates.h"

namespace newsdex::bench {

namespace {

// Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting a
// precomputed cumulative table (a binary search per draw).
class ZipfSampler {
 public:
  ZipfSampler(std::size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
      cdf_[i] = sum;
    }
    for (auto& c : cdf_) c /= sum;
  }
  template <typename Rng>
  std::size_t operator()(Rng& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<std::size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

// Pronounceable made-up words: consonant-vowel syllables, unique per rank.
std::string synthetic_word(std::size_t rank) {
  static constexpr std::string_view kCons = "bcdfghklmnprstvz";
  static constexpr std::string_view kVow = "aeiou";
  std::string w;
  std::size_t x = rank + 17;
  do {
    w += kCons[x % kCons.size()];
    x /= kCons.size();
    w += kVow[x % kVow.size()];
    x /= kVow.size();
  } while (x > 0);
  return w;
}

// Real words of business news, most frequent first; they make up the head of the Zipf curve.
constexpr std::array<std::string_view, 60> kNewsWords = {
    "the",     "said",      "company",   "market",    "percent",    "year",       "billion",
    "shares",  "new",       "chip",      "sales",     "quarter",    "million",    "business",
    "growth",  "investors", "analysts",  "demand",    "prices",     "deal",       "revenue",
    "profit",  "plans",     "data",      "memory",    "cloud",      "network",    "phone",
    "supply",  "chips",     "customers", "services",  "software",   "report",     "expected",
    "rose",    "fell",      "global",    "officials", "government", "industry",   "products",
    "strong",  "weak",      "record",    "output",    "factory",    "capacity",   "launch",
    "model",   "platform",  "agreement", "partners",  "stake",      "production", "orders",
    "exports", "imports",   "rates",     "results"};

struct NamedShare {
  std::string_view name;
  std::string_view keywords;  // words that go with it in the text
};

constexpr std::array<NamedShare, 24> kCompanies = {{
    {"Samsung Electronics", "memory smartphone display"},
    {"Microsoft", "cloud software ai"},
    {"SK Hynix", "memory dram hbm"},
    {"Apple", "iphone smartphone services"},
    {"NVIDIA", "gpu ai accelerator"},
    {"TSMC", "foundry wafer semiconductor"},
    {"Intel", "processor foundry pc"},
    {"Google", "search advertising cloud"},
    {"Amazon", "ecommerce cloud logistics"},
    {"Meta Platforms", "social advertising metaverse"},
    {"LG Electronics", "appliances display tv"},
    {"SK Telecom", "telecom 5g network"},
    {"Qualcomm", "modem smartphone chip"},
    {"AMD", "processor gpu datacenter"},
    {"Micron Technology", "memory dram nand"},
    {"OpenAI", "ai model chatbot"},
    {"Huawei", "telecom smartphone 5g"},
    {"Sony", "gaming sensor entertainment"},
    {"Tesla", "electric vehicle battery"},
    {"Hyundai Motor", "car electric vehicle"},
    {"Toyota Motor", "car hybrid production"},
    {"Verizon", "wireless 5g subscribers"},
    {"Broadcom", "chip networking software"},
    {"ASML", "lithography euv equipment"},
}};

constexpr std::array<std::string_view, 16> kTopics = {"AI",
                                                      "Cloud",
                                                      "Semiconductors",
                                                      "Memory Chips",
                                                      "Telecom",
                                                      "Smartphones",
                                                      "Earnings",
                                                      "Mergers and Acquisitions",
                                                      "Regulation",
                                                      "Electric Vehicles",
                                                      "Data Centers",
                                                      "Cybersecurity",
                                                      "Supply Chain",
                                                      "Trade Policy",
                                                      "Gaming",
                                                      "Software"};

constexpr std::array<std::string_view, 5> kSources = {"Seoul Tech Daily", "Pacific Business Wire",
                                                      "Valley Ledger", "Euro Markets Post",
                                                      "Global Chip Report"};

}  // namespace

void generate_corpus(const GeneratorOptions& options, std::ostream& out) {
  std::mt19937_64 rng(options.seed);
  const ZipfSampler words(options.vocabulary, 1.07);
  const ZipfSampler companies(kCompanies.size(), 1.0);
  const ZipfSampler topics(kTopics.size(), 0.8);
  std::vector<std::string> vocab(options.vocabulary);
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    vocab[i] = i < kNewsWords.size() ? std::string(kNewsWords[i]) : synthetic_word(i);
  }
  std::uniform_int_distribution<int> body_len(80, 400), title_len(5, 11), n_companies(1, 3),
      n_topics(1, 2), day(0, 26 * 365 - 1), coin(0, 1);
  std::string line;
  // Stops at the first failed write (a full disk): the caller reports the stream's state.
  for (std::uint64_t i = 0; i < options.docs && out; ++i) {
    std::vector<const NamedShare*> cs;
    for (int k = n_companies(rng); k > 0; --k) {
      const NamedShare* c = &kCompanies[companies(rng)];
      if (std::find(cs.begin(), cs.end(), c) == cs.end()) cs.push_back(c);
    }
    std::vector<std::string_view> ts;
    for (int k = n_topics(rng); k > 0; --k) {
      const auto t = kTopics[topics(rng)];
      if (std::find(ts.begin(), ts.end(), t) == ts.end()) ts.push_back(t);
    }
    std::string title = std::string(cs[0]->name);
    for (int k = title_len(rng); k > 0; --k) title += " " + vocab[words(rng) % 2000];
    std::string body = std::string(cs[0]->name) + " said";
    const int len = body_len(rng);
    for (int k = 0; k < len; ++k) {
      body += ' ';
      if (k % 40 == 39) {
        const NamedShare* c = cs[static_cast<std::size_t>(k) % cs.size()];
        body += std::string(c->name) + " " + std::string(c->keywords) + '.';
      } else {
        body += vocab[words(rng)];
      }
    }
    body += '.';
    const std::string date = Date::from_days_since_epoch(10957 + day(rng)).iso();  // from 2000
    nlohmann::json j = {{"id", "gen-" + std::to_string(i)},
                        {"title", title},
                        {"body", body},
                        {"date", date},
                        {"source", kSources[i % kSources.size()]}};
    if (coin(rng) == 0) {
      std::vector<std::string_view> names;
      for (const auto* c : cs) names.push_back(c->name);
      j["companies"] = names;
      j["topics"] = ts;
    }
    out << j.dump() << '\n';
  }
}

}  // namespace newsdex::bench
