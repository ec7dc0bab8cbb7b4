#include "plan_helpers.h"

#include "side_path.h"

#include <algorithm>

namespace switcheroo::weights::plan_detail {

std::string display_path(const graph::Module& module) {
  return module.path.empty() ? "the model" : "'" + module.path + "'";
}

const graph::ParameterShape* hub_parameter(const graph::Module& module, const std::string& name) {
  for (const auto& parameter : module.parameter_shapes) {
    if (parameter.name == name) return &parameter;
  }
  return nullptr;
}

bool present(const graph::Module& module, const WeightParameter& parameter) {
  return hub_parameter(module, parameter.hub.empty() ? parameter.with : parameter.hub) != nullptr;
}

namespace {

// The paths of a recurrent layer's layers: a plain list where the model reads the layer's
// final state and the framework builds such layers to return it ([recurrent]
// return-state-built: `swhost convert` writes the stack as a list of them there).
const std::vector<std::string>& stack_paths(const graph::Module& module, const WeightCells& cells,
                                            bool bidirectional, const AdapterTraits& traits) {
  if (!module.state_read || traits.recurrent.return_state_built.empty()) {
    return bidirectional ? cells.stack_bidirectional : cells.stack;
  }
  if (cells.stack_listed.empty()) {
    throw Error("'" + module.path + "' is a stacked '" + module.op + "' whose final state the model reads, which " +
                traits.framework + " builds as a list of layers returning it, and the " + traits.framework +
                " adapter's weight traits give its 'cells' no 'stack-listed' paths", "weights");
  }
  return bidirectional ? cells.stack_listed_bidirectional : cells.stack_listed;
}

// The path of a recurrent cell under its layer's: its layer's where the layer has several, then
// its direction's where it has two (WeightCells), or with two directions but no path of their
// own, the path of the layer's direction in `stack`; "" for a layer of one cell.
std::string cell_path(const WeightParameter& parameter, const std::vector<std::string>& stack, const WeightCells* cells,
                      int layers, bool bidirectional, const std::string& separator) {
  if (cells == nullptr) return "";
  if (bidirectional && cells->directions.empty()) {
    return stack[static_cast<size_t>(2 * parameter.layer + parameter.direction)] + separator;
  }
  std::string path;
  if (layers > 1) path = stack[static_cast<size_t>(parameter.layer)] + separator;
  if (bidirectional) path += cells->directions[static_cast<size_t>(parameter.direction)] + separator;
  return path;
}

}  // namespace

std::vector<SideTensor> side_tensors(const graph::Module& module, const std::vector<WeightParameter>& list,
                                     const std::string& path, const AdapterTraits& traits) {
  const WeightTraits& side = traits.weights;
  const auto found = side.cells.find(layer_op(module));
  const WeightCells* cells = found == side.cells.end() ? nullptr : &found->second;
  int layers = 0;
  bool bidirectional = false;
  for (const WeightParameter& parameter : list) {
    if (!present(module, parameter)) continue;
    layers = std::max(layers, parameter.layer + 1);
    bidirectional = bidirectional || parameter.direction == 1;
  }
  static const std::vector<std::string> kNone;
  // A stack's paths, and the directions' where they have none of their own (one layer included).
  const bool stacked = cells != nullptr && (layers > 1 || (bidirectional && cells->directions.empty()));
  const auto& stack = stacked ? stack_paths(module, *cells, bidirectional, traits) : kNone;
  std::vector<SideTensor> tensors;
  std::map<std::pair<int, int>, int> positions;  // per cell: `{position}` numbers its own tensors
  for (const WeightParameter& parameter : list) {
    if (!present(module, parameter)) continue;
    std::string name = cell_path(parameter, stack, cells, layers, bidirectional, side.separator) + parameter.name;
    replace_all(name, "{position}", std::to_string(positions[{parameter.layer, parameter.direction}]++));
    tensors.push_back({&parameter, path.empty() ? name : path + side.separator + name});
  }
  return tensors;
}

std::vector<int> identity(size_t rank) {
  std::vector<int> axes(rank);
  for (size_t i = 0; i < rank; ++i) axes[i] = static_cast<int>(i);
  return axes;
}

std::vector<int> permutation(const WeightParameter& parameter, size_t rank, const graph::ModelGraph& graph,
                             const graph::Module& module) {
  if (parameter.permute.empty()) return identity(rank);
  if (parameter.permute.size() != rank) {
    fail(graph, module, "the weight traits permute " + std::to_string(parameter.permute.size()) +
                            " axes of '" + layer_op(module) + "' parameter '" + parameter.hub + "', which has " +
                            std::to_string(rank));
  }
  return parameter.permute;
}

Dims permuted(const Dims& dims, const std::vector<int>& axes) {
  Dims out;
  for (int axis : axes) out.push_back(dims[static_cast<size_t>(axis)]);
  return out;
}

// source = permute_s(flip_s(hub)); target = permute_t(flip_t(hub)). Flips on the same hub axis
// cancel; the rest are applied to the target's axes after one combined permutation.
TensorLine move_line(const SideTensor& from, const SideTensor& to, const graph::ParameterShape& hub,
                     const graph::ModelGraph& graph, const graph::Module& module) {
  if (from.parameter->kept_axis || to.parameter->kept_axis) return magnitude_line(from, to, hub, module);
  const size_t rank = hub.dims.size();
  const std::vector<int> source_axes = permutation(*from.parameter, rank, graph, module);
  const std::vector<int> target_axes = permutation(*to.parameter, rank, graph, module);
  std::vector<int> where_in_source(rank);  // hub axis -> source axis
  for (size_t i = 0; i < rank; ++i) where_in_source[static_cast<size_t>(source_axes[i])] = static_cast<int>(i);
  TensorLine line;
  line.source_key = from.key;
  line.target_key = to.key;
  line.source_dims = permuted(hub.dims, source_axes);
  line.target_dims = permuted(hub.dims, target_axes);
  for (size_t i = 0; i < rank; ++i) line.permute.push_back(where_in_source[static_cast<size_t>(target_axes[i])]);
  if (line.permute == identity(rank)) line.permute.clear();
  for (size_t i = 0; i < rank; ++i) {
    const int axis = target_axes[i];
    const auto& a = from.parameter->flip;
    const auto& b = to.parameter->flip;
    const bool flipped = (std::find(a.begin(), a.end(), axis) != a.end()) != (std::find(b.begin(), b.end(), axis) != b.end());
    if (flipped) line.flip.push_back(static_cast<int>(i));
  }
  return line;
}

const std::vector<WeightParameter>& layer_table(const graph::ModelGraph& graph, const graph::Module& module,
                                               const Side& side) {
  const auto& layers = side.traits->weights.layers;
  auto found = layers.find(layer_op(module));
  if (found == layers.end()) {
    fail(graph, module, display_path(module) + " is a '" + layer_op(module) + "' layer, which the " + side.name() +
                            " adapter has no weight names for (its traits' [[weights.layer]])");
  }
  return found->second;
}

}  // namespace switcheroo::weights::plan_detail
