// How one side of a weight migration spells a module's path in its checkpoints: each part the
// module's name in its parent, or, where the parent is a Sequential or a module list, the side's
// child template (`layers/{index}`; `{class}`: the child's class in snake case, numbered among
// the siblings of that class, as a framework that names container children by class does).
#pragma once

#include "weight_plan.h"

#include <string>

namespace switcheroo::weights {

/// Replaces every `from` in `text` with `to`.
void replace_all(std::string& text, const std::string& from, const std::string& to);

/// Throws Error located at `module`'s construction (`file:line:col`; the bare file without one).
[[noreturn]] void fail(const graph::ModelGraph& graph, const graph::Module& module, const std::string& message);

/// The hub op whose parameters `module` holds: its own as a framework layer, or that of the
/// layer a class of the file derives from (graph::Module::base_op); "" for neither.
const std::string& layer_op(const graph::Module& module);

/// `Conv2DTranspose` -> `conv2d_transpose`, `ReLU` -> `re_lu`, `ResNetStage` -> `res_net_stage`:
/// an underscore before each capital that starts a lower-case run and after each lower-case
/// letter followed by a capital, then all lower case.
std::string snake_case(const std::string& class_name);

/// The class the side builds `module` with: the last part of its spoke's API for the module's
/// op where that is a layer or class, the class of the file otherwise; "" where it has none.
std::string side_class(const graph::Module& module, const Side& side);

/// The path of module `index` of `graph` in `side`'s checkpoints, parts joined by its separator.
/// Throws Error located at the module where a container's child has no name on that side.
std::string side_path(const graph::ModelGraph& graph, int index, const Side& side);

}  // namespace switcheroo::weights
