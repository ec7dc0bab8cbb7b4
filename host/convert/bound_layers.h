// What a name given to a container constructor holds, read from the one function that binds it,
// so that the layout flow can follow a Sequential built from names (MNASNet, torchvision):
//
//   layers = [conv, bn, relu]               nnx.Sequential(*layers): conv, bn, relu, once each
//   remaining = []
//   for _ in range(1, repeats):
//       remaining.append(Block(...))        nnx.Sequential(first, *remaining): first once, then
//   first = Block(...)                        Block(...) any number of times, none included
//
// An append that runs once each time the function does (in no loop, branch or handler), after
// the list is bound and before any other append, is listed once, after the display's items
// (swin's first `layers.append(nn.Sequential(conv, Permute(...), norm))`).
//
// A name is followed only where every other occurrence of it in the function is one of these
// forms: its single plain assignment, `name.append(value)` (a list), and the use being read.
// Anything else (a second binding, `name += ...`, `name.extend(...)`, a loop target, a name the
// function does not bind) leaves it unknown.
#pragma once

#include "python/syntax_tree.h"

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert {

struct BoundLayers {
  std::vector<python::NodeId> once;      ///< in order: the list display's items, or the value
  std::vector<python::NodeId> repeated;  ///< appended values, each any number of times
};

/// The items of a list display `[a, b, c]`; nullopt for anything else, a comprehension or a
/// starred item.
std::optional<std::vector<python::NodeId>> list_display_items(const python::SyntaxTree& tree,
                                                              python::NodeId value);

/// What `name`, used at `use` (a NAME token) inside `function` (a function_def node), holds:
/// `starred` for `*name` (a list whose items are layers), otherwise the name itself (a layer).
std::optional<BoundLayers> bound_layers(const python::SyntaxTree& tree, python::NodeId function,
                                        python::NodeId use, bool starred);

/// What `name`, used at `use` (an atom) inside `function` as a Sequential's one argument,
/// holds: a mapping bound once to an empty one (`layers = OrderedDict()`, `layers = {}`) and
/// filled by item assignments outside any loop (`layers["conv"] = Conv(...)`), its values in
/// the order assigned (MaxViT's MaxVitLayer).
std::optional<BoundLayers> mapped_layers(const python::SyntaxTree& tree, python::NodeId function,
                                         python::NodeId use);

}  // namespace switcheroo::convert
