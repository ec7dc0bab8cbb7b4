// Layers fed an image flattened. Flattening an image (N, C, H, W) gives its features in the
// order (C, H, W) in a framework that keeps images channels first, and (H, W, C) in one that
// keeps them channels last (traits `[layouts] images`), so the weight of a Linear fed them
// holds its input rows in that order on each side. Found in the forward flow of the static
// model graph (host/graph), which `swhost weights --input-shape` follows.
#pragma once

#include "graph/model_graph.h"

#include <cstdint>
#include <map>
#include <vector>

namespace switcheroo::weights {

/// The image a layer is fed flattened: its channels and spatial sizes.
struct FlattenedImage {
  int64_t channels = 0;
  std::vector<int64_t> spatial;
  /// Its features in the order a side flattens them: (C, H, W), or (H, W, C) channels last.
  std::vector<int64_t> rows(bool channels_last) const;
  bool operator==(const FlattenedImage&) const = default;
};

/// Module index -> the image its layer is fed flattened, from the forward flow of `graph` (empty
/// when the forward was not followed): a rank-4 tensor flattened to (N, C * H * W), then passed
/// through operations that keep its shape and hold no parameters (an activation, a Dropout).
/// `channels_last`: the model's own framework keeps images channels last, so the flow's shapes
/// are (N, H, W, C). Throws Error located at the layer when two calls feed it differently.
std::map<int, FlattenedImage> flattened_images(const graph::ModelGraph& graph, bool channels_last);

}  // namespace switcheroo::weights
