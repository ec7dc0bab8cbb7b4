// The tensor-by-tensor plan of a weight migration: for every layer of the static model graph
// (host/graph), which tensor of the source checkpoint becomes which tensor of the target's,
// through which axis permutation and flips, with the shapes each side's model declares. Names
// and layouts come from the two adapters' `[weights]` traits, relative to the hub's layout of
// each parameter (kb/shapes.toml `[parameters]`); nothing here knows a framework.
#pragma once

#include "core/adapter_data.h"
#include "core/traits.h"
#include "graph/model_graph.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace switcheroo::weights {

/// One side of the migration: an adapter's traits and the format its checkpoint is in.
struct Side {
  const AdapterTraits* traits = nullptr;
  /// Its spoke's ops (hub op -> API), for the classes containers name children by; may be null.
  const std::map<std::string, OpMapping>* ops = nullptr;
  std::string name() const { return traits->display_name.empty() ? traits->framework : traits->display_name; }
};

/// A source tensor of a compute line, brought to the hub's layout and cut to rows of hub axis 0.
struct Piece {
  std::string source_key;
  std::vector<int64_t> source_dims;
  int64_t index = -1;           ///< row `index` of its first axis taken first (one of stacked tensors); -1: all
  std::vector<int64_t> merged;  ///< reshaped to these dims first (the source's split axes joined); empty: none
  std::vector<int> to_hub;  ///< hub axis i is source axis to_hub[i]; empty: no change
  int64_t begin = 0;        ///< rows begin..end of hub axis 0; end 0: every row
  int64_t end = 0;
  /// Non-empty: zeros of these dims with the dtype of the tensor above in their place (blocks
  /// of a hub tensor the source folds into another's sum, or the target holds elsewhere).
  std::vector<int64_t> zeros;
};

/// A hub tensor (or one block of it) made of source pieces joined along hub axis 0, or zeros
/// shaped `zeros_dims` with the dtype of its one piece (a tensor the source folds into another).
struct Term {
  std::vector<Piece> pieces;
  bool zeros = false;
  std::vector<int64_t> zeros_dims;
};

/// Rows of hub axis 1 reordered (a Linear fed an image flattened, whose rows one side orders
/// (C, H, W) and the other (H, W, C)): the tensor, in the hub's layout, reshaped to `expanded`,
/// transposed by `permute` and reshaped back to `dims`.
struct Regroup {
  std::vector<int64_t> expanded;
  std::vector<int> permute;
  std::vector<int64_t> dims;
  bool empty() const { return expanded.empty(); }
};

/// One line of the script.
struct TensorLine {
  /// compute: the sum of `terms`, each in the hub's layout, then `permute`d (a fused recurrent
  /// weight split per gate, two biases folded into one, and back). tie: the source's tensor
  /// `source_key` of a parameter the model ties to another, brought by `permute` and `flip` to
  /// the layout of that other's source tensor `target_key`, which it must equal where listed.
  enum class Kind { move, drop, fill, compute, tie } kind = Kind::move;
  std::string comment;                ///< a comment line written before it; "" for none
  std::string source_key;             ///< move, drop, tie
  std::vector<int64_t> source_dims;   ///< move, tie
  std::string target_key;             ///< move, fill, tie
  std::vector<int64_t> target_dims;   ///< move, tie
  std::vector<int> permute;           ///< move, tie: target axis i is source axis permute[i]; empty: none
  std::vector<int> flip;              ///< move, tie: target axes reversed after the permutation
  std::string dtype;                  ///< fill
  int64_t fill = 0;                   ///< fill
  std::vector<Term> terms;            ///< compute
  /// compute, move: reshaped to target_dims last (an axis split, a magnitude's unit axes)
  bool reshape = false;
  bool stack = false;                 ///< compute: the terms stacked on a new first axis, not summed
  Regroup regroup;                    ///< compute: applied to the sum, before `permute`
};

struct LayerPlan {
  std::string path;      ///< the module path in the graph (`layer1.0.conv1`)
  std::string op;        ///< its hub op
  std::string api;       ///< the API that built it
  std::string location;  ///< `file:line:col`
  std::string note;      ///< a second comment line (the image a Linear is fed flattened); "" for none
  std::vector<TensorLine> lines;
};

struct MigrationPlan {
  std::vector<LayerPlan> layers;
  int64_t tensors = 0;  ///< moved tensors
};

/// Plans the migration of `graph`'s checkpoints from `source` to `target`. A tied parameter
/// (graph::Tie) is made from its owner's source tensor, and its own source tensor checked
/// against that one. Throws Error located at the layer that cannot be migrated (parameters not
/// known, no names for its op on a side, a hub parameter one side has no place for).
MigrationPlan plan_migration(const graph::ModelGraph& graph, const Side& source, const Side& target);

}  // namespace switcheroo::weights
