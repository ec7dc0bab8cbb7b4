#include "core/adapter_data.h"
#include "core/knowledge_service.h"
#include "core/trait_keys.h"

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
  CHECK(switcheroo::trait_keys().size() == 19);
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
