#include "core/line_endings.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

TEST_CASE("a file uses CRLF when every line break is CRLF") {
  CHECK(uses_crlf("a\r\nb\r\n"));
  CHECK(uses_crlf("a\r\nb"));
  CHECK_FALSE(uses_crlf("a\nb\n"));
  CHECK_FALSE(uses_crlf("a\r\nb\n"));
  CHECK_FALSE(uses_crlf("a\rb\r\n"));
  CHECK_FALSE(uses_crlf("no break"));
  CHECK_FALSE(uses_crlf("ends in CR\r"));
}

TEST_CASE("CRLF read as LF and written back gives the same bytes") {
  const std::string text = "x = '''a\r\nb'''\r\n\r\ny = 1\r\n";
  CHECK(crlf_to_lf(text) == "x = '''a\nb'''\n\ny = 1\n");
  CHECK(lf_to_crlf(crlf_to_lf(text)) == text);
  CHECK(lf_to_crlf("new\nline") == "new\r\nline");
}
