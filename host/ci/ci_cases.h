// The calls `swhost ci` makes of one hub operation, in hub terms: which arguments a case sets
// and to what. Tensors are not values here but names (`_input`) that the worker binds to
// generated arrays, so one case is run on many drawn inputs.
//
//   sum{input, axis = None, keepdims = False}
//     -> ""                        sum{input: _input}
//     -> "axis=1, keepdims=True"   sum{input: _input, axis: 1, keepdims: True}
//     -> "keepdims=True"           sum{input: _input, keepdims: True}
//
// Caveats: an optional argument is changed only when its kind is bool, int, float, number,
// axis or axes and its default is a literal; other optional arguments stay at their default.
#pragma once

#include "convert/call_mapping.h"
#include "core/hub.h"

#include <string>
#include <vector>

namespace switcheroo::ci {

/// A tensor argument the worker generates values for.
struct TensorSlot {
  std::string argument;  ///< the hub argument
  std::string domain;    ///< the hub domain ("positive", ...), may be empty
  std::string example;   ///< the hub's example (data list or shape tuple), may be empty
  /// "single": one tensor; "list": a list of tensors (`tensors` kind); "spread": a variadic
  /// tensor argument, one tensor per position.
  std::string form = "single";
  int count = 1;  ///< how many tensors a list or spread holds
  /// The variable names the calls use: `_input`, or `_tensors_0`, `_tensors_1`, ...
  std::vector<std::string> variables() const;
};

/// One way of calling an op.
struct HubCase {
  std::string label;  ///< "" for the required arguments only, else what it sets
  convert::HubCall call;
};

/// The tensors of `op`'s arguments, in argument order.
std::vector<TensorSlot> tensor_slots(const HubOp& op);

/// The cases of `op`: the required arguments only; with `axis=1, keepdims=True` where the op
/// has them; then each optional bool, number or axis argument changed from its default.
std::vector<HubCase> hub_cases(const HubOp& op);

/// A value of `kind` that fits the worker's tensors (rank 2 or more): `axis` 1, `int` 2, ...
std::string value_for_kind(const std::string& kind);

/// A value other than the hub default `default_text` for an optional argument of `kind`;
/// empty when there is none to try.
std::string changed_value(const std::string& kind, const std::string& default_text);

}  // namespace switcheroo::ci
