// Graph algorithms of the lifter on plain adjacency lists: depth-first orders, dominator and
// post-dominator trees (Cooper, Harvey and Kennedy's iterative algorithm), natural loops and
// the reducibility test. Nodes are 0..size-1; nothing here knows about instructions.
#pragma once

#include <vector>

namespace switcheroo::lift {

struct Graph {
  std::vector<std::vector<int>> successors;
  int entry = 0;

  int size() const { return static_cast<int>(successors.size()); }
  std::vector<std::vector<int>> predecessors() const;
};

/// Nodes reachable from the entry in reverse postorder.
std::vector<int> reverse_postorder(const Graph& graph);

/// Immediate dominators: idom[entry] == entry, -1 for nodes unreachable from the entry.
std::vector<int> immediate_dominators(const Graph& graph);

/// Immediate post-dominators, with every node in `exits` (and every node without successors)
/// flowing into one virtual exit; -1 where the virtual exit itself is the post-dominator or the
/// node cannot reach an exit.
std::vector<int> immediate_post_dominators(const Graph& graph, const std::vector<int>& exits);

struct Loop {
  int header = -1;
  std::vector<int> latches;  ///< sources of the back edges, sorted
  std::vector<int> body;     ///< every node of the loop, header included, sorted
  int parent = -1;           ///< index of the innermost enclosing loop, -1 at top level
  int depth = 1;             ///< 1 for an outermost loop

  bool contains(int node) const;
};

struct LoopForest {
  std::vector<Loop> loops;  ///< outer loops before the loops they contain
  bool reducible = true;    ///< false when a retreating edge enters a loop not at its header
  /// The loops nest so deep that listing their bodies would cost more than 64 entries a node
  /// (each loop lists every node inside it, so n loops nested in n nodes would hold n^2): then
  /// `loops` is empty and `reducible` false, and the kernel is written as the state machine.
  bool too_deep = false;
  /// Innermost loop of each node, -1 outside every loop.
  std::vector<int> innermost;
};

/// Natural loops of a graph (back edges to the same header merged into one loop).
LoopForest find_loops(const Graph& graph, const std::vector<int>& idom);

}  // namespace switcheroo::lift
