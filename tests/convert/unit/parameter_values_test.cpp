// Layers' parameters read as values (convert/engine_parameter_values.cpp) between two made-up
// frameworks whose linear layer holds its weight in different layouts: `rows` keeps `w` as
// (out, in), `cols` keeps `k` as (in, out). Nothing here names a real framework: the host
// does what the weight traits and the transpose property of each spoke say.
#include "convert/engine.h"
#include "core/adapter_data.h"

#include <catch2/catch.hpp>

#include <string>

namespace switcheroo::convert {
namespace {

// A framework named `name` whose layers hold their weight as `weight` (a weights-trait entry).
std::string traits(const std::string& name, const std::string& linear, const std::string& conv) {
  return "traits-version = 2\nframework = \"" + name + "\"\n[module]\nbase-class = \"" + name +
         ".nn.Module\"\nforward-method = \"forward\"\n[imports]\n\"" + name +
         ".nn\" = \"nn\"\n[weights]\nseparator = \".\"\n[[weights.layer]]\nops = [\"linear\"]\n"
         "parameters = [" + linear + ", { hub = \"bias\", name = \"b\" }]\n[[weights.layer]]\n"
         "ops = [\"conv2d\"]\nparameters = [" + conv + "]\n";
}

std::string spoke(const std::string& name) {
  return "[ops]\nlinear = { api = \"" + name + ".nn.Linear\", kind = \"layer\" }\n"
         "conv2d = { api = \"" + name + ".nn.Conv2d\", kind = \"layer\" }\n"
         "transpose = { api = \"" + name + ".transpose\" }\n"
         "\"transpose/T\" = { api = \"" + name + ".Array.T\", kind = \"property\" }\n";
}

struct Frameworks {
  AdapterData rows = parse_adapter_data(
      "rows", traits("rows", R"({ hub = "weight", name = "w" })", R"({ hub = "weight", name = "w" })"),
      spoke("rows"));
  AdapterData cols = parse_adapter_data(
      "cols",
      traits("cols", R"({ hub = "weight", name = "k", permute = [1, 0] })",
             R"({ hub = "weight", name = "k", permute = [2, 3, 1, 0] })"),
      spoke("cols"));
};

FileResult convert(const std::string& text, bool to_cols) {
  static const Frameworks frameworks;
  const Framework rows{"rows", &frameworks.rows};
  const Framework cols{"cols", &frameworks.cols};
  return convert_file("model.py", text, to_cols ? rows : cols, to_cols ? cols : rows, Options{});
}

const char* const kRowsModel = R"py(import rows.nn as nn


def project(x, weight, bias):
    return x @ weight.T + bias


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        return project(x, self.fc.w, self.fc.b) + project(x, self.fc.w.T, self.fc.b)
)py";

TEST_CASE("a parameter read as a value takes the target's name and the source's layout",
          "[parameter-values]") {
  const FileResult result = convert(kRowsModel, true);
  CHECK(result.text.find("project(x, self.fc.k.T, self.fc.b) + project(x, self.fc.k, self.fc.b)") !=
        std::string::npos);
  const FileResult back = convert(result.text, false);
  CHECK(back.text.find("project(x, self.fc.w, self.fc.b) + project(x, self.fc.w.T, self.fc.b)") !=
        std::string::npos);
}

TEST_CASE("a parameter laid out with other axes moved is reported", "[parameter-values]") {
  std::string model = kRowsModel;
  model.replace(model.find("project(x, self.fc.w.T"), 22, "project(x, self.conv.w");
  const FileResult result = convert(model, true);
  REQUIRE(!result.diagnostics.empty());
  bool reported = false;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.message.find("'rows.nn.Conv2d.w'") != std::string::npos &&
        diagnostic.message.find("laid out otherwise") != std::string::npos) {
      reported = true;
      CHECK(diagnostic.location.line == 15);
    }
  }
  CHECK(reported);
  CHECK(result.text.find("self.conv.w") != std::string::npos);
}

}  // namespace
}  // namespace switcheroo::convert
