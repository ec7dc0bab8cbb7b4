#include "weights/side_path.h"
#include "weights/weight_plan.h"

#include "core/diagnostics.h"
#include "weight_plan_support.h"

#include <catch2/catch.hpp>

namespace {

using switcheroo::AdapterTraits;
using switcheroo::weights::TensorLine;
using weight_test::layer_traits;
using weight_test::one_layer;
using weight_test::shape;
using weight_test::traits_of;

// Channels first, counters on its norms: names and layouts as the hub's.
const char* const kFirst = R"toml(traits-version = 2
framework = "first"
[weights]
formats = ["npz"]
[[weights.layer]]
ops = ["conv_transpose2d", "linear"]
parameters = [{ hub = "weight", name = "weight" }, { hub = "bias", name = "bias" }]
[[weights.layer]]
ops = ["batch_norm2d"]
parameters = [{ hub = "running_mean", name = "mean" }, { hub = "running_var", name = "var" },
              { name = "steps", with = "running_mean", dtype = "int64", fill = 0 }]
)toml";

// Channels last, a flipped transposed kernel, variables numbered, children under `layers/`.
const char* const kLast = R"toml(traits-version = 2
framework = "last"
[weights]
separator = "/"
sequential-child = "layers/{index}"
formats = ["npz"]
[[weights.layer]]
ops = ["conv_transpose2d"]
parameters = [{ hub = "weight", name = "kernel", flip = [2, 3], permute = [2, 3, 0, 1] }, { hub = "bias", name = "bias" }]
[[weights.layer]]
ops = ["linear"]
parameters = [{ hub = "weight", name = "vars/{position}", permute = [1, 0] }, { hub = "bias", name = "vars/{position}" }]
[[weights.layer]]
ops = ["batch_norm2d"]
parameters = [{ hub = "running_mean", name = "mean" }, { hub = "running_var", name = "var" }]
)toml";

// Net -> body (Sequential) -> [up (conv_transpose2d), norm (batch_norm2d)], head (linear without bias).
switcheroo::graph::ModelGraph graph() {
  using switcheroo::graph::Module;
  switcheroo::graph::ModelGraph model;
  model.file = "model.py";
  auto add = [&](std::string path, std::string name, std::string op, int parent,
                 std::vector<switcheroo::graph::ParameterShape> shapes) {
    Module module;
    module.path = std::move(path);
    module.name = std::move(name);
    module.op = module.kind = std::move(op);
    module.parent = parent;
    module.own_parameters.known = true;
    module.has_parameter_rules = !shapes.empty();
    module.parameter_shapes = std::move(shapes);
    module.location = "model.py:" + std::to_string(model.modules.size() + 3) + ":9";
    if (parent >= 0) model.modules[static_cast<size_t>(parent)].children.push_back(static_cast<int>(model.modules.size()));
    model.modules.push_back(std::move(module));
  };
  add("", "", "", -1, {});
  add("body", "body", "sequential", 0, {});
  add("body.0", "0", "conv_transpose2d", 1, {shape("weight", {8, 4, 3, 2}), shape("bias", {4})});
  add("body.1", "1", "batch_norm2d", 1, {shape("running_mean", {4}), shape("running_var", {4})});
  add("head", "head", "linear", 0, {shape("weight", {10, 4})});
  model.modules[0].kind = "Net";
  return model;
}

}  // namespace

TEST_CASE("a migration plan undoes one side's layout and applies the other's") {
  const AdapterTraits first = traits_of(kFirst);
  const AdapterTraits last = traits_of(kLast);
  const auto plan = switcheroo::weights::plan_migration(graph(), {&first}, {&last});
  REQUIRE(plan.layers.size() == 3);
  const TensorLine& kernel = plan.layers[0].lines[0];
  CHECK(kernel.source_key == "body.0.weight");
  CHECK(kernel.target_key == "body/layers/0/kernel");
  CHECK(kernel.source_dims == std::vector<int64_t>{8, 4, 3, 2});
  CHECK(kernel.target_dims == std::vector<int64_t>{3, 2, 8, 4});
  CHECK(kernel.permute == std::vector<int>{2, 3, 0, 1});
  CHECK(kernel.flip == std::vector<int>{0, 1});  // the hub's spatial axes, now first
  // The counter has no place on the target: dropped, after the tensors it can take.
  REQUIRE(plan.layers[1].lines.size() == 3);
  CHECK(plan.layers[1].lines[2].kind == TensorLine::Kind::drop);
  CHECK(plan.layers[1].lines[2].source_key == "body.1.steps");
  // No bias: the kernel is variable 0.
  REQUIRE(plan.layers[2].lines.size() == 1);
  CHECK(plan.layers[2].lines[0].target_key == "head/vars/0");
  CHECK(plan.tensors == 5);
}

TEST_CASE("back the other way, the flips cancel and the counter is filled") {
  const AdapterTraits first = traits_of(kFirst);
  const AdapterTraits last = traits_of(kLast);
  const auto plan = switcheroo::weights::plan_migration(graph(), {&last}, {&first});
  const TensorLine& kernel = plan.layers[0].lines[0];
  CHECK(kernel.source_key == "body/layers/0/kernel");
  CHECK(kernel.permute == std::vector<int>{2, 3, 0, 1});
  CHECK(kernel.flip == std::vector<int>{2, 3});
  CHECK(plan.layers[1].lines[2].kind == TensorLine::Kind::fill);
  CHECK(plan.layers[1].lines[2].target_key == "body.1.steps");
  CHECK(plan.layers[1].lines[2].dtype == "int64");
}

TEST_CASE("a layer a side has no names for is an error at the layer") {
  const AdapterTraits first = traits_of(kFirst);
  AdapterTraits last = traits_of(kLast);
  last.weights.layers.erase("batch_norm2d");
  CHECK(weight_test::plan_error(graph(), first, last) ==
        "model.py:6:9: error: 'body.1' is a 'batch_norm2d' layer, which the last adapter has no weight "
        "names for (its traits' [[weights.layer]]) [weights]");
}

TEST_CASE("weight traits are checked with line and column") {
  try {
    traits_of("traits-version = 2\nframework = \"x\"\n[[weights.layer]]\nops = [\"linear\"]\n"
              "parameters = [{ hub = \"weight\", name = \"w\", permute = [0, 0] }]\n");
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "mine:traits.toml:5:55: error: 'permute' must list each axis 0 to 1 once [adapter]");
  }
}

TEST_CASE("a framework's [weights.model] code must define load_into and save_from") {
  const AdapterTraits traits = traits_of("traits-version = 2\nframework = \"x\"\n[weights.model]\n"
                                         "load = \"def load_into(model, path):\\n    pass\\n\"\n");
  CHECK(traits.weights.model_load == "def load_into(model, path):\n    pass\n");
  CHECK(traits.weights.model_save.empty());
  try {
    traits_of("traits-version = 2\nframework = \"x\"\n[weights.model]\nsave = \"def save(model, path): pass\"\n");
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "mine:traits.toml:4:8: error: the [weights.model] save code must define save_from(model, path...) [adapter]");
  }
}

TEST_CASE("tensors a model class holds itself move as they are, parameters before buffers") {
  AdapterTraits first = traits_of(kFirst);
  AdapterTraits last = traits_of(kLast);
  first.weights.held_parameter = first.weights.held_buffer = "{name}";
  last.weights.held_parameter = "params/{name}";
  last.weights.held_buffer = "state/{name}";
  auto model = graph();
  switcheroo::graph::HeldTensor mask, token;
  static_cast<switcheroo::graph::ParameterShape&>(mask) = shape("mask", {4, 4});
  mask.buffer = true;
  static_cast<switcheroo::graph::ParameterShape&>(token) = shape("token", {1, 1, 4});
  model.modules[1].held_tensors = {mask, token};  // registered in this order
  model.modules[1].op.clear();
  const auto plan = switcheroo::weights::plan_migration(model, {&first}, {&last});
  REQUIRE(plan.layers.size() == 4);
  REQUIRE(plan.layers[0].lines.size() == 2);
  CHECK(plan.layers[0].op == "sequential (its own tensors)");
  CHECK(plan.layers[0].lines[0].source_key == "body.token");
  CHECK(plan.layers[0].lines[0].target_key == "body/params/token");
  CHECK(plan.layers[0].lines[0].permute.empty());
  CHECK(plan.layers[0].lines[1].target_key == "body/state/mask");
  CHECK(plan.layers[0].lines[1].target_dims == std::vector<int64_t>{4, 4});
  CHECK(plan.tensors == 7);

  // `{position}`: the place among the module's own tensors, parameters first (Keras's vars/N).
  last.weights.held_parameter = last.weights.held_buffer = "vars/{position}";
  const auto numbered = switcheroo::weights::plan_migration(model, {&first}, {&last});
  CHECK(numbered.layers[0].lines[0].target_key == "body/vars/0");
  CHECK(numbered.layers[0].lines[1].source_key == "body.mask");
  CHECK(numbered.layers[0].lines[1].target_key == "body/vars/1");

  last.weights.held_buffer.clear();
  try {
    switcheroo::weights::plan_migration(model, {&first}, {&last});
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "model.py:4:9: error: the last adapter has no place for buffer 'mask' that 'body' "
          "('sequential') "
          "holds itself (its traits' [weights] buffer) [weights]");
  }
}

// A fused recurrent layer of two gates: split per gate, its two biases folded into one, and back.
TEST_CASE("fused gates are cut into blocks and folded biases come back as their sum and zeros") {
  const AdapterTraits fused = layer_traits(
      "fused", "lstm",
      R"toml([{ hub = "w", name = "w" }, { hub = "b", name = "b" }, { hub = "c", name = "c" }])toml");
  const AdapterTraits gates = layer_traits("gates", "lstm", R"toml([
  { hub = "w", part = [0, 2], name = "a/kernel", permute = [1, 0] },
  { hub = "b", plus = ["c"], part = [0, 2], name = "a/bias" },
  { hub = "w", part = [1, 2], name = "z/kernel", permute = [1, 0] },
  { hub = "b", plus = ["c"], part = [1, 2], name = "z/bias" }])toml",
                                           "/");
  const auto model =
      one_layer("rnn", "lstm", {shape("w", {6, 5}), shape("b", {6}), shape("c", {6})});

  const auto there = switcheroo::weights::plan_migration(model, {&fused}, {&gates});
  REQUIRE(there.layers.size() == 1);
  REQUIRE(there.layers[0].lines.size() == 4);
  const TensorLine& kernel = there.layers[0].lines[2];
  CHECK(kernel.kind == TensorLine::Kind::compute);
  CHECK(kernel.target_key == "rnn/z/kernel");
  CHECK(kernel.target_dims == std::vector<int64_t>{5, 3});
  CHECK(kernel.permute == std::vector<int>{1, 0});
  REQUIRE(kernel.terms.size() == 1);
  CHECK(kernel.terms[0].pieces[0].source_key == "rnn.w");
  CHECK(kernel.terms[0].pieces[0].begin == 3);
  CHECK(kernel.terms[0].pieces[0].end == 6);
  const TensorLine& bias = there.layers[0].lines[3];
  REQUIRE(bias.terms.size() == 2);  // b + c, rows 3..6 of each
  CHECK(bias.terms[1].pieces[0].source_key == "rnn.c");
  CHECK(bias.terms[1].pieces[0].begin == 3);

  const auto back = switcheroo::weights::plan_migration(model, {&gates}, {&fused});
  REQUIRE(back.layers[0].lines.size() == 3);
  const TensorLine& joined = back.layers[0].lines[0];
  REQUIRE(joined.terms.size() == 1);
  REQUIRE(joined.terms[0].pieces.size() == 2);
  CHECK(joined.terms[0].pieces[1].source_key == "rnn/z/kernel");
  CHECK(joined.terms[0].pieces[1].source_dims == std::vector<int64_t>{5, 3});
  CHECK(joined.terms[0].pieces[1].to_hub == std::vector<int>{1, 0});
  CHECK(back.layers[0].lines[1].terms[0].pieces.size() == 2);  // b: the sums, joined
  const TensorLine& zeros = back.layers[0].lines[2];
  REQUIRE(zeros.terms.size() == 1);
  CHECK(zeros.terms[0].zeros);
  CHECK(zeros.terms[0].zeros_dims == std::vector<int64_t>{6});
  CHECK(back.tensors == 3);
}

TEST_CASE("class names in snake case follow the rule of a framework that names children by class") {
  using switcheroo::weights::snake_case;
  CHECK(snake_case("Dense") == "dense");
  CHECK(snake_case("Conv2D") == "conv2d");
  CHECK(snake_case("Conv2DTranspose") == "conv2d_transpose");
  CHECK(snake_case("BatchNormalization") == "batch_normalization");
  CHECK(snake_case("ReLU") == "re_lu");
  CHECK(snake_case("ResNetStage") == "res_net_stage");  // the runs match without overlapping
  CHECK(snake_case("MLP") == "mlp");
}

// A side that names a Sequential's children by class: numbered among siblings of the same class,
// whatever the hub op (two norms of one class), layers of other classes not counted.
TEST_CASE("container children named by class are numbered per class") {
  AdapterTraits first = traits_of(kFirst);
  AdapterTraits last = traits_of(kLast);
  last.weights.sequential_child = "layers/{class}";
  first.weights.layers["batch_norm1d"] = first.weights.layers["batch_norm2d"];
  last.weights.layers["batch_norm1d"] = last.weights.layers["batch_norm2d"];
  std::map<std::string, switcheroo::OpMapping> ops;
  ops["batch_norm1d"].api = ops["batch_norm2d"].api = "mine.layers.BatchNormalization";
  ops["batch_norm1d"].kind = ops["batch_norm2d"].kind = "layer";
  ops["linear"].api = "mine.layers.Dense";
  ops["linear"].kind = "layer";
  auto model = graph();
  auto norm = model.modules[3];
  norm.op = norm.kind = "batch_norm1d";
  norm.path = "body.2";
  norm.name = "2";
  model.modules[1].children.push_back(static_cast<int>(model.modules.size()));
  model.modules.push_back(norm);
  model.modules[2].op = model.modules[2].kind = "linear";  // a Dense first: not counted below
  model.modules[2].parameter_shapes = {shape("weight", {4, 3})};
  const auto plan = switcheroo::weights::plan_migration(model, {&first}, {&last, &ops});
  REQUIRE(plan.layers.size() == 4);
  CHECK(plan.layers[0].lines[0].target_key == "body/layers/dense/vars/0");
  CHECK(plan.layers[1].lines[0].target_key == "body/layers/batch_normalization/mean");
  CHECK(plan.layers[3].lines[0].target_key == "body/layers/batch_normalization_1/mean");

  ops.erase("batch_norm1d");
  try {
    switcheroo::weights::plan_migration(model, {&first}, {&last, &ops});
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "model.py:6:9: error: the last adapter names the layers of a 'sequential' by their class, and "
          "'body.2' ('batch_norm1d') has no class there (its spoke) [weights]");
  }
}

// A packed projection cut in two and each block's output axis split per head (the count from
// the layer's argument), and back: the heads joined, the blocks stacked.
TEST_CASE("an axis split per head is reshaped after the permutation and joined before it") {
  const AdapterTraits packed =
      layer_traits("packed", "multihead_attention", R"toml([{ hub = "w", name = "w" }])toml");
  const AdapterTraits heads = layer_traits("heads", "multihead_attention", R"toml([
  { hub = "w", part = [0, 2], name = "q/kernel", permute = [1, 0], split = { axis = 1, by = "num_heads" } },
  { hub = "w", part = [1, 2], name = "k/kernel", permute = [1, 0], split = { axis = 1, by = "num_heads" } }])toml",
                                           "/");
  auto model = one_layer("attention", "multihead_attention", {shape("w", {12, 5})});
  model.modules[1].arguments = {{"num_heads", "3", true}};

  const auto there = switcheroo::weights::plan_migration(model, {&packed}, {&heads});
  const TensorLine& key = there.layers[0].lines[1];
  CHECK(key.kind == TensorLine::Kind::compute);
  CHECK(key.target_dims == std::vector<int64_t>{5, 3, 2});
  CHECK(key.permute == std::vector<int>{1, 0});
  CHECK(key.reshape);
  CHECK(key.terms[0].pieces[0].begin == 6);

  const auto back = switcheroo::weights::plan_migration(model, {&heads}, {&packed});
  const TensorLine& joined = back.layers[0].lines[0];
  REQUIRE(joined.terms[0].pieces.size() == 2);
  CHECK(joined.terms[0].pieces[1].source_key == "attention/k/kernel");
  CHECK(joined.terms[0].pieces[1].source_dims == std::vector<int64_t>{5, 3, 2});
  CHECK(joined.terms[0].pieces[1].merged == std::vector<int64_t>{5, 6});
  CHECK(joined.terms[0].pieces[1].to_hub == std::vector<int>{1, 0});
  CHECK_FALSE(joined.reshape);

  model.modules[1].arguments = {{"num_heads", "heads", false}};
  try {
    switcheroo::weights::plan_migration(model, {&packed}, {&heads});
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "model.py:4:9: error: cannot split axis 1 of 'multihead_attention' parameter 'w' by 'num_heads', "
          "whose value is not known [weights]");
  }
}

TEST_CASE("a class deriving from a framework layer or container is planned as what it builds") {
  const AdapterTraits first = traits_of(kFirst);
  const AdapterTraits last = traits_of(kLast);
  switcheroo::graph::ModelGraph model = graph();
  // `class Body(nn.Sequential)` and `class Head(nn.Linear)`: classes of the file, no op of their own.
  model.modules[1].op.clear();
  model.modules[1].kind = "Body";
  model.modules[1].base_op = "sequential";
  model.modules[4].op.clear();
  model.modules[4].kind = "Head";
  model.modules[4].base_op = "linear";
  CHECK(switcheroo::weights::layer_op(model.modules[4]) == "linear");
  const auto plan = switcheroo::weights::plan_migration(model, {&first}, {&last});
  REQUIRE(plan.layers.size() == 3);
  CHECK(plan.layers[0].lines[0].target_key == "body/layers/0/kernel");  // a Sequential's children
  CHECK(plan.layers[2].op == "linear");
  CHECK(plan.layers[2].api == "Head");
  CHECK(plan.layers[2].lines[0].target_key == "head/vars/0");
  // Named by class, the class is the file's own.
  CHECK(switcheroo::weights::side_class(model.modules[4], {&last}) == "Head");
}

namespace {

// Traits naming a Linear's weight as the hub does (`weight`) or transposed (`kernel`), with images
// channels first or last.
AdapterTraits image_traits(const std::string& framework, const std::string& images, bool transposed) {
  return traits_of("traits-version = 2\nframework = \"" + framework + "\"\n[layouts]\nimages = \"" + images +
                   "\"\n[weights]\nformats = [\"npz\"]\n[[weights.layer]]\nops = [\"linear\"]\nparameters = [" +
                   (transposed ? R"({ hub = "weight", name = "kernel", permute = [1, 0] })"
                               : R"({ hub = "weight", name = "weight" })") +
                   ", { hub = \"bias\", name = \"bias\" }]\n");
}

// An image (2, 4, 2, 3) flattened, through a dropout, into `wide` (24 -> 24), then `head` (24 -> 3):
// only `wide` is fed the image; `head` is fed what `wide` computes.
switcheroo::graph::ModelGraph flattening_model() {
  using switcheroo::graph::Node;
  auto model = one_layer("wide", "linear", {shape("weight", {24, 24}), shape("bias", {24})});
  model.framework = "first";  // its flow's shapes are channels first
  switcheroo::graph::Module head = model.modules[1];
  head.path = head.name = "head";
  head.parameter_shapes = {shape("weight", {3, 24}), shape("bias", {3})};
  head.location = "model.py:5:9";
  model.modules[0].children.push_back(2);
  model.modules.push_back(head);
  auto node = [&](const std::string& op, int module, int input, std::vector<int64_t> dims) {
    Node added;
    added.op = op;
    added.module = module;
    if (input >= 0) added.inputs.push_back({input, 0});
    switcheroo::graph::OutputShape out;
    out.known = true;
    out.dims = std::move(dims);
    added.outputs.push_back(out);
    model.nodes.push_back(added);
  };
  node("input", -1, -1, {2, 4, 2, 3});
  node("flatten", -1, 0, {2, 24});
  node("dropout", -1, 1, {2, 24});
  node("linear", 1, 2, {2, 24});
  node("linear", 2, 3, {2, 3});
  return model;
}

}  // namespace

TEST_CASE("the rows of a Linear fed an image flattened follow each side's image layout") {
  const AdapterTraits first = image_traits("first", "channels-first", false);
  const AdapterTraits last = image_traits("last", "channels-last", true);
  const auto model = flattening_model();

  const auto there = switcheroo::weights::plan_migration(model, {&first}, {&last});
  REQUIRE(there.layers.size() == 2);
  const TensorLine& kernel = there.layers[0].lines[0];
  CHECK(kernel.kind == TensorLine::Kind::compute);
  CHECK(kernel.regroup.expanded == std::vector<int64_t>{24, 4, 2, 3});  // rows (C, H, W)
  CHECK(kernel.regroup.permute == std::vector<int>{0, 2, 3, 1});       // become (H, W, C)
  CHECK(kernel.regroup.dims == std::vector<int64_t>{24, 24});
  CHECK(kernel.permute == std::vector<int>{1, 0});
  CHECK(kernel.target_dims == std::vector<int64_t>{24, 24});
  CHECK(there.layers[0].lines[1].kind == TensorLine::Kind::move);  // the bias, one per output
  CHECK(there.layers[0].note ==
        "fed an image flattened, 4 channels of 2 x 3: its rows (C, H, W) in first, (H, W, C) in last");
  // `head` is fed `wide`'s output, of the same shape, but `wide` holds parameters.
  CHECK(there.layers[1].lines[0].kind == TensorLine::Kind::move);
  CHECK(there.layers[1].note.empty());

  const auto back = switcheroo::weights::plan_migration(model, {&last}, {&first});
  const TensorLine& weight = back.layers[0].lines[0];
  CHECK(weight.terms[0].pieces[0].to_hub == std::vector<int>{1, 0});
  CHECK(weight.regroup.expanded == std::vector<int64_t>{24, 2, 3, 4});  // rows (H, W, C)
  CHECK(weight.regroup.permute == std::vector<int>{0, 3, 1, 2});       // become (C, H, W)
  CHECK(weight.permute.empty());

  // Both sides flatten alike: the rows move as they are.
  const AdapterTraits also_first = image_traits("other", "channels-first", true);
  const auto alike = switcheroo::weights::plan_migration(model, {&first}, {&also_first});
  CHECK(alike.layers[0].lines[0].kind == TensorLine::Kind::move);
  CHECK(alike.layers[0].note.empty());
}

TEST_CASE("a layer fed images of two sizes flattened is an error at the layer") {
  const AdapterTraits first = image_traits("first", "channels-first", false);
  const AdapterTraits last = image_traits("last", "channels-last", true);
  auto model = flattening_model();
  // A second call of `wide` with an image (2, 6, 2, 2), also 24 features.
  model.nodes.push_back(model.nodes[0]);
  model.nodes.back().outputs[0].dims = {2, 6, 2, 2};
  model.nodes.push_back(model.nodes[1]);
  model.nodes.back().inputs = {{5, 0}};
  model.nodes.push_back(model.nodes[3]);
  model.nodes.back().inputs = {{6, 0}};
  try {
    switcheroo::weights::plan_migration(model, {&first}, {&last});
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format() ==
          "model.py:4:9: error: 'wide' is fed images of different sizes flattened, so the order of its "
          "weight's rows is not one [weights]");
  }
}

// Linear `a` (weight and bias) and Linear `b` (weight only), whose weight is tied to a's.
switcheroo::graph::ModelGraph tied_model() {
  switcheroo::graph::ModelGraph model = one_layer("a", "linear", {shape("weight", {4, 4}), shape("bias", {4})});
  model.framework = "first";
  switcheroo::graph::Module tied = model.modules[1];
  tied.path = tied.name = "b";
  tied.parameter_shapes = {shape("weight", {4, 4})};
  tied.location = "model.py:5:9";
  model.modules[0].children.push_back(2);
  model.modules.push_back(tied);
  model.ties.push_back({2, "weight", 1, "weight", "model.py:6:9"});
  return model;
}

TEST_CASE("a tied parameter is made from its owner's tensor and its own is checked against it") {
  switcheroo::graph::ModelGraph model = tied_model();
  const AdapterTraits first = traits_of(kFirst);
  const AdapterTraits last = traits_of(kLast);
  const auto there = switcheroo::weights::plan_migration(model, {&first}, {&last});
  REQUIRE(there.layers.size() == 2);
  REQUIRE(there.layers[1].lines.size() == 2);
  const TensorLine& made = there.layers[1].lines[0];
  CHECK(made.kind == TensorLine::Kind::move);
  CHECK(made.source_key == "a.weight");
  CHECK(made.target_key == "b/vars/0");
  CHECK(made.permute == std::vector<int>{1, 0});
  CHECK(made.comment == "tied at model.py:6:9: its 'weight' is 'a' 'weight' in first (one tensor), made from a.weight");
  const TensorLine& check = there.layers[1].lines[1];
  CHECK(check.kind == TensorLine::Kind::tie);
  CHECK(check.source_key == "b.weight");
  CHECK(check.target_key == "a.weight");
  CHECK(check.permute.empty());
  // Back: the tied target is made from the owner's kernel, the source's own kernel checked in
  // the owner's layout, which is its own.
  const auto back = switcheroo::weights::plan_migration(model, {&last}, {&first});
  CHECK(back.layers[1].lines[0].source_key == "a/vars/0");
  CHECK(back.layers[1].lines[0].target_key == "b.weight");
  CHECK(back.layers[1].lines[0].permute == std::vector<int>{1, 0});
  CHECK(back.layers[1].lines[1].source_key == "b/vars/0");
  CHECK(back.layers[1].lines[1].target_key == "a/vars/0");
  CHECK(back.layers[1].lines[1].permute.empty());
  // A tie between parameters whose hub shapes differ cannot be one tensor.
  model.modules[2].parameter_shapes = {shape("weight", {2, 8})};
  CHECK_THROWS_WITH(switcheroo::weights::plan_migration(model, {&first}, {&last}),
                    Catch::Contains("'b' parameter 'weight' is tied to 'a' parameter 'weight' at model.py:6:9, "
                                    "whose layout in the hub differs"));
}

// kLast with a Linear tied to a Linear's weight written as `call`.
std::string with_tied_layer(const std::string& call) {
  return std::string(kLast) +
         "[[weights.tied-layer]]\nop = \"linear\"\nparameter = \"weight\"\nowner = \"linear\"\n"
         "owner-parameter = \"weight\"\ncall = \"" + call + "\"\n";
}

TEST_CASE("a side that writes a tied layer as a call of its owner holds no tensor of it") {
  switcheroo::graph::ModelGraph model = tied_model();
  const AdapterTraits first = traits_of(kFirst);
  const AdapterTraits last = traits_of(with_tied_layer("{owner}.attend({input})"));
  REQUIRE(last.weights.tied_layers.size() == 1);
  CHECK(last.weights.tied_layer("linear", "weight", "linear", "weight") != nullptr);
  CHECK(last.weights.tied_layer("linear", "bias", "linear", "weight") == nullptr);
  // There: only the source's own tensor, checked against its owner's.
  const auto there = switcheroo::weights::plan_migration(model, {&first}, {&last});
  REQUIRE(there.layers.size() == 2);
  REQUIRE(there.layers[1].lines.size() == 1);
  CHECK(there.layers[1].lines[0].kind == TensorLine::Kind::tie);
  CHECK(there.layers[1].lines[0].source_key == "b.weight");
  CHECK(there.layers[1].lines[0].target_key == "a.weight");
  CHECK(there.layers[1].note ==
        "tied at model.py:6:9: last calls 'a' in its place ([[weights.tied-layer]]), so it has no tensor of its own there");
  // Back: the tied tensor made from the owner's, nothing of its own to check.
  const auto back = switcheroo::weights::plan_migration(model, {&last}, {&first});
  REQUIRE(back.layers[1].lines.size() == 1);
  CHECK(back.layers[1].lines[0].kind == TensorLine::Kind::move);
  CHECK(back.layers[1].lines[0].source_key == "a/vars/0");
  CHECK(back.layers[1].lines[0].target_key == "b.weight");
  // A layer holding more than the tied parameter is not written as a call.
  model.modules[2].parameter_shapes.push_back(shape("bias", {4}));
  const auto biased = switcheroo::weights::plan_migration(model, {&first}, {&last});
  CHECK(biased.layers[1].note.empty());
  CHECK(biased.layers[1].lines.size() == 3);
}

TEST_CASE("a tied layer's call must name the owner and the input once each") {
  CHECK_THROWS_WITH(traits_of(with_tied_layer("attend({input})")),
                    Catch::Contains("'call' must name {owner} once"));
  CHECK_THROWS_WITH(traits_of(with_tied_layer("{owner}.attend({input}, {input})")),
                    Catch::Contains("'call' must name {input} once"));
  CHECK(traits_of(with_tied_layer("{@keras.ops.matmul}({input}, {owner}.embeddings)"))
            .weights.tied_layers.front()
            .call == "{@keras.ops.matmul}({input}, {owner}.embeddings)");
}
