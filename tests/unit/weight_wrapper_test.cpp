// A layer a wrapper reparametrizes (weight_norm: a magnitude g and a direction v) planned from
// the two sides' [weights.wrapper.<op>] traits: the direction in the wrapped parameter's layout,
// the magnitude reshaped between the hub's shape and the kept axis alone, and the error of a
// side without the wrapper.
#include "weight_plan_support.h"

#include <catch2/catch.hpp>

namespace {

using namespace weight_test;
using switcheroo::AdapterTraits;

const char* const kConv = R"([{ hub = "weight", name = "weight" }, { hub = "bias", name = "bias" }])";
const char* const kConvLast =
    R"([{ hub = "weight", name = "kernel", permute = [2, 3, 1, 0] }, { hub = "bias", name = "bias" }])";

// The hub's shape and names `{name}_g`, `{name}_v` beside the other tensors.
AdapterTraits first() {
  return layer_traits("first", "conv2d", kConv, ".",
                      "[weights.wrapper.weight_norm]\ndirection = \"{name}_v\"\nmagnitude = \"{name}_g\"");
}

// The wrapped layer under `inner`, the magnitude holding the kept axis alone under `gains`.
AdapterTraits last() {
  return layer_traits("last", "conv2d", kConvLast, "/",
                      "[weights.wrapper.weight_norm]\nlayer = \"inner\"\ndirection = \"{name}\"\n"
                      "magnitude = \"gains/{name}\"\nmagnitude-shape = \"kept-axis\"");
}

// A Conv2d(3, 6, (5, 4)) at `conv`, its weight reparametrized keeping axis 0 (or every axis).
switcheroo::graph::ModelGraph wrapped(bool every_axis) {
  auto model = one_layer("conv", "conv2d",
                         {shape("bias", {6}), shape("weight_g", every_axis ? std::vector<int64_t>{} :
                                                                             std::vector<int64_t>{6, 1, 1, 1}),
                          shape("weight_v", {6, 3, 5, 4})});
  auto& wrapper = model.modules[1].reparametrized;
  wrapper.op = "weight_norm";
  wrapper.parameter = "weight";
  wrapper.every_axis = every_axis;
  wrapper.location = "model.py:4:21";
  return model;
}

}  // namespace

TEST_CASE("a reparametrized layer's direction takes the parameter's layout, its magnitude the kept axis") {
  const AdapterTraits source = first();
  const AdapterTraits target = last();
  const auto plan = switcheroo::weights::plan_migration(wrapped(false), {&source}, {&target});
  REQUIRE(plan.layers.size() == 1);
  const auto& lines = plan.layers[0].lines;
  REQUIRE(lines.size() == 3);  // the other tensors first, then g and v
  CHECK(lines[0].source_key == "conv.bias");
  CHECK(lines[0].target_key == "conv/inner/bias");
  CHECK(lines[1].source_key == "conv.weight_g");
  CHECK(lines[1].target_key == "conv/gains/kernel");
  CHECK(lines[1].source_dims == std::vector<int64_t>{6, 1, 1, 1});
  CHECK(lines[1].target_dims == std::vector<int64_t>{6});
  CHECK(lines[1].reshape);
  CHECK(lines[1].permute.empty());
  CHECK(lines[2].source_key == "conv.weight_v");
  CHECK(lines[2].target_key == "conv/inner/kernel");
  CHECK(lines[2].target_dims == std::vector<int64_t>{5, 4, 3, 6});
  CHECK(lines[2].permute == std::vector<int>{2, 3, 1, 0});
  CHECK(plan.tensors == 3);
  const auto back = switcheroo::weights::plan_migration(wrapped(false), {&target}, {&source});
  CHECK(back.layers[0].lines[1].source_dims == std::vector<int64_t>{6});
  CHECK(back.layers[0].lines[1].target_dims == std::vector<int64_t>{6, 1, 1, 1});
  CHECK(back.layers[0].lines[1].reshape);
}

TEST_CASE("a magnitude over every axis is a scalar on both sides, moved as it is") {
  const AdapterTraits source = first();
  const AdapterTraits target = last();
  const auto plan = switcheroo::weights::plan_migration(wrapped(true), {&source}, {&target});
  const switcheroo::weights::TensorLine& magnitude = plan.layers[0].lines[1];
  CHECK(magnitude.target_key == "conv/gains/kernel");
  CHECK(magnitude.source_dims.empty());
  CHECK(magnitude.target_dims.empty());
  CHECK_FALSE(magnitude.reshape);
}

TEST_CASE("a side without the wrapper is an error at the layer, naming its traits' table") {
  const AdapterTraits source = first();
  const AdapterTraits target = layer_traits("plain", "conv2d", kConvLast, "/");
  CHECK(plan_error(wrapped(false), source, target) ==
        "model.py:4:9: error: 'conv' is wrapped by 'weight_norm' at model.py:4:21, which the plain adapter has "
        "no place for (its traits' [weights.wrapper.weight_norm]) [weights]");
}

TEST_CASE("a side holding the kept axis alone is planned for axis 0 and every axis only") {
  const AdapterTraits source = first();
  const AdapterTraits target = last();
  auto model = wrapped(false);
  model.modules[1].reparametrized.axis = 1;
  model.modules[1].parameter_shapes[1] = shape("weight_g", {1, 3, 1, 1});
  CHECK(plan_error(model, source, target) ==
        "model.py:4:9: error: 'weight_norm' at model.py:4:21 keeps axis 1 of 'weight'; the last adapter holds the "
        "magnitude of the kept axis alone, planned for axis 0 (the output axis) and for every axis only [weights]");
  CHECK(plan_error(model, source, source).empty());  // both in the hub's shape: moved as it is
}

TEST_CASE("a wrapper's magnitude shape is 'hub' or 'kept-axis'") {
  try {
    layer_traits("bad", "conv2d", kConv, ".",
                 "[weights.wrapper.weight_norm]\ndirection = \"{name}_v\"\nmagnitude = \"{name}_g\"\n"
                 "magnitude-shape = \"squeezed\"");
    FAIL("no error");
  } catch (const switcheroo::Error& error) {
    CHECK(error.diagnostic().format().find("'magnitude-shape' is \"hub\" or \"kept-axis\"") != std::string::npos);
  }
}
