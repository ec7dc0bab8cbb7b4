// Edits over a lossless syntax tree, applied when the file is printed (like clang's Rewriter):
// the tree stays as parsed, each edit replaces a byte range of the source, and every byte no
// edit touches comes out exactly as it came in. print_checked() parses the result again, so a
// rewrite can never hand back invalid Python.
#pragma once

#include "python/syntax_tree.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

using python::NodeId;

/// An edit that cannot be applied: it overlaps an earlier one, or its result does not parse.
class RewriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Rewriter {
 public:
  explicit Rewriter(const python::SyntaxTree& tree) : tree_(tree) {}

  const python::SyntaxTree& tree() const { return tree_; }

  /// Replaces source bytes [begin, end) with `text`. An insertion (begin == end) may share its
  /// point with other insertions (they come out in the order made) but no edit may overlap
  /// another one's bytes. Throws RewriteError on overlap.
  void replace_range(uint32_t begin, uint32_t end, std::string text);

  /// Replaces a node's own text; its leading trivia (indentation, comments before it) stays.
  void replace(NodeId node, std::string text);
  /// Inserts text just before the node's own text (after its leading trivia).
  void insert_before(NodeId node, std::string text);
  /// Inserts text just after the node's text.
  void insert_after(NodeId node, std::string text);
  /// Removes a node's own text, keeping its leading trivia.
  void remove(NodeId node);

  bool changed() const { return !edits_.empty(); }
  /// Is non-empty text inserted at `offset`?
  bool inserts_at(uint32_t offset) const;
  /// Is [begin, end) inside a range replaced by nothing (a removed statement)?
  bool removes(uint32_t begin, uint32_t end) const;
  /// Where print() puts what: source bytes [begin, end) come out as `length` bytes of new text,
  /// in print order.
  struct Span {
    uint32_t begin;
    uint32_t end;
    uint32_t length;
  };
  std::vector<Span> spans() const;
  /// The file with every edit applied.
  std::string print() const;
  /// print(), parsed again; throws RewriteError with the syntax error when it is not Python.
  python::SyntaxTree print_checked() const;

 private:
  struct Edit {
    uint32_t begin;
    uint32_t end;
    std::string text;
  };
  const python::SyntaxTree& tree_;
  std::vector<Edit> edits_;  // sorted by begin, then by order made
};

}  // namespace switcheroo::rewrite
