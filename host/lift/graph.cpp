#include "graph.h"

#include <algorithm>
#include <utility>

namespace switcheroo::lift {
namespace {

// Postorder by an explicit stack, so deep graphs cannot overflow the call stack.
std::vector<int> postorder(const std::vector<std::vector<int>>& successors, int entry) {
  std::vector<int> order;
  if (entry < 0 || entry >= static_cast<int>(successors.size())) return order;
  std::vector<char> seen(successors.size(), 0);
  std::vector<std::pair<int, size_t>> stack{{entry, 0}};
  seen[entry] = 1;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < successors[node].size()) {
      const int successor = successors[node][next++];
      if (!seen[successor]) {
        seen[successor] = 1;
        stack.emplace_back(successor, 0);
      }
    } else {
      order.push_back(node);
      stack.pop_back();
    }
  }
  return order;
}

std::vector<int> dominator_tree(const std::vector<std::vector<int>>& successors,
                                const std::vector<std::vector<int>>& predecessors, int entry) {
  const std::vector<int> order = postorder(successors, entry);
  std::vector<int> number(successors.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) number[order[i]] = static_cast<int>(i);
  std::vector<int> idom(successors.size(), -1);
  idom[entry] = entry;
  auto intersect = [&](int a, int b) {
    while (a != b) {
      while (number[a] < number[b]) a = idom[a];
      while (number[b] < number[a]) b = idom[b];
    }
    return a;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const int node = *it;
      if (node == entry) continue;
      int candidate = -1;
      for (int predecessor : predecessors[node]) {
        if (number[predecessor] < 0 || idom[predecessor] < 0) continue;
        candidate = candidate < 0 ? predecessor : intersect(predecessor, candidate);
      }
      if (candidate != idom[node]) {
        idom[node] = candidate;
        changed = true;
      }
    }
  }
  return idom;
}

}  // namespace

std::vector<std::vector<int>> Graph::predecessors() const {
  std::vector<std::vector<int>> result(successors.size());
  for (int node = 0; node < size(); ++node)
    for (int successor : successors[node]) result[successor].push_back(node);
  return result;
}

std::vector<int> reverse_postorder(const Graph& graph) {
  std::vector<int> order = postorder(graph.successors, graph.entry);
  std::reverse(order.begin(), order.end());
  return order;
}

std::vector<int> immediate_dominators(const Graph& graph) {
  if (graph.size() == 0) return {};
  return dominator_tree(graph.successors, graph.predecessors(), graph.entry);
}

std::vector<int> immediate_post_dominators(const Graph& graph, const std::vector<int>& exits) {
  const int size = graph.size();
  const int virtual_exit = size;
  std::vector<std::vector<int>> reversed(size + 1), forward(size + 1);
  for (int node = 0; node < size; ++node) {
    for (int successor : graph.successors[node]) {
      reversed[successor].push_back(node);
      forward[node].push_back(successor);
    }
    const bool exits_here = graph.successors[node].empty() ||
                            std::find(exits.begin(), exits.end(), node) != exits.end();
    if (exits_here) {
      reversed[virtual_exit].push_back(node);
      forward[node].push_back(virtual_exit);
    }
  }
  std::vector<int> ipdom = dominator_tree(reversed, forward, virtual_exit);
  ipdom.pop_back();
  for (int& node : ipdom)
    if (node == virtual_exit) node = -1;
  return ipdom;
}

bool Loop::contains(int node) const {
  return std::binary_search(body.begin(), body.end(), node);
}

namespace {

// Entry and exit times of a depth-first walk of the dominator tree: `a` dominates `b` exactly
// when b's interval lies inside a's, which answers each query in constant time.
struct DominatorIntervals {
  std::vector<int> enter, leave;

  explicit DominatorIntervals(const std::vector<int>& idom) {
    const int size = static_cast<int>(idom.size());
    std::vector<std::vector<int>> children(idom.size());
    std::vector<int> roots;
    for (int node = 0; node < size; ++node) {
      if (idom[node] < 0) continue;
      if (idom[node] == node) {
        roots.push_back(node);
      } else {
        children[idom[node]].push_back(node);
      }
    }
    enter.assign(idom.size(), -1);
    leave.assign(idom.size(), -1);
    int clock = 0;
    std::vector<std::pair<int, size_t>> stack;
    for (int root : roots) {
      stack.emplace_back(root, 0);
      enter[root] = clock++;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        if (next < children[node].size()) {
          const int child = children[node][next++];
          enter[child] = clock++;
          stack.emplace_back(child, 0);
        } else {
          leave[node] = clock++;
          stack.pop_back();
        }
      }
    }
  }

  bool dominates(int a, int b) const {
    return enter[a] >= 0 && enter[b] >= 0 && enter[a] <= enter[b] && leave[b] <= leave[a];
  }
};

// What find_loops gives for loops nested too deep to list (LoopForest::too_deep).
LoopForest too_deep_forest(size_t nodes) {
  LoopForest forest;
  forest.reducible = false;
  forest.too_deep = true;
  forest.innermost.assign(nodes, -1);
  return forest;
}

}  // namespace

LoopForest find_loops(const Graph& graph, const std::vector<int>& idom) {
  LoopForest forest;
  forest.innermost.assign(graph.size(), -1);
  const auto predecessors = graph.predecessors();
  const std::vector<int> order = reverse_postorder(graph);
  std::vector<int> position(graph.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<int>(i);
  const DominatorIntervals dominance(idom);

  // Marks nodes already in the loop being collected: the loop's number, so the array is
  // shared by every loop without clearing it.
  std::vector<int> collected(graph.size(), -1);
  const size_t budget = 64 * static_cast<size_t>(graph.size()) + 4096;
  size_t listed = 0;
  for (int header : order) {
    Loop loop;
    loop.header = header;
    for (int source : predecessors[header]) {
      if (position[source] < 0) continue;
      if (dominance.dominates(header, source)) {
        loop.latches.push_back(source);
      } else if (position[source] >= position[header]) {
        forest.reducible = false;  // a retreating edge that is not a back edge
      }
    }
    if (loop.latches.empty()) continue;
    std::sort(loop.latches.begin(), loop.latches.end());
    const int mark = static_cast<int>(forest.loops.size());
    collected[header] = mark;
    loop.body.push_back(header);
    std::vector<int> work(loop.latches.begin(), loop.latches.end());
    while (!work.empty()) {
      const int node = work.back();
      work.pop_back();
      if (collected[node] == mark) continue;
      collected[node] = mark;
      loop.body.push_back(node);
      for (int predecessor : predecessors[node])
        if (position[predecessor] >= 0 && collected[predecessor] != mark)
          work.push_back(predecessor);
    }
    listed += loop.body.size();
    if (listed > budget) return too_deep_forest(static_cast<size_t>(graph.size()));
    std::sort(loop.body.begin(), loop.body.end());
    forest.loops.push_back(std::move(loop));
  }
  // Headers come in reverse postorder, so an enclosing loop precedes the loops it contains and
  // the innermost loop recorded for a header so far is its parent.
  for (size_t i = 0; i < forest.loops.size(); ++i) {
    Loop& loop = forest.loops[i];
    const int enclosing = forest.innermost[loop.header];
    if (enclosing >= 0) {
      loop.parent = enclosing;
      loop.depth = forest.loops[enclosing].depth + 1;
    }
    for (int node : loop.body) forest.innermost[node] = static_cast<int>(i);
  }
  return forest;
}

}  // namespace switcheroo::lift
