#include "convert/layout_flow.h"

#include "core/hub.h"
#include "python/parse.h"

#include <catch2/catch.hpp>

#include <algorithm>
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
  } else if (call.method == "add_module") {
    facts.adds_child = true;
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

// For each `cat(...)` in order, the axes the plan renumbers it with (source axis -> target
// axis); empty for one it leaves.
std::vector<std::vector<int>> each_concat_axes(const std::string& source) {
  const python::SyntaxTree tree = python::parse(source);
  const auto calls = rewrite::find_calls(tree);
  const LayoutPlan plan = plan_layout(
      tree, calls, [&](const rewrite::Call& call) { return facts_of(tree, call); }, "forward",
      false);
  std::vector<std::vector<int>> axes;
  for (const auto& call : calls) {
    if (call.dotted_callee != "cat") continue;
    auto action = plan.actions.find(call.trailer);
    axes.push_back(action == plan.actions.end() ? std::vector<int>() : action->second.axes);
  }
  return axes;
}

// The axes the plan renumbers the first renumbered `cat(...)` with; empty when none.
std::vector<int> concat_axes(const std::string& source) {
  for (const auto& axes : each_concat_axes(source)) {
    if (!axes.empty()) return axes;
  }
  return {};
}

// The permutations the plan writes around values (restores and permutes into layers), sorted,
// against NHWC (permuting_facts).
std::vector<std::vector<int>> written_permutes(const std::string& source) {
  const python::SyntaxTree tree = python::parse(source);
  const LayoutPlan plan =
      plan_layout(tree, rewrite::find_calls(tree), permuting_facts, "forward", false);
  std::vector<std::vector<int>> axes;
  for (const auto& [trailer, restore] : plan.restores) axes.push_back(restore.axes);
  std::sort(axes.begin(), axes.end());
  return axes;
}

const std::vector<int> to_nchw = {0, 3, 1, 2};
const std::vector<int> to_nhwc = {0, 2, 3, 1};

// A Net holding `held` as `self.body` beside a convolution, whose forward returns `returned`;
// Mix, a module whose input no layer consumes, gives it to a helper (the source's layout).
std::string net_holding(const std::string& held, const std::string& returned) {
  return "def helper(t):\n"
         "    return t\n"
         "class Mix:\n"
         "    def forward(self, x):\n"
         "        return helper(x)\n"
         "class Net:\n"
         "    def __init__(self, c, t):\n"
         "        self.conv = Conv(c)\n"
         "        self.body = " + held + "\n"
         "    def forward(self, x):\n"
         "        return " + returned + "\n";
}

TEST_CASE("a module after an image layer in a Sequential takes the image as given (MaxViT)") {
  // Nothing can be permuted before Mix: it takes NHWC, gives the helper NCHW, and returns
  // NHWC again, as the Sequential's next layer would get from a convolution.
  CHECK(written_permutes(net_holding("Seq(Conv(3), Mix())", "self.body(x)")) ==
        std::vector<std::vector<int>>{to_nhwc, to_nchw});
  // First in the Sequential, it is given what the Sequential is: unknown here.
  CHECK(written_permutes(net_holding("Seq(Mix(), Conv(3))", "self.body(x)")).empty());
}

TEST_CASE("a layer held as a conditional expression is followed through both branches") {
  const std::string twice = "self.conv(self.body(helper(self.conv(x))))";
  // Both branches give an image in the source's layout: the convolution after it permutes it.
  CHECK(written_permutes(net_holding("Mix() if t else Seq()", twice)) ==
        std::vector<std::vector<int>>{to_nhwc, to_nchw});
  CHECK(written_permutes(net_holding("Mix() if t else Mix() if c else Seq()", twice)) ==
        std::vector<std::vector<int>>{to_nhwc, to_nchw});
  // A branch of unknown layout: nothing is known after it.
  CHECK(written_permutes(net_holding("Mix() if t else Other()", twice)) ==
        std::vector<std::vector<int>>{to_nchw});
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

TEST_CASE("a Sequential of a mapping filled by item assignments lists its values in order") {
  auto net = [](const std::string& fill, const std::string& built) {
    return "class Net:\n"
           "    def __init__(self, c):\n"
           "        layers = OrderedDict()\n" +
           fill + "        self.body = " + built + "\n" +
           "        self.scale = ones(c, 1, 1)\n"
           "    def forward(self, x):\n"
           "        return self.scale * self.body(x)\n";
  };
  const std::string once = "        layers['conv'] = Conv(c)\n";
  // The body gives an image in the target's layout: the scale lines up with NHWC.
  CHECK(replaced(net(once, "Seq(layers)")).find("ones(1, 1, c)") != std::string::npos);
  CHECK(replaced(net(once, "Seq(*layers.values())")).find("ones(1, 1, c)") != std::string::npos);
  // Filled in a loop: how many layers, and so what comes out, is not known.
  const std::string looped = "        for i in range(2):\n"
                             "            layers[i] = Conv(c)\n";
  CHECK(replaced(net(looped, "Seq(layers)")).find("ones(c, 1, 1)") != std::string::npos);
}

TEST_CASE("a Sequential whose permute layer leaves an image in the source's layout gives one") {
  auto net = [](const std::string& appends) {
    return "class Net:\n"
           "    def __init__(self, c):\n"
           "        layers = []\n" +
           appends + "        self.body = Seq(*layers)\n" +
           "        self.out = Conv(c)\n"
           "    def forward(self, x):\n"
           "        return self.out(self.body(x))\n";
  };
  // Appended once (listed once, not any number of times: swin's first block): the block's
  // permute takes the convolution's image out of NHWC, so the convolution after the body gets
  // it permuted back.
  CHECK(written_permutes(net("        layers.append(Seq(Conv(c), Permute([0, 2, 3, 1])))\n")) ==
        std::vector<std::vector<int>>{to_nhwc});
  // In a branch: any number of times, none included, so what the body gives is unknown.
  CHECK(written_permutes(net("        if c:\n"
                             "            layers.append(Seq(Conv(c), Permute([0, 2, 3, 1])))\n"))
            .empty());
}

TEST_CASE("a parameter holding a list of images whose concatenation a layer consumes") {
  const std::vector<int> nchw_axis_of_nhwc = {0, 2, 3, 1};  // NHWC axis 3 is NCHW axis 1
  // Through a name, and as the layer's argument itself.
  CHECK(concat_axes("def f(inputs):\n"
                    "    joined = cat(inputs, 3)\n"
                    "    return conv(joined)\n") == nchw_axis_of_nhwc);
  CHECK(concat_axes("def f(inputs):\n"
                    "    return conv(cat(inputs, 3))\n") == nchw_axis_of_nhwc);
  // A name bound to a parameter and given to a layer: the parameter is an image.
  CHECK(concat_axes("def f(x):\n"
                    "    y = x\n"
                    "    z = conv(y)\n"
                    "    return cat([x, x], 3)\n") == nchw_axis_of_nhwc);
  // Nothing consumes the concatenation: the parameter's layout is not known.
  CHECK(concat_axes("def f(inputs):\n"
                    "    return cat(inputs, 3)\n")
            .empty());
}

TEST_CASE("a list grown by append stays a list of images while every value appended is one") {
  const std::vector<int> nchw_axis_of_nhwc = {0, 2, 3, 1};
  CHECK(concat_axes("def f(x):\n"
                    "    features = []\n"
                    "    features.append(conv(x))\n"
                    "    features.append(conv(x))\n"
                    "    return cat(features, 3)\n") == nchw_axis_of_nhwc);
  // A value of unknown layout appended (a parameter no layer consumes): not followed.
  CHECK(concat_axes("def f(x, y):\n"
                    "    features = [conv(x)]\n"
                    "    features.append(y)\n"
                    "    return cat(features, 3)\n")
            .empty());
}

TEST_CASE("a conditional expression is an image where both branches give one of one layout") {
  CHECK(concat_axes("def f(x, t):\n"
                    "    y = conv(x) if t else conv(x)\n"
                    "    return cat([y, y], 3)\n") == std::vector<int>{0, 2, 3, 1});
  CHECK(concat_axes("def f(x, t, z):\n"
                    "    y = conv(x) if t else z\n"
                    "    return cat([y, y], 3)\n")
            .empty());
}

TEST_CASE("a chain of conditionals is followed in a loop, as deep as the parser allows") {
  std::string chain = "conv(x)";
  for (int i = 0; i < 2000; ++i) chain = "conv(x) if t else " + chain;
  CHECK(concat_axes("def f(x, t):\n    y = " + chain + "\n    return cat([y, y], 3)\n") ==
        std::vector<int>{0, 2, 3, 1});
  std::string mixed = "z";
  for (int i = 0; i < 2000; ++i) mixed = "conv(x) if t else " + mixed;
  CHECK(concat_axes("def f(x, t, z):\n    y = " + mixed + "\n    return cat([y, y], 3)\n")
            .empty());
}

TEST_CASE("an expression nested deeper than any program is unknown, not a stack overflow") {
  std::string deep = "conv(x)";
  for (int i = 0; i < 4000; ++i) deep = "not " + deep;
  CHECK(concat_axes("def f(x):\n    y = " + deep + "\n    return cat([conv(x), conv(x)], 3)\n") ==
        std::vector<int>{0, 2, 3, 1});
}

TEST_CASE("the children of a container, all of one class, walked in a loop (DenseNet's block)") {
  const std::string layer =
      "class Layer:\n"
      "    def forward(self, inputs):\n"
      "        return conv(cat(inputs, 3))\n";
  const std::string block_forward =
      "    def forward(self, x):\n"
      "        features = [x]\n"
      "        for name, layer in self.items():\n"
      "            features.append(layer(features))\n"
      "        return cat(features, 3)\n";
  const std::vector<int> nchw_axis_of_nhwc = {0, 2, 3, 1};
  // The block's parameter is in a list given to a layer that takes a list of images, and each
  // layer returns one: both concatenations follow the target's layout.
  CHECK(each_concat_axes(layer +
                         "class Block:\n"
                         "    def __init__(self, n):\n"
                         "        for i in range(n):\n"
                         "            layer = Layer()\n"
                         "            self.add_module('layer%d' % i, layer)\n" +
                         block_forward) ==
        std::vector<std::vector<int>>{nchw_axis_of_nhwc, nchw_axis_of_nhwc});
  // By item assignment too.
  CHECK(each_concat_axes(layer +
                         "class Block:\n"
                         "    def __init__(self, n):\n"
                         "        for i in range(n):\n"
                         "            self['layer%d' % i] = Layer()\n" +
                         block_forward) ==
        std::vector<std::vector<int>>{nchw_axis_of_nhwc, nchw_axis_of_nhwc});
  // A child of another class: what the loop calls is not known, nor the block's list.
  CHECK(each_concat_axes(layer +
                         "class Block:\n"
                         "    def __init__(self, n):\n"
                         "        self['first'] = Layer()\n"
                         "        self['last'] = Other()\n" +
                         block_forward) ==
        std::vector<std::vector<int>>{nchw_axis_of_nhwc, {}});
}

}  // namespace switcheroo::convert
