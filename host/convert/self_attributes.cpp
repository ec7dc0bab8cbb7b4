#include "self_attributes.h"

#include "rewrite/tree_query.h"

namespace switcheroo::convert {

using python::NodeId;

std::string string_literal(const std::string& text) {
  if (text.size() < 3 || (text.front() != '\'' && text.front() != '"') ||
      text.back() != text.front() || text.find('\\') != std::string::npos) {
    return "";
  }
  return text.substr(1, text.size() - 2);
}

std::vector<NodeId> inner_nodes(const python::SyntaxTree& tree, NodeId node) {
  std::vector<NodeId> nodes;
  for (NodeId child : tree.children(node)) {
    if (!tree.is_token(child)) nodes.push_back(child);
  }
  return nodes;
}

std::optional<std::pair<NodeId, std::string>> self_attribute(const python::SyntaxTree& tree,
                                                              NodeId primary) {
  const auto parts = tree.children(primary);
  if (parts.size() < 2 || tree.kind_name(parts[0]) != "atom" ||
      rewrite::token_text(tree, parts[0]) != "self" || tree.kind_name(parts[1]) != "trailer") {
    return std::nullopt;
  }
  const std::string trailer = rewrite::token_text(tree, parts[1]);
  if (trailer.size() < 2 || trailer[0] != '.') return std::nullopt;
  return std::make_pair(parts[1], trailer.substr(1));
}

NodeId lone_expression_statement(const python::SyntaxTree& tree, NodeId statement) {
  const auto simple = inner_nodes(tree, statement);
  if (tree.kind_name(statement) != "simple_stmts" || simple.size() != 1 ||
      tree.kind_name(simple[0]) != "expression_stmt") {
    return python::kNoNode;
  }
  return simple[0];
}

std::optional<SelfAssignment> self_assignment(const python::SyntaxTree& tree, NodeId statement) {
  const NodeId expression = lone_expression_statement(tree, statement);
  if (expression == python::kNoNode) return std::nullopt;
  const auto parts = tree.children(expression);
  if (parts.size() != 3 || tree.kind_name(parts[1]) != "EQUAL") return std::nullopt;
  const std::string target = rewrite::token_text(tree, parts[0]);
  if (target.rfind("self.", 0) != 0 || target.find('.', 5) != std::string::npos) {
    return std::nullopt;
  }
  return SelfAssignment{expression, target.substr(5), parts[2]};
}

}  // namespace switcheroo::convert
