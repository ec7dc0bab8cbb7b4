// The carries of a recurrent layer run layer by layer (recurrent_state.cpp): how many layers
// and directions it has, and the names its final state is spelled with both ways.
#pragma once

#include "call_mapping.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert::engine_detail {

// How many layers and directions a recurrent layer has, when both are written out.
struct RecurrentShape {
  int layers = 1;
  bool bidirectional = false;
};

std::optional<RecurrentShape> recurrent_shape(const HubCall& call, std::string& why);

// The carry one layer's run returns, named after PyTorch's weights: `(c_l0, h_l0)` for an
// LSTM (in the order of the traits' lstm-state: Flax's carry is (c, h)), `h_l0` for a GRU, a
// bidirectional layer's `((c_l0, h_l0), (c_l0_reverse, h_l0_reverse))`. Its h and c names are
// appended to `hs` and `cs` in PyTorch's order of h_n (layer by layer, forward then backward).
std::string layer_carry(const RecurrentTraits& traits, bool lstm, bool bidirectional, int layer,
                        std::vector<std::string>& hs, std::vector<std::string>& cs);

// The statements after a layer's runs that give the source's final state its value, `targets`
// as unpacked_targets reads them ("_" where not read): `h, c = S(hs), S(cs)`, `h = S(hs)`,
// `state = S(hs), S(cs)`, each on a line of its own after `indent`, where S(names) is
// `stacked(names)`; empty where none is read.
std::optional<std::string> final_state_statements(
    const std::vector<std::string>& targets, bool lstm, const std::string& indent,
    const std::function<std::string(const std::vector<std::string>&)>& stacked,
    const std::vector<std::string>& hs, const std::vector<std::string>& cs, std::string& why);

// The callee of one layer of a stack of `layers`: `self.stacked.layers[1]` in a sequential
// layer (the traits' sequential-layers), `self.stacked[1]` in a list of layers built to return
// their state (return-state-built); the stack's own callee for one layer.
std::string stacked_layer(const AdapterTraits& traits, const std::string& callee, int layer,
                          int layers);

// One layer's run, its carry named as layer_carry names it: `(c_l0, h_l0), out = callee(x,
// return_carry=True)` (the traits' return-state), or `out, h_l0, c_l0 = callee(x)` for a layer
// built to return its state after its outputs (return-state-built).
std::string layer_run(const RecurrentTraits& traits, bool lstm, bool bidirectional, int layer,
                      const std::string& callee, const std::string& out, const std::string& input,
                      std::vector<std::string>& hs, std::vector<std::string>& cs);

// The targets of `out, (h, c) = ` or `out, h = ` (the text of a statement before its value):
// {out, h, c} or {out, h}; empty for any other text.
std::vector<std::string> unpacked_targets(const std::string& before);

}  // namespace switcheroo::convert::engine_detail
