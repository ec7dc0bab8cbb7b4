// In-place updates of arrays, found for a target whose arrays cannot be updated (issue 21):
//
//   y.mul_(2.0).add_(1.0)      methods on `y`: the chain, out of place, is stored back into `y`
//   out[:, -1].zero_()         a store on a view of `out`: index `:, -1`, value `0`
//   scores[:, :, 0] = 0.0      an item assignment: index `:, :, 0`, value `0.0`
//   y[y < 0] += 1              an augmented item assignment under a boolean mask
//   (a - b).abs_()             a temporary: nobody else holds it, so `abs` does the same
//   return x.relu_()           an update whose value is used as well (`(x := relu(x))`)
//   torch.relu_(x)             a function of the source that updates its first argument
//
// In-place methods count on receivers that may hold tensors (the engine converts methods of
// unknown receivers by name); item assignments only on names known to hold tensors. A rebinding (`y
// = ...`) is right only when no other name holds the array, so each update says how its array may
// be shared: another name bound to it or from it in the same function (`z = y`, `z = y[0]`), an
// argument of the function not rebound before the update (the caller's tensor), or an
// attribute (`m.buf`). Attributes of `self` are module state and are not found here.
#pragma once

#include "python/syntax_tree.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert {

/// What the source framework says of in-place updates (its traits), and what the engine knows.
struct InPlaceRules {
  std::string suffix;                         ///< `_`: `add_` updates in place, `add` does not
  std::map<std::string, std::string> stores;  ///< method -> stored value, `{0}` its argument
  /// Does the source spoke map this out-of-place method (`add` for `add_`)?
  std::function<bool(const std::string& method)> has_method;
  /// May the receiver of the method call with this `( ... )` trailer hold a tensor?
  std::function<bool(python::NodeId trailer)> tensor_receiver;
  /// Does this expression (a name's atom) hold a tensor?
  std::function<bool(python::NodeId expression)> tensor;
  /// Is the call with this `( ... )` trailer one of the source framework's (by its API, or a
  /// tensor method by its name)? A name of unknown value bound from one may hold an array.
  std::function<bool(python::NodeId trailer)> framework_call;
  /// The argument a call of an in-place function updates (`x` of `torch.relu_(x)`, whose
  /// out-of-place counterpart the source maps); kNoNode for any other call.
  std::function<python::NodeId(python::NodeId trailer)> in_place_function;
};

enum class Sharing { none, alias, argument, attribute };

struct InPlaceUpdate {
  enum class Form {
    methods,         ///< `base.m_(...)...` or `base[index].m_(...)` as a statement
    item,            ///< `base[index] = value`
    augmented_item,  ///< `base[index] += value`
    temporary,       ///< `<expression>.m_(...)` on a value nobody else holds
    value_used,      ///< an update of a name whose value is used too
  };
  Form form = Form::methods;
  python::NodeId statement = python::kNoNode;  ///< the small statement (not for temporary)
  uint32_t begin = 0;                          ///< where the updated array's text starts
  uint32_t expression_begin = 0;               ///< value_used: where the updating call starts
  uint32_t base_end = 0;                       ///< where the updated array's text ends
  std::string base;                            ///< `y`, `m.buf` (token text)
  /// The base as the target writes it (`self.mean.value` for module state): set by the
  /// engine before the calls inside it convert.
  std::string written_base;
  python::NodeId index = python::kNoNode;      ///< the `[ ... ]` trailer of a view or item
  python::NodeId value = python::kNoNode;      ///< item forms: the assigned value
  std::string operation;                       ///< augmented: the operator less `=` (`+`)
  std::vector<python::NodeId> calls;           ///< the in-place calls' `( ... )` trailers
  std::string store;                           ///< a store's value (`0`, `{0}`); else empty
  bool mask = false;                           ///< the index is a boolean condition
  /// An item form whose base is not known to hold a tensor but is bound from a framework
  /// call: reported, not rewritten.
  bool uncertain = false;
  /// value_used: the updated array is a name (`y.relu_()`, `F.relu_(y)`), which an
  /// assignment expression can rebind; not a view, an attribute or a temporary.
  bool plain_name = false;
  Sharing sharing = Sharing::none;
  std::string shared_with;  ///< the other name, or the function whose argument it is
};

/// Is this `[ ... ]` trailer one index of the first axis (`[i]`, `[0]`): not a slice, not
/// several indices, not a boolean condition?
bool is_first_axis_index(const python::SyntaxTree& tree, python::NodeId trailer);

/// A `[:, ..., :, i]` trailer: full slices of the first `axis` axes (one or more), then one
/// index `at` of the next, which may count from the end (`[:, -1]`).
struct AxisIndex {
  int axis;
  python::NodeId at;
};
std::optional<AxisIndex> axis_index(const python::SyntaxTree& tree, python::NodeId trailer);

/// The in-place updates of a file, in source order.
std::vector<InPlaceUpdate> find_in_place_updates(const python::SyntaxTree& tree,
                                                 const InPlaceRules& rules);

/// A call's method name when it updates in place by the rules: `add_` (out of place `add`
/// mapped) or a store (`zero_`); empty otherwise.
bool is_in_place_method(const std::string& method, const InPlaceRules& rules);

/// An indexed update of an immutable array as the whole value of an assignment, for a target
/// that updates in place: `x = y.at[i].add(v)` (with the source's spelling of each update).
struct IndexedUpdate {
  python::NodeId statement = python::kNoNode;  ///< the assignment
  std::string target;                          ///< the name assigned (`x`)
  std::string update;                          ///< `set`, `add`, ... (traits' keys)
  uint32_t array_begin = 0, array_end = 0;     ///< the updated array (`y`)
  python::NodeId index = python::kNoNode;      ///< the `[ ... ]` trailer
  python::NodeId value = python::kNoNode;      ///< the value argument
};

/// A read through the accessor of indexed updates: `y.at[i].get()` (the source's `get`).
struct IndexedRead {
  uint32_t array_begin = 0, array_end = 0;  ///< the array read (`y`)
  python::NodeId accessor = python::kNoNode;  ///< the `.at` trailer
  python::NodeId index = python::kNoNode;     ///< the `[ ... ]` trailer
  uint32_t end = 0;                           ///< the end of the `()` trailer
};

/// The indexed reads of a file, by the source's `get` template (none without one).
std::vector<IndexedRead> find_indexed_reads(const python::SyntaxTree& tree,
                                            const std::map<std::string, std::string>& templates);

/// The indexed updates of a file, read through the source's templates
/// (`{array}.<accessor>[{index}].<method>({value})`; other shapes are not read).
std::vector<IndexedUpdate> find_indexed_updates(
    const python::SyntaxTree& tree, const std::map<std::string, std::string>& templates);

}  // namespace switcheroo::convert
