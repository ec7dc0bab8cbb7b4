#include "convert/unified_diff.h"
#include "convert/edit_set.h"

#include <catch2/catch.hpp>

namespace switcheroo::convert {
namespace {

TEST_CASE("equal texts have no diff") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "a/f", "b/f").empty());
}

TEST_CASE("a changed line is a removal then an addition, with context") {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("changes far apart make separate hunks") {
  std::string before;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  std::string after = before;
  after.replace(0, 2, "one\n");
  after += "21\n";
  CHECK(unified_diff(before, after, "a", "b") ==
        "--- a\n+++ b\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -18,3 +18,4 @@\n 18\n 19\n"
        " 20\n+21\n");
}

TEST_CASE("a missing final newline is marked") {
  CHECK(unified_diff("a\n", "a\nb", "x", "y") ==
        "--- x\n+++ y\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n");
}

TEST_CASE("nested edits: the outer one absorbs the inner ones") {
  const std::string source = "f(g(x), h(y))";
  EditSet edits(source);
  REQUIRE(edits.replace(2, 6, "G(x)"));
  REQUIRE(edits.replace(8, 12, "H(y)"));
  CHECK(edits.text(0, 13) == "f(G(x), H(y))");
  CHECK(edits.covered(2, 6));
  CHECK_FALSE(edits.replace(4, 10, "cut"));  // would cut through both
  REQUIRE(edits.replace(0, 13, "F(" + edits.text(2, 12) + ")"));
  CHECK(edits.text(0, 13) == "F(G(x), H(y))");
}

}  // namespace
}  // namespace switcheroo::convert
