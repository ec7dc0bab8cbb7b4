// Tensor layout through a converted file: which values hold images in the target's axis order,
// and what that means for the code that uses them.
//
// PyTorch convolutions take NCHW images, Flax ones NHWC. By default a converted model works in
// the target's layout, so every axis number user code writes about an image must follow:
//
//   y = self.conv(x)                      y = self.conv(x)                 (NHWC now)
//   s = y.mean(dim=(2, 3))          ->    s = y.mean(axis=(1, 2))
//   t = torch.flatten(y, 2)               t = y.reshape(...)  (merges H and W: axes 1..2)
//   t = t.transpose(1, 2)                 t = t                (already (N, H*W, C))
//
// The analysis follows values through each function in statement order. A value's state is a
// permutation `perm` of its axes: axis i of the converted value holds axis perm[i] of the value
// the source program computes (identity: same layout as the source). Layers whose input layout
// differs between the frameworks produce images in the target's layout; elementwise code keeps
// the state; axis arguments are renumbered; swapaxes and permute on such values only change the
// state (the call disappears when nothing is left to do); flatten merges the same source axes
// where they are adjacent in the target. Where a value in a non-source layout meets code that
// expects the source's layout (a Linear layer, matmul, a reshape to an explicit shape,
// indexing), it is permuted back there, so the result stays exact. Two documented exceptions
// follow the default policy (docs/conversion.md): flattening an image's features for a
// classifier head (`flatten(x, 1)`, `x.view(x.size(0), -1)`, `nn.Flatten()`) keeps the
// target's order, and a function parameter that a layout-dependent layer consumes is taken to
// arrive in the target's layout (as is one a later layer of a Sequential is given an image in
// the target's layout, where no permute can be written before it).
#pragma once

#include "call_mapping.h"
#include "core/hub.h"
#include "python/syntax_tree.h"
#include "rewrite/tree_query.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert {

/// Axis i of a converted value holds axis perm[i] of the source's value.
using Perm = std::vector<int>;

/// What the engine knows about one call of the file.
struct CallFacts {
  const HubOp* op = nullptr;  ///< the hub op of a framework call; nullptr for anything else
  bool layer_call = false;    ///< calls a constructed layer (`self.conv(x)`); op is the layer
  bool method = false;        ///< `x.name(...)`: the tensor input is the receiver
  bool constructor = false;   ///< constructs a layer object (`nn.ReLU()`, `nn.Conv2d(...)`)
  /// For a layer or function whose input layout differs between source and target: the
  /// permutation from the source's input layout to the target's (NCHW -> NHWC: 0, 2, 3, 1).
  Perm layout;
  /// Every spelling of the op in the target refuses the call for a value it fixes (TensorFlow's
  /// flatten template holds for end_axis=-1 only): it is reported and computes as the source's.
  bool refused = false;
  /// A layer call whose source spelling returns a tuple holding the hub's result first
  /// (Praxis's pl.Pooling returns (out, paddings)): a `[0]` after it is that result.
  bool first_of_tuple = false;
  /// Constructs a layer that permutes its input's axes by a constructor argument (engine.h
  /// PermuteLayer): that argument's expression; kNoNode for anything else.
  python::NodeId permute_dims = python::kNoNode;
  /// A call of a name or attribute holding one module class of the file (`conv_block(...)`
  /// with `conv_block = BasicConv2d`): that class.
  std::string constructs;
  /// Adds a named child to its receiver (`self.add_module(name, layer)`: the source's
  /// `[module] add-child` methods); the child is the second positional argument.
  bool adds_child = false;
  /// The call read into hub terms (for a layer call: its inputs; for a constructor: its
  /// construction arguments).
  std::optional<HubCall> hub;
};
using CallOracle = std::function<CallFacts(const rewrite::Call&)>;
/// The hub op of a framework function named as a value (`jax.nn.relu` in
/// `self.act = jax.nn.relu`), nullptr for anything else.
using ValueOracle = std::function<const HubOp*(const std::string& dotted)>;

/// What the engine does about one call.
struct LayoutAction {
  enum class Kind {
    remap_axes,  ///< renumber the op's axis arguments: source axis a -> target axis `axes[a]`
    drop,        ///< the call only reorders axes, which the state now records: keep its input
  };
  Kind kind = Kind::remap_axes;
  std::vector<int> axes;  ///< source axis -> target axis (the inverse of the input's perm)
};

/// A value permuted back into the source's layout where code that expects it uses it.
struct LayoutRestore {
  uint32_t begin = 0;  ///< byte range of the expression
  uint32_t end = 0;
  bool parenthesize = false;  ///< the expression needs parentheses before `.transpose(...)`
  std::vector<int> axes;      ///< the permutation that restores it (the inverse of its perm)
};

struct LayoutPlan {
  std::map<python::NodeId, LayoutAction> actions;  ///< by the call's trailer
  /// Restores to apply just before the call that consumes them is converted, by that call's
  /// trailer (a consumer's text is built from its arguments' converted texts).
  std::multimap<python::NodeId, LayoutRestore> restores;
  /// Token replacements: an index into `.shape` renumbered (by token begin).
  std::map<uint32_t, std::pair<uint32_t, std::string>> replacements;
  /// Calls of a layer whose layout the flow cannot follow (a Sequential of `*layers` built by
  /// `layers.extend(...)`), by the call's begin: why. What comes after them is not renumbered.
  std::map<uint32_t, std::string> unfollowed;
  bool empty() const {
    return actions.empty() && restores.empty() && replacements.empty() && unfollowed.empty();
  }
};

/// `forward_method`: what calling a module object of the file runs, in the source framework.
/// `keep_layout`: functions take and return images in the source's layout (--keep-layout),
/// instead of the target's.
/// `values` names the functions held as values (an attribute set to `jax.nn.relu` is called
/// like a layer).
/// `images`: the source's and the target's image layouts (traits' `images`, "channels-first" or
/// "channels-last"). Where they differ, a permute layer given a value in the source's layout
/// whose axes put channels from last into the source's image order makes an image of the
/// target's: its axes become the identity (swin's head, `Permute([0, 3, 1, 2])` after its
/// channels-last stages towards Flax).
LayoutPlan plan_layout(const python::SyntaxTree& tree, const std::vector<rewrite::Call>& calls,
                       const CallOracle& oracle, const std::string& forward_method,
                       bool keep_layout, const ValueOracle& values = {},
                       const std::pair<std::string, std::string>& images = {});

/// Renumbers the axis arguments of `call` (literal ints, or tuples of them) from the source's
/// axes to the converted value's: source axis a becomes `axes[a]`. An axis argument left at a
/// default that changes is written out.
void remap_axes(const HubOp& op, HubCall& call, const std::vector<int>& axes);

/// The permutation from one axis-order string to another ("NCHW", "NHWC" -> 0, 2, 3, 1);
/// empty when they are equal or do not correspond.
Perm layout_permutation(const std::string& from, const std::string& to);
/// `axes` as the comma-separated list a transpose takes: "0, 3, 1, 2".
std::string axes_text(const std::vector<int>& axes);

}  // namespace switcheroo::convert
