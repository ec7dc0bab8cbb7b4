#include "bound_layers.h"

namespace switcheroo::convert {
namespace {

using python::kNoNode;
using python::NodeId;
using python::SyntaxTree;

void tokens_of(const SyntaxTree& tree, NodeId node, std::vector<NodeId>& tokens) {
  if (tree.is_token(node)) {
    tokens.push_back(node);
    return;
  }
  for (NodeId child : tree.children(node)) tokens_of(tree, child, tokens);
}

// `name = value` or `name: T = value` (swin's `layers: List[nn.Module] = []`) with the name
// alone on the left: the value, else kNoNode.
NodeId assigned_value(const SyntaxTree& tree, NodeId atom) {
  const NodeId statement = tree.node(atom).parent;
  if (statement == kNoNode || tree.kind_name(statement) != "expression_stmt") return kNoNode;
  const auto parts = tree.children(statement);
  if (parts.size() == 2 && parts[0] == atom && tree.kind_name(parts[1]) == "annotation") {
    const auto annotation = tree.children(parts[1]);
    return annotation.size() == 4 ? annotation[3] : kNoNode;
  }
  if (parts.size() != 3 || parts[0] != atom || tree.kind_name(parts[1]) != "EQUAL") return kNoNode;
  return parts[2];
}

// `name.append(value)` with one positional argument: the value, else kNoNode. The tokens are
// the function's, `at` the name's index among them.
NodeId appended_value(const SyntaxTree& tree, const std::vector<NodeId>& tokens, size_t at) {
  if (at + 4 >= tokens.size() || tree.kind_name(tokens[at + 1]) != "DOT" ||
      tree.text(tokens[at + 2]) != "append" || tree.kind_name(tokens[at + 3]) != "LPAR") {
    return kNoNode;
  }
  const NodeId trailer = tree.node(tokens[at + 3]).parent;
  const auto parts = tree.children(trailer);
  if (parts.size() != 3 || tree.kind_name(parts[2]) != "RPAR") return kNoNode;
  const std::string_view kind = tree.kind_name(parts[1]);
  if (kind == "arguments" || kind == "argument" || kind == "star_named_expression" ||
      tree.is_token(parts[1])) {
    return kNoNode;  // several arguments, a keyword, `*xs`, or nothing to follow
  }
  return parts[1];
}

// `name[key] = value`, the name's atom at `atom`, outside any loop of `function`: the value,
// else kNoNode.
NodeId item_assigned_value(const SyntaxTree& tree, NodeId function, NodeId atom) {
  const NodeId indexed = tree.node(atom).parent;
  if (indexed == kNoNode || tree.kind_name(indexed) != "primary") return kNoNode;
  const auto trailers = tree.children(indexed);
  if (trailers.size() != 2 || trailers[0] != atom ||
      tree.kind_name(tree.node(trailers[1]).first_child) != "LSQB") {
    return kNoNode;
  }
  const NodeId statement = tree.node(indexed).parent;
  if (statement == kNoNode || tree.kind_name(statement) != "expression_stmt") return kNoNode;
  const auto parts = tree.children(statement);
  if (parts.size() != 3 || parts[0] != indexed || tree.kind_name(parts[1]) != "EQUAL") {
    return kNoNode;
  }
  for (NodeId up = tree.node(statement).parent; up != kNoNode && up != function;
       up = tree.node(up).parent) {
    const std::string_view kind = tree.kind_name(up);
    if (kind == "for_stmt" || kind == "while_stmt") return kNoNode;  // any number of times
  }
  return parts[2];
}

// An empty mapping: `{}` or a call without arguments (`OrderedDict()`).
bool empty_mapping(const SyntaxTree& tree, NodeId value) {
  const auto parts = tree.children(value);
  if (tree.kind_name(value) == "atom") {
    return parts.size() == 2 && tree.kind_name(parts[0]) == "LBRACE";
  }
  if (tree.kind_name(value) != "primary" || parts.size() != 2) return false;
  return tree.children(parts[1]).size() == 2 &&
         tree.kind_name(tree.node(parts[1]).first_child) == "LPAR";
}

// Does `node` run once each time `function` does: in no loop, branch, handler, comprehension
// or lambda of it?
bool runs_once(const SyntaxTree& tree, NodeId function, NodeId node) {
  for (NodeId up = tree.node(node).parent; up != kNoNode && up != function;
       up = tree.node(up).parent) {
    const std::string_view kind = tree.kind_name(up);
    if (kind == "for_stmt" || kind == "while_stmt" || kind == "if_stmt" || kind == "try_stmt" ||
        kind == "with_stmt" || kind == "for_if_clause" || kind == "lambdef") {
      return false;
    }
  }
  return true;
}

enum class Held { layer, list, mapping };

std::optional<BoundLayers> bound(const SyntaxTree& tree, NodeId function, NodeId use,
                                 Held held) {
  if (function == kNoNode || tree.kind_name(use) != "atom") return std::nullopt;
  const auto used = tree.children(use);
  if (used.size() != 1 || tree.kind_name(used[0]) != "NAME") return std::nullopt;
  const std::string_view name = tree.text(used[0]);
  std::vector<NodeId> tokens;
  tokens_of(tree, function, tokens);
  NodeId value = kNoNode;
  BoundLayers layers;
  std::vector<NodeId> items;  // a mapping's, assigned in order
  std::vector<NodeId> appended_once;  // a list's, appended once each before any other append
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tree.kind_name(tokens[i]) != "NAME" || tree.text(tokens[i]) != name) continue;
    if (i > 0 && tree.kind_name(tokens[i - 1]) == "DOT") continue;  // an attribute's name
    const NodeId parent = tree.node(tokens[i]).parent;
    if (parent == use) continue;
    if (tree.kind_name(parent) == "argument" && i + 1 < tokens.size() &&
        tree.kind_name(tokens[i + 1]) == "EQUAL") {
      continue;  // a keyword argument's name
    }
    if (tree.kind_name(parent) != "atom") return std::nullopt;  // a parameter, a loop target...
    if (const NodeId assigned = assigned_value(tree, parent); assigned != kNoNode) {
      if (value != kNoNode) return std::nullopt;  // bound twice
      value = assigned;
    } else if (const NodeId appended = appended_value(tree, tokens, i);
               held == Held::list && appended != kNoNode) {
      const bool once = value != kNoNode && layers.repeated.empty() &&
                        runs_once(tree, function, tree.node(appended).parent);
      (once ? appended_once : layers.repeated).push_back(appended);
    } else if (const NodeId item = item_assigned_value(tree, function, parent);
               held == Held::mapping && item != kNoNode) {
      items.push_back(item);
    } else {
      return std::nullopt;
    }
  }
  if (value == kNoNode) return std::nullopt;
  if (held == Held::layer) {
    layers.once.push_back(value);
    return layers;
  }
  if (held == Held::mapping) {
    if (!empty_mapping(tree, value) || items.empty()) return std::nullopt;
    layers.once = std::move(items);
    return layers;
  }
  auto listed = list_display_items(tree, value);
  if (!listed) return std::nullopt;
  layers.once = std::move(*listed);
  layers.once.insert(layers.once.end(), appended_once.begin(), appended_once.end());
  return layers;
}

}  // namespace

std::optional<std::vector<NodeId>> list_display_items(const SyntaxTree& tree, NodeId value) {
  if (tree.kind_name(value) != "list_display") return std::nullopt;
  std::vector<NodeId> items;
  for (NodeId child : tree.children(value)) {
    if (tree.is_token(child)) continue;
    const std::string_view kind = tree.kind_name(child);
    if (kind == "star_named_expression" || kind == "comprehension" || kind == "for_if_clause") {
      return std::nullopt;  // a comprehension of one clause is the clause
    }
    items.push_back(child);
  }
  return items;
}

std::optional<BoundLayers> bound_layers(const SyntaxTree& tree, NodeId function, NodeId use,
                                        bool starred) {
  return bound(tree, function, use, starred ? Held::list : Held::layer);
}

std::optional<BoundLayers> mapped_layers(const SyntaxTree& tree, NodeId function, NodeId use) {
  return bound(tree, function, use, Held::mapping);
}

}  // namespace switcheroo::convert
