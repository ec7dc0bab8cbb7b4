// What the drawing emitters share (emitters/common/diagram.h): collapsing module calls below a
// depth, merging repeated blocks, telling shortcuts from parallel branches, and dot's layout.
#include "../../emitters/common/diagram.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace switcheroo::diagram;

namespace {

// Two blocks of the same class in a row; the first has parallel branches from its input, the
// second a residual around its layer.
const char* const kGraph = R"({
  "format": "switcheroo-model-graph", "version": 1, "model": "Net",
  "modules": [
    {"id": 0, "path": "", "kind": "Net", "arguments": {}, "parameters": 20},
    {"id": 1, "path": "a", "kind": "Block", "arguments": {}, "parameters": 10},
    {"id": 2, "path": "b", "kind": "Block", "arguments": {}, "parameters": 10},
    {"id": 3, "path": "a.q", "kind": "linear", "arguments": {"in_features": "4"}, "parameters": 5},
    {"id": 4, "path": "b.q", "kind": "linear", "arguments": {"in_features": "4"}, "parameters": 5}],
  "groups": [{"id": 0, "module": 0, "parent": null}, {"id": 1, "module": 1, "parent": 0},
             {"id": 2, "module": 2, "parent": 0}],
  "nodes": [
    {"id": 0, "op": "input", "module": null, "group": null, "inputs": [], "arguments": {},
     "outputs": [{"shape": [2, 4]}]},
    {"id": 1, "op": "linear", "module": 3, "group": 1, "inputs": [{"node": 0, "output": 0}],
     "arguments": {}, "outputs": [{"shape": [2, 4]}]},
    {"id": 2, "op": "relu", "module": null, "group": 1, "inputs": [{"node": 0, "output": 0}],
     "arguments": {}, "outputs": [{"shape": [2, 4]}]},
    {"id": 3, "op": "add", "module": null, "group": 1,
     "inputs": [{"node": 1, "output": 0}, {"node": 2, "output": 0}], "arguments": {},
     "outputs": [{"shape": [2, 4]}]},
    {"id": 4, "op": "linear", "module": 4, "group": 2, "inputs": [{"node": 3, "output": 0}],
     "arguments": {}, "outputs": [{"shape": null, "unknown": "why"}]},
    {"id": 5, "op": "add", "module": null, "group": 2,
     "inputs": [{"node": 3, "output": 0}, {"node": 4, "output": 0}], "arguments": {},
     "outputs": [{"shape": [2, 4]}]},
    {"id": 6, "op": "output", "module": null, "group": null, "inputs": [{"node": 5, "output": 0}],
     "arguments": {}, "outputs": []}]
})";

const Arrow& arrow(const Diagram& diagram, const std::string& from, const std::string& to) {
  for (const Arrow& candidate : diagram.arrows) {
    if (diagram.boxes[static_cast<size_t>(candidate.from)].title == from &&
        diagram.boxes[static_cast<size_t>(candidate.to)].title == to) {
      return candidate;
    }
  }
  FAIL("no arrow " << from << " -> " << to);
  throw std::logic_error("unreachable");
}

bool overlap(const Box& a, const Box& b) {
  return std::abs(a.center.x - b.center.x) < (a.width + b.width) / 2 &&
         std::abs(a.center.y - b.center.y) < (a.height + b.height) / 2;
}

}  // namespace

TEST_CASE("diagram: blocks below the depth are one box, repeated ones merged") {
  const Diagram diagram = build_diagram(kGraph, 0);
  REQUIRE(diagram.boxes.size() == 3);
  CHECK(diagram.boxes[1].title == "a x2");
  CHECK(diagram.boxes[1].group);
  CHECK(diagram.boxes[1].call == 1);
  CHECK(diagram.boxes[1].lines == std::vector<std::string>{"Block", "params 10"});
  CHECK(diagram.collapsed);
  CHECK(arrow(diagram, "input", "a x2").label == "2x4");
}

TEST_CASE("diagram: a shortcut is dashed, parallel branches are not") {
  const Diagram diagram = build_diagram(kGraph, 1);
  REQUIRE(diagram.boxes.size() == 7);
  CHECK_FALSE(diagram.collapsed);
  CHECK_FALSE(arrow(diagram, "input", "a.q").skip);
  CHECK_FALSE(arrow(diagram, "input", "relu").skip);
  CHECK(diagram.arrows.size() == 8);
  // add -> b.q -> add: the arrow from the first add straight to the second is the residual.
  size_t shortcuts = 0;
  for (const Arrow& each : diagram.arrows) shortcuts += each.skip ? 1 : 0;
  CHECK(shortcuts == 1);
  CHECK(arrow(diagram, "b.q", "add").label == "?");
  CHECK(diagram.boxes[1].within == std::vector<int>{1});
  CHECK(diagram.boxes[1].details == std::vector<std::string>{"in_features=4"});
  CHECK(diagram.boxes[1].input_shapes == std::vector<std::string>{"2x4"});
}

TEST_CASE("diagram: dot places boxes apart and labels every edge") {
  const Diagram diagram = build_diagram(kGraph, 1);
  for (size_t i = 0; i < diagram.boxes.size(); ++i) {
    for (size_t j = i + 1; j < diagram.boxes.size(); ++j) {
      CHECK_FALSE(overlap(diagram.boxes[i], diagram.boxes[j]));
    }
  }
  for (const Arrow& each : diagram.arrows) {
    CHECK(each.label_width > 0);
    CHECK(each.curve.size() >= 4);
    CHECK(each.label_center.x <= diagram.width);
  }
}

TEST_CASE("diagram: one level per depth until nothing is collapsed") {
  const auto levels = build_diagram_levels(kGraph, 8);
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].depth == 0);
  CHECK(levels[1].depth == 1);
  CHECK(build_diagram_levels(kGraph, 0).size() == 1);
}

TEST_CASE("diagram: a document that is no model graph is refused") {
  CHECK_THROWS_WITH(build_diagram("{\"format\": \"other\"}", 1),
                    "the document is not a switcheroo model graph");
  CHECK_THROWS_WITH(build_diagram("[", 1), Catch::Matchers::StartsWith("the graph is not JSON"));
}
