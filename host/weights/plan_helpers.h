// The weight plan's private helpers (host/weights/weight_plan.cpp, plan_helpers.cpp) and its
// planning of tied parameters (plan_ties.cpp): a side's tensors of a layer, the line that moves
// one tensor, and the lines of a parameter the model ties to another layer's.
#pragma once

#include "weight_plan.h"

#include <string>
#include <vector>

namespace switcheroo::weights::plan_detail {

using Dims = std::vector<int64_t>;

/// `'path'`, or "the model" for the root module.
std::string display_path(const graph::Module& module);

/// `module`'s hub parameter `name`; null where it has none.
const graph::ParameterShape* hub_parameter(const graph::Module& module, const std::string& name);

/// Whether `module` holds the hub parameter a side's tensor is made of.
bool present(const graph::Module& module, const WeightParameter& parameter);

/// A side's tensors of one layer that are present, with their keys (`{position}` numbered).
struct SideTensor {
  const WeightParameter* parameter;
  std::string key;
};

/// The tensors of `module` that a side's traits `list` name and the module holds, under `path`
/// (a recurrent layer's cells under the paths of its layers and directions, WeightCells).
std::vector<SideTensor> side_tensors(const graph::Module& module, const std::vector<WeightParameter>& list,
                                     const std::string& path, const AdapterTraits& traits);

/// 0, 1, ..., rank - 1.
std::vector<int> identity(size_t rank);

/// The side's permutation of `parameter`'s hub axes (identity where its traits give none);
/// throws Error located at `module` where the traits permute another number of axes.
std::vector<int> permutation(const WeightParameter& parameter, size_t rank, const graph::ModelGraph& graph,
                             const graph::Module& module);

/// `dims` in the order `axes` gives.
Dims permuted(const Dims& dims, const std::vector<int>& axes);

/// One tensor moved as it is: the combined permutation and the flips of the two sides.
TensorLine move_line(const SideTensor& from, const SideTensor& to, const graph::ParameterShape& hub,
                     const graph::ModelGraph& graph, const graph::Module& module);

/// The side's [[weights.layer]] names for `module`'s op; throws Error located at it without.
const std::vector<WeightParameter>& layer_table(const graph::ModelGraph& graph, const graph::Module& module,
                                               const Side& side);

/// The tensors `side` holds `module`'s parameters in (layer_table), those of a layer a wrapper
/// reparametrizes (graph::Reparametrization) derived from its traits' [weights.wrapper.<op>]:
/// the layer's other tensors under the wrapped layer's path, then the magnitude and the
/// direction. Throws Error located at the layer where the side has no such wrapper.
std::vector<WeightParameter> layer_parameters(const graph::ModelGraph& graph, const graph::Module& module,
                                              const Side& side);

/// A reparametrized layer's magnitude moved as it is, reshaped where one side holds the kept
/// axis alone (WeightParameter::kept_axis) and the other the hub's shape.
TensorLine magnitude_line(const SideTensor& from, const SideTensor& to, const graph::ParameterShape& hub,
                          const graph::Module& module);

/// The tie of module `index`'s hub parameter `hub` to another layer's; null where it has none.
const graph::Tie* tie_of(const graph::ModelGraph& graph, int index, const std::string& hub);

/// The source's own tensors of a parameter the model ties to another layer's (`tie`), checked
/// against the owner's source tensor where the source lists them.
std::vector<TensorLine> tie_checks(const std::vector<SideTensor>& from, const graph::Tie& tie,
                                   const graph::ModelGraph& graph, const Side& source);

/// The lines of a parameter the model ties to another layer's (`tie`): the target's tensor made
/// from the owner's source tensor, and the source's own tensor checked against that one.
std::vector<TensorLine> tied_lines(const SideTensor& to, const std::vector<SideTensor>& from, const graph::Tie& tie,
                                   const graph::ModelGraph& graph, const Side& source, const Side& target);

/// The tie `side` writes module `index` as a call of ([[weights.tied-layer]]); null for none.
const graph::Tie* called_tie(const graph::ModelGraph& graph, int index, const Side& side);

}  // namespace switcheroo::weights::plan_detail
