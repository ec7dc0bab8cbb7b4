// The lossless concrete syntax tree of a Python file.
//
// Nodes live in one vector, in source order (a parent before its children); they refer to each
// other by index. A node is either a grammar rule (statement, expression, ...) or a token.
// Every byte of the file belongs to exactly one token: the token's own text plus the layout in
// front of it (spaces, comments, line continuations, blank lines), its "leading trivia". The
// EOF token owns whatever follows the last statement. Printing every token with its trivia in
// order therefore gives the file back byte for byte.
//
// Rules with a single rule child are left out (an atom is not wrapped in the fourteen rules of
// the expression precedence chain), which keeps the tree small without losing any bytes.
#pragma once

#include "source_text.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::python {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

struct Node {
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId next_sibling = kNoNode;
  uint32_t trivia_begin = 0;  ///< byte offset where the leading trivia starts
  uint32_t begin = 0;         ///< byte offset of the first byte of the node's own text
  uint32_t end = 0;           ///< byte offset one past the node's text
  uint16_t kind = 0;          ///< see kind_name(); tokens have kinds >= token_kind_base()
};

class SyntaxTree {
 public:
  SyntaxTree(SourceText source, std::vector<Node> nodes);

  const SourceText& source() const { return source_; }
  NodeId root() const { return 0; }
  std::size_t size() const { return nodes_.size(); }
  const Node& node(NodeId id) const { return nodes_[id]; }

  bool is_token(NodeId id) const { return nodes_[id].kind >= token_kind_base(); }
  /// The grammar rule name ("function_def") or token name ("NAME", "INDENT") of a node.
  std::string_view kind_name(NodeId id) const { return kind_name_of(nodes_[id].kind); }
  /// The node's source text without its leading trivia.
  std::string_view text(NodeId id) const;
  /// The layout in front of the node's first token.
  std::string_view leading_trivia(NodeId id) const;
  /// The children of a node, in source order.
  std::vector<NodeId> children(NodeId id) const;

  /// Writes the file back from the tree: every token with its leading trivia.
  void print(std::ostream& out) const;
  std::string to_source() const;
  /// One line per node, indented by depth: rule nodes with their line:column range, tokens with
  /// their position, text and leading trivia. The format of `swhost parse --dump`.
  void dump(std::ostream& out) const;

  static uint16_t token_kind_base();
  static std::string_view kind_name_of(uint16_t kind);
  /// The kind of a rule or token name, or UINT16_MAX when there is none.
  static uint16_t kind_of(std::string_view name);

 private:
  SourceText source_;
  std::vector<Node> nodes_;
};

}  // namespace switcheroo::python
