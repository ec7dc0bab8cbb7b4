#include "names.h"

namespace switcheroo::rewrite {

NameResolver::NameResolver(const SyntaxTree& tree) : tree_(tree), imports_(find_imports(tree)) {
  for (const auto& binding : imports_) bound_[binding.local] = binding.target;

  // `self.x = <call of a qualified API>` anywhere in a class's methods.
  const auto calls = find_calls(tree);
  const uint16_t assignment = SyntaxTree::kind_of("expression_stmt");
  for (const auto& definition : find_classes(tree)) {
    ClassAttributes entry{definition.node, {}};
    for (const auto& call : calls) {
      if (!is_within(tree, call.primary, definition.body)) continue;
      const NodeId statement = tree.node(call.primary).parent;
      if (statement == python::kNoNode || tree.node(statement).kind != assignment) continue;
      const auto parts = tree.children(statement);
      if (parts.size() != 3 || parts[2] != call.primary) continue;
      const std::string target = token_text(tree, parts[0]);
      if (target.rfind("self.", 0) != 0 || target.find('.', 5) != std::string::npos) continue;
      // The call must be the whole right-hand side, not `nn.Linear(...)(x)` or `f(x).y`.
      if (tree.node(call.trailer).next_sibling != python::kNoNode) continue;
      if (auto qualified = qualify(call.dotted_callee)) {
        entry.attributes[target.substr(5)] = *qualified;
      }
    }
    classes_.push_back(std::move(entry));
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
    const ClassAttributes* best = nullptr;
    for (const auto& entry : classes_) {
      if (is_within(tree_, call.primary, entry.class_node) &&
          (best == nullptr || is_within(tree_, entry.class_node, best->class_node))) {
        best = &entry;
      }
    }
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
