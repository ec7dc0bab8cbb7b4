// The entry points of the Python front end: bytes in, lossless syntax tree out.
//
// Parsing runs in two stages: ANTLR's fast SLL prediction with an error strategy that gives up
// at the first problem, and, only when that fails, full LL prediction, which either succeeds
// (SLL's failure was spurious) or reports the real error. The prediction caches (DFAs) of the
// generated lexer and parser are process-wide, so later files parse faster than the first.
#pragma once

#include "syntax_error.h"
#include "syntax_tree.h"

#include <string>

namespace switcheroo::python {

enum class ParseGoal {
  file,        ///< a module (`file_input`)
  expression,  ///< one expression list, for rewrite fragments (`expression_input`)
};

/// Parses Python source. Throws SyntaxError, located against the source, on invalid input.
SyntaxTree parse(std::string bytes, ParseGoal goal = ParseGoal::file);

/// Counters of the two-stage parse since the process started, for benchmarks and tests.
struct ParseStatistics {
  std::size_t parses = 0;
  std::size_t ll_fallbacks = 0;  ///< parses where SLL failed and full LL ran
};
const ParseStatistics& parse_statistics();

}  // namespace switcheroo::python
