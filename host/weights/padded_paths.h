// The paths of convolutions `swhost convert` writes with a padding layer in a sequential layer
// (host/convert/padded_sequences.cpp), decided as the conversion decides, from the arguments as
// the model file writes them (graph::Module::written).
#pragma once

#include "weight_plan.h"

namespace switcheroo::weights {

/// Does `side` write `module` as its sequential layer of a padding layer and the convolution
/// (a convolution whose integer padding the side's convolution cannot take, built with no
/// `self.<name>` attribute of its own)? Its tensors are then the sequential layer's second
/// child's.
bool padded_in_sequence(const graph::Module& module, const Side& side);

/// Is `module` the convolution of a sequential layer of a padding layer and itself alone,
/// which `side` writes as the convolution with that padding? Its tensors are then the
/// sequential layer's own.
bool folded_from_sequence(const graph::ModelGraph& graph, const graph::Module& module,
                          const Side& side);

}  // namespace switcheroo::weights
