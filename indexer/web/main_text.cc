#include "indexer/web/main_text.h"

#include <algorithm>

#include "core/text.h"

namespace newsdex::web {

namespace {

// Blocks shorter than this (code points) do not vote.
constexpr std::size_t kMinVoteChars = 25;
// A block with more than this share of link text is a list of links, not prose.
constexpr double kMaxBlockLinks = 0.5;
// A list, table or division inside the article with more than this share of link text is
// navigation ("more on this", tag lists).
constexpr double kMaxContainerLinks = 0.4;
// The container moves up to its parent while it holds less than this share of the parent's
// prose, and the parent's text is at most this share links.
constexpr double kClimbShare = 0.7;
constexpr double kMaxClimbLinks = 0.3;
constexpr int kClimbLevels = 6;
// Blocks of links per added block of prose above which the added prose is a teaser list.
constexpr double kMaxTeaserShare = 0.25;
// Kept text shorter than this (code points) makes the rule look again with fewer class words.
constexpr std::size_t kRetryBelowChars = 500;

double link_share(std::size_t links, std::size_t chars) {
  return chars == 0 ? 0.0 : static_cast<double>(links) / static_cast<double>(chars);
}

// What an element's tag adds to its score once it has votes (as Readability weighs them).
double tag_weight(const std::string& t) {
  if (t == "div" || t == "article" || t == "main" || t == "section") return 5;
  if (t == "pre" || t == "td" || t == "blockquote") return 3;
  if (t == "ol" || t == "ul" || t == "dl" || t == "dd" || t == "dt" || t == "li" || t == "form")
    return -3;
  if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') return -5;
  if (t == "th") return -5;
  return 0;
}

}  // namespace

// The rule with boilerplate judged at `certainty` and above.
MainText main_text_at(const HtmlPage& page, const std::string& title, Certainty certainty) {
  const std::size_t n = page.elements.size();
  MainText m;
  m.why.assign(page.blocks.size(), "");
  const auto boilerplate = [&](const HtmlBlock& b) { return b.boilerplate.certainty >= certainty; };
  // Each element's text and link text, its blocks' added up the tree (children follow parents).
  std::vector<std::size_t> chars(n, 0), link_chars(n, 0);
  for (const auto& b : page.blocks) {
    if (boilerplate(b)) continue;
    chars[static_cast<std::size_t>(b.owner)] += b.chars;
    link_chars[static_cast<std::size_t>(b.owner)] += b.link_chars;
  }
  for (std::size_t i = n; i-- > 1;) {
    const auto p = page.elements[i].parent;
    if (p < 0) continue;
    chars[static_cast<std::size_t>(p)] += chars[i];
    link_chars[static_cast<std::size_t>(p)] += link_chars[i];
  }
  std::vector<double> score(n, 0.0);
  std::vector<bool> voted(n, false);
  for (const auto& b : page.blocks) {
    if (boilerplate(b) || b.chars < kMinVoteChars) continue;
    if (link_share(b.link_chars, b.chars) > kMaxBlockLinks) continue;
    const double vote =
        1.0 + static_cast<double>(b.commas) + std::min(static_cast<double>(b.chars) / 100.0, 3.0);
    // The block's own element counts as a paragraph; its parent takes the whole vote, the
    // grandparent half, the next a third.
    std::int32_t e = page.elements[static_cast<std::size_t>(b.owner)].parent;
    if (b.tag != "p" && b.tag != "pre" && b.tag != "blockquote" && b.tag != "li" && b.tag != "td") {
      e = b.owner;  // text straight inside a division: the division is its paragraph's parent
    }
    for (int level = 0; level < 3 && e >= 0; ++level) {
      const auto i = static_cast<std::size_t>(e);
      if (!voted[i]) {
        voted[i] = true;
        score[i] += tag_weight(page.elements[i].tag);
      }
      score[i] += vote / (level == 0 ? 1.0 : level == 1 ? 2.0 : 3.0 * level);
      e = page.elements[i].parent;
    }
  }
  std::int32_t best = -1;
  double best_score = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!voted[i]) continue;
    score[i] *= 1.0 - link_share(link_chars[i], chars[i]);
    if (best < 0 || score[i] > best_score) {
      best = static_cast<std::int32_t>(i);
      best_score = score[i];
    }
  }
  // Prose (text of the blocks that vote) under each element.
  // Prose (text of the blocks that vote) under each element, how many such blocks, and how
  // many blocks of links.
  std::vector<std::size_t> prose(n, 0), prose_blocks(n, 0), link_blocks(n, 0);
  for (const auto& b : page.blocks) {
    if (boilerplate(b)) continue;
    const auto o = static_cast<std::size_t>(b.owner);
    if (link_share(b.link_chars, b.chars) > kMaxBlockLinks) {
      ++link_blocks[o];
    } else if (b.chars >= kMinVoteChars) {
      prose[o] += b.chars;
      ++prose_blocks[o];
    }
  }
  for (std::size_t i = n; i-- > 1;) {
    const auto p = page.elements[i].parent;
    if (p < 0) continue;
    prose[static_cast<std::size_t>(p)] += prose[i];
    prose_blocks[static_cast<std::size_t>(p)] += prose_blocks[i];
    link_blocks[static_cast<std::size_t>(p)] += link_blocks[i];
  }
  // An article split over several elements (one per section or per ad slot): the container
  // moves up to an ancestor (a few levels at most) that holds much more prose, is not mostly
  // links, and whose added prose is not a list of teasers (a linked headline each).
  for (std::int32_t up = best, steps = 0; up > 0 && steps < kClimbLevels; ++steps) {
    const auto p = page.elements[static_cast<std::size_t>(up)].parent;
    if (p <= 0) break;
    const auto pi = static_cast<std::size_t>(p);
    if (page.elements[pi].tag == "body" || link_share(link_chars[pi], chars[pi]) > kMaxClimbLinks)
      break;
    const auto bi = static_cast<std::size_t>(best);
    const double added_links = static_cast<double>(link_blocks[pi] - link_blocks[bi]);
    const double added_prose = static_cast<double>(prose_blocks[pi] - prose_blocks[bi]);
    if (static_cast<double>(prose[bi]) < kClimbShare * static_cast<double>(prose[pi]) &&
        added_links <= kMaxTeaserShare * added_prose) {
      best = p;
      best_score = std::max(best_score, score[pi]);
    }
    up = p;
  }
  // The containers: the best element, and its siblings that score near it.
  std::vector<std::int32_t> containers;
  if (best >= 0) {
    const std::int32_t parent = page.elements[static_cast<std::size_t>(best)].parent;
    const double floor = std::max(10.0, best_score * 0.2);
    for (std::size_t i = 0; i < n; ++i) {
      const auto e = static_cast<std::int32_t>(i);
      if (e == best ||
          (page.elements[i].parent == parent && parent >= 0 && voted[i] && score[i] >= floor)) {
        containers.push_back(e);
      }
    }
  }
  m.container = best;
  // Elements inside the containers (below them, not the containers themselves), and those of
  // them that are mostly links (lists of related stories), with everything below.
  std::vector<bool> inside(n, false), linky(n, false);
  for (const std::int32_t c : containers) inside[static_cast<std::size_t>(c)] = true;
  for (std::size_t i = 0; i < n; ++i) {
    const HtmlElement& el = page.elements[i];
    if (el.parent < 0) continue;
    const auto p = static_cast<std::size_t>(el.parent);
    if (!inside[p]) continue;
    inside[i] = true;
    const bool group = el.tag == "ul" || el.tag == "ol" || el.tag == "table" || el.tag == "div" ||
                       el.tag == "section" || el.tag == "dl";
    linky[i] = linky[p] ||
               (group && chars[i] > 0 && link_share(link_chars[i], chars[i]) > kMaxContainerLinks);
  }
  const std::string title_key = comparison_key(title);
  for (std::size_t i = 0; i < page.blocks.size(); ++i) {
    const HtmlBlock& b = page.blocks[i];
    std::string& why = m.why[i];
    if (boilerplate(b)) {
      why = b.boilerplate.reason;
    } else if (best >= 0 && !inside[static_cast<std::size_t>(b.owner)]) {
      why = "outside";
    } else if (link_share(b.link_chars, b.chars) > kMaxBlockLinks ||
               linky[static_cast<std::size_t>(b.owner)]) {
      why = "links";
    } else if (!title_key.empty() && comparison_key(b.text) == title_key) {
      why = "title";
    } else {
      m.kept.push_back(i);
    }
  }
  return m;
}

MainText main_text(const HtmlPage& page, const std::string& title) {
  // Class words mislead on some sites (a blog's post sits in a "widget"): when the text found
  // is short, the less certain verdicts are set aside, as Readability retries.
  MainText best;
  std::size_t best_chars = 0;
  for (Certainty c : {Certainty::kWeakClass, Certainty::kClass, Certainty::kElement}) {
    MainText m = main_text_at(page, title, c);
    std::size_t kept = 0;
    for (std::size_t i : m.kept) kept += page.blocks[i].chars;
    if (kept >= kRetryBelowChars) return m;
    if (kept > best_chars || c == Certainty::kWeakClass) {
      best = std::move(m);
      best_chars = kept;
    }
  }
  return best;
}

std::string comparison_key(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::string join_blocks(const HtmlPage& page, const MainText& m) {
  std::string out;
  for (std::size_t i : m.kept) {
    if (!out.empty()) out += "\n\n";
    out += page.blocks[i].text;
  }
  return out;
}

}  // namespace newsdex::web
