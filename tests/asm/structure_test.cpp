// Structuring of hand-built control-flow graphs: the tree of loops, branches and jumps.
#include "structure.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace lift = switcheroo::lift;
using lift::BlockEnd;
using lift::Node;

namespace {

lift::BasicBlock block(BlockEnd end, std::vector<int> successors) {
  lift::BasicBlock result;
  result.end = end;
  result.successors = std::move(successors);
  return result;
}

// A compact picture of a tree: B3 block, L{...} loop, I{then|else} branch, b/c/r jumps.
std::string shape(const Node& node) {
  switch (node.kind) {
    case Node::Kind::sequence: {
      std::string text;
      for (const auto& child : node.children) text += shape(child);
      return text;
    }
    case Node::Kind::block: return "B" + std::to_string(node.block);
    case Node::Kind::branch:
      return "I{" + shape(node.children[0]) + "|" + shape(node.children[1]) + "}";
    case Node::Kind::exit_if: return "X";
    case Node::Kind::loop: return "L{" + shape(node.children[0]) + "}";
    case Node::Kind::break_loop: return "b";
    case Node::Kind::continue_loop: return "c";
    case Node::Kind::return_kernel: return "r";
    case Node::Kind::state_machine: return "S";
  }
  return "?";
}

}  // namespace

TEST_CASE("if-else with a join", "[lift][structure]") {
  lift::ControlFlowGraph cfg;
  cfg.blocks = {block(BlockEnd::branch, {1, 2}), block(BlockEnd::jump, {3}),
                block(BlockEnd::fall_through, {3}), block(BlockEnd::exit, {})};
  const auto structured = lift::structure(cfg);
  CHECK(shape(structured.body) == "B0I{B1|B2}B3r");
  CHECK(structured.loop_count == 0);
}

TEST_CASE("guarded do-while loop", "[lift][structure]") {
  // 0: if taken skip to 3; 1: preheader; 2: body and latch back to 2; 3: exit.
  lift::ControlFlowGraph cfg;
  cfg.blocks = {block(BlockEnd::branch, {3, 1}), block(BlockEnd::fall_through, {2}),
                block(BlockEnd::branch, {2, 3}), block(BlockEnd::exit, {})};
  const auto structured = lift::structure(cfg);
  CHECK(shape(structured.body) == "B0I{|B1L{B2I{c|b}}}B3r");
  CHECK(structured.loop_count == 1);
  CHECK(structured.max_loop_depth == 1);
}

TEST_CASE("a conditional exit inside a loop becomes a return", "[lift][structure]") {
  lift::ControlFlowGraph cfg;
  cfg.blocks = {block(BlockEnd::fall_through, {1}), block(BlockEnd::conditional_exit, {2}),
                block(BlockEnd::branch, {1, 3}), block(BlockEnd::exit, {})};
  const auto structured = lift::structure(cfg);
  CHECK(shape(structured.body) == "B0L{B1XB2I{c|b}}B3r");
}

TEST_CASE("a second loop exit is written out in place before break", "[lift][structure]") {
  // Header 1 leaves to 4 (which then joins 3); latch 2 leaves to 3, the loop's follow.
  lift::ControlFlowGraph cfg;
  cfg.blocks = {block(BlockEnd::fall_through, {1}), block(BlockEnd::branch, {4, 2}),
                block(BlockEnd::branch, {1, 3}), block(BlockEnd::exit, {}),
                block(BlockEnd::jump, {3})};
  const auto structured = lift::structure(cfg);
  CHECK(shape(structured.body) == "B0L{B1I{B4b|B2I{c|b}}}B3r");
  CHECK(structured.loop_count == 1);
}

TEST_CASE("irreducible flow falls back to a state machine", "[lift][structure]") {
  lift::ControlFlowGraph cfg;
  cfg.blocks = {block(BlockEnd::branch, {1, 2}), block(BlockEnd::branch, {2, 3}),
                block(BlockEnd::jump, {1}), block(BlockEnd::exit, {})};
  const auto structured = lift::structure(cfg);
  CHECK(structured.state_machine);
  CHECK(shape(structured.body) == "S");
}

namespace {

// `depth` branches, each skipping the rest of the nest: block i branches to its closing block
// 2 * depth - i or falls into block i + 1; the closing blocks run in reverse, then exit.
lift::ControlFlowGraph nested_branches(int depth) {
  lift::ControlFlowGraph cfg;
  for (int i = 0; i < depth; ++i)
    cfg.blocks.push_back(block(BlockEnd::branch, {2 * depth - i, i + 1}));
  cfg.blocks.push_back(block(BlockEnd::fall_through, {depth + 1}));
  for (int i = depth + 1; i < 2 * depth; ++i)
    cfg.blocks.push_back(block(BlockEnd::fall_through, {i + 1}));
  cfg.blocks.push_back(block(BlockEnd::exit, {}));
  return cfg;
}

int nesting(const Node& node) {
  int deepest = 0;
  for (const auto& child : node.children) deepest = std::max(deepest, nesting(child));
  return deepest + (node.kind == Node::Kind::branch ? 1 : 0);
}

}  // namespace

TEST_CASE("branches nested deeper than 48 regions make the state machine", "[lift][structure]") {
  const auto shallow = lift::structure(nested_branches(40));
  CHECK_FALSE(shallow.state_machine);
  CHECK(nesting(shallow.body) == 40);
  // 5,000 nested branches took 232 s to write out before the bound (2026-12-07).
  for (int depth : {49, 5000}) {
    const auto deep = lift::structure(nested_branches(depth));
    CHECK(deep.state_machine);
    CHECK(shape(deep.body) == "S");
  }
}
