#include "layer_subclasses.h"

#include <set>

namespace switcheroo::convert {

namespace {

// The classes of the file that define `__init__` themselves: class name -> its body.
std::map<std::string, python::NodeId> own_constructors(
    const python::SyntaxTree& tree, const std::vector<rewrite::ClassDef>& classes) {
  std::map<std::string, python::NodeId> found;
  for (const auto& function : rewrite::find_functions(tree)) {
    if (function.name != "__init__") continue;
    const python::NodeId statement =
        function.statement != python::kNoNode ? function.statement : function.node;
    for (const auto& cls : classes) {
      if (tree.node(statement).parent == cls.body) found[cls.name] = function.body;
    }
  }
  return found;
}

// The base a class names, when it names exactly one positionally; "" otherwise.
std::string only_base(const python::SyntaxTree& tree, const rewrite::ClassDef& cls) {
  if (cls.bases.items.size() != 1) return "";
  const auto& base = cls.bases.items.front();
  return base.kind == rewrite::Argument::Kind::positional ? rewrite::token_text(tree, base.value)
                                                           : "";
}

}  // namespace

LayerSubclasses::LayerSubclasses(const python::SyntaxTree& tree,
                                 const rewrite::NameResolver& resolver,
                                 const std::function<bool(const std::string&)>& is_layer_class)
    : tree_(tree) {
  const auto classes = rewrite::find_classes(tree);
  const auto constructors = own_constructors(tree, classes);
  std::map<std::string, std::string> parent;  // a one-base class without __init__ -> its base
  for (const auto& cls : classes) {
    const std::string base = only_base(tree, cls);
    if (!base.empty() && !constructors.count(cls.name)) parent[cls.name] = base;
  }
  for (const auto& [name, base] : parent) {
    std::string current = base;
    std::set<std::string> seen = {name};
    while (parent.count(current) && seen.insert(current).second) current = parent.at(current);
    const auto qualified = resolver.qualify(current);
    if (qualified && is_layer_class(*qualified)) inherited_[name] = *qualified;
  }
  for (const auto& cls : classes) {
    const auto constructor = constructors.find(cls.name);
    const std::string base = only_base(tree, cls);
    if (constructor == constructors.end() || base.empty()) continue;
    auto layer = resolver.qualify(base);
    if (!layer || !is_layer_class(*layer)) layer = inherited(base);
    if (layer) constructors_[constructor->second] = *layer;
  }
}

std::optional<std::string> LayerSubclasses::inherited(const std::string& name) const {
  const auto found = inherited_.find(name);
  if (found == inherited_.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> LayerSubclasses::super_layer(const rewrite::Call& call) const {
  const std::string_view callee = std::string_view(tree_.source().bytes())
                                      .substr(call.callee_begin, call.callee_end - call.callee_begin);
  if (call.arguments.items.empty() || callee.rfind("super(", 0) != 0 ||
      !callee.ends_with(").__init__")) {
    return std::nullopt;  // `super().__init__()` alone gives the layer nothing to convert
  }
  for (const auto& [body, layer] : constructors_) {
    if (rewrite::is_within(tree_, call.primary, body)) return layer;
  }
  return std::nullopt;
}

}  // namespace switcheroo::convert
