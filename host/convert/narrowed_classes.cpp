#include "narrowed_classes.h"

#include "rewrite/tree_query.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace switcheroo::convert {
namespace {

using python::kNoNode;
using python::NodeId;
using python::SyntaxTree;

bool dotted_names(const std::string& text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  }
  return !std::isdigit(static_cast<unsigned char>(text.front()));
}

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The classes of `isinstance(receiver, C)` or `isinstance(receiver, (C, D))` at `test` (a call
// node), else empty.
std::vector<std::string> isinstance_classes(const SyntaxTree& tree, NodeId test,
                                            std::string_view receiver) {
  const auto parts = tree.children(test);
  if (tree.kind_name(test) != "primary" || parts.size() != 2 ||
      rewrite::token_text(tree, parts[0]) != "isinstance") {
    return {};
  }
  const auto call = tree.children(parts[1]);
  if (call.size() != 3 || tree.kind_name(call[1]) != "arguments") return {};
  const auto arguments = tree.children(call[1]);
  if (arguments.size() != 3 || rewrite::token_text(tree, arguments[0]) != receiver) return {};
  std::string classes = rewrite::token_text(tree, arguments[2]);
  if (classes.size() > 1 && classes.front() == '(' && classes.back() == ')') {
    classes = classes.substr(1, classes.size() - 2);
  }
  std::vector<std::string> result;
  size_t start = 0;
  while (start <= classes.size()) {
    const size_t comma = classes.find(',', start);
    const std::string part =
        trimmed(classes.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!part.empty()) {
      if (!dotted_names(part)) return {};
      result.push_back(part);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return result;
}

// The classes a clause's test narrows `receiver` to: the test itself, or an operand of its
// `and`.
std::vector<std::string> tested_classes(const SyntaxTree& tree, NodeId test,
                                        std::string_view receiver) {
  if (tree.kind_name(test) != "conjunction") return isinstance_classes(tree, test, receiver);
  for (NodeId operand : tree.children(test)) {
    if (tree.is_token(operand)) continue;
    auto classes = isinstance_classes(tree, operand, receiver);
    if (!classes.empty()) return classes;
  }
  return {};
}

}  // namespace

namespace {

// The read at `trailer` (a `.name` part of its primary) of `receiver`; nullopt where the
// trailer is not `.name`, names a dunder, or is a method called.
std::optional<AttributeRead> read_at(const SyntaxTree& tree, NodeId trailer,
                                     std::string_view receiver) {
  const auto parts = tree.children(trailer);
  if (parts.size() != 2 || tree.kind_name(parts[0]) != "DOT") return std::nullopt;
  std::string name = rewrite::token_text(tree, parts[1]);
  if (name.rfind("__", 0) == 0) return std::nullopt;
  const python::Node& node = tree.node(trailer);
  auto next_starts = [&](char c) {
    return node.next_sibling != kNoNode && tree.text(node.next_sibling).substr(0, 1) == std::string(1, c);
  };
  if (next_starts('(')) return std::nullopt;  // a method called
  const NodeId statement = tree.node(node.parent).parent;
  bool assigned = false;
  if (node.next_sibling == kNoNode && statement != kNoNode &&
      tree.kind_name(statement) == "expression_stmt") {
    const auto sides = tree.children(statement);
    assigned = sides.size() >= 2 && sides[0] == node.parent &&
               rewrite::token_text(tree, sides[1]).find('=') != std::string::npos;
  }
  return AttributeRead{trailer, receiver, std::move(name), assigned, next_starts('.')};
}

}  // namespace

AttributeReads attribute_reads(const SyntaxTree& tree) {
  AttributeReads found;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) != "primary") continue;
    const auto parts = tree.children(id);
    if (parts.size() < 2) continue;
    // The receiver of each part is the text of the parts before it: one text grows along
    // the primary, and stops growing once it is no longer a chain of names (nor can it be).
    std::string& chain = found.chains.emplace_back(rewrite::token_text(tree, parts[0]));
    std::vector<std::pair<NodeId, size_t>> trailers;  // (trailer, its receiver's length)
    // A chain of names stays one while each part added is `.name`: checked part by part.
    bool dotted = dotted_names(chain);
    for (size_t i = 1; i < parts.size() && dotted; ++i) {
      trailers.emplace_back(parts[i], chain.size());
      const std::string part = rewrite::token_text(tree, parts[i]);
      dotted = part.size() > 1 && part.front() == '.' && dotted_names(part.substr(1));
      chain += part;
    }
    for (const auto& [trailer, length] : trailers) {
      if (tree.kind_name(trailer) != "trailer") continue;
      if (auto read = read_at(tree, trailer, std::string_view(chain).substr(0, length))) {
        found.reads.push_back(std::move(*read));
      }
    }
  }
  std::sort(found.reads.begin(), found.reads.end(),
            [](const AttributeRead& a, const AttributeRead& b) { return a.trailer < b.trailer; });
  return found;
}

std::vector<std::string> narrowed_classes(const SyntaxTree& tree, NodeId node,
                                          std::string_view receiver) {
  for (NodeId at = tree.node(node).parent; at != kNoNode; at = tree.node(at).parent) {
    const std::string_view kind = tree.kind_name(at);
    if (kind == "function_def" || kind == "class_def" || kind == "lambdef") break;
    // The body of an `if` or `elif` (a block, or the one statement after the colon).
    const NodeId clause = tree.node(at).parent;
    if (clause == kNoNode) break;
    const std::string_view clause_kind = tree.kind_name(clause);
    if (clause_kind != "if_stmt" && clause_kind != "elif_clause") continue;
    const auto parts = tree.children(clause);
    if (parts.size() < 4 || parts[3] != at) continue;
    auto classes = tested_classes(tree, parts[1], receiver);
    if (!classes.empty()) return classes;
  }
  return {};
}

int assignments_of(const SyntaxTree& tree, NodeId scope, const std::string& target) {
  int count = 0;
  const python::Node& around = tree.node(scope);
  for (NodeId id = 0; id < tree.size(); ++id) {
    const python::Node& node = tree.node(id);
    if (node.begin < around.begin || node.end > around.end ||
        tree.kind_name(id) != "expression_stmt") {
      continue;
    }
    const auto parts = tree.children(id);
    // `= value`, `+= value`, `: T = value`
    if (parts.size() >= 2 && rewrite::token_text(tree, parts[0]) == target &&
        rewrite::token_text(tree, parts[1]).find('=') != std::string::npos) {
      ++count;
    }
  }
  return count;
}

}  // namespace switcheroo::convert
