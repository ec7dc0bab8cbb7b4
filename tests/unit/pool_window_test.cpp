// The pool_window idiom (host/convert/layer_idioms.cpp) towards a target that names its
// paddings, as Praxis's pl.Pooling does ('VALID' or 'SAME'), and read back from one.
#include "convert/layer_idioms.h"

#include "core/adapter_data.h"

#include <catch2/catch.hpp>

using namespace switcheroo;
using namespace switcheroo::convert;

namespace {

const char* const kHub = R"(
max_pool2d = { args = ["input: tensor", "kernel_size: ints", "stride: ints = None", "padding: ints = 0", "ceil_mode: bool = False"], layouts = { input = "NCHW" }, doc = "max pool" }
)";

const Hub& test_hub() {
  static const Hub hub = [] {
    Hub built;
    built.add_category("test", "kb/hub/test.toml", kHub);
    return built;
  }();
  return hub;
}

const AdapterData& named() {
  static const AdapterData data = parse_adapter_data("mine", "framework = \"mine\"\n", R"([ops]
max_pool2d = { api = "fw.Pooling", kind = "layer", hook = "pool_window", args = { kernel_size = "window_shape", stride = "window_stride" }, values = { padding = { "0" = "'VALID'", "'same'" = "'SAME'" } }, layout = { input = "NHWC" } }
)",
                                                      test_hub());
  return data;
}

const AdapterData& plain() {
  static const AdapterData data = parse_adapter_data("plain", "framework = \"plain\"\n", R"([ops]
max_pool2d = { api = "fw.MaxPool2d", kind = "layer" }
)",
                                                      test_hub());
  return data;
}

HubCall pool_call(std::map<std::string, std::string> values) {
  HubCall call;
  call.op = test_hub().find("max_pool2d");
  for (const auto& [name, text] : values) call.values[name] = value_of(text);
  return call;
}

}  // namespace

TEST_CASE("a pool window towards a target that names its paddings") {
  const HubOp& op = *test_hub().find("max_pool2d");
  const OpMapping& source = plain().ops.at("max_pool2d");
  const OpMapping& target = named().ops.at("max_pool2d");
  std::string why;

  HubCall call = pool_call({{"kernel_size", "2"}});
  REQUIRE(adapt_for_hook(op, source, target, call, why));
  CHECK(call.values.at("kernel_size").text == "(2, 2)");
  CHECK(call.values.at("stride").text == "(2, 2)");  // the window, where the source has none
  CHECK(call.values.at("padding").text == "0");      // the values table's 'VALID'

  call = pool_call({{"kernel_size", "3"}, {"ceil_mode", "True"}});
  CHECK_FALSE(adapt_for_hook(op, source, target, call, why));
  CHECK(why == "ceil_mode=True: 'fw.Pooling' pads 'SAME' or 'VALID' only");
  call = pool_call({{"kernel_size", "3"}, {"padding", "1"}});
  CHECK_FALSE(adapt_for_hook(op, source, target, call, why));
  CHECK(why == "padding=1: 'fw.Pooling' pads 'SAME' or 'VALID' only");

  // Calling the layer passes its input alone: the window is its constructor's.
  call = pool_call({{"input", "x"}});
  CHECK(adapt_for_hook(op, source, target, call, why));
  CHECK(call.values.size() == 1);
}

TEST_CASE("a pool window read back from a target that names its paddings") {
  const HubOp& op = *test_hub().find("max_pool2d");
  const OpMapping& source = named().ops.at("max_pool2d");
  const OpMapping& target = plain().ops.at("max_pool2d");
  std::string why;
  HubCall call = pool_call({{"kernel_size", "(2, 2)"}, {"stride", "(2, 2)"}, {"padding", "'same'"}});
  CHECK_FALSE(adapt_for_hook(op, source, target, call, why));
  CHECK(why == "padding='SAME' has no fixed padding width");
  call = pool_call({{"input", "x"}});
  CHECK(adapt_for_hook(op, source, target, call, why));
  CHECK(call.values.size() == 1);  // no stride of 1 added to a layer's call
}

TEST_CASE("ceil_mode_widths: stride - 1 at the end of each spatial axis", "[pool_window]") {
  const HubOp& op = *test_hub().find("max_pool2d");
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "3"}, {"stride", "2"}, {"ceil_mode", "True"}}),
                         2) == std::vector<int>{1, 1});
  HubCall uneven = pool_call({{"kernel_size", "(4, 3)"}, {"stride", "(3, 2)"},
                              {"ceil_mode", "True"}, {"padding", "0"}});
  uneven.values["kernel_size"].elements = std::vector<std::string>{"4", "3"};
  uneven.values["stride"].elements = std::vector<std::string>{"3", "2"};
  CHECK(ceil_mode_widths(op, uneven, 2) == std::vector<int>{2, 1});
  // the stride defaults to the window: k - 1
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "2"}, {"ceil_mode", "True"}}), 2) ==
        std::vector<int>{1, 1});
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "3"}, {"stride", "1"}, {"ceil_mode", "True"}}),
                         2) == std::vector<int>{0, 0});
}

TEST_CASE("ceil_mode_widths: none for other pools", "[pool_window]") {
  const HubOp& op = *test_hub().find("max_pool2d");
  // no ceil_mode, padding beside it, windows shorter than their strides, names
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "3"}, {"stride", "2"}}), 2).empty());
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "3"}, {"stride", "2"}, {"padding", "1"},
                                        {"ceil_mode", "True"}}),
                         2)
            .empty());
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "2"}, {"stride", "3"}, {"ceil_mode", "True"}}),
                         2)
            .empty());
  CHECK(ceil_mode_widths(op, pool_call({{"kernel_size", "k"}, {"stride", "2"}, {"ceil_mode", "True"}}),
                         2)
            .empty());
}
