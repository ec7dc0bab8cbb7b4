// A light type inference over the syntax tree: which expressions hold a tensor of the source
// framework, which hold something else, and which cannot be told.
//
//   class Net(nn.Module):
//       def __init__(self):
//           self.fc = nn.Linear(4, 2)         self.fc        a layer (torch.nn.Linear)
//           self.register_buffer("s", t)      self.s         a tensor
//       def forward(self, x, n: int = 2):     x              a tensor (forward's argument)
//           h = self.fc(x)                    h              a tensor (a layer's result)
//           parts = "a,b".split(",")          parts          other: no tensor method applies
//           return h.new_zeros(n, 2)          h.new_zeros    a method of a tensor
//
// Sources of tensors: calls of the source framework's functions and layers (the engine says
// what each API gives, from the knowledge base), the forward method's arguments (by the
// adapter's traits, and by an annotation naming the array type in any function), attributes
// assigned tensors anywhere in a class, and names assigned from them. Names are followed per
// function, flow-insensitively: a name assigned a tensor in one place and something else in
// another is unknown. Unknown is the answer whenever the code does not say.
#pragma once

#include "rewrite/names.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

enum class ValueKind {
  unknown,  ///< the code does not say
  none,     ///< None: no methods, so it does not change what a name holds
  tensor,   ///< an array of the source framework
  tensors,  ///< a tuple of arrays (a multi-result op, a recurrent layer's output)
  layer,  ///< an object a framework API constructed: a layer (called like a function), an optimizer
  other,  ///< anything known not to be an array: numbers, strings, containers, user objects
  pending,  ///< not known yet, while names are followed (never an answer): gives way to any other
};

struct Value {
  ValueKind kind = ValueKind::unknown;
  std::string api;  ///< for a layer: the qualified API that made it
  bool operator==(const Value& other) const { return kind == other.kind && api == other.api; }
};

/// What the knowledge base says of the source framework's APIs.
struct TensorFacts {
  std::string array_type;              ///< qualified, e.g. "<module>.Tensor"
  std::set<std::string> entry_points;  ///< methods whose arguments are tensors ("forward")
  /// What calling a qualified API gives (a tensor, a layer, ...); unknown when not known.
  std::function<Value(const std::string& qualified)> api_call;
  /// What calling a layer made by `api` gives.
  std::function<Value(const std::string& api)> layer_call;
  /// What a tensor's method gives; nullopt when the source spoke does not map the method.
  std::function<std::optional<Value>(const std::string& name)> method;
  /// What a tensor's attribute is; nullopt when the source spoke does not map it.
  std::function<std::optional<Value>(const std::string& name)> attribute;
};

/// An attribute of a tensor the source spoke does not map (`x.grad`), not called.
struct UnmappedAttribute {
  python::NodeId trailer = python::kNoNode;  ///< the `.name` trailer
  std::string name;
};

class TensorValues {
 public:
  TensorValues(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
               TensorFacts facts);

  /// What an expression holds.
  Value value_of(python::NodeId expression) const;
  /// What the receiver of a method call (`x` of `x.view(...)`) holds.
  Value receiver_of(const rewrite::Call& call) const;
  /// Attributes of tensors that the source spoke does not map, in source order.
  const std::vector<UnmappedAttribute>& unmapped_attributes() const { return unmapped_; }

 private:
  struct Scope {
    std::map<std::string, Value> names;
    bool operator==(const Scope& other) const { return names == other.names; }
  };
  enum class Binding { assign, unpack, iterate };
  struct Assignment {
    python::NodeId target;
    python::NodeId value;
    Binding binding;
  };

  void collect_parameters();
  void collect_assignments();
  void follow_names();
  static void settle(std::map<python::NodeId, Scope>& scopes,
                     const std::map<python::NodeId, Scope>* changed_from);
  void bind(python::NodeId target, const Value& value, python::NodeId value_node, Binding binding);
  void record(python::NodeId where, const std::string& name, const Value& value);
  void record_attribute(python::NodeId where, const std::string& name, const Value& value);
  Value evaluate(python::NodeId node) const;
  using AttributeSeen = std::function<void(python::NodeId trailer, const Value& receiver)>;
  Value evaluate_primary(python::NodeId primary, uint32_t end,
                         const AttributeSeen& attribute_seen = {}) const;
  Value evaluate_operands(python::NodeId node) const;
  Value call_of_name(const std::string& name, python::NodeId where) const;
  Value lookup(const std::string& name, python::NodeId where) const;
  Value annotation_value(python::NodeId annotation) const;
  python::NodeId function_around(python::NodeId node) const;
  python::NodeId class_around(python::NodeId node) const;
  void find_unmapped_attributes();

  const python::SyntaxTree& tree_;
  const rewrite::NameResolver& resolver_;
  TensorFacts facts_;
  std::vector<rewrite::FunctionDef> functions_;
  std::vector<rewrite::ClassDef> classes_;
  std::set<std::string> class_names_;
  std::optional<rewrite::EnclosingNodes> function_index_;
  std::optional<rewrite::EnclosingNodes> class_index_;
  std::vector<Assignment> assignments_;
  std::map<python::NodeId, Scope> parameters_;      // function node -> its parameters
  std::map<python::NodeId, Scope> scopes_;          // function node (kNoNode: the module) -> names
  std::map<python::NodeId, Scope> attributes_;      // class node -> `self.<name>`
  std::map<python::NodeId, Scope> pending_scopes_;  // the round being evaluated
  std::map<python::NodeId, Scope> pending_attributes_;
  std::vector<UnmappedAttribute> unmapped_;
};

/// Two values where one name holds both: None gives way, a disagreement is unknown.
Value merge_values(const Value& first, const Value& second);

}  // namespace switcheroo::convert
