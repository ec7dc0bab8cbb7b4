// Module state between frameworks: registered buffers and parameters, containers of
// parameters, and attributes a forward pass updates, from the adapters' traits
// (`[module] register-state`, `state-class`, `state-value`) and spokes (hub ops `buffer`,
// `parameter`, `parameter_list`, `parameter_dict`):
//
//   def __init__(self, d):                          def __init__(self, d, *, rngs: nnx.Rngs):
//       self.register_buffer("scale", torch.ones(d))    self.scale = nnx.BatchStat(jnp.ones(d))
//       self.calls = 0                          <->     self.calls = nnx.Variable(0)
//   def forward(self, x):                           def __call__(self, x):
//       self.calls += 1                                 self.calls.value += 1
//
// Writing: a registration statement becomes an assignment of the target's spelling of the
// op (a parameter's value converts itself); an attribute the forward pass (the forward
// method and the methods it calls) assigns or updates in place (`self.running.mul_(0.9)`) is
// held in the target's state class, and every use of it outside the
// constructor reads `.<state-value>`. Reading undoes each: an attribute holding the source's
// buffer or state class is registered again (a state class holding a plain value stays an
// attribute), `.<state-value>` goes, and a list or dict of parameters is the target's
// parameter container. What has no target form is reported.
#pragma once

#include "edit_set.h"
#include "self_attributes.h"
#include "spelling.h"
#include "tensor_values.h"

#include "core/adapter_data.h"
#include "rewrite/names.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert {

/// The API a framework's spoke writes for hub op `op` (empty when none).
std::string primary_api(const AdapterData& data, const std::string& op);
/// The parameter a framework's spelling of `op` names hub argument `argument`.
std::string keyword_of(const AdapterData& data, const std::string& op, const std::string& argument);
/// The argument at `position` or named `keyword`; nullptr when the call gives neither.
const rewrite::Argument* argument_of(const rewrite::Call& call, std::size_t position,
                                     const std::string& keyword);
/// `self.<name>.<method>_(...)`: an in-place method of the array an attribute holds (rewritten
/// as a rebinding of the attribute towards immutable arrays); the name, else nullopt.
std::optional<std::string> updated_in_place(const python::SyntaxTree& tree, python::NodeId primary);

class ModuleState {
 public:
  /// One thing that does not convert: where, the message and its unit (`kb`, `purity`).
  struct Problem {
    uint32_t offset = 0;
    std::string message;
    std::string unit;
  };

  ModuleState(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
              const AdapterData& source, const AdapterData& target);

  /// Finds registrations, state attributes and parameter containers in `module_classes`, and
  /// adds the `.<state-value>` edits (before calls convert, so that converted calls keep them).
  /// `values` tells which expressions hold arrays (for array attributes).
  void plan(const std::vector<rewrite::ClassDef>& module_classes,
            const std::vector<rewrite::Call>& calls, const TensorValues& values, EditSet& edits,
            std::vector<Problem>& problems);
  /// Is this call rewritten here (a registration, a state class, a parameter container), so
  /// that the engine leaves it alone?
  bool handles(const rewrite::Call& call) const { return handled_.count(call.primary) > 0; }
  /// Is `self.<name>` held in the target's state class, so that its uses read
  /// `.<state-value>` (and an in-place update of it rebinds `self.<name>.<state-value>`)?
  bool holds(const std::string& name) const { return held_.count(name) > 0; }
  /// A list display the engine converts as one layer (stacked recurrent layers run one by one),
  /// not a list of layers: call before plan().
  void keep_list(python::NodeId display) { kept_lists_.insert(display); }
  /// After the calls are converted: the statements and callees planned.
  void rewrite(EditSet& edits, TargetSpelling& spelling) const;
  /// A container assignment of layers whose value the converter writes whole as one layer
  /// (a list of recurrent layers read back as one stacked layer): no container wraps it.
  void forget_container(python::NodeId value) {
    std::erase_if(statements_, [&](const StatementEdit& edit) { return edit.value == value; });
  }
  /// Towards declared variables (`[module] variables`): the statement writing `value` to the
  /// variable `self.<name>` holds, or nullopt when it holds none that is written.
  std::optional<std::string> variable_write(const std::string& name,
                                            const std::string& value) const;

 private:
  /// A statement rewritten whole: `<prefix><api>(<value>)<suffix>` (without `<api>(...)`
  /// when `api` is empty), the value's converted text kept.
  struct StatementEdit {
    python::NodeId statement = python::kNoNode;
    std::string prefix;
    std::string api;  ///< qualified; spelled when written
    python::NodeId value = python::kNoNode;
    std::string suffix;
    std::string keywords;  ///< `, name=value` after the value inside `<api>(...)`
  };
  struct CalleeEdit {
    const rewrite::Call* call = nullptr;
    std::string api;  ///< the target's qualified API
  };
  /// An expression written as the argument of a call of `api` (an array in a container of
  /// parameters).
  struct WrapEdit {
    python::NodeId expression = python::kNoNode;
    std::string api;
  };

  /// The methods the constructor calls as `self.<method>(...)`, and those the constructors of
  /// its base classes in `module_classes` call (this class's overrides are called then).
  std::vector<std::string> constructor_callees(const rewrite::ClassDef& module,
                                               const std::vector<rewrite::ClassDef>& module_classes,
                                               const std::vector<rewrite::FunctionDef>& functions,
                                               const std::vector<rewrite::Call>& calls,
                                               int depth) const;
  void plan_registrations(const rewrite::ClassDef& module,
                          const std::vector<python::NodeId>& construction,
                          const std::vector<rewrite::Call>& calls, std::set<std::string>& buffers,
                          std::vector<Problem>& problems);
  void plan_registration(const rewrite::Call& call, const std::string& op,
                         std::set<std::string>& buffers, std::vector<Problem>& problems);
  /// `construction`: the bodies of the constructor (`constructor`, kNoNode where the class
  /// has none) and of the methods it calls.
  void plan_state_reading(const rewrite::ClassDef& module, python::NodeId constructor,
                          const std::vector<python::NodeId>& construction,
                          const std::vector<rewrite::Call>& calls, EditSet& edits,
                          std::vector<Problem>& problems);
  std::vector<python::NodeId> forward_pass(const rewrite::ClassDef& module,
                                           const std::vector<rewrite::FunctionDef>& functions,
                                           const std::vector<rewrite::Call>& calls) const;
  std::vector<python::NodeId> methods_reached(const rewrite::ClassDef& module,
                                              const std::vector<rewrite::FunctionDef>& functions,
                                              const std::vector<rewrite::Call>& calls,
                                              std::vector<std::string> pending) const;
  void plan_updates(const rewrite::ClassDef& module, python::NodeId constructor,
                    const std::vector<python::NodeId>& forward_pass,
                    const std::set<std::string>& buffers, EditSet& edits,
                    std::vector<Problem>& problems);
  void plan_containers(const std::vector<rewrite::Call>& calls);
  /// Attributes that the forward pass assigns or updates in place: (name, first update).
  std::map<std::string, uint32_t> updated_attributes(
      const std::vector<python::NodeId>& forward_pass) const;
  // module_variables.cpp: variables declared by name (`[module] variables`), both ways.
  /// One part of a statement written whole: a node's converted text, else `text`, else the
  /// spelling of the qualified API `api`.
  struct Piece {
    python::NodeId node = python::kNoNode;
    std::string text;
    std::string api;
  };
  /// A statement (or expression) replaced by its pieces, joined.
  struct ComposedEdit {
    python::NodeId replaced = python::kNoNode;
    std::vector<Piece> pieces;
  };
  void plan_variables(const rewrite::ClassDef& module, python::NodeId constructor,
                      const std::vector<python::NodeId>& forward_pass,
                      const std::vector<rewrite::Call>& calls, EditSet& edits,
                      std::vector<Problem>& problems);
  /// `self.<name> = <value>` (or a registration of it) as the target's declaration, where the
  /// value fills an array with one value; false, reported, where it does not.
  bool plan_declaration(python::NodeId statement, const std::string& name, python::NodeId value,
                        bool trainable, const std::map<python::NodeId, const rewrite::Call*>& calls,
                        std::vector<Problem>& problems);
  /// The shape, the one value and the dtype of the array `value` makes; false when it is not
  /// a fill.
  bool fill_of(python::NodeId value, const std::map<python::NodeId, const rewrite::Call*>& calls,
               std::vector<Piece>& shape, Piece& fill, Piece& dtype) const;
  /// The target's qualified dtype for a source dtype `dtype` (`torch.int32` ->
  /// `jax.numpy.int32`); empty when it is not one of the source's dtypes.
  std::string dtype_api(python::NodeId dtype) const;
  void plan_variable_uses(const rewrite::ClassDef& module, python::NodeId constructor,
                          const std::vector<python::NodeId>& forward_pass, EditSet& edits,
                          std::vector<Problem>& problems);
  void plan_variables_reading(const rewrite::ClassDef& module, python::NodeId constructor,
                              const std::vector<rewrite::Call>& calls, EditSet& edits,
                              std::vector<Problem>& problems);
  void read_declaration(const rewrite::Call& call,
                        const std::map<python::NodeId, const rewrite::Call*>& calls,
                        std::vector<Problem>& problems);
  /// Leaves a reported declaration's specification and initializer as they are, unreported.
  void hold_specification(const rewrite::Call& call,
                          const std::map<python::NodeId, const rewrite::Call*>& calls);
  /// A declaration read back: shape, fill and dtype (`parts`, the dtype kNoNode when absent)
  /// as the target's parameter, registered buffer or counter attribute.
  void read_filled(const rewrite::Call& call, python::NodeId statement,
                   const std::string& attribute, const std::array<python::NodeId, 3>& parts,
                   bool trained, std::vector<Problem>& problems);
  void read_variable_uses(const rewrite::ClassDef& module, python::NodeId constructor,
                          const std::vector<rewrite::Call>& calls, EditSet& edits);
  // module_state_writes.cpp: state written by the state class's methods (`state-writes`).
  void plan_state_writes(const std::vector<python::NodeId>& forward_pass,
                         const std::set<std::string>& held, std::vector<Problem>& problems);
  void plan_state_writes_reading(const rewrite::ClassDef& module, python::NodeId constructor,
                                 const std::vector<rewrite::Call>& calls,
                                 const std::set<std::string>& state);
  /// A state class or buffer of the source holding `value` (an array or a plain value) as the
  /// target's buffer or plain attribute.
  void read_state_value(const SelfAssignment& assignment, const rewrite::Call& call,
                        python::NodeId value, bool array);
  /// `self.<name>.<state-value> = v` (or `+=`, ...) as the target's write of `self.<name>`, or
  /// reported where the target has no such write; false when `primary` is not such a
  /// statement's target.
  bool plan_value_write(python::NodeId primary, const std::string& name,
                        std::vector<Problem>& problems);
  /// Why `<attribute> <operation> ...` has no form in the target's state writes.
  std::string unwritable(const std::string& attribute, const std::string& operation) const;
  /// Is the call a statement of its own?
  bool whole_statement(const rewrite::Call& call) const;
  /// `, <keyword>=<value>` for each keyword the target's buffer API is always passed.
  std::string buffer_keywords() const;
  /// Does the call pass every keyword the source's buffer API is always passed?
  bool passes_buffer_keywords(const rewrite::Call& call) const;
  // module_state_arrays.cpp: array attributes read as parameters, frozen ones as buffers.
  void plan_array_attributes(python::NodeId constructor, const std::vector<rewrite::Call>& calls,
                             const TensorValues& values,
                             const std::set<std::string>& module_classes, EditSet& edits,
                             std::vector<Problem>& problems);
  /// A list or dict display of layers or parameters, where the source writes such
  /// containers as plain ones (its container op is an identity), as the target's container.
  void plan_container(const SelfAssignment& assignment, const TensorValues& values,
                      const std::set<std::string>& module_classes,
                      const std::map<python::NodeId, const rewrite::Call*>& by_primary);
  std::vector<python::NodeId> container_items(python::NodeId display) const;
  /// The attributes the source's freeze statements in the constructor name (each removed).
  std::set<std::string> frozen_names(python::NodeId constructor,
                                     const std::vector<rewrite::Call>& calls, EditSet& edits);
  ValueKind kind_of(python::NodeId expression, const TensorValues& values,
                    const std::set<std::string>& module_classes) const;
  /// The target's freeze statement for one attribute.
  std::string freeze_statement(const std::string& name) const;
  std::string qualified(const rewrite::Call& call) const;
  /// The target's API for a hub op, empty when it has none or only a gap.
  std::string target_api(const std::string& op) const;

  const python::SyntaxTree& tree_;
  const rewrite::NameResolver& resolver_;
  const AdapterData& source_;
  const AdapterData& target_;
  std::set<python::NodeId> handled_;  // primaries of the calls rewritten here
  std::set<python::NodeId> kept_lists_;  // keep_list()
  std::set<std::string> held_;        // attributes read and written through `.<state-value>`
  std::vector<StatementEdit> statements_;
  std::vector<CalleeEdit> callees_;
  std::vector<WrapEdit> wraps_;
  std::vector<ComposedEdit> composed_;
  std::map<std::string, bool> declared_;  // declared variables: name -> trainable
};

}  // namespace switcheroo::convert
