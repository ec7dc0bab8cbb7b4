#include "convert/purity_scan.h"
#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

namespace {

// "line:column what" for each side effect of the function named `name`.
std::vector<std::string> effects(const std::string& text, const std::string& name) {
  const python::SyntaxTree tree = python::parse(text);
  const rewrite::NameResolver resolver(tree);
  std::vector<std::string> found;
  for (const auto& function : rewrite::find_functions(tree)) {
    if (function.name != name) continue;
    for (const auto& effect : convert::find_side_effects(tree, resolver, function.node)) {
      const auto where = tree.source().line_column(effect.offset);
      found.push_back(std::to_string(where.line) + ":" + std::to_string(where.column) + " " +
                      effect.what);
    }
  }
  return found;
}

}  // namespace

TEST_CASE("built-ins that talk to the outside are side effects, unless shadowed") {
  const std::string text =
      "def f(x, open=None):\n"
      "    print(x)\n"
      "    open('a')\n"
      "    y = input()\n"
      "    return len(x)\n";
  CHECK(effects(text, "f") == std::vector<std::string>{"2:5 'print'", "4:9 'input'"});
}

TEST_CASE("calls into the standard library's modules of side effects, through their imports") {
  const std::string text =
      "import random as r\n"
      "from os import path\n"
      "import mathlib\n"
      "def f(x):\n"
      "    a = r.random()\n"
      "    b = path.exists('x')\n"
      "    return mathlib.random() + a + b\n";
  CHECK(effects(text, "f") == std::vector<std::string>{"5:9 'random.random'",
                                                       "6:9 'os.path.exists'"});
}

TEST_CASE("global statements and writes through module-level names the function does not bind") {
  const std::string text =
      "STEPS = 0\n"
      "CACHE = {}\n"
      "LOCAL = []\n"
      "def f(x):\n"
      "    global STEPS\n"
      "    STEPS += 1\n"
      "    CACHE['x'] = x\n"
      "    LOCAL = [0]\n"
      "    LOCAL[0] = x\n"
      "    return x\n";
  CHECK(effects(text, "f") == std::vector<std::string>{"5:12 writing the global 'STEPS'",
                                                       "7:5 writing the global 'CACHE'"});
}

TEST_CASE("a pure function has no side effects") {
  CHECK(effects("import math\ndef f(x):\n    y = [x]\n    y[0] = math.sqrt(x)\n    return y\n",
                "f")
            .empty());
}
