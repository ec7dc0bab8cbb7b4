#include "convert/layout_flow.h"

#include "core/hub.h"
#include "python/parse.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace switcheroo::convert {
namespace {

// What the engine would know of a file converted from NHWC to NCHW: `conv(x)` is a layer that
// takes NHWC images where the target takes NCHW, `x.transpose(...)` permutes axes.
CallFacts facts_of(const python::SyntaxTree& tree, const rewrite::Call& call) {
  CallFacts facts;
  if (call.dotted_callee == "conv") {
    facts.op = builtin_hub().find("conv2d");
    facts.layer_call = true;
    facts.layout = {0, 3, 1, 2};
  } else if (call.dotted_callee == "cat") {
    facts.op = builtin_hub().find("concat");
    HubCall hub;
    hub.op = facts.op;
    hub.values["tensors"] = value_of(std::string(tree.text(call.arguments.items[0].value)));
    hub.values["axis"] = value_of(std::string(tree.text(call.arguments.items[1].value)));
    facts.hub = hub;
  } else if (call.method == "transpose") {
    facts.op = builtin_hub().find("permute");
    facts.method = true;
    HubCall hub;
    hub.op = facts.op;
    HubValue axes;
    axes.spread = true;
    for (const auto& argument : call.arguments.items) {
      axes.items.emplace_back(tree.text(argument.value));
    }
    hub.values["axes"] = axes;
    facts.hub = hub;
  }
  return facts;
}

// How many calls the plan drops (transposes whose work the layout state already did).
size_t dropped(const std::string& source) {
  const python::SyntaxTree tree = python::parse(source);
  const auto calls = rewrite::find_calls(tree);
  const LayoutPlan plan = plan_layout(
      tree, calls, [&](const rewrite::Call& call) { return facts_of(tree, call); }, "forward",
      false);
  size_t count = 0;
  for (const auto& [trailer, action] : plan.actions) {
    count += action.kind == LayoutAction::Kind::drop;
  }
  return count;
}

// What the engine would know of a file converted from NCHW to NHWC: `Seq(...)` a Sequential,
// `Conv(c)` a convolution, `Permute(dims)` a permute layer, `ones(...)` a factory.
CallFacts permuting_facts(const rewrite::Call& call) {
  CallFacts facts;
  if (call.dotted_callee == "Seq") {
    facts.op = builtin_hub().find("sequential");
    facts.constructor = true;
  } else if (call.dotted_callee == "Conv") {
    facts.op = builtin_hub().find("conv2d");
    facts.constructor = true;
    facts.layout = {0, 2, 3, 1};
  } else if (call.dotted_callee == "Permute") {
    facts.permute_dims = call.arguments.items.front().value;
  } else if (call.dotted_callee == "ones") {
    facts.op = builtin_hub().find("ones");
  }
  return facts;
}

// The source with the plan's text replacements made.
std::string replaced(const std::string& source) {
  const python::SyntaxTree tree = python::parse(source);
  const LayoutPlan plan =
      plan_layout(tree, rewrite::find_calls(tree), permuting_facts, "forward", false);
  std::string text = source;
  for (auto it = plan.replacements.rbegin(); it != plan.replacements.rend(); ++it) {
    text.replace(it->first, it->second.first - it->first, it->second.second);
  }
  return text;
}

// The axes the plan renumbers `cat(...)` with (source axis -> target axis); empty when none.
std::vector<int> concat_axes(const std::string& source) {
  const python::SyntaxTree tree = python::parse(source);
  const auto calls = rewrite::find_calls(tree);
  const LayoutPlan plan = plan_layout(
      tree, calls, [&](const rewrite::Call& call) { return facts_of(tree, call); }, "forward",
      false);
  for (const auto& call : calls) {
    auto action = plan.actions.find(call.trailer);
    if (call.dotted_callee == "cat" && action != plan.actions.end()) return action->second.axes;
  }
  return {};
}

}  // namespace

TEST_CASE("permute layers around a channels-last block of an image in the target's layout") {
  const std::string block =
      "class Block:\n"
      "    def __init__(self, c):\n"
      "        self.block = Seq(Conv(c), Permute([0, 2, 3, 1]), Norm(c), Permute([0, 3, 1, 2]))\n"
      "        self.scale = ones(c, 1, 1)\n"
      "        self.last = Permute((0, 2, 3, 1))\n"
      "    def forward(self, x):\n"
      "        y = self.scale * self.block(x)\n";
  // Both permutations are done by the layout already; the scale lines up with NHWC.
  CHECK(replaced(block + "        return y\n") ==
        "class Block:\n"
        "    def __init__(self, c):\n"
        "        self.block = Seq(Conv(c), Permute([0, 1, 2, 3]), Norm(c), Permute([0, 1, 2, 3]))\n"
        "        self.scale = ones(1, 1, c)\n"
        "        self.last = Permute((0, 2, 3, 1))\n"
        "    def forward(self, x):\n"
        "        y = self.scale * self.block(x)\n"
        "        return y\n");
  // Alone, of an NHWC image: channels last, as the source has them, in the identity.
  const std::string alone = replaced(block + "        return self.last(y)\n");
  CHECK(alone.find("self.last = Permute((0, 1, 2, 3))") != std::string::npos);
  // Not literal axes: left as they are.
  CHECK(replaced("class Net:\n"
                 "    def __init__(self, d):\n"
                 "        self.block = Seq(Conv(3), Permute(d))\n"
                 "    def forward(self, x):\n"
                 "        return self.block(x)\n")
            .find("Permute(d)") != std::string::npos);
}

TEST_CASE("sizes unpacked from an image's shape take the target's order") {
  CHECK(replaced("class Net:\n"
                 "    def __init__(self):\n"
                 "        self.conv = Conv(3)\n"
                 "    def forward(self, x):\n"
                 "        y = self.conv(x)\n"
                 "        n, c, h, w = y.shape\n"
                 "        *rest, last = y.shape\n"
                 "        return n\n") ==
        "class Net:\n"
        "    def __init__(self):\n"
        "        self.conv = Conv(3)\n"
        "    def forward(self, x):\n"
        "        y = self.conv(x)\n"
        "        n, h, w, c = y.shape\n"
        "        *rest, last = y.shape\n"
        "        return n\n");
}

TEST_CASE("a list of images keeps their layout through a name and a method's return") {
  const std::string images =
      "class Block:\n"
      "    def _forward(self, x):\n"
      "        outputs = [conv(x), conv(x)]\n"
      "        return outputs\n"
      "    def forward(self, x):\n"
      "        outputs = self._forward(x)\n"
      "        return cat(outputs, 3)\n";
  CHECK(concat_axes(images) == std::vector<int>{0, 2, 3, 1});  // NHWC axis 3 is NCHW axis 1
  // A list that also holds a value of unknown layout is not followed through a name.
  const std::string mixed =
      "def f(x, y):\n"
      "    outputs = [conv(x), y]\n"
      "    return cat(outputs, 3)\n";
  CHECK(concat_axes(mixed).empty());
}

TEST_CASE("a transpose into the target's order and the one undoing it after a helper drop") {
  const std::string helper =
      "def shuffle(x, groups):\n"
      "    return x.reshape(x.shape)\n"
      "\n";
  CHECK(dropped(helper +
                "def block(x, conv):\n"
                "    y = conv(x)\n"
                "    return shuffle(y.transpose(0, 3, 1, 2), 2).transpose(0, 2, 3, 1)\n") == 2);
  // Not the inverse of the first: the second is a real transpose.
  CHECK(dropped(helper +
                "def block(x, conv):\n"
                "    y = conv(x)\n"
                "    return shuffle(y.transpose(0, 3, 1, 2), 2).transpose(0, 3, 2, 1)\n") == 1);
  // Without the first, nothing says the helper's result is in the target's order.
  CHECK(dropped(helper + "def block(x, conv):\n"
                         "    return shuffle(x, 2).transpose(0, 2, 3, 1)\n") == 0);
}

}  // namespace switcheroo::convert
