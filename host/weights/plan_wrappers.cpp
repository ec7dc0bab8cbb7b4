// The tensors of a layer a wrapper reparametrizes (graph::Reparametrization, `weight_norm`) as a
// side holds them (its traits' [weights.wrapper.<op>]), and the line that moves the magnitude
// between two sides that shape it differently.
#include "plan_helpers.h"
#include "side_path.h"

namespace switcheroo::weights::plan_detail {
namespace {

std::string named(std::string form, const std::string& name) {
  replace_all(form, "{name}", name);
  return form;
}

// A magnitude's dims on a side: the hub's, or the kept axis alone.
Dims magnitude_dims(const WeightParameter& parameter, const graph::ParameterShape& hub, const graph::Module& module) {
  const graph::Reparametrization& wrapper = module.reparametrized;
  if (!parameter.kept_axis || wrapper.every_axis) return hub.dims;
  return {hub.dims[static_cast<size_t>(wrapper.axis)]};
}

}  // namespace

std::vector<WeightParameter> layer_parameters(const graph::ModelGraph& graph, const graph::Module& module,
                                              const Side& side) {
  const std::vector<WeightParameter>& table = layer_table(graph, module, side);
  const graph::Reparametrization& wrapper = module.reparametrized;
  if (wrapper.op.empty()) return table;
  const auto found = side.traits->weights.wrappers.find(wrapper.op);
  if (found == side.traits->weights.wrappers.end()) {
    fail(graph, module,
         display_path(module) + " is wrapped by '" + wrapper.op + "' at " + wrapper.location + ", which the " +
             side.name() + " adapter has no place for (its traits' [weights.wrapper." + wrapper.op + "])");
  }
  const WeightWrapper& form = found->second;
  auto under_layer = [&](const std::string& name) {
    return form.layer.empty() ? name : form.layer + side.traits->weights.separator + name;
  };
  std::vector<WeightParameter> parameters;
  const WeightParameter* wrapped = nullptr;
  for (const WeightParameter& parameter : table) {
    if (parameter.hub == wrapper.parameter) {
      wrapped = &parameter;
      continue;
    }
    WeightParameter moved = parameter;
    moved.name = under_layer(parameter.name);
    parameters.push_back(moved);
  }
  if (wrapped == nullptr || wrapped->composite()) {
    fail(graph, module,
         "the " + side.name() + " adapter holds '" + layer_op(module) + "' parameter '" + wrapper.parameter +
             "' of " + display_path(module) + " in no one tensor that '" + wrapper.op + "' could reparametrize");
  }
  if (form.kept_axis && !wrapper.every_axis && wrapper.axis != 0) {
    // Which of its axes such a side keeps is the converted layer's argument, not in the checkpoint.
    fail(graph, module,
         "'" + wrapper.op + "' at " + wrapper.location + " keeps axis " + std::to_string(wrapper.axis) + " of '" +
             wrapper.parameter + "'; the " + side.name() +
             " adapter holds the magnitude of the kept axis alone, planned for axis 0 (the output axis) and for "
             "every axis only");
  }
  WeightParameter magnitude;
  magnitude.hub = wrapper.parameter + "_g";
  magnitude.name = named(form.magnitude, wrapped->name);
  magnitude.kept_axis = form.kept_axis;
  WeightParameter direction = *wrapped;
  direction.hub = wrapper.parameter + "_v";
  direction.name = under_layer(named(form.direction, wrapped->name));
  parameters.push_back(magnitude);
  parameters.push_back(direction);
  return parameters;
}

TensorLine magnitude_line(const SideTensor& from, const SideTensor& to, const graph::ParameterShape& hub,
                          const graph::Module& module) {
  TensorLine line;
  line.source_key = from.key;
  line.target_key = to.key;
  line.source_dims = magnitude_dims(*from.parameter, hub, module);
  line.target_dims = magnitude_dims(*to.parameter, hub, module);
  line.reshape = line.source_dims != line.target_dims;
  return line;
}

}  // namespace switcheroo::weights::plan_detail
