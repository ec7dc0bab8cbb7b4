#include "python/parse.h"

#include <catch2/catch.hpp>

using switcheroo::python::parse;
using switcheroo::python::SyntaxError;

namespace {

// "line:column: message" of the syntax error `source` raises, or "accepted".
std::string error_of(std::string source) {
  try {
    parse(std::move(source));
  } catch (const SyntaxError& error) {
    return std::to_string(error.location().line) + ":" + std::to_string(error.location().column) +
           ": " + error.message();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("block structure errors", "[python][errors]") {
  CHECK(error_of("if x\n    pass\n") == "1:5: expected ':'");
  CHECK(error_of("def f()\n") == "1:8: expected ':'");
  CHECK(error_of("if x:\npass\n") == "2:1: expected an indented block");
  CHECK(error_of("x = 1\n    y = 2\n") == "2:5: unexpected indent");
  CHECK(error_of("if x:\n    a\n  b\n") == "3:3: unindent does not match any outer indentation level");
  CHECK(error_of("if x:\n        a\n\tb\n") == "3:2: inconsistent use of tabs and spaces in indentation");
  CHECK(error_of("try:\n    a\nb\n") == "3:1: expected 'except' or 'finally'");
}

TEST_CASE("string errors", "[python][errors]") {
  CHECK(error_of("x = 'abc\n") == "1:5: unterminated string literal (detected at line 1)");
  CHECK(error_of("x = 1\ny = \"\"\"abc\n\n") ==
        "2:5: unterminated triple-quoted string literal (detected at line 4)");
  CHECK(error_of("x = f'{a}\n") == "1:5: unterminated f-string literal (detected at line 1)");
  CHECK(error_of("x = f'a}'\n") == "1:8: f-string: single '}' is not allowed");
}

TEST_CASE("bracket errors", "[python][errors]") {
  CHECK(error_of("x = (1,\n2\n") == "1:5: '(' was never closed");
  CHECK(error_of("x = 1)\n") == "1:6: unmatched ')'");
  CHECK(error_of("x = [1)\n") ==
        "1:7: closing parenthesis ')' does not match opening parenthesis '['");
  CHECK(error_of("x = [1,\n2)\n") ==
        "2:2: closing parenthesis ')' does not match opening parenthesis '[' on line 1");
}

TEST_CASE("character errors", "[python][errors]") {
  CHECK(error_of("x = 1 $ 2\n") == "1:7: invalid syntax");
  CHECK(error_of("x = 1 \\ 2\n") == "1:7: unexpected character after line continuation character");
  CHECK(error_of("x = 1 € 2\n") == "1:7: invalid character '€' (U+20AC)");
  CHECK(error_of("x = 1 +\n") == "1:8: invalid syntax");
  CHECK(error_of("x = = 1\n") == "1:5: invalid syntax");
}

TEST_CASE("soft keywords stay usable as names", "[python][errors]") {
  CHECK(error_of("match, case, type, _ = 1, 2, 3, 4\nmatch.x = type(case)\n") == "accepted");
  CHECK(error_of("print(match := 1)\n") == "accepted");
}
