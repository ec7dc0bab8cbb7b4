// `self.<name>` in a module class's methods: the shapes the module rewrites (module_fields.h,
// module_state.h) look for.
#pragma once

#include "python/syntax_tree.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {

/// 'name' or "name" (a string literal without escapes) as the name itself; empty for anything
/// else.
std::string string_literal(const std::string& text);

/// The children of a node that are not tokens.
std::vector<python::NodeId> inner_nodes(const python::SyntaxTree& tree, python::NodeId node);

/// The expression statement of a block's statement that is one simple statement (`x = 1`,
/// `name: int`, `f(x)`), or kNoNode.
python::NodeId lone_expression_statement(const python::SyntaxTree& tree, python::NodeId statement);

/// `self.<name>` at the head of a primary: the `.name` trailer and the attribute name.
std::optional<std::pair<python::NodeId, std::string>> self_attribute(
    const python::SyntaxTree& tree, python::NodeId primary);

/// `self.<name> = <value>` as a statement of a block: (the assignment, name, value).
struct SelfAssignment {
  python::NodeId assignment = python::kNoNode;
  std::string name;
  python::NodeId value = python::kNoNode;
};
std::optional<SelfAssignment> self_assignment(const python::SyntaxTree& tree,
                                              python::NodeId statement);

}  // namespace switcheroo::convert
