// Image layouts in the graph: a framework whose convolutions and pools take channels-last
// images (its spoke's `layout = { input = "NHWC" }`) gives shapes in its own axis order, while
// the hub's shape rules work in the hub's (`layouts = { input = "NCHW" }`). A call's image
// arguments are put in the hub's order for the rule, and the result back in the framework's.
#pragma once

#include "value.h"

#include "core/adapter_data.h"
#include "core/hub.h"

#include <map>
#include <string>

namespace switcheroo::graph {

/// `shape` (axes in the order of the letters of `from`, e.g. "NHWC") in the order of `to`
/// ("NCHW"). A shape of one axis fewer is an unbatched image when both orders begin with the
/// batch axis N. Unknown, with the reason, when its rank fits neither; a shape that is not
/// known stays as it is.
ValuePtr relayout(const ValuePtr& shape, const std::string& from, const std::string& to);

/// Which layout the result of a call follows: the framework's and the hub's axis order of the
/// image argument it follows ("input" where that is one), both empty when the two agree.
struct ResultLayout {
  std::string framework;
  std::string hub;
  size_t rank = 0;  ///< the image's rank as given
};

/// Puts the image arguments among `bound` (hub argument -> shape) that `mapping` takes in
/// another axis order than `op` into the hub's order; returns the layout the result follows.
ResultLayout to_hub_layout(const HubOp& op, const OpMapping& mapping,
                           std::map<std::string, ValuePtr>& bound);

/// A rule's result (a shape or a tuple of shapes) back in the framework's order: the shapes of
/// the image's rank, the others (a flattened feature vector) as they are.
ValuePtr from_hub_layout(const ValuePtr& result, const ResultLayout& layout);

}  // namespace switcheroo::graph
