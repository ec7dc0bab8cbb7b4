// Classes of the file that derive from a framework layer class and keep its constructor, so
// that building one is building that layer, whose arguments convert as the layer's do, the
// callee kept (torchvision's convnext.py):
//
//   class LayerNorm2d(nn.LayerNorm):              class LayerNorm2d(nnx.LayerNorm):
//       def forward(self, x): ...                     ...
//   partial(LayerNorm2d, eps=1e-6)          ->    partial(LayerNorm2d, epsilon=1e-06, rngs=rngs)
//   LayerNorm2d(c, eps=1e-3)                      LayerNorm2d(c, epsilon=0.001, rngs=rngs)
//
// The base may be reached through other classes of the file; a class on the way that defines
// its own `__init__` takes its own arguments, and so is not one of these. Such an `__init__`
// builds the layer through `super().__init__(...)`, whose arguments convert as the layer's:
//
//   class Scaled(nn.LayerNorm):                   class Scaled(nnx.LayerNorm):
//       def __init__(self, c, e):          ->         def __init__(self, c, e):
//           super().__init__(c, eps=e)                    super().__init__(c, epsilon=e, rngs=...)
#pragma once

#include "rewrite/names.h"
#include "rewrite/tree_query.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace switcheroo::convert {

class LayerSubclasses {
 public:
  /// `is_layer_class(qualified)`: does the source API name a layer class?
  LayerSubclasses(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
                  const std::function<bool(const std::string&)>& is_layer_class);

  /// The qualified layer class whose constructor the file's class `name` keeps
  /// (`torch.nn.LayerNorm` for `LayerNorm2d`); nullopt for any other name.
  std::optional<std::string> inherited(const std::string& name) const;
  /// The qualified layer class a call `super().__init__(...)` with arguments builds, in the
  /// `__init__` of a class whose base is one (or keeps one's constructor); nullopt otherwise.
  std::optional<std::string> super_layer(const rewrite::Call& call) const;

 private:
  const python::SyntaxTree& tree_;
  std::map<std::string, std::string> inherited_;  // class name -> qualified layer class
  /// The body of the `__init__` of a class whose base is a layer class -> that class.
  std::map<python::NodeId, std::string> constructors_;
};

}  // namespace switcheroo::convert
