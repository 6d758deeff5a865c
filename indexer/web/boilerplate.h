// Which elements of a page are boilerplate whatever their text says: the one table of
// element names, ARIA roles and class/id words that mark navigation, menus, footers, share
// bars, comments, cookie notices, related links and ads, and the hidden elements.
#pragma once

#include <string>
#include <string_view>

namespace newsdex::web {

// How sure the rule is that an element is boilerplate: by a class word that may also name an
// article's part ("widget", "header"), by a class word nothing in an article is called
// ("comment", "share"), or by what the element is (<nav>, a navigation role, hidden).
enum class Certainty { kNone = 0, kWeakClass = 1, kClass = 2, kElement = 3 };

struct Boilerplate {
  std::string reason;  // "nav", "role navigation", "class comments", "hidden"; "" when none
  Certainty certainty = Certainty::kNone;
};

// Whether an element is boilerplate. `class_id` is its class and id attributes, lower case.
// <html>, <body>, <main> and <article> are never boilerplate by class (pages put layout words
// on them).
Boilerplate boilerplate(std::string_view tag, std::string_view class_id, std::string_view role,
                        std::string_view style, bool hidden, bool aria_hidden);

}  // namespace newsdex::web
