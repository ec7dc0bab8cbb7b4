// Parsing a run of whole statements out of a file on its own, for reparse(): the lexer starts
// inside the run's blocks, and the run's statements are built into nodes located in the file.
#pragma once

#include "python_lexer_base.h"
#include "syntax_tree.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace switcheroo::python {

/// Statements at one level of a file, [char_begin, char_end) of its code points: from the
/// start of a line to the end of the last statement's NEWLINE.
struct StatementRun {
  std::size_t char_begin = 0;
  std::size_t char_end = 0;
  /// The lexer's indentation stack at the run's first line, outermost (column 0) first.
  std::vector<PythonLexerBase::Indent> enclosing;
  std::size_t max_depth = 0;  ///< the rule depth the run may reach
  std::size_t max_rules = 0;  ///< the rules the run may enter, all statements together
};

struct ParsedRun {
  std::vector<Node> nodes;          ///< node 0 is only the parent of the statements
  std::vector<std::size_t> rules;   ///< the rules each statement entered
};

/// The run's statements, or nothing when the run does not parse on its own as one or more
/// whole statements at its first line's level that end exactly at char_end, or passes a
/// limit: the caller then parses the whole file, which decides.
std::optional<ParsedRun> parse_statement_run(const SourceText& source, const StatementRun& run);

}  // namespace switcheroo::python
