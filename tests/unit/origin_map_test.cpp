#include "rewrite/origin_map.h"
#include "python/parse.h"
#include "rewrite/rewriter.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

namespace {

// Applies one edit to `text` and records it in `map`; returns the new text.
std::string step(rewrite::OriginMap& map, const std::string& text, uint32_t begin, uint32_t end,
                 const std::string& replacement) {
  const python::SyntaxTree tree = python::parse(text);
  rewrite::Rewriter rewriter(tree);
  rewriter.replace_range(begin, end, replacement);
  std::string result = rewriter.print();
  map.add_step(rewriter.spans(), result);
  return result;
}

}  // namespace

TEST_CASE("positions after inserted lines map back to the original line") {
  const std::string original = "a = 1\nb = f(a)\nc = 2\n";
  rewrite::OriginMap map(original);
  // A mark line before line 2, as the engine writes one.
  std::string text = step(map, original, 6, 6, "# switcheroo: note\n");
  REQUIRE(text == "a = 1\n# switcheroo: note\nb = f(a)\nc = 2\n");
  CHECK(map.origin(3, 5).line == 2);
  CHECK(map.origin(3, 5).column == 5);
  CHECK(map.origin(4, 1).line == 3);
  // Inside the inserted text: where the insertion was made.
  CHECK(map.origin(2, 3).line == 2);
  CHECK(map.origin(2, 3).column == 1);
  CHECK(map.origin(1, 2).line == 1);
  CHECK(map.origin(1, 2).column == 2);
}

TEST_CASE("positions map back through several rewrites") {
  const std::string original = "import x\ny = x.f(1)\nz = 3\n";
  rewrite::OriginMap map(original);
  CHECK_FALSE(map.rewritten());
  CHECK(map.origin(2, 5).line == 2);
  // The first step removes line 1, the second lengthens what is left of line 1.
  std::string text = step(map, original, 0, 9, "");
  text = step(map, text, 4, 7, "x.longer_name");
  REQUIRE(text == "y = x.longer_name(1)\nz = 3\n");
  CHECK(map.rewritten());
  CHECK(map.origin(2, 1).line == 3);
  CHECK(map.origin(1, 19).line == 2);
  CHECK(map.origin(1, 19).column == 9);
  // In the replaced text: where the replaced bytes began.
  CHECK(map.origin(1, 10).line == 2);
  CHECK(map.origin(1, 10).column == 5);
}

TEST_CASE("columns count code points") {
  const std::string original = "s = 'é'\nt = g(s)\n";
  rewrite::OriginMap map(original);
  const std::string text = step(map, original, 0, 0, "# note\n");
  REQUIRE(text.substr(0, 7) == "# note\n");
  CHECK(map.origin(2, 7).line == 1);
  CHECK(map.origin(2, 7).column == 7);  // the closing quote, after one two-byte character
}
