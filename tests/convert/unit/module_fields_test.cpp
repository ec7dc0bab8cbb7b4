// Hyper-parameter fields and child templates (convert/module_fields.h) between two made-up
// frameworks: `plain` builds layers from constructor parameters, `fielded` takes fields and
// makes children from templates. Nothing here names a real framework: the host does what the
// traits say.
#include "convert/engine.h"
#include "core/adapter_data.h"

#include <catch2/catch.hpp>

namespace switcheroo::convert {
namespace {

const char* const kPlainTraits = R"toml(traits-version = 2
framework = "plain"
[module]
base-class = "plain.nn.Module"
forward-method = "forward"
[imports]
"plain.nn" = "nn"
)toml";

const char* const kFieldedTraits = R"toml(traits-version = 2
framework = "fielded"
[module]
base-class = "fielded.base.Layer"
forward-method = "__call__"
constructor = "setup"
init-calls-super = false
hyper-parameters = "fields"
children = { method = "add", template = "fielded.config.Template", instantiate = "fielded.config.build" }
[imports]
"fielded.base" = "base"
"fielded.layers" = "fl"
"fielded.config" = "config"
)toml";

const char* const kPlainSpoke = R"toml([ops]
linear = { api = "plain.nn.Linear", kind = "layer" }
)toml";

const char* const kFieldedSpoke = R"toml([ops]
linear = { api = "fielded.layers.Dense", kind = "layer", args = { in_features = "inputs", out_features = "outputs", bias = "use_bias" }, positional = [] }
)toml";

struct Frameworks {
  AdapterData plain = parse_adapter_data("plain", kPlainTraits, kPlainSpoke);
  AdapterData fielded = parse_adapter_data("fielded", kFieldedTraits, kFieldedSpoke);
};

std::string convert(const std::string& text, bool to_fields) {
  static const Frameworks frameworks;
  const Framework plain{"plain", &frameworks.plain};
  const Framework fielded{"fielded", &frameworks.fielded};
  return convert_file("model.py", text, to_fields ? plain : fielded, to_fields ? fielded : plain,
                      Options{})
      .text;
}

const char* const kPlainModel = R"py(import plain.nn as nn


class Block(nn.Module):
    def __init__(self, width: int, scale=2.0):
        super().__init__()
        self.fc = nn.Linear(width, width * 2, bias=False)

    def forward(self, x):
        return self.fc(x) * self.scale


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.block = Block(width)

    def forward(self, x):
        return self.block(x)


net = Net(4)
)py";

const char* const kFieldedModel = R"py(import fielded.layers as fl
from fielded import base
from fielded import config


class Block(base.Layer):
    width: int = 0
    scale: float = 2.0
    def setup(self):
        self.add('fc', config.Template(fl.Dense, inputs=self.width, outputs=self.width * 2, use_bias=False))

    def __call__(self, x):
        return self.fc(x) * self.scale


class Net(base.Layer):
    width: int = 0
    def setup(self):
        self.add('block', config.Template(Block, width=self.width))

    def __call__(self, x):
        return self.block(x)


net = config.build(config.Template(Net, width=4))
)py";

TEST_CASE("constructor parameters become fields and layers child templates") {
  CHECK(convert(kPlainModel, true) == kFieldedModel);
}

const char* const kPlainFromFields = R"py(from plain import nn


class Block(nn.Module):
    def __init__(self, width: int = 0, scale: float = 2.0):
        super().__init__()
        self.scale = scale
        self.fc = nn.Linear(in_features=width, out_features=width * 2, bias=False)

    def forward(self, x):
        return self.fc(x) * self.scale


class Net(nn.Module):
    def __init__(self, width: int = 0):
        super().__init__()
        self.block = Block(width=width)

    def forward(self, x):
        return self.block(x)


net = Net(width=4)
)py";

// The fields read back as parameters; `scale`, which forward reads, stays an attribute.
TEST_CASE("fields become constructor parameters and child templates assignments") {
  CHECK(convert(kFieldedModel, false) == kPlainFromFields);
}

}  // namespace
}  // namespace switcheroo::convert
