#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

namespace {

// For each call of `X` in `text`, in order: may an expression of any precedence replace it bare?
std::vector<bool> stands_alone(const std::string& text) {
  const python::SyntaxTree tree = python::parse(text);
  std::vector<bool> found;
  for (const auto& call : rewrite::find_calls(tree)) {
    if (call.dotted_callee == "X") found.push_back(rewrite::call_stands_alone(tree, call));
  }
  return found;
}

}  // namespace

TEST_CASE("a call stands alone only as a whole value") {
  CHECK(stands_alone("a = X()\n") == std::vector<bool>{true});
  CHECK(stands_alone("def f():\n    return X()\n") == std::vector<bool>{true});
  CHECK(stands_alone("f(X(), k=X())\n") == std::vector<bool>{true, true});
  CHECK(stands_alone("a = [X(), y]\n") == std::vector<bool>{true});
  CHECK(stands_alone("g = lambda: X()\n") == std::vector<bool>{true});
}

TEST_CASE("a call that is called, indexed or an operand does not stand alone") {
  CHECK(stands_alone("a = X()(y) + b\n") == std::vector<bool>{false});
  CHECK(stands_alone("a = X()[0]\n") == std::vector<bool>{false});
  CHECK(stands_alone("a = X() * 2\n") == std::vector<bool>{false});
  CHECK(stands_alone("a = X() if c else z\n") == std::vector<bool>{false});
}
