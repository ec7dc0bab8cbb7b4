// A static interpreter for the Python a model is written in: it runs a file's top level, its
// builder functions, constructors and forward methods on concrete values where they are known
// (channel counts, kernel sizes, block counts, the input shape) and on unknown values where
// they are not. It knows Python, not any framework: what a framework name does when it is
// called, and what happens to tensors, is left to the virtual members a subclass (the graph
// builder) fills in through the knowledge base.
//
// Where a branch condition or a loop's iterable is unknown, the branch is not run and every
// name it assigns becomes unknown, so nothing after it is computed from a guess. Calls through
// such a branch that would mutate their arguments are not tracked (docs/diagrams.md).
#pragma once

#include "ast.h"
#include "value.h"

#include "core/diagnostics.h"
#include "python/source_text.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::graph {

/// Names bound in one function call (or at the top level of the file).
struct Scope {
  std::map<std::string, ValuePtr> names;
  Scope* globals = nullptr;  ///< null for the file's own scope
  ValuePtr self;             ///< the object of a method call, for super()
  std::shared_ptr<ClassValue> method_class;  ///< the class defining the running method
};

/// The evaluated arguments of a call.
struct CallArgs {
  std::vector<ValuePtr> positional;
  std::vector<std::pair<std::string, ValuePtr>> keywords;
  uint32_t offset = 0;  ///< where the call is, for diagnostics and graph nodes

  /// The keyword `name`, else positional `index` (when index >= 0), else null.
  ValuePtr get(const std::string& name, int index = -1) const;
};

class Interpreter {
 public:
  /// `source` may be null (rule expressions that point at no file).
  Interpreter(std::string file, const python::SourceText* source);
  virtual ~Interpreter() = default;

  /// Runs the top level of a file: imports, functions, classes and simple assignments.
  void run_file(const std::vector<Stmt>& statements);
  /// Binds the names the imports of file `file` (0: the model's own) bring into `scope`:
  /// framework names stand for themselves; a relative import (`from ..ops.misc import X`)
  /// names another file of the package, read when the name is first used (imports.cpp).
  void bind_imports(const python::SyntaxTree& tree, Scope& scope, int file);

  ValuePtr evaluate(const Expr& expr, Scope& scope);
  ValuePtr call(const ValuePtr& callee, CallArgs args);
  /// The class among `class_value` and its bases in the file that defines `name`, or null.
  std::shared_ptr<ClassValue> class_owning(const std::shared_ptr<ClassValue>& class_value,
                                           const std::string& name) const;
  /// Calls a function of the file with `self` bound first when given.
  ValuePtr call_function(const FunctionDef& function, const ValuePtr& self,
                         const std::shared_ptr<ClassValue>& owner, CallArgs args);
  /// An attribute of an object or class of the file, searching base classes; methods come
  /// back bound. Null when there is none.
  ValuePtr lookup(const ValuePtr& object, const std::string& name);
  /// The function named `name` on `class_value` or its bases in the file, with its class.
  std::pair<const FunctionDef*, std::shared_ptr<ClassValue>> find_method(
      const std::shared_ptr<ClassValue>& class_value, const std::string& name) const;

  Scope& globals() { return globals_; }
  const std::string& file() const { return file_; }
  /// `file:line:col` of a byte offset in the file.
  std::string location(uint32_t offset) const;
  SourceLocation source_location(uint32_t offset) const;

 protected:
  /// Whether calling method `name` changes its receiver: Python's container mutators here; a
  /// subclass adds its framework's (a module's add-child methods).
  virtual bool mutates_receiver(const std::string& name) const;

  // What the subclass decides. Each default returns an unknown value saying what was not known.
  virtual ValuePtr call_api(const ValuePtr& api, CallArgs& args);
  /// A call of something not known; the result is unknown for `reason`.
  virtual ValuePtr call_unknown(const std::string& reason, CallArgs& args);
  virtual ValuePtr call_object(const ValuePtr& object, CallArgs& args);
  virtual ValuePtr instantiate(const ValuePtr& class_value, CallArgs& args);
  virtual ValuePtr tensor_attribute(const ValuePtr& tensor, const std::string& name, uint32_t offset);
  virtual ValuePtr tensor_method(const ValuePtr& tensor, const std::string& name, CallArgs& args);
  virtual ValuePtr tensor_operator(const std::string& op, const ValuePtr& left,
                                   const ValuePtr& right, uint32_t offset);
  virtual ValuePtr tensor_subscript(const ValuePtr& tensor, const ValuePtr& index, uint32_t offset);
  /// An attribute of an object that neither it nor its class of the file has (a framework
  /// layer's attribute).
  virtual ValuePtr object_attribute(const ValuePtr& object, const std::string& name, uint32_t offset);
  /// The items a `for` loop over an object visits (a module list); false when not known.
  virtual bool iterate_object(const ValuePtr& object, std::vector<ValuePtr>& items);
  /// The slices a `for` loop over a tensor visits (along its first axis); false when unknown.
  virtual bool iterate_tensor(const ValuePtr& tensor, uint32_t offset, std::vector<ValuePtr>& items);
  /// `object op= value` on an object (`layers += [...]` on a module list); null when the
  /// subclass does not model it.
  virtual ValuePtr object_operator(const std::string& op, const ValuePtr& object, const ValuePtr& value);
  /// An object was changed in a way that is not known (a method that adds to it ran under a
  /// condition that is not known).
  virtual void object_changed(const ValuePtr& object, const std::string& reason);
  /// `object.name = value` was executed (submodule registration).
  virtual void attribute_set(const ValuePtr& object, const std::string& name, const ValuePtr& value,
                             uint32_t offset);
  /// `object.name = value`, as an assignment or `setattr` does it at `offset`.
  void set_attribute(const ValuePtr& object, const std::string& name, const ValuePtr& value,
                     uint32_t offset);
  /// A builtin the subclass adds (the shape helpers of rules); null when it has none.
  virtual ValuePtr call_extra_builtin(const ValuePtr& builtin, CallArgs& args);
  /// `object[index]` on an object (a module list or Sequential).
  virtual ValuePtr object_subscript(const ValuePtr& object, const ValuePtr& index, uint32_t offset);
  /// `setattr(object, name, value)` with a name that is not known.
  virtual void attribute_set_unnamed(const ValuePtr& object, const ValuePtr& value,
                                     uint32_t offset);
  /// `super().name` in a method of `method_class` when no class of the file above it defines
  /// `name`: a member the class inherits from a framework class. The default is a call that
  /// does nothing (`super().__init__()` of the module base class).
  virtual ValuePtr inherited_member(const ValuePtr& self,
                                    const std::shared_ptr<ClassValue>& method_class,
                                    const std::string& name);

  /// A plain object of a class of the file: its `__init__` run on it.
  ValuePtr construct_plain(const ValuePtr& class_value, CallArgs& args);
  /// The class among `class_value` and its bases decorated with `dataclass`, or null.
  std::shared_ptr<ClassValue> dataclass_owner(const std::shared_ptr<ClassValue>& class_value) const;
  /// Runs the `__init__` dataclass `data` generates on `self`.
  void init_dataclass(const ValuePtr& self, const std::shared_ptr<ClassValue>& data,
                      CallArgs& args);

  /// What a relative name (an api value starting with '.') stands for in the file of the
  /// package it names: a function, class or value of that file, or an unknown value saying
  /// why not. Null for any other value.
  ValuePtr resolve_relative(const ValuePtr& api);

 private:
  enum class Flow { next, returned, broke, continued };
  Flow execute(const std::vector<Stmt>& body, Scope& scope, ValuePtr& result);
  Flow execute_one(const Stmt& statement, Scope& scope, ValuePtr& result);
  Flow execute_for(const Stmt& statement, Scope& scope, ValuePtr& result);
  Flow execute_while(const Stmt& statement, Scope& scope, ValuePtr& result);
  void define_class(const Stmt& statement, Scope& scope);
  void assign(const Expr& target, const ValuePtr& value, Scope& scope);
  void poison(const std::vector<Stmt>& body, Scope& scope, const std::string& reason);
  static bool returns(const std::vector<Stmt>& body);
  void poison_target(const Expr& target, Scope& scope, const std::string& reason);

  ValuePtr name_value(const Expr& expr, Scope& scope);
  ValuePtr attribute(const ValuePtr& object, const std::string& name, uint32_t offset);
  ValuePtr call_expression(const Expr& expr, Scope& scope);
  ValuePtr binary(const std::string& op, const ValuePtr& left, const ValuePtr& right,
                  uint32_t offset);
  ValuePtr unary(const std::string& op, const ValuePtr& operand, uint32_t offset);
  ValuePtr compare(const Expr& expr, Scope& scope);
  ValuePtr subscript(const ValuePtr& container, const ValuePtr& index, uint32_t offset);
  ValuePtr comprehension(const Expr& expr, Scope& scope);
  ValuePtr boolean_operation(const Expr& expr, Scope& scope);
  ValuePtr conditional(const Expr& expr, Scope& scope);
  /// A tuple or list display, spreading starred items.
  ValuePtr sequence_display(const Expr& expr, Scope& scope);
  ValuePtr format_string(const Expr& expr, Scope& scope);

  // builtins.cpp
  ValuePtr call_builtin(const ValuePtr& builtin, CallArgs& args);
  ValuePtr call_setattr(CallArgs& args);
  ValuePtr call_partial(const ValuePtr& partial, CallArgs& args);
  // The builtins of a known first argument, by group (call_builtin's table): each gives null
  // where the arguments are not ones it models.
  ValuePtr builtin_len(const std::string& name, const ValuePtr& first, CallArgs& args);
  ValuePtr builtin_sequence(const std::string& name, const ValuePtr& first, CallArgs& args);
  ValuePtr builtin_columns(const std::string& name, const ValuePtr& first, CallArgs& args);
  ValuePtr builtin_truths(const std::string& name, const ValuePtr& first, CallArgs& args);
  ValuePtr builtin_reflection(const std::string& name, const ValuePtr& first, CallArgs& args);
  ValuePtr builtin_conversion(const std::string& name, const ValuePtr& first, CallArgs& args);
  /// functools.partial, collections.OrderedDict and math: null for other names.
  ValuePtr call_standard_library(const std::string& qualified, CallArgs& args);
  ValuePtr call_container_method(const ValuePtr& receiver, const std::string& name,
                                 CallArgs& args);

 protected:
  /// Another file of the package, read for a relative import.
  struct ImportedFile;
  /// The index of the file at `path` after reading it and running its top level, or -1 with
  /// `failure` saying why it could not be read.
  int load_file(const std::string& path, std::string& failure);
  Scope& globals_of(int file);
  SourceLocation location_in_file(int file, uint32_t offset) const;
  const std::string& path_of(int file) const;

  std::string file_;
  const python::SourceText* source_;
  std::string array_type_;  ///< the framework's array type, for isinstance(); empty: not known
  Scope globals_;
  int depth_ = 0;
  long steps_ = 0;
  std::vector<std::shared_ptr<ImportedFile>> imported_;  ///< index - 1 of files other than 0
  std::map<std::string, int> file_index_;                ///< by path, -1 for a failed read
  std::map<std::string, std::string> file_failures_;
  std::map<const FunctionDef*, int> home_of_;            ///< the file defining a function
  int current_file_ = 0;                                 ///< the file whose code runs
};

/// The items of a value that can be iterated (tuple, list, dict keys, string characters);
/// false when it cannot be known or iterated.
bool iterate(const Value& value, std::vector<ValuePtr>& items);

/// Python's a[i] index normalization: -1 -> size - 1; false when out of range.
bool normalize_index(int64_t& index, size_t size);

}  // namespace switcheroo::graph
