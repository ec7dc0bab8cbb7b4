// The tensor-by-tensor plan of a weight migration: for every layer of the static model graph
// (host/graph), which tensor of the source checkpoint becomes which tensor of the target's,
// through which axis permutation and flips, with the shapes each side's model declares. Names
// and layouts come from the two adapters' `[weights]` traits, relative to the hub's layout of
// each parameter (kb/shapes.toml `[parameters]`); nothing here knows a framework.
#pragma once

#include "core/traits.h"
#include "graph/model_graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace switcheroo::weights {

/// One side of the migration: an adapter's traits and the format its checkpoint is in.
struct Side {
  const AdapterTraits* traits = nullptr;
  std::string name() const { return traits->display_name.empty() ? traits->framework : traits->display_name; }
};

/// One line of the script.
struct TensorLine {
  enum class Kind { move, drop, fill } kind = Kind::move;
  std::string source_key;             ///< move, drop
  std::vector<int64_t> source_dims;   ///< move
  std::string target_key;             ///< move, fill
  std::vector<int64_t> target_dims;   ///< move
  std::vector<int> permute;           ///< move: target axis i is source axis permute[i]; empty: none
  std::vector<int> flip;              ///< move: target axes reversed after the permutation
  std::string dtype;                  ///< fill
  int64_t fill = 0;                   ///< fill
};

struct LayerPlan {
  std::string path;      ///< the module path in the graph (`layer1.0.conv1`)
  std::string op;        ///< its hub op
  std::string api;       ///< the API that built it
  std::string location;  ///< `file:line:col`
  std::vector<TensorLine> lines;
};

struct MigrationPlan {
  std::vector<LayerPlan> layers;
  int64_t tensors = 0;  ///< moved tensors
};

/// Plans the migration of `graph`'s checkpoints from `source` to `target`. Throws Error located
/// at the layer that cannot be migrated (parameters not known, no names for its op on a side,
/// a hub parameter one side has no place for).
MigrationPlan plan_migration(const graph::ModelGraph& graph, const Side& source, const Side& target);

}  // namespace switcheroo::weights
