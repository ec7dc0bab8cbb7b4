#include "held_layer_classes.h"

#include "class_values.h"

namespace switcheroo::convert {

using python::NodeId;

HeldLayerClasses::HeldLayerClasses(const python::SyntaxTree& tree,
                                   const rewrite::NameResolver& resolver,
                                   const std::vector<rewrite::FunctionDef>& functions,
                                   const std::function<bool(const std::string&)>& is_layer_class)
    : tree_(tree),
      resolver_(resolver),
      functions_(functions),
      bodies_(tree, rewrite::bodies_of(functions)) {
  for (const auto& function : functions_) collect_defaults(function, is_layer_class);
  if (!held_.empty()) drop_assigned();
}

void HeldLayerClasses::collect_defaults(
    const rewrite::FunctionDef& function,
    const std::function<bool(const std::string&)>& is_layer_class) {
  for (const auto& parameter : function.parameters.items) {
    if (parameter.name.empty()) continue;
    const auto parts = tree_.children(parameter.node);
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      if (tree_.kind_name(parts[i]) != "EQUAL") continue;
      const auto qualified = resolver_.qualify(rewrite::token_text(tree_, parts[i + 1]));
      if (qualified && is_layer_class(*qualified)) {
        held_[{function.node, parameter.name}] = *qualified;
      }
    }
  }
}

// A name assigned anywhere in the function may hold something else where it is called.
void HeldLayerClasses::drop_assigned() {
  for (const auto& assignment : name_assignments(tree_, functions_, bodies_)) {
    held_.erase({assignment.function, assignment.name});
  }
}

std::optional<std::string> HeldLayerClasses::constructed(const rewrite::Call& call) const {
  const std::string& name = call.dotted_callee;
  if (name.empty() || name.find('.') != std::string::npos) return std::nullopt;
  const auto function = bodies_.innermost(call.primary);
  if (!function) return std::nullopt;
  const auto found = held_.find({functions_[*function].node, name});
  if (found == held_.end()) return std::nullopt;
  return found->second;
}

}  // namespace switcheroo::convert
