#include "module_state.h"

#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

#include <algorithm>
#include <map>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

// The method of a class named `name` (the constructor, ...); nullopt when it has none.
std::optional<rewrite::FunctionDef> method_of(const python::SyntaxTree& tree,
                                              const std::vector<rewrite::FunctionDef>& functions,
                                              const rewrite::ClassDef& module,
                                              const std::string& name) {
  for (const auto& function : functions) {
    const NodeId statement =
        function.statement != python::kNoNode ? function.statement : function.node;
    if (tree.node(statement).parent == module.body && function.name == name) return function;
  }
  return std::nullopt;
}

}  // namespace

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

std::string primary_api(const AdapterData& data, const std::string& op) {
  auto found = data.ops.find(op);
  return found == data.ops.end() ? std::string() : found->second.api;
}

std::string keyword_of(const AdapterData& data, const std::string& op, const std::string& argument) {
  auto found = data.ops.find(op);
  if (found == data.ops.end()) return argument;
  auto renamed = found->second.arguments.find(argument);
  return renamed == found->second.arguments.end() ? argument : renamed->second;
}

const Argument* argument_of(const Call& call, std::size_t position, const std::string& keyword) {
  std::size_t index = 0;
  for (const Argument& argument : call.arguments.items) {
    if (argument.kind == Argument::Kind::positional && index++ == position) return &argument;
    if (argument.kind == Argument::Kind::keyword && argument.keyword == keyword) return &argument;
  }
  return nullptr;
}

std::optional<std::string> updated_in_place(const python::SyntaxTree& tree, NodeId primary) {
  if (tree.kind_name(primary) != "primary") return std::nullopt;
  const auto attribute = self_attribute(tree, primary);
  const auto parts = tree.children(primary);
  if (!attribute || parts.size() < 4) return std::nullopt;
  const std::string method = rewrite::token_text(tree, parts[2]);
  const std::string arguments = rewrite::token_text(tree, parts[3]);
  if (method.size() < 3 || method[0] != '.' || method.back() != '_' || method[1] == '_' ||
      arguments.empty() || arguments[0] != '(') {
    return std::nullopt;
  }
  return attribute->second;
}

ModuleState::ModuleState(const python::SyntaxTree& tree, const rewrite::NameResolver& resolver,
                         const AdapterData& source, const AdapterData& target)
    : tree_(tree), resolver_(resolver), source_(source), target_(target) {}

std::string ModuleState::qualified(const Call& call) const {
  return resolver_.qualify(call.dotted_callee).value_or("");
}

bool ModuleState::whole_statement(const Call& call) const {
  const auto parts = inner_nodes(tree_, rewrite::enclosing_statement(tree_, call.primary));
  return parts.size() == 1 &&
         rewrite::token_text(tree_, parts[0]) == rewrite::token_text(tree_, call.primary);
}

std::string ModuleState::buffer_keywords() const {
  auto found = target_.ops.find("buffer");
  std::string keywords;
  if (found == target_.ops.end()) return keywords;
  for (const auto& [name, value] : found->second.injected) keywords += ", " + name + "=" + value;
  return keywords;
}

bool ModuleState::passes_buffer_keywords(const Call& call) const {
  auto found = source_.ops.find("buffer");
  if (found == source_.ops.end()) return false;
  for (const auto& [name, value] : found->second.injected) {
    const Argument* given = argument_of(call, std::size_t(-1), name);
    if (given == nullptr || rewrite::token_text(tree_, given->value) != value) return false;
  }
  return true;
}

std::string ModuleState::target_api(const std::string& op) const {
  auto found = target_.ops.find(op);
  if (found == target_.ops.end() || !found->second.gap.empty()) return "";
  return found->second.api;
}

void ModuleState::plan(const std::vector<rewrite::ClassDef>& module_classes,
                       const std::vector<Call>& calls, const TensorValues& values,
                       EditSet& edits, std::vector<Problem>& problems) {
  if (!source_.traits.has_modules() || !target_.traits.has_modules()) return;
  const auto functions = rewrite::find_functions(tree_);
  std::set<std::string> class_names;
  for (const auto& module : module_classes) class_names.insert(module.name);
  // Declared from plain attributes and registrations (a source whose state has a class or
  // whose arrays are parameters keeps the reports below).
  const bool declares = !target_.traits.variables.empty() && source_.traits.variables.empty() &&
                        source_.traits.state_class.empty() &&
                        source_.traits.array_attributes.empty();
  const bool reads = !source_.traits.variables.empty() && target_.traits.variables.empty();
  for (const auto& module : module_classes) {
    const auto constructor = method_of(tree_, functions, module, source_.traits.constructor);
    const NodeId body = constructor ? constructor->body : python::kNoNode;
    if (declares) {
      plan_variables(module, body, forward_pass(module, functions, calls), calls, edits, problems);
      continue;
    }
    if (reads) {
      if (constructor) plan_variables_reading(module, body, calls, edits, problems);
      // Lists and dicts of layers the constructor assigns are the target's containers still.
      plan_array_attributes(body, calls, values, class_names, edits, problems);
      continue;
    }
    std::set<std::string> buffers;
    // State is registered in the constructor and in the methods it calls (swin's
    // `self.define_relative_position_index()`).
    std::vector<NodeId> construction = methods_reached(
        module, functions, calls, constructor_callees(module, module_classes, functions, calls, 0));
    if (constructor) construction.insert(construction.begin(), body);
    plan_registrations(module, construction, calls, buffers, problems);
    if (!construction.empty()) plan_state_reading(module, body, construction, calls, edits, problems);
    plan_array_attributes(body, calls, values, class_names, edits, problems);
    plan_updates(module, body, forward_pass(module, functions, calls), buffers, edits, problems);
  }
  plan_containers(calls);
}

std::vector<NodeId> ModuleState::forward_pass(const rewrite::ClassDef& module,
                                              const std::vector<rewrite::FunctionDef>& functions,
                                              const std::vector<Call>& calls) const {
  // The forward method and the methods it calls as `self.<method>(...)`, transitively.
  return methods_reached(module, functions, calls, {source_.traits.forward_method});
}

// The methods named `pending` and those they call as `self.<method>(...)`, transitively, the
// constructor left out.
std::vector<NodeId> ModuleState::methods_reached(const rewrite::ClassDef& module,
                                                 const std::vector<rewrite::FunctionDef>& functions,
                                                 const std::vector<Call>& calls,
                                                 std::vector<std::string> pending) const {
  std::vector<NodeId> bodies;
  std::set<std::string> seen;
  while (!pending.empty()) {
    const std::string name = pending.back();
    pending.pop_back();
    if (!seen.insert(name).second || name == source_.traits.constructor) continue;
    const auto method = method_of(tree_, functions, module, name);
    if (!method) continue;
    bodies.push_back(method->body);
    for (const Call& call : calls) {
      if (call.dotted_callee.rfind("self.", 0) == 0 &&
          rewrite::is_within(tree_, call.primary, method->body)) {
        pending.push_back(call.dotted_callee.substr(5));
      }
    }
  }
  return bodies;
}

std::vector<std::string> ModuleState::constructor_callees(
    const rewrite::ClassDef& module, const std::vector<rewrite::ClassDef>& module_classes,
    const std::vector<rewrite::FunctionDef>& functions, const std::vector<Call>& calls,
    int depth) const {
  std::vector<std::string> called;
  const auto constructor = method_of(tree_, functions, module, source_.traits.constructor);
  for (const Call& call : calls) {
    if (constructor && call.dotted_callee.rfind("self.", 0) == 0 &&
        call.dotted_callee.find('.', 5) == std::string::npos &&
        rewrite::is_within(tree_, call.primary, constructor->body)) {
      called.push_back(call.dotted_callee.substr(5));
    }
  }
  // A base class of the file whose constructor calls `self.<method>()` calls this class's
  // override of it (swin's V2 attention redefines a table its base's constructor builds).
  for (const Argument& base : module.bases.items) {
    const std::string name = rewrite::token_text(tree_, base.value);
    for (const auto& other : module_classes) {
      if (other.name != name || depth > 8) continue;
      for (auto& inherited : constructor_callees(other, module_classes, functions, calls, depth + 1)) {
        called.push_back(std::move(inherited));
      }
    }
  }
  return called;
}

void ModuleState::plan_registrations(const rewrite::ClassDef& module,
                                     const std::vector<NodeId>& construction,
                                     const std::vector<Call>& calls, std::set<std::string>& buffers,
                                     std::vector<Problem>& problems) {
  for (const auto& [op, method] : source_.traits.register_state) {
    if (target_.traits.register_state.count(op)) continue;  // registered there as well
    for (const Call& call : calls) {
      if (call.dotted_callee != "self." + method ||
          !rewrite::is_within(tree_, call.primary, module.body)) {
        continue;
      }
      const bool constructing =
          std::any_of(construction.begin(), construction.end(),
                      [&](NodeId body) { return rewrite::is_within(tree_, call.primary, body); });
      if (constructing) {
        plan_registration(call, op, buffers, problems);
        continue;
      }
      problems.push_back({call.callee_begin,
                          "cannot convert '" + method + "' outside '" + source_.traits.constructor +
                              "' and the methods it calls: '" + target_.traits.framework +
                              "' keeps module state created in '" + target_.traits.constructor +
                              "'",
                          "kb"});
    }
  }
}

void ModuleState::plan_registration(const Call& call, const std::string& op,
                                    std::set<std::string>& buffers,
                                    std::vector<Problem>& problems) {
  const std::string api = primary_api(source_, op);
  const std::string method = call.dotted_callee.substr(5);
  const uint32_t at = call.callee_begin;
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  const auto parts = inner_nodes(tree_, statement);
  const Argument* name = argument_of(call, 0, "name");
  const Argument* value = argument_of(call, 1, op == "buffer" ? "tensor" : "param");
  const std::string attribute =
      name ? string_literal(rewrite::token_text(tree_, name->value)) : std::string();
  if (attribute.empty() || value == nullptr || parts.size() != 1 ||
      rewrite::token_text(tree_, parts[0]) != rewrite::token_text(tree_, call.primary)) {
    problems.push_back({at, "cannot convert '" + method +
                                "': only a statement of its own with a literal name and a "
                                "value converts",
                        "kb"});
    return;
  }
  for (const Argument& argument : call.arguments.items) {
    if (argument.kind == Argument::Kind::keyword && argument.keyword == "persistent" &&
        rewrite::token_text(tree_, argument.value) != "True") {
      problems.push_back({at, "cannot convert '" + method + "' with 'persistent=" +
                                  rewrite::token_text(tree_, argument.value) + "': '" +
                                  target_.traits.framework + "' keeps all module state",
                          "kb"});
      return;
    }
  }
  std::string wrapper;
  std::string after;
  if (op == "buffer") {
    wrapper = target_api("buffer");
    if (wrapper.empty() && !target_.traits.freeze.empty()) {
      after = "\n" + rewrite::indentation_of(tree_, parts[0]) + freeze_statement(attribute);
    } else if (wrapper.empty()) {
      problems.push_back({at, "no mapping for '" + api + "' to '" + target_.traits.framework + "'",
                          "kb"});
      return;
    }
    buffers.insert(attribute);
  }
  handled_.insert(call.primary);
  statements_.push_back({parts[0], "self." + attribute + " = ", wrapper, value->value, after,
                         wrapper.empty() || op != "buffer" ? "" : buffer_keywords()});
}

void ModuleState::read_state_value(const SelfAssignment& assignment, const Call& call,
                                   NodeId value, bool array) {
  const std::string self_name = "self." + assignment.name + " = ";
  auto registration = target_.traits.register_state.find("buffer");
  if (!array) {
    handled_.insert(call.primary);
    statements_.push_back({assignment.assignment, self_name, "", value, "", ""});
  } else if (registration != target_.traits.register_state.end()) {
    handled_.insert(call.primary);
    statements_.push_back({assignment.assignment,
                           "self." + registration->second + "('" + assignment.name + "', ", "",
                           value, ")", ""});
  } else if (!target_.traits.freeze.empty()) {
    handled_.insert(call.primary);  // an array the target freezes
    statements_.push_back({assignment.assignment, self_name, "", value,
                           "\n" + rewrite::indentation_of(tree_, assignment.assignment) +
                               freeze_statement(assignment.name),
                           ""});
  }  // else a call of the target's buffer, or reported: the engine's
}

void ModuleState::plan_state_reading(const rewrite::ClassDef& module, NodeId constructor,
                                     const std::vector<NodeId>& construction,
                                     const std::vector<Call>& calls, EditSet& edits,
                                     std::vector<Problem>& problems) {
  const std::string& value_attribute = source_.traits.state_value;
  // Towards a state class written by methods, a state class read through `.value` becomes
  // it; from one written by methods too, the engine converts the calls.
  const bool to_writes = !target_.traits.state_writes.empty();
  if (source_.traits.state_class.empty() || !target_.traits.state_value.empty() ||
      (to_writes && value_attribute.empty())) {
    return;
  }
  std::map<NodeId, const Call*> by_primary;
  for (const Call& call : calls) by_primary[call.primary] = &call;
  const std::string buffer_api = primary_api(source_, "buffer");
  const std::string parameter_api = primary_api(source_, "parameter");
  std::set<std::string> state;
  std::vector<NodeId> statements;
  for (NodeId body : construction) {
    for (NodeId statement : inner_nodes(tree_, body)) statements.push_back(statement);
  }
  for (NodeId statement : statements) {
    const auto assignment = self_assignment(tree_, statement);
    if (!assignment) continue;
    auto found = by_primary.find(assignment->value);
    if (found == by_primary.end()) continue;
    const Call& call = *found->second;
    const std::string api = qualified(call);
    if (api != source_.traits.state_class && api != buffer_api && api != parameter_api) continue;
    state.insert(assignment->name);
    const Argument* value = argument_of(call, 0, keyword_of(source_, "buffer", "data"));
    // A parameter converts itself (where the buffer's API is the parameter's, a buffer passes
    // the buffer's keywords: `Variable(v, trainable=False)`).
    const bool buffer = api == buffer_api && (api != parameter_api || passes_buffer_keywords(call));
    const bool counter = api == source_.traits.state_class && value != nullptr &&
                         tree_.kind_name(value->value) == "atom" && !by_primary.count(value->value);
    if ((api == parameter_api && !buffer && !counter) || value == nullptr) continue;
    if (to_writes) {
      if (api == source_.traits.state_class && !buffer) {
        handled_.insert(call.primary);
        statements_.push_back({assignment->assignment, "self." + assignment->name + " = ",
                               target_.traits.state_class, value->value, "",
                               target_api("buffer") == target_.traits.state_class
                                   ? buffer_keywords()
                                   : ""});
      }
      continue;  // a buffer or parameter: the engine's
    }
    // A state class holding a plain value (a counter) is a plain attribute; an array (the
    // source's buffer class holds nothing else, a name included) is a buffer, registered (or
    // frozen) where the target does so.
    const bool array = (buffer && api != source_.traits.state_class) ||
                       tree_.kind_name(value->value) != "atom" || by_primary.count(value->value) > 0;
    read_state_value(*assignment, call, value->value, array);
  }
  plan_state_writes_reading(module, constructor, calls, state);
  if (value_attribute.empty()) return;
  // `self.<state>.value` outside the constructor and the methods it calls is the value
  // itself (inside them, an initializer hook may be writing the value).
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto primary = static_cast<NodeId>(index);
    if (tree_.kind_name(primary) != "primary" ||
        !rewrite::is_within(tree_, primary, module.body) ||
        std::any_of(construction.begin(), construction.end(),
                    [&](NodeId body) { return rewrite::is_within(tree_, primary, body); })) {
      continue;
    }
    const auto attribute = self_attribute(tree_, primary);
    const auto parts = tree_.children(primary);
    if (!attribute || !state.count(attribute->second) || parts.size() < 3 ||
        rewrite::token_text(tree_, parts[2]) != "." + value_attribute) {
      continue;
    }
    if (to_writes && plan_value_write(primary, attribute->second, problems)) continue;
    edits.replace(tree_.node(parts[2]).begin, tree_.node(parts[2]).end, "");
  }
}

std::map<std::string, uint32_t> ModuleState::updated_attributes(
    const std::vector<NodeId>& forward_pass) const {
  // Attributes that the forward pass assigns or updates in place: (name, first update).
  std::map<std::string, uint32_t> updated;
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (std::none_of(forward_pass.begin(), forward_pass.end(),
                     [&](NodeId body) { return rewrite::is_within(tree_, node, body); })) {
      continue;
    }
    if (auto name = updated_in_place(tree_, node)) updated.emplace(*name, tree_.node(node).begin);
    if (tree_.kind_name(node) != "expression_stmt") continue;
    const auto parts = tree_.children(node);
    if (parts.size() != 3 ||
        (tree_.kind_name(parts[1]) != "EQUAL" && tree_.kind_name(parts[1]) != "augassign")) {
      continue;
    }
    const std::string assigned = rewrite::token_text(tree_, parts[0]);
    if (assigned.rfind("self.", 0) != 0 || assigned.find_first_of(".[(", 5) != std::string::npos) {
      continue;
    }
    updated.emplace(assigned.substr(5), tree_.node(node).begin);
  }
  return updated;
}

void ModuleState::plan_updates(const rewrite::ClassDef& module, NodeId constructor,
                               const std::vector<NodeId>& forward_pass,
                               const std::set<std::string>& buffers, EditSet& edits,
                               std::vector<Problem>& problems) {
  const AdapterTraits& target = target_.traits;
  if (!source_.traits.state_class.empty()) return;
  if (target.state_class.empty() && !target.pure_functions) return;
  const auto updated = updated_attributes(forward_pass);
  if (updated.empty()) return;
  if (target.state_class.empty()) {
    for (const auto& [name, offset] : updated) {
      problems.push_back({offset, "module attribute '" + name + "' is updated in the forward "
                                      "pass: '" + target.framework + "' has no module state for it",
                          "purity"});
    }
    return;
  }
  std::set<std::string> held;
  for (NodeId statement :
       constructor == python::kNoNode ? std::vector<NodeId>() : inner_nodes(tree_, constructor)) {
    const auto assignment = self_assignment(tree_, statement);
    if (!assignment || !updated.count(assignment->name) || held.count(assignment->name)) continue;
    held.insert(assignment->name);
    if (buffers.count(assignment->name)) continue;
    // State a forward pass updates is not trained: written as a buffer where the buffer's
    // API is the state class.
    statements_.push_back({assignment->assignment, "self." + assignment->name + " = ",
                           target.state_class, assignment->value, "",
                           target_api("buffer") == target.state_class ? buffer_keywords() : ""});
  }
  for (const auto& [name, offset] : updated) {
    if (held.count(name) || buffers.count(name)) continue;
    problems.push_back({offset, "module attribute '" + name + "' is first set in the forward "
                                    "pass: '" + target.framework + "' keeps module state created in '" +
                                    target.constructor + "'",
                        "purity"});
  }
  for (const auto& name : buffers) held.insert(name);
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto primary = static_cast<NodeId>(index);
    if (tree_.kind_name(primary) != "primary" ||
        !rewrite::is_within(tree_, primary, module.body) ||
        (constructor != python::kNoNode && rewrite::is_within(tree_, primary, constructor))) {
      continue;
    }
    const auto attribute = self_attribute(tree_, primary);
    if (!attribute || !held.count(attribute->second) || !updated.count(attribute->second)) {
      continue;
    }
    held_.insert(attribute->second);
    if (target.state_value.empty()) continue;  // read as it is, written by its methods
    const auto& trailer = tree_.node(attribute->first);
    edits.replace(trailer.begin, trailer.end,
                  "." + attribute->second + "." + target.state_value);
  }
  if (!target.state_writes.empty()) plan_state_writes(forward_pass, held, problems);
}

void ModuleState::plan_containers(const std::vector<Call>& calls) {
  const std::string parameter_api = primary_api(source_, "parameter");
  for (const auto& [held, container] :
       {std::pair<std::string, std::string>{"module_list", "parameter_list"},
        {"module_dict", "parameter_dict"}}) {
    const std::string api = primary_api(source_, held);
    if (api.empty() || api != primary_api(source_, container)) continue;  // no ambiguity
    const std::string written = target_api(container);
    if (written.empty()) continue;
    for (const Call& call : calls) {
      if (qualified(call) != api || call.arguments.items.size() != 1) continue;
      const NodeId argument = call.arguments.items[0].value;
      // The outermost calls inside the argument must all make parameters.
      std::vector<const Call*> inside;
      for (const Call& other : calls) {
        if (rewrite::is_within(tree_, other.primary, argument)) inside.push_back(&other);
      }
      bool all = !inside.empty();
      for (const Call* other : inside) {
        bool outermost = true;
        for (const Call* outer : inside) {
          if (outer != other && rewrite::is_within(tree_, other->primary, outer->trailer)) {
            outermost = false;
          }
        }
        if (outermost && qualified(*other) != parameter_api) all = false;
      }
      if (!all) continue;
      handled_.insert(call.primary);
      callees_.push_back({&call, written});
    }
  }
}

void ModuleState::rewrite(EditSet& edits, TargetSpelling& spelling) const {
  for (const WrapEdit& edit : wraps_) {
    const auto& node = tree_.node(edit.expression);
    edits.replace(node.begin, node.end,
                  spelling.api(edit.api) + "(" + edits.text(node.begin, node.end) + ")");
  }
  for (const StatementEdit& edit : statements_) {
    const auto& whole = tree_.node(edit.statement);
    const auto& value = tree_.node(edit.value);
    std::string text = edits.text(value.begin, value.end);
    if (!edit.api.empty()) text = spelling.api(edit.api) + "(" + text + edit.keywords + ")";
    edits.replace(whole.begin, whole.end, edit.prefix + text + edit.suffix);
  }
  for (const ComposedEdit& edit : composed_) {
    std::string text;
    for (const Piece& piece : edit.pieces) {
      if (piece.node != python::kNoNode) {
        text += edits.text(tree_.node(piece.node).begin, tree_.node(piece.node).end);
      } else {
        text += piece.api.empty() ? piece.text : spelling.api(piece.api);
      }
    }
    edits.replace(tree_.node(edit.replaced).begin, tree_.node(edit.replaced).end, text);
  }
  for (const CalleeEdit& edit : callees_) {
    edits.replace(edit.call->callee_begin, edit.call->callee_end, spelling.api(edit.api));
  }
}

}  // namespace switcheroo::convert
