// The keywords a `**name` argument may pass, where the function around binds the name once to
// dict displays with string keys (unpacked_keywords.cpp).
#pragma once

#include "python/syntax_tree.h"
#include "rewrite/tree_query.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

/// For the value of a `**name` argument: every keyword it may pass, where the innermost of
/// `functions` around it binds `name` once, to a dict display with string keys or a
/// conditional choosing between such displays, and otherwise only reads it as a value;
/// nullopt for anything else.
std::optional<std::set<std::string>> unpacked_keywords(
    const python::SyntaxTree& tree, const std::vector<rewrite::FunctionDef>& functions,
    python::NodeId argument);

}  // namespace switcheroo::convert
