#include "names.h"

#include "child_templates.h"

namespace switcheroo::rewrite {

NameResolver::NameResolver(const SyntaxTree& tree) : tree_(tree), imports_(find_imports(tree)) {
  for (const auto& binding : imports_) bound_[binding.local] = binding.target;

  // `self.x = <call of a qualified API>` anywhere in a class's methods.
  const auto definitions = find_classes(tree);
  std::vector<NodeId> class_nodes;
  for (const auto& definition : definitions) {
    classes_.push_back({definition.node, {}});
    class_nodes.push_back(definition.node);
  }
  class_index_.emplace(tree, class_nodes);
  class_bodies_ = bodies_of(definitions);
  const EnclosingNodes bodies(tree, class_bodies_);
  const uint16_t assignment = SyntaxTree::kind_of("expression_stmt");
  for (const auto& call : find_calls(tree)) {
    const NodeId statement = tree.node(call.primary).parent;
    if (statement == python::kNoNode || tree.node(statement).kind != assignment) continue;
    const auto parts = tree.children(statement);
    if (parts.size() != 3 || parts[2] != call.primary) continue;
    // The call must be the whole right-hand side, not `nn.Linear(...)(x)` or `f(x).y`.
    if (tree.node(call.trailer).next_sibling != python::kNoNode) continue;
    const std::string target = token_text(tree, parts[0]);
    if (target.rfind("self.", 0) != 0 || target.find('.', 5) != std::string::npos) continue;
    const auto qualified = qualify(call.dotted_callee);
    if (!qualified) continue;
    for (std::size_t index : bodies.all(call.primary)) {
      classes_[index].attributes[target.substr(5)] = *qualified;
    }
  }
}

void NameResolver::add_child_templates(const std::string& method,
                                       const std::string& template_api) {
  const auto calls = find_calls(tree_);
  const auto children = find_child_templates(tree_, calls, method, [&](const std::string& callee) {
    return qualify(callee) == template_api;
  });
  const EnclosingNodes bodies(tree_, class_bodies_);
  for (const auto& child : children) {
    const auto qualified = qualify(token_text(tree_, child.layer_class));
    if (!qualified) continue;
    for (std::size_t index : bodies.all(child.registration->primary)) {
      classes_[index].attributes[child.name] = *qualified;
    }
  }
}

std::optional<std::string> NameResolver::qualify(std::string_view dotted) const {
  if (dotted.empty()) return std::nullopt;
  const size_t dot = dotted.find('.');
  const std::string head(dotted.substr(0, dot));
  const auto binding = bound_.find(head);
  if (binding == bound_.end()) return std::nullopt;
  return dot == std::string_view::npos ? binding->second
                                       : binding->second + std::string(dotted.substr(dot));
}

ResolvedCall NameResolver::resolve(const Call& call) const {
  if (auto qualified = qualify(call.dotted_callee)) {
    return {ResolvedCall::Kind::function, *qualified};
  }
  const std::string& callee = call.dotted_callee;
  if (callee.rfind("self.", 0) == 0 && callee.find('.', 5) == std::string::npos) {
    // The innermost class around the call that set this attribute from an API call.
    const auto innermost = class_index_->innermost(call.primary);
    const ClassAttributes* best = innermost ? &classes_[*innermost] : nullptr;
    if (best != nullptr) {
      auto attribute = best->attributes.find(callee.substr(5));
      if (attribute != best->attributes.end()) {
        return {ResolvedCall::Kind::instance, attribute->second};
      }
    }
  }
  if (!call.method.empty()) return {ResolvedCall::Kind::method, call.method};
  return {ResolvedCall::Kind::local, callee};
}

}  // namespace switcheroo::rewrite
