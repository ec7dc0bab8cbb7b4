#include "python/parse.h"

#include <catch2/catch.hpp>

#include <string>

using namespace switcheroo;

namespace {

std::string repeated(const std::string& text, std::size_t count) {
  std::string result;
  result.reserve(text.size() * count);
  for (std::size_t i = 0; i < count; ++i) result += text;
  return result;
}

// The message of the syntax error `source` raises, or "" when it parses.
std::string parse_error(const std::string& source) {
  try {
    python::parse(source);
  } catch (const python::SyntaxError& error) {
    return error.message() + " at " + std::to_string(error.location().line) + ":" +
           std::to_string(error.location().column);
  }
  return "";
}

}  // namespace

TEST_CASE("deep right-nested chains are a located error, not a stack overflow") {
  const std::size_t levels = 100000;
  for (const std::string prefix : {"-", "~", "not ", "lambda: ", "a if b else ", "+"}) {
    INFO(prefix);
    const std::string message = parse_error("x = " + repeated(prefix, levels) + "1\n");
    CHECK(message.rfind("too complex to parse: nested too deeply at 1:", 0) == 0);
  }
  CHECK(parse_error("x = " + repeated("2 ** ", levels) + "2\n").rfind("too complex", 0) == 0);
  CHECK(parse_error("x = " + repeated("a[", levels)).rfind("too many nested parentheses", 0) == 0);
}

TEST_CASE("the guard sits on the statement where the nesting is") {
  const std::string message = parse_error("a = 1\n\ny = " + repeated("not ", 100000) + "b\n");
  CHECK(message.rfind("too complex to parse: nested too deeply at 3:", 0) == 0);
}

TEST_CASE("nesting within CPython's limits still parses") {
  CHECK(parse_error("x = " + repeated("(", 199) + "1" + repeated(")", 199) + "\n").empty());
  CHECK(parse_error("x = " + repeated("[", 199) + repeated("]", 199) + "\n").empty());
  CHECK(parse_error("x = " + repeated("-", 1000) + "1\n").empty());
  CHECK(parse_error("x = " + repeated("not ", 1000) + "1\n").empty());
  CHECK(parse_error("f = " + repeated("lambda: ", 1000) + "1\n").empty());
  CHECK(parse_error("x = " + repeated("a if b else ", 1000) + "1\n").empty());
  CHECK(parse_error("x = " + repeated("2 ** ", 1000) + "2\n").empty());
}

TEST_CASE("one huge statement is a located error; the budget is per statement") {
  const std::string huge = "x = [" + repeated("1, ", 120000) + "]\n";
  CHECK(parse_error(huge).rfind("too complex to parse: statement too large at 1:", 0) == 0);
  const std::string half = "[" + repeated("1, ", 60000) + "]\n";
  CHECK(parse_error("x = " + half + "y = " + half).empty());
}
