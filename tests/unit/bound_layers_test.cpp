#include "convert/bound_layers.h"
#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace switcheroo;

namespace {

struct Bound {
  python::SyntaxTree tree;
  std::optional<convert::BoundLayers> layers;

  std::vector<std::string> texts(const std::vector<python::NodeId>& nodes) const {
    std::vector<std::string> out;
    for (python::NodeId node : nodes) out.push_back(rewrite::token_text(tree, node));
    return out;
  }
};

// What `name` holds at its last use in the file's first function.
Bound bound(const std::string& text, const std::string& name, bool starred) {
  Bound found{python::parse(text), std::nullopt};
  const auto functions = rewrite::find_functions(found.tree);
  python::NodeId use = python::kNoNode;
  for (python::NodeId id = 0; id < found.tree.size(); ++id) {
    if (found.tree.kind_name(id) == "atom" && rewrite::token_text(found.tree, id) == name) use = id;
  }
  REQUIRE(use != python::kNoNode);
  found.layers = convert::bound_layers(found.tree, functions.at(0).node, use, starred);
  return found;
}

}  // namespace

TEST_CASE("a starred list display gives its items once each, in order", "[bound-layers]") {
  const auto found = bound("def f():\n    layers = [conv(3), bn(8), relu]\n    return Seq(*layers)\n",
                           "layers", true);
  REQUIRE(found.layers);
  CHECK(found.texts(found.layers->once) == std::vector<std::string>{"conv(3)", "bn(8)", "relu"});
  CHECK(found.layers->repeated.empty());
}

TEST_CASE("appended values may repeat, and a plain name gives its one value", "[bound-layers]") {
  const std::string text =
      "def f(n):\n    first = Block(1)\n    rest = []\n    for _ in range(n):\n"
      "        rest.append(Block(2))\n    return Seq(first, *rest)\n";
  const auto rest = bound(text, "rest", true);
  REQUIRE(rest.layers);
  CHECK(rest.layers->once.empty());
  CHECK(rest.texts(rest.layers->repeated) == std::vector<std::string>{"Block(2)"});
  const auto first = bound(text, "first", false);
  REQUIRE(first.layers);
  CHECK(first.texts(first.layers->once) == std::vector<std::string>{"Block(1)"});
}

TEST_CASE("any other use or binding leaves the name unknown", "[bound-layers]") {
  CHECK_FALSE(bound("def f():\n    xs = [a]\n    xs.extend([b])\n    return Seq(*xs)\n", "xs", true)
                  .layers);
  CHECK_FALSE(bound("def f():\n    xs = [a]\n    xs = [b]\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f():\n    xs = [a]\n    xs += [b]\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f(xs):\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f():\n    xs = [b for b in bs]\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f():\n    xs = [*a]\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f():\n    xs = make()\n    return Seq(*xs)\n", "xs", true).layers);
  CHECK_FALSE(bound("def f():\n    x = [a]\n    x.append(b)\n    return Seq(x)\n", "x", false).layers);
}
