#include "python/source_text.h"
#include "python/syntax_error.h"

#include <catch2/catch.hpp>

using switcheroo::python::SourceText;
using switcheroo::python::SyntaxError;

namespace {

SourceText decoded(std::string bytes) {
  SourceText source(std::move(bytes));
  source.decode();
  return source;
}

}  // namespace

TEST_CASE("source text maps code points to bytes, lines and columns", "[python][source]") {
  const SourceText source = decoded("a = 'é'\r\nb\rc");
  CHECK(source.characters().size() == 12);
  CHECK(source.byte_offset(5) == 5);  // 'é'
  CHECK(source.byte_offset(6) == 7);  // the closing quote, after the two bytes of 'é'
  CHECK(source.line_column(7).line == 1);
  CHECK(source.line_column(7).column == 7);
  CHECK(source.line_column(10).line == 2);
  CHECK(source.line_column(12).line == 3);
  CHECK(source.line_text(1) == "a = 'é'");
  CHECK(source.line_text(2) == "b");
}

TEST_CASE("a byte order mark is not a character but stays in the bytes", "[python][source]") {
  const SourceText source = decoded("\xEF\xBB\xBFx = 1\n");
  CHECK(source.characters().front() == U'x');
  CHECK(source.byte_offset(0) == 3);
  CHECK(source.line_column(3).column == 1);
  CHECK(source.line_text(1) == "x = 1");
}

TEST_CASE("a coding cookie selects a single-byte decoding", "[python][source]") {
  const SourceText source = decoded("# -*- coding: latin-1 -*-\ns = '\xE9'\n");
  CHECK(source.characters()[31] == U'\u00E9');
  CHECK(source.byte_offset(32) == 32);
}

TEST_CASE("undecodable text is a syntax error", "[python][source]") {
  SourceText invalid("x = '\xFF'\n");
  CHECK_THROWS_WITH(invalid.decode(),
                    "'utf-8' codec can't decode byte 0xff in position 5 (declare the file's "
                    "encoding with a coding comment)");
  SourceText unknown("# coding: uft-8\n");
  CHECK_THROWS_WITH(unknown.decode(), "unknown encoding: uft-8");
  SourceText bom_cookie("\xEF\xBB\xBF# coding: latin-1\n");
  CHECK_THROWS_WITH(bom_cookie.decode(), "encoding problem: iso-8859-1 with BOM");
  SourceText nul(std::string("x = 1\0\n", 7));
  CHECK_THROWS_WITH(nul.decode(), "source code cannot contain null bytes");
}
