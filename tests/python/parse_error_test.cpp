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

TEST_CASE("checks CPython's parser makes beyond the grammar", "[python][errors]") {
  CHECK(error_of("f() = 1\n") ==
        "1:1: cannot assign to function call here. Maybe you meant '==' instead of '='?");
  CHECK(error_of("for x, f() in y: pass\n") == "1:8: cannot assign to function call");
  CHECK(error_of("a, b += 1\n") == "1:1: 'tuple' is an illegal expression for augmented assignment");
  CHECK(error_of("[a]: int\n") == "1:1: only single target (not list) can be annotated");
  CHECK(error_of("del f()\n") == "1:5: cannot delete function call");
  CHECK(error_of("x = b'a' 'b'\n") == "1:5: cannot mix bytes and nonbytes literals");
  CHECK(error_of("f(a=1, b)\n") == "1:8: positional argument follows keyword argument");
  CHECK(error_of("f(x for x in y, 1)\n") == "1:3: Generator expression must be parenthesized");
  CHECK(error_of("def f(a=1, b): pass\n") == "1:12: non-default argument follows default argument");
  CHECK(error_of("def f(*): pass\n") == "1:7: named arguments must follow bare *");
  CHECK(error_of("{1: 2, 3}\n") == "1:8: ':' expected after dictionary key");
  CHECK(error_of("*a = b\n(a), [b, *c] = d\ndef f(a, /, b=1, *c, d, e=2, **f): pass\n") ==
        "accepted");
}

TEST_CASE("soft keywords stay usable as names", "[python][errors]") {
  CHECK(error_of("match, case, type, _ = 1, 2, 3, 4\nmatch.x = type(case)\n") == "accepted");
  CHECK(error_of("print(match := 1)\n") == "accepted");
}
