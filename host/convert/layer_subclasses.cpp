#include "layer_subclasses.h"

#include <set>

namespace switcheroo::convert {

namespace {

// The classes of the file that define `__init__` themselves.
std::set<std::string> own_constructors(const python::SyntaxTree& tree,
                                       const std::vector<rewrite::ClassDef>& classes) {
  std::set<std::string> found;
  for (const auto& function : rewrite::find_functions(tree)) {
    if (function.name != "__init__") continue;
    const python::NodeId statement =
        function.statement != python::kNoNode ? function.statement : function.node;
    for (const auto& cls : classes) {
      if (tree.node(statement).parent == cls.body) found.insert(cls.name);
    }
  }
  return found;
}

}  // namespace

LayerSubclasses::LayerSubclasses(const python::SyntaxTree& tree,
                                 const rewrite::NameResolver& resolver,
                                 const std::function<bool(const std::string&)>& is_layer_class) {
  const auto classes = rewrite::find_classes(tree);
  const auto constructors = own_constructors(tree, classes);
  std::map<std::string, std::string> parent;  // a one-base class without __init__ -> its base
  for (const auto& cls : classes) {
    if (cls.bases.items.size() != 1 || constructors.count(cls.name)) continue;
    const auto& base = cls.bases.items.front();
    if (base.kind != rewrite::Argument::Kind::positional) continue;
    parent[cls.name] = rewrite::token_text(tree, base.value);
  }
  for (const auto& [name, base] : parent) {
    std::string current = base;
    std::set<std::string> seen = {name};
    while (parent.count(current) && seen.insert(current).second) current = parent.at(current);
    const auto qualified = resolver.qualify(current);
    if (qualified && is_layer_class(*qualified)) inherited_[name] = *qualified;
  }
}

std::optional<std::string> LayerSubclasses::inherited(const std::string& name) const {
  const auto found = inherited_.find(name);
  if (found == inherited_.end()) return std::nullopt;
  return found->second;
}

}  // namespace switcheroo::convert
