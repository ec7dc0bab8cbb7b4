// Builds the compact node vector of a SyntaxTree from ANTLR's parse tree.
#pragma once

#include "source_text.h"
#include "syntax_tree.h"

#include <antlr4-runtime.h>

#include <vector>

namespace switcheroo::python {

/// The nodes of `tree` in source order, with byte ranges resolved against `source`. Every byte
/// of the source ends up in some token's text or leading trivia.
std::vector<Node> build_nodes(antlr4::ParserRuleContext& tree, const SourceText& source);

}  // namespace switcheroo::python
