// The checks CPython's parser makes beyond its grammar, run on the finished syntax tree:
// assignment, deletion and loop targets, argument and parameter order, generator arguments,
// and mixed bytes/str literals. The grammar is kept permissive where strictness would cost
// lookahead; this pass brings the accepted language back to exactly Python's.
#pragma once

#include "syntax_tree.h"

namespace switcheroo::python {

/// Throws SyntaxError, located, at the first construct Python rejects.
void check_syntax(const SyntaxTree& tree);

}  // namespace switcheroo::python
