#include "core/hub.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

namespace {

std::string hub_error(std::string_view text) {
  try {
    Hub hub;
    hub.add_category("test", "kb/hub/test.toml", text);
  } catch (const Error& failure) {
    return failure.diagnostic().format();
  }
  return "no error";
}

}  // namespace

TEST_CASE("argument specs give name, kind, domain, default and variadic") {
  auto parsed = parse_argument_spec("input: tensor(positive)");
  auto* argument = std::get_if<HubArgument>(&parsed);
  REQUIRE(argument != nullptr);
  CHECK(argument->name == "input");
  CHECK(argument->kind == "tensor");
  CHECK(argument->domain == "positive");
  CHECK(argument->required());

  parsed = parse_argument_spec("axis: axes = (-2, -1)");
  argument = std::get_if<HubArgument>(&parsed);
  REQUIRE(argument != nullptr);
  CHECK(argument->default_value == "(-2, -1)");
  CHECK_FALSE(argument->required());

  parsed = parse_argument_spec("*shape: int");
  argument = std::get_if<HubArgument>(&parsed);
  REQUIRE(argument != nullptr);
  CHECK(argument->variadic);
  CHECK_FALSE(argument->required());
}

TEST_CASE("argument spec mistakes say what and where") {
  auto error = [](std::string_view spec) {
    auto parsed = parse_argument_spec(spec);
    auto* problem = std::get_if<ArgumentSpecError>(&parsed);
    REQUIRE(problem != nullptr);
    return problem->message + " @" + std::to_string(problem->offset);
  };
  CHECK(error("input") == "expected 'name: kind', e.g. 'input: tensor' @0");
  CHECK(error("2x: tensor") == "'2x' is not a Python identifier @0");
  CHECK(error("x: tensr") == "unknown argument kind 'tensr'; did you mean 'tensor'? @3");
  CHECK(error("x: int(positive") == "unclosed '(' @6");
  CHECK(error("x: tensor(postive)") == "unknown domain 'postive'; did you mean 'positive'? @10");
  CHECK(error("x: int 3") == "expected '= default' or the end of the argument @7");
  CHECK(error("x: int =") == "expected a default after '=' @7");
  CHECK(error("*xs: int = 1") == "a '*' argument takes no default @9");
}

TEST_CASE("a hub category is read into ops with their arguments, inputs and results") {
  Hub hub;
  hub.add_category("test", "kb/hub/test.toml", R"(
sum = { args = ["input: tensor", "axis: axes = None"], doc = "sum" }
dense = { kind = "layer", args = ["features: int"], inputs = ["input: tensor"], layouts = { input = "NC" }, doc = "dense" }
top = { args = ["input: tensor"], results = ["values: tensor", "indices: tensor"], doc = "top" }
)");
  const HubOp* sum = hub.find("sum");
  REQUIRE(sum != nullptr);
  CHECK(sum->kind == "function");
  CHECK(sum->category == "test");
  CHECK(sum->argument_names() == std::vector<std::string>{"input", "axis"});
  REQUIRE(sum->results.size() == 1);
  CHECK(sum->results[0].name == "out");  // the default result
  const HubOp* dense = hub.find("dense");
  REQUIRE(dense != nullptr);
  CHECK(dense->argument_names() == std::vector<std::string>{"features", "input"});
  CHECK(dense->layouts.at("input") == "NC");
  CHECK(hub.find("top")->result("indices") != nullptr);
  CHECK(hub.find("missing") == nullptr);
  CHECK(hub.names() == std::vector<std::string>{"dense", "sum", "top"});
}

TEST_CASE("hub mistakes are located in the hub file") {
  CHECK(hub_error("sum = { args = [\"input: tensor\"] }\n") ==
        "kb/hub/test.toml:1:7: error: hub op 'sum' needs 'doc', a one-line semantics note [kb]");
  CHECK(hub_error("sum = { args = [\"x: tensr\"], doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:21: error: unknown argument kind 'tensr'; did you mean 'tensor'? [kb]");
  CHECK(hub_error("sum = { kind = \"macro\", doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:16: error: 'kind' must be one of 'function', 'layer', 'optimizer', "
        "'context', not 'macro' [kb]");
  CHECK(hub_error("sum = { doc = \"d\", arg = [] }\n") ==
        "kb/hub/test.toml:1:20: error: unknown key 'arg' in hub op 'sum'; did you mean 'args'? "
        "[kb]");
  CHECK(hub_error("sum = { args = [\"x: int\", \"x: int\"], doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:27: error: 'x' is listed twice [kb]");
  CHECK(hub_error("sum = { inputs = [\"x: tensor\"], doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:18: error: only a layer has 'inputs' [kb]");
  CHECK(hub_error("sum = { args = [\"x: tensor\"], layouts = { y = \"NC\" }, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:43: error: 'layouts' names 'y', which is not an argument of hub op "
        "'sum' [kb]");
  CHECK(hub_error("sum = { args = [\"x: tensor\"], examples = { y = \"1\" }, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:44: error: 'examples' names 'y', which is not an argument of hub op "
        "'sum' [kb]");
  CHECK(hub_error("sum = { args = [\"x: tensor\"], examples = { x = [\"1\", \"2\"] }, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:48: error: a tensor argument takes one example, not an array [kb]");
  CHECK(hub_error("f = { args = [\"a: int\", \"b: int\"], examples = { a = [\"1\", \"2\"], "
                  "b = [\"1\", \"2\", \"3\"] }, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:69: error: every array of examples must be as long as the first (2) "
        "[kb]");
  CHECK(hub_error("f = { args = [\"a: int\"], examples = { a = [\"1\"] }, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:43: error: an array of examples needs two or more [kb]");
  CHECK(hub_error("sum = { args = [\"x: tensor\"], broadcast = 1, doc = \"d\" }\n") ==
        "kb/hub/test.toml:1:43: error: 'broadcast' must be a boolean, not an integer [kb]");
  CHECK(hub_error("a = { doc = \"d\" }\na = { doc = \"e\" }\n") ==
        "kb/hub/test.toml:2:5: error: error while parsing key-value pair: cannot redefine existing "
        "table 'a' [kb]");
}

TEST_CASE("several examples of an argument are kept in order, one per call") {
  Hub hub;
  hub.add_category("test", "kb/hub/test.toml",
                   "resize = { args = [\"x: tensor\", \"mode: str = 'a'\", \"flag: bool = None\"], "
                   "examples = { x = \"(2, 3)\", mode = [\"'b'\", \"'c'\"], flag = [\"None\", "
                   "\"True\"] }, doc = \"d\" }\n");
  const auto& examples = hub.ops().at("resize").examples;
  CHECK(examples.at("x") == "(2, 3)");
  CHECK(examples.at("mode") == "'b'\n'c'");
  CHECK(examples.at("flag") == "None\nTrue");
}

TEST_CASE("an op name is unique across categories") {
  Hub hub;
  hub.add_category("one", "kb/hub/one.toml", "sum = { doc = \"d\" }\n");
  try {
    hub.add_category("two", "kb/hub/two.toml", "\nsum = { doc = \"d\" }\n");
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "kb/hub/two.toml:2:1: error: hub op 'sum' is already defined at kb/hub/one.toml:1 [kb]");
  }
}

TEST_CASE("the built-in hub reads") {
  const Hub& hub = builtin_hub();
  CHECK(hub.ops().size() >= 300);
  REQUIRE(hub.find("linear") != nullptr);
  CHECK(hub.find("linear")->kind == "layer");
}
