#include "core/adapter_data.h"
#include "core/knowledge_service.h"
#include "core/trait_keys.h"
#include "core/tree_service.h"
#include "python/parse.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace {

using switcheroo::AdapterData;
using switcheroo::KnowledgeService;

const char* const kTraits = R"toml(traits-version = 2
framework = "mine"
display-name = "Mine"
[module]
training = { reads = "argument", name = "training" }
init-calls-super = false
constructor = "setup"
forward-method = "run"
base-class = "mine.nn.Layer"
[arrays]
mutable = false
dtype-names = { bool = "boolean" }
dtype-module = "mine.types"
[rng]
model = "explicit-keys"
parameter = "keys"
type = "mine.Keys"
fresh = "mine.Keys({})"
[layouts]
images = "channels-last"
[imports]
"mine.ops" = "mo"
)toml";

const char* const kSpoke = R"toml([ops]
flatten = { api = "mine.ops.flatten", args = { start_axis = "first", end_axis = "last" } }
"flatten/method" = { api = "mine.Array.flatten", kind = "method" }
reshape = { hook = "flatten_range" }
relu = { api = "mine.ops.relu" }
)toml";

std::string text(const char* value) {
  return value != nullptr ? value : "<null>";
}

}  // namespace

TEST_CASE("traits by dotted key, with the schema's defaults") {
  const AdapterData data = switcheroo::parse_adapter_data("mine", kTraits, kSpoke);
  auto value = [&](const char* key) {
    return switcheroo::trait_value(data.traits, key).value_or("<none>");
  };
  CHECK(value("framework") == "mine");
  CHECK(value("rng.model") == "explicit-keys");
  CHECK(value("rng.parameter") == "keys");
  CHECK(value("module.constructor") == "setup");
  CHECK(value("module.init-calls-super") == "false");
  CHECK(value("module.training.reads") == "argument");
  CHECK(value("module.training.inverted") == "false");
  CHECK(value("arrays.mutable") == "false");
  CHECK(value("arrays.type") == "");
  CHECK(value("arrays.dtype-names.bool") == "boolean");
  CHECK(value("arrays.dtype-names.float32") == "float32");
  CHECK(value("layouts.images") == "channels-last");
  CHECK(value("layouts.sequences") == "batch-first");
  CHECK(value("imports.mine.ops") == "mo");
  CHECK(value("imports.other") == "<none>");
  CHECK(value("rng") == "<none>");
  CHECK(value("module.training.") == "<none>");
  CHECK(value("module.hyper-parameters") == "constructor");
  CHECK(value("module.children.method") == "");
  CHECK(value("module.renamed-field") == "");
  CHECK(value("module.state-class") == "");
  CHECK(value("module.array-attributes") == "");
  CHECK(value("module.freeze") == "");
  CHECK(value("module.pure-functions") == "false");
  CHECK(switcheroo::trait_keys().size() == 30);
}

TEST_CASE("the knowledge service reads spokes both ways") {
  const AdapterData data = switcheroo::parse_adapter_data("mine", kTraits, kSpoke);
  KnowledgeService knowledge([&](std::string_view name) -> const AdapterData* {
    return name == "mine" || name == "alias" ? &data : nullptr;
  });
  CHECK(text(knowledge.framework("alias")) == "mine");
  CHECK(text(knowledge.framework("other")) == "<null>");
  CHECK(text(knowledge.trait("alias", "rng.type")) == "mine.Keys");
  CHECK(text(knowledge.trait("other", "rng.type")) == "<null>");
  CHECK(text(knowledge.operation("mine", "mine.ops.flatten", SW_CALL_FUNCTION)) == "flatten");
  CHECK(text(knowledge.operation("mine", "flatten", SW_CALL_METHOD)) == "flatten/method");
  CHECK(text(knowledge.operation("mine", "flatten", SW_CALL_FUNCTION)) == "<null>");
  CHECK(text(knowledge.operation("mine", "mine.Array.flatten", SW_CALL_FUNCTION)) == "<null>");
  CHECK(text(knowledge.api("mine", "relu")) == "mine.ops.relu");
  CHECK(text(knowledge.api("mine", "flatten/method")) == "mine.Array.flatten");
  CHECK(text(knowledge.api("mine", "reshape")) == "");
  CHECK(text(knowledge.api("mine", "sum")) == "<null>");
  CHECK(text(knowledge.operation_hook("mine", "reshape")) == "flatten_range");
  CHECK(text(knowledge.operation_hook("mine", "relu")) == "");
  CHECK(text(knowledge.parameter("mine", "flatten", "start_axis")) == "first");
  CHECK(text(knowledge.parameter("mine", "flatten", "input")) == "input");
  CHECK(text(knowledge.parameter("mine", "flatten", "nothing")) == "<null>");
}

namespace {

const char* const kRandomSpoke = R"toml([ops]
seed = { api = "mine.random.seed", positional = ["seed"] }
randn = { api = "mine.random.normal", positional = ["key", "shape"], required = ["key"], expression = "{@mine.random.normal}({key}, {shape}{dtype?, dtype={dtype}})" }
normal = { api = "mine.random.normal", drop = ["mean", "std"], positional = ["key", "shape"], expression = "{mean?{mean} + }{std?{std} * }{@mine.random.normal}({key}, {shape!()}{shape?{shape}})" }
relu = { api = "mine.ops.relu" }
)toml";

// One parsed file and its tree handle, as a hook receives it.
struct File {
  explicit File(const std::string& text)
      : syntax(switcheroo::python::parse(text)),
        rewriter(syntax),
        tree(switcheroo::make_tree_handle("f.py", rewriter, [](const switcheroo::Diagnostic&) {})) {}
  switcheroo::python::SyntaxTree syntax;
  switcheroo::rewrite::Rewriter rewriter;
  sw_tree tree;
};

}  // namespace

TEST_CASE("the knowledge service reads and writes whole calls through the hub") {
  const AdapterData data = switcheroo::parse_adapter_data("mine", kTraits, kRandomSpoke);
  KnowledgeService knowledge([&](std::string_view name) -> const AdapterData* {
    return name == "mine" ? &data : nullptr;
  });
  File file("import mine.random as mr\nx = mr.normal(k, (2, 3))\ny = mr.normal(k, (2,), mean=1)\n"
            "z = helper(1)\n");
  // jax-like normal(key, shape) reads as randn (the first spelling that fits), with `takes`.
  const auto first = nlohmann::json::parse(text(knowledge.read_call(&file.tree, 0, "mine")));
  CHECK(first["operation"] == "randn");
  CHECK(first["arguments"]["key"] == "k");
  CHECK(first["arguments"]["shape"] == "(2, 3)");
  CHECK(first["takes"]["key"] == "key");
  // A keyword only `normal` takes: the better fit wins.
  const auto second = nlohmann::json::parse(text(knowledge.read_call(&file.tree, 1, "mine")));
  CHECK(second["operation"] == "normal");
  CHECK(text(knowledge.read_call(&file.tree, 2, "mine")) == "<null>");
  CHECK(std::string(knowledge.reason()).find("not mapped") != std::string::npos);

  // Written through the spoke's expression, variadic items as a tuple, a number as one axis,
  // defaults left out of `{name?...}`, the import added.
  CHECK(text(knowledge.write_call(&file.tree, "mine", "randn",
                                  R"({"key": "k2", "shape": {"items": ["4", "n"]}})")) ==
        "mr.normal(k2, (4, n))");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "randn", R"({"key": "k", "shape": "5"})")) ==
        "mr.normal(k, (5,))");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "normal",
                                  R"({"key": "k", "mean": "0", "std": "2.5"})")) ==
        "2.5 * mr.normal(k, ())");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "seed", R"({"seed": "3"})")) ==
        "mr.seed(3)");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "relu", R"({"input": "x"})")) ==
        "mo.relu(x)");  // through the conventional import
  // What cannot be written says why.
  CHECK(text(knowledge.write_call(&file.tree, "mine", "randn", R"({"nothing": "1"})")) ==
        "<null>");
  CHECK(std::string(knowledge.reason()) == "'randn' has no argument 'nothing'");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "sum", "{}")) == "<null>");
  CHECK(text(knowledge.write_call(&file.tree, "mine", "relu", "[1]")) == "<null>");
}
