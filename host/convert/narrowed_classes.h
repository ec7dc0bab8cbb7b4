// Reads of a layer's attributes, and the classes an `isinstance` test narrows their receiver
// to, so that the engine can give each attribute the target layer's name (engine_layer_
// attributes.cpp):
//
//   for m in self.modules():
//       if isinstance(m, nn.Conv2d):                 m is an nn.Conv2d here: its
//           fan_out = m.out_channels * 2             out_channels is Flax's out_features
//       elif x > 0 and isinstance(m, (A, B)):        m is an A or a B
//
// Only the body of an `if` or `elif` whose test is the isinstance call, or an `and` of it,
// narrows; an `else`, an `or`, a `not` and the test itself do not.
#pragma once

#include "python/syntax_tree.h"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::convert {

struct AttributeRead {
  python::NodeId trailer;     ///< the `.name` trailer
  std::string_view receiver;  ///< `m`, `self.conv`: a name or a dotted chain of names
  std::string name;
  bool assigned = false;  ///< the target of an assignment: `self.fc.stddev = 0.001`
  bool object = false;    ///< read for an attribute of its own: `m.weight.data`
};

/// The reads of a file, in its order. Their receivers point into `chains`, one text per
/// primary expression (`a.b.c.d`): each receiver is a prefix of it, so a chain of n names
/// costs n, not n squared, in time and memory.
struct AttributeReads {
  std::deque<std::string> chains;
  std::vector<AttributeRead> reads;
  auto begin() const { return reads.begin(); }
  auto end() const { return reads.end(); }
};

/// Every `<receiver>.<name>` of the file whose receiver is a dotted chain of names and that is
/// not called (`m.eval()` is a method); dunder names are left out. Assignments count as reads.
AttributeReads attribute_reads(const python::SyntaxTree& tree);

/// The class expressions, as written (`nn.Conv2d`), that the nearest enclosing `if`/`elif`
/// testing `isinstance(receiver, ...)` narrows `receiver` to at `node`; empty where none does
/// within the function around `node`.
std::vector<std::string> narrowed_classes(const python::SyntaxTree& tree, python::NodeId node,
                                          std::string_view receiver);

/// How many statements within `scope` assign `target` (`self.conv = ...`, `self.conv: T = ...`,
/// `self.conv += ...`): a layer attribute is known by its construction only where it is one.
int assignments_of(const python::SyntaxTree& tree, python::NodeId scope, const std::string& target);

}  // namespace switcheroo::convert
