// Recurrent layers in weight plans: stacked layers and directions as cells of their own
// (`cells`), gate blocks in another order (`blocks`) and two biases kept as one tensor (`stack`).
#include "weights/weight_plan.h"

#include "core/diagnostics.h"
#include "weight_plan_support.h"

#include <catch2/catch.hpp>

namespace {

using switcheroo::AdapterTraits;
using weight_test::layer_traits;
using weight_test::one_layer;
using weight_test::shape;

// The hub's names as they are, for every layer and direction.
const char* const kHubNames = R"toml([
  { hub = "w_l0", name = "w_l0" }, { hub = "b_l0", name = "b_l0" },
  { hub = "w_l0_reverse", name = "w_l0_reverse" }, { hub = "b_l0_reverse", name = "b_l0_reverse" },
  { hub = "w_l1", name = "w_l1" }, { hub = "b_l1", name = "b_l1" },
  { hub = "w_l1_reverse", name = "w_l1_reverse" }, { hub = "b_l1_reverse", name = "b_l1_reverse" }])toml";

// One cell's names, repeated per layer and direction under paths of their own.
AdapterTraits cell_traits() {
  return layer_traits("cells", "lstm",
                      R"toml([{ hub = "w_l0", name = "cell/vars/{position}", permute = [1, 0] },
                              { hub = "b_l0", name = "cell/vars/{position}" }])toml",
                      "/",
                      R"toml(cells = { hub-layers = ["_l0", "_l1"], reverse = "_reverse", stack = ["layers/a", "layers/a_1"], stack-bidirectional = ["layers/bi", "layers/bi_1"], directions = ["fw", "bw"] })toml");
}

std::vector<switcheroo::graph::ParameterShape> cells(bool two_layers, bool bidirectional) {
  std::vector<switcheroo::graph::ParameterShape> shapes;
  for (const std::string layer : {"_l0", "_l1"}) {
    if (layer == "_l1" && !two_layers) continue;
    for (const std::string direction : {"", "_reverse"}) {
      if (!direction.empty() && !bidirectional) continue;
      shapes.push_back(shape("w" + layer + direction, {8, 3}));
      shapes.push_back(shape("b" + layer + direction, {8}));
    }
  }
  return shapes;
}

std::vector<std::string> target_keys(const switcheroo::weights::MigrationPlan& plan) {
  std::vector<std::string> keys;
  for (const auto& line : plan.layers.at(0).lines) keys.push_back(line.target_key);
  return keys;
}

}  // namespace

TEST_CASE("each layer and direction of a recurrent layer is a cell under a path of its own") {
  const AdapterTraits hub = layer_traits("hub", "lstm", kHubNames);
  const AdapterTraits named = cell_traits();
  using Keys = std::vector<std::string>;

  const auto one = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(false, false)), {&hub}, {&named});
  CHECK(target_keys(one) == Keys{"rnn/cell/vars/0", "rnn/cell/vars/1"});

  const auto stacked = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(true, false)), {&hub}, {&named});
  CHECK(target_keys(stacked) ==
        Keys{"rnn/layers/a/cell/vars/0", "rnn/layers/a/cell/vars/1", "rnn/layers/a_1/cell/vars/0", "rnn/layers/a_1/cell/vars/1"});
  CHECK(stacked.layers[0].lines[2].source_key == "rnn.w_l1");
  CHECK(stacked.layers[0].lines[2].permute == std::vector<int>{1, 0});

  const auto both = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(false, true)), {&hub}, {&named});
  CHECK(target_keys(both) == Keys{"rnn/fw/cell/vars/0", "rnn/fw/cell/vars/1", "rnn/bw/cell/vars/0", "rnn/bw/cell/vars/1"});
  CHECK(both.layers[0].lines[3].source_key == "rnn.b_l0_reverse");

  const auto all = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(true, true)), {&hub}, {&named});
  REQUIRE(all.layers[0].lines.size() == 8);
  CHECK(all.layers[0].lines[7].target_key == "rnn/layers/bi_1/bw/cell/vars/1");
  CHECK(all.layers[0].lines[7].source_key == "rnn.b_l1_reverse");

  const auto back = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(true, true)), {&named}, {&hub});
  CHECK(back.layers[0].lines[4].source_key == "rnn/layers/bi_1/fw/cell/vars/0");
  CHECK(back.layers[0].lines[4].target_key == "rnn.w_l1");
  CHECK(back.tensors == 8);
}

TEST_CASE("two directions without paths of their own: each direction of each layer one path") {
  const AdapterTraits hub = layer_traits("hub", "lstm", kHubNames);
  const AdapterTraits listed = layer_traits(
      "listed", "lstm", R"toml([{ hub = "w_l0", name = "Wx" }, { hub = "b_l0", name = "bias" }])toml", ".",
      R"toml(cells = { hub-layers = ["_l0", "_l1"], reverse = "_reverse", stack = ["0", "1"], stack-bidirectional = ["0", "1", "2", "3"] })toml");
  using Keys = std::vector<std::string>;

  const auto stacked = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(true, false)), {&hub}, {&listed});
  CHECK(target_keys(stacked) == Keys{"rnn.0.Wx", "rnn.0.bias", "rnn.1.Wx", "rnn.1.bias"});

  const auto both = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(false, true)), {&hub}, {&listed});
  CHECK(target_keys(both) == Keys{"rnn.0.Wx", "rnn.0.bias", "rnn.1.Wx", "rnn.1.bias"});
  CHECK(both.layers[0].lines[2].source_key == "rnn.w_l0_reverse");

  const auto all = switcheroo::weights::plan_migration(one_layer("rnn", "lstm", cells(true, true)), {&hub}, {&listed});
  REQUIRE(all.layers[0].lines.size() == 8);
  CHECK(all.layers[0].lines[4].target_key == "rnn.2.Wx");
  CHECK(all.layers[0].lines[4].source_key == "rnn.w_l1");
  CHECK(all.layers[0].lines[7].target_key == "rnn.3.bias");
  CHECK(all.layers[0].lines[7].source_key == "rnn.b_l1_reverse");
}

TEST_CASE("gate blocks in another order and two biases stacked as one tensor") {
  const AdapterTraits hub = layer_traits(
      "hub", "gru", R"toml([{ hub = "w", name = "w" }, { hub = "b", name = "b" }, { hub = "c", name = "c" }])toml");
  const AdapterTraits swapped = layer_traits("swapped", "gru", R"toml([
  { hub = "w", blocks = [1, 0, 2], name = "kernel", permute = [1, 0] },
  { hub = "b", stack = ["c"], blocks = [1, 0, 2], name = "bias" }])toml",
                                             "/");
  const auto model = one_layer("rnn", "gru", {shape("w", {6, 5}), shape("b", {6}), shape("c", {6})});

  const auto there = switcheroo::weights::plan_migration(model, {&hub}, {&swapped});
  REQUIRE(there.layers[0].lines.size() == 2);
  const auto& kernel = there.layers[0].lines[0];
  CHECK(kernel.target_dims == std::vector<int64_t>{5, 6});
  CHECK(kernel.permute == std::vector<int>{1, 0});
  REQUIRE(kernel.terms.size() == 1);
  REQUIRE(kernel.terms[0].pieces.size() == 3);  // hub rows 2..4, 0..2, 4..6
  CHECK(kernel.terms[0].pieces[0].begin == 2);
  CHECK(kernel.terms[0].pieces[1].begin == 0);
  CHECK(kernel.terms[0].pieces[2].begin == 4);
  const auto& bias = there.layers[0].lines[1];
  CHECK(bias.stack);
  CHECK(bias.target_dims == std::vector<int64_t>{2, 6});
  REQUIRE(bias.terms.size() == 2);
  CHECK(bias.terms[1].pieces[0].source_key == "rnn.c");
  CHECK(bias.terms[1].pieces[0].begin == 2);

  const auto back = switcheroo::weights::plan_migration(model, {&swapped}, {&hub});
  REQUIRE(back.layers[0].lines.size() == 3);
  const auto& c = back.layers[0].lines[2];
  CHECK(c.target_key == "rnn.c");
  REQUIRE(c.terms.size() == 1);
  REQUIRE(c.terms[0].pieces.size() == 3);
  CHECK(c.terms[0].pieces[0].source_key == "rnn/bias");
  CHECK(c.terms[0].pieces[0].source_dims == std::vector<int64_t>{2, 6});
  CHECK(c.terms[0].pieces[0].index == 1);
  CHECK(c.terms[0].pieces[0].begin == 2);  // hub block 0 is the source's block 1
  CHECK(back.layers[0].lines[0].terms[0].pieces[0].to_hub == std::vector<int>{1, 0});
  CHECK(back.tensors == 3);
}

TEST_CASE("a sum of the first blocks of a tensor whose last block another holds (plus-blocks)") {
  const AdapterTraits hub = layer_traits("hub", "gru", R"toml([{ hub = "bi", name = "bi" }, { hub = "bh", name = "bh" }])toml");
  const AdapterTraits folded = layer_traits("folded", "gru",
                                            R"toml([{ hub = "bi", plus = ["bh"], plus-blocks = [2, 3], name = "b" },
                                                    { hub = "bh", part = [2, 3], name = "bhn" }])toml");
  const auto graph = one_layer("rnn", "gru", {shape("bi", {6}), shape("bh", {6})});
  const auto there = switcheroo::weights::plan_migration(graph, {&hub}, {&folded});
  REQUIRE(there.layers.at(0).lines.size() == 2);
  const auto& b = there.layers[0].lines[0];
  CHECK(b.target_key == "rnn.b");
  REQUIRE(b.terms.size() == 2);
  REQUIRE(b.terms[1].pieces.size() == 2);
  CHECK(b.terms[1].pieces[0].source_key == "rnn.bh");
  CHECK(b.terms[1].pieces[0].end == 4);  // the first two blocks of three
  CHECK(b.terms[1].pieces[1].zeros == std::vector<int64_t>{2});
  const auto back = switcheroo::weights::plan_migration(graph, {&folded}, {&hub});
  REQUIRE(back.layers.at(0).lines.size() == 2);
  const auto& bh = back.layers[0].lines[1];
  CHECK(bh.target_key == "rnn.bh");
  REQUIRE(bh.terms.size() == 1);
  REQUIRE(bh.terms[0].pieces.size() == 3);
  CHECK(bh.terms[0].pieces[0].zeros == std::vector<int64_t>{2});
  CHECK(bh.terms[0].pieces[0].source_key == "rnn.b");
  CHECK(bh.terms[0].pieces[1].zeros == std::vector<int64_t>{2});
  CHECK(bh.terms[0].pieces[2].source_key == "rnn.bhn");
  CHECK(bh.terms[0].pieces[2].zeros.empty());
}

TEST_CASE("cells and blocks in weight traits are checked with line and column") {
  auto message = [](const std::string& parameters, const std::string& extra) {
    try {
      layer_traits("bad", "lstm", parameters, "/", extra);
    } catch (const switcheroo::Error& error) {
      return error.diagnostic().message;
    }
    return std::string("no error");
  };
  CHECK(message(R"toml([{ hub = "w", name = "w" }])toml", R"toml(cells = { hub-layers = ["_l0"], stack = [] })toml") ==
        "'cells' needs 'hub-layers' and a 'stack' path for each, and 'reverse' with two 'directions', "
        "or with a 'stack-bidirectional' path for each direction of each layer, or neither");
  CHECK(message(R"toml([{ hub = "w", name = "w" }])toml",
                R"toml(cells = { hub-layers = ["_l0"], reverse = "_reverse", stack = ["0"] })toml") ==
        "'cells' needs 'hub-layers' and a 'stack' path for each, and 'reverse' with two 'directions', "
        "or with a 'stack-bidirectional' path for each direction of each layer, or neither");
  CHECK(message(R"toml([{ hub = "w", name = "w" }])toml",
                R"toml(cells = { hub-layers = ["_l0", "_l1"], stack = ["a", "b"], stack-listed = ["a"] })toml") ==
        "'cells' needs a 'stack-listed' path for each of 'hub-layers', or none");
  CHECK(message(R"toml([{ hub = "w", name = "w", plus-blocks = [2, 3] }])toml", "") ==
        "'plus-blocks' must be [n, count] with 1 <= n < count, with 'plus'");
  CHECK(message(R"toml([{ hub = "w", name = "w", blocks = [0, 2] }])toml", "") ==
        "'blocks' must list each block 0 to n-1 once, n >= 2, and cannot go with 'part'");
  CHECK(message(R"toml([{ hub = "w", name = "w", stack = ["c"], permute = [1, 0] }])toml", "") ==
        "'stack' goes without 'plus' and 'permute'");
}
