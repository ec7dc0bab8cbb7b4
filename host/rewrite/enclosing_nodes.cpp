#include "enclosing_nodes.h"

namespace switcheroo::rewrite {

EnclosingNodes::EnclosingNodes(const SyntaxTree& tree, const std::vector<NodeId>& nodes)
    : tree_(tree) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i] != python::kNoNode) position_.emplace(nodes[i], i);
  }
}

std::optional<std::size_t> EnclosingNodes::innermost(NodeId node) const {
  for (NodeId at = node; at != python::kNoNode; at = tree_.node(at).parent) {
    if (auto found = position_.find(at); found != position_.end()) return found->second;
  }
  return std::nullopt;
}

std::vector<std::size_t> EnclosingNodes::all(NodeId node) const {
  std::vector<std::size_t> found;
  for (NodeId at = node; at != python::kNoNode; at = tree_.node(at).parent) {
    if (auto entry = position_.find(at); entry != position_.end()) found.push_back(entry->second);
  }
  return found;
}

}  // namespace switcheroo::rewrite
