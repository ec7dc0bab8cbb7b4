#include "core/source_excerpt.h"
#include "core/diagnostics.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

TEST_CASE("an excerpt shows a plain line as it is, with the caret under the column") {
  const SourceExcerpt excerpt = make_excerpt("x = f(1", 8);
  CHECK(excerpt.line == "x = f(1");
  CHECK(excerpt.caret == "       ^");
}

TEST_CASE("an excerpt keeps tabs and counts a multi-byte character as one column") {
  const SourceExcerpt excerpt = make_excerpt("\tä = ?", 6);
  CHECK(excerpt.line == "\tä = ?");
  CHECK(excerpt.caret == "\t    ^");
}

TEST_CASE("an excerpt escapes terminal controls and the caret moves past the escapes") {
  const SourceExcerpt escape = make_excerpt("x = \x1b[2J!", 9);
  CHECK(escape.line == "x = \\x1b[2J!");
  CHECK(escape.caret == "           ^");
  CHECK(make_excerpt("a\x7f\r", 1).line == "a\\x7f\\x0d");
  CHECK(make_excerpt("s = '\xe2\x80\xae'", 1).line == "s = '\\u202e'");
  CHECK(make_excerpt("c = '\xc2\x9b'", 1).line == "c = '\\x9b'");
}

TEST_CASE("an excerpt shows bytes that are not UTF-8 escaped") {
  CHECK(make_excerpt("x = '\xff\xc3'", 1).line == "x = '\\xff\\xc3'");
  CHECK(make_excerpt("\xed\xa0\x80", 1).line == "\\xed\\xa0\\x80");
  CHECK(make_excerpt("\xc0\xaf", 1).line == "\\xc0\\xaf");
}

TEST_CASE("an excerpt of a long line is a window around the column") {
  const std::string line = std::string(500, '-') + "1 +";
  const SourceExcerpt excerpt = make_excerpt(line, 504);
  CHECK(excerpt.line == "..." + line.substr(line.size() - kExcerptWidth));
  CHECK(excerpt.caret == std::string(3 + kExcerptWidth, ' ') + "^");

  const SourceExcerpt middle = make_excerpt(line, 201);
  CHECK(middle.line == "..." + std::string(kExcerptWidth, '-') + "...");
  CHECK(middle.caret == std::string(3 + kExcerptWidth / 2, ' ') + "^");

  const SourceExcerpt start = make_excerpt(line, 3);
  CHECK(start.line == std::string(kExcerptWidth, '-') + "...");
  CHECK(start.caret == "  ^");
}

TEST_CASE("a message that quotes input escapes what would act on the terminal") {
  CHECK(escape_for_terminal("invalid character '\xe2\x80\xae' (U+202E)") ==
        "invalid character '\\u202e' (U+202E)");
  CHECK(escape_for_terminal("name 'é'\tok") == "name 'é'\tok");
  CHECK(Diagnostic{Severity::error, {"a\x1b.py", 1, 1}, "bad \x07", "x"}.format() ==
        "a\\x1b.py:1:1: error: bad \\x07 [x]");
}
