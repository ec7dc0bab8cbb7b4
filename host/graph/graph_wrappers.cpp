// A layer op that takes a module and returns it wrapped (the hub's `weight_norm`): the same
// module, its parameter reparametrized as a magnitude and a direction (model_graph.h
// Reparametrization), with the shapes of both in the hub's layout.
#include "graph_builder.h"

#include <algorithm>

namespace switcheroo::graph {
namespace {

// The hub argument `name`'s value in the call, or null.
const Value* argument_value(const ReadCall& call, const std::string& name) {
  auto found = call.values.find(name);
  return found == call.values.end() ? nullptr : found->second.get();
}

// Why `module` cannot be reparametrized as `call` asks; "" where it can, with `out` filled.
std::string read_reparametrization(const ReadCall& call, const Module& module, Reparametrization& out) {
  const Value* name = argument_value(call, "name");
  const Value* axis = argument_value(call, "axis");
  if (name == nullptr || name->kind != Value::Kind::string) return "the name of the parameter it wraps is not known";
  out.op = call.op->name;
  out.parameter = name->text;
  const auto shape = std::find_if(module.parameter_shapes.begin(), module.parameter_shapes.end(),
                                  [&](const ParameterShape& p) { return p.name == out.parameter; });
  if (shape == module.parameter_shapes.end()) return "the layer has no parameter '" + out.parameter + "'";
  if (!shape->known) return "the shape of '" + out.parameter + "' is not known: " + shape->reason;
  if (axis != nullptr && axis->kind == Value::Kind::none) {
    out.every_axis = true;
    return "";
  }
  if (axis == nullptr || axis->kind != Value::Kind::integer) return "the axis it keeps is not known";
  if (axis->integer < 0 || axis->integer >= static_cast<int64_t>(shape->dims.size())) {
    return "the axis it keeps, " + std::to_string(axis->integer) + ", is not one of the " +
           std::to_string(shape->dims.size()) + " axes of '" + out.parameter + "' counted from 0";
  }
  out.axis = axis->integer;
  return "";
}

// `parameter` replaced by its magnitude `_g` and direction `_v`; the magnitude's elements
// counted among the layer's parameters.
void reparametrize(Module& module, const Reparametrization& wrapper) {
  auto at = std::find_if(module.parameter_shapes.begin(), module.parameter_shapes.end(),
                         [&](const ParameterShape& p) { return p.name == wrapper.parameter; });
  ParameterShape magnitude = *at;
  ParameterShape direction = *at;
  magnitude.name = wrapper.parameter + "_g";
  direction.name = wrapper.parameter + "_v";
  if (wrapper.every_axis) {
    magnitude.dims.clear();
  } else {
    for (size_t axis = 0; axis < magnitude.dims.size(); ++axis) {
      if (static_cast<int64_t>(axis) != wrapper.axis) magnitude.dims[axis] = 1;
    }
  }
  int64_t elements = 1;
  for (int64_t size : magnitude.dims) elements *= size;
  at = module.parameter_shapes.erase(at);
  module.parameter_shapes.insert(at, {magnitude, direction});
  if (module.own_parameters.known) module.own_parameters.count += elements;
  module.reparametrized = wrapper;
}

}  // namespace

ValuePtr GraphBuilder::wrapped_module(const ReadCall& call, uint32_t offset) {
  for (const HubArgument& argument : call.op->arguments) {
    if (argument.kind != "module") continue;
    auto value = call.values.find(argument.name);
    if (value == call.values.end() || value->second->kind != Value::Kind::object ||
        value->second->instance->module < 0) {
      return nullptr;
    }
    Module& module = graph_.modules[value->second->instance->module];
    Reparametrization wrapper;
    wrapper.location = location(offset);
    std::string why = module.reparametrized.op.empty() ? read_reparametrization(call, module, wrapper)
                                                       : "it is wrapped twice";
    if (why.empty()) {
      reparametrize(module, wrapper);
    } else {
      module.own_parameters.known = false;
      module.own_parameters.reason = "'" + call.op->name + "' reparametrizes the module's weights, but " + why;
    }
    return value->second;
  }
  return nullptr;
}

}  // namespace switcheroo::graph
