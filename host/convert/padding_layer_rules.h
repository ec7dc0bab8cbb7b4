// Which convolutions a target pads through a padding layer, shared by the conversion
// (padding_layers.cpp, padded_sequences.cpp, padding_folds.cpp) and by `swhost weights`, whose
// paths follow the layers the conversion writes (host/weights/padded_paths.cpp).
#pragma once

#include "convert/call_mapping.h"

#include <map>
#include <string>
#include <string_view>

namespace switcheroo::convert {

/// The hub's padding layer that pads as an op's integer padding does (conv2d: zero_pad2d);
/// nullptr for an op without one.
const char* padding_layer_op(std::string_view op);

/// Whether a convolution's reading pads nothing (no padding, 0 or 'valid').
bool pads_nothing(const HubCall& call);

/// An integer literal or a (dotted) name: what a padding layer is written with.
bool plain_padding(const std::string& text);

/// Whether `target`'s value table for padding writes `text` (maps it or lets it pass), or it
/// has none.
bool padding_written(const std::string& text, const OpMapping& target);

/// The padding layer of `ops` (a target's spoke) for a construction of `op` read as `call`,
/// whose padding (an integer literal or a name) `target`, the spoke's mapping of the op,
/// does not write though it pads 0; nullptr when none is needed or the spoke has none.
/// (A padding that is exactly 'same' is made so first: integer_padding_as_same.)
const OpMapping* padding_layer_for(const std::map<std::string, OpMapping>& ops,
                                   std::string_view op, const HubCall& call,
                                   const OpMapping& target);

}  // namespace switcheroo::convert
