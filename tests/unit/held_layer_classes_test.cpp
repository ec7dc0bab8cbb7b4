#include "convert/held_layer_classes.h"
#include "python/parse.h"
#include "rewrite/names.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

using namespace switcheroo;

namespace {

// What each call of a plain name in the file constructs: callee -> class ("" for nothing).
std::map<std::string, std::string> constructed(const std::string& text) {
  const python::SyntaxTree tree = python::parse(text);
  const rewrite::NameResolver resolver(tree);
  const auto functions = rewrite::find_functions(tree);
  const convert::HeldLayerClasses held(tree, resolver, functions, [](const std::string& api) {
    return api == "torch.nn.Conv2d" || api == "torch.nn.BatchNorm2d";
  });
  std::map<std::string, std::string> found;
  for (const auto& call : rewrite::find_calls(tree)) {
    if (call.dotted_callee.empty() || call.dotted_callee.find('.') != std::string::npos) continue;
    found[call.dotted_callee] = held.constructed(call).value_or("");
  }
  return found;
}

}  // namespace

TEST_CASE("a parameter whose default names a layer class constructs it", "[held-layer-classes]") {
  const auto found = constructed(
      "import torch\nimport torch.nn as nn\n"
      "def block(c, conv_layer=torch.nn.Conv2d, norm=nn.BatchNorm2d, act=nn.ReLU, n=len):\n"
      "    return conv_layer(c, c, 3), norm(c), act(), n([])\n");
  CHECK(found.at("conv_layer") == "torch.nn.Conv2d");
  CHECK(found.at("norm") == "torch.nn.BatchNorm2d");
  CHECK(found.at("act").empty());  // not a layer class here
  CHECK(found.at("n").empty());
}

TEST_CASE("an assigned name, another function's call and a local class are not held",
          "[held-layer-classes]") {
  const auto found = constructed(
      "import torch.nn as nn\nclass Conv2d: pass\n"
      "def f(conv=nn.Conv2d, norm=nn.BatchNorm2d, local=Conv2d):\n"
      "    if conv is None:\n        conv = nn.Conv2d\n    return conv(1, 1, 1), local()\n"
      "def g(c):\n    return norm(c)\n");
  CHECK(found.at("conv").empty());
  CHECK(found.at("local").empty());
  CHECK(found.at("norm").empty());  // g has no such parameter
}
