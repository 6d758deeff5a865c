#include "core/text.h"

#include <gtest/gtest.h>

namespace newsdex::text {

TEST(Text, RecognisesValidAndInvalidUtf8) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("Tom\xC3\xA1s \xE2\x80\x99 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("M\xFCnchen"));    // Latin-1 u-umlaut
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("\xE2\x80"));      // truncated
}

TEST(Text, ReadsLatin1AsUtf8) {
  EXPECT_EQ(to_utf8("M\xFCnchen"), "M\xC3\xBCnchen");
  EXPECT_EQ(to_utf8("already \xC3\xBC"), "already \xC3\xBC");
}

TEST(Text, TruncatesOnACharacterBoundary) {
  const std::string s = "ab\xC3\xBC";  // 4 bytes, the last character is 2
  EXPECT_EQ(truncate_utf8(s, 3), "ab");
  EXPECT_EQ(truncate_utf8(s, 4), s);
}

TEST(Text, EscapesHtml) {
  EXPECT_EQ(html_escape("<b>AT&T's \"deal\"</b>"),
            "&lt;b&gt;AT&amp;T&#39;s &quot;deal&quot;&lt;/b&gt;");
}

TEST(Text, SplitsTrimsAndSqueezes) {
  EXPECT_EQ(split("a|b||c", '|').size(), 4U);
  EXPECT_EQ(trim("  x y \n"), "x y");
  EXPECT_EQ(squeeze_spaces("  a \t b\n c "), "a b c");
  EXPECT_TRUE(iequals_ascii("SK Hynix", "sk hynix"));
}

}  // namespace newsdex::text
