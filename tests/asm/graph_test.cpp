// Dominators, post-dominators and natural loops on hand-built graphs.
#include "graph.h"

#include <catch2/catch.hpp>

using switcheroo::lift::Graph;
using switcheroo::lift::LoopForest;
namespace lift = switcheroo::lift;

TEST_CASE("diamond: the join is dominated by the entry and post-dominates it", "[lift][graph]") {
  const Graph graph{{{1, 2}, {3}, {3}, {}}, 0};
  const auto idom = lift::immediate_dominators(graph);
  CHECK(idom == std::vector<int>{0, 0, 0, 0});
  const auto ipdom = lift::immediate_post_dominators(graph, {});
  CHECK(ipdom == std::vector<int>{3, 3, 3, -1});
  CHECK(lift::find_loops(graph, idom).loops.empty());
}

TEST_CASE("unreachable nodes have no dominator", "[lift][graph]") {
  const Graph graph{{{1}, {}, {1}}, 0};
  const auto idom = lift::immediate_dominators(graph);
  CHECK(idom[2] == -1);
  CHECK(lift::reverse_postorder(graph) == std::vector<int>{0, 1});
}

TEST_CASE("a do-while loop with its latch branching back", "[lift][graph]") {
  // 0 -> 1 (header) -> 2 (latch) -> 1 | 3
  const Graph graph{{{1}, {2}, {1, 3}, {}}, 0};
  const LoopForest forest = lift::find_loops(graph, lift::immediate_dominators(graph));
  REQUIRE(forest.loops.size() == 1);
  CHECK(forest.loops[0].header == 1);
  CHECK(forest.loops[0].latches == std::vector<int>{2});
  CHECK(forest.loops[0].body == std::vector<int>{1, 2});
  CHECK(forest.reducible);
}

TEST_CASE("a rotated loop whose latch is laid out before its header", "[lift][graph]") {
  // Layout: 0 jumps to 2 (header); 1 (latch) falls into 2; 2 branches to 1 or exits to 3.
  const Graph graph{{{2}, {2}, {1, 3}, {}}, 0};
  const auto idom = lift::immediate_dominators(graph);
  CHECK(idom[1] == 2);
  const LoopForest forest = lift::find_loops(graph, idom);
  REQUIRE(forest.loops.size() == 1);
  CHECK(forest.loops[0].header == 2);
  CHECK(forest.loops[0].latches == std::vector<int>{1});
}

TEST_CASE("nested loops know their parent and depth", "[lift][graph]") {
  // 0 -> 1 (outer header) -> 2 (inner header) -> 3 (inner latch) -> 2 | 4 (outer latch) -> 1 | 5
  const Graph graph{{{1}, {2}, {3}, {2, 4}, {1, 5}, {}}, 0};
  const LoopForest forest = lift::find_loops(graph, lift::immediate_dominators(graph));
  REQUIRE(forest.loops.size() == 2);
  CHECK(forest.loops[0].header == 1);
  CHECK(forest.loops[0].depth == 1);
  CHECK(forest.loops[1].header == 2);
  CHECK(forest.loops[1].parent == 0);
  CHECK(forest.loops[1].depth == 2);
  CHECK(forest.innermost[3] == 1);
  CHECK(forest.innermost[4] == 0);
  CHECK(forest.innermost[5] == -1);
}

TEST_CASE("a loop with two exits keeps one body", "[lift][graph]") {
  // 1 is the header; 2 leaves to 4, 3 is the latch and leaves to 5.
  const Graph graph{{{1}, {2}, {3, 4}, {1, 5}, {5}, {}}, 0};
  const LoopForest forest = lift::find_loops(graph, lift::immediate_dominators(graph));
  REQUIRE(forest.loops.size() == 1);
  CHECK(forest.loops[0].body == std::vector<int>{1, 2, 3});
}

TEST_CASE("two back edges to one header make one loop", "[lift][graph]") {
  const Graph graph{{{1}, {2, 3}, {1}, {1, 4}, {}}, 0};
  const LoopForest forest = lift::find_loops(graph, lift::immediate_dominators(graph));
  REQUIRE(forest.loops.size() == 1);
  CHECK(forest.loops[0].latches == std::vector<int>{2, 3});
}

TEST_CASE("a cycle entered at two points is irreducible", "[lift][graph]") {
  // 0 branches to 1 and 2, which branch to each other.
  const Graph graph{{{1, 2}, {2, 3}, {1}, {}}, 0};
  const LoopForest forest = lift::find_loops(graph, lift::immediate_dominators(graph));
  CHECK_FALSE(forest.reducible);
}

namespace {

// `depth` loops nested in a chain: node i (a header) falls into i + 1; after the innermost,
// node depth + j is the latch of header depth - 1 - j, branching back to it or on outwards.
Graph nested_loops(int depth) {
  Graph graph{{}, 0};
  for (int i = 0; i < depth; ++i) graph.successors.push_back({i + 1});
  for (int j = 0; j < depth; ++j) graph.successors.push_back({depth - 1 - j, depth + j + 1});
  graph.successors.push_back({});
  return graph;
}

}  // namespace

TEST_CASE("loops nested too deep to list are not listed", "[lift][graph]") {
  const Graph shallow = nested_loops(100);
  const LoopForest forest = lift::find_loops(shallow, lift::immediate_dominators(shallow));
  CHECK(forest.loops.size() == 100);
  CHECK(forest.reducible);
  CHECK_FALSE(forest.too_deep);
  // 300 loops over 601 nodes would list 45,150 body entries, more than 64 a node (+ 4,096).
  const Graph deep = nested_loops(300);
  const LoopForest refused = lift::find_loops(deep, lift::immediate_dominators(deep));
  CHECK(refused.too_deep);
  CHECK_FALSE(refused.reducible);
  CHECK(refused.loops.empty());
  CHECK(refused.innermost == std::vector<int>(static_cast<size_t>(deep.size()), -1));
}
