#include "plan_helpers.h"

#include "side_path.h"

namespace switcheroo::weights::plan_detail {

const graph::Tie* tie_of(const graph::ModelGraph& graph, int index, const std::string& hub) {
  for (const graph::Tie& tie : graph.ties) {
    if (tie.module == index && tie.parameter == hub) return &tie;
  }
  return nullptr;
}

namespace {

// The tensor of `module`'s hub parameter `hub` on `side`, held whole and alone.
SideTensor plain_tensor(const graph::ModelGraph& graph, int index, const std::string& hub, const Side& side,
                        const graph::Module& at) {
  const graph::Module& module = graph.modules[static_cast<size_t>(index)];
  for (const SideTensor& tensor : side_tensors(module, layer_table(graph, module, side), side_path(graph, index, side),
                                               *side.traits)) {
    if (tensor.parameter->hub == hub && !tensor.parameter->composite()) return tensor;
  }
  fail(graph, at, "the " + side.name() + " adapter holds '" + layer_op(module) + "' parameter '" + hub + "' of " +
                      display_path(module) + " with others, so it cannot be tied");
}

}  // namespace

// The source's own tensors of a parameter the model ties to another layer's (`tie`), checked
// against the owner's source tensor where the source lists them.
std::vector<TensorLine> tie_checks(const std::vector<SideTensor>& from, const graph::Tie& tie,
                                   const graph::ModelGraph& graph, const Side& source) {
  const graph::Module& module = graph.modules[static_cast<size_t>(tie.module)];
  const graph::ParameterShape& hub = *hub_parameter(module, tie.parameter);
  const SideTensor owner_source = plain_tensor(graph, tie.owner, tie.owner_parameter, source, module);
  std::vector<TensorLine> lines;
  for (const SideTensor& own : from) {
    if (own.parameter->hub != tie.parameter) continue;
    if (own.parameter->composite()) fail(graph, module, "a tied parameter held with others is not planned");
    TensorLine check = move_line(own, owner_source, hub, graph, module);
    check.kind = TensorLine::Kind::tie;
    lines.push_back(check);
  }
  return lines;
}

// The lines of a parameter the model ties to another layer's (`tie`): the target's tensor made
// from the owner's source tensor, and the source's own tensor checked against that one. The
// model's framework holds the two as one tensor, in one layout and shape.
std::vector<TensorLine> tied_lines(const SideTensor& to, const std::vector<SideTensor>& from, const graph::Tie& tie,
                                   const graph::ModelGraph& graph, const Side& source, const Side& target) {
  const graph::Module& module = graph.modules[static_cast<size_t>(tie.module)];
  const graph::Module& owner = graph.modules[static_cast<size_t>(tie.owner)];
  const graph::ParameterShape& hub = *hub_parameter(module, tie.parameter);
  const graph::ParameterShape* owner_hub = hub_parameter(owner, tie.owner_parameter);
  const Side& model = graph.framework == source.traits->framework ? source : target;
  const SideTensor own_layout = plain_tensor(graph, tie.module, tie.parameter, model, module);
  const SideTensor owner_layout = plain_tensor(graph, tie.owner, tie.owner_parameter, model, module);
  if (owner_hub == nullptr || !owner_hub->known || owner_hub->dims != hub.dims ||
      own_layout.parameter->permute != owner_layout.parameter->permute ||
      own_layout.parameter->flip != owner_layout.parameter->flip) {
    fail(graph, module, display_path(module) + " parameter '" + tie.parameter + "' is tied to " +
                            display_path(owner) + " parameter '" + tie.owner_parameter + "' at " + tie.location +
                            ", whose layout in the hub differs");
  }
  const SideTensor owner_source = plain_tensor(graph, tie.owner, tie.owner_parameter, source, module);
  TensorLine made = move_line(owner_source, to, hub, graph, module);
  made.comment = "tied at " + tie.location + ": its '" + tie.parameter + "' is " + display_path(owner) + " '" +
                 tie.owner_parameter + "' in " + model.name() + " (one tensor), made from " + owner_source.key;
  std::vector<TensorLine> lines{made};
  for (TensorLine& check : tie_checks(from, tie, graph, source)) lines.push_back(check);
  return lines;
}

// Does `side` write module `index` as a call of the layer it is tied to, holding no tensor of
// its own ([[weights.tied-layer]]: a Flax NNX Linear whose weight is an Embed's table)? Only
// where the tied parameter is all the module holds.
const graph::Tie* called_tie(const graph::ModelGraph& graph, int index, const Side& side) {
  const graph::Module& module = graph.modules[static_cast<size_t>(index)];
  for (const graph::Tie& tie : graph.ties) {
    if (tie.module != index || module.parameter_shapes.size() != 1) continue;
    const graph::Module& owner = graph.modules[static_cast<size_t>(tie.owner)];
    if (side.traits->weights.tied_layer(layer_op(module), tie.parameter, layer_op(owner), tie.owner_parameter)) {
      return &tie;
    }
  }
  return nullptr;
}

}  // namespace switcheroo::weights::plan_detail
