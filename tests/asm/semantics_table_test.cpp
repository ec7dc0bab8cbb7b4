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

namespace {

const char* const kModifierData =
    "class cmp   LT=< NE=!=\n"
    "FADD        | $0 = $1 + $2\n"
    "FADD.SAT    | $0 = sat($1 + $2)\n"
    "FSETP       | $0 = $1 {cmp} $2\n"
    "LDG         read | $0 = @load_global($1, 4)\n"
    "WAIT        no-effect\n"
    "inert LDG E\n"
    "inert * e32 lgkmcnt(\n";

}  // namespace

TEST_CASE(
    "a modifier no entry, class or inert line names leaves the instruction without "
    "semantics",
    "[lift][semantics]") {
  const SemanticsTable table(kModifierData);
  CHECK_FALSE(table.find("FADD", {"RM"}, 3));  // a rounding mode is never dropped
  CHECK_FALSE(table.find("FADD", {"SAT", "FTZ"}, 3));
  CHECK_FALSE(table.find("LDG", {"E", "128"}, 2));  // a width is never dropped
  const auto entry = table.find("FADD", {"SAT"}, 3);
  REQUIRE(entry);
  CHECK(entry->expression == "$0 = sat($1 + $2)");
  CHECK(table.unnamed_modifiers("FADD", *table.find("FADD", {}, 3), {"SAT", "FTZ", "e32"}) ==
        std::vector<std::string>{"SAT", "FTZ"});
}

TEST_CASE(
    "modifiers of a class the template uses, inert ones and those of no-effect entries "
    "are accounted for",
    "[lift][semantics]") {
  const SemanticsTable table(kModifierData);
  CHECK(table.find("FSETP", {"LT"}, 3));
  CHECK_FALSE(table.find("FADD", {"LT"}, 3));  // cmp is not FADD's class
  CHECK(table.find("LDG", {"E"}, 2));
  CHECK_FALSE(table.find("FADD", {"E"}, 3));  // inert for LDG only
  CHECK(table.find("FADD", {"e32"}, 3));      // inert for every opcode
  CHECK(table.find("FADD", {"lgkmcnt(0)"}, 3));
  CHECK_FALSE(table.find("FADD", {"lgkmcnt"}, 3));  // `lgkmcnt(` covers only `lgkmcnt(...)`
  CHECK(table.find("WAIT", {"ANYTHING"}, 0));
}

TEST_CASE("an inert line without an opcode is refused", "[lift][semantics]") {
  CHECK_THROWS_WITH(SemanticsTable("FADD | $0 = $1\ninert\n"),
                    "semantics data line 2: expected 'inert OPCODE|* MOD ...'");
}
