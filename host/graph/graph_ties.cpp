// Tied parameters: a framework layer's parameter assigned another layer's
// (`self.head.weight = self.embed.weight`, a language model's output projection sharing its
// token embedding), which the model's framework holds as one tensor under two names.
#include "graph_builder.h"

#include <algorithm>

namespace switcheroo::graph {
namespace {

int64_t elements(const std::vector<int64_t>& dims) {
  int64_t count = 1;
  for (int64_t size : dims) count *= size;
  return count;
}

const ParameterShape* shape_of(const Module& module, const std::string& hub) {
  for (const ParameterShape& shape : module.parameter_shapes) {
    if (shape.name == hub) return &shape;
  }
  return nullptr;
}

}  // namespace

void GraphBuilder::tie_parameter(int module, const std::string& name, const Value& tensor,
                                 uint32_t offset) {
  const WeightParameter* parameter = framework_parameter(module, name);
  const std::string where = "attribute '" + name + "' assigned at " + location(offset);
  if (parameter == nullptr) {
    forget_parameters(module, where + " holds another layer's parameter: only a layer's own "
                              "parameter tied to it is modelled");
    return;
  }
  Tie tie{module, parameter->hub, tensor.parameter_of, tensor.text, location(offset)};
  for (const Tie& earlier : graph_.ties) {  // tied to a tied parameter: to its owner
    if (earlier.module == tie.owner && earlier.parameter == tie.owner_parameter) {
      tie.owner = earlier.owner;
      tie.owner_parameter = earlier.owner_parameter;
    }
  }
  if (tie.owner == module && tie.owner_parameter == tie.parameter) return;  // itself, again
  const ValuePtr own = layer_parameter(module, name);
  std::vector<int64_t> dims;
  std::vector<int64_t> own_dims;
  if (!shape_dims(*tensor.items[0], dims) || !own || !shape_dims(*own->items[0], own_dims) ||
      dims != own_dims) {
    forget_parameters(module, where + " is a parameter whose shape is not the layer's own");
    return;
  }
  auto& ties = graph_.ties;
  ties.erase(std::remove_if(ties.begin(), ties.end(),
                            [&](const Tie& t) { return t.module == module && t.parameter == tie.parameter; }),
             ties.end());
  ties.push_back(tie);
}

void GraphBuilder::keep_ties(const std::vector<int>& new_index) {
  std::vector<Tie> kept;
  for (Tie tie : graph_.ties) {
    if (new_index[tie.module] < 0 || new_index[tie.owner] < 0) continue;  // one holds it alone
    tie.module = new_index[tie.module];
    tie.owner = new_index[tie.owner];
    kept.push_back(tie);
  }
  graph_.ties = std::move(kept);
}

std::vector<int64_t> tied_elements(const std::vector<Module>& modules, const std::vector<Tie>& ties) {
  std::vector<int64_t> shared(modules.size(), 0);
  for (const Tie& tie : ties) {
    const ParameterShape* shape = shape_of(modules[tie.module], tie.parameter);
    if (shape == nullptr || !shape->known) continue;
    std::vector<int> above;  // the owner and its ancestors
    for (int at = tie.owner; at >= 0; at = modules[at].parent) above.push_back(at);
    int common = tie.module;
    while (common >= 0 && std::find(above.begin(), above.end(), common) == above.end()) common = modules[common].parent;
    if (common >= 0) shared[common] += elements(shape->dims);
  }
  return shared;
}

}  // namespace switcheroo::graph
