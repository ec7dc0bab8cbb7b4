// Which names of a function may hold one of the file's classes as a value (the class, not an
// instance of it), so that a call of the name constructs that class:
//
//   def _make_layer(self, block: Type[Union[BasicBlock, Bottleneck]], ...):
//       layers.append(block(self.inplanes, planes))      block: BasicBlock or Bottleneck
//   def __init__(self, conv_block=None):
//       if conv_block is None:
//           conv_block = BasicConv2d                      conv_block: BasicConv2d
//   def __init__(self, blocks=None, residual=InvertedResidual):
//       blocks = [BasicConv2d, InceptionA]                blocks, and conv_block after
//       conv_block = blocks[0]                            `conv_block = blocks[0]`: both
//                                                         residual: InvertedResidual
//
// Sources: a parameter's default, its annotation when it is a `Type[...]` / `type[...]`, and the
// right side of every assignment to a plain name in the function. A class counts where it is
// named and neither called nor the receiver of an attribute (`Block(...)`, `Block.expansion`
// give instances and values, not the class), nor an argument of a call other than
// `partial(...)` (`make(Block)` gives what `make` returns). `name[0]` of a name bound to one
// list or tuple display (besides values naming no class, `blocks=None`) holds what that element
// names; any other subscript, all the name holds. Flow-insensitive and per function;
// names of enclosing functions are not followed.
#pragma once

#include "rewrite/enclosing_nodes.h"
#include "rewrite/tree_query.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {

/// The tokens under `node`, in order, appended to `tokens`.
void collect_tokens(const python::SyntaxTree& tree, python::NodeId node,
                    std::vector<python::NodeId>& tokens);

/// `name = value` (and each name of `a = b = value`) inside a function: the innermost
/// function's function_def node, the name, and the value.
struct NameAssignment {
  python::NodeId function;
  std::string name;
  python::NodeId value;
};
std::vector<NameAssignment> name_assignments(const python::SyntaxTree& tree,
                                             const std::vector<rewrite::FunctionDef>& functions,
                                             const rewrite::EnclosingNodes& bodies);

class ClassValues {
 public:
  ClassValues(const python::SyntaxTree& tree, const std::vector<rewrite::FunctionDef>& functions,
              std::set<std::string> classes);

  /// The classes `name` may hold where `node` is (in the innermost function around it); empty
  /// when it holds none or `node` is outside every function.
  std::set<std::string> held(python::NodeId node, const std::string& name) const;
  /// The classes an expression may give as a value where it is (`Block`, `partial(Block, c)`,
  /// a name of the innermost function around it holding classes).
  std::set<std::string> named(python::NodeId expression) const;

 private:
  struct Binding {
    python::NodeId function;  ///< the function_def node
    std::string name;
    python::NodeId expression;
  };

  void collect_parameters(const rewrite::FunctionDef& function);
  void collect_assignments();
  std::set<std::string> named_classes(python::NodeId function, python::NodeId expression) const;
  std::optional<python::NodeId> subscripted_element(python::NodeId function,
                                                    const std::vector<python::NodeId>& tokens,
                                                    size_t at) const;

  const python::SyntaxTree& tree_;
  const std::vector<rewrite::FunctionDef>& functions_;
  std::set<std::string> classes_;
  rewrite::EnclosingNodes bodies_;
  std::vector<Binding> bindings_;
  std::map<std::pair<python::NodeId, std::string>, std::set<std::string>> held_;
  mutable int depth_ = 0;  // of elements read through subscripts, in named_classes
};

}  // namespace switcheroo::convert
