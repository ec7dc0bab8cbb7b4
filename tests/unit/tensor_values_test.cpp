#include "convert/tensor_values.h"
#include "python/parse.h"

#include <catch2/catch.hpp>

using namespace switcheroo;
using convert::Value;
using convert::ValueKind;

namespace {

// Facts of a small framework `fw`: fw.zeros gives a tensor, fw.Linear builds a layer whose call
// gives a tensor, fw.Split gives a tuple of tensors; arrays have the methods view (a tensor),
// size (a number) and the attribute shape (not an array).
convert::TensorFacts facts() {
  convert::TensorFacts facts;
  facts.array_type = "fw.Array";
  facts.entry_points = {"forward"};
  facts.api_call = [](const std::string& api) {
    if (api == "fw.zeros") return Value{ValueKind::tensor, {}};
    if (api == "fw.split") return Value{ValueKind::tensors, {}};
    if (api == "fw.Linear") return Value{ValueKind::layer, api};
    return Value{};
  };
  facts.layer_call = [](const std::string&) { return Value{ValueKind::tensor, {}}; };
  facts.method = [](const std::string& name) -> std::optional<Value> {
    if (name == "view") return Value{ValueKind::tensor, {}};
    if (name == "size") return Value{ValueKind::other, {}};
    return std::nullopt;
  };
  facts.attribute = [](const std::string& name) -> std::optional<Value> {
    if (name == "shape") return Value{ValueKind::other, {}};
    return std::nullopt;
  };
  return facts;
}

// What the receiver of each method call named `method` holds, in source order.
std::vector<ValueKind> receivers(const std::string& text, const std::string& method) {
  const python::SyntaxTree tree = python::parse(text);
  const rewrite::NameResolver resolver(tree);
  const convert::TensorValues values(tree, resolver, facts());
  std::vector<ValueKind> kinds;
  auto calls = rewrite::find_calls(tree);
  std::sort(calls.begin(), calls.end(),
            [](const auto& a, const auto& b) { return a.callee_begin < b.callee_begin; });
  for (const auto& call : calls) {
    if (call.method == method) kinds.push_back(values.receiver_of(call).kind);
  }
  return kinds;
}

std::vector<std::string> unmapped(const std::string& text) {
  const python::SyntaxTree tree = python::parse(text);
  const rewrite::NameResolver resolver(tree);
  const convert::TensorValues values(tree, resolver, facts());
  std::vector<std::string> names;
  for (const auto& attribute : values.unmapped_attributes()) names.push_back(attribute.name);
  return names;
}

}  // namespace

TEST_CASE("forward's arguments are tensors unless a default or an annotation says otherwise") {
  const std::string text =
      "class M:\n"
      "    def forward(self, x, mask=None, n=2, m: int = 3, *rest):\n"
      "        x.probe(); mask.probe(); n.probe(); m.probe(); rest.probe(); self.probe()\n"
      "    def helper(self, y, z: 'fw.Array'):\n"
      "        y.probe()\n"
      "import fw\n"
      "def g(a: fw.Array, b):\n"
      "    a.probe(); b.probe()\n";
  CHECK(receivers(text, "probe") ==
        std::vector<ValueKind>{ValueKind::tensor, ValueKind::tensor, ValueKind::other,
                               ValueKind::other, ValueKind::other, ValueKind::other,
                               ValueKind::unknown, ValueKind::tensor, ValueKind::unknown});
}

TEST_CASE("results of framework calls, layers and tensor methods flow through names") {
  const std::string text =
      "import fw\n"
      "class M:\n"
      "    def __init__(self):\n"
      "        self.fc = fw.Linear(2, 2)\n"
      "        self.scale = fw.zeros(2)\n"
      "        self.label = 'a,b'\n"
      "    def run(self, q):\n"
      "        h = self.fc(q)\n"
      "        v = h.view(-1)\n"
      "        s = v.size(0)\n"
      "        a, b = fw.split(q)\n"
      "        for part in fw.split(q):\n"
      "            part.probe()\n"
      "        h.probe(); v.probe(); s.probe(); a.probe(); self.scale.probe()\n"
      "        self.label.probe(); self.fc.probe(); (h + 1).probe(); h[0].probe()\n"
      "        'x'.probe(); [h].probe(); q.probe(); len(q).probe(); M().probe()\n";
  CHECK(receivers(text, "probe") ==
        std::vector<ValueKind>{ValueKind::tensor, ValueKind::tensor, ValueKind::tensor,
                               ValueKind::other, ValueKind::tensor, ValueKind::tensor,
                               ValueKind::other, ValueKind::layer, ValueKind::tensor,
                               ValueKind::tensor, ValueKind::other, ValueKind::other,
                               ValueKind::unknown, ValueKind::other, ValueKind::other});
}

TEST_CASE("a name that holds a tensor in one place and something else in another is unknown") {
  const std::string text =
      "import fw\n"
      "def f(flag):\n"
      "    x = None\n"
      "    x = fw.zeros(3)\n"
      "    y = fw.zeros(3) if flag else 'text'\n"
      "    z = fw.zeros(3)\n"
      "    z = 'text'\n"
      "    w = z\n"
      "    x.probe(); y.probe(); z.probe(); w.probe()\n";
  CHECK(receivers(text, "probe") == std::vector<ValueKind>{ValueKind::tensor, ValueKind::unknown,
                                                           ValueKind::unknown, ValueKind::unknown});
}

TEST_CASE("names are followed through chains of assignments in any order") {
  const std::string text =
      "import fw\n"
      "def f():\n"
      "    for i in range(3):\n"
      "        if i:\n"
      "            d.probe()\n"
      "        d = c\n"
      "        c = b * 2\n"
      "        b = a.view(-1)\n"
      "        a = fw.zeros(3)\n";
  CHECK(receivers(text, "probe") == std::vector<ValueKind>{ValueKind::tensor});
}

TEST_CASE("a name rebound from itself keeps what its other bindings give") {
  const std::string text =
      "import fw\n"
      "class M:\n"
      "    def __init__(self):\n"
      "        self.t = fw.zeros(3)\n"
      "        self.t = self.t.view(-1)\n"
      "    def go(self, n):\n"
      "        self.t.probe()\n"
      "def f(a, n):\n"
      "    x = fw.zeros(3) - fw.zeros(3)\n"
      "    x = x.view(-1)\n"
      "    for i in range(n):\n"
      "        x = x * 2\n"
      "    x.probe()\n"
      "    y = fw.zeros(3)\n"
      "    y = y.size(0)\n"
      "    y.probe()\n"
      "    z = z.view(-1)\n"
      "    z.probe()\n"
      "    w = a\n"
      "    w = w.view(-1)\n"
      "    w.probe()\n";
  // x: a tensor from its first binding, kept by the others; y: a tensor and a number; z: only
  // itself says, so nothing does; w: from an argument nothing types.
  CHECK(receivers(text, "probe") == std::vector<ValueKind>{ValueKind::tensor, ValueKind::tensor,
                                                           ValueKind::unknown, ValueKind::unknown,
                                                           ValueKind::unknown});
}

TEST_CASE("attributes of tensors that the facts do not map are listed, mapped ones are not") {
  const std::string text =
      "import fw\n"
      "def f():\n"
      "    x = fw.zeros(3)\n"
      "    n = x.shape\n"
      "    g = x.grad\n"
      "    y = x.view(-1).device\n"
      "    t = 'text'.upper\n";
  CHECK(unmapped(text) == std::vector<std::string>{"grad", "device"});
}
