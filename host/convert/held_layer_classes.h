// Which calls of a parameter construct the framework class that is its default, so that the
// call is converted as that class's constructor with its callee kept (torchvision's
// ops/misc.py):
//
//   def __init__(self, ..., conv_layer=torch.nn.Conv2d):
//       conv_layer(in_channels, out_channels, kernel_size, stride, padding, dilation=dilation)
//   ->  conv_layer(in_channels, out_channels, (kernel_size, kernel_size) if ..., strides=stride,
//                  padding=padding, kernel_dilation=dilation)
//
// The parameter's default (a class given as a value) is converted on its own, to what the
// target's constructor takes (`functools.partial(nnx.Conv, padding=0, rngs=rngs)`): the call
// writes only the arguments it is given, and no keys.
// Caveats: only a default that names the class counts, and only in a function that never
// assigns the name (`conv_layer = ...`); a caller that passes a class taking other arguments
// than the default's is not seen: the call's arguments are written for the default's class,
// whose parameters they name.
#pragma once

#include "rewrite/enclosing_nodes.h"
#include "rewrite/names.h"
#include "rewrite/tree_query.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {

class HeldLayerClasses {
 public:
  /// `is_layer_class(qualified)`: does the source API name a layer class?
  HeldLayerClasses(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
                   const std::vector<rewrite::FunctionDef>& functions,
                   const std::function<bool(const std::string&)>& is_layer_class);

  /// The qualified class a call of a plain name constructs (`torch.nn.Conv2d`); nullopt for
  /// a call of anything else.
  std::optional<std::string> constructed(const rewrite::Call& call) const;

 private:
  void collect_defaults(const rewrite::FunctionDef& function,
                        const std::function<bool(const std::string&)>& is_layer_class);
  void drop_assigned();

  const python::SyntaxTree& tree_;
  const rewrite::NameResolver& resolver_;
  const std::vector<rewrite::FunctionDef>& functions_;
  rewrite::EnclosingNodes bodies_;
  /// (function_def node, parameter name) -> the qualified class of its default
  std::map<std::pair<python::NodeId, std::string>, std::string> held_;
};

}  // namespace switcheroo::convert
