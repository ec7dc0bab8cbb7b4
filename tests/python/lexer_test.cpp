#include "tree_helpers.h"

#include <catch2/catch.hpp>

using switcheroo::python::testing::tokens_of;

TEST_CASE("indentation becomes INDENT and DEDENT", "[python][lexer]") {
  CHECK(tokens_of("if a:\n    b\n\n  # comment\n    c\nd\n") ==
        "IF:if NAME:a COLON:: NEWLINE INDENT NAME:b NEWLINE NAME:c NEWLINE DEDENT NAME:d NEWLINE");
  CHECK(tokens_of("if a:\n\tif b:\n\t\tc\n") ==
        "IF:if NAME:a COLON:: NEWLINE INDENT IF:if NAME:b COLON:: NEWLINE INDENT NAME:c NEWLINE "
        "DEDENT DEDENT");
}

TEST_CASE("newlines inside brackets and after continuations are layout", "[python][lexer]") {
  CHECK(tokens_of("x = (1,\n     2)\ny = 1 + \\\n    2\n") ==
        "NAME:x EQUAL:= LPAR:( NUMBER:1 COMMA:, NUMBER:2 RPAR:) NEWLINE "
        "NAME:y EQUAL:= NUMBER:1 PLUS:+ NUMBER:2 NEWLINE");
}

TEST_CASE("a file without a final newline still ends its line and blocks", "[python][lexer]") {
  CHECK(tokens_of("def f():\n    return 1") ==
        "DEF:def NAME:f LPAR:( RPAR:) COLON:: NEWLINE INDENT RETURN:return NUMBER:1 NEWLINE "
        "DEDENT");
  CHECK(tokens_of("") == "");
  CHECK(tokens_of("# only a comment") == "");
}

TEST_CASE("CR and CRLF line endings", "[python][lexer]") {
  CHECK(tokens_of("a\r\nif b:\r  c\r") ==
        "NAME:a NEWLINE IF:if NAME:b COLON:: NEWLINE INDENT NAME:c NEWLINE DEDENT");
}

TEST_CASE("numbers", "[python][lexer]") {
  CHECK(tokens_of("1_000, 0x_ff, 0o17, 0b1, 1.5e-3, .5, 5., 3j, 1e5J, 0_0\n") ==
        "NUMBER:1_000 COMMA:, NUMBER:0x_ff COMMA:, NUMBER:0o17 COMMA:, NUMBER:0b1 COMMA:, "
        "NUMBER:1.5e-3 COMMA:, NUMBER:.5 COMMA:, NUMBER:5. COMMA:, NUMBER:3j COMMA:, "
        "NUMBER:1e5J COMMA:, NUMBER:0_0 NEWLINE");
}

TEST_CASE("string prefixes and triple quotes", "[python][lexer]") {
  CHECK(tokens_of("rb'\\''\nU\"x\" '''a\n'b''' \"\"\"\"\"\"\n") ==
        "STRING:rb'\\'' NEWLINE STRING:U\"x\" STRING:'''a\n'b''' STRING:\"\"\"\"\"\" NEWLINE");
}

TEST_CASE("f-strings nest replacement fields, format specs and quotes", "[python][lexer]") {
  CHECK(tokens_of("f'a{b!r:>{w}}c'\n") ==
        "FSTRING_START:f' FSTRING_MIDDLE:a LBRACE:{ NAME:b EXCLAMATION:! NAME:r COLON:: "
        "FSTRING_MIDDLE:> LBRACE:{ NAME:w RBRACE:} RBRACE:} FSTRING_MIDDLE:c FSTRING_END:' "
        "NEWLINE");
  CHECK(tokens_of("f\"{f\"{x}\"}\"\n") ==
        "FSTRING_START:f\" LBRACE:{ FSTRING_START:f\" LBRACE:{ NAME:x RBRACE:} FSTRING_END:\" "
        "RBRACE:} FSTRING_END:\" NEWLINE");
  CHECK(tokens_of("f'{x=}{{}}{y:=^10}'\n") ==
        "FSTRING_START:f' LBRACE:{ NAME:x EQUAL:= RBRACE:} FSTRING_MIDDLE:{{}} LBRACE:{ NAME:y "
        "COLON:: FSTRING_MIDDLE:=^10 RBRACE:} FSTRING_END:' NEWLINE");
  CHECK(tokens_of("f'{d[\"k\"]}\\\\'\n") ==
        "FSTRING_START:f' LBRACE:{ NAME:d LSQB:[ STRING:\"k\" RSQB:] RBRACE:} "
        "FSTRING_MIDDLE:\\\\ FSTRING_END:' NEWLINE");
}

TEST_CASE("soft keywords are keywords only where they start their statement", "[python][lexer]") {
  CHECK(tokens_of("match = 1\nmatch(x)\ntype = 2\n") ==
        "NAME:match EQUAL:= NUMBER:1 NEWLINE NAME:match LPAR:( NAME:x RPAR:) NEWLINE "
        "NAME:type EQUAL:= NUMBER:2 NEWLINE");
  CHECK(tokens_of("type Point = tuple[int, int]\n").rfind("TYPE:type NAME:Point", 0) == 0);
  CHECK(tokens_of("match x:\n    case _:\n        pass\n").rfind("MATCH:match NAME:x", 0) == 0);
}

TEST_CASE("non-ASCII identifiers", "[python][lexer]") {
  CHECK(tokens_of("größe = 1\n") == "NAME:größe EQUAL:= NUMBER:1 NEWLINE");
}
