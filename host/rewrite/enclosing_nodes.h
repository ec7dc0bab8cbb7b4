// Which of a set of nodes (class bodies, function bodies, class definitions) enclose a given
// node, found by walking up from that node instead of testing every member of the set: the
// cost is the depth of the node, not the size of the file.
#pragma once

#include "tree_query.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace switcheroo::rewrite {

class EnclosingNodes {
 public:
  /// Indexes `nodes`; results are positions in this vector. kNoNode entries are skipped.
  EnclosingNodes(const SyntaxTree& tree, const std::vector<NodeId>& nodes);

  /// The member nearest to `node` among those that hold it (`node` itself included).
  std::optional<std::size_t> innermost(NodeId node) const;
  /// Every member that holds `node`, innermost first.
  std::vector<std::size_t> all(NodeId node) const;

 private:
  const SyntaxTree& tree_;
  std::unordered_map<NodeId, std::size_t> position_;
};

/// The `body` of each definition (ClassDef, FunctionDef), in order.
template <class Definition>
std::vector<NodeId> bodies_of(const std::vector<Definition>& definitions) {
  std::vector<NodeId> bodies;
  bodies.reserve(definitions.size());
  for (const auto& definition : definitions) bodies.push_back(definition.body);
  return bodies;
}

}  // namespace switcheroo::rewrite
