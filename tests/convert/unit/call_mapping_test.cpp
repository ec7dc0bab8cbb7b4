#include "convert/call_mapping.h"

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

namespace switcheroo::convert {
namespace {

Spelling plain_spelling() {
  Spelling spelling;
  spelling.api = [](const std::string& qualified) {
    return qualified.rfind("jax.numpy.", 0) == 0 ? "jnp." + qualified.substr(10) : qualified;
  };
  spelling.dtype = [](const std::string& name) { return "jnp." + name; };
  spelling.read_dtype = [](const std::string& text) {
    return text.rfind("torch.", 0) == 0 ? text.substr(6) : std::string();
  };
  return spelling;
}

CallArgument positional(std::string text) {
  CallArgument argument;
  argument.text = std::move(text);
  return argument;
}

CallArgument keyword(std::string name, std::string text) {
  CallArgument argument;
  argument.kind = CallArgument::Kind::keyword;
  argument.keyword = std::move(name);
  argument.text = std::move(text);
  return argument;
}

// torch.sum(x, dim=..., keepdim=...) and jnp.sum(x, axis=..., keepdims=...) over the hub's sum.
OpMapping torch_sum() {
  OpMapping mapping;
  mapping.op = "sum";
  mapping.api = "torch.sum";
  mapping.arguments = {{"axis", "dim"}, {"keepdims", "keepdim"}};
  mapping.positional = {"input"};
  return mapping;
}

OpMapping jax_sum() {
  OpMapping mapping;
  mapping.op = "sum";
  mapping.api = "jax.numpy.sum";
  mapping.positional = {"input"};
  return mapping;
}

std::string convert(const OpMapping& from, const OpMapping& to, const FrameworkCall& call) {
  const HubOp* op = builtin_hub().find(from.op);
  REQUIRE(op != nullptr);
  std::string why;
  auto hub_call = read_call(*op, from, Phase::construct, call, plain_spelling(), why);
  if (!hub_call) return "read: " + why;
  auto written = write_call(*hub_call, to, Phase::construct, plain_spelling(), {}, why);
  return written ? written->text : "write: " + why;
}

TEST_CASE("keywords are renamed through the hub") {
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("dim", "1"), keyword("keepdim", "True")};
  CHECK(convert(torch_sum(), jax_sum(), call) == "jnp.sum(x, axis=1, keepdims=True)");
}

TEST_CASE("positional arguments after the tensors keep the source's style") {
  FrameworkCall call;
  call.arguments = {positional("x"), positional("1")};
  CHECK(convert(torch_sum(), jax_sum(), call) == "jnp.sum(x, 1)");
}

TEST_CASE("positional = [] passes everything by keyword, whatever the source did") {
  OpMapping source;
  source.op = "layer_norm";
  source.api = "torch.nn.LayerNorm";
  source.kind = "layer";
  OpMapping target = source;
  target.api = "keras.layers.LayerNormalization";
  target.arguments = {{"normalized_shape", "input_dim"}};
  target.keywords_only = true;
  FrameworkCall call;
  call.arguments = {positional("6")};
  CHECK(convert(source, target, call) == "keras.layers.LayerNormalization(input_dim=6)");

  const HubOp* op = builtin_hub().find("layer_norm");
  REQUIRE(op != nullptr);
  std::string why;
  FrameworkCall layer_call;
  layer_call.arguments = {positional("x")};
  auto hub_call = read_call(*op, source, Phase::call, layer_call, plain_spelling(), why);
  REQUIRE(hub_call);
  auto written = write_call(*hub_call, target, Phase::call, plain_spelling(), {}, why);
  REQUIRE(written);
  CHECK(written->text == "keras.layers.LayerNormalization(x)");
}

TEST_CASE("a subscripting read transform picks the item of a tuple display") {
  OpMapping source;
  source.op = "layer_norm";
  source.api = "keras.layers.LayerNormalization";
  source.kind = "layer";
  source.arguments = {{"normalized_shape", "input_shape"}};
  source.transforms = {{"normalized_shape", {"({},)", "{}[-1]"}}};
  OpMapping target;
  target.op = "layer_norm";
  target.api = "torch.nn.LayerNorm";
  target.kind = "layer";
  FrameworkCall call;
  call.arguments = {keyword("input_shape", "(None, d)")};
  call.arguments[0].elements = std::vector<std::string>{"None", "d"};
  CHECK(convert(source, target, call) == "torch.nn.LayerNorm(normalized_shape=d)");
  call.arguments = {keyword("input_shape", "shape")};
  CHECK(convert(source, target, call) == "torch.nn.LayerNorm(normalized_shape=shape[-1])");
}

TEST_CASE("an unknown keyword is refused with its name") {
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("dims", "1")};
  CHECK(convert(torch_sum(), jax_sum(), call) ==
        "read: 'torch.sum' has no parameter 'dims' in the knowledge base");
}

TEST_CASE("a value the API implies under no name of its own is no keyword of it") {
  OpMapping source = jax_sum();
  source.fixed = {{"keepdims", "False"}};
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("keepdims", "True")};
  CHECK(convert(source, jax_sum(), call) ==
        "read: 'jax.numpy.sum' has no parameter 'keepdims' in the knowledge base");
  call.arguments = {positional("x")};
  CHECK(convert(source, jax_sum(), call) == "jnp.sum(x, keepdims=False)");
  // Under a name of its own, the API takes it (and the reading holds it to the implied value).
  source.arguments = {{"keepdims", "keep"}};
  call.arguments = {positional("x"), keyword("keep", "False")};
  CHECK(convert(source, jax_sum(), call) == "jnp.sum(x, keepdims=False)");
}

TEST_CASE("a default that differs in the target is written out") {
  OpMapping target = jax_sum();
  target.defaults = {{"keepdims", "True"}};
  FrameworkCall call;
  call.arguments = {positional("x")};
  CHECK(convert(torch_sum(), target, call) == "jnp.sum(x, keepdims=False)");
}

TEST_CASE("a dropped argument converts only at its default") {
  OpMapping target = jax_sum();
  target.dropped = {"keepdims"};
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("keepdim", "False")};
  CHECK(convert(torch_sum(), target, call) == "jnp.sum(x)");
  call.arguments = {positional("x"), keyword("keepdim", "True")};
  CHECK(convert(torch_sum(), target, call) ==
        "write: 'jax.numpy.sum' has no 'keepdims' (only its default converts)");
}

TEST_CASE("value tables convert listed values and let other kinds of value pass") {
  OpMapping target = jax_sum();
  target.values = {{"keepdims", {{"True", "'yes'"}}}};
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("keepdim", "True")};
  CHECK(convert(torch_sum(), target, call) == "jnp.sum(x, keepdims='yes')");
  call.arguments = {positional("x"), keyword("keepdim", "False")};
  CHECK(convert(torch_sum(), target, call) ==
        "write: value False of 'keepdims' has no equivalent in 'jax.numpy.sum'");
}

TEST_CASE("a variadic argument is spread or packed as each side needs") {
  OpMapping view;
  view.op = "reshape";
  view.api = "torch.Tensor.view";
  view.kind = "method";
  view.varargs = "shape";
  OpMapping reshape;
  reshape.op = "reshape";
  reshape.api = "jax.numpy.reshape";
  reshape.positional = {"input", "shape"};
  FrameworkCall call;
  call.receiver = "x";
  call.arguments = {positional("b"), positional("-1")};
  CHECK(convert(view, reshape, call) == "jnp.reshape(x, (b, -1))");
  call.arguments = {positional("-1")};
  CHECK(convert(view, reshape, call) == "jnp.reshape(x, (-1,))");
  call.arguments = {positional("shape")};
  CHECK(convert(view, reshape, call) == "jnp.reshape(x, shape)");
  reshape.kind = "method";
  reshape.positional = {};
  reshape.varargs = "shape";
  call.receiver = "a + b";
  call.arguments = {positional("b"), positional("-1")};
  CHECK(convert(view, reshape, call) == "(a + b).reshape(b, -1)");
}

// nn.BatchNorm2d(c, affine=...) and nnx.BatchNorm(c, use_scale=..., use_bias=...): one hub
// argument, two Flax parameters.
OpMapping torch_batch_norm() {
  OpMapping mapping;
  mapping.op = "batch_norm2d";
  mapping.api = "torch.nn.BatchNorm2d";
  mapping.kind = "layer";
  return mapping;
}

OpMapping flax_batch_norm() {
  OpMapping mapping;
  mapping.op = "batch_norm2d";
  mapping.api = "flax.nnx.BatchNorm";
  mapping.kind = "layer";
  mapping.arguments = {{"eps", "epsilon"}, {"affine", "use_scale"}};
  mapping.also = {{"affine", {"use_bias"}}};
  return mapping;
}

TEST_CASE("an 'also' parameter is written with the value of its hub argument") {
  FrameworkCall call;
  call.arguments = {positional("64"), keyword("affine", "False"), keyword("eps", "1e-3")};
  CHECK(convert(torch_batch_norm(), flax_batch_norm(), call) ==
        "flax.nnx.BatchNorm(64, epsilon=1e-3, use_scale=False, use_bias=False)");
  call.arguments = {positional("64"), positional("1e-3"), positional("0.1"), positional("flag")};
  // A layer's options go by keyword however the source passed them.
  CHECK(convert(torch_batch_norm(), flax_batch_norm(), call) ==
        "flax.nnx.BatchNorm(64, epsilon=1e-3, momentum=0.1, use_scale=flag, use_bias=flag)");
  call.arguments = {positional("64")};
  CHECK(convert(torch_batch_norm(), flax_batch_norm(), call) == "flax.nnx.BatchNorm(64)");
}

TEST_CASE("an 'also' parameter is read only when it agrees with its hub argument") {
  FrameworkCall call;
  call.arguments = {positional("64"), keyword("use_scale", "False"), keyword("use_bias", "False")};
  CHECK(convert(flax_batch_norm(), torch_batch_norm(), call) ==
        "torch.nn.BatchNorm2d(64, affine=False)");
  call.arguments = {positional("64"), keyword("use_bias", "True"), keyword("use_scale", "True")};
  CHECK(convert(flax_batch_norm(), torch_batch_norm(), call) ==
        "torch.nn.BatchNorm2d(64, affine=True)");
  call.arguments = {positional("64"), keyword("use_scale", "False")};
  CHECK(convert(flax_batch_norm(), torch_batch_norm(), call) ==
        "read: 'use_bias=True' differs from 'use_scale=False', and the hub's 'affine' sets both");
  call.arguments = {positional("64"), keyword("use_bias", "False")};
  CHECK(convert(flax_batch_norm(), torch_batch_norm(), call) ==
        "read: 'use_bias=False' differs from 'use_scale=True', and the hub's 'affine' sets both");
}

// nn.Conv2d(c, d, k) and a layer that packs the kernel size, repeated per axis, and both
// channel counts into one tuple (Praxis's filter_shape=(kh, kw, c, d)).
OpMapping torch_conv() {
  OpMapping mapping;
  mapping.op = "conv2d";
  mapping.api = "torch.nn.Conv2d";
  mapping.kind = "layer";
  return mapping;
}

OpMapping packing_conv() {
  OpMapping mapping = torch_conv();
  mapping.api = "praxis.layers.Conv2D";
  mapping.packed = {{"filter_shape", {"kernel_size", "in_channels", "out_channels"}}};
  mapping.repeated = {{"kernel_size", 2}, {"stride", 2}};
  mapping.arguments = {{"stride", "filter_stride"}};
  mapping.keywords_only = true;
  return mapping;
}

TEST_CASE("a packed member repeated per axis takes that many items of the tuple") {
  FrameworkCall call;
  call.arguments = {positional("c"), positional("d"), positional("3"), keyword("stride", "2")};
  CHECK(convert(torch_conv(), packing_conv(), call) ==
        "praxis.layers.Conv2D(filter_shape=(3, 3, c, d), filter_stride=(2, 2))");
  call.arguments = {positional("c"), positional("d"), positional("(3, 5)")};
  call.arguments[2].elements = std::vector<std::string>{"3", "5"};
  CHECK(convert(torch_conv(), packing_conv(), call) ==
        "praxis.layers.Conv2D(filter_shape=(3, 5, c, d))");
  call.arguments = {positional("c"), positional("d"), positional("k")};
  CHECK(convert(torch_conv(), packing_conv(), call) ==
        "praxis.layers.Conv2D(filter_shape=(*((k, k) if isinstance(k, int) else k), c, d))");
}

TEST_CASE("a packed parameter reads back through the repeats of its members") {
  FrameworkCall call;
  call.arguments = {keyword("filter_shape", "(3, 3, c, 2 * c)")};
  call.arguments[0].elements = std::vector<std::string>{"3", "3", "c", "2 * c"};
  // Read from one keyword, the values keep the keyword style.
  CHECK(convert(packing_conv(), torch_conv(), call) ==
        "torch.nn.Conv2d(in_channels=c, out_channels=2 * c, kernel_size=3)");
  call.arguments[0].elements = std::vector<std::string>{"1", "3", "c", "d"};
  CHECK(convert(packing_conv(), torch_conv(), call) == 
        "torch.nn.Conv2d(in_channels=c, out_channels=d, kernel_size=(1, 3))");
  call.arguments = {keyword("filter_shape", "shape")};
  CHECK(convert(packing_conv(), torch_conv(), call) ==
        "torch.nn.Conv2d(in_channels=shape[2], out_channels=shape[3], kernel_size=shape[0:2])");
}

TEST_CASE("operands are parenthesized only when they need it") {
  CHECK(as_operand("x") == "x");
  CHECK(as_operand("self.fc(x)[0]") == "self.fc(x)[0]");
  CHECK(as_operand("a + b") == "(a + b)");
  CHECK(as_operand("-1") == "(-1)");
  CHECK(as_operand("'a b'") == "'a b'");
  CHECK(same_value("(1, 2)", "(1,2)"));
  CHECK(same_value("'same'", "\"same\""));
  CHECK_FALSE(same_value("1", "1.0"));
}

TEST_CASE("an argument the target takes only beside another brings it at its hub default") {
  OpMapping target = torch_sum();
  target.needs = {{"keepdims", {"axis"}}};
  FrameworkCall call;
  call.arguments = {positional("x"), keyword("keepdims", "True")};
  CHECK(convert(jax_sum(), target, call) == "torch.sum(x, dim=None, keepdim=True)");
  call.arguments = {positional("x"), keyword("axis", "1"), keyword("keepdims", "True")};
  CHECK(convert(jax_sum(), target, call) == "torch.sum(x, dim=1, keepdim=True)");
  call.arguments = {positional("x")};
  CHECK(convert(jax_sum(), target, call) == "torch.sum(x)");
}

TEST_CASE("a needed argument without a hub default refuses the call with both names") {
  OpMapping source;
  source.op = "logsumexp";
  source.api = "jax.nn.logsumexp";
  source.positional = {"input"};
  OpMapping target;
  target.op = "logsumexp";
  target.api = "torch.logsumexp";
  target.arguments = {{"axis", "dim"}, {"keepdims", "keepdim"}};
  target.positional = {"input"};
  target.needs = {{"keepdims", {"axis"}}};
  const HubOp* op = builtin_hub().find("logsumexp");
  REQUIRE(op != nullptr);
  HubCall hub_call;
  hub_call.op = op;
  hub_call.values["input"] = value_of("x");
  hub_call.values["keepdims"] = value_of("True");
  std::string why;
  CHECK_FALSE(write_call(hub_call, target, Phase::construct, plain_spelling(), {}, why));
  CHECK(why == "'keepdim' of 'torch.logsumexp' needs 'dim'");
}

// A flatten template written for the batch axis kept: fixed start_axis=1, end_axis=-1.
std::optional<std::string> batch_flatten(const std::map<std::string, std::string>& given,
                                         std::string& why) {
  OpMapping target;
  target.op = "flatten";
  target.hook = "expression";
  target.expression = "{input}.reshape({input}.shape[0], -1)";
  target.fixed = {{"start_axis", "1"}, {"end_axis", "-1"}};
  const HubOp* op = builtin_hub().find("flatten");
  REQUIRE(op != nullptr);
  HubCall hub_call;
  hub_call.op = op;
  for (const auto& [name, text] : given) hub_call.values[name] = value_of(text);
  return write_expression(hub_call, target, plain_spelling(), why);
}

TEST_CASE("an expression is written only for the values its mapping fixes", "[call_mapping]") {
  std::string why;
  CHECK(batch_flatten({{"input", "x"}, {"start_axis", "1"}}, why) ==
        std::optional<std::string>("x.reshape(x.shape[0], -1)"));
  CHECK_FALSE(batch_flatten({{"input", "x"}}, why));  // the hub's default start_axis, 0
  CHECK(why == "the target's template holds for start_axis=1 only, not 0");
  CHECK_FALSE(batch_flatten({{"input", "x"}, {"start_axis", "1"}, {"end_axis", "2"}}, why));
  CHECK(why == "the target's template holds for end_axis=-1 only, not 2");
}

}  // namespace
TEST_CASE("a spelling that returns more than the op's result is narrowed to the kept one",
          "[call_mapping]") {
  OpMapping numpy_sort;
  numpy_sort.api = "numpy.sort";
  OpMapping torch_sort;
  torch_sort.api = "torch.sort";
  torch_sort.results = {"out", "_"};
  CHECK(kept_result_selector(numpy_sort, torch_sort) == "[0]");
  CHECK(kept_result_selector(torch_sort, torch_sort).empty());
  CHECK(kept_result_selector(torch_sort, numpy_sort).empty());
  OpMapping pair;
  pair.results = {"values", "indices"};
  CHECK(kept_result_selector(numpy_sort, pair).empty());
}

TEST_CASE("a split that counts parts in one number reads a list display as the sizes") {
  const HubOp* split_sizes = builtin_hub().find("split_sizes");
  REQUIRE(split_sizes != nullptr);
  OpMapping counting;
  counting.op = "split_sizes";
  counting.hook = "split_size_list";
  HubCall call;
  call.op = split_sizes;
  call.values["input"] = value_of("x");
  HubValue sizes = value_of("[1, 2]");
  sizes.elements = std::vector<std::string>{"1", "2"};
  call.values["sizes"] = sizes;
  CHECK(sizes_fit(*split_sizes, counting, call) == 1);
  call.values["sizes"] = value_of("3");  // three equal parts there, parts of 3 in the hub
  CHECK(sizes_fit(*split_sizes, counting, call) == -1);
  call.values["sizes"] = value_of("list(sizes)");
  CHECK(sizes_fit(*split_sizes, counting, call) == 1);
  call.values["sizes"] = value_of("sizes");
  CHECK(sizes_fit(*split_sizes, counting, call) == 0);
  OpMapping plain = counting;
  plain.hook.clear();
  call.values["sizes"] = value_of("3");
  CHECK(sizes_fit(*split_sizes, plain, call) == 0);
}

}  // namespace switcheroo::convert
