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
