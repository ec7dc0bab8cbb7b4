#include "flattened_images.h"

#include "side_path.h"

#include <optional>

namespace switcheroo::weights {
namespace {

const graph::OutputShape* shape_of(const graph::ModelGraph& graph, const graph::Edge& edge) {
  if (edge.node < 0 || static_cast<size_t>(edge.node) >= graph.nodes.size()) return nullptr;
  const auto& outputs = graph.nodes[static_cast<size_t>(edge.node)].outputs;
  if (edge.output < 0 || static_cast<size_t>(edge.output) >= outputs.size()) return nullptr;
  const graph::OutputShape& shape = outputs[static_cast<size_t>(edge.output)];
  return shape.known ? &shape : nullptr;
}

// A node of a module the graph does not hold (one the forward method builds) holds no
// parameters of the checkpoint either.
bool holds_parameters(const graph::ModelGraph& graph, const graph::Node& node) {
  if (node.module < 0 || static_cast<size_t>(node.module) >= graph.modules.size()) return false;
  const graph::Module& module = graph.modules[static_cast<size_t>(node.module)];
  return !module.parameter_shapes.empty() || module.own_parameters.count > 0;
}

// The image `features` (N, F) was flattened from: back through operations that keep its shape
// and hold no parameters, to one whose input is (N, C, H, W) (or (N, H, W, C)) with F = C * H * W.
std::optional<FlattenedImage> image_before(const graph::ModelGraph& graph, graph::Edge features,
                                           bool channels_last) {
  const graph::OutputShape* flat = shape_of(graph, features);
  if (flat == nullptr || flat->dims.size() != 2) return std::nullopt;
  for (size_t steps = 0; steps < graph.nodes.size(); ++steps) {
    const graph::Node& node = graph.nodes[static_cast<size_t>(features.node)];
    if (node.inputs.empty() || holds_parameters(graph, node)) return std::nullopt;
    const graph::OutputShape* input = shape_of(graph, node.inputs.front());
    if (input == nullptr) return std::nullopt;
    const std::vector<int64_t>& dims = input->dims;
    if (dims.size() == 4 && dims[0] == flat->dims[0] && dims[1] * dims[2] * dims[3] == flat->dims[1]) {
      if (channels_last) return FlattenedImage{dims[3], {dims[1], dims[2]}};
      return FlattenedImage{dims[1], {dims[2], dims[3]}};
    }
    if (dims != flat->dims) return std::nullopt;
    features = node.inputs.front();
  }
  return std::nullopt;
}

}  // namespace

std::vector<int64_t> FlattenedImage::rows(bool channels_last) const {
  std::vector<int64_t> dims = spatial;
  dims.insert(channels_last ? dims.end() : dims.begin(), channels);
  return dims;
}

std::map<int, FlattenedImage> flattened_images(const graph::ModelGraph& graph, bool channels_last) {
  std::map<int, FlattenedImage> images;
  for (const graph::Node& node : graph.nodes) {
    if (node.module < 0 || static_cast<size_t>(node.module) >= graph.modules.size() || node.inputs.empty()) continue;
    const std::optional<FlattenedImage> image = image_before(graph, node.inputs.front(), channels_last);
    if (!image) continue;
    const auto [where, added] = images.emplace(node.module, *image);
    if (!added && !(where->second == *image)) {
      fail(graph, graph.modules[static_cast<size_t>(node.module)],
           "'" + graph.path(node.module) +
               "' is fed images of different sizes flattened, so the order of its weight's rows "
               "is not one");
    }
  }
  return images;
}

}  // namespace switcheroo::weights
