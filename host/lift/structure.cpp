#include "structure.h"

#include <algorithm>
#include <stdexcept>

namespace switcheroo::lift {
namespace {

// Thrown inside the structurer when an edge has no structured form; caught in structure().
Node leaf(Node::Kind kind, int block = -1) {
  Node node;
  node.kind = kind;
  node.block = block;
  return node;
}

struct Unstructured : std::runtime_error {
  Unstructured() : std::runtime_error("unstructured control flow") {}
};

// Unstructured because it nests too deep (kMaxNesting, LoopForest::too_deep).
struct TooDeep : Unstructured {};

// Regions nested deeper than this make the kernel the state machine: CPython refuses more than
// 100 levels of indentation, and the passes after structuring rescan a block's lines for each
// block around it, so text nested n deep costs n^2 (5,000 nested branches took 232 s).
constexpr int kMaxNesting = kMaxStructuredNesting;

// One level of region nesting for as long as it lives; deeper than kMaxNesting throws.
class NestingLevel {
 public:
  explicit NestingLevel(int& depth) : depth_(depth) {
    if (depth_ >= kMaxNesting) throw TooDeep();
    ++depth_;
  }
  ~NestingLevel() { --depth_; }
  NestingLevel(const NestingLevel&) = delete;
  NestingLevel& operator=(const NestingLevel&) = delete;

 private:
  int& depth_;
};

class Structurer {
 public:
  explicit Structurer(const ControlFlowGraph& cfg)
      : cfg_(cfg),
        graph_(cfg.graph()),
        idom_(immediate_dominators(graph_)),
        ipdom_(immediate_post_dominators(graph_, cfg.exits())),
        forest_(find_loops(graph_, idom_)) {
    follow_.assign(forest_.loops.size(), -1);
    for (size_t i = 0; i < forest_.loops.size(); ++i)
      follow_[i] = choose_follow(static_cast<int>(i));
    header_of_.assign(graph_.size(), -1);
    for (size_t i = 0; i < forest_.loops.size(); ++i)
      header_of_[forest_.loops[i].header] = static_cast<int>(i);
  }

  const LoopForest& forest() const { return forest_; }

  Node run() {
    if (forest_.too_deep) throw TooDeep();
    if (!forest_.reducible) throw Unstructured();
    return region(0, -1, -1, false);
  }

 private:
  // The exit target the loop's `break` goes to: the one most exit edges lead to, earliest in
  // layout on a tie. Other exits are written out in place, followed by `break`.
  int choose_follow(int index) const {
    const Loop& loop = forest_.loops[index];
    std::vector<int> targets;
    for (int node : loop.body)
      for (int successor : graph_.successors[node])
        if (!loop.contains(successor)) targets.push_back(successor);
    if (targets.empty()) return -1;
    std::sort(targets.begin(), targets.end());
    int best = targets.front(), best_count = 0;
    for (size_t i = 0; i < targets.size();) {
      size_t j = i;
      while (j < targets.size() && targets[j] == targets[i]) ++j;
      if (static_cast<int>(j - i) > best_count) {
        best = targets[i];
        best_count = static_cast<int>(j - i);
      }
      i = j;
    }
    return best;
  }

  bool in_loop(int loop, int node) const { return loop < 0 || forest_.loops[loop].contains(node); }

  // Code from `node` until `stop` inside loop `loop` (-1: none). `at_header` is true when
  // `node` is the loop's header being entered, not a jump back to it.
  Node region(int node, int stop, int loop, bool at_header) {
    if (++emitted_ > 8 * static_cast<int>(cfg_.blocks.size()) + 64) throw Unstructured();
    const NestingLevel level(depth_);
    Node sequence;
    while (node >= 0 && node != stop) {
      if (loop >= 0 && node == forest_.loops[loop].header && !at_header) {
        sequence.children.push_back(leaf(Node::Kind::continue_loop));
        return sequence;
      }
      at_header = false;
      if (!in_loop(loop, node)) {
        if (node == follow_[loop]) {
          sequence.children.push_back(leaf(Node::Kind::break_loop));
          return sequence;
        }
        // Another exit of the loop: its code runs here, then leaves the loop.
        const int outer = forest_.loops[loop].parent;
        Node tail = region(node, follow_[loop], outer, false);
        // Python's break and continue only reach the innermost loop, which is this one.
        if (jumps_out(tail)) throw Unstructured();
        if (!ends_in_jump(tail)) tail.children.push_back(leaf(Node::Kind::break_loop));
        append(sequence, std::move(tail));
        return sequence;
      }
      if (header_of_[node] >= 0 && header_of_[node] != loop) {
        const int inner = header_of_[node];
        Node body = region(node, -1, inner, true);
        Node repeat = leaf(Node::Kind::loop);
        repeat.children.push_back(std::move(body));
        sequence.children.push_back(std::move(repeat));
        node = follow_[inner];
        if (node < 0) return sequence;
        continue;
      }
      const BasicBlock& block = cfg_.blocks[node];
      sequence.children.push_back(leaf(Node::Kind::block, node));
      switch (block.end) {
        case BlockEnd::exit:
          sequence.children.push_back(leaf(Node::Kind::return_kernel));
          return sequence;
        case BlockEnd::conditional_exit:
          sequence.children.push_back(leaf(Node::Kind::exit_if, node));
          node = block.successors[0];
          break;
        case BlockEnd::fall_through:
        case BlockEnd::jump: node = block.successors[0]; break;
        case BlockEnd::branch: {
          int merge = ipdom_[node];
          // Every path from `node` reaches its post-dominator, so both arms stop there; one
          // outside the current loop is reached only through break.
          if (merge >= 0 && !in_loop(loop, merge)) merge = -1;
          if (merge >= 0 && loop >= 0 && merge == forest_.loops[loop].header) merge = -1;
          Node branch = leaf(Node::Kind::branch, node);
          branch.children.push_back(region(block.successors[0], merge, loop, false));
          branch.children.push_back(region(block.successors[1], merge, loop, false));
          sequence.children.push_back(std::move(branch));
          if (merge < 0) return sequence;
          node = merge;
          break;
        }
      }
    }
    return sequence;
  }

  static bool ends_in_jump(const Node& sequence) {
    if (sequence.children.empty()) return false;
    const Node::Kind last = sequence.children.back().kind;
    return last == Node::Kind::break_loop || last == Node::Kind::continue_loop ||
           last == Node::Kind::return_kernel;
  }

  // Whether a break or continue in `node` leaves the Python loop it is written in.
  static bool jumps_out(const Node& node) {
    if (node.kind == Node::Kind::break_loop || node.kind == Node::Kind::continue_loop) return true;
    if (node.kind == Node::Kind::loop) return false;
    return std::any_of(node.children.begin(), node.children.end(),
                       [](const Node& child) { return jumps_out(child); });
  }

  static void append(Node& sequence, Node&& tail) {
    for (auto& child : tail.children) sequence.children.push_back(std::move(child));
  }

  const ControlFlowGraph& cfg_;
  Graph graph_;
  std::vector<int> idom_;
  std::vector<int> ipdom_;
  LoopForest forest_;
  std::vector<int> follow_;
  std::vector<int> header_of_;
  int emitted_ = 0;
  int depth_ = 0;  ///< regions being built, one inside the other
};

}  // namespace

StructuredKernel structure(const ControlFlowGraph& cfg) {
  StructuredKernel result;
  Structurer structurer(cfg);
  result.loop_count = static_cast<int>(structurer.forest().loops.size());
  for (const auto& loop : structurer.forest().loops)
    result.max_loop_depth = std::max(result.max_loop_depth, loop.depth);
  try {
    result.body = structurer.run();
  } catch (const TooDeep&) {
    result.state_machine = true;
    result.too_deep = true;
    result.body = leaf(Node::Kind::state_machine);
  } catch (const Unstructured&) {
    result.state_machine = true;
    result.body = leaf(Node::Kind::state_machine);
  }
  return result;
}

}  // namespace switcheroo::lift
