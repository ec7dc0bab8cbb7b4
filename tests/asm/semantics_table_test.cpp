// The SDK's semantics table as the ISA frontends read it: classes fill `{NAME}` from the
// instruction's modifiers, and a modifier the data does not know is never read as another.
#include <switcheroo/isa.hpp>

#include <catch2/catch.hpp>

namespace {

using switcheroo::sdk::isa::SemanticsTable;

const char* const kData =
    "class cmp   LT=< NE=!=\n"
    "class logic AND=and default=and\n"
    "SETP        | $0 = ($1 {cmp} $2) {logic} $3\n"
    "SETP.NUM    | $0 = ($1 == $1 and $2 == $2) {logic} $3\n";

}  // namespace

TEST_CASE("a class takes the text of the modifier that belongs to it", "[lift][semantics]") {
  const SemanticsTable table(kData);
  const auto entry = table.find("SETP", {"LT", "AND"}, 4);
  REQUIRE(entry);
  CHECK(entry->expression == "$0 = ($1 < $2) and $3");
}

TEST_CASE("a class without a matching modifier takes its default", "[lift][semantics]") {
  const SemanticsTable table(kData);
  const auto entry = table.find("SETP", {"NE"}, 4);
  REQUIRE(entry);
  CHECK(entry->expression == "$0 = ($1 != $2) and $3");
}

TEST_CASE("a modifier no class or entry knows leaves the instruction without semantics",
          "[lift][semantics]") {
  const SemanticsTable table(kData);
  CHECK_FALSE(table.find("SETP", {"GTU", "AND"}, 4));
  CHECK_FALSE(table.find("SETP", {"AND"}, 4));
  // An entry naming the modifier still applies.
  const auto entry = table.find("SETP", {"NUM", "AND"}, 4);
  REQUIRE(entry);
  CHECK(entry->expression == "$0 = ($1 == $1 and $2 == $2) and $3");
}
