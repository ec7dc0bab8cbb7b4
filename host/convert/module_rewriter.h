// Class rewriting from the adapters' traits, and the `rngs` plumbing of frameworks with
// explicit random keys:
//
//   class Block(nn.Module):                   class Block(nnx.Module):
//       def __init__(self, d):                    def __init__(self, d, *, rngs: nnx.Rngs):
//           super().__init__()          ->            self.fc = nnx.Linear(d, d, rngs=rngs)
//           self.fc = nn.Linear(d, d)
//       def forward(self, x): ...                 def __call__(self, x): ...
//   net = Block(4)                            net = Block(4, rngs=nnx.Rngs(0))
//
// A class is a module when its base is the source framework's module class, one of its
// container classes (traits' `[module] container-classes`: `nn.Sequential`), a class of another
// file of the run that takes keys, or another module class of the file. `rngs` goes to every __init__ and helper function that builds a layer
// needing it (directly or through another one), and every call of those passes it on (also a
// call of a name holding such a class: `block(...)` with `block: Type[BasicBlock]`); the
// reverse direction removes it again and adds `super().__init__()` where the target needs it.
// In a run over several files, the callables of the other files that take `rngs` (found by a
// first pass, engine.h keyed_callables) count as the file's own where it imports them.
#pragma once

#include "class_values.h"
#include "edit_set.h"
#include "field_class_values.h"
#include "spelling.h"

#include "core/adapter_data.h"
#include "rewrite/enclosing_nodes.h"
#include "rewrite/names.h"
#include "rewrite/rewriter.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

class ModuleRewriter {
 public:
  ModuleRewriter(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
                 const AdapterTraits& source, const AdapterTraits& target);

  /// Finds the module classes and which constructors and helpers need `rngs`.
  /// `injects_keys(api)` says whether a source API's target takes `rngs`; `imported_keys(name)`
  /// whether a qualified name the file imports is a callable of another file of the run whose
  /// `rngs` the conversion adds or removes (Options::keyed_callables).
  /// `imported_module(name)` whether it is a module class of another file of the run, keyed
  /// or not (Options::module_classes).
  void plan(const std::vector<rewrite::Call>& calls,
            const std::function<bool(const std::string&)>& injects_keys,
            std::function<bool(const std::string&)> imported_keys = {},
            std::function<bool(const std::string&)> imported_module = {});

  /// The file's own callables (classes by name, functions at module level) whose `rngs` the
  /// conversion adds or removes: what other files of the run learn about this one.
  std::vector<std::string> keyed_callables() const;
  /// Is the call one of another file's callable whose `rngs` the conversion adds or removes
  /// (`SqueezeExcitation(...)` after `from ..ops.misc import SqueezeExcitation`)?
  bool calls_imported_keyed(const rewrite::Call& call) const;

  /// A call of a class or function of this file, with `rngs` added or removed; nullopt when
  /// it stays as it is.
  std::optional<std::string> local_call(const rewrite::Call& call, const EditSet& edits,
                                        TargetSpelling& spelling) const;
  /// Is the call `self.<method>(...)` of a module class's method that may take `rngs`, or
  /// `super().__init__(...)` of a class derived from one of the file's module classes?
  bool is_method_call(const rewrite::Call& call) const;
  /// Is the call `<object>.<attribute>(...)` of an attribute that may hold one of the file's
  /// module classes (`config.block(...)`, field_class_values.h)?
  bool calls_held_field(const rewrite::Call& call) const;
  /// Is the node inside an `rngs=` argument that is being removed?
  bool inside_removed_argument(python::NodeId node) const;

  /// Is `node` inside an __init__ or helper that receives `rngs`?
  bool in_keys_scope(python::NodeId node) const;
  /// A fresh stream container for code outside such a function: `nnx.Rngs(0)`.
  std::string fresh_keys(TargetSpelling& spelling) const;
  /// The keyword that carries keys into constructors (traits' `[rng] parameter`); empty when
  /// no keys are added or removed.
  const std::string& key_parameter() const { return key_parameter_; }

  /// The file's module classes that define a constructor, and that constructor.
  std::map<std::string, rewrite::FunctionDef> constructors() const;
  /// The module classes of the file a call may construct: by name, or through a name or an
  /// attribute that may hold them.
  std::set<std::string> constructed_classes(const rewrite::Call& call) const;

  /// The names of the file's module classes: what other files of the run learn about this one.
  std::vector<std::string> module_class_names() const;
  /// The file's module classes (found by plan()).
  const std::vector<rewrite::ClassDef>& module_classes() const { return module_classes_; }

  /// Base classes and forward-method names, as edits.
  void rewrite_classes(EditSet& edits, TargetSpelling& spelling) const;
  /// super().__init__() and `rngs` parameters, which edit statements and parameter lists.
  void apply_statement_edits(rewrite::Rewriter& rewriter, TargetSpelling& spelling) const;

 private:
  struct Callable {
    std::string name;
    rewrite::FunctionDef function;  ///< __init__ for a class, the function for a helper
    bool is_class = false;
    /// For a class: the module class of this file it derives from, "" for the framework's.
    std::string parent;
  };

  const rewrite::Argument* key_argument(const rewrite::Call& call) const;
  /// Is the call `name(...)` of a name that may hold one of the file's module classes
  /// (`block(...)` with `block: Type[BasicBlock]`), or `<object>.<attribute>(...)` of an
  /// attribute that may, one that needs keys when `needing_keys`?
  bool calls_held_class(const rewrite::Call& call, bool needing_keys) const;
  /// The module classes (of the file, or imported keyed ones) the call may construct through
  /// a name or an attribute holding them.
  std::set<std::string> held_classes(const rewrite::Call& call) const;
  /// The callable a call reaches: the parent class for `super().__init__(...)` in a class
  /// derived from one of the file's module classes, else its dotted callee.
  const std::string& callee_of(const rewrite::Call& call) const;
  void find_super_inits(const std::vector<rewrite::Call>& calls);
  std::set<std::string> find_module_classes(const std::vector<rewrite::ClassDef>& classes);
  void collect_callables(const std::vector<rewrite::ClassDef>& classes,
                         const std::set<std::string>& module_names);
  void find_functions_needing_keys(const std::vector<rewrite::Call>& calls,
                                   const std::function<bool(const std::string&)>& injects_keys);
  void find_removed_key_arguments(const std::vector<rewrite::Call>& calls);
  void edit_key_parameter(rewrite::Rewriter& rewriter, TargetSpelling& spelling,
                          const rewrite::FunctionDef& function, const std::string& name) const;

  const python::SyntaxTree& tree_;
  const rewrite::NameResolver& resolver_;
  const AdapterTraits& source_;
  const AdapterTraits& target_;
  bool add_keys_ = false;
  bool remove_keys_ = false;
  std::string key_parameter_;
  std::vector<rewrite::ClassDef> module_classes_;
  // Module classes deriving from a container class or from another file's class that takes
  // keys: their super().__init__(...) stays.
  std::set<std::string> container_subclasses_;
  std::vector<rewrite::FunctionDef> functions_;
  std::optional<rewrite::EnclosingNodes> function_bodies_;                // of functions_
  std::optional<ClassValues> class_values_;  // names holding the module classes
  std::optional<FieldClassValues> field_values_;  // attributes holding them
  std::function<bool(const std::string&)> imported_keys_;
  std::function<bool(const std::string&)> imported_module_;
  std::set<std::string> imported_names_;  // local names of imported keyed callables
  std::vector<std::pair<rewrite::FunctionDef, python::NodeId>> methods_;  // of module classes
  std::map<std::string, Callable> callables_;  // user classes (by __init__) and helpers
  // self.<name> -> the further methods of that name in module classes (overrides, namesakes)
  std::map<std::string, std::vector<rewrite::FunctionDef>> namesakes_;
  std::set<std::string> needs_keys_;
  std::set<python::NodeId> keys_functions_;  // the function_def nodes of needs_keys_
  std::set<python::NodeId> removed_arguments_;
  std::map<python::NodeId, std::string> super_inits_;  // super().__init__ trailer -> parent
};

}  // namespace switcheroo::convert
