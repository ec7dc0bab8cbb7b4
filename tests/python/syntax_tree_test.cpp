#include "python/parse.h"

#include <catch2/catch.hpp>

#include <sstream>

using switcheroo::python::kNoNode;
using switcheroo::python::NodeId;
using switcheroo::python::parse;
using switcheroo::python::ParseGoal;
using switcheroo::python::SyntaxTree;

namespace {

// Checks the invariants every tree must hold: links agree, children are in order and inside
// their parent, and tokens with their trivia tile the whole file.
void check_invariants(const SyntaxTree& tree) {
  uint32_t position = 0;
  for (NodeId id = 0; id < tree.size(); ++id) {
    const auto& node = tree.node(id);
    REQUIRE(node.trivia_begin <= node.begin);
    REQUIRE(node.begin <= node.end);
    if (id != tree.root()) REQUIRE(node.parent < id);
    for (NodeId child : tree.children(id)) {
      REQUIRE(tree.node(child).parent == id);
      REQUIRE(tree.node(child).begin >= node.begin);
      REQUIRE(tree.node(child).end <= node.end);
    }
    if (tree.is_token(id)) {
      REQUIRE(node.trivia_begin == position);
      position = node.end;
    }
  }
  REQUIRE(position == tree.source().bytes().size());
}

void check_round_trip(const std::string& source) {
  INFO(source);
  const SyntaxTree tree = parse(source);
  check_invariants(tree);
  CHECK(tree.to_source() == source);
}

}  // namespace

TEST_CASE("printing an untouched tree gives the source back", "[python][tree]") {
  for (const char* source : {
           "",
           "\n\n# just comments\n   \n",
           "\xEF\xBB\xBFx = 1  # bom\r\n",
           "x = 1\ry = 2\r",
           "a = [1,  # one\n     2]  \\\n\n",
           "if a: b; c;\nelse:\n\tpass",
           "@dec(1)\n@other\nasync def f[T: int, *Ts, **P](x, /, y=2, *, z) -> T:\n"
           "    async with (a as b, c):\n        await x\n    async for i in y: yield i\n",
           "class C[T](Base, metaclass=M):\n    x: int = 3\n    def f(self): return self.x\n",
           "type Alias[T] = list[T]\n",
           "try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\nfinally:\n    pass\n",
           "match p:\n    case {'k': [1, *rest]} | Point(x=0, y=_) as q if q:\n        pass\n"
           "    case -1 + 2j | 'a' 'b' | None:\n        pass\n",
           "f = lambda a, *b, c=1, **d: (yield)\nx = [y for a in b if c for d in e]\n"
           "s = {k: v async for k, v in w}\nt = {*a, *b}\ng = (i for i in j)\n",
           "print(f'{x!r:>{width}} {y=} {\"nested\" + f\"{z}\"}')\n",
           "global a, b\nnonlocal c\ndel a[0], b.c\nassert x, 'm'\n(w := 3)\nx[1:2, ::3, ...]\n",
           "x = not a if b else c or d and e is not f not in g\n",
           "from . import (a as b,\n    c,)\nfrom ..pkg.mod import *\nimport os.path as p\n",
       }) {
    check_round_trip(source);
  }
}

TEST_CASE("single-child rules are folded into their child", "[python][tree]") {
  const SyntaxTree tree = parse("x\n");
  // file_input > simple_stmts > atom > NAME, not the fourteen rules of the precedence chain.
  const NodeId statements = tree.children(tree.root()).front();
  CHECK(tree.kind_name(statements) == "simple_stmts");
  const NodeId atom = tree.children(statements).front();
  CHECK(tree.kind_name(atom) == "atom");
  CHECK(tree.text(atom) == "x");
}

TEST_CASE("nodes know their text, trivia and kind", "[python][tree]") {
  const SyntaxTree tree = parse("def f(a):  # c\n    return a + 1\n");
  NodeId function = tree.children(tree.root()).front();
  CHECK(tree.kind_name(function) == "function_def");
  CHECK(tree.text(function) == "def f(a):  # c\n    return a + 1\n");
  NodeId sum = kNoNode;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) == "sum") sum = id;
  }
  REQUIRE(sum != kNoNode);
  CHECK(tree.text(sum) == "a + 1");
  CHECK(tree.leading_trivia(sum) == " ");
  CHECK(SyntaxTree::kind_of("function_def") == tree.node(function).kind);
}

TEST_CASE("expressions parse as fragments", "[python][tree]") {
  const SyntaxTree tree = parse("torch.nn.functional.relu(x, inplace=True)", ParseGoal::expression);
  CHECK(tree.to_source() == "torch.nn.functional.relu(x, inplace=True)");
  CHECK(tree.kind_name(tree.children(tree.root()).front()) == "primary");
}
