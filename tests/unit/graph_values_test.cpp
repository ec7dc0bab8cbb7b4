// Dtypes and values of small constant tensors in the model graph (graph/value_rules.h,
// graph/graph_values.cpp): the hub's [values] and [dtypes] rules on their own, then a model of
// a made-up framework ("toy", with a second one, "lib", imported for a function) whose
// constructor computes its widths with array arithmetic and whose forward method gathers rows
// with an index buffer.
#include "core/adapter_data.h"
#include "graph/builder.h"
#include "graph/shape_rules.h"
#include "graph/value_rules.h"

#include <catch2/catch.hpp>

using namespace switcheroo;
using namespace switcheroo::graph;

namespace {

std::string literal(const ValuePtr& value) {
  return value->is_unknown() ? "unknown: " + value->text : literal_text(*value);
}

ValuePtr values_rule(const std::string& op, std::map<std::string, ValuePtr> bindings) {
  const ShapeRule* found = builtin_shape_rules().find(op);
  REQUIRE(found != nullptr);
  REQUIRE(found->values != nullptr);
  return ShapeRules::evaluate(*found->values, bindings);
}

ValuePtr dtype_rule(const std::string& op, std::map<std::string, ValuePtr> bindings) {
  const ShapeRule* found = builtin_shape_rules().find(op);
  REQUIRE(found != nullptr);
  REQUIRE(found->dtype != nullptr);
  bindings["default_float"] = make_string("float32");
  return ShapeRules::evaluate(*found->dtype, bindings);
}

ValuePtr list(std::vector<ValuePtr> items) { return make_sequence(Value::Kind::list, std::move(items)); }

const char* const kToyTraits = R"(traits-version = 2
framework = "toy"

[arrays]
dtype-module = "toy"
default-float = "float32"

[module]
base-class = "toy.Module"
forward-method = "run"
constructor = "build"
init-calls-super = false

[imports]
"toy" = ""
)";

const char* const kToySpoke = R"toy([ops]
linear = { api = "toy.Dense", kind = "layer", args = { in_features = "inputs", out_features = "units" } }
arange = { api = "toy.arange", positional = ["start", "stop", "step"] }
asarray = { api = "toy.tensor" }
zeros = { api = "toy.zeros", varargs = "shape" }
round = { api = "toy.round" }
diff = { api = "toy.diff" }
tolist = { api = "toy.Array.tolist", kind = "method" }
item = { api = "toy.Array.item", kind = "method" }
astype = { api = "toy.Array.astype", kind = "method" }
"astype/int" = { api = "toy.Array.int", kind = "method", fixed = { dtype = "int32" } }
parameter = { api = "toy.Param", kind = "class" }
buffer = { api = "toy.Module.keep", gap = "not converted: the graph reads it all the same" }
)toy";

const char* const kLibTraits = R"(traits-version = 2
framework = "lib"

[arrays]
default-float = "float64"

[imports]
"lib" = ""
)";

const char* const kLibSpoke = R"lib([ops]
linspace = { api = "lib.linspace" }
)lib";

ModelGraph toy_graph(const std::string& source, std::vector<int64_t> shape) {
  static const AdapterData toy = parse_adapter_data("toy", kToyTraits, kToySpoke);
  static const AdapterData lib = parse_adapter_data("lib", kLibTraits, kLibSpoke);
  DrawRequest request;
  request.file = "model.py";
  request.source = source;
  request.framework = "toy";
  request.adapter = &toy;
  request.libraries = {&lib};
  request.class_name = "Net";
  request.input_shapes = {std::move(shape)};
  return build_model_graph(request);
}

}  // namespace

TEST_CASE("value rules compute the values of small constants as arrays do") {
  CHECK(literal(values_rule("arange", {{"start", make_int(4)}, {"stop", make_none()}, {"step", make_int(1)}})) == "[0, 1, 2, 3]");
  CHECK(literal(values_rule("arange", {{"start", make_int(1)}, {"stop", make_int(2)}, {"step", make_float(0.25)}})) == "[1.0, 1.25, 1.5, 1.75]");
  CHECK(literal(values_rule("linspace", {{"start", make_int(0)}, {"stop", make_int(1)}, {"num", make_int(3)}})) == "[0.0, 0.5, 1.0]");
  // Broadcasting a row against a column, and a Python number against a vector.
  const ValuePtr column = list({list({make_int(10)}), list({make_int(20)})});
  CHECK(literal(values_rule("add", {{"input", column}, {"other", list({make_int(1), make_int(2)})}})) == "[[11, 12], [21, 22]]");
  CHECK(literal(values_rule("divide", {{"input", list({make_int(3), make_int(4)})}, {"other", make_int(2)}})) == "[1.5, 2.0]");
  // Half to even, as arrays round; a float stays a float.
  CHECK(literal(values_rule("round", {{"input", list({make_float(0.5), make_float(1.5), make_float(2.5)})}, {"decimals", make_int(0)}})) == "[0.0, 2.0, 2.0]");
  CHECK(literal(values_rule("diff", {{"input", list({make_int(0), make_int(1), make_int(3), make_int(7)})}, {"n", make_int(1)}, {"axis", make_int(-1)}})) == "[1, 2, 4]");
  CHECK(literal(values_rule("cumsum", {{"input", list({make_int(1), make_int(2), make_int(3)})}, {"axis", make_int(0)}})) == "[1, 3, 6]");
  CHECK(literal(values_rule("item", {{"input", list({list({make_int(5)})})}})) == "5");
  // What a rule does not model is not a number.
  CHECK(values_rule("diff", {{"input", column}, {"n", make_int(1)}, {"axis", make_int(0)}})->is_unknown());
  CHECK(values_rule("round", {{"input", list({make_float(0.25)})}, {"decimals", make_int(1)}})->kind == Value::Kind::none);
}

TEST_CASE("values are stored as the dtype stores them") {
  CHECK(literal(conform_values(*list({make_float(2.9), make_float(-2.9)}), "int32")) == "[2, -2]");
  CHECK(literal(conform_values(*list({make_int(0), make_int(3)}), "bool")) == "[False, True]");
  CHECK(conform_values(*list({make_float(0.1)}), "float32")->items[0]->floating == static_cast<double>(0.1f));
  CHECK(conform_values(*list({make_float(0.1)}), "float64")->items[0]->floating == 0.1);
  CHECK(conform_values(*list({make_float(0.1)}), "float16") == nullptr);
}

TEST_CASE("dtype rules promote as arrays do") {
  CHECK(literal(dtype_rule("add", {{"input", make_string("int64")}, {"other", make_int(3)}})) == "'int64'");
  CHECK(literal(dtype_rule("multiply", {{"input", make_string("int64")}, {"other", make_float(0.5)}})) == "'float32'");
  CHECK(literal(dtype_rule("add", {{"input", make_string("int32")}, {"other", make_string("int64")}})) == "'int64'");
  CHECK(literal(dtype_rule("add", {{"input", make_string("float64")}, {"other", make_string("int64")}})) == "'float64'");
  CHECK(literal(dtype_rule("divide", {{"input", make_string("int64")}, {"other", make_int(2)}})) == "'float32'");
  CHECK(literal(dtype_rule("sum", {{"input", make_string("bool")}})) == "'int64'");
  CHECK(literal(dtype_rule("asarray", {{"data", list({make_int(1), make_int(2)})}, {"dtype", make_none()}})) == "'int64'");
  CHECK(literal(dtype_rule("arange", {{"start", make_int(0)}, {"stop", make_int(4)}, {"step", make_float(0.5)}, {"dtype", make_none()}})) == "'float32'");
  CHECK(dtype_rule("add", {{"input", make_none()}, {"other", make_string("int64")}})->kind == Value::Kind::none);
}

TEST_CASE("a constructor's arithmetic on constant arrays gives the model's widths") {
  const ModelGraph graph = toy_graph(R"(import toy
import lib

class Net(toy.Module):
    def build(self):
        widths = (toy.round(toy.arange(3) * 1.5 + 4) * 2).int().tolist()
        depths = toy.diff(toy.tensor([0, 2, 3, 7])).tolist()
        rates = lib.linspace(0, 0.5, 3).tolist()
        self.first = toy.Dense(widths[0], widths[2])
        self.second = toy.Dense(depths[2], int(toy.tensor([5])))
        self.third = toy.Dense(1, 2) if rates[0] else toy.Dense(1, 3)
        changed = toy.arange(3)
        changed[0] = 9
        self.fourth = toy.Dense(1, changed.tolist()[0])
        alias = toy.arange(3)
        same = alias
        alias += 1
        self.fifth = toy.Dense(1, same.tolist()[1])
        self.sixth = toy.Dense(1, alias.tolist()[1])

    def run(self, x):
        return x
)",
                                     {1, 8});
  REQUIRE(graph.modules.size() == 7);
  // round([4.0, 5.5, 7.0]) * 2 = [8, 12, 14]; diff = [2, 1, 4]; linspace's first rate is 0.
  CHECK(graph.modules[1].parameters.count == 8 * 14 + 14);
  CHECK(graph.modules[2].parameters.count == 4 * 5 + 5);
  CHECK(graph.modules[3].parameters.count == 1 * 3 + 3);
  // An item assignment changed the array, and `+=` the array under its other name: their
  // values are no longer known; the sum's are.
  CHECK_FALSE(graph.modules[4].parameters.known);
  CHECK_FALSE(graph.modules[5].parameters.known);
  CHECK(graph.modules[6].parameters.count == 1 * 2 + 2);
}

TEST_CASE("indexing with an integer index tensor gathers rows; a mask or an unknown dtype does not") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        self.table = toy.Param(toy.zeros(9, 4))
        self.keep("index", toy.arange(3)[:, None] - toy.arange(3)[None, :] + 2)
        self.keep("mask", toy.tensor([True, False, True, False, True, False, True, False, True]))
        self.keep("floats", toy.arange(2) * 0.5)

    def run(self, x):
        return x + self.table[self.index], x + self.table[self.mask], x + self.table[self.floats]
)",
                                     {3, 3, 4});
  std::vector<const Node*> sums;
  for (const Node& node : graph.nodes) {
    if (node.op == "add") sums.push_back(&node);
  }
  REQUIRE(sums.size() == 3);
  REQUIRE(sums[0]->outputs[0].known);
  CHECK(sums[0]->outputs[0].dims == std::vector<int64_t>{3, 3, 4});
  CHECK_FALSE(sums[1]->outputs[0].known);
  CHECK(sums[1]->outputs[0].reason == "a boolean mask at model.py:11:48 selects a number of elements that is not known");
  CHECK_FALSE(sums[2]->outputs[0].known);
  CHECK(sums[2]->outputs[0].reason == "indexing with a 'float32' tensor at model.py:11:75");
}

TEST_CASE("a set knows its length and its sorted order, not the order it iterates in") {
  auto run = [](const std::string& expression) {
    Interpreter interpreter("test.py", nullptr);
    return interpreter.evaluate(*parse_expression(expression), interpreter.globals());
  };
  CHECK(literal(run("len(set([24, 64, 64, 152]))")) == "3");
  CHECK(literal(run("sorted(set([152, 24, 64, 24]))")) == "[24, 64, 152]");
  CHECK(run("[w for w in set([1, 2])]")->is_unknown());
}

TEST_CASE("einsum's shape names each operand's axes by letter") {
  const ShapeRule* einsum = builtin_shape_rules().find("einsum");
  REQUIRE(einsum != nullptr);
  auto shape = [&](const std::string& subscripts, std::vector<std::vector<int64_t>> operands) {
    std::vector<ValuePtr> shapes;
    for (const auto& dims : operands) shapes.push_back(make_shape(dims));
    return literal(ShapeRules::evaluate(*einsum->out, {{"subscripts", make_string(subscripts)},
                                                        {"operands", list(shapes)}}));
  };
  CHECK(shape("B G H I D, B G H J D -> B G H I J", {{1, 4, 2, 49, 32}, {1, 4, 2, 49, 32}}) == "(1, 4, 2, 49, 49)");
  CHECK(shape("ij,jk", {{3, 4}, {4, 5}}) == "(3, 5)");
  CHECK(shape("ij,jk->ik", {{3, 4}, {5, 5}}) == "unknown: einsum axes 'j' of different sizes");
  CHECK(shape("...ij->...ji", {{3, 4}}) == "unknown: einsum with '...'");
}

TEST_CASE("'...' in an index stands for the axes the other parts do not name") {
  const ModelGraph graph = toy_graph(R"(import toy

class Net(toy.Module):
    def build(self):
        pass

    def run(self, x):
        return x[..., 0::2, :], x[1, ...], x[..., None]
)",
                                     {3, 5, 4});
  std::vector<std::vector<int64_t>> shapes;
  for (const Node& node : graph.nodes) {
    if (node.op == "index" && node.outputs[0].known) shapes.push_back(node.outputs[0].dims);
  }
  CHECK(shapes == std::vector<std::vector<int64_t>>{{3, 3, 4}, {5, 4}, {3, 5, 4, 1}});
}
