// The model graph's parts: the interpreter on plain Python, the hub's shape rules, and the
// graph of a small model written for a made-up framework ("toy"), whose adapter data is given
// here: the builder knows frameworks only through their traits and spokes.
#include "core/adapter_data.h"
#include "graph/builder.h"
#include "graph/image_layouts.h"
#include "graph/interpreter.h"
#include "graph/shape_rules.h"

#include <catch2/catch.hpp>

using namespace switcheroo;
using namespace switcheroo::graph;

namespace {

ValuePtr run(const std::string& expression, std::map<std::string, ValuePtr> names = {}) {
  Interpreter interpreter("test.py", nullptr);
  for (auto& [name, value] : names) interpreter.globals().names[name] = value;
  return interpreter.evaluate(*parse_expression(expression), interpreter.globals());
}

std::string literal(const ValuePtr& value) {
  return value->is_unknown() ? "unknown: " + value->text : literal_text(*value);
}

ValuePtr rule(const std::string& op, std::map<std::string, ValuePtr> bindings) {
  const ShapeRule* found = builtin_shape_rules().find(op);
  REQUIRE(found != nullptr);
  return ShapeRules::evaluate(*found->out, bindings);
}

const char* const kToyTraits = R"(traits-version = 2
framework = "toy"

[module]
base-class = "toy.Module"
forward-method = "run"
constructor = "build"
init-calls-super = false
training = { reads = "attribute", name = "training" }

[[weights.layer]]
ops = ["linear"]
parameters = [{ hub = "weight", name = "kernel", permute = [1, 0] }, { hub = "bias", name = "bias" }]
)";

const char* const kToySpoke = R"toy([ops]
linear = { api = "toy.Dense", kind = "layer", args = { in_features = "inputs", out_features = "units" } }
conv2d = { api = "toy.Conv", kind = "layer", args = { in_channels = "inputs", out_channels = "filters", kernel_size = "size" } }
sequential = { api = "toy.Chain", kind = "layer", varargs = "layers" }
relu = { api = "toy.relu" }
flatten = { api = "toy.flatten", args = { start_axis = "first" } }
add = { api = "toy.add" }
matmul = { api = "toy.matmul" }
pad = { api = "toy.pad", args = { pad_width = "widths" }, hook = "pad_pairs" }
zeros = { api = "toy.zeros", varargs = "shape" }
parameter = { api = "toy.Param", kind = "class" }
max_pool2d = { api = "toy.max_pool", args = { input = "inputs", kernel_size = "window", stride = "strides" }, layout = { input = "NHWC" }, hook = "pool_window" }
mean = { api = "toy.mean" }
global_avg_pool2d = { api = "toy.mean", layout = { input = "NHWC" }, inject = { axis = "(1, 2)", keepdims = "True" } }
"conv2d/last" = { api = "toy.ConvLast", kind = "layer", args = { in_channels = "inputs", out_channels = "filters", kernel_size = "size" }, layout = { input = "NHWC" } }
weight_norm = { api = "toy.normed", args = { name = "param", axis = "keep" }, positional = ["module"] }
buffer = { api = "toy.Module.keep", gap = "not converted: the graph reads it all the same" }
)toy";

ModelGraph toy_graph(const std::string& source, const std::string& arguments,
                     std::vector<int64_t> shape) {
  static const AdapterData data = parse_adapter_data("toy", kToyTraits, kToySpoke);
  DrawRequest request;
  request.file = "model.py";
  request.source = source;
  request.framework = "toy";
  request.adapter = &data;
  request.arguments = arguments;
  request.class_name = "Net";
  request.input_shapes = {std::move(shape)};
  return build_model_graph(request);
}

}  // namespace

TEST_CASE("the interpreter evaluates the Python models are built with") {
  CHECK(literal(run("[i * 2 for i in range(3)]")) == "[0, 2, 4]");
  CHECK(literal(run("(1, 2) + (3,)")) == "(1, 2, 3)");
  CHECK(literal(run("'block%d' % (4 + 1)")) == "'block5'");
  CHECK(literal(run("f'layer_{n}'", {{"n", make_int(3)}})) == "'layer_3'");
  CHECK(literal(run("7 // 2 if x is None else 0", {{"x", make_none()}})) == "3");
  CHECK(literal(run("-7 // 2")) == "-4");
  CHECK(literal(run("max([3, 9, 4])")) == "9");
  CHECK(literal(run("[a for a, b in zip([1, 2], [3, 4])]")) == "[1, 2]");
}

TEST_CASE("what cannot be known stays unknown, with the reason") {
  const ValuePtr unknown = make_unknown("'weights' is not known");
  CHECK(literal(run("x + 1", {{"x", unknown}})) == "unknown: 'weights' is not known");
  CHECK(run("1 if x else 2", {{"x", unknown}})->is_unknown());
  CHECK(run("undefined_name")->text == "'undefined_name' is not defined in the file");
}

TEST_CASE("shape rules give the shapes the hub's operations produce") {
  const auto image = make_shape({1, 3, 224, 224});
  CHECK(literal(rule("conv2d", {{"input", image}, {"out_channels", make_int(64)},
                                {"kernel_size", make_int(7)}, {"stride", make_int(2)},
                                {"padding", make_int(3)}, {"dilation", make_int(1)}})) ==
        "(1, 64, 112, 112)");
  // Ceil mode keeps the last partial window unless it starts in the padding.
  CHECK(literal(rule("max_pool2d", {{"input", make_shape({1, 8, 7, 7})}, {"kernel_size", make_int(2)},
                                    {"stride", make_none()}, {"padding", make_int(0)},
                                    {"dilation", make_int(1)}, {"ceil_mode", make_bool(true)}})) ==
        "(1, 8, 4, 4)");
  CHECK(literal(rule("add", {{"input", make_shape({4, 1, 3})}, {"other", make_shape({5, 1})}})) ==
        "(4, 5, 3)");
  CHECK(literal(rule("reshape", {{"input", make_shape({2, 3, 4})}, {"shape", make_shape({2, -1})}})) ==
        "(2, 12)");
  CHECK(literal(rule("chunk", {{"input", make_shape({2, 10})}, {"chunks", make_int(3)}, {"axis", make_int(-1)}})) ==
        "[(2, 4), (2, 4), (2, 2)]");
  CHECK(literal(rule("matmul", {{"input", make_shape({2, 4, 5})}, {"other", make_shape({3, 1, 5, 6})}})) ==
        "(3, 2, 4, 6)");
  CHECK(literal(rule("add", {{"input", make_shape({4, 3})}, {"other", make_shape({5})}})) ==
        "unknown: shapes that do not broadcast");
  CHECK(rule("linear", {{"input", make_unknown("the input is not known")},
                        {"out_features", make_int(3)}})->text == "the input is not known");
}

TEST_CASE("every built-in shape rule parses") {
  CHECK_NOTHROW(builtin_shape_rules().check_all());
}

TEST_CASE("a rule that does not parse is refused with its location when first used") {
  const ShapeRules rules("rules.toml", "rules-version = 1\n[ops]\nrelu = { out = \"input[\" }\n",
                         builtin_hub());
  try {
    rules.find("relu");
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "rules.toml:3:1: error: the rule of 'relu' is not a Python expression [kb]");
  }
  CHECK_THROWS_AS(rules.check_all(), Error);
}

TEST_CASE("a rule for an operation the hub does not have is refused with its location") {
  try {
    ShapeRules rules("rules.toml", "rules-version = 1\n[ops]\nno_such_op = { out = \"input\" }\n",
                     builtin_hub());
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "rules.toml:3:1: error: 'no_such_op' is not a hub operation [kb]");
  }
}

TEST_CASE("the graph of a model follows the adapter's conventions") {
  const ModelGraph graph = toy_graph(R"(import toy

class Block(toy.Module):
    def build(self, width):
        self.dense = toy.Dense(width, width)

    def run(self, x):
        return toy.add(x, toy.relu(self.dense(x)))


class Net(toy.Module):
    def build(self, inputs, width, depth=2):
        self.stem = toy.Dense(inputs, width)
        self.blocks = toy.Chain(*[Block(width) for _ in range(depth)])
        self.head = toy.Dense(width, 3)

    def run(self, x):
        x = self.blocks(self.stem(x))
        if self.training:
            x = x * 2
        return self.head(x)
)",
                                     "4, width=8", {5, 4});
  REQUIRE(graph.modules.size() == 8);
  CHECK(graph.model == "Net");
  CHECK(graph.modules[0].parameters.count == 40 + 2 * 72 + 27);
  CHECK(graph.modules[4].path == "blocks.0.dense");
  CHECK(graph.modules[4].op == "linear");
  std::vector<std::string> ops;
  for (const auto& node : graph.nodes) ops.push_back(node.op);
  CHECK(ops == std::vector<std::string>{"input", "linear", "linear", "relu", "add", "linear",
                                        "relu", "add", "linear", "output"});
  CHECK(graph.nodes[8].outputs[0].dims == std::vector<int64_t>{5, 3});
  CHECK(graph.nodes[4].inputs.size() == 2);
}

TEST_CASE("a layer's parameters that cannot be counted are unknown, not guessed") {
  const ModelGraph graph = toy_graph(R"(import toy
from elsewhere import Mystery

class Net(toy.Module):
    def build(self):
        self.dense = toy.Dense(4, 4)
        self.mystery = Mystery(4)

    def run(self, x):
        return self.mystery(self.dense(x))
)",
                                     "", {2, 4});
  CHECK_FALSE(graph.modules[0].parameters.known);
  CHECK(graph.modules[0].parameters.reason ==
        "attribute 'mystery' is not known: 'elsewhere.Mystery' has no mapping in the 'toy' spoke");
  CHECK(graph.nodes[2].op == "unknown");
  CHECK_FALSE(graph.nodes[2].outputs[0].known);
}

TEST_CASE("code that raises with the given arguments is an error at the raise") {
  try {
    toy_graph("import toy\n\nclass Net(toy.Module):\n    def build(self, n):\n        if n < 0:\n"
              "            raise ValueError('n')\n\n    def run(self, x):\n        return x\n",
              "n=-1", {1});
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "model.py:6:13: error: the model's code raises here with the arguments given [draw]");
  }
}

TEST_CASE("tensors a module holds itself are in the graph by name and shape; setattr assigns") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self, width):
        self.keep("mask", toy.zeros(width, width))
        self.token = toy.Param(toy.zeros(1, width))
        self.dense = toy.Dense(width, width)
        self.keep("nothing", None)
        setattr(self, "side", toy.Dense(width, width))

    def run(self, x):
        return self.dense(x + self.token)
)",
                                     "4", {2, 4});
  const auto& held = graph.modules[0].held_tensors;
  REQUIRE(held.size() == 2);
  CHECK(held[0].name == "mask");
  CHECK(held[0].buffer);
  CHECK(held[0].dims == std::vector<int64_t>{4, 4});
  CHECK(held[1].name == "token");
  CHECK_FALSE(held[1].buffer);
  CHECK(held[1].dims == std::vector<int64_t>{1, 4});
  CHECK(graph.modules[0].parameters.count == 4 + 20 + 20);  // buffers are not parameters
  REQUIRE(graph.modules.size() == 3);
  CHECK(graph.modules[2].path == "side");  // setattr registers it as an assignment does
}

TEST_CASE("calls are read into hub terms as the converter reads them; a layer's parameters have shapes") {
  // toy.pad lists (before, after) pairs from the last axis backwards (the 'pad_pairs' hook), and
  // a toy.Dense holds its weight as `kernel`, (in, out): the hub's (out, in) permuted.
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.dense = toy.Dense(7, 6)

    def run(self, x):
        x = toy.pad(x, (1, 2, 0, 3))
        return toy.add(toy.matmul(x, self.dense.kernel), self.dense.bias)
)",
                                     "", {2, 4});
  std::vector<std::string> ops;
  for (const auto& node : graph.nodes) ops.push_back(node.op);
  REQUIRE(ops == std::vector<std::string>{"input", "pad", "matmul", "add", "output"});
  CHECK(graph.nodes[1].outputs[0].dims == std::vector<int64_t>{5, 7});
  CHECK(graph.nodes[2].outputs[0].dims == std::vector<int64_t>{5, 6});
  CHECK(graph.nodes[3].outputs[0].dims == std::vector<int64_t>{5, 6});
}

TEST_CASE("pad widths that are not written out as pairs leave the shape unknown") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self, widths):
        self.widths = widths

    def run(self, x):
        return toy.pad(x, self.widths)
)",
                                     "widths=(1, 2, 3)", {2, 4});
  REQUIRE(graph.nodes.size() == 3);
  CHECK(graph.nodes[1].op == "unknown");
  CHECK(graph.nodes[1].outputs[0].reason.find("not written out as pairs") != std::string::npos);
}

TEST_CASE("an image in another axis order than the hub's is permuted for the rule and back") {
  const ValuePtr nhwc = make_sequence(Value::Kind::tuple, {make_int(1), make_int(5), make_int(6), make_int(3)});
  CHECK(literal(relayout(nhwc, "NHWC", "NCHW")) == "(1, 3, 5, 6)");
  const ValuePtr hwc = make_sequence(Value::Kind::tuple, {make_int(5), make_int(6), make_int(3)});
  CHECK(literal(relayout(hwc, "NHWC", "NCHW")) == "(3, 5, 6)");  // unbatched
  CHECK(literal(relayout(make_sequence(Value::Kind::tuple, {make_int(5), make_int(6)}), "NHWC", "NCHW")) ==
        "unknown: an image of 2 axes where the layout NHWC has 4");
}

TEST_CASE("a channels-last framework's convolutions and pools have shapes in its own axis order") {
  // toy.ConvLast and toy.max_pool take NHWC images (the spoke's layout), the hub's rules NCHW;
  // toy.max_pool's strides default to 1 and padding='SAME' gives ceil(size / stride).
  // toy.mean(x, axis=(1, 2), keepdims=True) is also the hub's global average pool.
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.conv = toy.ConvLast(3, 8, 3)

    def run(self, x):
        x = self.conv(x)
        x = toy.max_pool(x, (2, 2), strides=(2, 2))
        x = toy.max_pool(x, (3, 3), strides=(2, 2), padding='SAME')
        x = toy.max_pool(x, (2, 2))
        return toy.mean(x, axis=(1, 2), keepdims=True), toy.mean(x, axis=(1, 2))
)",
                                     "", {2, 17, 15, 3});
  std::vector<std::string> ops;
  for (const auto& node : graph.nodes) ops.push_back(node.op);
  // A mean that keeps the image's axes is the global pool; one that drops them is a mean.
  REQUIRE(ops == std::vector<std::string>{"input", "conv2d", "max_pool2d", "max_pool2d", "max_pool2d",
                                          "global_avg_pool2d", "mean", "output"});
  CHECK(graph.nodes[1].outputs[0].dims == std::vector<int64_t>{2, 15, 13, 8});
  CHECK(graph.nodes[2].outputs[0].dims == std::vector<int64_t>{2, 7, 6, 8});
  CHECK(graph.nodes[3].outputs[0].dims == std::vector<int64_t>{2, 4, 3, 8});
  CHECK(graph.nodes[4].outputs[0].dims == std::vector<int64_t>{2, 3, 2, 8});
  CHECK(graph.nodes[5].outputs[0].dims == std::vector<int64_t>{2, 1, 1, 8});
  CHECK(graph.nodes[6].outputs[0].dims == std::vector<int64_t>{2, 8});
}

TEST_CASE("a layer's parameter assigned another layer's is a tie, counted once") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.inner = toy.Chain(toy.Dense(4, 4))
        self.out = toy.Dense(4, 4)
        self.out.kernel = self.inner[0].kernel

    def run(self, x):
        return self.out(self.inner(x))
)",
                                     "", {5, 4});
  REQUIRE(graph.ties.size() == 1);
  CHECK(graph.modules[graph.ties[0].module].path == "out");
  CHECK(graph.ties[0].parameter == "weight");
  CHECK(graph.modules[graph.ties[0].owner].path == "inner.0");
  CHECK(graph.ties[0].owner_parameter == "weight");
  CHECK(graph.ties[0].location == "model.py:7:9");
  CHECK(graph.modules[0].parameters.count == 20 + 4);  // the kernel once, both biases
  CHECK(graph.modules[1].parameters.count == 20);
  CHECK(graph.modules[3].parameters.count == 20);  // `out` alone holds it too
}

TEST_CASE("a layer's parameter held elsewhere than as a layer's own is not modelled") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.a = toy.Dense(4, 4)
        self.b = toy.Dense(4, 2)
        self.b.kernel = self.a.kernel
        self.kept = self.a.kernel

    def run(self, x):
        return self.b(self.a(x))
)",
                                     "", {5, 4});
  CHECK(graph.ties.empty());
  CHECK(graph.modules[2].own_parameters.reason ==
        "attribute 'kernel' assigned at model.py:7:9 is a parameter whose shape is not the layer's own");
  CHECK(graph.modules[0].own_parameters.reason ==
        "attribute 'kept' assigned at model.py:8:9 holds another layer's parameter: only a layer's own "
        "parameter tied to it is modelled");
}

TEST_CASE("a wrapper that reparametrizes a layer's parameter gives its magnitude and direction") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.dense = toy.normed(toy.Dense(7, 6))
        self.whole = toy.normed(toy.Conv(6, 4, 3), keep=None)
        self.odd = toy.normed(toy.Dense(6, 2), keep=-1)
        self.twice = toy.normed(toy.normed(toy.Dense(6, 2)))
        self.other = toy.normed(toy.Dense(6, 2), param="gain")

    def run(self, x):
        return self.dense(x)
)",
                                     "", {2, 7});
  REQUIRE(graph.modules.size() == 6);
  auto shapes = [&](int index) {
    std::map<std::string, std::vector<int64_t>> out;
    for (const auto& parameter : graph.modules[index].parameter_shapes) out[parameter.name] = parameter.dims;
    return out;
  };
  const Module& dense = graph.modules[1];
  CHECK(dense.reparametrized.op == "weight_norm");
  CHECK(dense.reparametrized.parameter == "weight");
  CHECK_FALSE(dense.reparametrized.every_axis);
  CHECK(dense.reparametrized.axis == 0);
  CHECK(dense.reparametrized.location == "model.py:5:22");
  CHECK(shapes(1) == std::map<std::string, std::vector<int64_t>>{
                         {"bias", {6}}, {"weight_g", {6, 1}}, {"weight_v", {6, 7}}});
  CHECK(dense.own_parameters.count == 6 * 7 + 6 + 6);  // v, the bias, g
  CHECK(graph.modules[2].reparametrized.every_axis);
  CHECK(shapes(2) == std::map<std::string, std::vector<int64_t>>{
                         {"bias", {4}}, {"weight_g", {}}, {"weight_v", {4, 6, 3, 3}}});
  CHECK(graph.modules[2].own_parameters.count == 4 * 6 * 9 + 4 + 1);
  CHECK_FALSE(graph.modules[3].own_parameters.known);
  CHECK(graph.modules[3].own_parameters.reason ==
        "'weight_norm' reparametrizes the module's weights, but the axis it keeps, -1, is not one of the 2 "
        "axes of 'weight' counted from 0");
  CHECK(graph.modules[4].own_parameters.reason ==
        "'weight_norm' reparametrizes the module's weights, but it is wrapped twice");
  CHECK(graph.modules[5].own_parameters.reason ==
        "'weight_norm' reparametrizes the module's weights, but the layer has no parameter 'gain'");
  CHECK(graph.modules[0].parameters.reason.find("'odd': ") == 0);
}
