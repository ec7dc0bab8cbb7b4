// The interpreter that builds the model graph (private to host/graph): modules from
// constructors (graph_modules.cpp), nodes from forward methods (graph_flow.cpp), and framework
// calls read through the source spoke (graph_calls.cpp).
#pragma once

#include "builder.h"
#include "interpreter.h"
#include "shape_rules.h"

#include "convert/call_mapping.h"
#include "rewrite/tree_query.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::graph {

/// One reading of a framework call: the op, the spelling it was read through, and its hub
/// arguments as values.
struct ReadCall {
  const HubOp* op = nullptr;
  const OpMapping* mapping = nullptr;
  std::map<std::string, ValuePtr> values;  ///< hub argument -> value, defaults included
  std::map<std::string, bool> explicit_values;  ///< hub argument -> written in the call
  const AdapterTraits* traits = nullptr;  ///< the framework whose spelling was read
};

/// Per module, the elements of tied parameters its subtree counts twice (PyTorch's
/// `parameters()` yields a shared tensor once): each tie's at the lowest module holding both.
std::vector<int64_t> tied_elements(const std::vector<Module>& modules, const std::vector<Tie>& ties);

/// How the graph reads a spoke's calls: APIs and dtypes as written (graph_calls.cpp).
convert::Spelling reading_spelling();

/// Adds to `module` each parameter the hub's rules give `call`'s op, in the hub's layout.
void add_parameter_shapes(const ShapeRules& rules, const ReadCall& call, Module& module);

class GraphBuilder : public Interpreter {
 public:
  GraphBuilder(const DrawRequest& request, const python::SourceText& source, ModelGraph& graph);

  /// Builds the model (class or builder function) and returns it.
  ValuePtr build_model(const std::vector<Stmt>& statements);
  /// Runs the model's forward method on the request's input shapes.
  void run_forward(const ValuePtr& model);
  /// Module paths and parameter totals, once everything is built.
  void finish_modules(const ValuePtr& model);
  /// The model file's syntax tree, from which layers built in it record their written
  /// arguments (Module::written); null: none recorded.
  void set_tree(const python::SyntaxTree* tree) { tree_ = tree; }

 protected:
  ValuePtr call_api(const ValuePtr& api, CallArgs& args) override;
  bool mutates_receiver(const std::string& name) const override;
  ValuePtr call_object(const ValuePtr& object, CallArgs& args) override;
  ValuePtr call_unknown(const std::string& reason, CallArgs& args) override;
  ValuePtr instantiate(const ValuePtr& class_value, CallArgs& args) override;
  ValuePtr tensor_attribute(const ValuePtr& tensor, const std::string& name, uint32_t offset) override;
  ValuePtr tensor_method(const ValuePtr& tensor, const std::string& name, CallArgs& args) override;
  ValuePtr tensor_operator(const std::string& op, const ValuePtr& left, const ValuePtr& right,
                           uint32_t offset) override;
  ValuePtr tensor_subscript(const ValuePtr& tensor, const ValuePtr& index, uint32_t offset) override;
  ValuePtr object_attribute(const ValuePtr& object, const std::string& name, uint32_t offset) override;
  ValuePtr object_subscript(const ValuePtr& object, const ValuePtr& index, uint32_t offset) override;
  bool iterate_object(const ValuePtr& object, std::vector<ValuePtr>& items) override;
  bool iterate_tensor(const ValuePtr& tensor, uint32_t offset, std::vector<ValuePtr>& items) override;
  void object_changed(const ValuePtr& object, const std::string& reason) override;
  ValuePtr object_operator(const std::string& op, const ValuePtr& object, const ValuePtr& value) override;
  void attribute_set(const ValuePtr& object, const std::string& name, const ValuePtr& value,
                     uint32_t offset) override;
  ValuePtr call_extra_builtin(const ValuePtr& builtin, CallArgs& args) override;
  void attribute_set_unnamed(const ValuePtr& object, const ValuePtr& value,
                             uint32_t offset) override;
  ValuePtr inherited_member(const ValuePtr& self, const std::shared_ptr<ClassValue>& method_class,
                            const std::string& name) override;

 private:
  struct Entry {
    const HubOp* op;
    const OpMapping* mapping;
    const AdapterTraits* traits = nullptr;  ///< null: the model's framework
  };

  // graph_calls.cpp: the spoke, and values through hub terms.
  void index_spoke();
  std::optional<ReadCall> read(const std::vector<Entry>& entries, convert::Phase phase,
                               const ValuePtr& receiver, const CallArgs& args, std::string& why);
  std::string text_of(const ValuePtr& value);
  ValuePtr value_of(const std::string& text);
  std::vector<Argument> explicit_arguments(const ReadCall& call) const;
  bool is_module_class(const ValuePtr& class_value) const;
  /// graph_wrappers.cpp: the module a wrapping layer op (weight_norm) returns, its parameter
  /// reparametrized; null where the call wraps no module of the graph.
  ValuePtr wrapped_module(const ReadCall& call, uint32_t offset);
  /// The first base of a class (or of its bases) that is neither a class of the file nor the
  /// module base class, or null.
  const Value* foreign_base(const std::shared_ptr<ClassValue>& class_value) const;

  // graph_modules.cpp: modules as constructors build them.
  ValuePtr new_layer(const ReadCall& call, const std::string& api, uint32_t offset);
  ValuePtr new_module_object(const ValuePtr& class_value, uint32_t offset);
  /// A module whose construction is not known, keeping its place among its siblings.
  int unknown_module(const Value& value, uint32_t offset);
  void forget_parameters(int module, const std::string& reason);
  void add_child(int parent, const std::string& name, int child);
  std::vector<ValuePtr> children_of(const Instance& instance) const;
  ParameterCount own_parameters(const ReadCall& call) const;
  ValuePtr container_method(const ValuePtr& object, const std::string& name, CallArgs& args);
  /// Records a parameter or buffer the module holds under `name`, replacing one of that name.
  void hold_tensor(int module, const std::string& name, const Value& tensor, bool buffer);
  void drop_held_tensor(int module, const std::string& name);
  ValuePtr register_buffer(const ValuePtr& object, CallArgs& args);
  ValuePtr register_parameter(const ValuePtr& object, CallArgs& args);
  /// The module method that registers a parameter by name (traits `[module] register-state`).
  bool registers_parameter(const std::string& method) const;

  /// Children of a container layer (its `layers` argument) registered with `module`.
  void add_container_children(int module, const ReadCall& call, uint32_t offset);

  // graph_inherited.cpp: classes of the file deriving from a framework layer.
  /// Runs framework layer `base`'s constructor on `self` (`super().__init__(*layers)`).
  void hold_listed_parameters(int module, const ReadCall& call, uint32_t offset);
  void construct_base(const ValuePtr& self, const Value& base, CallArgs& args);
  /// How a module's framework layer was built, its own or the one its class inherits; null
  /// for a module that is neither.
  const ReadCall* built_layer(int module) const;
  /// A framework layer's parameter read as an attribute (`self.qkv.weight`): a constant tensor
  /// of its shape in the framework's layout (the weight traits' order of the hub's axes), None
  /// where the layer's arguments leave it out; null when the traits name no such parameter.
  ValuePtr layer_parameter(int module, const std::string& name) const;
  /// The non-composite parameter a module's framework layer names `name` in the model's
  /// framework (its weight traits), or null.
  const WeightParameter* framework_parameter(int module, const std::string& name) const;
  /// The container op (sequential, module_list, module_dict) a module is or inherits; "".
  std::string container_op(int module) const;
  static bool is_container(const std::string& op);
  ValuePtr dict_view(const ValuePtr& object, const std::string& name);

  // graph_ties.cpp: a layer's parameter assigned another layer's.
  /// `self.head.weight = self.embed.weight` (`tensor`): a Tie. Anything else holding a layer's
  /// parameter is not modelled.
  void tie_parameter(int module, const std::string& name, const Value& tensor, uint32_t offset);
  /// The ties between modules the model holds, renumbered as finish_modules orders them.
  void keep_ties(const std::vector<int>& new_index);
  /// graph_results.cpp: Module::state_read of each framework layer a class of the file holds.
  void read_result_uses();

  // graph_values.cpp: dtypes and the values of small constant tensors.
  /// A dtype argument as the hub's dtype name (`torch.long` -> 'int64'), else as it is.
  ValuePtr hub_dtype_value(const ValuePtr& value, const std::string& text,
                           const AdapterTraits& traits) const;
  /// Gives the tensors of `result` the dtype the rules give `call`, and a single tensor its
  /// values when every input's values are known; forgets the values of inputs that an op
  /// without a value rule may change.
  void describe_constant(const ReadCall& call, const ValuePtr& result);
  /// What `tolist()`/`item()` give: the values of a tensor whose values are known.
  ValuePtr python_values(const ReadCall& call, const ValuePtr& fallback);
  /// `table[index]` with an index tensor: gathered rows for an integer index, unknown for a
  /// boolean mask or an index whose dtype is not known.
  ValuePtr gather_shape(const ValuePtr& tensor, const ValuePtr& index, uint32_t offset);
  /// The rules' bindings of `call` with tensors as their values (`values`) or their dtypes;
  /// false when a tensor's values are needed and not known.
  bool rule_bindings(const ReadCall& call, bool values, std::map<std::string, ValuePtr>& bound) const;

  // graph_flow.cpp: nodes as forward methods run.
  ValuePtr apply(const ReadCall& call, int module, uint32_t offset);
  ValuePtr call_layer(const ValuePtr& object, CallArgs& args);
  ValuePtr call_module(const ValuePtr& object, CallArgs& args);
  int add_node(Node node, const std::vector<ValuePtr>& inputs);
  ValuePtr outputs_as_values(int node, const HubOp& op, const ValuePtr& out);
  ValuePtr operator_node(const std::string& op, const std::map<std::string, ValuePtr>& values,
                         uint32_t offset);
  std::map<std::string, ValuePtr> bindings(const ReadCall& call, std::vector<ValuePtr>& inputs) const;

  const DrawRequest& request_;
  ModelGraph& graph_;
  const Hub& hub_;
  const ShapeRules& rules_;
  std::map<std::string, std::vector<Entry>> apis_;
  std::map<std::string, std::vector<Entry>> methods_;
  std::map<std::string, std::vector<Entry>> properties_;
  std::set<std::string> buffer_methods_;      // the module base class's methods that add a buffer
  std::string buffer_data_keyword_ = "data";  // their keyword for the buffer's tensor
  std::vector<ValuePtr> placeholders_;  // values passed through hub terms by name
  std::map<std::string, ValuePtr> literal_cache_;
  std::map<int, ReadCall> layers_;      // module -> how its layer was constructed
  std::map<int, ReadCall>
      inherited_;  // module of a file class -> its framework base's construction
  std::map<int, std::shared_ptr<Instance>> module_objects_;
  int group_ = -1;                      // the module call the forward flow is in
  // graph_written.cpp: a layer's arguments as the model file writes them.
  void record_written(const ReadCall& call, const std::string& api, uint32_t offset,
                      Module& module);
  const python::SyntaxTree* tree_ = nullptr;
  std::map<uint32_t, rewrite::Call> tree_calls_;  // the tree's calls by where their callee begins
};

}  // namespace switcheroo::graph
