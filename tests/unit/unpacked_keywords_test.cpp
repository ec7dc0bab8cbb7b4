#include "convert/unpacked_keywords.h"
#include "python/parse.h"

#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <string>

using namespace switcheroo;

namespace {

// The keywords of the first `**params` in `text`.
std::optional<std::set<std::string>> keywords(const std::string& text) {
  const python::SyntaxTree tree = python::parse(text);
  for (const auto& call : rewrite::find_calls(tree)) {
    for (const auto& argument : call.arguments.items) {
      if (argument.kind == rewrite::Argument::Kind::double_star) {
        return convert::unpacked_keywords(tree, rewrite::find_functions(tree), argument.value);
      }
    }
  }
  FAIL("no **params in the text");
  return std::nullopt;
}

using Keys = std::set<std::string>;

}  // namespace

TEST_CASE("a name bound once to dict displays passes their keys", "[unpacked-keywords]") {
  CHECK(keywords("def f(p, inplace=None):\n"
                 "    params = {} if inplace is None else {\"inplace\": inplace}\n"
                 "    return g(p, **params)\n") == Keys{"inplace"});
  CHECK(keywords("def f(p):\n"
                 "    params = {'a': [1, 2], \"b\": h(p, {3: 4})}\n"
                 "    return g(**params)\n") == Keys{"a", "b"});
  CHECK(keywords("def f(p, k):\n"
                 "    params = {} if k == 0 else {'a': 1} if k == 1 else {'b': (2, 3)}\n"
                 "    return g(**params)\n") == Keys{"a", "b"});
  CHECK(keywords("def f(p):\n    params = {}\n    return g(p, **params)\n") == Keys{});
}

TEST_CASE("keywords are unknown where the name may hold others", "[unpacked-keywords]") {
  // bound twice, changed in place, or read as an object
  CHECK(!keywords("def f(p):\n    params = {}\n    params = {'a': 1}\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {}\n    params['b'] = 2\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {}\n    params.update(q)\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {}\n    params |= q\n    return g(**params)\n"));
  CHECK(!keywords("def f(ps):\n    params = {}\n    for params in ps:\n        g(**params)\n"));
  // not dict displays with string keys
  CHECK(!keywords("def f(p):\n    params = dict(a=1)\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {k: 1}\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {'a': 1, **p}\n    return g(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {'a': 1} if p else q\n    return g(**params)\n"));
  // a parameter, a global, an attribute
  CHECK(!keywords("def f(params):\n    return g(**params)\n"));
  CHECK(!keywords("params = {}\ng(**params)\n"));
  CHECK(!keywords("def f(p):\n    params = {}\n    return g(**p.params)\n"));
}
