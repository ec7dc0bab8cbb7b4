#include "tensor_values.h"

#include <algorithm>

namespace switcheroo::convert {

using python::kNoNode;
using python::NodeId;
using python::SyntaxTree;

namespace {

// Python's own callables whose result is never an array (len, range, isinstance, ...): facts of
// the language, not of a framework. Callables that may give an array back (max, abs, sum,
// round, getattr) are not listed.
const std::set<std::string>& non_array_builtins() {
  static const std::set<std::string> names = {
      "bool",       "dict",       "enumerate", "float", "format", "hasattr", "id",       "int",
      "isinstance", "issubclass", "len",       "list",  "print",  "range",   "repr",     "set",
      "sorted",     "str",        "super",     "tuple", "type",   "zip",     "callable", "object"};
  return names;
}

// Annotations that name something other than an array.
const std::set<std::string>& non_array_annotations() {
  static const std::set<std::string> names = {"int",  "float", "bool", "str",  "bytes",  "dict",
                                              "list", "tuple", "set",  "None", "complex"};
  return names;
}

bool is_kind(const SyntaxTree& tree, NodeId node, std::string_view name) {
  return node != kNoNode && tree.kind_name(node) == name;
}

// The assigned names of a target list element: `a`, `(a, b)`, `[a, b]`, `a, b`.
std::vector<NodeId> elements_of(const SyntaxTree& tree, NodeId node) {
  std::vector<NodeId> elements;
  for (NodeId child : tree.children(node)) {
    if (!tree.is_token(child)) elements.push_back(child);
  }
  return elements;
}

bool has_comma(const SyntaxTree& tree, NodeId node) {
  for (NodeId child : tree.children(node)) {
    if (tree.kind_name(child) == "COMMA") return true;
  }
  return false;
}

// The element a tuple-shaped value holds at `index` when it is written out (`a, b = x, y`).
NodeId written_element(const SyntaxTree& tree, NodeId value, size_t index, size_t count) {
  NodeId inner = value;
  if (is_kind(tree, inner, "parenthesized") || is_kind(tree, inner, "list_display")) {
    const auto children = tree.children(inner);
    if (children.size() == 3 && !tree.is_token(children[1])) inner = children[1];
  }
  if (!(is_kind(tree, inner, "star_expressions") || is_kind(tree, inner, "parenthesized") ||
        is_kind(tree, inner, "list_display")) ||
      !has_comma(tree, inner)) {
    return kNoNode;
  }
  const auto elements = elements_of(tree, inner);
  return elements.size() == count ? elements[index] : kNoNode;
}

}  // namespace

Value merge_values(const Value& first, const Value& second) {
  if (first.kind == ValueKind::none || first.kind == ValueKind::pending) return second;
  if (second.kind == ValueKind::none || second.kind == ValueKind::pending) return first;
  if (first == second) return first;
  return Value{};
}

TensorValues::TensorValues(const SyntaxTree& tree, const rewrite::NameResolver& resolver,
                           TensorFacts facts)
    : tree_(tree),
      resolver_(resolver),
      facts_(std::move(facts)),
      functions_(rewrite::find_functions(tree)),
      classes_(rewrite::find_classes(tree)) {
  std::vector<NodeId> function_nodes;
  for (const auto& function : functions_) function_nodes.push_back(function.node);
  std::vector<NodeId> class_nodes;
  for (const auto& definition : classes_) {
    class_nodes.push_back(definition.node);
    class_names_.insert(definition.name);
  }
  function_index_.emplace(tree, function_nodes);
  class_index_.emplace(tree, class_nodes);
  collect_parameters();
  collect_assignments();
  follow_names();
  find_unmapped_attributes();
}

// Every name (or attribute) still pending becomes unknown; with `changed_from`, also every one of
// a scope whose names differ from that view's.
void TensorValues::settle(std::map<NodeId, Scope>& scopes,
                          const std::map<NodeId, Scope>* changed_from) {
  for (auto& [owner, scope] : scopes) {
    bool changed = false;
    if (changed_from != nullptr) {
      const auto before = changed_from->find(owner);
      changed = before == changed_from->end() || !(before->second == scope);
    }
    for (auto& [name, value] : scope.names) {
      if (changed || value.kind == ValueKind::pending) value = Value{};
    }
  }
}

// Names flow from names: every binding is evaluated against the previous round's view until
// nothing changes. Every assigned name starts pending, which gives way to what its other
// bindings hold, so `x = x.permute(...)` keeps the tensor `x = a - b` gave. Values only rise
// (pending, then a kind, then unknown), so the rounds end; when they do not end in time, every
// name of a scope still changing is unknown.
void TensorValues::follow_names() {
  for (const Assignment& assignment : assignments_) {
    bind(assignment.target, Value{ValueKind::pending, {}}, kNoNode, assignment.binding);
  }
  scopes_ = std::move(pending_scopes_);
  attributes_ = std::move(pending_attributes_);
  bool stable = false;
  for (int round = 0; round < 16 && !stable; ++round) {
    pending_scopes_.clear();
    pending_attributes_.clear();
    for (const Assignment& assignment : assignments_) {
      bind(assignment.target, evaluate(assignment.value), assignment.value, assignment.binding);
    }
    stable = pending_scopes_ == scopes_ && pending_attributes_ == attributes_;
    std::swap(scopes_, pending_scopes_);
    std::swap(attributes_, pending_attributes_);
  }
  settle(scopes_, stable ? nullptr : &pending_scopes_);
  settle(attributes_, stable ? nullptr : &pending_attributes_);
  pending_scopes_.clear();
  pending_attributes_.clear();
}

NodeId TensorValues::function_around(NodeId node) const {
  const auto found = function_index_->innermost(node);
  return found ? functions_[*found].node : kNoNode;
}

NodeId TensorValues::class_around(NodeId node) const {
  const auto found = class_index_->innermost(node);
  return found ? classes_[*found].node : kNoNode;
}

Value TensorValues::annotation_value(NodeId annotation) const {
  std::string text = rewrite::token_text(tree_, annotation);
  for (const char* wrapper : {"Optional[", "typing.Optional["}) {
    const std::string prefix = wrapper;
    if (text.rfind(prefix, 0) == 0 && text.back() == ']') {
      text = text.substr(prefix.size(), text.size() - prefix.size() - 1);
    }
  }
  if (const auto qualified = resolver_.qualify(text);
      qualified && !facts_.array_type.empty() && *qualified == facts_.array_type) {
    return Value{ValueKind::tensor, {}};
  }
  const std::string head = text.substr(0, text.find('['));
  if (non_array_annotations().count(head) || head == "Tuple" || head == "List" || head == "Dict" ||
      head == "Sequence") {
    return Value{ValueKind::other, {}};
  }
  return Value{};
}

void TensorValues::collect_parameters() {
  for (const auto& function : functions_) {
    const NodeId owner = class_around(function.node);
    const bool entry_point = owner != kNoNode && facts_.entry_points.count(function.name) > 0;
    Scope& scope = parameters_[function.node];
    bool first = true;
    for (const auto& parameter : function.parameters.items) {
      if (parameter.name.empty()) continue;
      const auto parts = tree_.children(parameter.node);
      const bool starred =
          !parts.empty() && tree_.is_token(parts[0]) &&
          (tree_.kind_name(parts[0]) == "STAR" || tree_.kind_name(parts[0]) == "DOUBLESTAR");
      NodeId annotation = kNoNode;
      NodeId default_value = kNoNode;
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        if (tree_.kind_name(parts[i]) == "COLON") annotation = parts[i + 1];
        if (tree_.kind_name(parts[i]) == "EQUAL") default_value = parts[i + 1];
      }
      Value value;
      if (starred) {
        value = Value{ValueKind::other, {}};
      } else if (annotation != kNoNode) {
        value = annotation_value(annotation);
      } else if (entry_point && !first) {
        // forward(self, x, mask=None): tensors, unless a default says otherwise (n=2).
        const std::string written =
            default_value == kNoNode ? "None" : rewrite::token_text(tree_, default_value);
        value = written == "None" ? Value{ValueKind::tensor, {}} : evaluate(default_value);
        if (value.kind != ValueKind::tensor && value.kind != ValueKind::other) value = Value{};
      }
      if (!(first && owner != kNoNode)) scope.names[parameter.name] = value;
      first = false;
    }
  }
}

void TensorValues::collect_assignments() {
  for (NodeId id = 0; id < tree_.size(); ++id) {
    const std::string_view kind = tree_.kind_name(id);
    if (kind == "expression_stmt") {
      const auto parts = tree_.children(id);
      if (parts.size() >= 3 && tree_.kind_name(parts[1]) == "EQUAL") {
        for (size_t i = 0; i + 2 < parts.size(); i += 2) {
          assignments_.push_back({parts[i], parts.back(), Binding::assign});
        }
      } else if (parts.size() == 2 && is_kind(tree_, parts[1], "annotation")) {
        const auto annotation = tree_.children(parts[1]);
        if (annotation.size() == 4)
          assignments_.push_back({parts[0], annotation[3], Binding::assign});
      } else if (parts.size() == 3 && is_kind(tree_, parts[1], "augassign")) {
        // x += y: x keeps what it held when y is a number; y's tensor makes x one.
        assignments_.push_back({parts[0], parts[2], Binding::assign});
      }
    } else if (kind == "for_stmt" || kind == "for_if_clause") {
      const auto parts = tree_.children(id);
      for (size_t i = 0; i + 3 < parts.size(); ++i) {
        if (tree_.kind_name(parts[i]) == "FOR" && tree_.kind_name(parts[i + 2]) == "IN") {
          assignments_.push_back({parts[i + 1], parts[i + 3], Binding::iterate});
        }
      }
    } else if (kind == "named_expression") {
      const auto parts = tree_.children(id);
      if (parts.size() == 3) assignments_.push_back({parts[0], parts[2], Binding::assign});
    }
  }
}

void TensorValues::record(NodeId where, const std::string& name, const Value& value) {
  const NodeId function = function_around(where);
  auto& names = pending_scopes_[function].names;
  auto [found, inserted] = names.emplace(name, value);
  if (!inserted) found->second = merge_values(found->second, value);
}

void TensorValues::record_attribute(NodeId where, const std::string& name, const Value& value) {
  const NodeId owner = class_around(where);
  if (owner == kNoNode) return;
  auto& names = pending_attributes_[owner].names;
  auto [found, inserted] = names.emplace(name, value);
  if (!inserted) found->second = merge_values(found->second, value);
}

void TensorValues::bind(NodeId target, const Value& value, NodeId value_node, Binding binding) {
  if (binding == Binding::iterate || binding == Binding::unpack) {
    // An element of a tensor, or of a tuple of tensors, is a tensor.
    const bool arrays = value.kind == ValueKind::tensor || value.kind == ValueKind::tensors;
    const Value element = arrays                             ? Value{ValueKind::tensor, {}}
                          : value.kind == ValueKind::pending ? value
                                                             : Value{};
    if (binding == Binding::iterate) {
      bind(target, element, kNoNode, Binding::assign);
      return;
    }
    const auto elements = elements_of(tree_, target);
    for (size_t i = 0; i < elements.size(); ++i) {
      const NodeId written =
          value_node == kNoNode ? kNoNode : written_element(tree_, value_node, i, elements.size());
      bind(elements[i], written == kNoNode ? element : evaluate(written), kNoNode, Binding::assign);
    }
    return;
  }
  const std::string_view kind = tree_.kind_name(target);
  if (kind == "star_expressions" || kind == "star_targets" ||
      ((kind == "parenthesized" || kind == "list_display") && has_comma(tree_, target))) {
    bind(target, value, value_node, Binding::unpack);
    return;
  }
  if (kind == "parenthesized") {
    const auto children = tree_.children(target);
    if (children.size() == 3) bind(children[1], value, value_node, binding);
    return;
  }
  if (kind == "star_target") return;  // *rest: a list
  if (kind == "atom" || kind == "NAME") {
    const NodeId name = kind == "atom" ? tree_.children(target)[0] : target;
    if (tree_.kind_name(name) == "NAME") record(target, std::string(tree_.text(name)), value);
    return;
  }
  if (kind == "primary") {
    const auto parts = tree_.children(target);
    if (parts.size() == 2 && rewrite::token_text(tree_, parts[0]) == "self") {
      const std::string trailer = rewrite::token_text(tree_, parts[1]);
      if (trailer.size() > 1 && trailer[0] == '.')
        record_attribute(target, trailer.substr(1), value);
    }
  }
}

Value TensorValues::lookup(const std::string& name, NodeId where) const {
  for (NodeId function = function_around(where);;
       function = function_around(tree_.node(function).parent)) {
    if (function != kNoNode) {
      std::optional<Value> held;
      if (auto scope = parameters_.find(function); scope != parameters_.end()) {
        if (auto found = scope->second.names.find(name); found != scope->second.names.end()) {
          held = found->second;
        }
      }
      if (auto scope = scopes_.find(function); scope != scopes_.end()) {
        if (auto found = scope->second.names.find(name); found != scope->second.names.end()) {
          held = held ? merge_values(*held, found->second) : found->second;
        }
      }
      if (held) return *held;
      continue;
    }
    if (auto scope = scopes_.find(kNoNode); scope != scopes_.end()) {
      if (auto found = scope->second.names.find(name); found != scope->second.names.end()) {
        return found->second;
      }
    }
    break;
  }
  if (class_names_.count(name) || resolver_.qualify(name)) return Value{ValueKind::other, {}};
  return Value{};
}

Value TensorValues::call_of_name(const std::string& name, NodeId where) const {
  if (class_names_.count(name) || non_array_builtins().count(name)) {
    return Value{ValueKind::other, {}};
  }
  const Value held = lookup(name, where);
  if (held.kind == ValueKind::layer) return facts_.layer_call(held.api);
  if (held.kind == ValueKind::pending) return held;
  return Value{};
}

// The value of a primary (`atom trailer*`) up to the trailers that end by `end`.
Value TensorValues::evaluate_primary(NodeId primary, uint32_t end,
                                     const AttributeSeen& attribute_seen) const {
  std::vector<NodeId> parts;
  for (NodeId child : tree_.children(primary)) {
    if (tree_.node(child).end <= end) parts.push_back(child);
  }
  if (parts.empty()) return Value{};
  const std::string head = rewrite::token_text(tree_, parts[0]);
  const bool named = is_kind(tree_, parts[0], "atom") &&
                     tree_.is_token(tree_.children(parts[0])[0]) &&
                     tree_.kind_name(tree_.children(parts[0])[0]) == "NAME";
  const bool self_head = named && head == "self";
  // Only a name an import binds starts a qualified API (`nn.functional.relu`).
  std::string dotted = named && resolver_.qualify(head) ? head : std::string();
  Value current = self_head ? Value{ValueKind::other, {}} : evaluate(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    if (current.kind == ValueKind::pending) return current;  // so is all it leads to
    const std::string trailer = rewrite::token_text(tree_, parts[i]);
    const bool called = i + 1 < parts.size() && tree_.text(parts[i + 1]).substr(0, 1) == "(";
    if (trailer[0] == '.') {
      const std::string name = trailer.substr(1);
      if (!dotted.empty() && resolver_.qualify(dotted + trailer) &&
          current.kind != ValueKind::tensor) {
        dotted += trailer;
        current = Value{ValueKind::other, {}};
        continue;
      }
      if (self_head && i == 1) {
        const auto owner = attributes_.find(class_around(primary));
        current = Value{};
        if (owner != attributes_.end()) {
          if (auto found = owner->second.names.find(name); found != owner->second.names.end()) {
            current = found->second;
          }
        }
        dotted.clear();
        continue;
      }
      dotted.clear();
      if (attribute_seen && !called) attribute_seen(parts[i], current);
      if (current.kind == ValueKind::tensor && called) {
        current = facts_.method(name).value_or(Value{});
        ++i;  // the call's trailer
      } else if (current.kind == ValueKind::tensor) {
        current = facts_.attribute(name).value_or(Value{});
      } else {
        current = Value{};
      }
      continue;
    }
    if (trailer[0] == '(') {
      if (const auto qualified = dotted.empty() ? std::nullopt : resolver_.qualify(dotted)) {
        current = facts_.api_call(*qualified);
      } else if (current.kind == ValueKind::layer) {
        current = facts_.layer_call(current.api);
      } else if (i == 1 && named && !self_head) {
        current = call_of_name(head, primary);
      } else {
        current = Value{};
      }
      dotted.clear();
      continue;
    }
    // A subscript of an array, or of a tuple of arrays, is an array.
    dotted.clear();
    const bool arrays = current.kind == ValueKind::tensor || current.kind == ValueKind::tensors;
    current = arrays ? Value{ValueKind::tensor, {}} : Value{};
  }
  return current;
}

// Arithmetic and comparisons: a tensor operand makes the result a tensor; numbers (or strings)
// alone give a number (or a string, a bool).
Value TensorValues::evaluate_operands(NodeId node) const {
  bool all_other = true;
  bool pending = false;
  for (NodeId child : tree_.children(node)) {
    if (tree_.is_token(child) && tree_.kind_name(child) != "NAME" &&
        tree_.kind_name(child) != "NUMBER") {
      continue;
    }
    if (is_kind(tree_, child, "comparison_operator")) continue;
    const Value operand = evaluate(child);
    if (operand.kind == ValueKind::tensor) return operand;
    pending = pending || operand.kind == ValueKind::pending;
    if (operand.kind != ValueKind::other) all_other = false;
  }
  if (pending) return Value{ValueKind::pending, {}};
  return all_other ? Value{ValueKind::other, {}} : Value{};
}

Value TensorValues::evaluate(NodeId node) const {
  if (node == kNoNode) return Value{};
  const std::string_view kind = tree_.kind_name(node);
  if (kind == "NAME") return lookup(std::string(tree_.text(node)), node);
  if (kind == "NONE") return Value{ValueKind::none, {}};
  if (kind == "NUMBER" || kind == "TRUE" || kind == "FALSE" || kind == "ELLIPSIS" ||
      kind == "strings" || kind == "STRING" || kind == "fstring" || kind == "list_display" ||
      kind == "dict_or_set_display" || kind == "lambdef" || kind == "inversion" ||
      kind == "star_expressions") {
    return Value{ValueKind::other, {}};
  }
  if (kind == "atom") return evaluate(tree_.children(node)[0]);
  if (kind == "parenthesized") {
    const auto children = tree_.children(node);
    if (children.size() == 3 && !tree_.is_token(children[1]) && !has_comma(tree_, node)) {
      return evaluate(children[1]);
    }
    return Value{ValueKind::other, {}};  // a tuple, a generator
  }
  if (kind == "primary") return evaluate_primary(node, tree_.node(node).end);
  if (kind == "sum" || kind == "term" || kind == "factor" || kind == "power" ||
      kind == "shift_expr" || kind == "bitwise_or" || kind == "bitwise_xor" ||
      kind == "bitwise_and") {
    return evaluate_operands(node);
  }
  if (kind == "comparison") return evaluate_operands(node);
  if (kind == "expression") {
    const auto children = tree_.children(node);
    if (children.size() == 5) return merge_values(evaluate(children[0]), evaluate(children[4]));
    return Value{};
  }
  if (kind == "named_expression") {
    const auto children = tree_.children(node);
    return children.size() == 3 ? evaluate(children[2]) : Value{};
  }
  return Value{};
}

Value TensorValues::value_of(NodeId expression) const {
  return evaluate(expression);
}

Value TensorValues::receiver_of(const rewrite::Call& call) const {
  if (call.method.empty()) return Value{};
  const NodeId primary = call.primary;
  if (!is_kind(tree_, primary, "primary")) return Value{};
  return evaluate_primary(primary, call.receiver_end);
}

void TensorValues::find_unmapped_attributes() {
  // Each primary once, its attributes seen in order: a chain `x.a.b.c...` stays linear.
  auto seen = [this](NodeId trailer, const Value& receiver) {
    if (receiver.kind != ValueKind::tensor) return;
    const std::string name(tree_.text(trailer).substr(1));
    if (!facts_.attribute(name)) unmapped_.push_back({trailer, name});
  };
  for (NodeId id = 0; id < tree_.size(); ++id) {
    if (tree_.kind_name(id) == "primary") evaluate_primary(id, tree_.node(id).end, seen);
  }
}

}  // namespace switcheroo::convert
