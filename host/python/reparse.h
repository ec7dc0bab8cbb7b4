// Parsing a changed file again, only where it changed.
//
// A rewrite changes a few statements of a file; parsing the whole file again to check the
// result (rewrite::Rewriter::print_checked) costs as much as the first parse. reparse() parses
// again only the smallest statements (at any depth of blocks) that hold each change, on their
// own, with the lexer started inside their blocks, and splices the new statements into a copy
// of the old tree. Where a change is not inside one statement (it crosses statements, or
// changes the end of the file or what a statement's neighbours mean), or a statement does not
// parse on its own, it parses the whole file: the result is always what parse() gives.
#pragma once

#include "syntax_tree.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace switcheroo::python {

/// Bytes [begin, end) of the old text became `length` bytes of the new one.
struct TextChange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t length = 0;
};

/// Parses `text`, which is `old`'s source with `changes` applied (disjoint, in source order,
/// insertions at one point in the order made). Returns exactly what parse(text) returns, or
/// throws the SyntaxError it throws. With the environment variable SWITCHEROO_CHECK_REPARSE
/// set, also parses the whole file and throws std::logic_error when the trees differ.
SyntaxTree reparse(const SyntaxTree& old, std::string text,
                   const std::vector<TextChange>& changes);

/// Counters of reparse() since the process started (all threads), for benchmarks and tests.
struct ReparseStatistics {
  std::atomic<std::size_t> reparses = 0;  ///< calls
  std::atomic<std::size_t> runs = 0;      ///< runs of statements parsed on their own
  std::atomic<std::size_t> whole = 0;     ///< calls that parsed the whole file instead
};
const ReparseStatistics& reparse_statistics();

}  // namespace switcheroo::python
