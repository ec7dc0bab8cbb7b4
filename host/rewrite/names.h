// Name resolution for rewriting: which API a call site refers to, through the file's imports
// and aliases (`import torch as t`, `from torch import nn`, `import torch.nn.functional as F`,
// `from torch.nn import Linear as L`) and through module attributes set in `__init__`
// (`self.fc = nn.Linear(...)` makes `self.fc(x)` a call of a `torch.nn.Linear` instance).
#pragma once

#include "enclosing_nodes.h"
#include "tree_query.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

/// What a call site calls.
struct ResolvedCall {
  enum class Kind {
    function,  ///< a module-level API: `F.relu(x)` -> torch.nn.functional.relu
    instance,  ///< an object made by an API: `self.fc(x)` -> an instance of torch.nn.Linear
    method,    ///< a method of some value: `x.view(-1)` -> method 'view' (receiver unknown)
    local,     ///< a name the file defines or does not import: `helper(x)`
  };
  Kind kind = Kind::local;
  std::string name;  ///< the qualified API, the method name, or the local name
};

class NameResolver {
 public:
  explicit NameResolver(const SyntaxTree& tree);

  /// `nn.Linear` -> `torch.nn.Linear` when `nn` is bound by an import; nullopt otherwise.
  std::optional<std::string> qualify(std::string_view dotted) const;
  ResolvedCall resolve(const Call& call) const;
  /// Also reads children registered from templates (child_templates.h) as setting
  /// `self.<name>` to an instance of the template's layer class.
  void add_child_templates(const std::string& method, const std::string& template_api);

  const std::vector<ImportBinding>& imports() const { return imports_; }

 private:
  const SyntaxTree& tree_;
  std::vector<ImportBinding> imports_;
  std::map<std::string, std::string> bound_;  // local name -> qualified target
  // Per class: `self.<attribute>` -> the qualified API whose call created it.
  struct ClassAttributes {
    NodeId class_node;
    std::map<std::string, std::string> attributes;
  };
  std::vector<ClassAttributes> classes_;
  std::optional<EnclosingNodes> class_index_;  // finds the class around a call
  std::vector<NodeId> class_bodies_;            // classes_' bodies, in order
};

}  // namespace switcheroo::rewrite
