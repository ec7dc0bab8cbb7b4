#include "convert/inplace_updates.h"
#include "python/parse.h"
#include "rewrite/tree_query.h"

#include <catch2/catch.hpp>

using namespace switcheroo;
using convert::InPlaceUpdate;
using convert::Sharing;
using Form = InPlaceUpdate::Form;

namespace {

// A framework whose in-place methods end in `_`: `add`, `mul`, `relu` and `abs` have
// out-of-place counterparts, `zero_` stores 0 and `fill_` its argument. Every receiver holds a
// tensor, and every name but `d` (a dict).
convert::InPlaceRules rules() {
  convert::InPlaceRules rules;
  rules.suffix = std::string(1, '_');  // not a literal: GCC 12 warns falsely (-Wrestrict)
  rules.stores = {{"zero_", "0"}, {"fill_", "{0}"}};
  rules.has_method = [](const std::string& method) {
    return method == "add" || method == "mul" || method == "relu" || method == "abs";
  };
  rules.tensor_receiver = [](python::NodeId) { return true; };
  return rules;
}

struct Found {
  python::SyntaxTree tree;
  std::vector<InPlaceUpdate> updates;
};

Found find(const std::string& text) {
  Found found{python::parse(text), {}};
  auto in_place = rules();
  in_place.tensor = [&](python::NodeId node) {
    return rewrite::token_text(found.tree, node) != "d";
  };
  found.updates = convert::find_in_place_updates(found.tree, in_place);
  return found;
}

}  // namespace

TEST_CASE("a chain of in-place methods on a name is one update of it", "[inplace]") {
  const auto found = find("t.mul_(2.0).add_(1.0)\n");
  REQUIRE(found.updates.size() == 1);
  const auto& update = found.updates[0];
  CHECK(update.form == Form::methods);
  CHECK(update.base == "t");
  CHECK(update.calls.size() == 2);
  CHECK(update.index == python::kNoNode);
  CHECK(update.sharing == Sharing::none);
}

TEST_CASE("a store on a view updates the base at the view's index", "[inplace]") {
  const auto found = find("out[:, -1].zero_()\nout[0].fill_(v)\n");
  REQUIRE(found.updates.size() == 2);
  CHECK(found.updates[0].base == "out");
  CHECK(rewrite::token_text(found.tree, found.updates[0].index) == "[:,-1]");
  CHECK(found.updates[0].store == "0");
  CHECK(found.updates[1].store == "{0}");
}

TEST_CASE("item assignments: plain, augmented and under a mask", "[inplace]") {
  const auto found = find("t[t < 0] = 0.0\nt[:, 0] += 1\nt[~m] *= 2\nd['k'] = 1\n");
  REQUIRE(found.updates.size() == 3);
  CHECK(found.updates[0].form == Form::item);
  CHECK(found.updates[0].mask);
  CHECK(found.updates[1].form == Form::augmented_item);
  CHECK(found.updates[1].operation == "+");
  CHECK_FALSE(found.updates[1].mask);
  CHECK(found.updates[2].mask);
  CHECK(found.updates[2].operation == "*");
}

TEST_CASE("an argument updated in place is shared with the caller until rebound", "[inplace]") {
  auto found = find("def f(x):\n    x.add_(1)\n");
  REQUIRE(found.updates.size() == 1);
  CHECK(found.updates[0].sharing == Sharing::argument);
  CHECK(found.updates[0].shared_with == "f");
  found = find("def f(x):\n    x = x * 2\n    x.add_(1)\n");
  REQUIRE(found.updates.size() == 1);
  CHECK(found.updates[0].sharing == Sharing::none);
}

TEST_CASE("another name bound to the array, or to a view of it, is an alias", "[inplace]") {
  auto found = find("def f():\n    t = g()\n    z = t\n    t.add_(1)\n");
  REQUIRE(found.updates.size() == 1);
  CHECK(found.updates[0].sharing == Sharing::alias);
  CHECK(found.updates[0].shared_with == "z");
  found = find("def f():\n    t = g()\n    row = t[0]\n    t[1] = 2\n");
  REQUIRE(found.updates.size() == 1);
  CHECK(found.updates[0].shared_with == "row");
  found = find("def f(a):\n    t = a\n    t.relu_()\n");
  REQUIRE(found.updates.size() == 1);
  CHECK(found.updates[0].shared_with == "a");
}

TEST_CASE("attributes are shared, those of self too (the engine knows module state)",
          "[inplace]") {
  const auto found = find("m.buf.add_(1)\nself.buf.add_(1)\nself.add_(1)\n");
  REQUIRE(found.updates.size() == 2);
  CHECK(found.updates[0].base == "m.buf");
  CHECK(found.updates[0].sharing == Sharing::attribute);
  CHECK(found.updates[1].base == "self.buf");
  CHECK(found.updates[1].sharing == Sharing::attribute);
}

TEST_CASE("temporaries and used values are told apart", "[inplace]") {
  const auto found = find(
      "def f(a, b):\n    g = (a - b).abs_()\n    return t.relu_().add_(1)\n"
      "def h():\n    return m.w.relu_()\n");
  REQUIRE(found.updates.size() == 3);
  CHECK(found.updates[0].form == Form::temporary);
  // A chain on a name is one update, rebindable by an assignment expression.
  CHECK(found.updates[1].form == Form::value_used);
  CHECK(found.updates[1].calls.size() == 2);
  CHECK(found.updates[1].plain_name);
  CHECK(found.updates[1].base == "t");
  // On an attribute it is not.
  CHECK(found.updates[2].form == Form::value_used);
  CHECK_FALSE(found.updates[2].plain_name);
  CHECK(found.updates[2].base == "m.w");
  CHECK(found.updates[2].sharing == Sharing::attribute);
}

TEST_CASE("an in-place function updates its first argument", "[inplace]") {
  Found found{python::parse("def f(x, y):\n    y = y * 2\n    torch.relu_(y)\n"
                            "    torch.relu_(x[0])\n    z = torch.relu_(y)\n"
                            "    torch.relu_(x - 1)\n    torch.relu(y)\n"),
              {}};
  auto in_place = rules();
  in_place.tensor = [](python::NodeId) { return true; };
  const python::SyntaxTree& tree = found.tree;
  auto of_torch = [&](python::NodeId trailer) {
    return rewrite::token_text(tree, tree.node(trailer).parent).rfind("torch.", 0) == 0;
  };
  in_place.tensor_receiver = [&](python::NodeId trailer) { return !of_torch(trailer); };
  in_place.in_place_function = [&](python::NodeId trailer) {
    const python::NodeId primary = tree.node(trailer).parent;
    if (rewrite::token_text(tree, primary).rfind("torch.relu_(", 0) != 0) return python::kNoNode;
    return tree.node(tree.node(trailer).first_child).next_sibling;
  };
  found.updates = convert::find_in_place_updates(tree, in_place);
  REQUIRE(found.updates.size() == 4);
  CHECK(found.updates[0].form == Form::methods);
  CHECK(found.updates[0].base == "y");
  CHECK(found.updates[0].sharing == Sharing::none);  // rebound before
  CHECK(found.updates[1].form == Form::methods);
  CHECK(found.updates[1].base == "x");
  REQUIRE(found.updates[1].index != python::kNoNode);
  CHECK(rewrite::token_text(tree, found.updates[1].index) == "[0]");
  CHECK(found.updates[1].sharing == Sharing::argument);
  CHECK(found.updates[2].form == Form::value_used);
  CHECK(found.updates[2].plain_name);
  CHECK(found.updates[3].form == Form::temporary);
}

TEST_CASE("methods without an out-of-place counterpart are not in-place updates", "[inplace]") {
  CHECK(find("t.unknown_()\nt.add(1)\nt.__init__()\n").updates.empty());
}

TEST_CASE("indexed updates are read through the source's templates", "[inplace]") {
  const auto tree = python::parse("x = y.at[1:2].add(v)\nx = y.at[1].set(v=2)\nx = y.at[0]\n");
  const auto found = convert::find_indexed_updates(
      tree,
      {{"set", "{array}.at[{index}].set({value})"}, {"add", "{array}.at[{index}].add({value})"}});
  REQUIRE(found.size() == 1);
  CHECK(found[0].target == "x");
  CHECK(found[0].update == "add");
  CHECK(rewrite::token_text(tree, found[0].value) == "v");
}

TEST_CASE("axis_index: one index of a later axis after full slices", "[inplace]") {
  const auto found = find(
      "a[:, 0] = 1\nb[:, :, i + 1] = 1\nc[:, -1] += 1\n"
      "d2[0] = 1\ne[:, 1:3] = 1\nf[..., 0] = 1\ng[:, 0, 1] = 1\nh[0, :] = 1\nk[:, m > 0] = 1\n");
  REQUIRE(found.updates.size() == 9);
  const auto axis_of = [&](size_t i) { return convert::axis_index(found.tree, found.updates[i].index); };
  REQUIRE(axis_of(0));
  CHECK(axis_of(0)->axis == 1);
  CHECK(rewrite::token_text(found.tree, axis_of(0)->at) == "0");
  REQUIRE(axis_of(1));
  CHECK(axis_of(1)->axis == 2);
  CHECK(rewrite::token_text(found.tree, axis_of(1)->at) == "i+1");
  REQUIRE(axis_of(2));
  CHECK(rewrite::token_text(found.tree, axis_of(2)->at) == "-1");
  // the first axis itself, a slice, an ellipsis, two indices, an index before a slice, a mask
  for (size_t i = 3; i < 9; ++i) CHECK_FALSE(axis_of(i));
}
