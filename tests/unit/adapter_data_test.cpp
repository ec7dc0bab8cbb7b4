#include "core/adapter_data.h"

#include <catch2/catch.hpp>

using namespace switcheroo;

namespace {

const char* const kHub = R"(
sum = { args = ["input: tensor", "axis: axes = None", "keepdims: bool = False"], doc = "sum" }
max_with_indices = { args = ["input: tensor", "axis: axis"], results = ["values: tensor", "indices: tensor"], doc = "max" }
conv2d = { kind = "layer", args = ["in_channels: int", "kernel_size: ints", "padding: any = 0"], inputs = ["input: tensor"], layouts = { input = "NCHW" }, doc = "conv" }
adam = { kind = "optimizer", args = ["lr: float = 0.001", "beta1: float = 0.9", "beta2: float = 0.999"], doc = "adam" }
norm = { kind = "layer", args = ["momentum: float = 0.1", "affine: bool = True"], inputs = ["input: tensor"], doc = "norm" }
)";

const Hub& test_hub() {
  static const Hub hub = [] {
    Hub built;
    built.add_category("test", "kb/hub/test.toml", kHub);
    return built;
  }();
  return hub;
}

AdapterData read(std::string_view spoke) {
  return parse_adapter_data("mine", "framework = \"mine\"\n", spoke, test_hub());
}

std::string spoke_error(std::string_view spoke) {
  try {
    read(spoke);
  } catch (const Error& failure) {
    return failure.diagnostic().format();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a spoke maps hub ops with renames, call shape and results") {
  const AdapterData data = read(R"([ops]
sum = { api = "fw.sum", args = { axis = "dim", keepdims = "keepdim" }, needs = { keepdims = ["axis"] } }
"sum/method" = { api = "fw.Tensor.sum", kind = "method", args = { axis = "dim" } }
max_with_indices = { api = "fw.max", positional = ["input", "axis"], results = ["values", "indices"], named-results = true }
conv2d = { api = "fw.Conv", kind = "layer", args = { in_channels = "in_features" }, repeat = { kernel_size = 2 }, values = { padding = { "'same'" = "'SAME'" } }, defaults = { padding = "'same'" }, layout = { input = "NHWC" }, inject = { rngs = "rngs" } }
adam = { api = "fw.adam", args = { lr = "learning_rate" }, pack = { betas = ["beta1", "beta2"] } }
norm = { api = "fw.Norm", kind = "layer", args = { affine = "use_scale" }, also = { affine = ["use_bias"] }, transform = { momentum = { write = "1 - {}", read = "1 - {}" } } }
)");
  REQUIRE(data.ops.size() == 5);
  CHECK(data.ops.at("norm").transforms.at("momentum").write == "1 - {}");
  CHECK(data.ops.at("norm").keywords(*test_hub().find("norm")) ==
        std::vector<std::string>{"momentum", "use_bias", "use_scale"});
  const OpMapping& sum = data.ops.at("sum");
  CHECK(sum.framework_name("axis") == "dim");
  CHECK(sum.framework_name("input") == "input");
  CHECK(sum.positional == std::vector<std::string>{"input"});  // required tensors go positionally
  CHECK(sum.verify == "static");
  CHECK(sum.needs.at("keepdims") == std::vector<std::string>{"axis"});
  CHECK(sum.keywords(*test_hub().find("sum")) == std::vector<std::string>{"dim", "keepdim"});

  const OpMapping& method = data.alternatives.at("sum/method");
  CHECK(method.form == "method");
  CHECK(method.receiver == "input");
  CHECK(method.keywords(*test_hub().find("sum")) == std::vector<std::string>{"dim", "keepdims"});

  const OpMapping& max = data.ops.at("max_with_indices");
  CHECK(max.results == std::vector<std::string>{"values", "indices"});
  CHECK(max.named_results);
  CHECK(max.keywords(*test_hub().find("max_with_indices")).empty());

  const OpMapping& conv = data.ops.at("conv2d");
  CHECK(conv.repeated.at("kernel_size") == 2);
  CHECK(conv.values.at("padding").at("'same'") == "'SAME'");
  CHECK(conv.defaults.at("padding") == "'same'");
  CHECK(conv.layouts.at("input") == "NHWC");
  CHECK(conv.positional == std::vector<std::string>{"input"});  // a layer's call input
  CHECK(conv.keywords(*test_hub().find("conv2d")) ==
        std::vector<std::string>{"in_features", "kernel_size", "padding", "rngs"});

  const OpMapping& adam = data.ops.at("adam");
  CHECK(adam.packed.at("betas") == std::vector<std::string>{"beta1", "beta2"});
  CHECK(adam.keywords(*test_hub().find("adam")) ==
        std::vector<std::string>{"betas", "learning_rate"});
}

TEST_CASE("spoke mistakes are located in the plugin's spoke") {
  CHECK(spoke_error("[ops]\nsumm = { api = \"fw.sum\" }\n") ==
        "mine:spoke.toml:2:1: error: unknown hub op 'summ'; did you mean 'sum'? [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", args = { keepdim = \"keepdim\" } }\n") ==
        "mine:spoke.toml:2:34: error: 'args' names 'keepdim', which is not an argument of hub op "
        "'sum'; did you mean 'keepdims'? [kb]");
  CHECK(spoke_error("[ops]\nsum = { args = { axis = \"dim\" } }\n") ==
        "mine:spoke.toml:2:7: error: [ops.sum] needs 'api' [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", drop = [\"input\"] }\n") ==
        "mine:spoke.toml:2:32: error: cannot drop 'input': it has no default in hub op 'sum' "
        "(name the hook that supplies it) [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", verify = \"maybe\" }\n") ==
        "mine:spoke.toml:2:34: error: 'verify' must be one of 'static', 'none', not 'maybe' [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", verify = \"numeric\" }\n") ==
        "mine:spoke.toml:2:34: error: 'verify = \"numeric\"' is what 'swhost ci' records when a "
        "mapping ran and agreed, not a claim a spoke makes (write 'static' or 'none') [kb]");
  CHECK(spoke_error("[ops]\nconv2d = { api = \"fw.Conv\", kind = \"layer\", layout = { input = "
                    "\"NHW\" } }\n") ==
        "mine:spoke.toml:2:64: error: layout 'NHW' of 'input' is not a permutation of the hub's "
        "'NCHW' [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", layout = { input = \"NC\" } }\n") ==
        "mine:spoke.toml:2:36: error: hub op 'sum' declares no layout for 'input' [kb]");
  CHECK(spoke_error("[ops]\nmax_with_indices = { api = \"fw.max\", results = [\"value\"] }\n") ==
        "mine:spoke.toml:2:49: error: 'results' names 'value', which is not a result of hub op "
        "'max_with_indices' (its results: 'values', 'indices') [kb]");
  CHECK(spoke_error("[ops]\n\"sum/method\" = { api = \"fw.Tensor.sum\", kind = \"method\" }\n") ==
        "mine:spoke.toml:2:1: error: alternative form 'sum/method' needs a primary [ops.sum] in "
        "the same spoke [kb]");
  CHECK(spoke_error("[ops]\nconv2d = { api = \"fw.Conv\", repeat = { kernel_size = 0 } }\n") ==
        "mine:spoke.toml:2:54: error: 'repeat.kernel_size' must be a tuple length from 1 to 8, "
        "not 0 [kb]");
  CHECK(spoke_error("[ops]\nconv2d = { api = \"fw.Conv\", repeat = { kernel_size = \"2\" } }\n") ==
        "mine:spoke.toml:2:54: error: 'repeat.kernel_size' must be a tuple length from 1 to 8, "
        "not a string [kb]");
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"0.9\", read = \"{}\" } } }\n") ==
        "mine:spoke.toml:2:52: error: 'transform.momentum' must use the value as {} in '0.9' "
        "[kb]");
  // Without `read`, `write` is a form: the value once, other braces only API spellings.
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"{@fw.keep}({}) - {}\" } } }\n") ==
        "mine:spoke.toml:2:52: error: 'transform.momentum' without 'read' must use the value "
        "once, not in '{@fw.keep}({}) - {}' [kb]");
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"{momentum} - {}\" } } }\n") ==
        "mine:spoke.toml:2:52: error: 'transform.momentum' without 'read' may hold only {}, "
        "{@api} and the hub's arguments as {name}, not '{momentum} - {}' [kb]");
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"{} - {depth}\" } } }\n") ==
        "mine:spoke.toml:2:52: error: 'transform.momentum' without 'read' may hold only {}, "
        "{@api} and the hub's arguments as {name}, not '{} - {depth}' [kb]");
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"{@fw.keep}({})\" } } }\n") == "no error");
  // Another argument of the op may stand in the form (Keras's key_dim, `{} // {num_heads}`).
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", transform = { momentum = { write = "
                    "\"{} * {affine}\" } } }\n") == "no error");
  CHECK(spoke_error("[ops]\nnorm = { api = \"fw.Norm\", values = { momentum = { \"0.1\" = "
                    "\"0.9\" } }, transform = { momentum = { write = \"1 - {}\", read = "
                    "\"1 - {}\" } } }\n") ==
        "mine:spoke.toml:2:84: error: 'momentum' has both 'values' and 'transform' [kb]");
  CHECK(spoke_error("[ops]\nsum = { hook = \"expression\", expression = \"{inputs} + 1\" }\n") ==
        "mine:spoke.toml:2:43: error: 'expression' names 'inputs', which is not an argument of "
        "hub op 'sum'; did you mean 'input'? [kb]");
  CHECK(spoke_error("[ops]\nsum = { hook = \"expression\", expression = \"{input + 1\" }\n") ==
        "mine:spoke.toml:2:43: error: 'expression' does not scan: a '{' at 0 is not closed [kb]");
  // `hoist` says a layer computes what its op's function form does: on a function it means
  // nothing, and is refused.
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", hoist = true }\n") ==
        "mine:spoke.toml:2:33: error: 'hoist' is for a layer (kind = \"layer\") [kb]");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.Sum\", kind = \"layer\", hoist = true }\n") ==
        "no error");
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", renames = {} }\n") ==
        "mine:spoke.toml:2:25: error: unknown key 'renames' in [ops.sum] (expected 'also', 'api', "
        "'args', 'array-arguments', 'axes-swapped', 'call-inject', 'defaults', 'drop', 'expression', 'fixed', "
        "'gap', 'hook', 'hoist', 'ignore', 'inject', 'kind', "
        "'layout', 'lists', "
        "'named-results', 'needs', 'note', 'pack', 'positional', 'repeat', 'required', 'results', "
        "'self', "
        "'strided-same', 'transform', 'values', 'varargs', 'varargs-mapping', 'varargs-sequence', "
        "'verify') [kb]");
  // axes-swapped names a layer's argument that fixed sets to a boolean.
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", fixed = { keepdims = \"True\" }, "
                    "axes-swapped = [\"keepdims\"] }\n") ==
        "mine:spoke.toml:2:71: error: 'axes-swapped' names 'keepdims', which must be a layer's "
        "argument that 'fixed' sets to True or False [kb]");
}

TEST_CASE("a layer's call may always pass a parameter, named from its inputs") {
  const AdapterData data = read(
      "[ops]\nconv2d = { api = \"fw.Conv\", kind = \"layer\", call-inject = { mask = "
      "\"{@fw.zeros}({input}.shape[1])\" } }\n");
  const OpMapping& conv = data.ops.at("conv2d");
  CHECK(conv.call_injected.at("mask") == "{@fw.zeros}({input}.shape[1])");
  CHECK(conv.injected.empty());
  // Not a constructor keyword: the call takes it.
  CHECK(conv.keywords(*test_hub().find("conv2d")) ==
        std::vector<std::string>{"in_channels", "kernel_size", "padding"});
  CHECK(spoke_error("[ops]\nsum = { api = \"fw.sum\", call-inject = { mask = \"None\" } }\n") ==
        "mine:spoke.toml:2:39: error: 'call-inject' is for a layer's call, and [ops.sum] is not a "
        "layer [kb]");
  CHECK(spoke_error("[ops]\nconv2d = { api = \"fw.Conv\", kind = \"layer\", call-inject = { "
                    "mask = \"{inputs}\" } }\n") ==
        "mine:spoke.toml:2:59: error: 'call-inject' names 'inputs', which is not an argument of "
        "hub op 'conv2d'; did you mean 'input'? [kb]");
}

TEST_CASE("version 1 traits are read as version 2") {
  const AdapterData data = parse_adapter_data("mine", R"(framework = "mine"
[module]
base-class = "fw.Module"
forward-method = "__call__"
init-calls-super = false
[imports]
"fw" = ""
[tensor]
layout = "NHWC"
rng = "stateful"
)",
                                              "", test_hub());
  CHECK(data.traits.module_base_class == "fw.Module");
  CHECK(data.traits.forward_method == "__call__");
  CHECK_FALSE(data.traits.init_calls_super);
  CHECK(data.traits.version == 1);
  CHECK(data.traits.images == "channels-last");
  CHECK(data.traits.rng.model == "global-seed");
  CHECK(data.traits.rng.parameter.empty());
  CHECK(data.traits.constructor == "__init__");
  CHECK(data.traits.array_type.empty());
  CHECK(data.traits.imports.at("fw").empty());
  try {
    parse_adapter_data(
        "mine",
        "[module]\nbase-class = \"fw.Module\"\nforward-method = \"f\"\n[tensor]\nrng = "
        "\"explicit-keys\"\n",
        "", test_hub());
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "mine:traits.toml:5:7: error: version 1 traits cannot say how modules take explicit "
          "keys: write traits-version = 2 with [rng] model, parameter, type and fresh [adapter]");
  }
  try {
    parse_adapter_data("mine", "[tensor]\nlayout = \"HWC\"\n", "", test_hub());
    FAIL("no error");
  } catch (const Error& failure) {
    CHECK(failure.diagnostic().format() ==
          "mine:traits.toml:2:10: error: 'layout' must be one of 'NCHW', 'NHWC', not 'HWC' "
          "[adapter]");
  }
}

TEST_CASE("a channels-last framework takes the hub's images channels last") {
  const char* const traits =
      "traits-version = 2\nframework = \"mine\"\n[layouts]\nimages = "
      "\"channels-last\"\n";
  const char* const spoke =
      "[ops]\nconv2d = { api = \"mine.Conv\", kind = \"layer\" }\nmax_pool1d = { api = "
      "\"mine.pool\", layout = { input = \"NCW\" } }\nlinear_function = { api = \"mine.dense\" "
      "}\n";
  const AdapterData data = parse_adapter_data("mine", traits, spoke);
  CHECK(data.ops.at("conv2d").layouts.at("input") == "NHWC");
  CHECK(data.ops.at("max_pool1d").layouts.at("input") == "NCW");  // the spoke's own word
  CHECK(data.ops.at("linear_function").layouts.empty());          // a weight is no image
  const AdapterData first = parse_adapter_data("mine", "traits-version = 2\n", spoke);
  CHECK(first.ops.at("conv2d").layouts.empty());
}
