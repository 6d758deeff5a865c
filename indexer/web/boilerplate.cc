#include "indexer/web/boilerplate.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace newsdex::web {

namespace {

// Elements that hold no article text on a news page.
constexpr std::array<std::string_view, 4> kTags = {"nav", "footer", "aside", "header"};

constexpr std::array<std::string_view, 10> kRoles = {
    "navigation",  "banner", "contentinfo", "complementary", "dialog",
    "alertdialog", "menu",   "menubar",     "search",        "toolbar"};

// Class or id words (a word of the attribute starts with one of these) that mark boilerplate
// always: nothing in an article is called this.
constexpr std::array<std::string_view, 27> kAlways = {
    "comment",  "share",      "sharing",  "social",    "related",  "cookie",     "consent",
    "gdpr",     "newsletter", "subscri",  "promo",     "advert",   "sponsor",    "recommend",
    "outbrain", "taboola",    "disqus",   "popup",     "modal",    "breadcrumb", "signup",
    "paywall",  "trending",   "mostread", "most-read", "readmore", "read-more"};

// Words that mark boilerplate unless the attribute also says it is the article
// ("article-header" is the article's; "site-header" is not).
constexpr std::array<std::string_view, 15> kUnlessArticle = {
    "menu",    "nav",  "footer",     "sidebar", "widget", "banner", "masthead", "header",
    "toolbar", "tags", "pagination", "popular", "byline", "author", "skip"};

constexpr std::array<std::string_view, 6> kArticle = {"article", "content", "story",
                                                      "entry",   "post",    "body"};

// Exact words for ads ("ad" alone would match "add", "admin", "adventure").
constexpr std::array<std::string_view, 5> kAdWords = {"ad", "ads", "adslot", "adunit",
                                                      "advertisement"};

bool starts_with_any(std::string_view word, const auto& list) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view p) { return word.substr(0, p.size()) == p; });
}

// Calls f(word) for each word of a class/id string ("site-nav main_menu" → site, nav, main,
// menu); stops when f returns true and returns that word.
template <typename F>
std::string_view find_word(std::string_view s, F f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t e = i;
    while (e < s.size() && std::isalnum(static_cast<unsigned char>(s[e]))) ++e;
    if (e > i && f(s.substr(i, e - i))) return s.substr(i, e - i);
    i = e;
  }
  return {};
}

}  // namespace

Boilerplate boilerplate(std::string_view tag, std::string_view class_id, std::string_view role,
                        std::string_view style, bool hidden, bool aria_hidden) {
  if (hidden || aria_hidden) return {"hidden", Certainty::kElement};
  if (!style.empty()) {
    std::string s = text::to_lower_ascii(style);
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos) {
      return {"hidden", Certainty::kElement};
    }
  }
  if (std::find(kTags.begin(), kTags.end(), tag) != kTags.end())
    return {std::string(tag), Certainty::kElement};
  const std::string r = text::to_lower_ascii(role);
  if (std::find(kRoles.begin(), kRoles.end(), r) != kRoles.end())
    return {"role " + r, Certainty::kElement};
  if (tag == "html" || tag == "body" || tag == "main" || tag == "article") return {};
  // Hyphenated forms ("most-read", "read-more") are looked for in the whole string.
  for (std::string_view p : {"most-read", "read-more"}) {
    if (class_id.find(p) != std::string_view::npos)
      return {"class " + std::string(p), Certainty::kClass};
  }
  if (auto w = find_word(class_id, [](std::string_view x) { return starts_with_any(x, kAlways); });
      !w.empty()) {
    return {"class " + std::string(w), Certainty::kClass};
  }
  if (auto w = find_word(class_id,
                         [](std::string_view x) {
                           return std::find(kAdWords.begin(), kAdWords.end(), x) != kAdWords.end();
                         });
      !w.empty()) {
    return {"class " + std::string(w), Certainty::kClass};
  }
  const bool article =
      !find_word(class_id, [](std::string_view x) { return starts_with_any(x, kArticle); }).empty();
  if (article) return {};
  if (auto w = find_word(class_id,
                         [](std::string_view x) { return starts_with_any(x, kUnlessArticle); });
      !w.empty()) {
    return {"class " + std::string(w), Certainty::kWeakClass};
  }
  return {};
}

}  // namespace newsdex::web
