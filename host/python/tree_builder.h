// Builds the compact node vector of a SyntaxTree from ANTLR's parse tree.
#pragma once

#include "source_text.h"
#include "syntax_tree.h"

#include <antlr4-runtime.h>

#include <memory>
#include <vector>

namespace switcheroo::python {

class TreeBuilder;

/// Makes `child` the child of `parent` after `previous` (kNoNode: the first child) in a node
/// vector being built; returns `child`.
NodeId link_child(std::vector<Node>& nodes, NodeId parent, NodeId previous, NodeId child);

/// The nodes of `tree` in source order, with byte ranges resolved against `source`. Every byte
/// of the source ends up in some token's text or leading trivia.
std::vector<Node> build_nodes(antlr4::ParserRuleContext& tree, const SourceText& source);

/// Builds the nodes of a whole file one top-level statement at a time, so that the parser's
/// contexts for a statement can be freed once it has been added: ANTLR makes about fifteen
/// of them per token, which made a 50,000-line file take hundreds of megabytes.
class FileTreeBuilder {
 public:
  /// `file_kind`: the rule index of `file_input`, the node every statement goes under.
  FileTreeBuilder(const SourceText& source, uint16_t file_kind);
  /// For statements parsed from code points [char_begin, char_end) of `source` alone, the
  /// first token's trivia starting at char_begin (see statement_run.h).
  FileTreeBuilder(const SourceText& source, uint16_t file_kind, std::size_t char_begin,
                  std::size_t char_end);
  ~FileTreeBuilder();

  /// Adds the next top-level statement; its parse tree is not used after this returns.
  void add_statement(antlr4::ParserRuleContext& statement);
  /// Adds the end of the file and returns the nodes, the file's node first.
  std::vector<Node> finish(antlr4::Token* end_of_file);
  /// Where the last token added ends (zero-width tokens add nothing), as a byte offset.
  uint32_t position() const;
  /// The nodes without an end of file: the file's node, first, is only the statements' parent.
  std::vector<Node> take_statements();

 private:
  static constexpr NodeId kFile = 0;
  std::unique_ptr<TreeBuilder> builder_;
  NodeId last_child_ = kNoNode;
};

}  // namespace switcheroo::python
